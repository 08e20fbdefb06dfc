/* article — page bytes to UTF-8, libxml2's HTML parser, then metadata
 * (article_meta.c, article_date.c) and main text (article_body.c). */
#include "article.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "article_priv.h"
#include "date.h"
#include "htmltext.h"
#include "icuapi.h"
#include "limits.h"

/* ---- small shared helpers ---- */

const char *art_tag(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE && n->name ? (const char *)n->name : "";
}

bool art_tag_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

const char *art_attr(const xmlNode *n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->name && strcasecmp((const char *)a->name, name) == 0) {
			if (a->children && a->children->type == XML_TEXT_NODE && !a->children->next)
				return a->children->content ? (const char *)a->children->content : "";
			return a->children ? (const char *)a->children->content : "";
		}
	}
	return NULL;
}

void art_lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

void art_class_id(const xmlNode *n, char *out, size_t size)
{
	const char *c = art_attr(n, "class"), *i = art_attr(n, "id");
	/* snprintf "%s %s" and art_lower, without their cost: every element
	 * of a page comes here */
	size_t k = 0;
	for (const char *p = c ? c : ""; *p && k + 1 < size; p++)
		out[k++] = (char)tolower((unsigned char)*p);
	if (k + 1 < size)
		out[k++] = ' ';
	for (const char *p = i ? i : ""; *p && k + 1 < size; p++)
		out[k++] = (char)tolower((unsigned char)*p);
	if (size)
		out[k] = '\0';
}

bool art_has_any(const char *lower, const char *const *words)
{
	for (; *words; words++)
		if (strstr(lower, *words))
			return true;
	return false;
}

bool art_foreign_item(const xmlNode *c)
{
	const char *ip = art_attr(c, "itemprop");
	if (ip && (!strcasecmp(ip, "citation") || !strcasecmp(ip, "comment") || !strcasecmp(ip, "review") ||
		   !strcasecmp(ip, "reviews")))
		return true;
	const char *ty = art_attr(c, "itemtype");
	if (ty && (strcasestr(ty, "schema.org/Comment") || strcasestr(ty, "schema.org/Answer")))
		return true;
	if (ty) {
		char cls[512];
		art_class_id(c, cls, sizeof cls);
		return strstr(cls, "comment") != NULL;
	}
	return false;
}

size_t art_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* U+00A0 (C2 A0) counts as a space too. */
void art_squash(char *s)
{
	char *w = s;
	bool sp = true;
	for (const char *r = s; *r;) {
		unsigned char c = (unsigned char)*r;
		if (is_space(c) || (c == 0xC2 && (unsigned char)r[1] == 0xA0)) {
			r += c == 0xC2 ? 2 : 1;
			if (!sp)
				*w++ = ' ';
			sp = true;
			continue;
		}
		*w++ = *r++;
		sp = false;
	}
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

bool art_text_append(const xmlNode *n, struct buf *b, unsigned depth)
{
	if (depth > LIMIT_TREE_DEPTH + 8)
		return true;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content && !buf_puts(b, (const char *)c->content))
				return false;
		} else if (c->type == XML_ELEMENT_NODE) {
			const char *t = art_tag(c);
			if (!strcmp(t, "script") || !strcmp(t, "style") || !strcmp(t, "noscript") ||
			    !strcmp(t, "template"))
				continue;
			/* blocks and line breaks separate words, as a browser shows them */
			bool sep = !strcmp(t, "br") || !strcmp(t, "p") || !strcmp(t, "div") || !strcmp(t, "li") ||
				   !strcmp(t, "td") || !strcmp(t, "th") || !strcmp(t, "tr") || !strcmp(t, "time") ||
				   (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2]) || !strcmp(t, "dd") ||
				   !strcmp(t, "dt") || !strcmp(t, "section") || !strcmp(t, "header") ||
				   !strcmp(t, "ul") || !strcmp(t, "ol") || !strcmp(t, "button");
			if (sep && !buf_putc(b, ' '))
				return false;
			if (!art_text_append(c, b, depth + 1))
				return false;
			if (sep && !buf_putc(b, ' '))
				return false;
		}
	}
	return true;
}

char *art_text(const xmlNode *n, size_t max)
{
	struct buf b;
	buf_init(&b, max * 4 + 64);
	if (n->type == XML_TEXT_NODE) {
		if (n->content && !buf_puts(&b, (const char *)n->content))
			(void)0;
	} else {
		(void)art_text_append(n, &b, 0);
	}
	char *s = buf_detach(&b);
	if (!s)
		return NULL;
	art_squash(s);
	size_t len = strlen(s);
	if (len > max) {
		size_t cut = max;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		s[cut] = '\0';
	}
	return s;
}

/* ---- encoding ---- */

/* Appends code point cp as UTF-8 (htmltext's encoder). */
static bool put_cp(struct buf *b, uint32_t cp)
{
	char o[4];
	return buf_append(b, o, utf8_put(cp, o));
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	return utf8_valid_at(s, s + n);
}

/* Bytes of s (n bytes) from i on that are printable ASCII (0x20-0x7F),
 * eight at a time: most of a page is. */
static size_t ascii_run(const unsigned char *p, size_t i, size_t n, bool printable)
{
	const uint64_t high = 0x8080808080808080ULL, add = 0x6060606060606060ULL;
	while (i + 8 <= n) {
		uint64_t x;
		memcpy(&x, p + i, 8);
		/* a byte under 0x80 plus 0x60 carries into its top bit exactly
		 * when it is 0x20 or more */
		if ((x & high) || (printable && ((x + add) & high) != high))
			break;
		i += 8;
	}
	while (i < n && p[i] < 0x80 && (!printable || p[i] >= 0x20))
		i++;
	return i;
}

/* 1: valid UTF-8 with non-ASCII; 0: pure ASCII; -1: invalid. */
static int utf8_check(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	int high = 0;
	for (size_t i = 0; i < n;) {
		i = ascii_run(p, i, n, false);
		if (i >= n)
			break;
		size_t l = utf8_seq(p + i, n - i);
		if (!l)
			return -1;
		if (l > 1)
			high = 1;
		i += l;
	}
	return high;
}

/* More valid multi-byte UTF-8 sequences than stray bytes: a UTF-8 page with
 * a few broken bytes, whatever it declares. */
static bool mostly_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t good = 0, bad = 0;
	for (size_t i = 0; i < n;) {
		size_t l = utf8_seq(p + i, n - i);
		if (!l) {
			bad++;
			i++;
			continue;
		}
		good += l > 1;
		i += l;
	}
	return good > 2 * bad;
}

/* Valid UTF-8 kept, every other byte read as windows-1252; NULs and other
 * C0 controls but tab/newline become spaces. */
static char *repair_utf8(const char *s, size_t n, bool force_1252, size_t *outlen)
{
	struct buf b;
	buf_init(&b, n * 3 + 16);
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		/* a run of plain ASCII text in one append */
		size_t run = ascii_run(p, i, n, true);
		if (run > i) {
			if (!buf_append(&b, p + i, run - i)) {
				buf_finish(&b);
				return NULL;
			}
			i = run;
			continue;
		}
		size_t l = force_1252 ? (p[i] < 0x80) : utf8_seq(p + i, n - i);
		bool ok;
		if (l == 1 && p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
			ok = buf_putc(&b, ' ');
		else if (l)
			ok = buf_append(&b, p + i, l);
		else {
			/* windows-1252; its five undefined bytes become U+FFFD rather
			 * than invisible C1 controls in the article's text */
			uint32_t cp = cp1252_to_ucs(p[i]);
			ok = put_cp(&b, cp >= 0x80 && cp < 0xA0 ? 0xFFFD : cp);
		}
		if (!ok) {
			buf_finish(&b);
			return NULL;
		}
		i += l ? l : 1;
	}
	*outlen = b.len;
	return buf_detach(&b);
}

/* The value of a charset=... parameter in s (n bytes), lower-cased into out. */
static bool find_charset(const char *s, size_t n, char *out, size_t size)
{
	for (size_t i = 0; i + 8 <= n; i++) {
		if (strncasecmp(s + i, "charset", 7) != 0)
			continue;
		size_t j = i + 7;
		while (j < n && is_space((unsigned char)s[j]))
			j++;
		if (j >= n || s[j] != '=')
			continue;
		j++;
		while (j < n && (is_space((unsigned char)s[j]) || s[j] == '"' || s[j] == '\''))
			j++;
		size_t k = 0;
		while (j < n && k + 1 < size &&
		       (isalnum((unsigned char)s[j]) || s[j] == '-' || s[j] == '_' || s[j] == '.' || s[j] == ':'))
			out[k++] = (char)tolower((unsigned char)s[j++]);
		out[k] = '\0';
		if (k)
			return true;
	}
	return false;
}

/* The charset a <meta charset> or <meta http-equiv content="…; charset=">
 * declares (not a <script charset>) in the first n bytes. */
static bool find_meta_charset(const char *s, size_t n, char *out, size_t size)
{
	for (size_t i = 0; i + 5 < n; i++) {
		if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4) != 0)
			continue;
		size_t end = i + 5;
		while (end < n && s[end] != '>')
			end++;
		if (find_charset(s + i, end - i, out, size))
			return true;
		i = end;
	}
	return false;
}

static bool is_1252_label(const char *cs)
{
	static const char *const l[] = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "windows-1252",
					"cp1252", "x-cp1252", "us-ascii", "ascii", "iso_8859-1", "ansi_x3.4-1968",
					NULL};
	for (size_t i = 0; l[i]; i++)
		if (!strcmp(cs, l[i]))
			return true;
	return false;
}

static char *iconv_to_utf8(const char *from, const char *s, size_t n, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1)
		return NULL;
	size_t cap = n * 4 + 16;
	char *out = malloc(cap);
	if (!out) {
		iconv_close(cd);
		return NULL;
	}
	char *in = (char *)s, *o = out;
	size_t inleft = n, oleft = cap - 1;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1)
			break;
		if (errno == EILSEQ || errno == EINVAL) {
			/* Skip one bad byte and mark it. */
			in++;
			inleft--;
			if (oleft < 3)
				break;
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
			oleft -= 3;
			continue;
		}
		break; /* E2BIG cannot happen with 4× room; anything else: stop */
	}
	iconv_close(cd);
	*o = '\0';
	size_t len = (size_t)(o - out);
	/* Clean up NULs and controls the source may hold. */
	char *fixed = repair_utf8(out, len, false, outlen);
	free(out);
	return fixed;
}

/* ICU's charset detector, trusted only for the multi-byte and Cyrillic
 * charsets it tells apart well; NULL for anything else. */
static char *detect_to_utf8(const char *s, size_t n, size_t *outlen)
{
	static const char *const trusted[] = {"GB18030", "Big5", "EUC-JP", "EUC-KR", "Shift_JIS", "ISO-2022-JP",
					      "ISO-2022-KR", "ISO-2022-CN", "KOI8-R", "windows-1251", NULL};
	UErrorCode e = U_ZERO_ERROR;
	UCharsetDetector *d = icu_i18n()->csdet_open(&e);
	char *r = NULL;
	if (U_FAILURE(e))
		return NULL;
	icu_i18n()->csdet_setText(d, s, (int32_t)(n > (1u << 20) ? (1u << 20) : n), &e);
	const UCharsetMatch *m = U_SUCCESS(e) ? icu_i18n()->csdet_detect(d, &e) : NULL;
	if (m && U_SUCCESS(e)) {
		const char *name = icu_i18n()->csdet_getName(m, &e);
		int32_t conf = icu_i18n()->csdet_getConfidence(m, &e);
		if (U_SUCCESS(e) && name && conf >= 50)
			for (size_t i = 0; trusted[i]; i++)
				if (!strcmp(name, trusted[i])) {
					r = iconv_to_utf8(name, s, n, outlen);
					break;
				}
	}
	icu_i18n()->csdet_close(d);
	return r;
}

/* The page as UTF-8 (caller frees), by BOM, then the HTTP charset, then the
 * page's own <meta> declaration, else UTF-8 with a windows-1252 fallback for
 * the bytes that are not UTF-8. */
static char *page_to_utf8(const char *s, size_t n, const char *content_type, size_t *outlen)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return repair_utf8(s + 3, n - 3, false, outlen);
	if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		char *r = iconv_to_utf8("UTF-16LE", s + 2, n - 2, outlen);
		if (r)
			return r;
	}
	if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		char *r = iconv_to_utf8("UTF-16BE", s + 2, n - 2, outlen);
		if (r)
			return r;
	}
	char cs[48] = "";
	if (!(content_type && find_charset(content_type, strlen(content_type), cs, sizeof cs)))
		find_meta_charset(s, n < 65536 ? n : 65536, cs, sizeof cs);
	int check = utf8_check(s, n);
	if (check < 0 && mostly_utf8(s, n))
		check = 1;
	if (!cs[0] && check < 0) {
		/* undeclared and not UTF-8: a CJK or Cyrillic page ICU recognises
		 * with confidence, else windows-1252 */
		char *r = detect_to_utf8(s, n, outlen);
		if (r)
			return r;
	}
	if (!cs[0] || !strcmp(cs, "utf-8") || !strcmp(cs, "utf8") || check == 1)
		return repair_utf8(s, n, false, outlen);
	if (is_1252_label(cs))
		return repair_utf8(s, n, true, outlen);
	char *r = iconv_to_utf8(cs, s, n, outlen);
	if (r)
		return r;
	return repair_utf8(s, n, false, outlen);
}

/* Drops subtrees nested deeper than LIMIT_TREE_DEPTH, without recursion, so
 * that every later walk may recurse. */
static void prune_deep(xmlNode *root)
{
	xmlNode *n = root;
	unsigned depth = 0;
	while (n) {
		if (n->children && n->type == XML_ELEMENT_NODE) {
			if (depth >= LIMIT_TREE_DEPTH) {
				xmlNode *c = n->children;
				while (c) {
					xmlNode *next = c->next;
					xmlUnlinkNode(c);
					xmlFreeNode(c);
					c = next;
				}
			} else {
				n = n->children;
				depth++;
				continue;
			}
		}
		while (n && n != root && !n->next) {
			n = n->parent;
			depth--;
		}
		if (!n || n == root)
			break;
		n = n->next;
	}
}

/* ---- entry point ---- */

static xmlDoc *parse(htmlParserCtxtPtr ctxt, const char *utf, size_t ulen)
{
	xmlDoc *doc = htmlCtxtReadMemory(ctxt, utf, (int)ulen, NULL, "UTF-8",
					 HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
						 HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
	if (doc && xmlDocGetRootElement(doc))
		prune_deep(xmlDocGetRootElement(doc));
	return doc;
}

void article_destroy(struct article *a)
{
	if (!a)
		return;
	free(a->title);
	free(a->title_source);
	free(a->author);
	free(a->author_source);
	free(a->date_source);
	free(a->site);
	free(a->site_source);
	free(a->canonical);
	free(a->lang);
	free(a->text);
	free(a);
}

static char *dup_err(const char *msg)
{
	return strdup(msg);
}

struct article *article_extract(const char *html, size_t len, const char *url, const char *content_type,
				char **err)
{
	struct article *a = NULL;
	char *utf = NULL;
	htmlParserCtxtPtr ctxt = NULL;
	xmlDoc *doc = NULL;
	*err = NULL;
	if (len > LIMIT_PAGE_BYTES) {
		char m[96];
		snprintf(m, sizeof m, "page of %zu bytes is over the %zu-byte limit", len, LIMIT_PAGE_BYTES);
		*err = dup_err(m);
		goto out;
	}
	size_t ulen = 0;
	utf = page_to_utf8(html ? html : "", html ? len : 0, content_type, &ulen);
	if (!utf) {
		*err = dup_err("out of memory");
		goto out;
	}
	size_t i = 0;
	while (i < ulen && is_space((unsigned char)utf[i]))
		i++;
	if (i == ulen) {
		*err = dup_err("empty page");
		goto out;
	}
	ctxt = htmlNewParserCtxt();
	if (!ctxt) {
		*err = dup_err("out of memory");
		goto out;
	}
	doc = parse(ctxt, utf, ulen);
	if (!doc || !xmlDocGetRootElement(doc)) {
		*err = dup_err("not an HTML page (the parser found no element)");
		goto out;
	}
	a = calloc(1, sizeof *a);
	if (!a) {
		*err = dup_err("out of memory");
		goto out;
	}
	a->date = DATE_NONE;
	if (!art_meta(a, doc, url)) {
		*err = dup_err("out of memory");
		goto fail;
	}
	/* Strict first; a less strict pass when the strict one finds little,
	 * keeping the longest result. */
	for (unsigned attempt = 0; attempt < ART_BODY_ATTEMPTS; attempt++) {
		if (attempt > 0) {
			xmlFreeDoc(doc);
			doc = parse(ctxt, utf, ulen);
			if (!doc || !xmlDocGetRootElement(doc))
				break;
		}
		size_t chars = 0;
		char *text = art_body(doc, attempt, &chars);
		if (!text) {
			*err = dup_err("out of memory");
			goto fail;
		}
		if (!a->text || chars > art_chars(a->text)) {
			free(a->text);
			a->text = text;
		} else {
			free(text);
		}
		if (chars >= LIMIT_ARTICLE_MIN_TEXT_CHARS)
			break;
	}
	if (!a->text && !(a->text = strdup(""))) {
		*err = dup_err("out of memory");
		goto fail;
	}
	goto out;
fail:
	article_destroy(a);
	a = NULL;
out:
	if (doc)
		xmlFreeDoc(doc);
	if (ctxt)
		htmlFreeParserCtxt(ctxt);
	free(utf);
	return a;
}
