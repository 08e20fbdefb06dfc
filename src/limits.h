/* limits.h — every cap reads enforces, in one place, each with its reason.
 *
 * A cap turns hostile or broken input (an endless feed, a gzip bomb, a page of
 * megabytes of nested divs) into a clear per-source error instead of an
 * out-of-memory kill that would lose the whole run. */
#ifndef READS_LIMITS_H
#define READS_LIMITS_H

/* Largest feed body accepted over HTTP: the biggest real feeds are a few MB;
 * 16 MiB leaves room and still bounds a hostile server. */
#define LIMIT_FEED_BYTES ((size_t)16 << 20)

/* Largest article page kept: pages over 8 MiB are data dumps, not articles. */
#define LIMIT_PAGE_BYTES ((size_t)8 << 20)

/* Largest file `reads parse FILE` reads as a whole (JSON Feed only; XML is
 * streamed in chunks and has no size cap beyond the per-item ones). */
#define LIMIT_JSONFEED_BYTES ((size_t)64 << 20)

/* Items kept per feed document: feeds keep their last 10–100 items; a feed of
 * a million entries is an attack or a dump. */
#define LIMIT_FEED_ITEMS 10000u

/* One text field (title, summary, content) of an item: 1 MiB is a long book
 * chapter; beyond it the field is truncated with a warning. */
#define LIMIT_FIELD_BYTES ((size_t)1 << 20)

/* Categories kept per item. */
#define LIMIT_ITEM_CATEGORIES 64u

/* Nesting depth accepted in XML and HTML trees before input is refused:
 * libxml2's own default is 256; real pages stay far below. */
#define LIMIT_TREE_DEPTH 256u

/* Redirects followed per request (RFC 9110 suggests a loop guard; 5 is what
 * browsers' fetchers and feed readers commonly use). */
#define LIMIT_REDIRECTS 5L

/* Parallel connections, overall and per host, unless feeds.yaml says otherwise. */
#define LIMIT_DEFAULT_CONNECTIONS 8u
#define LIMIT_DEFAULT_PER_HOST 2u
#define LIMIT_MAX_CONNECTIONS 64u

/* Total time for one request, and for its connect phase, in seconds. */
#define LIMIT_DEFAULT_TIMEOUT_S 30L
#define LIMIT_CONNECT_TIMEOUT_S 10L

/* Abort a transfer slower than this many bytes/s for LIMIT_LOW_SPEED_TIME_S:
 * a drip-feeding server must not hold a cron run hostage. */
#define LIMIT_LOW_SPEED_BYTES 64L
#define LIMIT_LOW_SPEED_TIME_S 10L

/* A Retry-After further away than this is capped: two days. */
#define LIMIT_RETRY_AFTER_S (2L * 24 * 3600)

/* feeds.yaml itself: a config over 4 MiB is not a config. */
#define LIMIT_CONFIG_BYTES ((size_t)4 << 20)

/* A draft the author edits: 16 MiB is thousands of entries. */
#define LIMIT_DRAFT_BYTES ((size_t)16 << 20)

/* Bookmark exports (a browser's whole history of bookmarks can be large). */
#define LIMIT_BOOKMARK_FILE_BYTES ((size_t)64 << 20)

/* Entries of one month's post unless feeds.yaml sets max_entries. */
#define LIMIT_DEFAULT_MAX_ENTRIES 12u

/* Quote length bounds (characters) unless feeds.yaml sets quote: {min, max}. */
#define LIMIT_DEFAULT_QUOTE_MIN 80u
#define LIMIT_DEFAULT_QUOTE_MAX 400u

/* Candidate quotes kept per article (the chosen one plus alternatives). */
#define LIMIT_QUOTE_CANDIDATES 4u

/* article */

/* Main text shorter than this (characters) makes the extractor try again,
 * less strictly (Readability's charThreshold). */
#define LIMIT_ARTICLE_MIN_TEXT_CHARS 500u

/* <meta> elements, JSON-LD blocks and metadata candidates kept per page:
 * real pages carry tens; more is a generated page. */
#define LIMIT_ARTICLE_METAS 512u
#define LIMIT_ARTICLE_JSONLD 32u

/* Bytes of one JSON-LD block parsed (the biggest real ones are product
 * catalogues of a few hundred KB). */
#define LIMIT_ARTICLE_JSONLD_BYTES ((size_t)1 << 20)

#endif
