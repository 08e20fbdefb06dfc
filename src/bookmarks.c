/* bookmarks — Netscape bookmark files and OPML subscription lists.
 *
 * Netscape files are tag soup (<DT> and <DD> are never closed, <p> sits
 * inside <DL>), so they go through libxml2's HTML parser in recover mode and
 * the tree is walked in document order: every <A HREF> is a bookmark, a <DD>
 * right after it is its note, folders (<H3> + <DL>) are flattened.  Pocket's
 * export (<ul><li><a time_added tags>) is read the same way.
 *
 * OPML goes through the XML parser without network, DTD loading or entity
 * expansion; a document that declares entities is refused outright. */
#include "bookmarks.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "date.h"
#include "limits.h"

/* libxml2 reports some problems (encoding conversion, I/O) through its
 * global handler, on stderr, even with *_PARSE_NOERROR: silence it while
 * one of our parses runs, and put back whatever was there. */
struct quiet {
	xmlStructuredErrorFunc handler;
	void *context;
};

static void ignore_error(void *ctx, xmlErrorPtr e)
{
}

static void quiet_begin(struct quiet *q)
{
	q->handler = xmlStructuredError;
	q->context = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(NULL, ignore_error);
}

static void quiet_end(const struct quiet *q)
{
	xmlSetStructuredErrorFunc(q->context, q->handler);
}

/* libxml2's message on one line: runs of white space (its messages hold
 * newlines) become one space, none at the ends. Caller frees. */
static char *one_line(const char *m)
{
	struct buf b;
	buf_init(&b, 4096);
	bool space = false;
	for (; *m; m++) {
		if (isspace((unsigned char)*m)) {
			space = true;
			continue;
		}
		if ((space && b.len && !buf_putc(&b, ' ')) || !buf_putc(&b, *m))
			break;
		space = false;
	}
	return buf_detach(&b);
}

static bool name_is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

/* An attribute by name, case-insensitively (HTML and hand-written OPML
 * disagree on case). Caller frees with xmlFree(). */
static char *attr(const xmlNode *n, const char *name)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->name && strcasecmp((const char *)a->name, name) == 0) {
			/* Only text children: an entity reference is never expanded. */
			struct buf b;
			buf_init(&b, LIMIT_BOOKMARK_TEXT);
			for (const xmlNode *t = a->children; t; t = t->next)
				if (t->type == XML_TEXT_NODE && t->content &&
				    !buf_puts(&b, (const char *)t->content))
					break;
			return buf_detach(&b);
		}
	}
	return NULL;
}

/* Appends s with runs of white space collapsed to one space. */
static void put_collapsed(struct buf *b, const char *s, bool *space)
{
	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			*space = true;
			continue;
		}
		if (*space && b->len > 0 && !buf_putc(b, ' '))
			return;
		*space = false;
		if (!buf_putc(b, *s))
			return;
	}
}

/* The text of n, whitespace collapsed, NULL when empty.  With `stop`, the
 * walk does not enter the elements that begin the next bookmark or folder
 * (a <DD> the HTML parser left open swallows what follows it). */
static char *text_of(const xmlNode *n, bool stop)
{
	struct buf b;
	buf_init(&b, LIMIT_BOOKMARK_TEXT);
	bool space = false;
	const xmlNode *cur = n->children;
	while (cur && cur != n) {
		bool enter = true;
		if (cur->type == XML_TEXT_NODE || cur->type == XML_CDATA_SECTION_NODE) {
			if (cur->content)
				put_collapsed(&b, (const char *)cur->content, &space);
			enter = false;
		} else if (cur->type != XML_ELEMENT_NODE) {
			enter = false;
		} else if (stop && (name_is(cur, "dl") || name_is(cur, "dt") || name_is(cur, "dd") ||
				    name_is(cur, "h3") || name_is(cur, "a") || name_is(cur, "ul") ||
				    name_is(cur, "li"))) {
			break;
		}
		if (enter && cur->children) {
			cur = cur->children;
			continue;
		}
		while (cur && cur != n && !cur->next)
			cur = cur->parent;
		if (cur && cur != n)
			cur = cur->next;
	}
	if (b.len == 0) {
		buf_finish(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/* ADD_DATE in seconds, milliseconds or microseconds since 1970 (exports
 * differ), or Chrome's microseconds since 1601: told apart by magnitude. */
static int64_t parse_add_date(const char *s)
{
	if (!s)
		return DATE_NONE;
	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return DATE_NONE;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (*end || v == 0)
		return DATE_NONE;
	if (v >= 10000000000000000ULL) /* ≥ 1e16: WebKit µs since 1601 */
		return (int64_t)(v / 1000000ULL) - 11644473600LL;
	if (v >= 100000000000000ULL) /* ≥ 1e14: µs */
		return (int64_t)(v / 1000000ULL);
	if (v >= 100000000000ULL) /* ≥ 1e11: ms (1e11 s would be the year 5138) */
		return (int64_t)(v / 1000ULL);
	return (int64_t)v;
}

static bool is_http(const char *u)
{
	return u && (strncasecmp(u, "http://", 7) == 0 || strncasecmp(u, "https://", 8) == 0);
}

static bool valid_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	while (p < e) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		int n = (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0 || e - p <= n)
			return false;
		for (int i = 1; i <= n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return false;
		p += n + 1;
	}
	return true;
}

static void split_tags(const char *s, struct strlist *tags, bool *fine)
{
	while (s && *s && *fine) {
		size_t n = strcspn(s, ",");
		const char *a = s, *z = s + n;
		while (a < z && isspace((unsigned char)*a))
			a++;
		while (z > a && isspace((unsigned char)z[-1]))
			z--;
		if (z > a) {
			char *t = strndup(a, (size_t)(z - a));
			if (!t || !strlist_push_owned(tags, t))
				*fine = false;
		}
		s += n;
		if (*s == ',')
			s++;
	}
}

void bookmarks_free(struct bookmark *b, size_t n)
{
	if (!b)
		return;
	for (size_t i = 0; i < n; i++) {
		free(b[i].url);
		free(b[i].title);
		free(b[i].note);
		strlist_finish(&b[i].tags);
	}
	free(b);
}

bool bookmarks_parse_netscape(const char *data, size_t len, struct bookmark **out, size_t *n, char **err)
{
	*out = NULL;
	*n = 0;
	*err = NULL;
	struct bookmark *list = NULL;
	size_t count = 0, cap = 0;
	bool fine = false, netscape = false, structured = false;
	htmlDocPtr doc = NULL;
	htmlParserCtxtPtr hctxt = NULL;
	if (len > LIMIT_BOOKMARK_FILE_BYTES || len > (size_t)INT32_MAX) {
		*err = str_printf("larger than %zu bytes: not a bookmark file", LIMIT_BOOKMARK_FILE_BYTES);
		return false;
	}
	/* Every export is UTF-8 (most say so in a <META>); libxml2 would read a
	 * file without the <META> as Latin-1, so say it when the bytes are. */
	const char *enc = valid_utf8(data, len) ? "UTF-8" : NULL;
	hctxt = htmlNewParserCtxt();
	if (!hctxt)
		goto oom;
	struct quiet q;
	quiet_begin(&q);
	/* XML_PARSE_HUGE: libxml2's HTML parser nests each <DT> in the one
	 * before it (<DT> does not close an open <DT> in its rules), so a folder
	 * of 300 bookmarks is 300 levels deep, past its default limit of 256,
	 * and browser exports hold thousands. The parser and the walks below are
	 * iterative, and the file is capped at LIMIT_BOOKMARK_FILE_BYTES, so the
	 * depth costs memory in proportion to the file, not stack. */
	doc = htmlCtxtReadMemory(hctxt, data, (int)len, NULL, enc,
				 HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
					 XML_PARSE_HUGE);
	quiet_end(&q);
	if (!doc) {
		*err = str_printf("not HTML: cannot parse as a bookmark file");
		goto out;
	}
	/* Tag soup is expected; a parser that gave up (nesting deeper than
	 * libxml2's limit, say) would leave bookmarks out silently. */
	const xmlError *e = xmlCtxtGetLastError(hctxt);
	if (hctxt->disableSAX || (e && e->level == XML_ERR_FATAL)) {
		char *msg = one_line(e && e->message ? e->message : "parser stopped");
		*err = str_printf("cannot be read to the end: line %d: %s", e ? e->line : 0, msg ? msg : "");
		free(msg);
		goto out;
	}
	if (doc->intSubset && doc->intSubset->name &&
	    strcasecmp((const char *)doc->intSubset->name, "NETSCAPE-Bookmark-file-1") == 0)
		netscape = true;
	struct bookmark *last = NULL; /* the bookmark a following <DD> describes */
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *cur = root;
	while (cur) {
		bool enter = true;
		if (name_is(cur, "a")) {
			char *href = attr(cur, "href");
			char *added = attr(cur, "add_date");
			if (!added)
				added = attr(cur, "time_added"); /* Pocket */
			if (added || (cur->parent && (name_is(cur->parent, "dt"))))
				structured = true;
			last = NULL;
			if (href && is_http(href)) {
				if (count == LIMIT_BOOKMARKS_PER_FILE) {
					free(href);
					free(added);
					*err = str_printf("more than %u bookmarks", LIMIT_BOOKMARKS_PER_FILE);
					goto out;
				}
				if (count == cap) {
					size_t ncap = cap ? cap * 2 : 32;
					struct bookmark *l = realloc(list, ncap * sizeof *l);
					if (!l) {
						free(href);
						free(added);
						goto oom;
					}
					list = l;
					cap = ncap;
				}
				struct bookmark *b = &list[count++];
				memset(b, 0, sizeof *b);
				strlist_init(&b->tags);
				/* Trim what HTML attributes may carry around a URL. */
				size_t lead = strspn(href, " \t\r\n");
				size_t hl = strlen(href);
				while (hl > lead && isspace((unsigned char)href[hl - 1]))
					hl--;
				b->url = strndup(href + lead, hl - lead);
				b->title = text_of(cur, false);
				b->added = parse_add_date(added);
				char *tags = attr(cur, "tags");
				bool tags_ok = true;
				split_tags(tags, &b->tags, &tags_ok);
				free(tags);
				if (!b->url || !tags_ok) {
					free(href);
					free(added);
					goto oom;
				}
				last = b;
			}
			free(href);
			free(added);
			enter = false;
		} else if (name_is(cur, "h3")) {
			last = NULL; /* a <DD> after a folder describes the folder */
			enter = false;
		} else if (name_is(cur, "dd")) {
			if (last && !last->note)
				last->note = text_of(cur, true);
			last = NULL;
		} else if (name_is(cur, "dl")) {
			structured = true;
		}
		if (enter && cur->children) {
			cur = cur->children;
			continue;
		}
		while (cur && !cur->next)
			cur = cur->parent;
		if (cur)
			cur = cur->next;
	}
	if (!netscape && !structured) {
		*err = str_printf("%s", "not a bookmark file: no <!DOCTYPE NETSCAPE-Bookmark-file-1>, "
				    "no <DL>/<DT> list and no dated links");
		goto out;
	}
	*out = list;
	*n = count;
	list = NULL;
	count = 0;
	fine = true;
	goto out;
oom:
	free(*err);
	*err = str_printf("%s", "out of memory");
out:
	bookmarks_free(list, count);
	xmlFreeDoc(doc);
	if (hctxt)
		htmlFreeParserCtxt(hctxt);
	return fine;
}

/* True when the document declares entities (internal subset): OPML never
 * needs them, and expanding them is how "billion laughs" works. */
static bool declares_entities(xmlDocPtr doc)
{
	xmlDtdPtr dtd = doc->intSubset;
	if (!dtd)
		return false;
	return (dtd->entities && xmlHashSize((xmlHashTablePtr)dtd->entities) > 0) ||
	       (dtd->pentities && xmlHashSize((xmlHashTablePtr)dtd->pentities) > 0);
}

/* feed://host/x and feed:https://host/x are subscribe links for http(s). */
static char *feed_url(const char *u)
{
	size_t lead = strspn(u, " \t\r\n");
	u += lead;
	size_t len = strlen(u);
	while (len > 0 && isspace((unsigned char)u[len - 1]))
		len--;
	if (strncasecmp(u, "feed:", 5) == 0) {
		if (is_http(u + 5))
			return strndup(u + 5, len - 5);
		if (strncmp(u + 5, "//", 2) == 0) {
			char *s = NULL;
			if (asprintf(&s, "http:%.*s", (int)(len - 5), u + 5) < 0)
				return NULL;
			return s;
		}
		return NULL;
	}
	return is_http(u) ? strndup(u, len) : NULL;
}

bool bookmarks_parse_opml(const char *data, size_t len, struct strlist *urls, struct strlist *names, char **err)
{
	*err = NULL;
	bool fine = false;
	xmlDocPtr doc = NULL;
	xmlParserCtxtPtr ctxt = NULL;
	if (len > LIMIT_BOOKMARK_FILE_BYTES || len > (size_t)INT32_MAX) {
		*err = str_printf("%s", "too large for a subscription list");
		return false;
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		goto oom;
	struct quiet q;
	quiet_begin(&q);
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	quiet_end(&q);
	if (!doc) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		char *s = NULL;
		if (e && e->message) {
			char *msg = one_line(e->message);
			s = str_printf("not well-formed XML: line %d: %s", e->line, msg ? msg : "");
			free(msg);
		} else {
			s = str_printf("%s", "not well-formed XML");
		}
		*err = s;
		goto out;
	}
	if (declares_entities(doc)) {
		*err = str_printf("%s", "declares XML entities, which a subscription list never needs: refused");
		goto out;
	}
	xmlNode *root = xmlDocGetRootElement(doc);
	if (!root || !name_is(root, "opml")) {
		*err = str_printf("not OPML: the root element is <%s>, not <opml>",
			      root && root->name ? (const char *)root->name : "nothing");
		goto out;
	}
	xmlNode *cur = root;
	size_t count = 0;
	while (cur) {
		if (name_is(cur, "outline")) {
			char *x = attr(cur, "xmlUrl");
			char *u = x ? feed_url(x) : NULL;
			free(x);
			if (u) {
				if (++count > LIMIT_BOOKMARKS_PER_FILE) {
					free(u);
					*err = str_printf("more than %u outlines with a feed URL", LIMIT_BOOKMARKS_PER_FILE);
					goto out;
				}
				char *name = attr(cur, "text");
				if (!name || !*name) {
					free(name);
					name = attr(cur, "title");
				}
				if (!name)
					name = strdup("");
				if (!name) {
					free(u);
					goto oom;
				}
				if (!strlist_push_owned(urls, u)) {
					free(name);
					goto oom;
				}
				if (!strlist_push_owned(names, name))
					goto oom;
			}
		}
		if (cur->children && cur->type == XML_ELEMENT_NODE) {
			cur = cur->children;
			continue;
		}
		while (cur && !cur->next)
			cur = cur->parent;
		if (cur)
			cur = cur->next;
	}
	fine = true;
	goto out;
oom:
	free(*err);
	*err = str_printf("%s", "out of memory");
out:
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return fine;
}
