/* Byte-level mutations of composed drafts: test_mutate [ROUNDS] [SEED].
 *
 * Whatever the bytes, draft_keys and draft_merge either refuse with an
 * error or keep every input byte in order, the merged draft reads back,
 * a second merge changes nothing; export never lets a "<!-- reads:" comment
 * through as HTML.  Under the sanitizers this doubles as a small fuzzer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "export.h"
#include "fixtures.h"
#include "tap.h"

static uint64_t state;

static uint64_t rnd(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

static bool is_insertion_of(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	for (; i < an && j < bn; i++)
		if (a[i] == b[j])
			j++;
	return j == bn;
}

static const char *const tokens[] = {
	"<!--", "-->", "<!-- reads: entry ", "<!-- reads: entry https://x.example/k -->\n", "\n", "\n\n",
	"```", "    ", "> ", "### ", "- ", "<div>", "</div>", "<pre>", "]]>", "\r\n", "\r", "---\n",
	"\xef\xbb\xbf", "\xff", "\0", "[", "](", ")", "*", "&amp;", "‐‐", "Lamia Ben.",
};

int main(int argc, char **argv)
{
	unsigned rounds = argc > 1 ? (unsigned)atoi(argv[1]) : 2000;
	state = argc > 2 ? strtoull(argv[2], NULL, 10) : 88172645463325252ull;
	unsigned refused = 0, merged = 0, bad = 0;
	static const struct draft_entry fresh[] = {
		{.key = "https://new.example/a", .link = "https://new.example/a", .title = "New A", .quote = "Qa"},
		{.key = "https://new.example/b", .link = "https://new.example/b", .title = "New B"},
	};
	static const struct draft_candidate fresh_cand = {.key = "https://new.example/c", .link = "https://new.example/c", .title = "C"};
	for (unsigned r = 0; r < rounds; r++) {
		const struct fixture *f = &fixtures[r % N_OF(fixtures)];
		char *text = draft_compose(&f->doc);
		size_t len = strlen(text), cap = len + 4096;
		char *t = malloc(cap);
		memcpy(t, text, len);
		unsigned edits = 1 + (unsigned)(rnd() % 6);
		for (unsigned e = 0; e < edits; e++) {
			size_t at = len ? (size_t)(rnd() % (len + 1)) : 0;
			switch (rnd() % 3) {
			case 0: { /* insert a token */
				const char *tok = tokens[rnd() % N_OF(tokens)];
				size_t tl = tok[0] ? strlen(tok) : 1;
				if (len + tl >= cap)
					break;
				memmove(t + at + tl, t + at, len - at);
				memcpy(t + at, tok, tl);
				len += tl;
				break;
			}
			case 1: { /* delete a run */
				size_t n = (size_t)(rnd() % 12);
				if (at + n > len)
					n = len - at;
				memmove(t + at, t + at + n, len - at - n);
				len -= n;
				break;
			}
			default: /* flip a byte */
				if (at < len)
					t[at] = (char)(rnd() & 0xff);
			}
		}
		struct draft_entry entries[8];
		size_t n = 0;
		for (size_t i = 0; i < f->doc.n_entries && n < 6; i++)
			entries[n++] = f->doc.entries[i];
		entries[n++] = fresh[0];
		entries[n++] = fresh[1];
		struct draft_doc doc = f->doc;
		doc.entries = entries;
		doc.n_entries = n;
		doc.candidates = &fresh_cand;
		doc.n_candidates = 1;

		char *err = NULL;
		char *m = draft_merge(t, len, &doc, &err);
		if (!m) {
			refused++;
			if (!err || strlen(err) == 0) {
				bad++;
				ok(false, "round %u: refused without a reason", r);
			}
		} else {
			merged++;
			size_t ml = strlen(m);
			bool nul_free = memchr(t, '\0', len) == NULL;
			if (nul_free && !is_insertion_of(m, ml, t, len)) {
				bad++;
				ok(false, "round %u: input bytes lost", r);
			}
			struct strlist keys;
			strlist_init(&keys);
			char *e2 = NULL;
			if (!draft_keys(m, ml, &keys, &e2)) {
				bad++;
				ok(false, "round %u: merged draft unreadable: %s", r, e2 ? e2 : "?");
			}
			strlist_finish(&keys);
			free(e2);
			char *again = draft_merge(m, ml, &doc, NULL);
			if (!again || strcmp(again, m) != 0) {
				bad++;
				ok(false, "round %u: second merge differs", r);
			}
			free(again);
		}
		for (int fmt = EXPORT_HTML; fmt <= EXPORT_WXR; fmt++) {
			char *e3 = NULL;
			char *x = export_draft(t, len, (enum export_format)fmt, &e3);
			if (x && (strstr(x, "<!-- reads:") || strstr(x, "<!--reads:"))) {
				bad++;
				ok(false, "round %u: a reads comment leaked into the export", r);
				if (getenv("DUMP"))
					fprintf(stderr, "=== input\n%.*s\n=== output\n%s\n===\n", (int)len, t, x);
			}
			if (!x && !e3) {
				bad++;
				ok(false, "round %u: export failed without a reason", r);
			}
			free(x);
			free(e3);
		}
		free(m);
		free(err);
		free(t);
		free(text);
	}
	ok(bad == 0, "%u mutated drafts: %u merged, %u refused with a reason, %u bad", rounds, merged, refused, bad);
	return tap_done();
}
