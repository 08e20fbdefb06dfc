/* Escaping round trip: test_escape [RANDOM_ROUNDS] [SEED].
 *
 * Titles, authors, sites and quotes full of Markdown punctuation are
 * composed, parsed back with cmark, and must come out as exactly their text:
 * the heading holds one link whose text is the title (as plain text nodes)
 * followed by " by AUTHOR on SITE", the blockquote holds the quote's
 * paragraphs, and no emphasis, code, HTML, extra link, list or heading
 * appears. */
#include <cmark.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "draft.h"
#include "tap.h"

static uint64_t state;

static uint64_t rnd(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

/* Plain text of an inline container; false when anything but text and
 * soft breaks is inside. */
static bool plain(cmark_node *parent, struct buf *b, cmark_node *stop_at)
{
	for (cmark_node *c = cmark_node_first_child(parent); c && c != stop_at; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT) {
			if (!buf_puts(b, cmark_node_get_literal(c)))
				return false;
		} else if (t == CMARK_NODE_SOFTBREAK) {
			if (!buf_putc(b, '\n'))
				return false;
		} else {
			return false;
		}
	}
	return true;
}

static char *collapse(const char *s)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	bool sp = false;
	for (; *s; s++) {
		if (strchr(" \t\n\r\f\v", *s)) {
			sp = b.len > 0;
			continue;
		}
		if (sp && !buf_putc(&b, ' '))
			abort();
		if (!buf_putc(&b, *s))
			abort();
		sp = false;
	}
	return buf_detach(&b);
}

/* The quote as cmark should see it: lines trimmed, blank-line separated
 * paragraphs joined by "\n\n", lines inside a paragraph by "\n". */
static char *quote_text(const char *q)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	bool para = false, gap = false;
	const char *p = q;
	while (*p) {
		const char *e = p;
		while (*e && *e != '\n' && *e != '\r')
			e++;
		const char *s = p, *t = e;
		while (s < t && strchr(" \t\f\v", *s))
			s++;
		while (t > s && strchr(" \t\f\v", t[-1]))
			t--;
		if (s == t) {
			gap = para;
		} else {
			if (para && !buf_puts(&b, gap ? "\n\n" : "\n"))
				abort();
			if (!buf_append(&b, s, (size_t)(t - s)))
				abort();
			para = true;
			gap = false;
		}
		p = e;
		if (*p == '\r' && p[1] == '\n')
			p++;
		if (*p)
			p++;
	}
	return buf_detach(&b);
}

static int check(const char *s, const char *label)
{
	struct draft_entry e = {.key = "https://k.example/1", .link = "https://k.example/1", .title = s, .author = s, .site = s, .quote = s};
	struct draft_doc d = {.title = s, .signature = "Sig", .entries = &e, .n_entries = 1};
	char *md = draft_compose(&d);
	size_t body;
	unsigned bl;
	if (!md || !draft_front_matter(md, strlen(md), &body, &bl, NULL))
		return ok(false, "%s: composed with front matter", label);
	cmark_node *doc = cmark_parse_document(md + body, strlen(md + body), CMARK_OPT_DEFAULT);
	cmark_node *h = NULL, *q = NULL;
	size_t headings = 0, quotes = 0, lists = 0;
	for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_HEADING) {
			h = c;
			headings++;
		}
		if (t == CMARK_NODE_BLOCK_QUOTE) {
			q = c;
			quotes++;
		}
		lists += t == CMARK_NODE_LIST;
	}
	bool good = headings == 1 && quotes == (*s && strspn(s, " \t\n\r") != strlen(s)) && lists == 0;
	char *want_title = collapse(s);
	if (good && h) {
		cmark_node *link = cmark_node_first_child(h);
		struct buf t, rest;
		buf_init(&t, 1 << 20);
		buf_init(&rest, 1 << 20);
		good = link && cmark_node_get_type(link) == CMARK_NODE_LINK && plain(link, &t, NULL) &&
		       strcmp(cmark_node_get_url(link), "https://k.example/1") == 0;
		if (good && *want_title)
			good = strcmp(buf_str(&t), want_title) == 0;
		/* " by S on S" after the link */
		struct buf tail;
		buf_init(&tail, 1 << 20);
		for (cmark_node *c = link ? cmark_node_next(link) : NULL; good && c; c = cmark_node_next(c)) {
			good = cmark_node_get_type(c) == CMARK_NODE_TEXT;
			if (good && !buf_puts(&tail, cmark_node_get_literal(c)))
				abort();
		}
		if (good && *want_title) {
			char *w = NULL;
			if (asprintf(&w, " by %s on %s", want_title, want_title) < 0)
				abort();
			good = strcmp(buf_str(&tail), w) == 0;
			if (!good)
				printf("#   tail got  [%s]\n#   tail want [%s]\n", buf_str(&tail), w);
			free(w);
		}
		buf_finish(&tail);
		if (!good)
			printf("#   title got [%s]\n#   want      [%s]\n", buf_str(&t), want_title);
		buf_finish(&t);
		buf_finish(&rest);
	}
	if (good && q) {
		struct buf t;
		buf_init(&t, 1 << 20);
		bool first = true;
		for (cmark_node *p = cmark_node_first_child(q); good && p; p = cmark_node_next(p)) {
			good = cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH;
			if (good && !first && !buf_puts(&t, "\n\n"))
				abort();
			first = false;
			good = good && plain(p, &t, NULL);
		}
		char *want = quote_text(s);
		if (good)
			good = strcmp(buf_str(&t), want) == 0;
		if (!good)
			printf("#   quote got  [%s]\n#   quote want [%s]\n", buf_str(&t), want);
		free(want);
		buf_finish(&t);
	}
	if (!good)
		printf("# draft:\n%s\n", md);
	free(want_title);
	cmark_node_free(doc);
	free(md);
	return ok(good, "%s", label);
}

int main(int argc, char **argv)
{
	static const char *const table[] = {
		"[Brackets] and ]these[",
		"<b>tags</b> <http://autolink.example> <!-- comment --> <?pi?>",
		"*stars* **strong** _under_ __strong__ snake_case_name _x",
		"`code` ``double`` ~~strike~~ ~single~",
		"\\backslash\\ and \\* escapes",
		"Entities &amp; &copy; &#38; &#x26; & plain & AT&T",
		"# heading?\n## another\n> nested\n- item\n+ item\n* item\n1. one\n2) two\n===\n---",
		"Trailing hashes ##",
		"C# and F#",
		"![image](x) [link](y) [ref][r]",
		"A -- dash --> and <!-- inside",
		"Line one\nline two\n\nParagraph two\n\n\n   Indented three",
		"    four-space indent",
		"Emoji 😀 and typographic “quotes” ‘single’ – — …",
		"| a | b |\n|---|---|",
		"12345. big number\n123456789. too big for a list",
		"Title with trailing backslash \\",
		"",
	};
	for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
		char label[160];
		size_t k = 0;
		for (const char *p = table[i]; *p && k + 3 < sizeof label; p++) {
			if (*p == '\n') {
				label[k++] = '\\';
				label[k++] = 'n';
			} else {
				label[k++] = *p;
			}
		}
		label[k] = '\0';
		check(table[i], label);
	}

	unsigned rounds = argc > 1 ? (unsigned)atoi(argv[1]) : 500;
	state = argc > 2 ? strtoull(argv[2], NULL, 10) : 0x2545F4914F6CDD1Dull;
	static const char alphabet[] = "ab ._*`[]()<>!#&;\\-=+~|:/\"'\n0123456789";
	unsigned bad = 0;
	for (unsigned r = 0; r < rounds; r++) {
		char s[40];
		size_t n = 1 + (size_t)(rnd() % (sizeof s - 1));
		for (size_t i = 0; i < n; i++)
			s[i] = alphabet[rnd() % (sizeof alphabet - 1)];
		s[n] = '\0';
		char label[64];
		snprintf(label, sizeof label, "random %u", r);
		int before = tap_failed;
		check(s, label);
		if (tap_failed != before) {
			bad++;
			printf("#   input [%s]\n", s);
		}
	}
	printf("# %u random strings, %u wrong\n", rounds, bad);
	return tap_done();
}
