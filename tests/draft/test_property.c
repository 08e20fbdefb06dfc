/* Property test of the re-run cycle: test_property [SEQUENCES] [SEED].
 *
 * Each sequence simulates a month: new articles arrive; the author edits
 * the draft (intro, free text, quotes, headings; deletes and reorders
 * entries; now and then breaks a marker); reads re-merges, the caller
 * filtering the entries she dismissed the way cmd_draft does (keys that were
 * in the draft after the last run and are gone now).  After every merge:
 *   - her text is kept: the merged draft is her draft with bytes inserted
 *     only (every byte she wrote still there, in order);
 *   - no dismissed key comes back (reads adds none; when a merge is refused
 *     she undoes her edits, which may restore an entry herself: hers);
 *   - the keys are hers, in her order, then the new ones in arrival order;
 *   - merging again changes nothing.
 * A merge may refuse (NULL + error) only when she broke a marker. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "tap.h"

static uint64_t rng_state;

static uint64_t rnd(void)
{
	uint64_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return rng_state = x;
}

static size_t pick(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

static bool chance(unsigned percent)
{
	return rnd() % 100 < percent;
}

static char *xstrdup(const char *s)
{
	char *r = strdup(s);
	if (!r)
		abort();
	return r;
}

static char *fmt(const char *f, ...) PRINTF_LIKE(1, 2);
static char *fmt(const char *f, ...)
{
	va_list ap;
	char *r;
	va_start(ap, f);
	if (vasprintf(&r, f, ap) < 0)
		abort();
	va_end(ap);
	return r;
}

/* text with [from, to) replaced by ins. Caller frees. */
static char *splice(const char *text, size_t from, size_t to, const char *ins)
{
	return fmt("%.*s%s%s", (int)from, text, ins, text + to);
}

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

static size_t line_start(const char *t, size_t off)
{
	while (off > 0 && t[off - 1] != '\n')
		off--;
	return off;
}

static size_t next_line(const char *t, size_t off)
{
	const char *nl = strchr(t + off, '\n');
	return nl ? (size_t)(nl - t) + 1 : strlen(t);
}

/* Random line start in t (after the front matter). */
static size_t random_line(const char *t)
{
	size_t body = 0;
	unsigned bl;
	(void)draft_front_matter(t, strlen(t), &body, &bl, NULL);
	size_t n = strlen(t);
	if (n <= body)
		return n;
	return line_start(t, body + pick(n - body + 1));
}

/* The entry blocks: [start, end) from the heading line above each marker to
 * the next heading, the candidates comment, or the end. */
struct blocks {
	size_t start[64], end[64];
	size_t n;
};

static void find_blocks(const char *t, struct blocks *b)
{
	b->n = 0;
	const char *p = t;
	while ((p = strstr(p, "\n<!-- reads: entry ")) && b->n < 64) {
		size_t m = (size_t)(p - t) + 1;
		b->start[b->n++] = m > 0 ? line_start(t, m - 1) : 0;
		p++;
	}
	for (size_t i = 0; i < b->n; i++) {
		size_t e = i + 1 < b->n ? b->start[i + 1] : strlen(t);
		if (i + 1 == b->n) {
			const char *c = strstr(t + b->start[i], "\n<!-- reads: candidates");
			const char *s = strstr(t + b->start[i], "\nLamia Ben.");
			if (c)
				e = (size_t)(c - t) + 1;
			else if (s)
				e = (size_t)(s - t) + 1;
		}
		b->end[i] = e < b->start[i] ? b->start[i] : e;
	}
}

static const char *const her_text[] = {
	"Her own paragraph about the month.\n",
	"* a list item of hers\n* and another\n",
	"> a quote she typed herself\n",
	"## Her own section\n",
	"Some *emphasis*, a [link](http://her.example/x) & an entity &copy;.\n",
	"<!-- her own note to herself -->\n",
	"\n",
	"A line with -- dashes --> and <b>html</b>\n",
	"Text right under, no blank line",
	"    indented like code? no, just her style\n",
	"1. first\n2. second\n",
};

static const char *const hostile[] = {
	"```\n",
	"<!-- reads: entry -->\n",
	"<!-- reads: other quotes, unclosed\n",
	"<pre>\n",
};

static const char *const title_bits[] = {
	"Why Enterprise 2.0", "[Social] business", "<Activity> streams", "C# -- and *stars*",
	"_under_ score", "The future is podular", "Email is dead?", "Pods & nets #",
};

static const char *const quote_bits[] = {
	"Some say email is over and done.",
	"A chain, as the saying goes, is only as strong as its weakest link -->",
	"# not a heading\n\n- not a list",
	"Companies aren’t communities.",
	"…the combination of the social and structuring aspects.",
	"",
};

struct article {
	char *key, *link, *title, *quote;
};

static void entry_of(const struct article *a, struct draft_entry *e)
{
	static const char *alts[] = {"An alternative -- with a dash.", "Another one."};
	memset(e, 0, sizeof *e);
	e->key = a->key;
	e->link = a->link;
	e->title = a->title;
	e->author = "Someone";
	e->quote = *a->quote ? a->quote : NULL;
	e->alternatives = alts;
	e->n_alternatives = 2;
}

static bool in_list(char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return true;
	return false;
}

/* One random edit of hers; returns the new text (caller frees) and sets
 * *broke when it was a hostile one. */
static char *edit(const char *t, bool *broke, unsigned serial)
{
	struct blocks b;
	find_blocks(t, &b);
	char *ins;
	switch (pick(10)) {
	case 0: { /* rewrite the intro */
		const char *m = strstr(t, "write. -->\n");
		if (!m)
			break;
		size_t s = (size_t)(m - t) + strlen("write. -->\n");
		ins = fmt("Her intro, version %u: what a month.", serial);
		char *r = splice(t, s, next_line(t, s) - 1 >= s ? next_line(t, s) - 1 : s, ins);
		free(ins);
		return r;
	}
	case 1:
	case 2: { /* free text somewhere */
		size_t at = random_line(t);
		ins = fmt("%s", her_text[pick(sizeof her_text / sizeof *her_text)]);
		char *r = splice(t, at, at, ins);
		free(ins);
		return r;
	}
	case 3: /* delete an entry */
		if (b.n > 0) {
			size_t i = pick(b.n);
			return splice(t, b.start[i], b.end[i], "");
		}
		break;
	case 4: /* reorder two entries */
		if (b.n > 1) {
			size_t i = pick(b.n - 1), j = i + 1 + pick(b.n - i - 1);
			return fmt("%.*s%.*s%.*s%.*s%s", (int)b.start[i], t, (int)(b.end[j] - b.start[j]),
				   t + b.start[j], (int)(b.start[j] - b.end[i]), t + b.end[i],
				   (int)(b.end[i] - b.start[i]), t + b.start[i], t + b.end[j]);
		}
		break;
	case 5: /* rewrite a quote */
		if (b.n > 0) {
			size_t i = pick(b.n);
			const char *q = strstr(t + b.start[i], "\n> ");
			if (q && (size_t)(q - t) < b.end[i]) {
				size_t s = (size_t)(q - t) + 1;
				ins = fmt("> Her rewritten quote %u.\n", serial);
				char *r = splice(t, s, next_line(t, s), ins);
				free(ins);
				return r;
			}
		}
		break;
	case 6: /* edit a heading */
		if (b.n > 0) {
			size_t i = pick(b.n);
			ins = fmt("### Her heading %u\n", serial);
			char *r = splice(t, b.start[i], next_line(t, b.start[i]), ins);
			free(ins);
			return r;
		}
		break;
	case 7: /* write inside a line */
		if (strlen(t) > 0) {
			size_t at = pick(strlen(t));
			if (t[at] == '\n' || t[at] == ' ') {
				size_t ls = line_start(t, at), le = next_line(t, at);
				char *line = fmt("%.*s", (int)(le - ls), t + ls);
				*broke = *broke || strstr(line, "<!--") || strstr(line, "-->");
				free(line);
				ins = fmt(" her words %u", serial);
				char *r = splice(t, at, at, ins);
				free(ins);
				return r;
			}
		}
		break;
	case 8: /* the signature or the intro marker goes */
		if (chance(30)) {
			const char *s = strstr(t, "\nLamia Ben.");
			if (s)
				return splice(t, (size_t)(s - t) + 1, (size_t)(s - t) + 11, "Lamia");
		} else if (chance(20)) {
			const char *m = strstr(t, "<!-- reads: intro.");
			if (m)
				return splice(t, (size_t)(m - t), next_line(t, (size_t)(m - t)), "");
		}
		break;
	case 9: /* now and then, she breaks something */
		if (chance(25)) {
			size_t at = random_line(t);
			*broke = true;
			return splice(t, at, at, hostile[pick(sizeof hostile / sizeof *hostile)]);
		}
		break;
	}
	return xstrdup(t);
}

int main(int argc, char **argv)
{
	unsigned sequences = argc > 1 ? (unsigned)atoi(argv[1]) : 200;
	rng_state = argc > 2 ? strtoull(argv[2], NULL, 10) : 0x9e3779b97f4a7c15ull;
	unsigned merges = 0, refused = 0, failures = 0, lost = 0, resurrected = 0;
	for (unsigned seq = 0; seq < sequences; seq++) {
		struct article arts[64];
		size_t n_arts = 0;
		char *dismissed[64];
		size_t n_dismissed = 0;
		struct strlist prev;
		strlist_init(&prev);
		char *text = NULL;
		unsigned serial = 0;
		unsigned steps = 4 + (unsigned)pick(8);
		bool seq_ok = true, tainted = false; /* tainted: a hostile edit of hers was kept */
		for (unsigned step = 0; step < steps && seq_ok; step++) {
			/* new articles arrive */
			size_t arrive = pick(4) + (step == 0);
			for (size_t i = 0; i < arrive && n_arts < 64; i++) {
				struct article *a = &arts[n_arts];
				a->key = fmt("https://ex%u.example/%zu--post", seq, n_arts);
				a->link = fmt("%s?utm=%zu", a->key, n_arts);
				a->title = fmt("%s %zu", title_bits[pick(8)], n_arts);
				a->quote = xstrdup(quote_bits[pick(6)]);
				n_arts++;
			}
			struct draft_entry entries[64];
			size_t n_entries = 0;
			for (size_t i = 0; i < n_arts; i++)
				if (!in_list(dismissed, n_dismissed, arts[i].key))
					entry_of(&arts[i], &entries[n_entries++]);
			struct draft_candidate cand = {.key = fmt("https://cand.example/%u", step), .title = "A candidate"};
			cand.link = cand.key;
			struct draft_doc doc = {.title = "Enterprise 2.0 reads – November 2010",
						.month = "2010-11",
						.date = "2010-12-01",
						.signature = "Lamia Ben.",
						.entries = entries,
						.n_entries = n_entries,
						.candidates = &cand,
						.n_candidates = 1};
			if (!text) {
				text = draft_compose(&doc);
				if (!draft_keys(text, strlen(text), &prev, NULL))
					seq_ok = false;
				free((char *)cand.key);
				continue;
			}
			/* she edits */
			bool broke = false;
			char *her = xstrdup(text);
			unsigned n_edits = 1 + (unsigned)pick(4);
			for (unsigned e = 0; e < n_edits; e++) {
				char *next = edit(her, &broke, ++serial);
				free(her);
				her = next;
			}
			/* the caller: dismissed = in the draft last time, gone now */
			struct strlist now;
			strlist_init(&now);
			char *err = NULL;
			bool readable = draft_keys(her, strlen(her), &now, &err);
			if (readable) {
				for (size_t i = 0; i < prev.n; i++)
					if (!strlist_contains(&now, prev.v[i]) && n_dismissed < 64 &&
					    !in_list(dismissed, n_dismissed, prev.v[i]))
						dismissed[n_dismissed++] = xstrdup(prev.v[i]);
				n_entries = 0;
				for (size_t i = 0; i < n_arts; i++)
					if (!in_list(dismissed, n_dismissed, arts[i].key))
						entry_of(&arts[i], &entries[n_entries++]);
				doc.n_entries = n_entries;
			}
			free(err);
			err = NULL;
			char *merged = draft_merge(her, strlen(her), &doc, &err);
			merges++;
			if (!merged) {
				refused++;
				if (!err || !(broke || tainted)) {
					failures++;
					seq_ok = ok(false, "seq %u step %u: refused without a broken marker: %s", seq, step, err ? err : "(no error)");
					if (getenv("DUMP"))
						fprintf(stderr, "=== before\n%s\n=== after her edits\n%s\n===\n", text, her);
				}
				/* she fixes what she broke (the lead wrote a side file) */
				free(her);
				free(err);
				strlist_finish(&now);
				free((char *)cand.key);
				continue;
			}
			struct strlist after;
			strlist_init(&after);
			char *err2 = NULL;
			bool fine = draft_keys(merged, strlen(merged), &after, &err2);
			if (!is_insertion_of(merged, her)) {
				lost++;
				seq_ok = ok(false, "seq %u step %u: her text was changed", seq, step);
			}
			for (size_t i = 0; i < after.n; i++)
				if (in_list(dismissed, n_dismissed, after.v[i]) && !strlist_contains(&now, after.v[i])) {
					resurrected++;
					seq_ok = ok(false, "seq %u step %u: dismissed %s came back", seq, step, after.v[i]);
				}
			if (fine && readable) {
				/* her keys in her order, then the new ones in arrival order */
				size_t k = 0;
				bool order = after.n >= now.n;
				for (; order && k < now.n; k++)
					order = strcmp(after.v[k], now.v[k]) == 0;
				for (size_t i = 0; order && i < n_entries; i++)
					if (!strlist_contains(&now, entries[i].key))
						order = k < after.n && strcmp(after.v[k++], entries[i].key) == 0;
				order = order && k == after.n;
				if (!order)
					seq_ok = ok(false, "seq %u step %u: keys out of order", seq, step);
			} else if (!fine) {
				seq_ok = ok(false, "seq %u step %u: merged draft unreadable: %s", seq, step, err2 ? err2 : "?");
			}
			char *again = draft_merge(merged, strlen(merged), &doc, NULL);
			if (!again || strcmp(again, merged) != 0)
				seq_ok = ok(false, "seq %u step %u: a second merge changed the draft", seq, step);
			free(again);
			strlist_finish(&prev);
			prev = after;
			free(err2);
			free(text);
			text = merged;
			tainted = tainted || broke;
			free(her);
			free(err);
			strlist_finish(&now);
			free((char *)cand.key);
		}
		if (seq_ok)
			ok(true, "sequence %u: %u steps, %zu articles, %zu dismissed", seq, steps, n_arts, n_dismissed);
		free(text);
		strlist_finish(&prev);
		for (size_t i = 0; i < n_arts; i++) {
			free(arts[i].key);
			free(arts[i].link);
			free(arts[i].title);
			free(arts[i].quote);
		}
		for (size_t i = 0; i < n_dismissed; i++)
			free(dismissed[i]);
	}
	printf("# %u merges, %u refused on a broken marker, %u wrong refusals, %u lost edits, %u resurrected\n",
	       merges, refused, failures, lost, resurrected);
	return tap_done();
}
