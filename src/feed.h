/* feed — RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed documents into items.
 *
 * Pure: bytes in, items out; no I/O, no network (external entities and DTD
 * loading are off).  XML is read with libxml2's SAX push parser, in chunks,
 * so memory does not grow with the document beyond the items kept.
 * Text fields (title, author, categories) are plain text; summary and
 * content are HTML fragments with relative URLs resolved.  Everything is
 * valid UTF-8.  Imperfect input is parsed with warnings; only input with
 * nothing usable is an error. */
#ifndef READS_FEED_H
#define READS_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compat.h"
#include "strlist.h"

struct feed_item {
	char *title;		/* plain text or NULL */
	char *link;		/* absolute URL or NULL */
	char *id;		/* guid / atom:id, verbatim (trimmed), or NULL */
	char *author;		/* display name or NULL */
	int64_t published;	/* DATE_NONE when absent or unparseable */
	int64_t updated;	/* DATE_NONE when absent or unparseable */
	char *summary;		/* HTML fragment or NULL */
	char *content;		/* HTML fragment or NULL */
	struct strlist categories; /* plain text */
};

/* What a feed says about itself. */
struct feed_meta {
	char *title;		/* plain text or NULL */
	char *link;		/* the site's (alternate) URL or NULL */
	char *language;		/* or NULL */
	char *format;		/* "rss2.0", "rss1.0", "rss0.91", "atom1.0", "atom0.3", "json1.1", … */
	struct strlist warnings;/* what was recovered ("line 12: …") */
	struct strlist advertised; /* an HTML page given as a feed: the feeds it links to */
};

/* Where the bytes came from, for resolving and decoding. All optional. */
struct feed_source {
	const char *url;		/* the document's URL: base for relative links */
	const char *content_type;	/* the HTTP Content-Type header (charset) */
};

/* Called once per item, in document order. The item is owned by the parser
 * and valid only during the call. Return false to stop parsing. */
typedef bool (*feed_item_cb)(const struct feed_item *item, void *ctx);

struct feed_parser;

/* Creates an incremental parser. src may be NULL. Caller frees with
 * feed_parser_destroy(). */
struct feed_parser *feed_parser_create(const struct feed_source *src, feed_item_cb cb, void *ctx) WUR;

/* Feeds the next chunk of the document (any size, any split). False when the
 * document is unusable; then feed_parser_error() says why. */
bool feed_parser_push(struct feed_parser *p, const char *chunk, size_t len) WUR;

/* Ends the document. False when nothing usable was found (not a feed, or an
 * HTML page: see meta.advertised) with the reason in feed_parser_error(). */
bool feed_parser_finish(struct feed_parser *p) WUR;

/* Reads up to n bytes of the document into buf. Returns how many (0 at the
 * end of the document, -1 on a read error). */
typedef ptrdiff_t (*feed_read_fn)(void *ctx, char *buf, size_t n);

/* Reads the whole document through read(), until it returns 0 or -1,
 * pushing each chunk, and ends it (feed_parser_finish()). Returns false when
 * pushing or finishing does, or when read() failed ("read error"); the items
 * read before are delivered all the same. */
bool feed_parser_run(struct feed_parser *p, feed_read_fn read, void *read_ctx) WUR;

/* The feed-level data gathered so far. Valid until feed_parser_destroy(). */
const struct feed_meta *feed_parser_meta(const struct feed_parser *p);

/* The reason of the last failure, or NULL. Valid until _destroy(). */
const char *feed_parser_error(const struct feed_parser *p);

/* Accepts NULL. */
void feed_parser_destroy(struct feed_parser *p);

/* A whole document, with its items kept (for fetched feeds). */
struct feed {
	struct feed_meta meta;
	struct feed_item *items;
	size_t n_items;
};

/* Parses a whole document held in memory. Returns NULL with the reason in
 * *err (caller frees) when nothing usable was found; warnings are in
 * meta.warnings. Caller frees with feed_destroy(). */
struct feed *feed_parse(const char *data, size_t len, const struct feed_source *src, char **err) WUR;

/* Accepts NULL. */
void feed_destroy(struct feed *f);

/* Frees what an item owns (for callers that copy items). */
void feed_item_finish(struct feed_item *item);

/* Autodiscovery: appends to out the absolute URLs of the feeds an HTML page
 * advertises (<link rel="alternate" type="application/rss+xml|atom+xml|
 * feed+json|rdf+xml" href="...">, resolved against the page's <base href>
 * and base_url), in document order, without duplicates. False only on
 * allocation failure; a page advertising nothing leaves out unchanged. */
bool feed_discover(const char *html, size_t len, const char *base_url, struct strlist *out) WUR;

#endif
