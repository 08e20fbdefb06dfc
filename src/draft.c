/* draft — compose the month's post; read its markers back with cmark; merge
 * new entries into a draft the author has edited, by insertion only.
 *
 * The format is specified in doc/draft-format.md and doc/reads-draft.5. */
#include "draft.h"

#include <cmark.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "limits.h"

#define INTRO_MARKER "<!-- reads: intro. Write the opening here; a re-run never changes what you write. -->"
#define OTHER_QUOTES_OPEN "<!-- reads: other quotes, move one above to use it"
#define PAGE_READ_OPEN "<!-- reads: the article page could be read now; its quotes, move one above to use it"
#define PAGE_FAILED_LINE "<!-- reads: warning: " DRAFT_PAGE_FAILED
#define CANDIDATES_OPEN \
	"<!-- reads: candidates from your feeds that did not make the list; move one up to use it"
#define NO_QUOTE "<!-- reads: no quote was found in the article; write one here as a \"> \" paragraph -->"

/* U+2010 HYPHEN: stands for '-' in runs of hyphens inside reads' comments,
 * so that neither "--" nor "-->" ever appears in a comment's text. */
#define HYPHEN_U2010 "\xe2\x80\x90"

static bool is_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static bool is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* True when s[i] == '&' starts an entity or character reference. */
static bool entity_at(const char *s, size_t n, size_t i)
{
	size_t j = i + 1;
	if (j < n && s[j] == '#') {
		j++;
		bool hex = j < n && (s[j] == 'x' || s[j] == 'X');
		if (hex)
			j++;
		size_t d = j;
		while (j < n && (hex ? is_alnum((unsigned char)s[j]) : (s[j] >= '0' && s[j] <= '9')))
			j++;
		return j > d && j < n && s[j] == ';';
	}
	size_t d = j;
	while (j < n && is_alnum((unsigned char)s[j]))
		j++;
	return j > d && j < n && s[j] == ';';
}

/* Appends one line of plain text so that CommonMark renders it as that text:
 * inline punctuation that could start emphasis, code, links, HTML or
 * entities is backslash-escaped, and so is what would start a block
 * (heading, list, quote, setext underline) when at_line_start. */
static bool put_md(struct buf *b, const char *s, size_t n, bool at_line_start)
{
	size_t i = 0;
	if (at_line_start && n > 0) {
		size_t d = 0;
		while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d > 0 && d < n && (s[d] == '.' || s[d] == ')') &&
		    (d + 1 == n || s[d + 1] == ' ' || s[d + 1] == '\t')) {
			if (!buf_append(b, s, d) || !buf_putc(b, '\\') || !buf_putc(b, s[d]))
				return false;
			i = d + 1;
		} else if (s[0] == '#' || s[0] == '>' || s[0] == '=' || s[0] == '-' || s[0] == '+') {
			if (!buf_putc(b, '\\') || !buf_putc(b, s[0]))
				return false;
			i = 1;
		}
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool esc = false;
		switch (c) {
		case '\\':
		case '`':
		case '*':
		case '[':
		case ']':
		case '<':
			esc = true;
			break;
		case '_':
			esc = !(i > 0 && is_alnum((unsigned char)s[i - 1]) && i + 1 < n &&
				is_alnum((unsigned char)s[i + 1]));
			break;
		case '~':
			esc = (i > 0 && s[i - 1] == '~') || (i + 1 < n && s[i + 1] == '~');
			break;
		case '&':
			esc = entity_at(s, n, i);
			break;
		default:
			break;
		}
		if ((esc && !buf_putc(b, '\\')) || !buf_putc(b, (char)c))
			return false;
	}
	return true;
}

/* s with every run of whitespace made one space, trimmed. Caller frees. */
static char *collapse(const char *s)
{
	struct buf b;
	buf_init(&b, LIMIT_DRAFT_OUTPUT_BYTES);
	bool space = false;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' || *s == '\f' || *s == '\v') {
			space = b.len > 0;
			continue;
		}
		if ((space && !buf_putc(&b, ' ')) || !buf_putc(&b, *s)) {
			buf_finish(&b);
			return NULL;
		}
		space = false;
	}
	return buf_detach(&b);
}

/* Appends comment text: each '-' of a run of two or more becomes U+2010, and
 * a '>' right after a run's end cannot close anything (the run is gone), so
 * the comment can neither close early nor break an HTML parser. */
static bool put_comment_text(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bool run = s[i] == '-' && ((i + 1 < n && s[i + 1] == '-') || (i > 0 && s[i - 1] == '-'));
		if (run ? !buf_puts(b, HYPHEN_U2010) : !buf_putc(b, s[i]))
			return false;
	}
	return true;
}

/* Appends a link destination: bytes that cannot stand in one (controls,
 * space, '<', '>', '\') are percent-encoded, parentheses put it inside
 * <…>, an entity-like '&' is written "&amp;" (cmark decodes references in
 * destinations, and a backslash does not stop it), and in_comment encodes hyphens of a
 * "--" run as %2D (the same URL) so the comment stays closed. */
static bool put_dest(struct buf *b, const char *s, bool in_comment)
{
	size_t n = strlen(s);
	bool angle = strchr(s, '(') || strchr(s, ')') || n == 0;
	if (angle && !buf_putc(b, '<'))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool ok;
		if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == '\\' ||
		    (in_comment && c == '-' &&
		     ((i + 1 < n && s[i + 1] == '-') || (i > 0 && s[i - 1] == '-'))))
			ok = buf_printf(b, "%%%02X", c);
		else if (c == '&' && entity_at(s, n, i))
			ok = buf_puts(b, "&amp;"); /* a reference decodes to the '&' itself */
		else
			ok = buf_putc(b, (char)c);
		if (!ok)
			return false;
	}
	return !angle || buf_putc(b, '>');
}

/* The key as written in an entry marker: whitespace, controls, '<', '>' and
 * '"' percent-encoded (a canonical URL has none of them, so for those the
 * key is written as it is). Caller frees. */
static char *marker_key(const char *key)
{
	struct buf b;
	buf_init(&b, LIMIT_DRAFT_OUTPUT_BYTES);
	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		bool ok = (*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>' || *p == '"')
				  ? buf_printf(&b, "%%%02X", *p)
				  : buf_putc(&b, (char)*p);
		if (!ok) {
			buf_finish(&b);
			return NULL;
		}
	}
	return buf_detach(&b);
}

/* "[Title](link) by Author on Site" (the part after "### " or "- "). */
static bool put_title_line(struct buf *b, const char *link, const char *title, const char *author,
			   const char *site, bool in_comment)
{
	bool ok = false;
	char *t = collapse(!is_blank(title) ? title : link);
	char *a = !is_blank(author) ? collapse(author) : NULL;
	char *s = !is_blank(site) ? collapse(site) : NULL;
	if (!t || (!is_blank(author) && !a) || (!is_blank(site) && !s))
		goto out;
	struct buf line;
	buf_init(&line, LIMIT_DRAFT_OUTPUT_BYTES);
	ok = buf_putc(&line, '[') && put_md(&line, t, strlen(t), false) && buf_puts(&line, "](") &&
	     put_dest(&line, link, in_comment) && buf_putc(&line, ')');
	if (ok && a)
		ok = buf_puts(&line, " by ") && put_md(&line, a, strlen(a), false);
	if (ok && s)
		ok = buf_puts(&line, " on ") && put_md(&line, s, strlen(s), false);
	/* A trailing run of '#' after a space would be read as the heading's
	 * closing sequence and vanish: escape its first '#'. */
	if (ok && !in_comment && line.len > 0 && line.data[line.len - 1] == '#') {
		size_t k = line.len;
		while (k > 0 && line.data[k - 1] == '#')
			k--;
		if (k > 0 && line.data[k - 1] == ' ') {
			ok = buf_append(b, line.data, k) && buf_putc(b, '\\') &&
			     buf_append(b, line.data + k, line.len - k);
			buf_finish(&line);
			goto out;
		}
	}
	if (ok)
		ok = in_comment ? put_comment_text(b, line.data, line.len)
				: buf_append(b, line.data, line.len);
	buf_finish(&line);
out:
	free(t);
	free(a);
	free(s);
	return ok;
}

/* Appends a quote as blockquote lines ("> …"), its paragraphs (split at blank
 * lines) separated by ">" lines; in_comment applies put_comment_text. */
static bool put_quote(struct buf *b, const char *q, bool in_comment)
{
	struct buf out;
	buf_init(&out, LIMIT_DRAFT_OUTPUT_BYTES);
	bool ok = true, in_para = false, pending_break = false;
	const char *p = q;
	while (ok && *p) {
		const char *e = p;
		while (*e && *e != '\n' && *e != '\r')
			e++;
		const char *s = p, *t = e;
		while (s < t && (*s == ' ' || *s == '\t' || *s == '\f' || *s == '\v'))
			s++;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\f' || t[-1] == '\v'))
			t--;
		if (s == t) {
			pending_break = in_para;
		} else {
			if (pending_break)
				ok = buf_puts(&out, ">\n");
			pending_break = false;
			in_para = true;
			ok = ok && buf_puts(&out, "> ") && put_md(&out, s, (size_t)(t - s), true) &&
			     buf_putc(&out, '\n');
		}
		p = e;
		if (*p == '\r' && p[1] == '\n')
			p++;
		if (*p)
			p++;
	}
	if (ok)
		ok = in_comment ? put_comment_text(b, out.data ? out.data : "", out.len)
				: buf_append(b, out.data ? out.data : "", out.len);
	buf_finish(&out);
	return ok;
}

static bool has_paragraphs(const char *q)
{
	const char *p = strchr(q, '\n');
	while (p) {
		const char *s = p + 1;
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (*s == '\n' && !is_blank(s))
			return true;
		p = strchr(p + 1, '\n');
	}
	return false;
}

/* A comment "<!-- reads: LABEL: text -->". */
static bool put_labelled_comment(struct buf *b, const char *label, const char *text)
{
	char *t = collapse(text);
	bool ok = t && buf_printf(b, "<!-- reads: %s: ", label) && put_comment_text(b, t, strlen(t)) &&
		  buf_puts(b, " -->\n");
	free(t);
	return ok;
}

/* An entry's key (its link when the key is missing); NULL when it has
 * neither, and then it is left out. */
static const char *key_of(const char *key, const char *link)
{
	return !is_blank(key) ? key : !is_blank(link) ? link : NULL;
}

/* A blank line, then a comment that opens with `open` and holds first (when
 * not blank) and the non-blank quotes of rest, one "> " paragraph each (a
 * blank line between them when one has several paragraphs), "-->" on its
 * own line. Nothing when there is no quote. */
static bool put_quote_comment(struct buf *b, const char *open, const char *first, const char *const *rest,
			      size_t n_rest)
{
	size_t n = !is_blank(first);
	bool paras = n && has_paragraphs(first);
	for (size_t i = 0; i < n_rest; i++) {
		if (!is_blank(rest[i])) {
			n++;
			paras = paras || has_paragraphs(rest[i]);
		}
	}
	if (n == 0)
		return true;
	bool ok = buf_putc(b, '\n') && buf_puts(b, open) && buf_putc(b, '\n');
	bool any = false;
	for (size_t i = 0; ok && i <= n_rest; i++) {
		const char *q = i == 0 ? first : rest[i - 1];
		if (is_blank(q))
			continue;
		if (any && paras)
			ok = buf_putc(b, '\n');
		any = true;
		ok = ok && put_quote(b, q, true);
	}
	return ok && buf_puts(b, "-->\n");
}

/* One entry block, ending with "\n" (no trailing blank line). */
static bool put_entry(struct buf *b, const struct draft_entry *e)
{
	const char *k = key_of(e->key, e->link);
	char *key = marker_key(k);
	bool ok = key && buf_puts(b, "### ") &&
		  put_title_line(b, !is_blank(e->link) ? e->link : k, e->title, e->author, e->site, false) &&
		  buf_printf(b, "\n<!-- reads: entry %s -->\n\n", key);
	free(key);
	if (ok)
		ok = !is_blank(e->quote) ? put_quote(b, e->quote, false) : buf_puts(b, NO_QUOTE "\n");
	if (ok)
		ok = put_quote_comment(b, OTHER_QUOTES_OPEN, NULL, e->alternatives, e->n_alternatives);
	if (ok && !is_blank(e->note))
		ok = buf_putc(b, '\n') && put_labelled_comment(b, "note", e->note);
	if (ok && !is_blank(e->warning))
		ok = buf_putc(b, '\n') && put_labelled_comment(b, "warning", e->warning);
	return ok;
}

static bool put_candidate(struct buf *b, const struct draft_candidate *c)
{
	return buf_puts(b, "- ") &&
	       put_title_line(b, !is_blank(c->link) ? c->link : key_of(c->key, c->link), c->title, c->author,
			      c->site, true) &&
	       buf_putc(b, '\n');
}

static size_t count_candidates(const struct draft_doc *doc)
{
	size_t n = 0;
	for (size_t i = 0; i < doc->n_candidates; i++)
		n += key_of(doc->candidates[i].key, doc->candidates[i].link) != NULL;
	return n;
}

/* A YAML double-quoted scalar. */
static bool put_yaml_string(struct buf *b, const char *s)
{
	bool ok = buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; ok && *p; p++) {
		if (*p == '"' || *p == '\\')
			ok = buf_putc(b, '\\') && buf_putc(b, (char)*p);
		else if (*p == '\n')
			ok = buf_puts(b, "\\n");
		else if (*p == '\t')
			ok = buf_puts(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			ok = buf_printf(b, "\\x%02X", *p);
		else
			ok = buf_putc(b, (char)*p);
	}
	return ok && buf_putc(b, '"');
}

/* True when s is digits and '-' in the shape of pattern ("0000-00"). */
static bool shaped(const char *s, const char *pattern)
{
	for (; *pattern; s++, pattern++) {
		if (*pattern == '0' ? !(*s >= '0' && *s <= '9') : *s != *pattern)
			return false;
	}
	return *s == '\0';
}

static bool put_yaml_field(struct buf *b, const char *name, const char *value, const char *shape)
{
	if (!value)
		return true;
	if (!buf_printf(b, "%s: ", name))
		return false;
	bool ok = shaped(value, shape) ? buf_puts(b, value) : put_yaml_string(b, value);
	return ok && buf_putc(b, '\n');
}

char *draft_compose(const struct draft_doc *doc)
{
	struct buf b;
	buf_init(&b, LIMIT_DRAFT_OUTPUT_BYTES);
	char *title = collapse(doc->title ? doc->title : "");
	bool ok = title && buf_puts(&b, "---\ntitle: ") && put_yaml_string(&b, title) &&
		  buf_putc(&b, '\n') && put_yaml_field(&b, "month", doc->month, "0000-00") &&
		  put_yaml_field(&b, "date", doc->date, "0000-00-00") &&
		  buf_puts(&b, "draft: true\n---\n\n" INTRO_MARKER "\n");
	free(title);
	if (ok) {
		char *intro = collapse(!is_blank(doc->intro) ? doc->intro : DRAFT_INTRO_PLACEHOLDER);
		ok = intro && buf_puts(&b, intro) && buf_puts(&b, "\n\n");
		free(intro);
	}
	for (size_t i = 0; ok && i < doc->n_entries; i++)
		if (key_of(doc->entries[i].key, doc->entries[i].link))
			ok = put_entry(&b, &doc->entries[i]) && buf_putc(&b, '\n');
	if (ok && count_candidates(doc) > 0) {
		ok = buf_puts(&b, CANDIDATES_OPEN "\n");
		for (size_t i = 0; ok && i < doc->n_candidates; i++)
			if (key_of(doc->candidates[i].key, doc->candidates[i].link))
				ok = put_candidate(&b, &doc->candidates[i]);
		ok = ok && buf_puts(&b, "-->\n\n");
	}
	if (ok && !is_blank(doc->signature)) {
		const char *s = doc->signature;
		size_t n = strlen(s);
		while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		ok = buf_append(&b, s, n) && buf_putc(&b, '\n');
	} else if (ok && b.len >= 2 && b.data[b.len - 1] == '\n' && b.data[b.len - 2] == '\n') {
		b.len--; /* no signature: no trailing blank line either */
		b.data[b.len] = '\0';
	}
	if (!ok) {
		buf_finish(&b);
		return NULL;
	}
	return buf_detach(&b);
}

char *draft_compose_entries(const struct draft_doc *doc)
{
	struct buf b;
	buf_init(&b, LIMIT_DRAFT_OUTPUT_BYTES);
	bool ok = true;
	for (size_t i = 0; ok && i < doc->n_entries; i++)
		if (key_of(doc->entries[i].key, doc->entries[i].link))
			ok = (b.len == 0 || buf_putc(&b, '\n')) && put_entry(&b, &doc->entries[i]);
	if (ok && count_candidates(doc) > 0) {
		ok = (b.len == 0 || buf_putc(&b, '\n')) && buf_puts(&b, CANDIDATES_OPEN "\n");
		for (size_t i = 0; ok && i < doc->n_candidates; i++)
			if (key_of(doc->candidates[i].key, doc->candidates[i].link))
				ok = put_candidate(&b, &doc->candidates[i]);
		ok = ok && buf_puts(&b, "-->\n");
	}
	if (!ok) {
		buf_finish(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* ---- reading a draft back ---- */

bool draft_front_matter(const char *text, size_t len, size_t *body, unsigned *body_line,
			bool *unclosed)
{
	*body = 0;
	*body_line = 1;
	if (unclosed)
		*unclosed = false;
	size_t i = 0;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	if (len - i < 3 || memcmp(text + i, "---", 3) != 0)
		return false;
	i += 3;
	while (i < len && (text[i] == ' ' || text[i] == '\t'))
		i++;
	if (i < len && text[i] != '\n' && text[i] != '\r')
		return false;
	unsigned line = 1;
	while (i < len) {
		/* i is at a line end: step over it */
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			i++;
		i++;
		line++;
		size_t s = i;
		while (i < len && text[i] != '\n' && text[i] != '\r')
			i++;
		size_t e = i;
		while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t'))
			e--;
		if (e - s == 3 && (memcmp(text + s, "---", 3) == 0 || memcmp(text + s, "...", 3) == 0)) {
			if (i < len && text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
				i++;
			if (i < len)
				i++;
			*body = i;
			*body_line = line + 1;
			return true;
		}
	}
	if (unclosed)
		*unclosed = true;
	return false;
}

/* A set of borrowed strings with a value each (open addressing, FNV-1a):
 * keys and links are looked up once per entry, so a draft with thousands of
 * entries merges in linear time. */
struct sset {
	const char **k;
	size_t *v;
	size_t cap, n;
};

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void sset_finish(struct sset *t)
{
	free(t->k);
	free(t->v);
	memset(t, 0, sizeof *t);
}

/* The value of s, or SIZE_MAX when absent. */
static size_t sset_get(const struct sset *t, const char *s)
{
	if (t->cap == 0)
		return SIZE_MAX;
	for (size_t i = str_hash(s) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		if (!t->k[i])
			return SIZE_MAX;
		if (strcmp(t->k[i], s) == 0)
			return t->v[i];
	}
}

/* Adds s (not copied) unless present. False on allocation failure. */
static bool sset_put(struct sset *t, const char *s, size_t v)
{
	if (2 * (t->n + 1) > t->cap) {
		struct sset g = {.cap = t->cap ? 2 * t->cap : 64};
		g.k = calloc(g.cap, sizeof *g.k);
		g.v = calloc(g.cap, sizeof *g.v);
		if (!g.k || !g.v) {
			sset_finish(&g);
			return false;
		}
		for (size_t i = 0; i < t->cap; i++)
			if (t->k[i] && !sset_put(&g, t->k[i], t->v[i]))
				return false;
		sset_finish(t);
		*t = g;
	}
	size_t i = str_hash(s) & (t->cap - 1);
	while (t->k[i]) {
		if (strcmp(t->k[i], s) == 0)
			return true;
		i = (i + 1) & (t->cap - 1);
	}
	t->k[i] = s;
	t->v[i] = v;
	t->n++;
	return true;
}

enum mark_kind { MARK_ENTRY, MARK_CANDIDATES, MARK_OTHER };

struct mark {
	enum mark_kind kind;
	char *key;		/* entry markers */
	unsigned line;		/* 1-based, in the whole text */
	bool standalone;	/* a top-level HTML block that starts with this marker */
};

/* A top-level block of the body, by lines of the whole text. */
struct block {
	cmark_node_type type;
	unsigned start, end;
	bool candidates;	/* an HTML block opening a candidates comment */
	bool open_html;		/* an HTML block whose end condition was never met */
};

struct scan {
	struct mark *marks;
	size_t n_marks, cap_marks;
	struct block *blocks;
	size_t n_blocks, cap_blocks;
	size_t *line_start;	/* byte offset of each line (index 0: line 1) */
	size_t n_lines;
	struct sset keys;	/* entry key -> index in marks */
};

static void scan_finish(struct scan *s)
{
	for (size_t i = 0; i < s->n_marks; i++)
		free(s->marks[i].key);
	free(s->marks);
	free(s->blocks);
	free(s->line_start);
	sset_finish(&s->keys);
	memset(s, 0, sizeof *s);
}

static bool grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 16;
	void *p = realloc(*v, c * size);
	if (!p)
		return false;
	*v = p;
	*cap = c;
	return true;
}

/* Line starts as cmark counts lines: "\n", "\r\n" and "\r" end one. */
static bool index_lines(struct scan *s, const char *t, size_t len)
{
	size_t cap = 0;
	s->n_lines = 0;
	for (size_t i = 0;;) {
		if (!grow((void **)&s->line_start, &cap, s->n_lines, sizeof *s->line_start))
			return false;
		s->line_start[s->n_lines++] = i;
		while (i < len && t[i] != '\n' && t[i] != '\r')
			i++;
		if (i >= len)
			return true;
		if (t[i] == '\r' && i + 1 < len && t[i + 1] == '\n')
			i++;
		i++;
		if (i >= len)
			return true;
	}
}

static size_t line_offset(const struct scan *s, unsigned line, size_t len)
{
	if (line == 0)
		return 0;
	return line - 1 < s->n_lines ? s->line_start[line - 1] : len;
}

static unsigned lines_before(const char *s, size_t n)
{
	unsigned k = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' || (s[i] == '\r' && !(i + 1 < n && s[i + 1] == '\n')))
			k++;
	return k;
}

/* Finds "<!--" followed by optional space and "reads:" from *pos in lit;
 * returns its offset or SIZE_MAX, and the offset just after "reads:". */
static size_t find_reads(const char *lit, size_t n, size_t from, size_t *after)
{
	for (size_t i = from; i + 4 <= n; i++) {
		if (memcmp(lit + i, "<!--", 4) != 0)
			continue;
		size_t j = i + 4;
		while (j < n && (lit[j] == ' ' || lit[j] == '\t' || lit[j] == '\n' || lit[j] == '\r'))
			j++;
		if (j + 6 <= n && memcmp(lit + j, "reads:", 6) == 0) {
			*after = j + 6;
			return i;
		}
	}
	return SIZE_MAX;
}

static const char *find_bytes(const char *h, size_t n, size_t from, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = from; i + k <= n; i++)
		if (memcmp(h + i, needle, k) == 0)
			return h + i;
	return NULL;
}

/* Scans one literal (an HTML block, or a paragraph's or heading's inline
 * text) for reads comments; first_line is the line of lit[0]. */
static bool scan_literal(struct scan *s, const char *lit, size_t n, unsigned first_line,
			 bool in_block, bool top_html, char **err)
{
	size_t pos = 0, after;
	while ((pos = find_reads(lit, n, pos, &after)) != SIZE_MAX) {
		unsigned line = first_line + lines_before(lit, pos);
		const char *close = find_bytes(lit, n, after, "-->");
		size_t j = after;
		while (j < n && (lit[j] == ' ' || lit[j] == '\t'))
			j++;
		bool entry = n - j >= 5 && memcmp(lit + j, "entry", 5) == 0 &&
			     (j + 5 == n || lit[j + 5] == ' ' || lit[j + 5] == '\t' ||
			      lit[j + 5] == '\n' || lit[j + 5] == '\r' || lit[j + 5] == '-');
		if (!close && !entry && !in_block) {
			/* inline, an unclosed comment is only text: it hides nothing */
			pos = after;
			continue;
		}
		if (!close) {
			if (entry)
				str_set(err, "line %u: the entry marker is not closed with \"-->\"", line);
			else
				str_set(err,
					"line %u: this reads comment is never closed with \"-->\", so it "
					"hides the rest of the draft",
					line);
			return false;
		}
		size_t end = (size_t)(close - lit);
		/* another reads comment inside this one: this one was never closed
		 * and swallows that one (her own comments inside are harmless) */
		const char *nested = NULL;
		for (size_t from = after, a2; !nested;) {
			size_t at = find_reads(lit, end, from, &a2);
			if (at == SIZE_MAX)
				break;
			nested = lit + at;
		}
		if (nested) {
			str_set(err,
				"line %u: this reads comment is not closed before the comment at line %u, "
				"so it hides what is between",
				line, first_line + lines_before(lit, (size_t)(nested - lit)));
			return false;
		}
		struct mark m = {.kind = MARK_OTHER, .line = line};
		if (entry) {
			size_t k = j + 5;
			while (k < end && (lit[k] == ' ' || lit[k] == '\t'))
				k++;
			size_t ke = k;
			while (ke < end && lit[ke] != ' ' && lit[ke] != '\t' && lit[ke] != '\n' &&
			       lit[ke] != '\r')
				ke++;
			size_t rest = ke;
			while (rest < end && (lit[rest] == ' ' || lit[rest] == '\t'))
				rest++;
			if (ke == k) {
				str_set(err, "line %u: the entry marker has no URL", line);
				return false;
			}
			if (memchr(lit + k, '\n', end - k) || memchr(lit + k, '\r', end - k)) {
				str_set(err, "line %u: the entry marker is not closed with \"-->\" on its line", line);
				return false;
			}
			if (rest != end) {
				str_set(err, "line %u: the entry marker has more than one URL", line);
				return false;
			}
			m.kind = MARK_ENTRY;
			m.key = strndup(lit + k, ke - k);
			if (!m.key)
				goto oom;
			size_t dup = sset_get(&s->keys, m.key);
			if (dup != SIZE_MAX) {
				str_set(err, "line %u: entry %s is marked twice (also at line %u)", line,
					m.key, s->marks[dup].line);
				free(m.key);
				return false;
			}
		} else if (n - j >= 10 && memcmp(lit + j, "candidates", 10) == 0) {
			m.kind = MARK_CANDIDATES;
		}
		m.standalone = top_html && pos == 0;
		if (!grow((void **)&s->marks, &s->cap_marks, s->n_marks, sizeof *s->marks)) {
			free(m.key);
			goto oom;
		}
		if (m.kind == MARK_ENTRY && !sset_put(&s->keys, m.key, s->n_marks)) {
			free(m.key);
			goto oom;
		}
		s->marks[s->n_marks++] = m;
		pos = end + 3;
	}
	return true;
oom:
	str_set(err, "out of memory");
	return false;
}

/* True when an HTML block's literal never met its end condition (it runs to
 * the end of the document and swallows whatever follows it). */
static bool html_open(const char *lit)
{
	while (*lit == ' ')
		lit++;
	if (strncmp(lit, "<!--", 4) == 0)
		return !strstr(lit + 4, "-->");
	if (strncmp(lit, "<?", 2) == 0)
		return !strstr(lit, "?>");
	if (strncmp(lit, "<![CDATA[", 9) == 0)
		return !strstr(lit, "]]>");
	if (strncmp(lit, "<!", 2) == 0)
		return !strchr(lit + 2, '>');
	static const char *const raw[] = {"script", "pre", "style", "textarea"};
	for (size_t i = 0; i < sizeof raw / sizeof *raw; i++) {
		size_t k = strlen(raw[i]);
		if (lit[0] == '<' && strncasecmp(lit + 1, raw[i], k) == 0) {
			char close[16];
			snprintf(close, sizeof close, "</%s>", raw[i]);
			return !strcasestr(lit, close);
		}
	}
	return false;
}

/* The inline text of a paragraph or heading, code spans left out. */
static bool inline_text(cmark_node *leaf, struct buf *b)
{
	cmark_iter *it = cmark_iter_new(leaf);
	bool ok = it != NULL;
	cmark_event_type ev;
	while (ok && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
			ok = buf_puts(b, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			ok = buf_putc(b, '\n');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return ok;
}

/* Reads text: line index, reads markers, top-level blocks. */
static bool scan_draft(struct scan *s, const char *text, size_t len, char **err)
{
	memset(s, 0, sizeof *s);
	bool ok = false;
	cmark_node *doc = NULL;
	cmark_iter *it = NULL;
	struct buf lit;
	buf_init(&lit, LIMIT_DRAFT_OUTPUT_BYTES);
	if (len > LIMIT_DRAFT_BYTES) {
		str_set(err, "line 1: the draft is larger than %zu bytes", LIMIT_DRAFT_BYTES);
		goto out;
	}
	if (!index_lines(s, text, len))
		goto oom;
	size_t body;
	unsigned body_line;
	(void)draft_front_matter(text, len, &body, &body_line, NULL);
	unsigned off = body_line - 1;
	doc = cmark_parse_document(text + body, len - body, CMARK_OPT_DEFAULT);
	it = doc ? cmark_iter_new(doc) : NULL;
	if (!it)
		goto oom;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || n == doc)
			continue;
		cmark_node_type type = cmark_node_get_type(n);
		unsigned start = (unsigned)cmark_node_get_start_line(n) + off;
		bool top = cmark_node_parent(n) == doc;
		if (top) {
			if (!grow((void **)&s->blocks, &s->cap_blocks, s->n_blocks, sizeof *s->blocks))
				goto oom;
			struct block bl = {.type = type,
					   .start = start,
					   .end = (unsigned)cmark_node_get_end_line(n) + off};
			if (type == CMARK_NODE_HTML_BLOCK)
				bl.open_html = html_open(cmark_node_get_literal(n));
			s->blocks[s->n_blocks++] = bl;
		}
		if (type == CMARK_NODE_HTML_BLOCK) {
			const char *l = cmark_node_get_literal(n);
			size_t lead = 0;
			while (l[lead] == ' ')
				lead++;
			size_t before = s->n_marks;
			if (!scan_literal(s, l + lead, strlen(l + lead), start, true, top, err))
				goto out;
			if (top && s->n_marks > before && s->marks[before].standalone &&
			    s->marks[before].kind == MARK_CANDIDATES)
				s->blocks[s->n_blocks - 1].candidates = true;
		} else if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) {
			buf_reset(&lit);
			if (!inline_text(n, &lit))
				goto oom;
			if (!scan_literal(s, buf_str(&lit), lit.len, start, false, false, err))
				goto out;
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (type == CMARK_NODE_CODE_BLOCK) {
			const char *l = cmark_node_get_literal(n);
			size_t after;
			size_t at = find_reads(l, strlen(l), 0, &after);
			if (at != SIZE_MAX && strstr(l + after, "entry")) {
				str_set(err,
					"line %u: the code block that starts here (an unclosed ``` fence or "
					"indented lines?) hides the entry marker at line %u",
					start, start + 1 + lines_before(l, at));
				goto out;
			}
		}
	}
	ok = true;
	goto out;
oom:
	str_set(err, "out of memory");
out:
	buf_finish(&lit);
	if (it)
		cmark_iter_free(it);
	if (doc)
		cmark_node_free(doc);
	if (!ok)
		scan_finish(s);
	return ok;
}

static size_t page_read_at(const struct scan *s, const char *text, size_t len, const char *key);

/* The entry keys of text, appended to keys, and (when waiting is not NULL)
 * those of the entries still waiting for their page, to waiting. */
static bool keys_of(const char *text, size_t len, struct strlist *keys, struct strlist *waiting, char **err)
{
	struct scan s;
	if (!scan_draft(&s, text, len, err))
		return false;
	bool ok = true;
	for (size_t i = 0; ok && i < s.n_marks; i++) {
		if (s.marks[i].kind != MARK_ENTRY)
			continue;
		ok = strlist_push(keys, s.marks[i].key);
		if (ok && waiting && page_read_at(&s, text, len, s.marks[i].key) != SIZE_MAX)
			ok = strlist_push(waiting, s.marks[i].key);
	}
	scan_finish(&s);
	if (!ok)
		str_set(err, "out of memory");
	return ok;
}

bool draft_keys(const char *text, size_t len, struct strlist *keys, char **err)
{
	return keys_of(text, len, keys, NULL, err);
}

/* ---- merging ---- */

static bool has_key(const struct scan *s, const char *key)
{
	return sset_get(&s->keys, key) != SIZE_MAX;
}

/* Every link destination "](dest)" written in text, as written (with its
 * <…> when it has them), into links (owning) and set (borrowing). */
static bool collect_links(const char *text, size_t len, struct strlist *links, struct sset *set)
{
	for (size_t i = 0; i + 2 <= len; i++) {
		if (text[i] != ']' || text[i + 1] != '(')
			continue;
		size_t a = i + 2, e = a;
		if (a < len && text[a] == '<') {
			while (e < len && text[e] != '>' && text[e] != '\n')
				e++;
			if (e < len && text[e] == '>')
				e++;
		} else {
			while (e < len && text[e] != ')' && text[e] != '\n' && text[e] != ' ')
				e++;
		}
		if (e >= len || text[e] != ')')
			continue;
		char *d = strndup(text + a, e - a);
		if (!d || !strlist_push_owned(links, d) || !sset_put(set, links->v[links->n - 1], 0))
			return false;
		i = e;
	}
	return true;
}

/* True when the candidate's link already appears in the draft as reads
 * writes it, in a comment or in the open. */
static bool link_listed(const struct sset *set, const char *link, bool *oom)
{
	for (int in_comment = 0; in_comment < 2; in_comment++) {
		struct buf d;
		buf_init(&d, LIMIT_DRAFT_OUTPUT_BYTES);
		if (!put_dest(&d, link, in_comment)) {
			*oom = true;
			buf_finish(&d);
			return false;
		}
		bool found = sset_get(set, buf_str(&d)) != SIZE_MAX;
		buf_finish(&d);
		if (found)
			return true;
	}
	return false;
}

/* Offset of the line holding the signature when the draft ends with it
 * (trailing whitespace aside), else SIZE_MAX. */
static size_t find_signature(const char *text, size_t len, const char *sig)
{
	if (is_blank(sig))
		return SIZE_MAX;
	size_t n = strlen(sig);
	while (n > 0 && (sig[n - 1] == ' ' || sig[n - 1] == '\t' || sig[n - 1] == '\n' || sig[n - 1] == '\r'))
		n--;
	size_t e = len;
	while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\n' || text[e - 1] == '\r'))
		e--;
	if (e < n || memcmp(text + e - n, sig, n) != 0)
		return SIZE_MAX;
	size_t s = e - n;
	return (s == 0 || text[s - 1] == '\n' || text[s - 1] == '\r') ? s : SIZE_MAX;
}

static unsigned line_of(const struct scan *s, size_t off)
{
	size_t lo = 0, hi = s->n_lines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (s->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (unsigned)lo + 1;
}

/* "\n" or "\r\n", as the draft's first line ends. */
static const char *newline_of(const char *text, size_t len)
{
	const char *nl = memchr(text, '\n', len);
	return nl && nl > text && nl[-1] == '\r' ? "\r\n" : "\n";
}

static bool put_converted(struct buf *out, const char *s, size_t n, const char *nl)
{
	if (strcmp(nl, "\n") == 0)
		return buf_append(out, s, n);
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n' ? !buf_puts(out, nl) : !buf_putc(out, s[i]))
			return false;
	return true;
}

/* True when the text before off ends with a blank line (or is empty). */
static bool blank_before(const char *text, size_t off)
{
	if (off == 0)
		return true;
	size_t i = off, nl = 0;
	while (i > 0 && (text[i - 1] == '\n' || text[i - 1] == '\r' || text[i - 1] == ' ' || text[i - 1] == '\t')) {
		if (text[i - 1] == '\n' || (text[i - 1] == '\r' && !(i < off && text[i] == '\n')))
			nl++;
		i--;
	}
	return i == 0 || nl >= 2;
}

/* Text inserted into an entry already in the draft: `len` bytes of a
 * buffer from `from`, at byte `at` of the draft. */
struct insert {
	size_t at, from, len;
};

static int insert_order(const void *a, const void *b)
{
	const struct insert *x = a, *y = b;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* True when text[o..len) starts with p. */
static bool starts_at(const char *text, size_t len, size_t o, const char *p)
{
	size_t n = strlen(p);
	return o <= len && len - o >= n && memcmp(text + o, p, n) == 0;
}

/* Where the article page's quotes go in the entry marked key: the start of
 * the line after reads' warning that its page could not be fetched, when
 * the entry (from its marker to the next entry or candidates marker) still
 * holds that warning and not yet the quotes. SIZE_MAX otherwise: a warning
 * she deleted asks for nothing, and the quotes are offered once. */
static size_t page_read_at(const struct scan *s, const char *text, size_t len, const char *key)
{
	size_t m = sset_get(&s->keys, key);
	if (m == SIZE_MAX)
		return SIZE_MAX;
	size_t at = SIZE_MAX;
	for (size_t i = m + 1; i < s->n_marks && s->marks[i].kind == MARK_OTHER; i++) {
		size_t o = line_offset(s, s->marks[i].line, len);
		while (o < len && (text[o] == ' ' || text[o] == '\t'))
			o++;
		if (starts_at(text, len, o, PAGE_READ_OPEN))
			return SIZE_MAX;
		if (at == SIZE_MAX && starts_at(text, len, o, PAGE_FAILED_LINE)) {
			const char *close = find_bytes(text, len, o, "-->");
			if (!close)
				return SIZE_MAX;
			const char *nl = memchr(close, '\n', len - (size_t)(close - text));
			at = nl ? (size_t)(nl - text) + 1 : len;
		}
	}
	return at;
}

bool draft_keys_waiting(const char *text, size_t len, struct strlist *keys, struct strlist *waiting, char **err)
{
	return keys_of(text, len, keys, waiting, err);
}

char *draft_merge(const char *existing, size_t len, const struct draft_doc *doc, char **err)
{
	if (err)
		*err = NULL;
	bool blank = true;
	for (size_t i = 0; i < len && blank; i++)
		blank = existing[i] == ' ' || existing[i] == '\t' || existing[i] == '\n' || existing[i] == '\r';
	if (blank)
		return draft_compose(doc);
	struct scan s, after;
	memset(&after, 0, sizeof after);
	struct buf entries, cands, out, pages;
	buf_init(&entries, LIMIT_DRAFT_OUTPUT_BYTES);
	buf_init(&cands, LIMIT_DRAFT_OUTPUT_BYTES);
	buf_init(&out, LIMIT_DRAFT_OUTPUT_BYTES);
	buf_init(&pages, LIMIT_DRAFT_OUTPUT_BYTES);
	/* the page quotes offered to entries already there: where each goes,
	 * and its bytes in `pages`, in draft order */
	struct insert *ins = NULL;
	size_t n_ins = 0, cap_ins = 0;
	struct strlist added, cand_keys, links;
	strlist_init(&added);
	strlist_init(&cand_keys);
	strlist_init(&links);
	struct sset added_set = {0}, link_set = {0};
	char *result = NULL;
	const char *nul = memchr(existing, '\0', len);
	if (nul) {
		unsigned line = 1;
		for (const char *p = existing; p < nul; p++)
			line += *p == '\n';
		str_set(err, "line %u: the draft holds a NUL byte; it is not a text file any more", line);
		return NULL;
	}
	if (!scan_draft(&s, existing, len, err))
		return NULL;
	const char *nl = newline_of(existing, len);

	/* what is new */
	for (size_t i = 0; i < doc->n_entries; i++) {
		const struct draft_entry *e = &doc->entries[i];
		if (!key_of(e->key, e->link))
			continue;
		char *k = marker_key(key_of(e->key, e->link));
		if (!k)
			goto oom;
		bool skip = has_key(&s, k) || sset_get(&added_set, k) != SIZE_MAX;
		if (!skip && (!strlist_push_owned(&added, k) || !sset_put(&added_set, k, 0) ||
			      (entries.len > 0 && !buf_putc(&entries, '\n')) || !put_entry(&entries, e)))
			goto oom;
		size_t at = skip && e->page_read ? page_read_at(&s, existing, len, k) : SIZE_MAX;
		if (skip)
			free(k);
		if (at != SIZE_MAX) {
			size_t from = pages.len;
			if (!put_quote_comment(&pages, PAGE_READ_OPEN, e->quote, e->alternatives, e->n_alternatives))
				goto oom;
			if (pages.len > from) {
				if (!grow((void **)&ins, &cap_ins, n_ins, sizeof *ins))
					goto oom;
				ins[n_ins++] = (struct insert){.at = at, .from = from, .len = pages.len - from};
			}
		}
	}
	if (n_ins > 1)
		qsort(ins, n_ins, sizeof *ins, insert_order);
	if (doc->n_candidates > 0 && !collect_links(existing, len, &links, &link_set))
		goto oom;
	size_t n_new_cands = 0;
	for (size_t i = 0; i < doc->n_candidates; i++) {
		const struct draft_candidate *c = &doc->candidates[i];
		if (!key_of(c->key, c->link))
			continue;
		char *k = marker_key(key_of(c->key, c->link));
		if (!k)
			goto oom;
		bool no_memory = false;
		bool skip = has_key(&s, k) || sset_get(&added_set, k) != SIZE_MAX ||
			    link_listed(&link_set, !is_blank(c->link) ? c->link : key_of(c->key, c->link), &no_memory);
		if (no_memory) {
			free(k);
			goto oom;
		}
		if (!skip) {
			/* listed once, even when doc names it twice */
			if (!strlist_push_owned(&cand_keys, k) || !sset_put(&added_set, k, 0) ||
			    !put_candidate(&cands, c))
				goto oom;
			n_new_cands++;
		} else {
			free(k);
		}
	}
	if (added.n == 0 && n_new_cands == 0 && n_ins == 0) {
		result = malloc(len + 1);
		if (!result)
			goto oom;
		memcpy(result, existing, len);
		result[len] = '\0';
		goto out;
	}

	/* where the new entries go: after the last entry marker, before the
	 * first candidates comment after it, else before the signature, else
	 * at the end */
	unsigned last = 0;
	for (size_t i = 0; i < s.n_marks; i++)
		if (s.marks[i].kind == MARK_ENTRY && s.marks[i].line > last)
			last = s.marks[i].line;
	size_t at = len;
	const struct block *cand_block = NULL;
	for (size_t i = 0; i < s.n_blocks; i++) {
		if (s.blocks[i].candidates && s.blocks[i].start > last) {
			cand_block = &s.blocks[i];
			break;
		}
	}
	if (cand_block) {
		at = line_offset(&s, cand_block->start, len);
	} else {
		size_t sig = find_signature(existing, len, doc->signature);
		if (sig != SIZE_MAX) {
			unsigned sl = line_of(&s, sig);
			for (size_t i = 0; i < s.n_blocks; i++)
				if (s.blocks[i].start <= sl && sl <= s.blocks[i].end)
					sl = s.blocks[i].start;
			if (sl > last)
				at = line_offset(&s, sl, len);
		}
	}
	if (at == len && s.n_blocks > 0 && s.blocks[s.n_blocks - 1].open_html) {
		str_set(err,
			"line %u: the HTML block that starts here is never closed, so new entries "
			"appended after it would be hidden",
			s.blocks[s.n_blocks - 1].start);
		goto fail;
	}

	/* where the new candidates go: inside the last candidates comment, on
	 * the line of its closing "-->" when that line starts with it; else a
	 * new comment after the new entries */
	size_t cand_at = SIZE_MAX;
	if (n_new_cands > 0) {
		const struct block *cb = NULL;
		for (size_t i = 0; i < s.n_blocks; i++)
			if (s.blocks[i].candidates)
				cb = &s.blocks[i];
		if (cb) {
			/* the line of the first "-->" after the comment opens (the end
			 * condition of an HTML comment block) */
			size_t o = line_offset(&s, cb->start, len);
			const char *close = find_bytes(existing, len, o + 4, "-->");
			if (close) {
				size_t lo = line_offset(&s, line_of(&s, (size_t)(close - existing)), len);
				size_t k = lo;
				while (k < len && (existing[k] == ' ' || existing[k] == '\t'))
					k++;
				if (lo > o && existing + k == close)
					cand_at = lo;
			}
		}
		if (cand_at == SIZE_MAX) {
			struct buf c2;
			buf_init(&c2, LIMIT_DRAFT_OUTPUT_BYTES);
			bool ok = (entries.len == 0 || buf_putc(&c2, '\n')) &&
				  buf_puts(&c2, CANDIDATES_OPEN "\n") &&
				  buf_append(&c2, buf_str(&cands), cands.len) && buf_puts(&c2, "-->\n");
			if (!ok || !buf_append(&entries, buf_str(&c2), c2.len)) {
				buf_finish(&c2);
				goto oom;
			}
			buf_finish(&c2);
			buf_reset(&cands);
		}
	}

	/* assemble: existing bytes in order, new text inserted at `at` (and
	 * cand_at); the page quotes inside their entries, before both */
	size_t pos[2] = {at, cand_at};
	bool is_entries[2] = {true, false};
	if (cand_at != SIZE_MAX && cand_at < at) {
		pos[0] = cand_at;
		pos[1] = at;
		is_entries[0] = false;
		is_entries[1] = true;
	}
	size_t cursor = 0, next_ins = 0;
	for (int i = 0; i <= 2; i++) {
		size_t where = i < 2 ? pos[i] : len;
		for (; next_ins < n_ins && ins[next_ins].at <= where; next_ins++) {
			const struct insert *p = &ins[next_ins];
			if (!buf_append(&out, existing + cursor, p->at - cursor))
				goto oom;
			cursor = p->at;
			bool ok = (p->at == 0 || existing[p->at - 1] == '\n' || buf_puts(&out, nl)) &&
				  put_converted(&out, pages.data + p->from, p->len, nl);
			/* a blank line between the comment and what follows it */
			if (ok && p->at < len && existing[p->at] != '\n' && existing[p->at] != '\r')
				ok = buf_puts(&out, nl);
			if (!ok)
				goto oom;
		}
		if (i == 2 || where == SIZE_MAX || (is_entries[i] && entries.len == 0))
			continue;
		if (!buf_append(&out, existing + cursor, where - cursor))
			goto oom;
		cursor = where;
		bool ok = true;
		if (is_entries[i]) {
			if (where > 0 && existing[where - 1] != '\n' && existing[where - 1] != '\r')
				ok = buf_puts(&out, nl);
			if (ok && !blank_before(existing, where))
				ok = buf_puts(&out, nl);
			ok = ok && put_converted(&out, entries.data, entries.len, nl);
			if (ok && where < len)
				ok = buf_puts(&out, nl);
		} else {
			ok = put_converted(&out, cands.data, cands.len, nl);
		}
		if (!ok)
			goto oom;
	}
	if (!buf_append(&out, existing + cursor, len - cursor))
		goto oom;

	/* check: every old key still there in its order, the new ones after
	 * them, each new marker a block of its own that cmark sees */
	char *verr = NULL;
	if (!scan_draft(&after, buf_str(&out), out.len, &verr)) {
		str_set(err, "merging would break the draft (%s); not merged", verr ? verr : "?");
		free(verr);
		goto fail;
	}
	size_t k = 0, old_n = 0, oj = 0;
	bool same = true;
	for (size_t j = 0; j < s.n_marks; j++)
		old_n += s.marks[j].kind == MARK_ENTRY;
	for (size_t i = 0; i < after.n_marks && same; i++) {
		const struct mark *m = &after.marks[i];
		if (m->kind != MARK_ENTRY)
			continue;
		if (k < old_n) {
			while (s.marks[oj].kind != MARK_ENTRY)
				oj++;
			same = strcmp(s.marks[oj++].key, m->key) == 0;
		} else {
			same = k - old_n < added.n && strcmp(added.v[k - old_n], m->key) == 0 &&
			       m->standalone;
		}
		k++;
	}
	if (!same || k != old_n + added.n) {
		str_set(err,
			"line %u: new entries cannot be added here without being hidden or "
			"reordered; not merged",
			line_of(&s, at < len ? at : (len ? len - 1 : 0)));
		goto fail;
	}
	result = buf_detach(&out);
	goto out;
oom:
	str_set(err, "out of memory");
fail:
	result = NULL;
out:
	strlist_finish(&added);
	strlist_finish(&cand_keys);
	strlist_finish(&links);
	sset_finish(&added_set);
	sset_finish(&link_set);
	buf_finish(&entries);
	buf_finish(&cands);
	buf_finish(&out);
	buf_finish(&pages);
	free(ins);
	scan_finish(&s);
	scan_finish(&after);
	return result;
}
