/* draft_keys and draft_merge: her edits survive byte for byte, new entries
 * land after the last entry, broken markers refuse to merge. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "fixtures.h"
#include "tap.h"

/* s with the first occurrence of from replaced by to. Caller frees. */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);
	if (!p)
		return strdup(s);
	char *r = NULL;
	if (asprintf(&r, "%.*s%s%s", (int)(p - s), s, to, p + strlen(from)) < 0)
		abort();
	return r;
}

/* True when a is b with bytes inserted only (every byte of b, in order). */
static bool is_insertion_of(const char *a, const char *b)
{
	while (*b) {
		if (!*a)
			return false;
		if (*a == *b)
			b++;
		a++;
	}
	return true;
}

static char *merge(const char *text, const struct draft_doc *doc, char **err)
{
	free(*err);
	*err = NULL;
	return draft_merge(text, strlen(text), doc, err);
}

static struct draft_doc example(void)
{
	return fixture_find("placeholder-intro")->doc;
}

static const struct draft_entry new_entry = {
	.key = "https://dachisgroup.example.com/2010/11/social-business-design/",
	.link = "https://dachisgroup.example.com/2010/11/social-business-design/",
	.title = "Social Business Design",
	.author = "Peter Kim",
	.site = "Dachis Group",
	.quote = "Social business design is the intentional creation of dynamic structures.",
};

static void test_unchanged(void)
{
	struct draft_doc d = example();
	char *err = NULL, *text = draft_compose(&d);
	char *again = merge(text, &d, &err);
	is_str(again, text, "re-merging an unchanged draft gives the same bytes");
	free(again);
	free(text);
	free(err);
}

static void test_edits_survive(void)
{
	struct draft_doc d = example();
	char *err = NULL, *text = draft_compose(&d);
	char *t1 = replace(text, DRAFT_INTRO_PLACEHOLDER, "My own intro, *edited*.\n\nA second intro paragraph.");
	char *t2 = replace(t1, "> In short, it felt like a sea change", "> She rewrote this quote: a sea change");
	char *t3 = replace(t2, "### [A Sea Change?]", "## [A Sea Change!]");
	char *t4 = replace(t3, "\n\nLamia Ben.\n", "\n\nThat's it for November.\n\nLamia Ben.\n");
	/* reorder: move the McAfee block above the Davenport block */
	const char *a = strstr(t4, "### [Want Value"), *b = strstr(t4, "## [A Sea Change!]"),
		   *c = strstr(t4, "<!-- reads: candidates");
	char *edited = NULL;
	if (asprintf(&edited, "%.*s%.*s%.*s%s", (int)(a - t4), t4, (int)(c - b), b, (int)(b - a), a, c) < 0)
		abort();
	char *again = merge(edited, &d, &err);
	is_str(again, edited, "intro, quote, heading, order and free text edits: merge changes nothing");
	struct strlist keys;
	strlist_init(&keys);
	ok(draft_keys(edited, strlen(edited), &keys, &err) && keys.n == 2 &&
		   strcmp(keys.v[0], d.entries[1].key) == 0,
	   "draft_keys follows her order");
	strlist_finish(&keys);

	/* a new entry arrives */
	struct draft_entry entries[3] = {d.entries[0], d.entries[1], new_entry};
	d.entries = entries;
	d.n_entries = 3;
	char *merged = merge(edited, &d, &err);
	ok(merged != NULL, "merged with a new entry%s%s", err ? ": " : "", err ? err : "");
	if (merged) {
		ok(is_insertion_of(merged, edited), "every byte of her text is kept, in order");
		const char *n = strstr(merged, "### [Social Business Design]");
		const char *last = strstr(merged, "<!-- reads: entry https://blogs.example.org/davenport");
		const char *cand = strstr(merged, "<!-- reads: candidates");
		ok(n && last && cand && last < n && n < cand, "the new entry is after the last entry, before the candidates");
		size_t ml = strlen(merged);
		ok(ml > 12 && strcmp(merged + ml - 12, "\nLamia Ben.\n") == 0, "the signature is still the last line");
		ok(strstr(merged, "-->\n\n### [Social Business Design]") && strstr(merged, "design is the intentional creation of dynamic structures.\n\n<!-- reads: candidates"),
		   "blank lines around the new block");
		char *twice = merge(merged, &d, &err);
		is_str(twice, merged, "merging again adds nothing");
		free(twice);
	}
	free(merged);
	free(again);
	free(edited);
	free(t4);
	free(t3);
	free(t2);
	free(t1);
	free(text);
	free(err);
}

static void test_deleted(void)
{
	struct draft_doc d = example();
	char *err = NULL, *text = draft_compose(&d);
	const char *a = strstr(text, "### [Want Value"), *b = strstr(text, "### [A Sea Change?]");
	char *deleted = NULL;
	if (asprintf(&deleted, "%.*s%s", (int)(a - text), text, b) < 0)
		abort();
	struct strlist keys;
	strlist_init(&keys);
	ok(draft_keys(deleted, strlen(deleted), &keys, &err), "keys of a draft with a deleted entry");
	ok(keys.n == 1 && !strlist_contains(&keys, d.entries[0].key), "draft_keys reports the deleted entry missing");
	strlist_finish(&keys);
	/* the caller filters the dismissed entry out */
	d.entries = d.entries + 1;
	d.n_entries = 1;
	char *merged = merge(deleted, &d, &err);
	is_str(merged, deleted, "a filtered, deleted entry is not added back");
	free(merged);
	free(deleted);
	free(text);
	free(err);
}

static void test_candidates(void)
{
	struct draft_doc d = example();
	char *err = NULL, *text = draft_compose(&d);
	struct draft_candidate cands[2] = {d.candidates[0],
					   {.key = "https://x.example/new-cand", .link = "https://x.example/new-cand", .title = "New candidate", .author = "Ann"}};
	d.candidates = cands;
	d.n_candidates = 2;
	char *merged = merge(text, &d, &err);
	ok(merged && strstr(merged, "by Edward Boches\n- [New candidate](https://x.example/new-cand) by Ann\n-->\n"),
	   "a new candidate is appended inside the candidates comment");
	ok(merged && !strstr(strstr(merged, "by Edward Boches") + 1, "by Edward Boches"),
	   "the listed candidate is not listed twice");
	free(merged);

	/* she moved the candidate up as an entry of her own (no marker) */
	char *moved = replace(text, "- [All of us", "- [Gone");
	char *heading = replace(moved, "\n\nLamia Ben.", "\n\n### [All of us](https://edwardboches.example.org/2010/11/all-of-us/)\n\nLamia Ben.");
	d.n_candidates = 1;
	merged = merge(heading, &d, &err);
	is_str(merged, heading, "a candidate she linked elsewhere is not listed again");
	free(merged);

	/* no candidates comment yet: a new one goes before the signature */
	struct draft_doc d2 = fixture_find("no-signature")->doc;
	d2.signature = "Lamia Ben.";
	char *bare = draft_compose(&d2);
	d2.candidates = cands + 1;
	d2.n_candidates = 1;
	merged = merge(bare, &d2, &err);
	ok(merged && strstr(merged, "idea.\n\n<!-- reads: candidates from your feeds that did not make the list; move one up to use it\n- [New candidate](https://x.example/new-cand) by Ann\n-->\n\nLamia Ben.\n"),
	   "a new candidates comment goes before the signature");
	ok(merged && is_insertion_of(merged, bare), "and keeps every byte");
	free(merged);
	free(bare);
	free(heading);
	free(moved);
	free(text);
	free(err);
}

static void test_no_markers(void)
{
	struct draft_doc d = example();
	char *err = NULL, *text = draft_compose(&d);
	struct draft_entry entries[3] = {d.entries[0], d.entries[1], new_entry};
	d.entries = entries;
	d.n_entries = 3;

	/* intro marker and signature gone, candidates gone */
	char *t1 = replace(text, "<!-- reads: intro. Write the opening here; a re-run never changes what you write. -->\n", "");
	char *t2 = replace(t1, "\nLamia Ben.\n", "\n-- Lamia\n");
	const char *c = strstr(t2, "<!-- reads: candidates");
	const char *e = strstr(c, "-->\n") + 4;
	char *t3 = NULL;
	if (asprintf(&t3, "%.*s%s", (int)(c - t2), t2, e) < 0)
		abort();
	d.n_candidates = 0;
	char *merged = merge(t3, &d, &err);
	ok(merged && is_insertion_of(merged, t3), "no intro marker, no signature: merged, every byte kept");
	ok(merged && strlen(merged) > strlen(t3) && strncmp(merged, t3, strlen(t3)) == 0, "new entries appended at the end");
	free(merged);

	/* no trailing newline at all */
	t3[strlen(t3) - 1] = '\0';
	merged = merge(t3, &d, &err);
	ok(merged && strstr(merged, "\n-- Lamia\n\n### [Social Business Design]"), "a blank line is added before the appended entry");
	free(merged);

	/* CRLF drafts get CRLF */
	struct draft_doc d1 = example();
	char *crlf = calloc(2 * strlen(text) + 1, 1);
	for (char *p = text, *q = crlf; *p; p++) {
		if (*p == '\n')
			*q++ = '\r';
		*q++ = *p;
	}
	d1.entries = entries;
	d1.n_entries = 3;
	merged = merge(crlf, &d1, &err);
	ok(merged && is_insertion_of(merged, crlf) && strstr(merged, "\r\n### [Social Business Design](https://dachisgroup.example.com/2010/11/social-business-design/) by Peter Kim on Dachis Group\r\n<!-- reads: entry"),
	   "a CRLF draft gets CRLF lines");
	free(merged);
	free(crlf);

	/* an inline marker (she joined it to the heading) still counts */
	char *inl = replace(text, "by Andrew McAfee\n<!-- reads: entry", "by Andrew McAfee <!-- reads: entry");
	struct strlist keys;
	strlist_init(&keys);
	ok(draft_keys(inl, strlen(inl), &keys, &err) && keys.n == 2, "an inline entry marker is found");
	strlist_finish(&keys);
	free(inl);

	/* an empty file is composed afresh */
	merged = merge("\n", &d, &err);
	char *fresh = draft_compose(&d);
	is_str(merged, fresh, "an empty draft is composed afresh");
	free(fresh);
	free(merged);
	free(t3);
	free(t2);
	free(t1);
	free(text);
	free(err);
}

static void broken(const char *name, const char *text, const char *want_in_err)
{
	struct draft_doc d = example();
	struct draft_entry entries[3] = {d.entries[0], d.entries[1], new_entry};
	d.entries = entries;
	d.n_entries = 3;
	char *err = NULL;
	struct strlist keys;
	strlist_init(&keys);
	bool k = draft_keys(text, strlen(text), &keys, &err);
	ok(!k && err && strstr(err, want_in_err), "%s: draft_keys says \"%s\" (%s)", name, want_in_err, err ? err : "no error");
	free(err);
	err = NULL;
	char *m = draft_merge(text, strlen(text), &d, &err);
	ok(!m && err && strstr(err, want_in_err), "%s: draft_merge refuses", name);
	strlist_finish(&keys);
	free(m);
	free(err);
}

static void test_broken(void)
{
	struct draft_doc d = example();
	char *text = draft_compose(&d);
	char *t = replace(text, "<!-- reads: entry https://andrewmcafee.example.org/2010/11/a-sea-change/ -->", "<!-- reads: entry -->");
	broken("marker without URL", t, "line 24: the entry marker has no URL");
	free(t);
	t = replace(text, "a-sea-change/ -->", "a-sea-change/");
	broken("marker never closed", t, "line 24: this reads comment is not closed before the comment at line 28");
	free(t);
	t = replace(text, "andrewmcafee.example.org/2010/11/a-sea-change/ -->", "blogs.example.org/davenport/2010/11/want-value-from-social-add-structure -->");
	broken("duplicated key", t, "line 24: entry https://blogs.example.org/davenport/2010/11/want-value-from-social-add-structure is marked twice (also at line 12)");
	free(t);
	t = replace(text, "\n-->\n\n### [A Sea", "\n\n\n### [A Sea");
	broken("reads comment never closed", t, "line 18: this reads comment is not closed before the comment at line 24");
	free(t);
	t = replace(text, "### [A Sea", "```\n### [A Sea");
	broken("unclosed fence", t, "line 23: the code block that starts here");
	free(t);

	/* her own unclosed comment at the end would swallow appended entries */
	struct draft_doc d2 = fixture_find("no-signature")->doc;
	char *bare = draft_compose(&d2);
	struct draft_entry entries[2] = {d2.entries[0], new_entry};
	d2.entries = entries;
	d2.n_entries = 2;
	t = NULL;
	if (asprintf(&t, "%s\n<!-- a note to myself\n", bare) < 0)
		abort();
	char *err = NULL;
	char *m = draft_merge(t, strlen(t), &d2, &err);
	ok(!m && err && strstr(err, "line 16: the HTML block that starts here is never closed"),
	   "an unclosed comment of hers at the end: not merged (%s)", err ? err : "");
	free(m);
	free(err);
	free(t);
	free(bare);
	free(text);
}

static void test_side_file(void)
{
	struct draft_doc d = example();
	char *full = draft_compose(&d), *side = draft_compose_entries(&d);
	const char *from = strstr(full, "### ["), *to = strstr(full, "\nLamia Ben.");
	char *want = NULL;
	if (asprintf(&want, "%.*s", (int)(to - from), from) < 0)
		abort();
	is_str(side, want, "draft_compose_entries: the entry blocks and candidates, as in a draft");
	free(want);
	free(side);
	free(full);
}

static void test_keyless(void)
{
	struct draft_entry e[2] = {{.link = "https://only.example/link", .title = "Only a link"}, {.title = "Nothing"}};
	struct draft_candidate c = {.title = "Nameless"};
	struct draft_doc d = {.title = "T", .signature = "S", .entries = e, .n_entries = 2, .candidates = &c, .n_candidates = 1};
	char *text = draft_compose(&d), *err = NULL;
	struct strlist keys;
	strlist_init(&keys);
	ok(text && draft_keys(text, strlen(text), &keys, &err) && keys.n == 1 &&
		   strcmp(keys.v[0], "https://only.example/link") == 0 && !strstr(text, "Nothing") && !strstr(text, "Nameless") && !strstr(text, "candidates"),
	   "an entry without key is keyed by its link; one with neither is left out");
	strlist_finish(&keys);
	char *m = merge(text, &d, &err);
	is_str(m, text, "and merges as nothing new");
	free(m);
	free(text);
	free(err);
}

/* An entry drafted while its page could not be fetched, and drafted again
 * once the page can be read: the page's quotes are offered after reads'
 * warning, once, by insertion only; her own quote stays. */
static void test_page_read_later(void)
{
	static const char *const alts[] = {"Second thought from the page.", "Third -- with hyphens."};
	struct draft_entry failed = new_entry;
	failed.quote = "What the feed said.";
	failed.warning = DRAFT_PAGE_FAILED " (HTTP 503); the failure may pass";
	struct draft_doc d = example();
	d.entries = &failed;
	d.n_entries = 1;
	char *err = NULL, *text = draft_compose(&d);
	char *hers = replace(text, "Here are some of the reads", "My intro. Here are some of the reads");
	char *tmp = replace(hers, "> What the feed said.", "> What the feed said, as I cut it.");
	free(hers);
	hers = tmp;

	struct draft_entry read = new_entry;
	read.alternatives = alts;
	read.n_alternatives = 2;
	read.page_read = true;
	d.entries = &read;
	char *m = merge(hers, &d, &err);
	ok(m && is_insertion_of(m, hers), "the page's quotes are inserted, her bytes kept");
	const char *w = m ? strstr(m, "<!-- reads: warning: " DRAFT_PAGE_FAILED) : NULL;
	const char *c = m ? strstr(m, "<!-- reads: the article page could be read now; its quotes, move one above to use it\n"
				      "> Social business design is the intentional creation of dynamic structures.\n"
				      "> Second thought from the page.\n"
				      "> Third \xe2\x80\x90\xe2\x80\x90 with hyphens.\n"
				      "-->\n") : NULL;
	ok(w && c && c > w && !strncmp(strchr(w, '\n'), "\n\n<!-- reads: the article page", 30),
	   "in a comment of their own, after the warning, a blank line between");
	ok(m && strstr(m, "> What the feed said, as I cut it.\n"), "her quote stays");
	struct strlist keys, waiting;
	strlist_init(&keys);
	strlist_init(&waiting);
	ok(draft_keys_waiting(hers, strlen(hers), &keys, &waiting, &err) && keys.n == 1 && waiting.n == 1 &&
	   !strcmp(waiting.v[0], new_entry.key), "before: the entry waits for its page");
	strlist_finish(&keys);
	strlist_finish(&waiting);
	ok(m && draft_keys_waiting(m, strlen(m), &keys, &waiting, &err) && keys.n == 1 && waiting.n == 0,
	   "after: the draft still reads back, and nothing waits");
	strlist_finish(&keys);
	strlist_finish(&waiting);
	char *again = m ? merge(m, &d, &err) : NULL;
	is_str(again, m, "offered once: the next run changes nothing");
	free(again);

	/* she removed the warning: she has dealt with it */
	char *no_warning = replace(hers, "<!-- reads: warning: " DRAFT_PAGE_FAILED " (HTTP 503); the failure may pass -->\n", "");
	char *m2 = merge(no_warning, &d, &err);
	is_str(m2, no_warning, "a warning she deleted asks for nothing");
	free(m2);
	free(no_warning);

	/* the page failed again, or the entry never had the warning */
	read.page_read = false;
	char *m3 = merge(hers, &d, &err);
	is_str(m3, hers, "no page read this run: nothing offered");
	free(m3);
	read.page_read = true;
	read.quote = NULL;
	read.n_alternatives = 0;
	char *m4 = merge(hers, &d, &err);
	is_str(m4, hers, "a page without quotes: nothing offered");
	free(m4);

	/* CRLF drafts get CRLF */
	read.quote = new_entry.quote;
	char *crlf = NULL;
	{
		size_t n = strlen(hers), k = 0;
		crlf = malloc(2 * n + 1);
		if (!crlf)
			abort();
		for (size_t i = 0; i < n; i++) {
			if (hers[i] == '\n')
				crlf[k++] = '\r';
			crlf[k++] = hers[i];
		}
		crlf[k] = '\0';
	}
	char *m5 = merge(crlf, &d, &err);
	ok(m5 && is_insertion_of(m5, crlf) && strstr(m5, "-->\r\n\r\n<!-- reads: the article page could be read now") &&
	   !strstr(m5 + 1, "\n\n"), "a CRLF draft gets CRLF lines");
	free(m5);
	free(crlf);
	free(m);
	free(hers);
	free(text);
	free(err);
}

int main(void)
{
	test_side_file();
	test_keyless();
	test_unchanged();
	test_edits_survive();
	test_deleted();
	test_candidates();
	test_no_markers();
	test_broken();
	test_page_read_later();
	return tap_done();
}
