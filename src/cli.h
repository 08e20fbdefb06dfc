/* cli — what main.c and every command share about the command line, as
 * git's parse-options is for its builtins: the exit statuses, the global
 * options main.c parses, and how a command answers --help and misuse.
 * main.c and the cmd_*.c modules include this; nothing in it calls up. */
#ifndef READS_CLI_H
#define READS_CLI_H

#include <stdbool.h>

#include "compat.h"
#include "log.h"

/* Exit statuses (DESIGN.md). */
enum reads_exit {
	EXIT_OK = 0,		/* success */
	EXIT_PARTIAL = 1,	/* some sources failed, the rest was done */
	EXIT_USAGE = 2,		/* usage or config error */
	EXIT_NOTHING = 3,	/* nothing could be done */
};

/* Global options, given before the command. */
struct cli {
	const char *config_path;	/* -c FILE; default "feeds.yaml" */
	const char *archive_path;	/* -a FILE; NULL: the config's (default DIR/reads.db) */
	enum log_level level;		/* -q / -v */
	const char *argv0;
};

/* True when argv holds "--help" or "-h" before any "--". */
bool cli_wants_help(int argc, char **argv);

/* Prints "reads: COMMAND: message" and a hint to run --help to stderr;
 * returns EXIT_USAGE (jq's habit: misuse to stderr, exit 2). */
int cli_usage_error(const char *command, const char *fmt, ...) PRINTF_LIKE(2, 3);

#endif
