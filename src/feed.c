/* feed — see feed.h.
 *
 * Pipeline: raw bytes → sniff (JSON / HTML page / XML, encoding from BOM,
 * HTTP charset or XML declaration) → decoder to UTF-8 (invalid UTF-8 bytes
 * read as windows-1252, XML-invalid control characters dropped) → libxml2's
 * SAX push parser in pieces of a few KB (recover mode, no network, no DTD
 * loading, the encoding declaration ignored since the decoder already
 * produced UTF-8; SAX1 events, whose namespace prefixes ns_start() scopes) →
 * element handlers that fill one item at a time and hand it to the callback.
 *
 * Entities: libxml2 asks getEntity() for every name it does not predefine;
 * HTML named entities (&aacute;) come back as their character, simple
 * entities of the internal DTD subset as their text, anything else as the
 * literal "&name;".  Entities that hold markup or references are never
 * expanded, so entity-expansion bombs have nothing to expand. */
#include "feed.h"

#include <errno.h>
#include <iconv.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#include "buf.h"
#include "date.h"
#include "htmltext.h"
#include "limits.h"
#include "url.h"

/* ------------------------------------------------------------------ */
/* namespaces and fields */

enum ns {
	NS_CORE,	/* none, RSS 0.90/1.0/1.1, Userland */
	NS_ATOM,	/* Atom 1.0 and 0.3 */
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_ITUNES,
	NS_MEDIA,
	NS_XHTML,
	NS_RDF,
	NS_OTHER,
};

enum field {
	F_NONE,
	F_TITLE,
	F_LINK,		/* RSS-style link text */
	F_ID,
	F_GUID,
	F_PERSON,	/* author: text, or atom person construct */
	F_PUBLISHED,
	F_UPDATED,
	F_SUMMARY,
	F_CONTENT,
	F_CATEGORY,
	F_LANGUAGE,
	F_MEDIA_TITLE,
	F_MEDIA_DESC,
	F_TAGS,		/* comma-separated categories */
	F_CREATED,	/* dcterms:created: published when nothing else says */
	F_INHERITED_PERSON,	/* atom:author of the feed or of an entry's source */
};

enum ttype {
	TT_TEXT,	/* plain text */
	TT_GUESS,	/* RSS plain text that may carry escaped HTML */
	TT_HTML,	/* escaped HTML */
	TT_XHTML,	/* inline markup */
};

enum sub { SUB_NONE, SUB_NAME, SUB_EMAIL, SUB_OTHER };

enum mode { MODE_SNIFF, MODE_XML, MODE_JSON, MODE_HTML, MODE_DONE };

enum enc { ENC_UTF8, ENC_1252, ENC_ICONV };

struct frame {
	char *base;		/* effective xml:base (owned when own_base) */
	bool own_base;
	unsigned char ns;
};

struct capture {
	enum field field;
	unsigned depth;		/* depth of the element being captured */
	enum ttype type;
	bool markup;		/* child elements seen: markup holds the value */
	bool base64;
	bool binary;		/* base64 of a media type: text only if UTF-8 */
	bool truncated;
	bool in_entry;
	bool not_permalink;	/* guid isPermaLink="false" */
	bool link_alt;		/* link element with rel alternate */
	unsigned skip_div;	/* depth of an xhtml wrapper div, 0 if none */
	enum sub sub;
	unsigned sub_depth;
	struct buf text;
	struct buf html;
	struct buf pname;
	struct buf pemail;
};

struct entry_extra {
	char *guid_link;
	char *media_title;
	char *media_desc;
	int link_rank;	/* see offer_link() */
	bool id_is_atom;	/* id came from atom:id, not a guid */
	int64_t created;	/* dcterms:created, or DATE_NONE */
	char *cat_scheme;	/* domain of the <category> being read */
	char *source_author;	/* the first author of its atom:source */
	/* the scheme of each category (add_category()), and the entry's
	 * schemes numbered from SCHEME_OTHER */
	unsigned cat_scheme_id[LIMIT_ITEM_CATEGORIES];
	struct strlist schemes;
};

struct owned_entity {
	xmlEntity ent;
	bool declared;
};

#define ELEM_CACHE 256
#define QNAME_CACHE 256

/* A declaration in scope, with what it hides (restored when its element
 * ends). */
struct ns_binding {
	const xmlChar *prefix;	/* NULL: the default namespace */
	const xmlChar *uri;	/* NULL: none (xmlns="") */
	const xmlChar *prev_uri;
	bool prev_bound;
};

/* The current binding of a prefix (an interned pointer). */
struct ns_prefix {
	const xmlChar *prefix;	/* NULL: a free slot */
	const xmlChar *uri;
	bool bound;
};

#define NS_PREFIX_SLOTS 1024u
#define NS_RECENT 8u

/* A qualified name split at its colon; all three interned. */
struct qname {
	const xmlChar *name, *prefix, *local;
};
#define CACHE_PROBES 8

struct elem;

struct feed_parser {
	char *src_url;
	char *content_type;
	feed_item_cb cb;
	void *ctx;
	struct feed_meta meta;
	char *error;

	enum mode mode;
	struct buf raw;		/* sniff bytes; the whole input for JSON and HTML */
	bool keep_raw;		/* still keeping raw (root element not seen yet) */
	bool in_cdata;		/* the decoder is inside a CDATA section */

	enum enc enc;
	iconv_t cd;
	unsigned char pend[8];	/* a split sequence of the source encoding (iconv) */
	size_t npend;
	unsigned char pend8[64];	/* a split UTF-8 sequence or entity reference */
	size_t npend8;
	struct buf join8;
	struct buf dec;
	struct buf join;

	xmlParserCtxtPtr xml;
	xmlSAXHandler sax;
	bool stopped;
	bool root_seen;
	bool atom;		/* the document is an Atom feed */
	bool atom10;		/* an Atom 1.0 feed */
	unsigned errors;

	unsigned depth;		/* current element depth (1 = root) */
	struct frame stack[LIMIT_TREE_DEPTH + 2];
	unsigned block_depth;	/* inside image/textinput/source: ignore fields */
	bool block_source;	/* the block is an entry's atom:source */
	char *feed_author;	/* the first atom:author of the feed */
	bool in_entry;
	unsigned entry_depth;
	unsigned long n_items;
	bool warned_field_cap;

	struct feed_item item;
	struct entry_extra ex;
	int feed_link_rank;	/* see offer_link() */

	struct capture cap;

	struct elem *elems;	/* ELEM_CACHE entries, see elem_lookup() */

	/* namespaces, resolved here from libxml2's SAX1 events: see ns_start() */
	struct ns_binding *nsb;	/* in scope, innermost last */
	size_t nsb_n, nsb_cap;
	struct ns_prefix *prefixes;	/* NS_PREFIX_SLOTS: each prefix's binding */
	size_t n_prefixes;
	const xmlChar *default_uri;	/* the default namespace, or NULL */
	const xmlChar *root_default_uri;	/* the default namespace on the root */
	const xmlChar *str_xmlns;	/* "xmlns", interned */
	const xmlChar *ns_recent[NS_RECENT];	/* URIs interned and checked last */
	unsigned ns_recent_next;
	unsigned ns_depth;	/* element depth of the SAX1 events */
	size_t nsb_mark[LIMIT_TREE_DEPTH + 2];	/* nsb_n before each open element */
	struct open_name {
		const xmlChar *local, *prefix, *uri;
	} open[LIMIT_TREE_DEPTH + 2];		/* each open element, as resolved */
	struct qname *qnames;	/* QNAME_CACHE entries, see qname_split() */
	const xmlChar *str_xml;	/* "xml", interned */
	const xmlChar **attrs5;	/* SAX2-style attributes of the current element */
	size_t attrs5_cap;


	struct owned_entity *ents[LIMIT_FEED_ENTITIES];
	size_t n_ents;
};

#define NS_XML_URI "http://www.w3.org/XML/1998/namespace"

static void warnf(struct feed_parser *p, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void warnf(struct feed_parser *p, const char *fmt, ...)
{
	if (p->meta.warnings.n >= LIMIT_FEED_WARNINGS)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!strlist_push(&p->meta.warnings, msg))
		return;
}

static void set_error(struct feed_parser *p, const char *msg)
{
	if (p->error)
		return;
	p->error = strdup(msg);
}

static void set_str(char **slot, char *v)
{
	free(*slot);
	*slot = v;
}

static enum ns classify_ns_uri(const xmlChar *uri)
{
	if (!uri || !*uri)
		return NS_CORE;
	const char *u = (const char *)uri;
	static const struct {
		const char *uri;
		enum ns ns;
	} map[] = {
		{"http://www.w3.org/2005/Atom", NS_ATOM},
		{"http://purl.org/atom/ns#", NS_ATOM},
		{"http://purl.org/rss/1.0/", NS_CORE},
		{"http://my.netscape.com/rdf/simple/0.9/", NS_CORE},
		{"http://purl.org/net/rss1.1#", NS_CORE},
		{"http://backend.userland.com/rss2", NS_CORE},
		{"http://blogs.law.harvard.edu/tech/rss", NS_CORE},
		{"http://backend.userland.com/rss", NS_CORE},
		{"http://purl.org/dc/elements/1.1/", NS_DC},
		{"http://purl.org/dc/elements/1.0/", NS_DC},
		{"http://purl.org/dc/terms/", NS_DCTERMS},
		{"http://purl.org/rss/1.0/modules/content/", NS_CONTENT},
		{"http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES},
		{"http://www.itunes.com/dtds/podcast-1.0.dtd/", NS_ITUNES},
		{"http://search.yahoo.com/mrss/", NS_MEDIA},
		{"http://search.yahoo.com/mrss", NS_MEDIA},
		{"http://www.w3.org/1999/xhtml", NS_XHTML},
		{"http://www.w3.org/1999/02/22-rdf-syntax-ns#", NS_RDF},
	};
	/* case-insensitive, with or without the trailing '/' (feeds write
	 * "http://purl.org/dc/elements/1.1" too) */
	size_t ul = strlen(u);
	for (size_t i = 0; i < sizeof map / sizeof *map; i++) {
		size_t ml = strlen(map[i].uri);
		if (strncasecmp(u, map[i].uri, ul < ml ? ul : ml) != 0)
			continue;
		if (ul == ml || (ul + 1 == ml && map[i].uri[ml - 1] == '/') ||
		    (ul == ml + 1 && u[ml] == '/'))
			return map[i].ns;
	}
	return NS_OTHER;
}

static enum ns classify_prefix(const xmlChar *prefix)
{
	static const struct {
		const char *prefix;
		enum ns ns;
	} map[] = {
		{"dc", NS_DC},	       {"dcterms", NS_DCTERMS}, {"content", NS_CONTENT},
		{"itunes", NS_ITUNES}, {"media", NS_MEDIA},	{"atom", NS_ATOM},
		{"atom10", NS_ATOM},   {"atom03", NS_ATOM},	{"rdf", NS_RDF},
		{"xhtml", NS_XHTML},
	};
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (strcasecmp((const char *)prefix, map[i].prefix) == 0)
			return map[i].ns;
	return NS_OTHER;
}

/* Lower-cases name into out (size n); long names are truncated (they match
 * nothing we know). */
static void lower(const xmlChar *name, char *out, size_t n)
{
	size_t i = 0;
	for (; name[i] && i + 1 < n; i++) {
		char c = (char)name[i];
		out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	out[i] = '\0';
}

/* A hash of an interned pointer for the caches below. Dictionary strings
 * sit next to each other: the multiplication mixes every bit into the
 * high ones, which pick the slot. */
static inline uint64_t ptr_hash(const void *ptr)
{
	return (uint64_t)(uintptr_t)ptr * 0x9E3779B97F4A7C15ull;
}

static inline unsigned ptr_slot(uint64_t h, unsigned slots)
{
	return (unsigned)(h >> 40) % slots;
}

/* The element names on_start() tells apart (lower-cased), whatever their
 * namespace; the namespace is decided separately (struct elem). */
enum elem_id {
	E_OTHER,
	E_ABSTRACT,
	E_AUTHOR,
	E_BODY,
	E_CATEGORY,
	E_CHANNEL,
	E_CONTENT,
	E_CONTRIBUTOR,
	E_CREATED,
	E_CREATOR,
	E_DATE,
	E_DESCRIPTION,
	E_EMAIL,
	E_ENCODED,
	E_ENTRY,
	E_FULLITEM,
	E_GUID,
	E_ID,
	E_IMAGE,
	E_ISSUED,
	E_ITEM,
	E_KEYWORDS,
	E_LANGUAGE,
	E_LINK,
	E_MODIFIED,
	E_NAME,
	E_PUBDATE,
	E_PUBLISHED,
	E_SOURCE,
	E_SUBJECT,
	E_SUMMARY,
	E_TAGS,
	E_TEXTINPUT,
	E_TITLE,
	E_UPDATED,
	E_COUNT
};

static const char *const elem_names[E_COUNT] = {
	[E_ABSTRACT] = "abstract",
	[E_AUTHOR] = "author",
	[E_BODY] = "body",
	[E_CATEGORY] = "category",
	[E_CHANNEL] = "channel",
	[E_CONTENT] = "content",
	[E_CONTRIBUTOR] = "contributor",
	[E_CREATED] = "created",
	[E_CREATOR] = "creator",
	[E_DATE] = "date",
	[E_DESCRIPTION] = "description",
	[E_EMAIL] = "email",
	[E_ENCODED] = "encoded",
	[E_ENTRY] = "entry",
	[E_FULLITEM] = "fullitem",
	[E_GUID] = "guid",
	[E_ID] = "id",
	[E_IMAGE] = "image",
	[E_ISSUED] = "issued",
	[E_ITEM] = "item",
	[E_KEYWORDS] = "keywords",
	[E_LANGUAGE] = "language",
	[E_LINK] = "link",
	[E_MODIFIED] = "modified",
	[E_NAME] = "name",
	[E_PUBDATE] = "pubdate",
	[E_PUBLISHED] = "published",
	[E_SOURCE] = "source",
	[E_SUBJECT] = "subject",
	[E_SUMMARY] = "summary",
	[E_TAGS] = "tags",
	[E_TEXTINPUT] = "textinput",
	[E_TITLE] = "title",
	[E_UPDATED] = "updated",
};

/* What on_start() needs to know of an element's name. */
struct elem {
	const xmlChar *localname, *prefix, *uri;	/* the key (libxml2's pointers) */
	unsigned char ns;	/* enum ns, after the default-namespace and prefix rules */
	unsigned char id;	/* enum elem_id */
	char lname[32];		/* localname lower-cased (truncated: matches nothing) */
};

static void elem_classify(struct feed_parser *p, struct elem *el)
{
	/* the root is the first element classified (see elem_lookup()) */
	if (!p->root_seen)
		p->root_default_uri = p->default_uri;
	enum ns ns = classify_ns_uri(el->uri);
	/* an unknown default namespace of the whole document is read as no
	 * namespace (as feedparser does: feeds declare wrong URIs); one
	 * declared inside it is an extension's, whose <title> and <link> are
	 * not the feed's (Namespaces in XML §6.2) */
	if (ns == NS_OTHER && !el->prefix && el->uri == p->root_default_uri)
		ns = NS_CORE;
	/* an undeclared prefix ("dc:creator" without xmlns:dc): go by the
	 * prefix everyone uses */
	if (!el->uri && el->prefix)
		ns = classify_prefix(el->prefix);
	el->ns = (unsigned char)ns;
	lower(el->localname, el->lname, sizeof el->lname);
	el->id = E_OTHER;
	for (unsigned i = E_OTHER + 1; i < E_COUNT; i++)
		if (strcmp(el->lname, elem_names[i]) == 0) {
			el->id = (unsigned char)i;
			break;
		}
}

/* The classification of an element name, remembered per name: lower-casing
 * and comparing it against every name we know cost as much as libxml2's
 * reading of the tag. libxml2 interns names and namespace URIs in the
 * parser's dictionary, so the same pointers are the same strings for the
 * whole parse; names it did not intern (none in practice) are classified
 * each time, in *tmp. */
static const struct elem *elem_lookup(struct feed_parser *p, const xmlChar *localname, const xmlChar *prefix,
				      const xmlChar *uri, struct elem *tmp)
{
	unsigned first = ptr_slot(ptr_hash(localname) ^ (ptr_hash(uri) >> 7) ^ (ptr_hash(prefix) >> 13), ELEM_CACHE);
	struct elem *el = NULL;
	/* open addressing, a few probes: a feed uses some tens of names */
	for (unsigned k = 0; k < CACHE_PROBES; k++) {
		struct elem *e = &p->elems[(first + k) % ELEM_CACHE];
		if (e->localname == localname && e->uri == uri && e->prefix == prefix)
			return e;
		if (!e->localname) {
			el = e;
			break;
		}
	}
	if (!el)
		el = &p->elems[first];
	xmlDictPtr d = p->xml ? p->xml->dict : NULL;
	bool interned = d && xmlDictOwns(d, localname) == 1 && (!prefix || xmlDictOwns(d, prefix) == 1) &&
			(!uri || xmlDictOwns(d, uri) == 1);
	if (!interned)
		el = tmp;
	el->localname = localname;
	el->prefix = prefix;
	el->uri = uri;
	elem_classify(p, el);
	return el;
}

/* SAX2 attributes: localname, prefix, URI, value, end (5 per attribute). */
static bool attr_get(const xmlChar **attrs, int n, const char *uri, const char *name, const char **v,
		     size_t *vl)
{
	for (int i = 0; i < n; i++) {
		const xmlChar **a = attrs + i * 5;
		if (strcasecmp((const char *)a[0], name) != 0)
			continue;
		if (uri ? !(a[2] && strcmp((const char *)a[2], uri) == 0) : a[2] != NULL && strcmp((const char *)a[2], NS_XML_URI) == 0)
			continue;
		*v = (const char *)a[3];
		*vl = (size_t)(a[4] - a[3]);
		return true;
	}
	return false;
}

static char *attr_dup(const xmlChar **attrs, int n, const char *uri, const char *name)
{
	const char *v;
	size_t vl;
	if (!attr_get(attrs, n, uri, name, &v, &vl))
		return NULL;
	return strndup(v, vl);
}

static bool attr_is(const xmlChar **attrs, int n, const char *name, const char *want)
{
	const char *v;
	size_t vl;
	if (!attr_get(attrs, n, NULL, name, &v, &vl))
		return false;
	while (vl && (*v == ' ' || *v == '\t' || *v == '\n'))
		v++, vl--;
	while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t' || v[vl - 1] == '\n'))
		vl--;
	return strlen(want) == vl && strncasecmp(v, want, vl) == 0;
}

static const char *cur_base(const struct feed_parser *p)
{
	return p->depth ? p->stack[p->depth].base : p->src_url;
}

static char *trim_dup(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return strndup(s, n);
}

static bool is_absolute_url(const char *s)
{
	size_t i = 0;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	while (s[i] && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
			(s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.'))
		i++;
	return s[i] == ':';
}

/* A link as found (trimmed), resolved against base when relative. */
static char *resolve_link(const char *base, const char *s, size_t n)
{
	char *t = trim_dup(s, n);
	if (!t || !*t || is_absolute_url(t) || !base)
		return t;
	char *r = url_resolve(base, t);
	if (!r)
		return t;
	free(t);
	return r;
}

/* "&amp;" in a link's text, once XML has decoded it, is a link escaped
 * twice (for HTML, then for XML): "?a=1&amp;amp;b=2" means "?a=1&b=2", as
 * the HTML it was escaped for would say, and as feedparser reads it. A URL
 * that means the five characters "&amp;" does not occur in feeds. */
static void undo_double_escape(char *u)
{
	char *q = u ? strchr(u, '&') : NULL;
	while (q && strncmp(q, "&amp;", 5) != 0)
		q = strchr(q + 1, '&');
	if (!q)
		return;
	char *w = q;
	for (const char *r = q; *r;) {
		if (strncmp(r, "&amp;", 5) == 0) {
			*w++ = '&';
			r += 5;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

static bool email_local(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '-' || c == '.' || c == '+';
}

/* feedparser's author clean-up: "me@x (Name)" and "Name <me@x>" → "Name":
 * the address is cut out, then empty brackets and the outer parentheses.
 * A bare address stays. */
static char *reduce_author(char *s)
{
	if (!s)
		return s;
	char *at = strchr(s, '@');
	if (!at || at == s)
		return s;
	char *a = at, *b = at + 1;
	while (a > s && email_local(a[-1]))
		a--;
	bool dot = false;
	while (*b && (email_local(*b) && *b != '+' && *b != '_')) {
		dot |= *b == '.';
		b++;
	}
	if (a == at || !dot)
		return s;
	if (a - s >= 7 && strncasecmp(a - 7, "mailto:", 7) == 0)
		a -= 7;
	struct buf o;
	buf_init(&o, strlen(s) + 1);
	if (!buf_append(&o, s, (size_t)(a - s)) || !buf_puts(&o, b)) {
		buf_finish(&o);
		return s;
	}
	char *r = buf_detach(&o);
	static const char *const empties[] = {"()", "<>", "[]", NULL};
	for (const char *const *e = empties; *e; e++) {
		char *q;
		while ((q = strstr(r, *e)))
			memmove(q, q + 2, strlen(q + 2) + 1);
	}
	char *t = trim_dup(r, strlen(r));
	free(r);
	size_t n = t ? strlen(t) : 0;
	if (n && t[0] == '(') {
		memmove(t, t + 1, n);
		n--;
	}
	if (n && t[n - 1] == ')')
		t[--n] = '\0';
	char *t2 = t ? trim_dup(t, n) : NULL;
	free(t);
	if (!t2 || !*t2) {
		free(t2);
		return s;
	}
	free(s);
	return t2;
}

/* ------------------------------------------------------------------ */
/* capture of an element's text */

static void cap_start(struct feed_parser *p, enum field f, enum ttype t)
{
	struct capture *c = &p->cap;
	c->field = f;
	c->depth = p->depth;
	c->type = t;
	c->markup = false;
	c->base64 = false;
	c->binary = false;
	c->truncated = false;
	c->in_entry = p->in_entry;
	c->not_permalink = false;
	c->link_alt = false;
	c->skip_div = 0;
	c->sub = SUB_NONE;
	buf_reset(&c->text);
	buf_reset(&c->html);
	buf_reset(&c->pname);
	buf_reset(&c->pemail);
}

static void cap_overflow(struct feed_parser *p)
{
	if (!p->cap.truncated) {
		p->cap.truncated = true;
		if (!p->warned_field_cap) {
			p->warned_field_cap = true;
			warnf(p, "line %d: a text field exceeds %zu bytes; truncated",
			      p->xml ? xmlSAX2GetLineNumber(p->xml) : 0, LIMIT_FIELD_BYTES);
		}
	}
}

/* Text of a field that also holds child elements: in an escaped-HTML
 * field (RSS description, type="html") the text is HTML source like the
 * rest, so "&lt;p&gt;" around an inline <a> stays a tag (as in
 * feedparser); in any other field it is text, and gets escaped. */
static bool cap_markup_text(struct capture *c, const char *s, size_t n)
{
	if (c->type == TT_HTML)
		return buf_append(&c->html, s, n);
	return html_escape(s, n, &c->html);
}

/* Switches the capture to markup: what was text so far joins the markup. */
static void cap_to_markup(struct feed_parser *p)
{
	struct capture *c = &p->cap;
	if (c->markup)
		return;
	c->markup = true;
	if (!cap_markup_text(c, buf_str(&c->text), c->text.len))
		cap_overflow(p);
}

static void cap_append(struct feed_parser *p, const char *s, size_t n)
{
	struct capture *c = &p->cap;
	if (c->truncated)
		return;
	struct buf *b;
	if (c->sub != SUB_NONE) {
		b = c->sub == SUB_NAME ? &c->pname : c->sub == SUB_EMAIL ? &c->pemail : NULL;
		if (b && !buf_append(b, s, n))
			cap_overflow(p);
		return;
	}
	if (c->markup) {
		if (!cap_markup_text(c, s, n))
			cap_overflow(p);
		return;
	}
	if (!buf_append(&c->text, s, n)) {
		/* keep what fits, cut at a character boundary */
		size_t room = c->text.max - c->text.len;
		while (room > 0 && room < n && ((unsigned char)s[room] & 0xC0) == 0x80)
			room--;
		if (!buf_append(&c->text, s, room < n ? room : 0))
			(void)0;
		cap_overflow(p);
	}
}

static const char *const void_elements[] = {"area", "base", "br", "col", "embed", "hr", "img",
					    "input", "link", "meta", "param", "source", "track",
					    "wbr", NULL};

static bool is_void(const char *n)
{
	for (const char *const *v = void_elements; *v; v++)
		if (strcmp(*v, n) == 0)
			return true;
	return false;
}

/* A child element inside a captured field: serialised as markup. */
static void cap_child_start(struct feed_parser *p, const char *lname, const xmlChar *localname,
			    const xmlChar **attrs, int nattrs)
{
	struct capture *c = &p->cap;
	cap_to_markup(p);
	if (c->type == TT_XHTML && p->depth == c->depth + 1 && strcmp(lname, "div") == 0 &&
	    c->html.len == 0) {
		c->skip_div = p->depth;
		return;
	}
	bool ok = buf_putc(&c->html, '<') && buf_puts(&c->html, (const char *)localname);
	for (int i = 0; ok && i < nattrs; i++) {
		const xmlChar **a = attrs + i * 5;
		ok = buf_putc(&c->html, ' ') &&
		     (!a[1] || (buf_puts(&c->html, (const char *)a[1]) && buf_putc(&c->html, ':'))) &&
		     buf_puts(&c->html, (const char *)a[0]) && buf_puts(&c->html, "=\"") &&
		     html_escape((const char *)a[3], (size_t)(a[4] - a[3]), &c->html) &&
		     buf_putc(&c->html, '"');
	}
	if (!ok || !buf_putc(&c->html, '>'))
		cap_overflow(p);
}

static void cap_child_end(struct feed_parser *p, const char *lname, const xmlChar *localname)
{
	struct capture *c = &p->cap;
	if (c->skip_div == p->depth) {
		c->skip_div = 0;
		return;
	}
	if (is_void(lname))
		return;
	if (!(buf_puts(&c->html, "</") && buf_puts(&c->html, (const char *)localname) &&
	      buf_putc(&c->html, '>')))
		cap_overflow(p);
}

static int b64val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

/* Decodes base64 text in place; invalid UTF-8 in the result is repaired,
 * or, when binary (the bytes of some media type), the result is emptied:
 * they are not text. */
static void base64_decode(struct buf *b, bool binary)
{
	unsigned acc = 0;
	int bits = 0;
	size_t o = 0;
	for (size_t i = 0; i < b->len; i++) {
		int v = b64val(b->data[i]);
		if (v < 0)
			continue;
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			b->data[o++] = (char)((acc >> bits) & 0xFF);
		}
	}
	b->len = o;
	if (b->data)
		b->data[o] = '\0';
	if (binary) {
		const unsigned char *s = (const unsigned char *)b->data, *end = s + o;
		while (s && s < end) {
			size_t k = utf8_valid_at(s, end);
			if (!k || !*s) {
				buf_reset(b);
				return;
			}
			s += k;
		}
		return;
	}
	/* the decoded bytes may not be UTF-8 */
	struct buf fixed;
	buf_init(&fixed, LIMIT_FIELD_BYTES * 2);
	const unsigned char *s = (const unsigned char *)b->data, *end = s + o;
	bool ok = true;
	while (s && s < end && ok) {
		size_t k = utf8_valid_at(s, end);
		if (k && *s) {
			ok = buf_append(&fixed, s, k);
			s += k;
		} else {
			char u[4];
			size_t un = utf8_put(cp1252_to_ucs(*s), u);
			if (*s)
				ok = buf_append(&fixed, u, un);
			s++;
		}
	}
	buf_reset(b);
	if (ok && !buf_append(b, buf_str(&fixed), fixed.len))
		(void)0;
	buf_finish(&fixed);
}

/* The captured value as plain text (title, author, category). */
static char *value_plain(struct feed_parser *p)
{
	struct capture *c = &p->cap;
	struct buf out;
	buf_init(&out, LIMIT_FIELD_BYTES);
	bool ok;
	if (c->markup)
		ok = html_to_text(buf_str(&c->html), c->html.len, &out);
	else if (c->type == TT_HTML || c->type == TT_XHTML ||
		 (c->type == TT_GUESS && html_looks_like(buf_str(&c->text), c->text.len)))
		ok = html_to_text(buf_str(&c->text), c->text.len, &out);
	else
		ok = text_collapse(buf_str(&c->text), c->text.len, &out);
	if (!ok)
		cap_overflow(p);
	if (out.len == 0) {
		buf_finish(&out);
		return NULL;
	}
	return buf_detach(&out);
}

static bool only_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

/* The captured value as an HTML fragment (summary, content). */
static char *value_html(struct feed_parser *p)
{
	struct capture *c = &p->cap;
	struct buf tmp, out;
	buf_init(&tmp, LIMIT_FIELD_BYTES * 2);
	buf_init(&out, LIMIT_FIELD_BYTES * 2);
	const char *s;
	size_t n;
	if (c->markup) {
		s = buf_str(&c->html);
		n = c->html.len;
	} else if (c->type == TT_TEXT) {
		if (!html_escape(buf_str(&c->text), c->text.len, &tmp))
			cap_overflow(p);
		s = buf_str(&tmp);
		n = tmp.len;
	} else if (html_has_stray(buf_str(&c->text), c->text.len)) {
		if (!html_escape_stray(buf_str(&c->text), c->text.len, &tmp))
			cap_overflow(p);
		s = buf_str(&tmp);
		n = tmp.len;
	} else {
		s = buf_str(&c->text);
		n = c->text.len;
	}
	char *r = NULL;
	if (only_space(s, n))
		goto out;
	const char *base = cur_base(p);
	if (base && (memmem(s, n, "href", 4) || memmem(s, n, "src", 3) || memmem(s, n, "HREF", 4) ||
		     memmem(s, n, "SRC", 3))) {
		if (!html_resolve_urls(s, n, base, &out))
			cap_overflow(p);
		r = buf_detach(&out);
	} else if (s == buf_str(&c->text) && c->text.data) {
		r = buf_detach(&c->text);
		c->text.max = LIMIT_FIELD_BYTES;
	} else if (s == buf_str(&c->html) && c->html.data) {
		r = buf_detach(&c->html);
	} else {
		r = strndup(s, n);
	}
out:
	buf_finish(&tmp);
	buf_finish(&out);
	return r;
}

static char *value_raw(struct feed_parser *p)
{
	struct capture *c = &p->cap;
	const struct buf *b = c->markup ? &c->html : &c->text;
	char *t = trim_dup(buf_str(b), b->len);
	if (t && !*t) {
		free(t);
		return NULL;
	}
	return t;
}

/* The display name of a captured person: an Atom name, else its e-mail
 * address, else the text with an address cut out ("me@x (Name)"). */
static char *value_person(struct feed_parser *p)
{
	struct capture *c = &p->cap;
	char *v = NULL;
	struct buf out;
	buf_init(&out, LIMIT_FIELD_BYTES);
	if (c->pname.len && text_collapse(buf_str(&c->pname), c->pname.len, &out) && out.len)
		v = buf_detach(&out);
	else if (c->pemail.len && text_collapse(buf_str(&c->pemail), c->pemail.len, &out) && out.len)
		v = buf_detach(&out);
	buf_finish(&out);
	if (!v)
		v = reduce_author(value_plain(p));
	return v;
}

static int64_t value_date(struct feed_parser *p, const char *what)
{
	char *s = value_raw(p);
	if (!s)
		return DATE_NONE;
	int64_t t = date_parse_feed(s);
	if (t == DATE_NONE)
		warnf(p, "line %d: %s: unparseable date \"%.60s\"", xmlSAX2GetLineNumber(p->xml), what, s);
	free(s);
	return t;
}

/* Category schemes as numbers: none, feedparser's scheme of itunes:category
 * and itunes:keywords terms, then those of the entry (scheme_id()). */
enum { SCHEME_NONE, SCHEME_ITUNES, SCHEME_OTHER };
#define SCHEME_FAILED ((unsigned)-1)

/* The number of an entry's category scheme (a domain, an Atom scheme and
 * label), or SCHEME_FAILED when out of memory. */
static unsigned scheme_id(struct feed_parser *p, const char *scheme)
{
	if (!scheme || !*scheme)
		return SCHEME_NONE;
	struct strlist *l = &p->ex.schemes;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], scheme) == 0)
			return SCHEME_OTHER + (unsigned)i;
	return strlist_push(l, scheme) ? SCHEME_OTHER + (unsigned)(l->n - 1) : SCHEME_FAILED;
}

/* Takes v (owned). A term given again with the same scheme is one
 * category, as feedparser keeps one of each (term, scheme, label): a
 * keyword repeated in itunes:keywords, an itunes:category nested in one of
 * the same name. A <category> and an itunes:category of the same term are
 * two. */
static void add_category(struct feed_parser *p, char *v, unsigned scheme)
{
	if (!v)
		return;
	struct entry_extra *ex = &p->ex;
	struct strlist *cats = &p->item.categories;
	if (!p->in_entry || cats->n >= LIMIT_ITEM_CATEGORIES || !*v || scheme == SCHEME_FAILED) {
		free(v);
		return;
	}
	for (size_t i = 0; i < cats->n; i++)
		if (ex->cat_scheme_id[i] == scheme && cats->v[i][0] == v[0] && strcmp(cats->v[i], v) == 0) {
			free(v);
			return;
		}
	ex->cat_scheme_id[cats->n] = scheme;
	if (!strlist_push_owned(cats, v))
		return;
}

/* Takes u (owned). rank 2: an HTML alternate link (the last one wins);
 * rank 1: an alternate link of another type (only when there is no other). */
static void offer_link(struct feed_parser *p, char *u, int rank, bool entry)
{
	int *cur = entry ? &p->ex.link_rank : &p->feed_link_rank;
	char **slot = entry ? &p->item.link : &p->meta.link;
	if (rank < *cur || (rank == 1 && *cur == 1)) {
		free(u);
		return;
	}
	set_str(slot, u);
	*cur = rank;
}

static void cap_finish(struct feed_parser *p)
{
	struct capture *c = &p->cap;
	if (c->base64 && !c->markup)
		base64_decode(&c->text, c->binary);
	bool entry = c->in_entry;
	struct feed_item *it = &p->item;
	switch (c->field) {
	case F_NONE:
		break;
	case F_TITLE: {
		/* feedparser: the first non-empty title of a scope stays
		 * (title then dc:title, several dc:title) */
		char **slot = entry ? &it->title : &p->meta.title;
		if (!*slot)
			*slot = value_plain(p);
		break;
	}
	case F_MEDIA_TITLE:
		if (entry)
			set_str(&p->ex.media_title, value_plain(p));
		break;
	case F_LINK: {
		const struct buf *b = c->markup ? &c->html : &c->text;
		if (!c->link_alt)
			break;
		char *v = resolve_link(cur_base(p), buf_str(b), b->len);
		if (!v || !*v) {
			free(v);
			break;
		}
		undo_double_escape(v);
		offer_link(p, v, 2, entry);
		break;
	}
	case F_ID:
		if (entry) {
			set_str(&it->id, value_raw(p));
			p->ex.id_is_atom = true;
		}
		break;
	case F_GUID:
		if (entry) {
			char *v = value_raw(p);
			set_str(&it->id, v);
			p->ex.id_is_atom = false;
			if (v && !c->not_permalink)
				set_str(&p->ex.guid_link, resolve_link(cur_base(p), v, strlen(v)));
			else
				set_str(&p->ex.guid_link, NULL);
		}
		break;
	case F_PERSON:
		if (entry) {
			char *v = value_person(p);
			/* the first author of an entry is its author (feedparser's
			 * authors[0]; a later person construct is a co-author) */
			if (v && !it->author)
				it->author = v;
			else
				free(v);
		}
		break;
	case F_INHERITED_PERSON: {
		char **slot = entry ? &p->ex.source_author : &p->feed_author;
		char *v = value_person(p);
		if (v && !*slot)
			*slot = v;
		else
			free(v);
		break;
	}
	case F_PUBLISHED:
		if (entry) {
			int64_t t = value_date(p, "published");
			if (t != DATE_NONE)
				it->published = t;
		}
		break;
	case F_CREATED:
		if (entry) {
			int64_t t = value_date(p, "created");
			if (t != DATE_NONE)
				p->ex.created = t;
		}
		break;
	case F_UPDATED:
		if (entry) {
			int64_t t = value_date(p, "updated");
			if (t != DATE_NONE)
				it->updated = t;
		}
		break;
	case F_SUMMARY:
		if (entry) {
			char *v = value_html(p);
			if (v)
				set_str(&it->summary, v);
		}
		break;
	case F_MEDIA_DESC:
		if (entry)
			set_str(&p->ex.media_desc, value_html(p));
		break;
	case F_CONTENT:
		if (entry) {
			/* the first content of an entry is its content: Atom 0.3
			 * allows several (multipart/alternative), the first is the
			 * one feedparser gives as content[0] */
			char *v = value_html(p);
			if (v && !it->content)
				it->content = v;
			else
				free(v);
		}
		break;
	case F_CATEGORY:
		add_category(p, value_plain(p), scheme_id(p, p->ex.cat_scheme));
		set_str(&p->ex.cat_scheme, NULL);
		break;
	case F_TAGS: {
		char *v = value_raw(p);
		for (char *t = v ? strtok(v, ",") : NULL; t; t = strtok(NULL, ","))
			add_category(p, trim_dup(t, strlen(t)), SCHEME_ITUNES);
		free(v);
		break;
	}
	case F_LANGUAGE:
		if (!entry)
			set_str(&p->meta.language, value_raw(p));
		break;
	}
	c->field = F_NONE;
	/* give back memory held by one huge field */
	if (c->text.cap > 1 << 20)
		buf_finish(&c->text);
	if (c->html.cap > 1 << 20)
		buf_finish(&c->html);
}

/* ------------------------------------------------------------------ */
/* items */

static void item_reset(struct feed_parser *p)
{
	feed_item_finish(&p->item);
	free(p->ex.guid_link);
	free(p->ex.media_title);
	free(p->ex.media_desc);
	free(p->ex.cat_scheme);
	free(p->ex.source_author);
	strlist_finish(&p->ex.schemes);
	memset(&p->ex, 0, sizeof p->ex);
	strlist_init(&p->ex.schemes);
	p->ex.created = DATE_NONE;
}

static void entry_start(struct feed_parser *p, const xmlChar **attrs, int nattrs)
{
	item_reset(p);
	p->in_entry = true;
	p->entry_depth = p->depth;
	char *about = attr_dup(attrs, nattrs, "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "about");
	if (about) {
		set_str(&p->item.id, trim_dup(about, strlen(about)));
		free(about);
	}
	const char *v;
	size_t vl;
	if (attr_get(attrs, nattrs, NULL, "href", &v, &vl)) {
		set_str(&p->item.link, resolve_link(cur_base(p), v, vl));
		p->ex.link_rank = p->item.link ? 2 : 0;
	}
	if (attr_get(attrs, nattrs, NULL, "lastmod", &v, &vl)) {
		char *s = strndup(v, vl);
		p->item.updated = date_parse_feed(s);
		free(s);
	}
}

static void entry_end(struct feed_parser *p)
{
	struct feed_item *it = &p->item;
	p->in_entry = false;
	if (!it->link && p->ex.guid_link) {
		it->link = p->ex.guid_link;
		p->ex.guid_link = NULL;
	}
	/* feedparser takes atom:id as the link too when there is no link;
	 * only an http(s) id is a usable link */
	if (!it->link && p->ex.id_is_atom && it->id && url_is_http(it->id))
		it->link = strdup(it->id);
	/* RFC 4287 §4.2.1: an entry without authors has those of its
	 * atom:source, else those of the feed (given before the entry: a
	 * stream cannot wait for the end of the feed) */
	if (!it->author && p->ex.source_author) {
		it->author = p->ex.source_author;
		p->ex.source_author = NULL;
	}
	if (!it->author && p->feed_author)
		it->author = strdup(p->feed_author);
	if (it->published == DATE_NONE)
		it->published = p->ex.created;
	if (!it->title && p->ex.media_title) {
		it->title = p->ex.media_title;
		p->ex.media_title = NULL;
	}
	if (!it->summary && p->ex.media_desc) {
		it->summary = p->ex.media_desc;
		p->ex.media_desc = NULL;
	}
	p->n_items++;
	if (p->cb && !p->cb(it, p->ctx)) {
		p->stopped = true;
		xmlStopParser(p->xml);
	}
	item_reset(p);
}

/* ------------------------------------------------------------------ */
/* SAX handlers */

/* Frees the sniffed head once the root element has shown the document is
 * XML; called between chunks, never while libxml2 may be reading it. */
static void release_raw(struct feed_parser *p)
{
	if (p->mode == MODE_XML && !p->keep_raw && p->raw.data)
		buf_finish(&p->raw);
}

static void detect_root(struct feed_parser *p, const char *n, const xmlChar **attrs, int nattrs,
			const xmlChar *uri, int nb_ns, const xmlChar **namespaces)
{
	p->root_seen = true;
	const char *fmt = "unknown";
	char tmp[32];
	if (strcmp(n, "rss") == 0) {
		const char *v;
		size_t vl;
		if (attr_get(attrs, nattrs, NULL, "version", &v, &vl) && vl > 0 && vl < 12) {
			snprintf(tmp, sizeof tmp, "rss%.*s", (int)vl, v);
			if (strcmp(tmp, "rss2.0.1") == 0 || strcmp(tmp, "rss2.01") == 0)
				snprintf(tmp, sizeof tmp, "rss2.0");
			fmt = tmp;
		} else {
			fmt = "rss";
		}
	} else if (strcmp(n, "rdf") == 0) {
		fmt = "rss1.0";
		for (int i = 0; i < nb_ns; i++)
			if (namespaces[2 * i + 1] &&
			    strcmp((const char *)namespaces[2 * i + 1], "http://my.netscape.com/rdf/simple/0.9/") == 0)
				fmt = "rss0.90";
	} else if (strcmp(n, "feed") == 0) {
		p->atom = true;
		if (uri && strcmp((const char *)uri, "http://www.w3.org/2005/Atom") == 0) {
			fmt = "atom1.0";
			p->atom10 = true;
		}
		else if ((uri && strcmp((const char *)uri, "http://purl.org/atom/ns#") == 0) ||
			 attr_is(attrs, nattrs, "version", "0.3"))
			fmt = "atom0.3";
		else
			fmt = "atom";
	} else if (strcmp(n, "channel") == 0) {
		fmt = "cdf";
	} else if (strcmp(n, "html") == 0) {
		fmt = "html";
	}
	set_str(&p->meta.format, strdup(fmt));
	if (strcmp(fmt, "html") == 0) {
		p->mode = MODE_HTML;
		xmlStopParser(p->xml);
		return;
	}
	/* raw is freed once the chunk being parsed is done with (the
	 * first one is parsed out of raw itself): see release_raw() */
	p->keep_raw = false;
}

static enum ttype atom_type(const xmlChar **attrs, int nattrs, bool atom, enum ttype dflt, bool *b64)
{
	const char *v;
	size_t vl;
	enum ttype t = atom ? TT_TEXT : dflt;
	if (attr_get(attrs, nattrs, NULL, "type", &v, &vl)) {
		char ty[64];
		size_t k = 0;
		while (vl && (*v == ' '))
			v++, vl--;
		for (; k < vl && k + 1 < sizeof ty && v[k] != ';' && v[k] != ' '; k++)
			ty[k] = (v[k] >= 'A' && v[k] <= 'Z') ? (char)(v[k] + 32) : v[k];
		ty[k] = '\0';
		if (strcmp(ty, "text") == 0 || strcmp(ty, "text/plain") == 0)
			t = TT_TEXT;
		else if (strcmp(ty, "html") == 0 || strcmp(ty, "text/html") == 0)
			t = TT_HTML;
		else if (strcmp(ty, "xhtml") == 0 || strcmp(ty, "application/xhtml+xml") == 0)
			t = TT_XHTML;
		else if (k > 4 && (strcmp(ty + k - 4, "+xml") == 0 || strcmp(ty + k - 4, "/xml") == 0))
			t = TT_XHTML;
		else
			t = TT_TEXT;
	}
	if (attr_get(attrs, nattrs, NULL, "mode", &v, &vl)) {
		if (vl == 6 && strncasecmp(v, "base64", 6) == 0)
			*b64 = true;
		else if (vl == 7 && strncasecmp(v, "escaped", 7) == 0 && t == TT_XHTML)
			t = TT_HTML;
		else if (vl == 3 && strncasecmp(v, "xml", 3) == 0 && t != TT_XHTML)
			t = t == TT_TEXT ? TT_TEXT : TT_XHTML;
	}
	return t;
}

/* RFC 4287 §4.1.3.3: atom:content of a media type that is neither text (text/...)
 * nor XML holds its bytes in base64 (unless it is out of line, src=). */
static bool atom_base64_type(const xmlChar **attrs, int nattrs)
{
	const char *v, *src;
	size_t vl, srcl;
	if (attr_get(attrs, nattrs, NULL, "src", &src, &srcl) || !attr_get(attrs, nattrs, NULL, "type", &v, &vl))
		return false;
	while (vl && *v == ' ')
		v++, vl--;
	size_t k = 0;
	while (k < vl && v[k] != ';' && v[k] != ' ')
		k++;
	const char *slash = memchr(v, '/', k);
	if (!slash)
		return false;	/* text, html, xhtml */
	return !(k > 5 && strncasecmp(v, "text/", 5) == 0) &&
	       !(k > 4 && (strncasecmp(v + k - 4, "+xml", 4) == 0 || strncasecmp(v + k - 4, "/xml", 4) == 0));
}

static void atom_link(struct feed_parser *p, const xmlChar **attrs, int nattrs, const char *href,
		      size_t hl)
{
	const char *v;
	size_t vl;
	bool alt = true;
	if (attr_get(attrs, nattrs, NULL, "rel", &v, &vl)) {
		char *rel = trim_dup(v, vl);
		alt = !rel || !*rel || strcasecmp(rel, "alternate") == 0 ||
		      strcasecmp(rel, "http://www.iana.org/assignments/relation/alternate") == 0;
		free(rel);
	}
	if (!alt)
		return;
	char *u = resolve_link(cur_base(p), href, hl);
	if (!u || !*u) {
		free(u);
		return;
	}
	/* feedparser: an alternate link of an HTML type (the default) is the
	 * link, the last one winning; another type only when there is none */
	int rank = 2;
	if (attr_get(attrs, nattrs, NULL, "type", &v, &vl) && vl) {
		char *ty = trim_dup(v, vl);
		if (ty && *ty && strcasecmp(ty, "text/html") != 0 &&
		    strcasecmp(ty, "application/xhtml+xml") != 0 && strcasecmp(ty, "html") != 0)
			rank = 1;
		free(ty);
	}
	offer_link(p, u, rank, p->in_entry);
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
		     int nb_namespaces, const xmlChar **namespaces, int nattrs, int nb_defaulted,
		     const xmlChar **attrs)
{
	struct feed_parser *p = ctx;
	if (p->stopped || p->mode != MODE_XML)
		return;
	if (p->depth >= LIMIT_TREE_DEPTH) {
		p->depth++;
		return;
	}
	unsigned parent = p->depth++;
	struct frame *fr = &p->stack[p->depth];
	fr->base = p->stack[parent].base;
	fr->own_base = false;
	struct elem tmp;
	const struct elem *el = elem_lookup(p, localname, prefix, uri, &tmp);
	enum ns ns = (enum ns)el->ns;
	enum elem_id e = (enum elem_id)el->id;
	const char *n = el->lname;
	fr->ns = (unsigned char)ns;

	/* xml:base */
	const char *v;
	size_t vl;
	if (attr_get(attrs, nattrs, NS_XML_URI, "base", &v, &vl)) {
		char *ref = trim_dup(v, vl);
		char *b = ref ? (fr->base ? url_resolve(fr->base, ref) : (is_absolute_url(ref) ? strdup(ref) : NULL)) : NULL;
		free(ref);
		if (b) {
			fr->base = b;
			fr->own_base = true;
		}
	}

	if (p->depth == 1) {
		detect_root(p, n, attrs, nattrs, uri, nb_namespaces, namespaces);
		if (p->mode != MODE_XML)
			return;
		if (e == E_CHANNEL && attr_get(attrs, nattrs, NULL, "href", &v, &vl))
			offer_link(p, resolve_link(cur_base(p), v, vl), 2, false);
		if (attr_get(attrs, nattrs, NS_XML_URI, "lang", &v, &vl) && vl)
			set_str(&p->meta.language, strndup(v, vl));
		return;
	}

	struct capture *c = &p->cap;
	if (c->field != F_NONE && (ns == NS_CORE || ns == NS_ATOM) && c->type != TT_XHTML &&
	    (e == E_ITEM || e == E_ENTRY)) {
		/* a field left open by an ill-formed feed: close it here */
		cap_finish(p);
	}
	if (c->field != F_NONE) {
		bool core = ns == NS_CORE || ns == NS_ATOM;
		if ((c->field == F_PERSON || c->field == F_INHERITED_PERSON) && p->depth == c->depth + 1 && core &&
		    !c->markup) {
			c->sub = e == E_NAME	   ? SUB_NAME
				 : e == E_EMAIL ? SUB_EMAIL
							   : SUB_OTHER;
			c->sub_depth = p->depth;
			return;
		}
		if (c->sub != SUB_NONE)
			return;
		cap_child_start(p, n, localname, attrs, nattrs);
		return;
	}
	if (p->block_depth) {
		if (p->block_source && p->depth == p->block_depth + 1 && e == E_AUTHOR && ns == NS_ATOM)
			cap_start(p, F_INHERITED_PERSON, TT_TEXT);
		return;
	}

	bool core = ns == NS_CORE || ns == NS_ATOM;
	bool atomish = ns == NS_ATOM || (p->atom && ns == NS_CORE);
	bool b64 = false;
	switch (ns) {
	case NS_CORE:
	case NS_ATOM:
		if (e == E_ITEM || e == E_ENTRY) {
			if (p->in_entry) {
				/* an item inside an item: the previous one was not
				 * closed (ill-formed feed); keep both */
				entry_end(p);
			}
			entry_start(p, attrs, nattrs);
			return;
		}
		if (e == E_IMAGE || e == E_TEXTINPUT ||
		    (p->in_entry && e == E_SOURCE) ||
		    (!p->in_entry && (e == E_AUTHOR || e == E_CONTRIBUTOR))) {
			if (e == E_AUTHOR && atomish && p->depth == 2) {
				cap_start(p, F_INHERITED_PERSON, TT_TEXT);
				return;
			}
			p->block_depth = p->depth;
			p->block_source = p->in_entry && e == E_SOURCE;
			return;
		}
		if (e == E_TITLE) {
			cap_start(p, F_TITLE, atom_type(attrs, nattrs, atomish, TT_GUESS, &b64));
		} else if (e == E_LINK) {
			if (attr_get(attrs, nattrs, NULL, "href", &v, &vl)) {
				atom_link(p, attrs, nattrs, v, vl);
				return;
			}
			cap_start(p, F_LINK, TT_TEXT);
			c->link_alt = true;
			if (attr_get(attrs, nattrs, NULL, "rel", &v, &vl) && vl &&
			    !(vl == 9 && strncasecmp(v, "alternate", 9) == 0))
				c->link_alt = false;
			return;
		} else if (e == E_ID) {
			cap_start(p, F_ID, TT_TEXT);
		} else if (e == E_GUID) {
			cap_start(p, F_GUID, TT_TEXT);
			c->not_permalink = attr_is(attrs, nattrs, "ispermalink", "false");
			return;
		} else if (e == E_AUTHOR) {
			cap_start(p, F_PERSON, TT_GUESS);
		} else if (e == E_PUBDATE || e == E_PUBLISHED ||
			   e == E_ISSUED) {
			cap_start(p, F_PUBLISHED, TT_TEXT);
		} else if (e == E_UPDATED || e == E_MODIFIED) {
			cap_start(p, F_UPDATED, TT_TEXT);
		} else if (e == E_DESCRIPTION) {
			/* feedparser: a description after a summary is the content */
			enum field f = p->in_entry && p->item.summary && !p->item.content ? F_CONTENT : F_SUMMARY;
			/* RSS's description is HTML, in Atom feeds too (no Atom element
			 * of that name says otherwise); a type attribute is honoured */
			cap_start(p, f, atomish ? atom_type(attrs, nattrs, false, TT_HTML, &b64) : TT_HTML);
		} else if (e == E_TAGS) {
			cap_start(p, F_TAGS, TT_TEXT);
		} else if (e == E_SUMMARY || e == E_ABSTRACT) {
			/* in RSS, a summary after a description is the content */
			enum field f = !atomish && p->in_entry && p->item.summary && !p->item.content
					       ? F_CONTENT
					       : F_SUMMARY;
			cap_start(p, f, atom_type(attrs, nattrs, atomish, TT_HTML, &b64));
		} else if (e == E_FULLITEM) {
			cap_start(p, F_CONTENT, TT_HTML);
		} else if (e == E_CONTENT) {
			cap_start(p, F_CONTENT, atom_type(attrs, nattrs, atomish, TT_HTML, &b64));
			if (p->atom10 && ns == NS_ATOM && atom_base64_type(attrs, nattrs)) {
				b64 = true;
				c->binary = true;
			}
		} else if (e == E_CATEGORY) {
			if (attr_get(attrs, nattrs, NULL, "term", &v, &vl)) {
				char *t = trim_dup(v, vl);
				/* feedparser's key is (term, scheme, label) */
				char *scheme = attr_dup(attrs, nattrs, NULL, "scheme");
				char *label = attr_dup(attrs, nattrs, NULL, "label");
				struct buf sl;
				buf_init(&sl, LIMIT_FIELD_BYTES * 2);
				if (buf_puts(&sl, scheme ? scheme : "") && buf_putc(&sl, '\x1e') &&
				    buf_puts(&sl, label ? label : ""))
					add_category(p, t, scheme_id(p, buf_str(&sl)));
				else
					free(t);
				buf_finish(&sl);
				free(scheme);
				free(label);
				return;
			}
			cap_start(p, F_CATEGORY, TT_GUESS);
			set_str(&p->ex.cat_scheme, attr_dup(attrs, nattrs, NULL, "domain"));
		} else if (e == E_LANGUAGE) {
			cap_start(p, F_LANGUAGE, TT_TEXT);
		} else {
			return;
		}
		break;
	case NS_DC:
		if (e == E_TITLE)
			cap_start(p, F_TITLE, TT_GUESS);
		else if (e == E_CREATOR || e == E_AUTHOR)
			cap_start(p, F_PERSON, TT_GUESS);
		else if (e == E_DATE)
			cap_start(p, F_UPDATED, TT_TEXT);
		else if (e == E_SUBJECT)
			cap_start(p, F_CATEGORY, TT_GUESS);
		else if (e == E_DESCRIPTION)
			cap_start(p, F_SUMMARY, TT_HTML);
		else if (e == E_LANGUAGE)
			cap_start(p, F_LANGUAGE, TT_TEXT);
		else
			return;
		break;
	case NS_DCTERMS:
		if (e == E_ISSUED)
			cap_start(p, F_PUBLISHED, TT_TEXT);
		else if (e == E_CREATED)
			cap_start(p, F_CREATED, TT_TEXT);
		else if (e == E_MODIFIED)
			cap_start(p, F_UPDATED, TT_TEXT);
		else
			return;
		break;
	case NS_CONTENT:
		if (e == E_ENCODED)
			cap_start(p, F_CONTENT, TT_HTML);
		else
			return;
		break;
	case NS_ITUNES:
		if (e == E_AUTHOR) {
			if (p->in_entry && p->item.author)
				return;
			cap_start(p, F_PERSON, TT_TEXT);
		} else if (e == E_SUMMARY) {
			if (p->in_entry && p->item.summary)
				return;
			cap_start(p, F_SUMMARY, TT_TEXT);
		} else if (e == E_CATEGORY) {
			if (attr_get(attrs, nattrs, NULL, "text", &v, &vl))
				add_category(p, trim_dup(v, vl), SCHEME_ITUNES);
			return;
		} else if (e == E_KEYWORDS) {
			cap_start(p, F_TAGS, TT_TEXT);
		} else {
			return;
		}
		break;
	case NS_MEDIA:
		if (e == E_TITLE)
			cap_start(p, F_MEDIA_TITLE, atom_type(attrs, nattrs, false, TT_TEXT, &b64));
		else if (e == E_DESCRIPTION)
			cap_start(p, F_MEDIA_DESC, atom_type(attrs, nattrs, false, TT_TEXT, &b64));
		else if (e == E_CATEGORY)
			cap_start(p, F_CATEGORY, TT_TEXT);
		else if (e == E_KEYWORDS)
			cap_start(p, F_TAGS, TT_TEXT);
		else
			return;
		break;
	case NS_XHTML:
		if (e == E_BODY) {
			cap_start(p, F_CONTENT, TT_XHTML);
			c->markup = true;
		} else {
			return;
		}
		break;
	default:
		return;
	}
	c->base64 = b64;
	(void)core;
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	struct feed_parser *p = ctx;
	if (p->stopped || p->mode != MODE_XML || p->depth == 0)
		return;
	if (p->depth > LIMIT_TREE_DEPTH) {
		p->depth--;
		return;
	}
	struct capture *c = &p->cap;
	if (c->field != F_NONE) {
		if (p->depth == c->depth) {
			cap_finish(p);
		} else if (c->sub != SUB_NONE) {
			if (p->depth == c->sub_depth)
				c->sub = SUB_NONE;
		} else if (p->depth > c->depth) {
			char n[32];
			lower(localname, n, sizeof n);
			cap_child_end(p, n, localname);
		}
	} else if (p->block_depth == p->depth) {
		p->block_depth = 0;
	} else if (p->in_entry && p->depth <= p->entry_depth) {
		entry_end(p);
	}
	struct frame *fr = &p->stack[p->depth];
	if (fr->own_base)
		free(fr->base);
	fr->own_base = false;
	fr->base = NULL;
	p->depth--;
}

static void on_chars(void *ctx, const xmlChar *ch, int len)
{
	struct feed_parser *p = ctx;
	if (p->cap.field == F_NONE || p->stopped || len <= 0)
		return;
	const char *c1 = memchr(ch, 0xC2, (size_t)len);
	if (!c1) {
		cap_append(p, (const char *)ch, (size_t)len);
		return;
	}
	/* U+0080..U+009F (from "&#146;"): windows-1252 code points meant */
	const char *s = (const char *)ch, *end = s + len, *run = s;
	for (; c1; c1 = memchr(c1 + 1, 0xC2, (size_t)(end - c1 - 1))) {
		if (c1 + 1 >= end)
			break;
		unsigned char b = (unsigned char)c1[1];
		if (b < 0x80 || b >= 0xA0)
			continue;
		char u[4];
		size_t un = utf8_put(cp1252_to_ucs(b), u);
		cap_append(p, run, (size_t)(c1 - run));
		cap_append(p, u, un);
		run = c1 + 2;
		if (run >= end)
			break;
	}
	cap_append(p, run, (size_t)(end - run));
}

/* ------------------------------------------------------------------ */
/* namespaces
 *
 * libxml2 reports SAX1 events (qualified names, xmlns declarations as plain
 * attributes); these scope the prefixes as the Namespaces in XML
 * recommendation says and hand on_start() and on_end() what libxml2's SAX2
 * interface gives: local name, prefix and URI, interned in the parser's
 * dictionary, and attributes five pointers each. The undeclared-prefix
 * errors are libxml2's wording. */

static void ns_error(struct feed_parser *p, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void ns_error(struct feed_parser *p, const char *fmt, ...)
{
	p->errors++;
	if (p->errors > LIMIT_FEED_WARNINGS)
		return;
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warnf(p, "line %d: %s (recovered)", xmlSAX2GetLineNumber(p->xml), msg);
}

/* name split at its first colon (a name with no colon, or one at either
 * end, has no prefix), remembered per interned name like struct elem. */
static const struct qname *qname_split_slow(struct feed_parser *p, const xmlChar *name, struct qname *tmp,
					     unsigned first);

static inline const struct qname *qname_split(struct feed_parser *p, const xmlChar *name, struct qname *tmp)
{
	unsigned first = ptr_slot(ptr_hash(name), QNAME_CACHE);
	/* the common case, inline: found in the first slot */
	if (p->qnames[first].name == name)
		return &p->qnames[first];
	return qname_split_slow(p, name, tmp, first);
}

static const struct qname *qname_split_slow(struct feed_parser *p, const xmlChar *name, struct qname *tmp,
					     unsigned first)
{
	struct qname *q = NULL;
	for (unsigned k = 0; k < CACHE_PROBES; k++) {
		struct qname *e = &p->qnames[(first + k) % QNAME_CACHE];
		if (e->name == name)
			return e;
		if (!e->name) {
			q = e;
			break;
		}
	}
	if (!q)
		q = &p->qnames[first];
	xmlDictPtr d = p->xml->dict;
	if (xmlDictOwns(d, name) != 1)
		q = tmp;
	q->name = name;
	q->prefix = NULL;
	q->local = name;
	const xmlChar *colon = (const xmlChar *)strchr((const char *)name, ':');
	if (colon && colon != name && colon[1]) {
		const xmlChar *prefix = xmlDictLookup(d, name, (int)(colon - name));
		const xmlChar *local = xmlDictLookup(d, colon + 1, -1);
		if (prefix && local) {
			q->prefix = prefix;
			q->local = local;
		}
	}
	if (q == tmp && q->local == name) {
		const xmlChar *local = xmlDictLookup(d, name, -1);
		if (local)
			q->local = local;
	}
	return q;
}

/* The slot of prefix (interned) in p->prefixes, added when add is set and
 * there is room; NULL otherwise. */
static struct ns_prefix *ns_slot(struct feed_parser *p, const xmlChar *prefix, bool add)
{
	for (unsigned k = 0, i = ptr_slot(ptr_hash(prefix), NS_PREFIX_SLOTS); k < NS_PREFIX_SLOTS;
	     k++, i = (i + 1) % NS_PREFIX_SLOTS) {
		struct ns_prefix *s = &p->prefixes[i];
		if (s->prefix == prefix)
			return s;
		if (!s->prefix) {
			/* three quarters full at most: probes stay short */
			if (!add || p->n_prefixes >= NS_PREFIX_SLOTS / 4 * 3)
				return NULL;
			s->prefix = prefix;
			p->n_prefixes++;
			return s;
		}
	}
	return NULL;
}

/* The URI bound to prefix (NULL: the default namespace), or NULL; *bound
 * says whether the prefix is declared at all. */
static const xmlChar *ns_lookup(struct feed_parser *p, const xmlChar *prefix, bool *bound)
{
	if (!prefix) {
		*bound = true;
		return p->default_uri;
	}
	if (prefix == p->str_xml) {
		/* bound by definition */
		*bound = true;
		return (const xmlChar *)NS_XML_URI;
	}
	const struct ns_prefix *s = ns_slot(p, prefix, false);
	*bound = s && s->bound;
	return s && s->bound ? s->uri : NULL;
}

/* Binds prefix to uri (a value libxml2 frees after the event) for the
 * element being opened. */
static void ns_bind(struct feed_parser *p, const xmlChar *prefix, const xmlChar *uri)
{
	if (p->nsb_n >= LIMIT_FEED_NS_BINDINGS)
		return;
	if (p->nsb_n == p->nsb_cap) {
		size_t cap = p->nsb_cap ? p->nsb_cap * 2 : 32;
		struct ns_binding *nb = realloc(p->nsb, cap * sizeof *nb);
		if (!nb)
			return;
		p->nsb = nb;
		p->nsb_cap = cap;
	}
	if (!*uri && prefix) {
		ns_error(p, "xmlns:%s: Empty XML namespace is not allowed", (const char *)prefix);
		return;
	}
	struct ns_prefix *s = prefix ? ns_slot(p, prefix, true) : NULL;
	if (prefix && !s)
		return;
	const xmlChar *cur = prefix ? (s->bound ? s->uri : NULL) : p->default_uri;
	const xmlChar *u = NULL;
	if (*uri) {
		/* feeds redeclare the same few URIs on every item: the
		 * string as already interned and checked */
		if (cur && strcmp((const char *)cur, (const char *)uri) == 0)
			u = cur;
		for (unsigned i = 0; !u && i < NS_RECENT; i++)
			if (p->ns_recent[i] && strcmp((const char *)p->ns_recent[i], (const char *)uri) == 0)
				u = p->ns_recent[i];
		if (!u) {
			/* a new URI: checked as libxml2's SAX2 parser does */
			xmlURIPtr parsed = xmlParseURI((const char *)uri);
			if (!parsed && prefix)
				ns_error(p, "xmlns:%s: '%s' is not a valid URI", (const char *)prefix,
					 (const char *)uri);
			else if (!parsed)
				ns_error(p, "xmlns: '%s' is not a valid URI", (const char *)uri);
			xmlFreeURI(parsed);
			if (!(u = xmlDictLookup(p->xml->dict, uri, -1)))
				return;
			p->ns_recent[p->ns_recent_next++ % NS_RECENT] = u;
		}
	}
	struct ns_binding *b = &p->nsb[p->nsb_n++];
	b->prefix = prefix;
	b->uri = u;
	b->prev_uri = cur;
	if (prefix) {
		b->prev_bound = s->bound;
		s->uri = u;
		s->bound = true;
	} else {
		b->prev_bound = true;
		p->default_uri = u;
	}
}

/* Undoes the bindings after the first `mark`, innermost first. */
static void ns_unbind(struct feed_parser *p, size_t mark)
{
	while (p->nsb_n > mark) {
		const struct ns_binding *b = &p->nsb[--p->nsb_n];
		if (!b->prefix) {
			p->default_uri = b->prev_uri;
			continue;
		}
		struct ns_prefix *s = ns_slot(p, b->prefix, false);
		if (s) {
			s->uri = b->prev_uri;
			s->bound = b->prev_bound;
		}
	}
}

static void ns_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct feed_parser *p = ctx;
	if (p->stopped || p->mode != MODE_XML)
		return;
	unsigned depth = ++p->ns_depth;
	bool scoped = depth <= LIMIT_TREE_DEPTH + 1;
	if (scoped)
		p->nsb_mark[depth] = p->nsb_n;
	if (!p->str_xmlns) {
		p->str_xml = xmlDictLookup(p->xml->dict, (const xmlChar *)"xml", 3);
		p->str_xmlns = xmlDictLookup(p->xml->dict, (const xmlChar *)"xmlns", 5);
	}
	/* first the declarations: an attribute may use a prefix declared
	 * after it on the same element */
	size_t natts = 0;
	for (const xmlChar **a = atts; a && a[0]; a += 2)
		natts++;
	size_t need = 7 * natts + 1;
	if (need > p->attrs5_cap) {
		const xmlChar **na = realloc(p->attrs5, need * sizeof *na);
		if (!na)
			natts = 0;
		else {
			p->attrs5 = na;
			p->attrs5_cap = need;
		}
	}
	/* p->attrs5: [0, 2*natts) namespaces (prefix, URI) of this element's
	 * declarations, then attributes (local, prefix, URI, value, end) */
	const xmlChar **decl = p->attrs5, **attrs = p->attrs5 + 2 * natts;
	size_t nd = 0, na = 0;
	for (size_t i = 0; i < natts; i++) {
		struct qname tmp;
		const struct qname *q = qname_split(p, atts[2 * i], &tmp);
		const xmlChar *v = atts[2 * i + 1] ? atts[2 * i + 1] : (const xmlChar *)"";
		if (q->prefix == p->str_xmlns || (!q->prefix && q->local == p->str_xmlns)) {
			const xmlChar *prefix = q->prefix ? q->local : NULL;
			if (scoped) {
				size_t before = p->nsb_n;
				ns_bind(p, prefix, v);
				if (p->nsb_n > before) {
					decl[2 * nd] = prefix;
					decl[2 * nd + 1] = p->nsb[before].uri;
					nd++;
				}
			}
			continue;
		}
		/* keep the split for the second pass */
		attrs[5 * na] = q->local;
		attrs[5 * na + 1] = q->prefix;
		attrs[5 * na + 3] = v;
		na++;
	}
	struct qname etmp;
	const struct qname *eq = qname_split(p, name, &etmp);
	for (size_t i = 0; i < na; i++) {
		const xmlChar *prefix = attrs[5 * i + 1], *uri = NULL;
		if (prefix) {
			bool bound;
			uri = ns_lookup(p, prefix, &bound);
			if (!bound)
				ns_error(p, "Namespace prefix %s for %s on %s is not defined",
					 (const char *)prefix, (const char *)attrs[5 * i], (const char *)eq->local);
		}
		attrs[5 * i + 2] = uri;
		attrs[5 * i + 4] = attrs[5 * i + 3] + strlen((const char *)attrs[5 * i + 3]);
	}
	bool bound;
	const xmlChar *uri = ns_lookup(p, eq->prefix, &bound);
	if (eq->prefix && !bound)
		ns_error(p, "Namespace prefix %s on %s is not defined", (const char *)eq->prefix,
			 (const char *)eq->local);
	if (scoped) {
		struct open_name *o = &p->open[depth];
		o->local = eq->local;
		o->prefix = eq->prefix;
		o->uri = uri;
	}
	on_start(p, eq->local, eq->prefix, uri, (int)nd, decl, (int)na, 0, attrs);
}

static void ns_end(void *ctx, const xmlChar *name)
{
	struct feed_parser *p = ctx;
	if (p->ns_depth == 0)
		return;
	if (!p->stopped && p->mode == MODE_XML) {
		if (p->ns_depth <= LIMIT_TREE_DEPTH + 1) {
			/* libxml2 ends the innermost open element: the one
			 * ns_start() resolved at this depth */
			const struct open_name *o = &p->open[p->ns_depth];
			on_end(p, o->local, o->prefix, o->uri);
		} else {
			struct qname tmp;
			const struct qname *q = qname_split(p, name, &tmp);
			bool bound;
			on_end(p, q->local, q->prefix, ns_lookup(p, q->prefix, &bound));
		}
	}
	if (p->ns_depth <= LIMIT_TREE_DEPTH + 1)
		ns_unbind(p, p->nsb_mark[p->ns_depth]);
	p->ns_depth--;
}


static xmlEntityPtr entity_make(struct feed_parser *p, const xmlChar *name, const char *content,
				bool declared)
{
	if (p->n_ents >= LIMIT_FEED_ENTITIES)
		return NULL;
	struct owned_entity *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	e->ent.type = XML_ENTITY_DECL;
	e->ent.etype = XML_INTERNAL_PREDEFINED_ENTITY;
	e->ent.name = xmlStrdup(name);
	e->ent.content = xmlStrdup((const xmlChar *)content);
	e->ent.length = (int)strlen(content);
	e->declared = declared;
	if (!e->ent.name || !e->ent.content) {
		xmlFree((xmlChar *)e->ent.name);
		xmlFree(e->ent.content);
		free(e);
		return NULL;
	}
	p->ents[p->n_ents++] = e;
	return &e->ent;
}

static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name)
{
	struct feed_parser *p = ctx;
	for (size_t i = 0; i < p->n_ents; i++)
		if (xmlStrEqual(p->ents[i]->ent.name, name))
			return &p->ents[i]->ent;
	size_t nl = strlen((const char *)name);
	uint32_t cp = html_entity_lookup((const char *)name, nl);
	char tmp[80];
	if (cp) {
		size_t k = utf8_put(cp, tmp);
		tmp[k] = '\0';
	} else if (nl + 3 <= sizeof tmp) {
		snprintf(tmp, sizeof tmp, "&%s;", (const char *)name);
	} else {
		return NULL;
	}
	return entity_make(p, name, tmp, false);
}

/* Internal-subset entities: kept only when their value is plain text, so
 * nothing can expand into more references (no bombs). */
static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
			   const xmlChar *systemId, xmlChar *content)
{
	struct feed_parser *p = ctx;
	if (type != XML_INTERNAL_GENERAL_ENTITY || !content || !name)
		return;
	size_t n = strlen((const char *)content);
	if (n > LIMIT_FEED_ENTITY_BYTES || strpbrk((const char *)content, "&<%"))
		return;
	for (size_t i = 0; i < p->n_ents; i++)
		if (xmlStrEqual(p->ents[i]->ent.name, name))
			return;
	if (html_entity_lookup((const char *)name, strlen((const char *)name)))
		return;
	(void)entity_make(p, name, (const char *)content, true);
}

static void on_error(void *ctx, xmlErrorPtr err)
{
	struct feed_parser *p = ctx;
	if (!err || err->level == XML_ERR_WARNING)
		return;
	p->errors++;
	if (p->errors > LIMIT_FEED_WARNINGS)
		return;
	char msg[200];
	snprintf(msg, sizeof msg, "%s", err->message ? err->message : "error");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	warnf(p, "line %d: %s (recovered)", err->line, msg);
}

/* libxml2's SAX1 error callback: the same error, as __xmlRaiseError() has
 * just stored it in the parser's lastError before calling. */
static void on_error1(void *ctx, const char *msg, ...)
{
	struct feed_parser *p = ctx;
	(void)msg;
	if (p->xml)
		on_error(p, &p->xml->lastError);
}

/* ------------------------------------------------------------------ */
/* decoding to UTF-8 */

/* libxml2 is given at most this much at a time. Its push parser keeps a
 * buffer it appends each chunk to, moves what is left of it to the front and
 * looks ahead for the end of each construct; with 64 KiB chunks that cost 2%
 * (5 MB feed) to 3% (74-file corpus) more instructions than with pieces of
 * 5 to 7.5 KB (callgrind; 2 to 4 KiB and 8 KiB do worse). Its pull parser
 * (xmlCreateIOParserCtxt) does no better on the 5 MB feed and 3% worse on the
 * corpus: it reads CDATA sections one character at a time. */
#define XML_PIECE 7000

static bool xml_feed(struct feed_parser *p, const char *s, size_t n, bool final)
{
	if (!p->xml || p->stopped || p->mode != MODE_XML)
		return true;
	while (n > XML_PIECE && !p->stopped) {
		xmlParseChunk(p->xml, s, XML_PIECE, 0);
		s += XML_PIECE;
		n -= XML_PIECE;
	}
	if (!p->stopped)
		xmlParseChunk(p->xml, s, (int)n, final);
	return true;
}

/* Bytes push_utf8() must look at: C0 controls but tab, LF and CR; '&';
 * every byte of a multi-byte sequence. */
static const unsigned char special_byte[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* ASCII bytes of an XML name (entity references). */
static const unsigned char name_byte[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Writes "&#N;" for code point cp (at most 12 bytes) into out; returns its
 * length. (snprintf cost a fifth of the prepass on escaped-HTML feeds.) */
static size_t char_ref(uint32_t cp, char out[16])
{
	char d[10];
	size_t nd = 0, n = 0;
	do {
		d[nd++] = (char)('0' + cp % 10);
		cp /= 10;
	} while (cp && nd < sizeof d);
	out[n++] = '&';
	out[n++] = '#';
	while (nd)
		out[n++] = d[--nd];
	out[n++] = ';';
	return n;
}

#ifdef __SSE2__
/* Bit k set when s[k] (k < 16) is a byte push_utf8() must look at (see
 * special_byte). */
static inline unsigned special_mask16(const unsigned char *s)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i ctl = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)); /* signed: also >= 0x80 */
	__m128i ws = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\t')),
					       _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
				  _mm_cmpeq_epi8(v, _mm_set1_epi8('\r')));
	__m128i amp = _mm_cmpeq_epi8(v, _mm_set1_epi8('&'));
	return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_andnot_si128(ws, ctl), amp));
}
#endif

/* The first "<![CDATA[" or "]]>" (m, of length ml) in [from, end), or NULL.
 * memchr() looks for m[k], a byte that is rare in feeds ('[' or ']'), then
 * the rest is compared: several times cheaper than memmem(). */
static const unsigned char *find_marker(const unsigned char *from, const unsigned char *end, const char *m,
					size_t ml, size_t k)
{
	if (end - from < (ptrdiff_t)ml)
		return NULL;
	const unsigned char *q = from + k;
	while (end - q >= (ptrdiff_t)(ml - k)) {
		q = memchr(q, m[k], (size_t)(end - q));
		if (!q || end - q < (ptrdiff_t)(ml - k))
			return NULL;
		if (memcmp(q - k, m, ml) == 0)
			return q - k;
		q++;
	}
	return NULL;
}

/* Whether position `at` of the chunk [s, end) lies in a CDATA section.
 * The state (p->in_cdata) is known up to *known; *mark caches the next
 * "<![CDATA[" or "]]>" after it (NULL: not searched yet), so the chunk is
 * scanned once however many '&' it holds. Markers split across chunks are
 * missed (the parser itself still reads them right). */
static bool cdata_at(struct feed_parser *p, const unsigned char *s, const unsigned char *end,
		     const unsigned char **known, const unsigned char **mark, const unsigned char *at)
{
	(void)s;
	while (*known < at) {
		if (!*mark) {
			const unsigned char *m = p->in_cdata ? find_marker(*known, end, "]]>", 3, 0)
							     : find_marker(*known, end, "<![CDATA[", 9, 2);
			*mark = m ? m : end + 1;
		}
		if (*mark >= at) {
			*known = at;
			break;
		}
		*known = *mark + (p->in_cdata ? 3 : 9);
		p->in_cdata = !p->in_cdata;
		*mark = NULL;
	}
	return p->in_cdata;
}

/* Validates UTF-8 chunk s; invalid bytes become their windows-1252
 * character, XML-invalid control characters are dropped. An incomplete
 * sequence at the end waits in pend for the next chunk unless final. */
static bool push_utf8(struct feed_parser *p, const unsigned char *s, size_t n, bool final)
{
	const unsigned char *end = s + n;
	const unsigned char *run = s, *i = s;
	const unsigned char *known = s, *mark = NULL;
	bool copied = false;
	buf_reset(&p->dec);
	while (i < end) {
#ifdef __SSE2__
		/* sixteen bytes at a time: straight to the first byte that is
		 * >= 0x80, '&' or a control other than tab, LF, CR */
		if (end - i >= 16) {
			unsigned m = special_mask16(i);
			if (!m) {
				i += 16;
				continue;
			}
			i += __builtin_ctz(m);
		} else
#endif
		/* eight bytes at a time while none is >= 0x80, < 0x20 or '&' */
		if (end - i >= 8) {
			uint64_t w, x;
			memcpy(&w, i, 8);
			x = w ^ 0x2626262626262626ull;
			if (((w | ((w - 0x2020202020202020ull) & ~w) | ((x - 0x0101010101010101ull) & ~x)) &
			     0x8080808080808080ull) == 0) {
				i += 8;
				continue;
			}
		}
		const unsigned char *stop = end - i > 8 ? i + 8 : end;
		while (i < stop && !special_byte[*i])
			i++;
		if (i >= stop)
			continue;
		unsigned char c = *i;
		/* common valid 2- and 3-byte sequences, inline */
		if (c >= 0xC2 && c <= 0xDF && end - i >= 2 && (i[1] & 0xC0) == 0x80 && (c != 0xC2 || i[1] >= 0xA0)) {
			i += 2;
			continue;
		}
		if (c >= 0xE1 && c <= 0xEC && end - i >= 3 && (i[1] & 0xC0) == 0x80 && (i[2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		if (c == '&') {
			/* inside a CDATA section '&' is text: leave it */
			if (cdata_at(p, s, end, &known, &mark, i)) {
				i++;
				continue;
			}
			/* "&#X41;" (upper-case X) is not XML; HTML readers take it */
			if (end - i >= 3 && i[1] == '#' && i[2] == 'X') {
				if (!buf_append(&p->dec, run, (size_t)(i - run)) || !buf_puts(&p->dec, "&#x"))
					return false;
				copied = true;
				i += 3;
				run = i;
				continue;
			}
			/* a bare '&' ("AT&T", "?a=1&b=2") is text, as readers show it;
			 * libxml2 would drop it */
			const unsigned char *j = i + 1;
			while (j < end && j - i < 40 && (name_byte[*j] || *j >= 0x80))
				j++;
			if (j >= end && !final && end - i < (ptrdiff_t)sizeof p->pend8) {
				/* the reference may go on in the next chunk */
				memcpy(p->pend8, i, (size_t)(end - i));
				p->npend8 = (size_t)(end - i);
				end = i;
				break;
			}
			if (j < end && j - i < 40 && (*j != ';' || j == i + 1) && i[1] != '#') {
				if (!buf_append(&p->dec, run, (size_t)(i - run)) || !buf_puts(&p->dec, "&#38;"))
					return false;
				copied = true;
				i++;
				run = i;
				continue;
			}
			/* named references become character references: libxml2
			 * 2.9 drops every named reference once it has met an
			 * error (even &amp;), character references it keeps */
			uint32_t cp = 0;
			if (j < end && *j == ';' && i[1] != '#') {
				size_t nl = (size_t)(j - i - 1);
				const char *nm = (const char *)i + 1;
				if (nl == 3 && memcmp(nm, "amp", 3) == 0)
					cp = '&';
				else if (nl == 2 && memcmp(nm, "lt", 2) == 0)
					cp = '<';
				else if (nl == 2 && memcmp(nm, "gt", 2) == 0)
					cp = '>';
				else if (nl == 4 && memcmp(nm, "quot", 4) == 0)
					cp = '"';
				else if (nl == 4 && memcmp(nm, "apos", 4) == 0)
					cp = '\'';
				else
					cp = html_entity_lookup(nm, nl);
			}
			if (cp) {
				char ref[16];
				size_t rn = char_ref(cp, ref);
				if (!buf_append(&p->dec, run, (size_t)(i - run)) || !buf_append(&p->dec, ref, rn))
					return false;
				copied = true;
				i = j + 1;
				run = i;
				continue;
			}
			i++;
			continue;
		}
		if (c >= 0x80) {
			size_t k = utf8_valid_at(i, end);
			if (k == 2 && c == 0xC2 && i[1] < 0xA0) {
				/* U+0080..U+009F: windows-1252 bytes wrongly converted
				 * from ISO-8859-1 ("demoronise" them, as feedparser) */
				char u[4];
				size_t un = utf8_put(cp1252_to_ucs(i[1]), u);
				if (!buf_append(&p->dec, run, (size_t)(i - run)) || !buf_append(&p->dec, u, un))
					return false;
				copied = true;
				i += 2;
				run = i;
				continue;
			}
			if (k) {
				/* U+FFFE and U+FFFF are not XML characters */
				if (k == 3 && c == 0xEF && i[1] == 0xBF && (i[2] == 0xBE || i[2] == 0xBF))
					k = 0;
				else {
					i += k;
					continue;
				}
			}
			if (!final && end - i < 4 && c >= 0xC2 && c <= 0xF4) {
				size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
				bool prefix = (size_t)(end - i) < need;
				for (const unsigned char *q = i + 1; q < end; q++)
					if ((*q & 0xC0) != 0x80)
						prefix = false;
				if (prefix) {
					memcpy(p->pend8, i, (size_t)(end - i));
					p->npend8 = (size_t)(end - i);
					end = i;
					break;
				}
			}
			char u[4];
			size_t un = utf8_put(cp1252_to_ucs(c), u);
			if (!buf_append(&p->dec, run, (size_t)(i - run)) || !buf_append(&p->dec, u, un))
				return false;
			copied = true;
			i++;
			run = i;
			continue;
		}
		/* a C0 control character: not allowed in XML 1.0 */
		if (!buf_append(&p->dec, run, (size_t)(i - run)))
			return false;
		copied = true;
		i++;
		run = i;
	}
	(void)cdata_at(p, s, end, &known, &mark, end);
	if (!copied)
		return xml_feed(p, (const char *)s, (size_t)(end - s), final);
	if (!buf_append(&p->dec, run, (size_t)(end - run)))
		return false;
	return xml_feed(p, buf_str(&p->dec), p->dec.len, final);
}

/* push_utf8() after what the previous chunk left over. */
static bool push_utf8_stage(struct feed_parser *p, const unsigned char *s, size_t n, bool final)
{
	if (!p->npend8)
		return push_utf8(p, s, n, final);
	buf_reset(&p->join8);
	if (!buf_append(&p->join8, p->pend8, p->npend8) || !buf_append(&p->join8, s, n))
		return false;
	p->npend8 = 0;
	return push_utf8(p, (const unsigned char *)buf_str(&p->join8), p->join8.len, final);
}

static bool push_decoded(struct feed_parser *p, const unsigned char *s, size_t n, bool final)
{
	if (p->enc == ENC_UTF8)
		return push_utf8_stage(p, s, n, final);
	if (p->enc == ENC_1252) {
		buf_reset(&p->join);
		for (size_t i = 0; i < n; i++) {
			unsigned char c = s[i];
			if (c < 0x80) {
				if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') ||
				    !buf_putc(&p->join, (char)c)) {
					if (c < 0x20)
						continue;
					return false;
				}
				continue;
			}
			char u[4];
			size_t un = utf8_put(cp1252_to_ucs(c), u);
			if (!buf_append(&p->join, u, un))
				return false;
		}
		return push_utf8_stage(p, (const unsigned char *)buf_str(&p->join), p->join.len, final);
	}
	/* iconv */
	struct buf in;
	buf_init(&in, LIMIT_FEED_BYTES * 4);
	if (!buf_append(&in, p->pend, p->npend) || !buf_append(&in, s, n)) {
		buf_finish(&in);
		return false;
	}
	p->npend = 0;
	char *ip = in.data;
	size_t il = in.len;
	buf_reset(&p->join);
	while (il > 0) {
		char out[8192];
		char *op = out;
		size_t ol = sizeof out;
		size_t r = iconv(p->cd, &ip, &il, &op, &ol);
		if (!buf_append(&p->join, out, sizeof out - ol))
			break;
		if (r != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !final && il < sizeof p->pend) {
			memcpy(p->pend, ip, il);
			p->npend = il;
			break;
		}
		/* invalid or truncated input: one replacement character */
		if (!buf_puts(&p->join, "\xEF\xBF\xBD"))
			break;
		ip++;
		il--;
	}
	buf_finish(&in);
	/* iconv's output is UTF-8, but may carry XML-invalid characters */
	return push_utf8_stage(p, (const unsigned char *)buf_str(&p->join), p->join.len, final);
}

/* ------------------------------------------------------------------ */
/* sniffing */

static bool enc_is(const char *e, const char *const *names)
{
	for (; *names; names++)
		if (strcasecmp(e, *names) == 0)
			return true;
	return false;
}

/* The charset parameter of a Content-Type header, into out. */
static bool http_charset(const char *ct, char *out, size_t n)
{
	if (!ct)
		return false;
	const char *c = strcasestr(ct, "charset=");
	if (!c)
		return false;
	c += 8;
	if (*c == '"' || *c == '\'')
		c++;
	size_t k = 0;
	while (c[k] && c[k] != '"' && c[k] != '\'' && c[k] != ';' && c[k] != ' ' && k + 1 < n) {
		out[k] = c[k];
		k++;
	}
	out[k] = '\0';
	return k > 0;
}

/* encoding="…" of an XML declaration at the start of s. */
static bool decl_encoding(const char *s, size_t n, char *out, size_t on)
{
	if (n < 5 || memcmp(s, "<?xml", 5) != 0)
		return false;
	const char *end = memmem(s, n, "?>", 2);
	if (!end)
		end = s + n;
	const char *e = memmem(s, (size_t)(end - s), "encoding", 8);
	if (!e)
		return false;
	e += 8;
	while (e < end && (*e == ' ' || *e == '=' || *e == '\t'))
		e++;
	if (e >= end || (*e != '"' && *e != '\''))
		return false;
	char q = *e++;
	size_t k = 0;
	while (e + k < end && e[k] != q && k + 1 < on) {
		out[k] = e[k];
		k++;
	}
	out[k] = '\0';
	return k > 0;
}

static const char *const utf8_names[] = {"utf-8", "utf8", "unicode-1-1-utf-8", NULL};
static const char *const latin_names[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1",
					  "iso_8859-1", "us-ascii", "ascii", "windows-1252",
					  "cp1252", "x-cp1252", "iso-ir-100", "cp819", NULL};
static const char *const wide_names[] = {"utf-16", "utf-16le", "utf-16be", "utf-32", "utf-32le",
					 "utf-32be", "ucs-2", "ucs-4", "utf16", "utf32", NULL};

static bool choose_iconv(struct feed_parser *p, const char *name)
{
	/* names feeds use that glibc's iconv knows under another */
	static const struct {
		const char *alias, *name;
	} aliases[] = {
		{"macroman", "MACINTOSH"},	    {"mac-roman", "MACINTOSH"},
		{"x-mac-roman", "MACINTOSH"},	    {"mac_roman", "MACINTOSH"},
		{"maccentraleurope", "MAC-CENTRALEUROPE"}, {"x-mac-ce", "MAC-CENTRALEUROPE"},
		{"mac_latin2", "MAC-CENTRALEUROPE"}, {"x-mac-cyrillic", "MAC-CYRILLIC"},
		{"x-euc-jp", "EUC-JP"},
		/* the WHATWG Encoding Standard's decoders for labels whose
		 * glibc namesakes are narrower: Big5 is Big5-HKSCS, GBK and
		 * GB2312 are GB18030, EUC-KR is windows-949, Shift_JIS is
		 * windows-31J (ASCII below 0x80: glibc's SHIFT_JIS reads "~" as
		 * U+203E and the backslash as U+00A5, breaking URLs) */
		{"shift_jis", "CP932"},		    {"shift-jis", "CP932"},
		{"sjis", "CP932"},		    {"x-sjis", "CP932"},
		{"ms_kanji", "CP932"},		    {"csshiftjis", "CP932"},
		{"windows-31j", "CP932"},	    {"ms932", "CP932"},
		{"big5", "BIG5-HKSCS"},		    {"x-x-big5", "BIG5-HKSCS"},
		{"cn-big5", "BIG5-HKSCS"},	    {"csbig5", "BIG5-HKSCS"},
		{"gb2312", "GB18030"},		    {"gbk", "GB18030"},
		{"x-gbk", "GB18030"},		    {"euc-kr", "CP949"},
		{"ks_c_5601-1987", "CP949"},	    {"x-euc-kr", "CP949"},
		{"tis-620", "TIS-620"},		    {"windows-874", "CP874"},
	};
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcasecmp(name, aliases[i].alias) == 0)
			name = aliases[i].name;
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return false;
	p->cd = cd;
	p->enc = ENC_ICONV;
	return true;
}

static void start_xml(struct feed_parser *p);

/* Decides the kind of document and its encoding from its first bytes. */
static bool start_stream(struct feed_parser *p, bool final)
{
	const unsigned char *s = (const unsigned char *)buf_str(&p->raw);
	size_t n = p->raw.len, skip = 0;
	const char *wide = NULL;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		skip = 3;
	else if (n >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)
		wide = "UTF-32LE", skip = 4;
	else if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)
		wide = "UTF-32BE", skip = 4;
	else if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		wide = "UTF-16LE", skip = 2;
	else if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		wide = "UTF-16BE", skip = 2;
	else if (n >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] != 0)
		wide = "UTF-32BE";
	else if (n >= 4 && s[0] != 0 && s[1] == 0 && s[2] == 0 && s[3] == 0)
		wide = "UTF-32LE";
	else if (n >= 2 && s[0] == 0 && s[1] != 0)
		wide = "UTF-16BE";
	else if (n >= 2 && s[0] != 0 && s[1] == 0)
		wide = "UTF-16LE";

	p->enc = ENC_UTF8;
	if (wide) {
		if (!choose_iconv(p, wide)) {
			set_error(p, "cannot decode UTF-16/32 input (iconv)");
			return false;
		}
	} else {
		/* first significant byte: JSON Feed or markup */
		size_t i = skip;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		if (i < n && s[i] == '{') {
			p->mode = MODE_JSON;
			return true;
		}
		/* text before the markup (a server's warning, a BOM read as
		 * windows-1252 and saved again as UTF-8): skipped, as browsers
		 * and feedparser's loose parser do */
		const unsigned char *lt = i < n && s[i] != '<' ? memchr(s + i, '<', n - i) : NULL;
		if (lt) {
			warnf(p, "text before the first tag skipped (%zu bytes)", (size_t)(lt - s) - i);
			i = skip = (size_t)(lt - s);
		}
		char cs[64];
		bool have = false;
		if (!skip && http_charset(p->content_type, cs, sizeof cs))
			have = true;
		else if (!skip && decl_encoding((const char *)s + i, n - i, cs, sizeof cs))
			have = true;
		if (have && !enc_is(cs, utf8_names)) {
			if (enc_is(cs, latin_names))
				p->enc = ENC_1252;
			else if (enc_is(cs, wide_names))
				warnf(p, "declared encoding %s does not match the bytes; read as UTF-8", cs);
			else if (!choose_iconv(p, cs))
				warnf(p, "unknown encoding %s; read as UTF-8", cs);
		}
		/* an HTML page rather than a feed? */
		size_t j = i;
		for (;;) {
			while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
				j++;
			if (j + 4 <= n && memcmp(s + j, "<!--", 4) == 0) {
				const char *e = memmem(s + j, n - j, "-->", 3);
				if (!e)
					break;
				j = (size_t)((const unsigned char *)e - s) + 3;
				continue;
			}
			if (j + 2 <= n && s[j] == '<' && (s[j + 1] == '?' || s[j + 1] == '!')) {
				const char *e = memchr(s + j, '>', n - j);
				if (!e)
					break;
				j = (size_t)((const unsigned char *)e - s) + 1;
				continue;
			}
			break;
		}
		if (j + 5 <= n && strncasecmp((const char *)s + j, "<html", 5) == 0 &&
		    (j + 5 == n || s[j + 5] == '>' || s[j + 5] == ' ' || s[j + 5] == '\n' ||
		     s[j + 5] == '\r' || s[j + 5] == '\t')) {
			p->mode = MODE_HTML;
			set_str(&p->meta.format, strdup("html"));
			return true;
		}
	}
	/* text between the XML declaration (or a leading comment) and the root
	 * element: skipped like text before it */
	size_t junk = n, resume = n;
	if (!wide) {
		size_t j = skip;
		for (;;) {
			while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r'))
				j++;
			if (j + 1 < n && s[j] == '<' && (s[j + 1] == '?' || s[j + 1] == '!')) {
				bool comment = j + 4 <= n && memcmp(s + j, "<!--", 4) == 0;
				if (s[j + 1] == '!' && !comment) {
					j = n; /* a DOCTYPE: its subset may hold '>'; no skipping after it */
					break;
				}
				const char *e = comment ? memmem(s + j, n - j, "-->", 3) : memchr(s + j, '>', n - j);
				if (!e)
					break;
				j = (size_t)((const unsigned char *)e - s) + (comment ? 3 : 1);
				continue;
			}
			break;
		}
		const unsigned char *lt = j < n && s[j] != '<' ? memchr(s + j, '<', n - j) : NULL;
		if (lt) {
			warnf(p, "text before the root element skipped (%zu bytes)", (size_t)(lt - s) - j);
			junk = j;
			resume = (size_t)(lt - s);
		}
	}
	p->mode = MODE_XML;
	p->keep_raw = true;
	start_xml(p);
	if (!p->xml) {
		set_error(p, "cannot create the XML parser");
		return false;
	}
	if (junk < n)
		return push_decoded(p, s + skip, junk - skip, false) &&
		       push_decoded(p, s + resume, n - resume, final);
	return push_decoded(p, s + skip, n - skip, final);
}

static void start_xml(struct feed_parser *p)
{
	xmlSAXHandler *sax = &p->sax;
	memset(sax, 0, sizeof *sax);
	/* SAX1 events: libxml2 then does no namespace processing of its own,
	 * which is a sixth of its work on the 5 MB benchmark feed (every xmlns
	 * value is parsed as a URI); ns_start() scopes the prefixes instead.
	 * SAX1 has no structured error callback: on_error1() reads the error
	 * libxml2 has just recorded. */
	sax->initialized = 1;
	sax->startElement = ns_start;
	sax->endElement = ns_end;
	sax->error = on_error1;
	sax->characters = on_chars;
	sax->cdataBlock = on_chars;
	sax->getEntity = on_get_entity;
	sax->entityDecl = on_entity_decl;
	p->xml = xmlCreatePushParserCtxt(sax, p, NULL, 0, p->src_url);
	if (!p->xml)
		return;
	xmlCtxtUseOptions(p->xml, XML_PARSE_RECOVER | XML_PARSE_NONET | XML_PARSE_NOWARNING |
					  XML_PARSE_IGNORE_ENC | XML_PARSE_NOCDATA);
	/* No external subset. replaceEntities only makes libxml2 give attribute
	 * values decoded ("&amp;" as "&", not "&#38;"): getEntity() never
	 * returns an external or markup-holding entity, so nothing is loaded
	 * or expanded beyond plain text. */
	p->xml->replaceEntities = 1;
	p->xml->loadsubset = 0;
	p->xml->validate = 0;
}

/* ------------------------------------------------------------------ */
/* public API */

struct feed_parser *feed_parser_create(const struct feed_source *src, feed_item_cb cb, void *ctx)
{
	struct feed_parser *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->cb = cb;
	p->ctx = ctx;
	if (src && src->url && !(p->src_url = strdup(src->url)))
		goto fail;
	if (src && src->content_type && !(p->content_type = strdup(src->content_type)))
		goto fail;
	if (!(p->elems = calloc(ELEM_CACHE, sizeof *p->elems)) ||
	    !(p->qnames = calloc(QNAME_CACHE, sizeof *p->qnames)) ||
	    !(p->prefixes = calloc(NS_PREFIX_SLOTS, sizeof *p->prefixes)))
		goto fail;
	strlist_init(&p->meta.warnings);
	strlist_init(&p->meta.advertised);
	strlist_init(&p->item.categories);
	p->item.published = p->item.updated = DATE_NONE;
	buf_init(&p->raw, LIMIT_PAGE_BYTES > LIMIT_JSONFEED_BYTES ? LIMIT_PAGE_BYTES : LIMIT_JSONFEED_BYTES);
	buf_init(&p->dec, (size_t)1 << 30);
	buf_init(&p->join, (size_t)1 << 30);
	buf_init(&p->join8, (size_t)1 << 30);
	buf_init(&p->cap.text, LIMIT_FIELD_BYTES);
	buf_init(&p->cap.html, LIMIT_FIELD_BYTES * 2);
	buf_init(&p->cap.pname, LIMIT_FIELD_BYTES);
	buf_init(&p->cap.pemail, LIMIT_FIELD_BYTES);
	p->stack[0].base = p->src_url;
	p->cd = (iconv_t)-1;
	return p;
fail:
	free(p->elems);
	free(p->qnames);
	free(p->src_url);
	free(p->content_type);
	free(p);
	return NULL;
}

bool feed_parser_push(struct feed_parser *p, const char *chunk, size_t len)
{
	if (p->error && p->mode == MODE_DONE)
		return false;
	switch (p->mode) {
	case MODE_SNIFF:
		if (!buf_append(&p->raw, chunk, len)) {
			set_error(p, "out of memory");
			return false;
		}
		if (p->raw.len < LIMIT_FEED_SNIFF_BYTES)
			return true;
		if (!start_stream(p, false)) {
			p->mode = MODE_DONE;
			return false;
		}
		release_raw(p);
		return true;
	case MODE_XML:
		if (p->stopped)
			return true;
		if (p->keep_raw && !buf_append(&p->raw, chunk, len)) {
			p->keep_raw = false;
			buf_finish(&p->raw);
		}
		if (!push_decoded(p, (const unsigned char *)chunk, len, false)) {
			set_error(p, "out of memory");
			return false;
		}
		release_raw(p);
		return true;
	case MODE_JSON:
		if (!buf_append(&p->raw, chunk, len)) {
			set_error(p, "JSON Feed larger than the limit");
			p->mode = MODE_DONE;
			return false;
		}
		return true;
	case MODE_HTML:
		if (!buf_append(&p->raw, chunk, len))
			(void)0; /* the page's head is what matters */
		return true;
	case MODE_DONE:
		return true;
	}
	return true;
}

static bool json_str(json_t *o, const char *k, char **out)
{
	json_t *v = json_object_get(o, k);
	if (!json_is_string(v))
		return false;
	*out = strndup(json_string_value(v), json_string_length(v));
	return *out != NULL;
}

static char *json_plain(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	if (!json_is_string(v))
		return NULL;
	struct buf b;
	buf_init(&b, LIMIT_FIELD_BYTES);
	if (!text_collapse(json_string_value(v), json_string_length(v), &b) || !b.len) {
		buf_finish(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static char *json_author(json_t *o)
{
	json_t *a = json_object_get(o, "authors");
	if (json_is_array(a) && json_array_size(a) > 0)
		a = json_array_get(a, 0);
	else
		a = json_object_get(o, "author");
	if (!json_is_object(a))
		return NULL;
	char *n = json_plain(a, "name");
	return n ? n : json_plain(a, "url");
}

static int64_t json_date(struct feed_parser *p, json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	if (!json_is_string(v))
		return DATE_NONE;
	int64_t t = date_parse_feed(json_string_value(v));
	if (t == DATE_NONE)
		warnf(p, "%s: unparseable date \"%.60s\"", k, json_string_value(v));
	return t;
}

static bool finish_json(struct feed_parser *p)
{
	json_error_t jerr;
	json_t *root = json_loadb(buf_str(&p->raw), p->raw.len, JSON_REJECT_DUPLICATES * 0, &jerr);
	if (!json_is_object(root)) {
		char msg[300];
		snprintf(msg, sizeof msg, "not a JSON Feed: line %d: %s", jerr.line, jerr.text);
		set_error(p, msg);
		json_decref(root);
		return false;
	}
	const char *ver = json_string_value(json_object_get(root, "version"));
	if (ver && strstr(ver, "jsonfeed.org/version/1.1"))
		set_str(&p->meta.format, strdup("json1.1"));
	else if (ver && strstr(ver, "jsonfeed.org/version/1"))
		set_str(&p->meta.format, strdup("json1.0"));
	else
		set_str(&p->meta.format, strdup("json"));
	set_str(&p->meta.title, json_plain(root, "title"));
	char *home = NULL;
	if (json_str(root, "home_page_url", &home))
		set_str(&p->meta.link, resolve_link(p->src_url, home, strlen(home)));
	free(home);
	char *lang = NULL;
	if (json_str(root, "language", &lang))
		set_str(&p->meta.language, lang);
	json_t *items = json_object_get(root, "items");
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o) {
		if (!json_is_object(o) || p->stopped)
			continue;
		item_reset(p);
		struct feed_item *it = &p->item;
		it->title = json_plain(o, "title");
		char *u = NULL;
		if (json_str(o, "url", &u) || json_str(o, "external_url", &u)) {
			it->link = resolve_link(p->src_url, u, strlen(u));
			free(u);
		}
		json_t *id = json_object_get(o, "id");
		if (json_is_string(id))
			it->id = trim_dup(json_string_value(id), json_string_length(id));
		else if (json_is_integer(id) && asprintf(&it->id, "%lld", (long long)json_integer_value(id)) < 0)
			it->id = NULL;
		it->author = json_author(o);
		if (!it->author)
			it->author = json_author(root);
		it->published = json_date(p, o, "date_published");
		it->updated = json_date(p, o, "date_modified");
		char *s = NULL;
		if (json_str(o, "summary", &s)) {
			struct buf b;
			buf_init(&b, LIMIT_FIELD_BYTES * 2);
			if (html_escape(s, strlen(s), &b))
				it->summary = buf_detach(&b);
			buf_finish(&b);
			free(s);
		}
		if (!json_str(o, "content_html", &it->content)) {
			char *t = NULL;
			if (json_str(o, "content_text", &t)) {
				struct buf b;
				buf_init(&b, LIMIT_FIELD_BYTES * 2);
				if (html_escape(t, strlen(t), &b))
					it->content = buf_detach(&b);
				buf_finish(&b);
				free(t);
			}
		}
		json_t *tags = json_object_get(o, "tags");
		size_t k;
		json_t *tg;
		json_array_foreach(tags, k, tg) {
			if (json_is_string(tg)) {
				struct buf b;
				buf_init(&b, LIMIT_FIELD_BYTES);
				if (text_collapse(json_string_value(tg), json_string_length(tg), &b) && b.len &&
				    it->categories.n < LIMIT_ITEM_CATEGORIES &&
				    !strlist_push_owned(&it->categories, buf_detach(&b)))
					(void)0;
				buf_finish(&b);
			}
		}
		p->n_items++;
		if (p->cb && !p->cb(it, p->ctx))
			p->stopped = true;
		item_reset(p);
	}
	json_decref(root);
	return true;
}

static bool finish_html(struct feed_parser *p)
{
	if (!feed_discover(buf_str(&p->raw), p->raw.len, p->src_url, &p->meta.advertised)) {
		set_error(p, "out of memory");
		return false;
	}
	struct buf msg;
	buf_init(&msg, 4096);
	bool ok = buf_puts(&msg, "an HTML page, not a feed");
	if (p->meta.advertised.n) {
		ok = ok && buf_puts(&msg, "; it advertises ");
		for (size_t i = 0; i < p->meta.advertised.n && i < 8; i++)
			ok = ok && buf_printf(&msg, "%s%s", i ? ", " : "", p->meta.advertised.v[i]);
	} else {
		ok = ok && buf_puts(&msg, " (it advertises no feed)");
	}
	set_error(p, buf_str(&msg));
	buf_finish(&msg);
	return false;
}

bool feed_parser_finish(struct feed_parser *p)
{
	bool ok = true;
	if (p->mode == MODE_SNIFF) {
		if (p->raw.len == 0) {
			set_error(p, "empty document");
			p->mode = MODE_DONE;
			return false;
		}
		if (!start_stream(p, true))
			ok = false;
		else if (p->mode == MODE_XML)
			goto xml_done;
	} else if (p->mode == MODE_XML) {
		if (!p->stopped && !push_decoded(p, (const unsigned char *)"", 0, true))
			ok = false;
		if (p->npend && !p->stopped) {
			/* a truncated sequence at the very end */
			p->npend = 0;
		}
	}
xml_done:
	if (p->mode == MODE_XML) {
		if (p->xml && !p->stopped)
			xmlParseChunk(p->xml, NULL, 0, 1);
		if (p->in_entry && !p->stopped) {
			warnf(p, "the document ends inside an item; item kept");
			entry_end(p);
		}
		if (!p->root_seen && !p->error) {
			set_error(p, "no XML element found: not a feed");
			ok = false;
		} else if (p->errors > LIMIT_FEED_WARNINGS) {
			warnf(p, "%u more XML errors", p->errors - LIMIT_FEED_WARNINGS);
		}
	}
	if (p->mode == MODE_JSON)
		ok = finish_json(p) && ok;
	else if (p->mode == MODE_HTML)
		ok = finish_html(p) && ok;
	if (ok && p->mode == MODE_XML && p->n_items == 0 && !p->meta.title && !p->meta.link &&
	    strcmp(p->meta.format ? p->meta.format : "unknown", "unknown") == 0) {
		set_error(p, "not a feed: no RSS, Atom or RDF element");
		ok = false;
	}
	p->mode = MODE_DONE;
	return ok && !p->error;
}

#define RUN_CHUNK (64 * 1024)

bool feed_parser_run(struct feed_parser *p, feed_read_fn read, void *read_ctx)
{
	char *chunk = malloc(RUN_CHUNK);
	if (!chunk) {
		set_error(p, "out of memory");
		if (!feed_parser_finish(p))
			(void)0;
		return false;
	}
	bool ok = true;
	for (;;) {
		ptrdiff_t n = read(read_ctx, chunk, RUN_CHUNK);
		if (n <= 0) {
			if (n < 0) {
				set_error(p, "read error");
				ok = false;
			}
			break;
		}
		if (!feed_parser_push(p, chunk, (size_t)n)) {
			ok = false;
			break;
		}
	}
	free(chunk);
	return feed_parser_finish(p) && ok;
}

const struct feed_meta *feed_parser_meta(const struct feed_parser *p)
{
	return &p->meta;
}

const char *feed_parser_error(const struct feed_parser *p)
{
	return p->error;
}

static void meta_finish(struct feed_meta *m)
{
	free(m->title);
	free(m->link);
	free(m->language);
	free(m->format);
	strlist_finish(&m->warnings);
	strlist_finish(&m->advertised);
}

void feed_parser_destroy(struct feed_parser *p)
{
	if (!p)
		return;
	if (p->xml) {
		xmlFreeDoc(p->xml->myDoc);
		p->xml->myDoc = NULL;
		xmlFreeParserCtxt(p->xml);
	}
	if (p->cd != (iconv_t)-1)
		iconv_close(p->cd);
	free(p->elems);
	free(p->qnames);
	free(p->prefixes);
	free(p->nsb);
	free(p->attrs5);
	for (unsigned d = 1; d <= p->depth && d <= LIMIT_TREE_DEPTH; d++)
		if (p->stack[d].own_base)
			free(p->stack[d].base);
	for (size_t i = 0; i < p->n_ents; i++) {
		xmlFree((xmlChar *)p->ents[i]->ent.name);
		xmlFree(p->ents[i]->ent.content);
		/* libxml2 hands the declaration's original text to the entity
		 * getEntity() returns (xmlParseEntityDecl sets ->orig) */
		xmlFree(p->ents[i]->ent.orig);
		xmlFree((xmlChar *)p->ents[i]->ent.URI);
		free(p->ents[i]);
	}
	item_reset(p);
	strlist_finish(&p->item.categories);
	meta_finish(&p->meta);
	buf_finish(&p->raw);
	buf_finish(&p->dec);
	buf_finish(&p->join);
	buf_finish(&p->join8);
	buf_finish(&p->cap.text);
	buf_finish(&p->cap.html);
	buf_finish(&p->cap.pname);
	buf_finish(&p->cap.pemail);
	free(p->error);
	free(p->src_url);
	free(p->content_type);
	free(p->feed_author);
	free(p);
}

void feed_item_finish(struct feed_item *item)
{
	free(item->title);
	free(item->link);
	free(item->id);
	free(item->author);
	free(item->summary);
	free(item->content);
	strlist_finish(&item->categories);
	item->title = item->link = item->id = item->author = item->summary = item->content = NULL;
	item->published = item->updated = DATE_NONE;
}

/* ------------------------------------------------------------------ */
/* whole documents */

struct collect {
	struct feed *f;
	size_t cap;
	bool oom;
	bool capped;
};

static char *dup_or_null(const char *s, bool *oom)
{
	if (!s)
		return NULL;
	char *d = strdup(s);
	if (!d)
		*oom = true;
	return d;
}

static bool collect_item(const struct feed_item *it, void *ctx)
{
	struct collect *c = ctx;
	struct feed *f = c->f;
	if (f->n_items >= LIMIT_FEED_ITEMS) {
		c->capped = true;
		return false;
	}
	if (f->n_items == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 16;
		struct feed_item *v = realloc(f->items, nc * sizeof *v);
		if (!v) {
			c->oom = true;
			return false;
		}
		f->items = v;
		c->cap = nc;
	}
	struct feed_item *d = &f->items[f->n_items];
	memset(d, 0, sizeof *d);
	strlist_init(&d->categories);
	d->title = dup_or_null(it->title, &c->oom);
	d->link = dup_or_null(it->link, &c->oom);
	d->id = dup_or_null(it->id, &c->oom);
	d->author = dup_or_null(it->author, &c->oom);
	d->summary = dup_or_null(it->summary, &c->oom);
	d->content = dup_or_null(it->content, &c->oom);
	d->published = it->published;
	d->updated = it->updated;
	for (size_t i = 0; i < it->categories.n; i++)
		if (!strlist_push(&d->categories, it->categories.v[i]))
			c->oom = true;
	f->n_items++;
	return !c->oom;
}

static bool move_str(char **dst, char **src)
{
	*dst = *src;
	*src = NULL;
	return true;
}

struct feed *feed_parse(const char *data, size_t len, const struct feed_source *src, char **err)
{
	*err = NULL;
	struct feed *f = calloc(1, sizeof *f);
	if (!f) {
		*err = strdup("out of memory");
		return NULL;
	}
	strlist_init(&f->meta.warnings);
	strlist_init(&f->meta.advertised);
	struct collect c = {f, 0, false, false};
	struct feed_parser *p = feed_parser_create(src, collect_item, &c);
	if (!p) {
		free(f);
		*err = strdup("out of memory");
		return NULL;
	}
	/* pushed in place: feed_parser_run() would copy it through a reader */
	bool ok = true;
	for (size_t off = 0; off < len && ok; off += 65536) {
		size_t n = len - off < 65536 ? len - off : 65536;
		ok = feed_parser_push(p, data + off, n);
	}
	ok = feed_parser_finish(p) && ok;
	if (c.oom)
		ok = false;
	struct feed_meta *m = &p->meta;
	move_str(&f->meta.title, &m->title);
	move_str(&f->meta.link, &m->link);
	move_str(&f->meta.language, &m->language);
	move_str(&f->meta.format, &m->format);
	f->meta.warnings = m->warnings;
	f->meta.advertised = m->advertised;
	strlist_init(&m->warnings);
	strlist_init(&m->advertised);
	if (c.capped &&
	    !strlist_pushf(&f->meta.warnings, "more than %u items; the rest is ignored", LIMIT_FEED_ITEMS))
		(void)0;
	if (!ok) {
		*err = strdup(c.oom ? "out of memory" : feed_parser_error(p) ? feed_parser_error(p) : "not a feed");
		feed_parser_destroy(p);
		feed_destroy(f);
		return NULL;
	}
	feed_parser_destroy(p);
	return f;
}

void feed_destroy(struct feed *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_items; i++)
		feed_item_finish(&f->items[i]);
	free(f->items);
	meta_finish(&f->meta);
	free(f);
}

/* ------------------------------------------------------------------ */
/* autodiscovery */

struct discover {
	struct strlist *out;
	char *base;
	const char *page_url;
	bool oom;
	bool in_body;
};

static const char *hattr(const xmlChar **atts, const char *name)
{
	for (size_t i = 0; atts && atts[i]; i += 2)
		if (strcasecmp((const char *)atts[i], name) == 0)
			return atts[i + 1] ? (const char *)atts[i + 1] : "";
	return NULL;
}

static bool has_token(const char *list, const char *tok)
{
	size_t tl = strlen(tok);
	const char *s = list;
	while (*s) {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		size_t k = 0;
		while (s[k] && s[k] != ' ' && s[k] != '\t' && s[k] != '\n')
			k++;
		if (k == tl && strncasecmp(s, tok, k) == 0)
			return true;
		s += k;
	}
	return false;
}

static void disc_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct discover *d = ctx;
	const char *n = (const char *)name;
	if (strcasecmp(n, "base") == 0 && !d->base) {
		const char *h = hattr(atts, "href");
		if (h)
			d->base = d->page_url ? url_resolve(d->page_url, h) : strdup(h);
		return;
	}
	if (strcasecmp(n, "link") != 0 && strcasecmp(n, "a") != 0)
		return;
	const char *rel = hattr(atts, "rel"), *type = hattr(atts, "type"), *href = hattr(atts, "href");
	if (!rel || !type || !href || !has_token(rel, "alternate"))
		return;
	static const char *const types[] = {"application/rss+xml", "application/atom+xml",
					    "application/rdf+xml", "application/feed+json",
					    "application/json", "text/xml", "application/xml", NULL};
	bool ok = false;
	for (const char *const *t = types; *t; t++)
		if (strncasecmp(type, *t, strlen(*t)) == 0)
			ok = true;
	if (!ok)
		return;
	const char *base = d->base ? d->base : d->page_url;
	char *u = base ? url_resolve(base, href) : (is_absolute_url(href) ? strdup(href) : NULL);
	if (!u)
		return;
	if (strlist_contains(d->out, u)) {
		free(u);
		return;
	}
	if (!strlist_push_owned(d->out, u))
		d->oom = true;
}

static void disc_silent(void *ctx, const char *msg, ...)
{
}

bool feed_discover(const char *html, size_t len, const char *base_url, struct strlist *out)
{
	htmlSAXHandler sax;
	memset(&sax, 0, sizeof sax);
	sax.startElement = disc_start;
	sax.error = disc_silent;
	sax.warning = disc_silent;
	struct discover d = {out, NULL, base_url, false, false};
	htmlParserCtxtPtr ctxt = htmlCreatePushParserCtxt(&sax, &d, NULL, 0, NULL, XML_CHAR_ENCODING_NONE);
	if (!ctxt)
		return false;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					 HTML_PARSE_RECOVER | HTML_PARSE_NOIMPLIED);
	for (size_t off = 0; off < len; off += 65536) {
		size_t n = len - off < 65536 ? len - off : 65536;
		htmlParseChunk(ctxt, html + off, (int)n, 0);
	}
	htmlParseChunk(ctxt, NULL, 0, 1);
	if (ctxt->myDoc)
		xmlFreeDoc(ctxt->myDoc);
	htmlFreeParserCtxt(ctxt);
	free(d.base);
	return !d.oom;
}
