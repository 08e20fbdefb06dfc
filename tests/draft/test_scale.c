/* Large and hostile drafts, bounded by the meson timeout (no timing assert):
 * test_scale [ENTRIES]. A draft of ENTRIES entries gets as many new ones
 * and half as many candidates (linear-time merge), and pathological
 * Markdown (deep nesting, unclosed constructs, long runs) is read, merged
 * and exported without a crash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "export.h"
#include "tap.h"

static char *repeat(const char *unit, size_t times, const char *tail)
{
	size_t ul = strlen(unit), tl = strlen(tail);
	char *s = malloc(ul * times + tl + 1);
	if (!s)
		abort();
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * ul, unit, ul);
	memcpy(s + ul * times, tail, tl + 1);
	return s;
}

static void hostile(const char *name, char *text)
{
	static const struct draft_entry e = {.key = "https://n.example/x", .link = "https://n.example/x", .title = "X"};
	struct draft_doc d = {.title = "T", .signature = "S", .entries = &e, .n_entries = 1};
	char *err = NULL;
	struct strlist keys;
	strlist_init(&keys);
	bool k = draft_keys(text, strlen(text), &keys, &err);
	free(err);
	err = NULL;
	char *m = draft_merge(text, strlen(text), &d, &err);
	bool merged_ok = m ? strlen(m) >= strlen(text) : err != NULL;
	free(err);
	err = NULL;
	char *x = export_draft(text, strlen(text), EXPORT_WXR, &err);
	ok(merged_ok && (x || err), "%s: read (%s), merged or refused, exported", name, k ? "keys" : "refused");
	strlist_finish(&keys);
	free(m);
	free(x);
	free(err);
	free(text);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? (size_t)atoi(argv[1]) : 5000;
	struct draft_entry *e = calloc(2 * n, sizeof *e);
	struct draft_candidate *c = calloc(n, sizeof *c);
	char **owned = calloc(3 * n, sizeof *owned);
	for (size_t i = 0; i < 2 * n; i++) {
		if (asprintf(&owned[i], "https://ex.example/%zu/post", i) < 0)
			return 2;
		e[i].key = e[i].link = owned[i];
		e[i].title = "A title";
		e[i].author = "Someone";
		e[i].quote = "A quote of some length that goes on for a while, as quotes do.";
	}
	for (size_t i = 0; i < n; i++) {
		if (asprintf(&owned[2 * n + i], "https://cand.example/%zu", i) < 0)
			return 2;
		c[i].key = c[i].link = owned[2 * n + i];
		c[i].title = "Candidate";
	}
	struct draft_doc d = {.title = "T", .month = "2010-11", .date = "2010-12-01", .signature = "Lamia Ben.",
			      .entries = e, .n_entries = n, .candidates = c, .n_candidates = n / 2};
	char *text = draft_compose(&d), *err = NULL;
	d.n_entries = 2 * n;
	d.n_candidates = n;
	char *m = draft_merge(text, strlen(text), &d, &err);
	ok(m != NULL, "%zu entries: %zu new ones and %zu candidates merged%s%s", n, n, n / 2, err ? ": " : "", err ? err : "");
	struct strlist keys;
	strlist_init(&keys);
	ok(m && draft_keys(m, strlen(m), &keys, &err) && keys.n == 2 * n, "all %zu keys read back", 2 * n);
	strlist_finish(&keys);
	char *again = m ? draft_merge(m, strlen(m), &d, &err) : NULL;
	ok(again && strcmp(again, m) == 0, "re-merge of %zu bytes changes nothing", m ? strlen(m) : 0);
	char *x = m ? export_draft(m, strlen(m), EXPORT_PAGE, &err) : NULL;
	ok(x != NULL, "exported");
	free(x);
	free(again);
	free(m);
	free(text);
	free(err);
	for (size_t i = 0; i < 3 * n; i++)
		free(owned[i]);
	free(owned);
	free(e);
	free(c);

	hostile("50000 nested blockquotes", repeat(">", 50000, " deep\n"));
	hostile("20000 nested list items", repeat("- ", 20000, "deep\n"));
	hostile("100000 unclosed comment openers", repeat("<!--", 100000, "\n"));
	hostile("100000 reads comment openers on one line", repeat("<!-- reads: other ", 100000, "\n"));
	hostile("50000 brackets", repeat("[", 50000, "x](y)\n"));
	hostile("an unclosed fence over 100000 lines", repeat("x\n", 100000, "```\n<!-- reads: entry https://x/y -->\n"));
	hostile("100000 emphasis openers", repeat("*a ", 100000, "\n"));
	char *body = repeat("k: v\n", 100000, "---\nx\n");
	char *fm = NULL;
	if (asprintf(&fm, "---\n%s", body) < 0)
		return 2;
	free(body);
	hostile("front matter of 100000 lines", fm);
	return tap_done();
}
