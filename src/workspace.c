#include "workspace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "fileio.h"
#include "log.h"

struct config *workspace_load_config(const struct cli *cli)
{
	struct strlist errors;
	strlist_init(&errors);
	struct config *cfg = config_load(cli->config_path, &errors);
	for (size_t i = 0; i < errors.n; i++)
		fprintf(stderr, "%s\n", errors.v[i]);
	if (!cfg && errors.n == 0)
		fprintf(stderr, "%s: cannot load the configuration\n", cli->config_path);
	strlist_finish(&errors);
	return cfg;
}

int workspace_open(const struct cli *cli, struct workspace *ws)
{
	memset(ws, 0, sizeof *ws);
	ws->lock_fd = -1;
	ws->cfg = workspace_load_config(cli);
	if (!ws->cfg)
		return EXIT_USAGE;
	char *err = NULL;
	if (cli->archive_path) {
		free(ws->cfg->archive);
		ws->cfg->archive = strdup(cli->archive_path);
		if (!ws->cfg->archive)
			return EXIT_NOTHING;
	}
	if (!file_make_parents(ws->cfg->archive, &err)) {
		log_error("%s", err);
		free(err);
		return EXIT_NOTHING;
	}
	/* The lock lives in its own file so that SQLite's own locking of the
	 * database is left alone; flock is released by the kernel on any exit,
	 * kill -9 included. */
	char *lock_path = NULL;
	if (asprintf(&lock_path, "%s.lock", ws->cfg->archive) < 0)
		return EXIT_NOTHING;
	ws->lock_fd = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (ws->lock_fd < 0) {
		log_error("%s: %s", lock_path, strerror(errno));
		free(lock_path);
		return EXIT_NOTHING;
	}
	if (flock(ws->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		log_info("%s: another reads run holds the lock; waiting", lock_path);
		while (flock(ws->lock_fd, LOCK_EX) != 0 && errno == EINTR)
			;
	}
	free(lock_path);
	ws->archive = archive_open(ws->cfg->archive, &err);
	if (!ws->archive) {
		log_error("%s", err ? err : "cannot open the archive");
		free(err);
		return EXIT_NOTHING;
	}
	return EXIT_OK;
}

void workspace_close(struct workspace *ws)
{
	archive_close(ws->archive);
	if (ws->lock_fd >= 0)
		close(ws->lock_fd);
	config_destroy(ws->cfg);
	memset(ws, 0, sizeof *ws);
	ws->lock_fd = -1;
}
