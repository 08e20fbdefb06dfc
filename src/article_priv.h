/* article_priv.h — what article.c (parsing, encoding, entry point),
 * article_meta.c (title, author, site), article_date.c (publication date)
 * and article_body.c (main text) share.  Not a public interface. */
#ifndef READS_ARTICLE_PRIV_H
#define READS_ARTICLE_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <libxml/tree.h>

#include "article.h"
#include "buf.h"

/* Tag name of an element node ("" for other nodes), lower case as libxml2's
 * HTML parser gives it. */
const char *art_tag(const xmlNode *n);
bool art_tag_is(const xmlNode *n, const char *name);

/* The attribute's value, or NULL. Valid until the node changes. */
const char *art_attr(const xmlNode *n, const char *name);

/* class and id joined and lower-cased into out (size bytes, truncated). */
void art_class_id(const xmlNode *n, char *out, size_t size);

/* Appends the text of n's subtree to b with whitespace runs collapsed to one
 * space (no leading/trailing handling). False when b is full. */
bool art_text_append(const xmlNode *n, struct buf *b, unsigned depth);

/* The collapsed, trimmed text of n's subtree, at most max bytes (cut on a
 * character boundary). Caller frees with free(); NULL on allocation failure. */
char *art_text(const xmlNode *n, size_t max);

/* Collapses whitespace runs to one space and trims, in place. */
void art_squash(char *s);

/* Number of characters (code points) of UTF-8 s. */
size_t art_chars(const char *s);

/* ASCII lower-casing of s in place. */
void art_lower(char *s);

/* True when the lower-cased haystack contains any of the words. */
bool art_has_any(const char *lower, const char *const *words);

/* True when element c is a microdata item that describes something else
 * than the page: a cited work, a reader's comment or review, an answer. Its
 * author and date are not the article's. */
bool art_foreign_item(const xmlNode *c);

/* True when a class-and-id string (lower-cased, as art_class_id gives it)
 * marks the readers' comments or a comment form ("comments", "comment-body",
 * "kommentare"), not an article's genre ("commentary", "kommentar"). */
bool art_comment_section(const char *cls);

/* Metadata: fills title, author, date, site and their sources, canonical and
 * lang, from the untouched tree (run before art_body). False only on
 * allocation failure. */
bool art_meta(struct article *a, xmlDoc *doc, const char *url) WUR;

/* What art_meta() collected that the date needs as well. */
struct art_date_sources {
	json_t *ld_article; /* the JSON-LD Article-like object, or NULL */
	json_t *ld_page;    /* the JSON-LD WebPage-like object, or NULL */
	/* The first non-empty value of a <meta> tag (or RDFa/microdata
	 * content attribute) whose key, lower-cased, is key; NULL if none. */
	const char *(*meta)(const void *ctx, const char *key);
	const void *meta_ctx;
};

/* Publication date: sets a->date and a->date_source (when the page shows
 * one) from src, doc's markup and text and the page's url (may be NULL).
 * Needs a->lang and a->title (the date is sought near the title). False
 * only on allocation failure. */
bool art_date(struct article *a, xmlDoc *doc, const char *url, const struct art_date_sources *src) WUR;

/* Number of extraction attempts: each next one is less strict (keeps what
 * the previous one judged unlikely), for pages where the strict pass finds
 * too little. */
#define ART_BODY_ATTEMPTS 4

/* Main text of doc (which it modifies: a new attempt needs a fresh parse).
 * Returns plain text (caller frees) and its length in characters in *chars,
 * or NULL on allocation failure. */
char *art_body(xmlDoc *doc, unsigned attempt, size_t *chars);

#endif
