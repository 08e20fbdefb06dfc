/* reads add — bookmark one URL from the shell (kept in the archive, so
 * feeds.yaml is never rewritten). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "commands.h"
#include "date.h"
#include "log.h"
#include "url.h"
#include "workspace.h"

static const char usage[] =
	"Usage: reads [-c FILE] add URL [--quote TEXT] [--note TEXT] [--date YYYY-MM-DD]\n"
	"\n"
	"Bookmarks URL for the month it was added (today, or --date), in the\n"
	"archive beside feeds.yaml. A URL with a text fragment (#:~:text=...),\n"
	"as your browser's \"copy link to highlight\" gives, picks the quote;\n"
	"--quote gives it verbatim. Adding a URL twice keeps one entry.\n";

int cmd_add(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"quote", required_argument, NULL, 'q'}, {"note", required_argument, NULL, 'n'},
		{"date", required_argument, NULL, 'd'},  {"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	const char *quote = NULL, *note = NULL, *date = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'q': quote = optarg; break;
		case 'n': note = optarg; break;
		case 'd': date = optarg; break;
		case 'h': fputs(usage, stdout); return EXIT_OK;
		default: return cli_usage_error("add", "unknown option");
		}
	}
	if (optind + 1 != argc)
		return cli_usage_error("add", optind >= argc ? "a URL is required" : "one URL at a time");
	const char *url = argv[optind];
	char *canon = url_canonical(url);
	if (!canon)
		return cli_usage_error("add", "'%s' is not an http(s) URL", url);
	int64_t added = date_now();
	if (date && (added = date_parse(date)) == DATE_NONE) {
		free(canon);
		return cli_usage_error("add", "'%s' is not a date (YYYY-MM-DD)", date);
	}
	struct workspace ws;
	int status = workspace_open(cli->config_path, cli->archive_path, &ws, false);
	if (status == EXIT_OK) {
		struct archive_item it = {
			.kind = ARCHIVE_BOOKMARK, .source = "cli", .url = canon, .link = (char *)url,
			.quote = (char *)quote, .note = (char *)note, .published = DATE_NONE,
			.added = added, .first_seen = date_now(),
		};
		enum archive_put_result r = archive_item_put(ws.archive, &it);
		if (r == ARCHIVE_PUT_ERROR) {
			log_error("%s: %s", url, archive_error(ws.archive));
			status = EXIT_NOTHING;
		} else if (r == ARCHIVE_PUT_KNOWN) {
			log_info("%s: already bookmarked", url);
		}
	}
	workspace_close(&ws);
	free(canon);
	return status;
}
