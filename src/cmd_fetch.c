/* reads fetch — poll every feed and bookmark source into the archive. */
#include <getopt.h>
#include <stdio.h>

#include "commands.h"
#include "date.h"
#include "dating.h"
#include "limits.h"
#include "poll.h"
#include "workspace.h"

static const char usage[] =
	"Usage: reads [-c FILE] fetch\n"
	"\n"
	"Polls every feed of feeds.yaml (conditional requests; servers that asked\n"
	"to wait and feeds that keep failing are left alone for a while) and keeps\n"
	"new items and bookmarks in the archive beside feeds.yaml, then looks at\n"
	"the pages of up to 100 bookmarks without a date of their own for the\n"
	"month they belong to. Transient failures are retried within the run.\n"
	"Meant for a daily cron job: silent on success. A feed that fails is\n"
	"reported once it has failed 3 runs in a row (every failure with -v).\n"
	"\n"
	"Exit status: 0 done, 1 some sources failed, 2 configuration error,\n"
	"3 nothing could be done.\n";

int cmd_fetch(const struct cli *cli, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (argc > 1)
		return cli_usage_error("fetch", "unexpected argument '%s'", argv[1]);
	struct workspace ws;
	int status = workspace_open(cli->config_path, cli->archive_path, &ws, true);
	if (status != EXIT_OK) {
		workspace_close(&ws);
		return status;
	}
	struct poll_options opts = {.report_after = 3, .now = date_now()};
	struct poll_stats stats;
	struct dating_options dopts = {.now = opts.now, .seen_from = DATE_NONE,
				       .limit = LIMIT_DATING_PAGES_PER_FETCH};
	struct dating_stats dstats;
	if (!poll_sources(ws.cfg, ws.archive, &opts, &stats) || !dating_run(ws.cfg, ws.archive, &dopts, &dstats, NULL))
		status = EXIT_NOTHING;
	else if (stats.failed && stats.failed >= stats.feeds && stats.feeds > 0 && !stats.fetched &&
		 !stats.not_modified)
		status = EXIT_NOTHING;
	else if (stats.failed || log_error_count())
		status = EXIT_PARTIAL;
	log_info("%zu feeds: %zu fetched, %zu unchanged, %zu skipped, %zu failed; %zu new items", stats.feeds,
		 stats.fetched, stats.not_modified, stats.skipped, stats.failed, stats.new_items);
	workspace_close(&ws);
	return status;
}
