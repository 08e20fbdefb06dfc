/* export — the edited draft in the blog's form, through cmark.
 *
 * The front matter is read with libyaml and removed; reads' own comments
 * ("<!-- reads: … -->", one line or many) are removed from the tree before
 * rendering; typographic characters pass as typed (no CMARK_OPT_SMART).
 * Her own raw HTML: the comments WordPress acts on (<!--more-->,
 * <!--nextpage-->, block delimiters) are kept; her other comments are notes
 * to herself and are not published; other raw HTML is omitted unless
 * export_options.raw_html, with a warning naming its line.  See doc/draft-format.md. */
#include "export.h"

#include <cmark.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <yaml.h>

#include "buf.h"
#include "date.h"
#include "draft.h"
#include "icuapi.h"
#include "limits.h"

struct front {
	char *title, *date, *month, *author, *slug, *lang;
	struct strlist categories, tags;	/* WordPress terms */
};

static void front_finish(struct front *f)
{
	free(f->title);
	free(f->date);
	free(f->month);
	free(f->author);
	free(f->slug);
	free(f->lang);
	strlist_finish(&f->categories);
	strlist_finish(&f->tags);
	memset(f, 0, sizeof *f);
}

static void warn(struct strlist *w, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void warn(struct strlist *w, const char *fmt, ...)
{
	if (!w)
		return;
	char *s = NULL;
	va_list ap;
	va_start(ap, fmt);
	/* A warning lost to a failed allocation: the export itself goes on. */
	if (vasprintf(&s, fmt, ap) >= 0 && !strlist_push_owned(w, s))
		s = NULL;
	va_end(ap);
}

/* Adds terms from one scalar: a list item as it is, or a scalar value split
 * at commas ("Enterprise 2.0, social business"); blanks dropped. */
static bool add_terms(struct strlist *l, const char *v, size_t n, bool split)
{
	size_t i = 0;
	while (i <= n) {
		size_t e = i;
		while (e < n && (!split || v[e] != ','))
			e++;
		size_t a = i, z = e;
		while (a < z && (v[a] == ' ' || v[a] == '\t'))
			a++;
		while (z > a && (v[z - 1] == ' ' || v[z - 1] == '\t'))
			z--;
		if (z > a) {
			char *t = strndup(v + a, z - a);
			if (!t)
				return false;
			if (strlist_contains(l, t))
				free(t);
			else if (!strlist_push_owned(l, t))
				return false;
		}
		i = e + 1;
	}
	return true;
}

/* Reads the scalar fields of the front matter's top-level mapping that
 * export uses; others are ignored. first_line: the line of fm[0]. */
static bool front_parse(const char *fm, size_t n, unsigned first_line, struct front *f, char **err)
{
	yaml_parser_t p;
	yaml_event_t ev;
	bool ok = false, done = false;
	int depth = 0;
	char *key = NULL;
	struct strlist *terms = NULL;
	if (!yaml_parser_initialize(&p)) {
		str_set(err, "out of memory");
		return false;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)fm, n);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			str_set(err, "line %u: front matter: %s", first_line + (unsigned)p.problem_mark.line,
				p.problem ? p.problem : "not YAML");
			goto out;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (depth == 1 && key) { /* a nested value: only term lists are read */
				if (ev.type == YAML_SEQUENCE_START_EVENT)
					terms = strcmp(key, "categories") == 0 ? &f->categories
						: strcmp(key, "tags") == 0     ? &f->tags
									       : NULL;
				free(key);
				key = NULL;
			}
			depth++;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			depth--;
			if (depth == 1)
				terms = NULL;
			break;
		case YAML_SCALAR_EVENT:
			if (depth == 2 && terms) {
				if (!add_terms(terms, (const char *)ev.data.scalar.value, ev.data.scalar.length, false)) {
					yaml_event_delete(&ev);
					str_set(err, "out of memory");
					goto out;
				}
				break;
			}
			if (depth != 1)
				break;
			if (!key) {
				key = strndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
				if (!key) {
					yaml_event_delete(&ev);
					str_set(err, "out of memory");
					goto out;
				}
				break;
			}
			char **slot = strcmp(key, "title") == 0	 ? &f->title
				      : strcmp(key, "date") == 0	 ? &f->date
				      : strcmp(key, "month") == 0	 ? &f->month
				      : strcmp(key, "author") == 0 ? &f->author
				      : strcmp(key, "slug") == 0	 ? &f->slug
				      : strcmp(key, "language") == 0 || strcmp(key, "lang") == 0 ? &f->lang
								 : NULL;
			if (slot) {
				free(*slot);
				*slot = strndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
			} else if (strcmp(key, "categories") == 0 || strcmp(key, "tags") == 0) {
				if (!add_terms(strcmp(key, "tags") == 0 ? &f->tags : &f->categories,
					       (const char *)ev.data.scalar.value, ev.data.scalar.length, true)) {
					yaml_event_delete(&ev);
					str_set(err, "out of memory");
					goto out;
				}
			}
			free(key);
			key = NULL;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	ok = true;
out:
	free(key);
	yaml_parser_delete(&p);
	return ok;
}

/* Offset just past the end of "<!--…-->" starting at s[i], or 0 when the
 * comment is not closed in s. */
static size_t comment_end(const char *s, size_t n, size_t i)
{
	for (size_t j = i + 4; j + 3 <= n; j++)
		if (memcmp(s + j, "-->", 3) == 0)
			return j + 3;
	return 0;
}

static bool reads_comment_at(const char *s, size_t n, size_t i)
{
	if (n - i < 4 || memcmp(s + i, "<!--", 4) != 0)
		return false;
	size_t j = i + 4;
	while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
		j++;
	return n - j >= 6 && memcmp(s + j, "reads:", 6) == 0;
}

/* True for the comments WordPress acts on: <!--more-->, <!--more Read
 * on-->, <!--nextpage-->, <!--noteaser-->, and block delimiters
 * <!-- wp:… --> / <!-- /wp:… -->. */
static bool wordpress_comment(const char *c, size_t n)
{
	while (n > 0 && (*c == ' ' || *c == '\t')) {
		c++;
		n--;
	}
	while (n > 0 && (c[n - 1] == ' ' || c[n - 1] == '\t'))
		n--;
	return (n >= 4 && memcmp(c, "more", 4) == 0 && (n == 4 || c[4] == ' ')) ||
	       (n == 8 && memcmp(c, "nextpage", 8) == 0) || (n == 8 && memcmp(c, "noteaser", 8) == 0) ||
	       (n >= 3 && memcmp(c, "wp:", 3) == 0) || (n >= 4 && memcmp(c, "/wp:", 4) == 0);
}

/* lit without reads' comments (an unclosed one runs to the end), without
 * any comment left unclosed, and without lines emptied by the removal.
 * *only_comments: what is left is nothing but HTML comments and space. */
static char *strip_reads(const char *lit, bool *only_comments)
{
	size_t n = strlen(lit);
	struct buf b;
	buf_init(&b, LIMIT_DRAFT_OUTPUT_BYTES);
	bool ok = true, removed_on_line = false;
	*only_comments = true;
	for (size_t i = 0; ok && i < n;) {
		if (lit[i] == '<' && n - i >= 4 && memcmp(lit + i, "<!--", 4) == 0) {
			size_t e = comment_end(lit, n, i);
			/* a comment of hers left open until a reads comment closed it
			 * holds reads' text: it goes too (it was invisible anyway) */
			bool holds_reads = false;
			for (size_t k = i + 4; e && k + 4 <= e && !holds_reads; k++)
				holds_reads = reads_comment_at(lit, e, k);
			if (reads_comment_at(lit, n, i) || e == 0 || holds_reads) {
				i = e ? e : n;
				removed_on_line = true;
				continue;
			}
			if (wordpress_comment(lit + i + 4, e - i - 7)) {
				ok = buf_append(&b, lit + i, e - i);
			} else {
				removed_on_line = true; /* a note to herself: not published */
			}
			i = e;
			continue;
		}
		if (lit[i] == '\n') {
			/* drop a line that only held what was removed */
			size_t ls = b.len;
			while (ls > 0 && b.data[ls - 1] != '\n')
				ls--;
			bool blank = true;
			for (size_t k = ls; k < b.len; k++)
				blank = blank && (b.data[k] == ' ' || b.data[k] == '\t' || b.data[k] == '\r');
			if (removed_on_line && blank) {
				b.len = ls;
				if (b.data)
					b.data[b.len] = '\0';
			} else {
				ok = buf_putc(&b, '\n');
			}
			removed_on_line = false;
			i++;
			continue;
		}
		if (lit[i] != ' ' && lit[i] != '\t' && lit[i] != '\r')
			*only_comments = false;
		ok = buf_putc(&b, lit[i]);
		i++;
	}
	if (!ok) {
		buf_finish(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* Removes reads' comments from the tree; keeps or flags her raw HTML. */
static bool clean_tree(cmark_node *doc, unsigned line_off, bool raw_html, struct strlist *warnings)
{
	cmark_node **todo = NULL;
	size_t n = 0, cap = 0;
	bool ok = true;
	cmark_iter *it = cmark_iter_new(doc);
	if (!it)
		return false;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type t = cmark_node_get_type(node);
		if (t == CMARK_NODE_TEXT && strstr(cmark_node_get_literal(node), "<!--")) {
			const char *l = cmark_node_get_literal(node);
			const char *c = strstr(l, "<!--");
			if (reads_comment_at(l, strlen(l), (size_t)(c - l)))
				warn(warnings, "line %u: a reads comment is broken here; its text shows in the export",
				     line_off + (unsigned)cmark_node_get_start_line(
							cmark_node_parent(node) ? cmark_node_parent(node) : node));
		}
		if (t == CMARK_NODE_PARAGRAPH && cmark_node_first_child(node) &&
		    cmark_node_first_child(node) == cmark_node_last_child(node) &&
		    cmark_node_get_type(cmark_node_first_child(node)) == CMARK_NODE_TEXT &&
		    strcmp(cmark_node_get_literal(cmark_node_first_child(node)), DRAFT_INTRO_PLACEHOLDER) == 0)
			warn(warnings, "line %u: the intro is still reads' placeholder",
			     line_off + (unsigned)cmark_node_get_start_line(node));
		if (t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE)
			continue;
		if (n == cap) {
			size_t c = cap ? cap * 2 : 32;
			cmark_node **v = realloc(todo, c * sizeof *v);
			if (!v) {
				ok = false;
				break;
			}
			todo = v;
			cap = c;
		}
		todo[n++] = node;
	}
	cmark_iter_free(it);
	for (size_t i = 0; ok && i < n; i++) {
		cmark_node *node = todo[i];
		bool block = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK;
		unsigned line = line_off + (unsigned)cmark_node_get_start_line(
						    block || !cmark_node_parent(node) ? node : cmark_node_parent(node));
		bool only_comments;
		char *rest = strip_reads(cmark_node_get_literal(node), &only_comments);
		if (!rest) {
			ok = false;
			break;
		}
		if (blank(rest)) {
			cmark_node_free(node); /* unlinks it */
		} else if (raw_html) {
			ok = cmark_node_set_literal(node, rest) != 0;
		} else if (only_comments) {
			/* her own comments (<!--more-->): harmless, kept as written */
			cmark_node *c = cmark_node_new(block ? CMARK_NODE_CUSTOM_BLOCK : CMARK_NODE_CUSTOM_INLINE);
			ok = c && cmark_node_set_on_enter(c, rest) && cmark_node_replace(node, c);
			if (ok)
				cmark_node_free(node);
			else
				cmark_node_free(c);
		} else {
			ok = cmark_node_set_literal(node, rest) != 0;
			warn(warnings, "line %u: raw HTML omitted (export with --raw-html to keep it)", line);
		}
		free(rest);
	}
	free(todo);
	return ok;
}

/* Appends s, each byte XML 1.0 cannot hold (C0 controls but tab and line
 * ends) replaced by U+FFFD; cmark already replaced invalid UTF-8. */
static bool put_clean(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		bool bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
		if (bad ? !buf_puts(b, "\xef\xbf\xbd") : !buf_putc(b, (char)c))
			return false;
	}
	return true;
}

/* Appends s escaped for XML/HTML text and attribute values. */
static bool put_escaped(struct buf *b, const char *s)
{
	bool ok = true;
	for (; ok && *s; s++) {
		switch (*s) {
		case '&':
			ok = buf_puts(b, "&amp;");
			break;
		case '<':
			ok = buf_puts(b, "&lt;");
			break;
		case '>':
			ok = buf_puts(b, "&gt;");
			break;
		case '"':
			ok = buf_puts(b, "&quot;");
			break;
		default:
			ok = put_clean(b, s, 1);
		}
	}
	return ok;
}

/* "<![CDATA[s]]>", "]]>" inside s split across two sections. */
static bool put_cdata(struct buf *b, const char *s)
{
	bool ok = buf_puts(b, "<![CDATA[");
	const char *p;
	while (ok && (p = strstr(s, "]]>"))) {
		ok = put_clean(b, s, (size_t)(p - s)) && buf_puts(b, "]]]]><![CDATA[>");
		s = p + 3;
	}
	return ok && put_clean(b, s, strlen(s)) && buf_puts(b, "]]>");
}

/* The post's slug: the title transliterated to ASCII (ICU's
 * "Any-Latin; Latin-ASCII", so "décembre" gives "decembre"), lower case,
 * every other run of characters one '-'. Caller frees. */
static char *slugify(const char *title)
{
	char *ascii = NULL;
	UErrorCode st = U_ZERO_ERROR;
	int32_t n16 = 0;
	u_strFromUTF8(NULL, 0, &n16, title, -1, &st);
	st = U_ZERO_ERROR;
	int32_t cap = n16 * 4 + 16;
	UChar *u = calloc((size_t)cap, sizeof *u);
	UChar id[32];
	u_uastrcpy(id, "Any-Latin; Latin-ASCII");
	UTransliterator *tr = u ? icu_i18n()->trans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st) : NULL;
	if (u && tr && U_SUCCESS(st)) {
		u_strFromUTF8(u, cap, &n16, title, -1, &st);
		int32_t len = n16, limit = n16;
		if (U_SUCCESS(st))
			icu_i18n()->trans_transUChars(tr, u, &len, cap, 0, &limit, &st);
		int32_t n8 = 0;
		if (U_SUCCESS(st)) {
			u_strToUTF8(NULL, 0, &n8, u, len, &st);
			st = U_ZERO_ERROR;
			ascii = calloc((size_t)n8 + 1, 1);
			if (ascii)
				u_strToUTF8(ascii, n8 + 1, &n8, u, len, &st);
			if (U_FAILURE(st)) {
				free(ascii);
				ascii = NULL;
			}
		}
	}
	if (tr)
		icu_i18n()->trans_close(tr);
	free(u);
	const char *src = ascii ? ascii : title;
	struct buf b;
	buf_init(&b, LIMIT_DRAFT_OUTPUT_BYTES);
	bool dash = false, ok = true;
	for (const char *p = src; ok && *p && b.len < 200; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b.len > 0)
				ok = buf_putc(&b, '-');
			ok = ok && buf_putc(&b, c);
			dash = false;
		} else if (c != '\'' && (unsigned char)c != 0xe2) {
			dash = true;
		}
	}
	free(ascii);
	if (!ok) {
		buf_finish(&b);
		return NULL;
	}
	return buf_detach(&b);
}

bool export_wp_date(const char *date, char out[EXPORT_WP_DATE_SIZE])
{
	out[0] = '\0';
	if (!date)
		return false;
	int y, mo, d, h = 0, mi = 0, s = 0;
	if (sscanf(date, "%4d-%2d-%2d", &y, &mo, &d) != 3 || mo < 1 || mo > 12 || d < 1 || d > 31) {
		int64_t t = date_parse(date);
		if (t == DATE_NONE)
			return false;
		char iso[DATE_ISO_SIZE];
		date_format_iso(t, iso);
		if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6)
			return false;
	} else if (strlen(date) > 10 && (date[10] == 'T' || date[10] == ' ')) {
		if (sscanf(date + 11, "%2d:%2d:%2d", &h, &mi, &s) < 2 || h > 23 || mi > 59 || s > 60)
			h = mi = s = 0;
	}
	snprintf(out, EXPORT_WP_DATE_SIZE, "%04d-%02d-%02dT%02d:%02d:%02d", y % 10000, mo, d, h, mi, s);
	return true;
}

/* WordPress's post_date ("YYYY-MM-DD HH:MM:SS", the blog's local time) from
 * the front matter's date as she wrote it, and the RFC 822 pubDate. */
static void wp_dates(const char *date, char post_date[64], char pub[64])
{
	char wp[EXPORT_WP_DATE_SIZE];
	post_date[0] = pub[0] = '\0';
	if (!export_wp_date(date, wp))
		return;
	int y, mo, d, h, mi, s;
	if (sscanf(wp, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6)
		return;
	snprintf(post_date, 64, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s);
	static const char *const days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	char iso[64];
	snprintf(iso, sizeof iso, "%sZ", wp);
	int64_t t = date_parse(iso);
	if (t == DATE_NONE)
		return;
	int64_t days_since = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	snprintf(pub, 64, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[((days_since % 7) + 7) % 7], d,
		 months[mo - 1], y, h, mi, s);
}

/* Her signature: the last block, after others, when it is a one-line
 * paragraph of plain text (no link, no '<'), at most 80 bytes. Caller frees; NULL when none. */
static char *signature_of(cmark_node *doc)
{
	cmark_node *last = cmark_node_last_child(doc);
	if (!last || !cmark_node_previous(last) || cmark_node_get_type(last) != CMARK_NODE_PARAGRAPH)
		return NULL;
	struct buf b;
	buf_init(&b, 80);
	for (cmark_node *c = cmark_node_first_child(last); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT) {
			if (!buf_puts(&b, cmark_node_get_literal(c))) {
				buf_finish(&b);
				return NULL;
			}
		} else if (t != CMARK_NODE_EMPH && t != CMARK_NODE_STRONG) {
			buf_finish(&b);
			return NULL;
		}
	}
	if (b.len == 0 || blank(buf_str(&b)) || strchr(buf_str(&b), '<')) {
		buf_finish(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* One <category domain="…" nicename="slug"> per term. */
static bool put_terms(struct buf *b, const char *domain, const struct strlist *terms)
{
	for (size_t i = 0; i < terms->n; i++) {
		char *slug = slugify(terms->v[i]);
		bool ok = slug && buf_printf(b, "\t\t<category domain=\"%s\" nicename=\"", domain) &&
			  put_escaped(b, slug) && buf_puts(b, "\">") && put_cdata(b, terms->v[i]) &&
			  buf_puts(b, "</category>\n");
		free(slug);
		if (!ok)
			return false;
	}
	return true;
}

/* A BCP 47-looking tag (letters, digits, '-'), else "". */
static const char *lang_tag(const char *l)
{
	if (!l || !*l || strlen(l) > 35)
		return "";
	for (const char *p = l; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return "";
	return l;
}

static const char page_style[] =
	"body{max-width:42em;margin:2em auto;padding:0 1em;font:1.05em/1.5 Georgia,serif;color:#222}"
	"blockquote{margin:1em 0;padding-left:1em;border-left:3px solid #ccc;color:#444}"
	"h1{font-size:1.6em}h3{font-size:1.1em;margin-top:2em}";

/* What every format starts from: the front matter read, reads' comments
 * removed, the body rendered (C0 controls already replaced), and her
 * signature. */
struct converted {
	struct front f;
	char *html;
	char *sig;
};

static void converted_finish(struct converted *c)
{
	front_finish(&c->f);
	free(c->html);
	free(c->sig);
	memset(c, 0, sizeof *c);
}

static bool convert(const char *md, size_t len, bool raw_html, struct strlist *warnings, struct converted *c,
		    char **err)
{
	memset(c, 0, sizeof *c);
	strlist_init(&c->f.categories);
	strlist_init(&c->f.tags);
	cmark_node *doc = NULL;
	char *rendered = NULL;
	bool ok = false;
	if (len > LIMIT_DRAFT_BYTES) {
		str_set(err, "line 1: the draft is larger than %zu bytes", LIMIT_DRAFT_BYTES);
		goto out;
	}
	size_t body;
	unsigned body_line;
	bool unclosed;
	if (draft_front_matter(md, len, &body, &body_line, &unclosed)) {
		/* the YAML: the lines between the opening and the closing line */
		size_t start = 0;
		while (start < body && md[start] != '\n' && md[start] != '\r')
			start++;
		if (start < body && md[start] == '\r')
			start++;
		if (start < body && md[start] == '\n')
			start++;
		size_t end = body;
		if (end > start && md[end - 1] == '\n')
			end--;
		if (end > start && md[end - 1] == '\r')
			end--;
		while (end > start && md[end - 1] != '\n' && md[end - 1] != '\r')
			end--;
		if (end - start > LIMIT_FRONT_MATTER_BYTES) {
			str_set(err, "line 2: the front matter is larger than %zu bytes", LIMIT_FRONT_MATTER_BYTES);
			goto out;
		}
		if (!front_parse(md + start, end - start, 2, &c->f, err))
			goto out;
	} else if (unclosed) {
		str_set(err, "line 1: the front matter that starts here is never closed with \"---\"");
		goto out;
	}
	doc = cmark_parse_document(md + body, len - body, CMARK_OPT_VALIDATE_UTF8);
	if (!doc || !clean_tree(doc, body_line - 1, raw_html, warnings)) {
		str_set(err, "out of memory");
		goto out;
	}
	c->sig = signature_of(doc);
	rendered = cmark_render_html(doc, raw_html ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT);
	struct buf clean;
	buf_init(&clean, LIMIT_DRAFT_OUTPUT_BYTES);
	if (!rendered || !put_clean(&clean, rendered, strlen(rendered)) || !(c->html = buf_detach(&clean))) {
		buf_finish(&clean);
		str_set(err, "the export is larger than %zu bytes or memory ran out", LIMIT_DRAFT_OUTPUT_BYTES);
		goto out;
	}
	ok = true;
out:
	free(rendered);
	if (doc)
		cmark_node_free(doc);
	if (!ok)
		converted_finish(c);
	return ok;
}

char *export_draft_opts(const char *md, size_t len, enum export_format format,
			const struct export_options *opts, struct strlist *warnings, char **err)
{
	struct converted c;
	struct buf out;
	buf_init(&out, LIMIT_DRAFT_OUTPUT_BYTES);
	char *slug = NULL, *result = NULL;
	if (err)
		*err = NULL;
	if (!convert(md, len, opts && opts->raw_html, warnings, &c, err))
		return NULL;
	const struct front *f = &c.f;
	const char *html = c.html, *sig = c.sig;
	const char *title = f->title ? f->title : "";
	bool ok = true;
	switch (format) {
	case EXPORT_HTML:
		ok = buf_puts(&out, html);
		break;
	case EXPORT_PAGE:
		ok = buf_puts(&out, "<!DOCTYPE html>\n") &&
		     (*lang_tag(f->lang) ? buf_printf(&out, "<html lang=\"%s\">\n", lang_tag(f->lang)) : buf_puts(&out, "<html>\n")) &&
		     buf_puts(&out, "<head>\n<meta charset=\"utf-8\">\n"
				    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
				    "<title>") &&
		     put_escaped(&out, *title ? title : "Untitled draft") && buf_puts(&out, "</title>\n<style>") &&
		     buf_puts(&out, page_style) && buf_puts(&out, "</style>\n</head>\n<body>\n<article>\n");
		if (ok && *title)
			ok = buf_puts(&out, "<h1>") && put_escaped(&out, title) && buf_puts(&out, "</h1>\n");
		ok = ok && buf_puts(&out, html) && buf_puts(&out, "</article>\n</body>\n</html>\n");
		break;
	case EXPORT_WXR: {
		char post_date[64], pub[64];
		wp_dates(f->date, post_date, pub);
		slug = f->slug ? strdup(f->slug) : slugify(title);
		const char *creator = f->author ? f->author : sig ? sig : "admin";
		unsigned long post_id = 1;
		int y, m;
		if (f->month && sscanf(f->month, "%4d-%2d", &y, &m) == 2 && y > 0 && m > 0)
			post_id = (unsigned long)y * 100 + (unsigned long)m;
		ok = slug &&
		     buf_puts(&out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				    "<!-- A WordPress import file (WXR 1.2) written by reads; import it with Tools, Import, WordPress. -->\n"
				    "<rss version=\"2.0\"\n"
				    "\txmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\"\n"
				    "\txmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
				    "\txmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"\n"
				    "\txmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
				    "\txmlns:wp=\"http://wordpress.org/export/1.2/\">\n"
				    "<channel>\n\t<title>") &&
		     put_escaped(&out, title) &&
		     buf_puts(&out, "</title>\n\t<link></link>\n\t<description></description>\n") &&
		     (!*pub || (buf_puts(&out, "\t<pubDate>") && buf_puts(&out, pub) && buf_puts(&out, "</pubDate>\n"))) &&
		     buf_printf(&out, "\t<language>%s</language>\n", *lang_tag(f->lang) ? lang_tag(f->lang) : "en") &&
		     buf_puts(&out, "\t<wp:wxr_version>1.2</wp:wxr_version>\n"
				    "\t<wp:base_site_url></wp:base_site_url>\n\t<wp:base_blog_url></wp:base_blog_url>\n"
				    "\t<wp:author><wp:author_id>1</wp:author_id><wp:author_login>") &&
		     put_cdata(&out, creator) && buf_puts(&out, "</wp:author_login><wp:author_email></wp:author_email><wp:author_display_name>") &&
		     put_cdata(&out, creator) &&
		     buf_puts(&out, "</wp:author_display_name><wp:author_first_name></wp:author_first_name>"
				    "<wp:author_last_name></wp:author_last_name></wp:author>\n"
				    "\t<generator>reads " READS_VERSION "</generator>\n\t<item>\n\t\t<title>") &&
		     put_escaped(&out, title) && buf_puts(&out, "</title>\n\t\t<link></link>\n") &&
		     (!*pub || (buf_puts(&out, "\t\t<pubDate>") && buf_puts(&out, pub) && buf_puts(&out, "</pubDate>\n"))) &&
		     buf_puts(&out, "\t\t<dc:creator>") && put_cdata(&out, creator) &&
		     buf_puts(&out, "</dc:creator>\n\t\t<guid isPermaLink=\"false\">reads:") &&
		     put_escaped(&out, f->month ? f->month : slug) && buf_puts(&out, "</guid>\n") &&
		     buf_puts(&out, "\t\t<description></description>\n\t\t<content:encoded>") && put_cdata(&out, html) &&
		     buf_puts(&out, "</content:encoded>\n\t\t<excerpt:encoded><![CDATA[]]></excerpt:encoded>\n") &&
		     buf_printf(&out, "\t\t<wp:post_id>%lu</wp:post_id>\n", post_id) &&
		     buf_printf(&out, "\t\t<wp:post_date>%s</wp:post_date>\n", post_date) &&
		     buf_puts(&out, "\t\t<wp:post_date_gmt>0000-00-00 00:00:00</wp:post_date_gmt>\n"
				    "\t\t<wp:comment_status>open</wp:comment_status>\n"
				    "\t\t<wp:ping_status>open</wp:ping_status>\n\t\t<wp:post_name>") &&
		     put_escaped(&out, slug) &&
		     buf_puts(&out, "</wp:post_name>\n") && put_terms(&out, "category", &f->categories) &&
		     put_terms(&out, "post_tag", &f->tags) &&
		     buf_puts(&out, "\t\t<wp:status>draft</wp:status>\n"
				    "\t\t<wp:post_parent>0</wp:post_parent>\n\t\t<wp:menu_order>0</wp:menu_order>\n"
				    "\t\t<wp:post_type>post</wp:post_type>\n\t\t<wp:post_password></wp:post_password>\n"
				    "\t\t<wp:is_sticky>0</wp:is_sticky>\n\t</item>\n</channel>\n</rss>\n");
		break;
	}
	default:
		str_set(err, "unknown export format");
		goto out;
	}
	if (!ok) {
		str_set(err, "the export is larger than %zu bytes or memory ran out", LIMIT_DRAFT_OUTPUT_BYTES);
		goto out;
	}
	result = buf_detach(&out);
out:
	buf_finish(&out);
	free(slug);
	converted_finish(&c);
	return result;
}

char *export_draft(const char *md, size_t len, enum export_format format, char **err)
{
	return export_draft_opts(md, len, format, NULL, NULL, err);
}

bool export_post_read(const char *md, size_t len, const struct export_options *opts, struct export_post *post,
		      struct strlist *warnings, char **err)
{
	struct converted c;
	memset(post, 0, sizeof *post);
	strlist_init(&post->categories);
	strlist_init(&post->tags);
	if (err)
		*err = NULL;
	if (!convert(md, len, opts && opts->raw_html, warnings, &c, err))
		return false;
	char wp[EXPORT_WP_DATE_SIZE];
	post->html = c.html;
	post->title = c.f.title;
	post->month = c.f.month;
	post->categories = c.f.categories;
	post->tags = c.f.tags;
	c.html = c.f.title = c.f.month = NULL;
	strlist_init(&c.f.categories);
	strlist_init(&c.f.tags);
	post->date = export_wp_date(c.f.date, wp) ? strdup(wp) : NULL;
	post->slug = c.f.slug ? strdup(c.f.slug) : slugify(post->title ? post->title : "");
	bool ok = post->slug && (post->date || !export_wp_date(c.f.date, wp));
	converted_finish(&c);
	if (!ok) {
		export_post_finish(post);
		str_set(err, "out of memory");
	}
	return ok;
}

void export_post_finish(struct export_post *post)
{
	if (!post)
		return;
	free(post->title);
	free(post->month);
	free(post->date);
	free(post->slug);
	free(post->html);
	strlist_finish(&post->categories);
	strlist_finish(&post->tags);
	memset(post, 0, sizeof *post);
}
