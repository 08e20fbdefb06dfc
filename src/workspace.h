/* workspace — what every command that touches the archive starts with: the
 * config loaded (errors printed as FILE:LINE:COL), the archive beside it
 * opened, and an advisory lock held so two runs never interleave. */
#ifndef READS_WORKSPACE_H
#define READS_WORKSPACE_H

#include "archive.h"
#include "cli.h"
#include "config.h"

struct workspace {
	struct config *cfg;
	struct archive *archive;
	int lock_fd;
	bool network;		/* libcurl initialised for this run */
};

/* Loads the config at config_path and opens its archive (archive_path, or
 * NULL for the one the config names) under an exclusive lock (a second run
 * waits for the first); with `network`, also initialises libcurl (commands
 * that never fetch skip its TLS start-up cost). Returns EXIT_OK, or the
 * enum reads_exit status to return (the problem already printed). Release
 * with workspace_close(). */
int workspace_open(const char *config_path, const char *archive_path, struct workspace *ws, bool network);

/* Closes the archive, releases the lock, frees the config. */
void workspace_close(struct workspace *ws);

#endif
