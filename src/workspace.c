#include "workspace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "bookmarks.h"
#include "fetch.h"
#include "fileio.h"
#include "limits.h"
#include "log.h"
#include "url.h"

/* Loads the config at path and prints its problems; NULL when there were
 * any. Its warnings go to log_warn (a cron job's run stays silent). Caller
 * frees with config_destroy(). */
static struct config *load_config(const char *path)
{
	struct strlist errors;
	strlist_init(&errors);
	struct config *cfg = config_load(path, &errors);
	for (size_t i = 0; i < errors.n; i++)
		fprintf(stderr, "%s\n", errors.v[i]);
	if (!cfg && errors.n == 0)
		fprintf(stderr, "%s: cannot load the configuration\n", path);
	for (size_t i = 0; cfg && i < cfg->warnings.n; i++)
		log_warn("%s", cfg->warnings.v[i]);
	strlist_finish(&errors);
	return cfg;
}

/* The feeds of every OPML list become feed entries of the config, with the
 * list's filters, so the rest of the program sees one kind of feed. A list
 * that cannot be read is one reported failure; the other sources go on. */
static void expand_opml(struct config *cfg)
{
	size_t n = cfg->n_feeds;
	for (size_t i = 0; i < n; i++) {
		if (cfg->feeds[i].kind != CONFIG_FEED_OPML)
			continue;
		const char *path = cfg->feeds[i].path;
		char *err = NULL, *data = NULL;
		size_t len;
		struct strlist urls, names, http_urls, http_names;
		strlist_init(&urls);
		strlist_init(&names);
		strlist_init(&http_urls);
		strlist_init(&http_names);
		data = file_read(path, LIMIT_BOOKMARK_FILE_BYTES, &len, &err);
		if (!data || !bookmarks_parse_opml(data, len, &urls, &names, &err)) {
			/* file_read's message names the file already; the parser's does not */
			if (data)
				log_error("%s: %s", path, err ? err : "not a subscription list");
			else
				log_error("%s", err ? err : path);
			goto next;
		}
		for (size_t k = 0; k < urls.n; k++) {
			if (!url_is_http(urls.v[k])) {
				log_warn("%s: skipping %s: not an http(s) URL", path, urls.v[k]);
				continue;
			}
			if (!strlist_push(&http_urls, urls.v[k]) ||
			    !strlist_push(&http_names, k < names.n ? names.v[k] : ""))
				goto oom;
		}
		if (!config_add_opml_feeds(cfg, i, &http_urls, &http_names))
			goto oom;
		goto next;
oom:
		log_error("%s: out of memory", path);
next:
		strlist_finish(&urls);
		strlist_finish(&names);
		strlist_finish(&http_urls);
		strlist_finish(&http_names);
		free(data);
		free(err);
	}
}

/* Older reads recorded bookmark files under feeds.yaml's folder as given on
 * the command line (or its absolute form): record them relative to it, so
 * the folder can be moved with its archive. Best effort: a failure only
 * keeps the old names. */
static void relative_sources(struct archive *a, const char *dir)
{
	char *abs = realpath(dir, NULL);
	const char *dirs[] = {dir, abs};
	for (size_t i = 0; i < 2; i++) {
		if (!dirs[i] || strcmp(dirs[i], ".") == 0 || (i == 1 && strcmp(dirs[0], dirs[1]) == 0))
			continue;
		char *prefix = NULL;
		size_t n = strlen(dirs[i]);
		if (asprintf(&prefix, "%s%s", dirs[i], n && dirs[i][n - 1] == '/' ? "" : "/") < 0)
			break;
		if (!archive_sources_relative(a, prefix))
			log_warn("%s: %s", archive_path(a), archive_error(a));
		free(prefix);
	}
	free(abs);
}

int workspace_open(const char *config_path, const char *archive_path, struct workspace *ws, bool network)
{
	memset(ws, 0, sizeof *ws);
	ws->lock_fd = -1;
	if (network) {
		if (!fetch_global_init()) {
			log_error("cannot initialise libcurl");
			return EXIT_NOTHING;
		}
		ws->network = true;
	}
	ws->cfg = load_config(config_path);
	if (!ws->cfg)
		return EXIT_USAGE;
	expand_opml(ws->cfg);
	char *err = NULL;
	if (archive_path) {
		free(ws->cfg->archive);
		ws->cfg->archive = strdup(archive_path);
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
	relative_sources(ws->archive, ws->cfg->dir);
	return EXIT_OK;
}

void workspace_close(struct workspace *ws)
{
	archive_close(ws->archive);
	if (ws->lock_fd >= 0)
		close(ws->lock_fd);
	config_destroy(ws->cfg);
	if (ws->network)
		fetch_global_cleanup();
	memset(ws, 0, sizeof *ws);
	ws->lock_fd = -1;
}
