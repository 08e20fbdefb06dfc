/* reads status — one line per feed: last success, last error, items this
 * month, next allowed fetch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "date.h"
#include "limits.h"
#include "log.h"
#include "url.h"
#include "workspace.h"

static const char usage[] =
	"Usage: reads [-c FILE] status\n"
	"\n"
	"Prints one line per feed of feeds.yaml, tab-separated: the URL, the last\n"
	"successful fetch, the number of items this month, the next allowed fetch\n"
	"(when backing off or asked to wait), and the last error, if any.\n"
	"\n"
	"Then, when some bookmarks have no date of their own and their month is\n"
	"still to be learnt from their pages, how many and why: waiting for their\n"
	"page, page failing (with the next try; each one listed with its error),\n"
	"no date on the page, or a page given up on after failing 8 runs in a row\n"
	"(these two counted in the month they were first seen).\n";

static void when(int64_t t, char out[DATE_ISO_SIZE])
{
	if (t == DATE_NONE)
		strcpy(out, "-");
	else
		date_format_iso(t, out);
}

/* The bookmarks whose month is still to be learnt from their pages. */
static bool print_undated(struct archive *a)
{
	struct archive_undated_counts c;
	if (!archive_undated_count(a, &c)) {
		log_error("%s: %s", archive_path(a), archive_error(a));
		return false;
	}
	if (!c.waiting && !c.failing && !c.no_date && !c.given_up)
		return true;
	char next[DATE_ISO_SIZE];
	when(c.next_try, next);
	printf("\nundated bookmarks\tcount\tnext try\twhy\n");
	printf("waiting\t%zu\t-\ttheir page is not looked at yet (next fetch or draft)\n", c.waiting);
	printf("page failing\t%zu\t%s\ttheir page could not be had; tried again on a later run\n", c.failing,
	       c.failing ? next : "-");
	printf("no date\t%zu\t-\ttheir page gives no date: counted in the month they were first seen\n",
	       c.no_date);
	printf("page given up\t%zu\t-\ttheir page failed %u runs in a row: counted in the month they were first "
	       "seen\n", c.given_up, LIMIT_DATING_TRIES);
	if (!c.failing)
		return true;
	struct archive_undated *u;
	size_t n;
	if (!archive_undated_list(a, DATE_NONE, DATE_NONE, 0, &u, &n)) {
		log_error("%s: %s", archive_path(a), archive_error(a));
		return false;
	}
	printf("\nbookmark with a failing page\tnext try\tlast error\n");
	for (size_t i = 0; i < n; i++) {
		if (u[i].state != ARCHIVE_PAGE_FAILING)
			continue;
		when(u[i].next_try, next);
		printf("%s\t%s\t%s\n", u[i].link ? u[i].link : u[i].url, next, u[i].error ? u[i].error : "-");
	}
	archive_undated_free(u, n);
	return true;
}

int cmd_status(const struct cli *cli, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	if (argc > 1)
		return cli_usage_error("status", "unexpected argument '%s'", argv[1]);
	struct workspace ws;
	int status = workspace_open(cli->config_path, cli->archive_path, &ws, false);
	if (status != EXIT_OK) {
		workspace_close(&ws);
		return status;
	}
	int64_t now = date_now(), from, to;
	int y, m;
	/* "This month" is the month in progress, in the configured timezone. */
	date_previous_month(now, ws.cfg->timezone, &y, &m);
	m = m == 12 ? 1 : m + 1;
	y = m == 1 ? y + 1 : y;
	if (!date_month_range(y, m, ws.cfg->timezone, &from, &to)) {
		from = now;
		to = now;
	}
	printf("feed\tlast success\titems this month\tnext fetch\tlast error\n");
	for (size_t i = 0; i < ws.cfg->n_feeds; i++) {
		const struct config_feed *f = &ws.cfg->feeds[i];
		if (f->kind != CONFIG_FEED_URL)
			continue;
		struct archive_feed st;
		size_t count = 0;
		if (!archive_feed_get(ws.archive, f->url, &st) ||
		    !archive_feed_item_count(ws.archive, f->url, from, to, &count)) {
			log_error("%s: %s", f->url, archive_error(ws.archive));
			status = EXIT_PARTIAL;
			continue;
		}
		char ok[DATE_ISO_SIZE], next[DATE_ISO_SIZE];
		when(st.last_success, ok);
		char *host = url_host(f->url);
		int64_t nb = host ? archive_host_not_before(ws.archive, host) : DATE_NONE;
		free(host);
		int64_t nf = st.next_fetch;
		if (nb != DATE_NONE && (nf == DATE_NONE || nb > nf))
			nf = nb;
		when(nf != DATE_NONE && nf > now ? nf : DATE_NONE, next);
		printf("%s\t%s\t%zu\t%s\t%s%s%s%s\n", f->url, ok, count, next,
		       st.gone ? "gone (HTTP 410); " : "",
		       st.moved_to ? "moved to " : "", st.moved_to ? st.moved_to : "",
		       st.last_error ? st.last_error : (st.moved_to ? "" : "-"));
		archive_feed_finish(&st);
	}
	if (!print_undated(ws.archive))
		status = EXIT_PARTIAL;
	workspace_close(&ws);
	return status;
}
