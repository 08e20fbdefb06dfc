/* workspace — what every command that touches the archive starts with: the
 * config loaded (errors printed as FILE:LINE:COL), the archive beside it
 * opened, and an advisory lock held so two runs never interleave. */
#ifndef READS_WORKSPACE_H
#define READS_WORKSPACE_H

#include "archive.h"
#include "commands.h"
#include "config.h"

struct workspace {
	struct config *cfg;
	struct archive *archive;
	int lock_fd;
	bool network;		/* libcurl initialised for this run */
};

/* Loads cli->config_path and opens its archive under an exclusive lock (a
 * second run waits for the first); with `network`, also initialises libcurl
 * (commands that never fetch skip its TLS start-up cost). Returns EXIT_OK,
 * or the exit status to return (the problem already printed). Release with
 * workspace_close(). */
int workspace_open(const struct cli *cli, struct workspace *ws, bool network);

/* Closes the archive, releases the lock, frees the config. */
void workspace_close(struct workspace *ws);

/* Loads and prints the config's problems; NULL when there were any. */
struct config *workspace_load_config(const struct cli *cli);

#endif
