/* reads check — validate feeds.yaml and the files it names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bookmarks.h"
#include "commands.h"
#include "config.h"
#include "fileio.h"
#include "limits.h"
#include "publish.h"

static const char usage[] =
	"Usage: reads [-c FILE] [-v] check\n"
	"\n"
	"Validates the configuration (default ./feeds.yaml) against the schema of\n"
	"reads-feeds(5), and reads every bookmark file (file:) and subscription list\n"
	"(opml:) it names, and the WordPress password file (password_file:, when it\n"
	"exists: it must be readable by you only).\n"
	"\n"
	"A valid configuration prints nothing and exits 0; with -v (before 'check')\n"
	"it prints 'FILE: ok (N feeds, N bookmark sources)' on standard output.\n"
	"Otherwise every problem is printed on standard error as\n"
	"  FILE:LINE:COLUMN: message\n"
	"(a bookmark or OPML file's problem is reported at the line of its entry)\n"
	"and the exit status is 2.\n";

/* Reads and parses one bookmark file or OPML list named by an entry at
 * (line, col); prints its problem as "CONFIG:LINE:COL: PATH: problem". */
static bool check_file(const struct config *cfg, const char *path, bool opml, int line, int col, size_t *count)
{
	size_t len;
	char *err = NULL;
	char *data = file_read(path, LIMIT_BOOKMARK_FILE_BYTES, &len, &err);
	if (!data) {
		fprintf(stderr, "%s:%d:%d: %s\n", cfg->path, line, col, err ? err : "cannot read");
		free(err);
		return false;
	}
	bool fine;
	if (opml) {
		struct strlist urls, names;
		strlist_init(&urls);
		strlist_init(&names);
		fine = bookmarks_parse_opml(data, len, &urls, &names, &err);
		*count = urls.n;
		if (fine && urls.n == 0) {
			fine = false;
			err = strdup("no outline with an http(s) xmlUrl: no feed to read");
		}
		strlist_finish(&urls);
		strlist_finish(&names);
	} else {
		struct bookmark *b = NULL;
		size_t n = 0;
		fine = bookmarks_parse_netscape(data, len, &b, &n, &err);
		*count = n;
		bookmarks_free(b, n);
	}
	if (!fine)
		fprintf(stderr, "%s:%d:%d: %s: %s\n", cfg->path, line, col, path, err ? err : "out of memory");
	free(err);
	free(data);
	return fine;
}

int cmd_check(const struct cli *cli, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (argc > 1)
		return cli_usage_error("check", "unexpected argument '%s'", argv[1]);
	struct strlist errors;
	strlist_init(&errors);
	struct config *cfg = config_load(cli->config_path, &errors);
	if (!cfg) {
		for (size_t i = 0; i < errors.n; i++)
			fprintf(stderr, "%s\n", errors.v[i]);
		strlist_finish(&errors);
		return EXIT_USAGE;
	}
	strlist_finish(&errors);
	/* check is where she asks: its warnings are shown at every level */
	for (size_t i = 0; i < cfg->warnings.n; i++)
		fprintf(stderr, "warning: %s\n", cfg->warnings.v[i]);
	bool fine = true;
	size_t n;
	for (size_t i = 0; i < cfg->n_feeds; i++) {
		const struct config_feed *f = &cfg->feeds[i];
		if (f->kind == CONFIG_FEED_OPML && !check_file(cfg, f->path, true, f->line, f->column, &n))
			fine = false;
	}
	for (size_t i = 0; i < cfg->n_bookmarks; i++) {
		const struct config_bookmark *b = &cfg->bookmarks[i];
		if (b->kind == CONFIG_BOOKMARK_FILE && !check_file(cfg, b->path, false, b->line, b->column, &n))
			fine = false;
	}
	/* The password file is refused by reads publish unless only its owner
	 * can read it: say so now. Its content is never printed. A file not
	 * there yet is no error here (READS_WP_PASSWORD may be used). */
	const struct config_wordpress *wp = &cfg->wordpress;
	if (wp->password_file && file_exists(wp->password_file)) {
		char *password = NULL, *err = NULL;
		if (!publish_read_password(wp->password_file, &password, &err)) {
			fprintf(stderr, "%s:%d:%d: %s\n", cfg->path, wp->line, wp->column, err ? err : wp->password_file);
			fine = false;
		}
		publish_password_free(password);
		free(err);
	}
	if (fine && cli->level >= LOG_LEVEL_VERBOSE)
		printf("%s: ok (%zu feeds, %zu bookmark sources)\n", cfg->path, cfg->n_feeds, cfg->n_bookmarks);
	config_destroy(cfg);
	return fine ? EXIT_OK : EXIT_USAGE;
}
