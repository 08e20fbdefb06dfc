/* commands — one function per sub-command; each wires I/O to the pure
 * transforms. main.c only parses global options and dispatches. */
#ifndef READS_COMMANDS_H
#define READS_COMMANDS_H

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

/* Each takes the command's own arguments (argv[0] is the command name) and
 * returns an enum reads_exit. "--help" prints the command's usage on
 * stdout and returns EXIT_OK. */
int cmd_check(const struct cli *cli, int argc, char **argv);
int cmd_parse(const struct cli *cli, int argc, char **argv);
int cmd_extract(const struct cli *cli, int argc, char **argv);
int cmd_fetch(const struct cli *cli, int argc, char **argv);
int cmd_draft(const struct cli *cli, int argc, char **argv);
int cmd_export(const struct cli *cli, int argc, char **argv);
int cmd_add(const struct cli *cli, int argc, char **argv);
int cmd_status(const struct cli *cli, int argc, char **argv);
int cmd_publish(const struct cli *cli, int argc, char **argv);

/* True when argv holds "--help" or "-h" before any "--". */
bool cli_wants_help(int argc, char **argv);

/* Prints "reads: COMMAND: message" and a hint to run --help; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...) PRINTF_LIKE(2, 3);

#endif
