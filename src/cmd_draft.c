/* reads draft — fetch, then write or update the month's draft. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "article.h"
#include "commands.h"
#include "date.h"
#include "dating.h"
#include "draft.h"
#include "fileio.h"
#include "htmltext.h"
#include "limits.h"
#include "log.h"
#include "pages.h"
#include "poll.h"
#include "quote.h"
#include "url.h"
#include "workspace.h"

static const char usage[] =
	"Usage: reads [-c FILE] draft [YYYY-MM] [--refresh] [--no-fetch] [--rebuild]\n"
	"\n"
	"Fetches every source, then writes the month's draft (default: the month\n"
	"that just ended, in the configured timezone) to the output of feeds.yaml\n"
	"(default digests/YYYY-MM.md). If the draft exists, only new entries are\n"
	"added: what you wrote stays byte for byte, and entries you deleted do not\n"
	"come back.\n"
	"\n"
	"  --refresh    fetch article pages again instead of using the archive's copy\n"
	"  --no-fetch   do not poll the feeds first (use what the archive holds)\n"
	"  --rebuild    save the current draft beside it (.bak-TIMESTAMP) and write\n"
	"               a fresh one\n"
	"\n"
	"Exit status: 0 done, 1 some sources failed (the draft was still written),\n"
	"2 usage or configuration error, 3 nothing could be done.\n";

/* One article of the month on its way into the draft. */
struct work {
	struct archive_item *item;
	bool entry;			/* an entry (else a candidate) */
	struct archive_page page;	/* the article page, when we have it */
	bool have_page;
	struct article *article;
	struct quote_choice quote;
	const char *title, *author, *site;
	char *link_shown;		/* the link without its text directive */
	char *link;			/* what the heading links to (url_article_link) */
	char *page_warning;		/* why the page is missing, for the draft; or NULL */
	bool waiting;			/* in her draft already, still without its page: asked
					 * for again, its quotes offered if it comes */
};

static bool matches_any(const struct strlist *words, const char *a, const char *b)
{
	for (size_t i = 0; i < words->n; i++)
		if ((a && strcasestr(a, words->v[i])) || (b && strcasestr(b, words->v[i])))
			return true;
	return false;
}

/* A feed item is a candidate for the month when its feed is still in
 * feeds.yaml and it passes that feed's keyword filters. */
static bool passes_filters(const struct config *cfg, const struct archive_item *it)
{
	if (it->kind == ARCHIVE_BOOKMARK)
		return true;
	const struct config_feed *f = poll_feed_for_source(cfg, it->source);
	if (!f)
		return true; /* from an OPML list: no filters */
	if (f->include.n && !matches_any(&f->include, it->title, it->summary))
		return false;
	return !(f->exclude.n && matches_any(&f->exclude, it->title, it->summary));
}

/* Gets each entry's article page: from the archive's cache unless refresh,
 * else over HTTP in one parallel run (then cached); says which failed. Pages
 * that failed earlier in this run (failed: their items' keys) are not asked
 * for again: their failure was reported. */
static void get_pages(struct workspace *ws, struct work *w, size_t n, bool refresh, int64_t now,
		      const struct strlist *failed)
{
	struct pages_request *reqs = calloc(n ? n : 1, sizeof *reqs);
	struct pages_result *res = calloc(n ? n : 1, sizeof *res);
	size_t *which = calloc(n ? n : 1, sizeof *which);
	size_t m = 0;
	if (!reqs || !res || !which) {
		log_error("out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (!w[i].entry || strlist_contains(failed, w[i].item->url))
			continue;
		reqs[m] = (struct pages_request){.key = w[i].item->url, .url = w[i].link_shown};
		which[m++] = i;
	}
	pages_get(ws->cfg, ws->archive, reqs, m, refresh, now, "pages", res);
	for (size_t k = 0; k < m; k++) {
		struct work *x = &w[which[k]];
		if (res[k].have) {
			x->page = res[k].page;
			memset(&res[k].page, 0, sizeof res[k].page);
			x->have_page = true;
		} else if (x->waiting) {
			/* her entry says so already: no error for a page still away */
			log_info("%s: still %s", x->link_shown, res[k].error ? res[k].error : "cannot be fetched");
		} else {
			const char *why = res[k].error ? res[k].error : "cannot fetch the page";
			log_error("%s: %s", x->link_shown, why);
			/* said in the entry too: the run's stderr is gone by the time
			 * she reads the draft, and the entry lacks what the page gives */
			if (asprintf(&x->page_warning, DRAFT_PAGE_FAILED " (%s)%s", why,
				     res[k].transient ? "; the failure may pass" : "") < 0)
				x->page_warning = NULL;
		}
		pages_result_finish(&res[k]);
	}
out:
	free(reqs);
	free(res);
	free(which);
}

/* Extracts the article and picks its quote; falls back on the feed's data. */
static void prepare(struct workspace *ws, struct work *x)
{
	struct archive_item *it = x->item;
	if (x->have_page) {
		char *err = NULL;
		x->article = article_extract(x->page.body, x->page.len,
					     x->page.final_url ? x->page.final_url : x->link_shown, x->page.content_type,
					     &err);
		if (!x->article) {
			log_error("%s: %s", x->link_shown, err ? err : "cannot read the page");
			free(err);
		}
	}
	const struct article *art = x->article;
	x->title = art && art->title ? art->title : it->title;
	x->author = art && art->author ? art->author : it->author;
	x->site = art ? art->site : NULL;
	if (!x->site && it->kind == ARCHIVE_FEED_ITEM) {
		const struct config_feed *f = poll_feed_for_source(ws->cfg, it->source);
		x->site = f ? f->name : NULL;
	}
	if (art) {
		struct archive_extract e = {
			.title = art->title, .title_source = art->title_source,
			.author = art->author, .author_source = art->author_source,
			.site = art->site, .site_source = art->site_source,
			.date = art->date, .date_source = art->date_source,
		};
		if (!archive_extract_put(ws->archive, it->url, &e))
			log_warn("%s: %s", x->link_shown, archive_error(ws->archive));
	}
	const struct config_feed *f = poll_feed_for_source(ws->cfg, it->source);
	struct quote_options qo = {
		.min_len = ws->cfg->quote.min,
		.max_len = ws->cfg->quote.max,
		.excerpts = f && f->excerpts ? f->excerpts : ws->cfg->quote.excerpts,
		.lang = art ? art->lang : NULL,
	};
	/* The feed's summary, as text: it helps rank the article's sentences,
	 * and it is the only text there is when the page could not be had. */
	char *summary = NULL;
	if (it->summary) {
		struct buf b;
		buf_init(&b, LIMIT_FIELD_BYTES);
		if (html_to_text(it->summary, strlen(it->summary), &b))
			summary = buf_detach(&b);
		buf_finish(&b);
	}
	const char *text = art && art->text[0] ? art->text : (summary ? summary : "");
	char *directive = url_text_directive(it->link);
	if (!quote_choose(text, x->title, summary, it->quote, directive, &qo, &x->quote))
		log_error("%s: out of memory choosing a quote", x->link_shown);
	free(summary);
	if (x->quote.warning)
		log_warn("%s: %s", x->link_shown, x->quote.warning);
	free(directive);
}

static void work_finish(struct work *x)
{
	archive_page_finish(&x->page);
	article_destroy(x->article);
	quote_choice_finish(&x->quote);
	free(x->link_shown);
	free(x->link);
	free(x->page_warning);
}

/* The article's identity once its page is known: <link rel=canonical> (unless
 * it points at a site's home page, as some sites wrongly do), else where the
 * redirects led, else the item's own key. Caller frees. */
static char *final_key(const struct work *x)
{
	const char *c = x->article ? x->article->canonical : NULL;
	char *key = NULL;
	if (c && (key = url_canonical(c))) {
		char *host_end = strstr(key, "://");
		host_end = host_end ? strchr(host_end + 3, '/') : NULL;
		if (host_end && strcmp(host_end, "/") != 0)
			return key;
		free(key);
	}
	if (x->page.final_url && (key = url_canonical(x->page.final_url)))
		return key;
	return strdup(x->item->url);
}

/* "digests/2010-11.md" → "digests/2010-11.new.md". Caller frees. */
static char *side_path(const char *path)
{
	size_t n = strlen(path);
	if (n > 3 && strcmp(path + n - 3, ".md") == 0)
		n -= 3;
	char *s = NULL;
	if (asprintf(&s, "%.*s.new.md", (int)n, path) < 0)
		return NULL;
	return s;
}

/* Writes the draft (or, when her draft cannot be merged safely, a side file
 * with the new entries) and records what it now holds. */
static int write_draft(struct workspace *ws, const char *path, const char *existing, size_t existing_len,
		       bool broken, const struct draft_doc *doc, const char *month)
{
	char *err = NULL, *text = NULL, *target = NULL;
	int status = EXIT_OK;
	if (existing && !broken) {
		text = draft_merge(existing, existing_len, doc, &err);
		if (!text) {
			log_error("%s: %s", path, err ? err : "cannot merge");
			free(err);
			err = NULL;
			broken = true;
		}
	}
	if (broken) {
		if (doc->n_entries == 0 && doc->n_candidates == 0)
			return EXIT_PARTIAL;
		target = side_path(path);
		if (!target)
			return EXIT_NOTHING;
		log_error("%s: left untouched; the new entries are in %s", path, target);
		status = EXIT_PARTIAL;
		text = draft_compose_entries(doc);
	} else if (!existing) {
		text = draft_compose(doc);
	}
	if (!target)
		target = strdup(path);
	if (!text || !target) {
		log_error("%s: out of memory", path);
		free(text);
		free(target);
		return EXIT_NOTHING;
	}
	bool same = existing && !broken && strlen(text) == existing_len && memcmp(text, existing, existing_len) == 0;
	if (!same && (!file_make_parents(target, &err) || !file_write_atomic(target, text, strlen(text), &err))) {
		log_error("%s", err ? err : target);
		free(err);
		free(text);
		free(target);
		return EXIT_NOTHING;
	}
	/* Recorded only after the file is safely written: a crash in between
	 * must never make an entry look deleted. */
	if (!broken)
		for (size_t i = 0; i < doc->n_entries; i++)
			if (!archive_drafted_add(ws->archive, month, doc->entries[i].key))
				log_warn("%s: %s", path, archive_error(ws->archive));
	free(text);
	free(target);
	return status;
}

int cmd_draft(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"refresh", no_argument, NULL, 'r'}, {"no-fetch", no_argument, NULL, 'n'},
		{"rebuild", no_argument, NULL, 'R'}, {"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	bool refresh = false, no_fetch = false, rebuild = false;
	int c;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': refresh = true; break;
		case 'n': no_fetch = true; break;
		case 'R': rebuild = true; break;
		case 'h': fputs(usage, stdout); return EXIT_OK;
		default: return cli_usage_error("draft", "unknown option");
		}
	}
	const char *month_arg = optind < argc ? argv[optind++] : NULL;
	if (optind < argc)
		return cli_usage_error("draft", "unexpected argument '%s'", argv[optind]);
	int year = 0, mon = 0;
	if (month_arg && !date_parse_month(month_arg, &year, &mon))
		return cli_usage_error("draft", "'%s' is not a month (YYYY-MM)", month_arg);

	struct workspace ws;
	int status = workspace_open(cli->config_path, cli->archive_path, &ws, true);
	if (status != EXIT_OK) {
		workspace_close(&ws);
		return status;
	}
	const char *tz = ws.cfg->timezone;
	int64_t now = date_now();
	if (!month_arg)
		date_previous_month(now, tz, &year, &mon);
	char month[8];
	snprintf(month, sizeof month, "%04d-%02d", year, mon);
	int64_t from, to;
	if (!date_month_range(year, mon, tz, &from, &to)) {
		log_error("%s: unknown timezone '%s'", cli->config_path, tz ? tz : "");
		workspace_close(&ws);
		return EXIT_USAGE;
	}

	struct archive_item *items = NULL;
	size_t n_items = 0;
	struct work *w = NULL;
	struct draft_entry *entries = NULL;
	struct draft_candidate *cands = NULL;
	struct strlist keys, waiting, seen, undated_failed;
	strlist_init(&keys);
	strlist_init(&waiting);
	strlist_init(&seen);
	strlist_init(&undated_failed);
	char *path = config_output_path(ws.cfg, year, mon);
	char *title = config_title(ws.cfg, year, mon);
	char *existing = NULL, *err = NULL;
	size_t existing_len = 0;
	bool broken = false;

	if (!no_fetch) {
		struct poll_options po = {.report_after = 1, .complete = true, .now = now};
		struct poll_stats ps;
		if (!poll_sources(ws.cfg, ws.archive, &po, &ps)) {
			status = EXIT_NOTHING;
			goto out;
		}
	}
	/* Bookmarks without a date of their own that may belong to the month
	 * get it from their pages before the month is chosen. */
	struct dating_options dopts = {.now = now, .complete = true, .seen_from = from};
	struct dating_stats dstats;
	if (!dating_run(ws.cfg, ws.archive, &dopts, &dstats, &undated_failed)) {
		status = EXIT_NOTHING;
		goto out;
	}
	if (!archive_items_between(ws.archive, from, to, &items, &n_items)) {
		log_error("%s: %s", ws.cfg->archive, archive_error(ws.archive));
		status = EXIT_NOTHING;
		goto out;
	}

	if (file_exists(path)) {
		existing = file_read(path, LIMIT_DRAFT_BYTES, &existing_len, &err);
		if (!existing) {
			log_error("%s", err ? err : path);
			status = EXIT_NOTHING;
			goto out;
		}
		if (rebuild) {
			char *bak = NULL;
			char stamp[DATE_ISO_SIZE];
			date_format_iso(now, stamp);
			if (asprintf(&bak, "%s.bak-%s", path, stamp) < 0 ||
			    !file_write_atomic(bak, existing, existing_len, &err)) {
				log_error("%s: cannot save the old draft: %s", path, err ? err : "");
				free(bak);
				status = EXIT_NOTHING;
				goto out;
			}
			log_info("%s: the old draft is saved as %s", path, bak);
			free(bak);
			free(existing);
			existing = NULL;
		} else if (!draft_keys_waiting(existing, existing_len, &keys, &waiting, &err)) {
			log_error("%s: %s", path, err ? err : "the draft's reads markers are broken");
			broken = true;
		}
	}
	if (existing) {
		char **drafted = NULL;
		size_t n_drafted = 0;
		if (!archive_drafted_list(ws.archive, month, &drafted, &n_drafted)) {
			log_error("%s: %s", ws.cfg->archive, archive_error(ws.archive));
			status = EXIT_NOTHING;
			goto out;
		}
		/* Her draft cannot be read back: what the archive says it held
		 * stands in for its entries, so the side file gets only what is
		 * new. Else an entry that was in the draft and is not any more is
		 * one she deleted. */
		if (broken)
			strlist_finish(&keys);
		for (size_t i = 0; i < n_drafted; i++) {
			if (broken) {
				if (!strlist_push(&keys, drafted[i]))
					log_error("out of memory");
			} else if (!strlist_contains(&keys, drafted[i]) &&
				   !archive_dismiss(ws.archive, month, drafted[i])) {
				log_warn("%s: %s", path, archive_error(ws.archive));
			}
			free(drafted[i]);
		}
		free(drafted);
	}

	w = calloc(n_items ? n_items : 1, sizeof *w);
	entries = calloc(n_items ? n_items : 1, sizeof *entries);
	cands = calloc(n_items ? n_items : 1, sizeof *cands);
	if (!w || !entries || !cands) {
		status = EXIT_NOTHING;
		goto out;
	}
	size_t n_work = 0, slots = ws.cfg->max_entries > keys.n ? ws.cfg->max_entries - keys.n : 0;
	for (size_t i = 0; i < n_items; i++) {
		struct archive_item *it = &items[i];
		bool in_draft = strlist_contains(&keys, it->url);
		if ((in_draft && (broken || !strlist_contains(&waiting, it->url))) || !passes_filters(ws.cfg, it))
			continue;
		if (!rebuild && archive_is_dismissed(ws.archive, month, it->url))
			continue;
		/* "Not dismissed" may be a failed read: never risk bringing back
		 * an entry she deleted. */
		if (!rebuild && archive_error(ws.archive)[0]) {
			log_error("%s: %s: %s", ws.cfg->archive, it->url, archive_error(ws.archive));
			continue;
		}
		struct work *x = &w[n_work++];
		x->item = it;
		x->link_shown = url_without_directive(it->link ? it->link : it->url);
		/* Her bookmarks always make the list; feed items fill what is left. */
		x->waiting = in_draft;
		x->entry = in_draft || it->kind == ARCHIVE_BOOKMARK || slots > 0;
		if (x->entry && !in_draft && slots > 0)
			slots--;
	}
	get_pages(&ws, w, n_work, refresh, now, &undated_failed);
	size_t n_entries = 0, n_cands = 0;
	for (size_t i = 0; i < n_work; i++) {
		struct work *x = &w[i];
		if (!x->entry) {
			cands[n_cands++] = (struct draft_candidate){
				.key = x->item->url, .link = x->link_shown, .title = x->item->title,
				.author = x->item->author,
			};
			continue;
		}
		prepare(&ws, x);
		/* One entry per article across sources: a short link, a tracking
		 * variant or a syndicated copy of an article already listed (in the
		 * draft or earlier in this run) is left out. */
		char *fk = final_key(x);
		if (!fk || (!x->waiting && (strlist_contains(&keys, fk) || strlist_contains(&seen, fk)))) {
			log_info("%s: the same article as %s; left out", x->link_shown, fk ? fk : "another");
			free(fk);
			continue;
		}
		if (!strlist_push_owned(&seen, fk) || !strlist_push(&seen, x->item->url))
			log_error("out of memory");
		x->link = url_article_link(x->item->link ? x->item->link : x->item->url,
					   x->have_page ? x->page.final_url : NULL);
		entries[n_entries++] = (struct draft_entry){
			.key = x->item->url,
			.link = x->link ? x->link : x->item->link ? x->item->link : x->item->url,
			.title = x->title ? x->title : x->link_shown,
			.author = x->author,
			.site = x->site,
			.quote = x->quote.quote,
			.alternatives = (const char *const *)x->quote.alternatives,
			.n_alternatives = x->quote.n_alternatives,
			.note = x->item->note,
			.warning = x->page_warning ? x->page_warning : x->quote.warning,
			.page_read = x->article != NULL,
		};
	}
	char day[11];
	date_format_day(to, tz, day);
	struct draft_doc doc = {
		.title = title,
		.month = month,
		.date = day,
		.signature = ws.cfg->signature,
		.entries = entries,
		.n_entries = n_entries,
		.candidates = cands,
		.n_candidates = n_cands,
	};
	int written = write_draft(&ws, path, existing, existing_len, broken, &doc, month);
	if (written != EXIT_OK)
		status = written;
	else if (log_error_count() > 0)
		status = EXIT_PARTIAL;
	log_info("%s: %zu new entries, %zu candidates", path, n_entries, n_cands);
out:
	for (size_t i = 0; w && i < n_items; i++)
		if (w[i].item)
			work_finish(&w[i]);
	free(w);
	free(entries);
	free(cands);
	archive_items_free(items, n_items);
	strlist_finish(&keys);
	strlist_finish(&waiting);
	strlist_finish(&seen);
	strlist_finish(&undated_failed);
	free(existing);
	free(err);
	free(path);
	free(title);
	workspace_close(&ws);
	if (status == EXIT_OK && log_error_count() > 0)
		status = EXIT_PARTIAL;
	return status;
}
