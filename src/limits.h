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

/* Retries of a transient failure (connection refused or reset, timeout,
 * truncated body, 408, 425, 429, 500, 502, 503, 504) within one run, unless
 * feeds.yaml says otherwise: two more tries ride out a server's bad second
 * without hammering it. The pauses grow: LIMIT_DEFAULT_RETRY_PAUSE_MS, then
 * LIMIT_RETRY_PAUSE_GROWTH times longer each time (1 s, then 4 s). */
#define LIMIT_DEFAULT_RETRIES 2u
#define LIMIT_DEFAULT_RETRY_PAUSE_MS 1000u
#define LIMIT_RETRY_PAUSE_GROWTH 4
/* fetch: retries ceiling: past 10 tries a server is down, not hiccuping. */
#define LIMIT_MAX_RETRIES 10u
/* fetch: retry_pause ceiling (ms): the pauses grow fourfold, so a minute's
 * first pause already makes a long run. */
#define LIMIT_MAX_RETRY_PAUSE_MS 60000u

/* A Retry-After up to this many seconds is waited for within the run (the
 * request is then tried again); a longer one is stored, and the host is
 * left alone until then. A minute holds up a cron run acceptably. */
#define LIMIT_DEFAULT_MAX_WAIT_S 60u
/* fetch: max_wait ceiling: a cron run must end (as LIMIT_MAX_TIMEOUT_S). */
#define LIMIT_MAX_WAIT_S 600u

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

/* --- feed --- */

/* Recovery warnings kept per feed document: the first few say what is wrong;
 * a document with thousands of errors would otherwise fill memory. */
#define LIMIT_FEED_WARNINGS 16u

/* Distinct undeclared entity names (&aacute;, &foo;) remembered per document,
 * and simple entities declared in its internal DTD subset; beyond these,
 * references are dropped (bounds a document of a million distinct names). */
#define LIMIT_FEED_ENTITIES 512u
/* Namespace declarations in scope at once (feeds declare a few tens on the
 * root; more are ignored, their prefixes then read as undeclared). Each
 * prefix is looked up by a scan of these, as libxml2 does. */
#define LIMIT_FEED_NS_BINDINGS 256u

/* Bytes of a feed's start kept to sniff its kind (JSON, XML, HTML page) and
 * encoding (BOM, XML declaration) before parsing starts. */
#define LIMIT_FEED_SNIFF_BYTES ((size_t)1024)

/* Length of one simple entity declared in a feed's internal DTD subset
 * (entities holding markup or other references are never expanded). */
#define LIMIT_FEED_ENTITY_BYTES ((size_t)1024)

/* --- fetch --- */

/* Response header bytes accepted per request (all hops): real responses
 * carry a few KiB; an endless header stream is cut here, not by the clock. */
#define LIMIT_HEADER_BYTES ((size_t)256 << 10)

/* One ETag or Last-Modified value kept: real ones are under 100 bytes; a
 * longer one is not stored (and so never sent back). */
#define LIMIT_VALIDATOR_BYTES 1024u

/* A Location kept to compute the permanent target of 301/308: URLs beyond
 * 8 KiB are refused by most servers anyway. */
#define LIMIT_LOCATION_BYTES ((size_t)8 << 10)

/* Longest curl_multi_poll wait, in ms: the loop wakes at least this often
 * to start staggered requests even when curl has nothing to say. */
#define LIMIT_POLL_MS 1000

/* Bookmark pages looked at for their date by one `reads fetch`: a browser
 * export of thousands of undated bookmarks is dated over a few daily runs
 * instead of making one run fetch them all (100 pages at 8 connections take
 * well under a minute). `reads draft` dates every bookmark that may belong
 * to its month, without this cap. */
#define LIMIT_DATING_PAGES_PER_FETCH 100u

/* Failed runs after which a bookmark's page is given up on (the bookmark
 * stays in the month it was first seen): with our back-off capped at 20 h,
 * about a week of daily runs; a page failing that long is gone, and trying
 * it for ever would cost every run a request per dead link. */
#define LIMIT_DATING_TRIES 8u

/* --- archive --- */

/* How long a write waits for another process's transaction on the archive
 * before failing: a cron fetch and a hand-run draft then queue, not fail;
 * batches are short (one feed's items), so 5 s is ample. */
#define LIMIT_ARCHIVE_BUSY_MS 5000

/* Largest string, blob or row SQLite will build or read back (its
 * SQLITE_LIMIT_LENGTH): a page is at most LIMIT_PAGE_BYTES and an item's
 * fields a few LIMIT_FIELD_BYTES, so a corrupt or hostile archive cannot make
 * a read allocate a gigabyte. */
#define LIMIT_ARCHIVE_VALUE_BYTES ((size_t)32 << 20)

/* --- article --- */

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

/* --- quote --- */

/* Sentences of one article looked at for candidates. TextRank compares
 * every pair (n² floats: 1500 sentences = 9 MB); 1500 sentences is a
 * 30 000-word essay, and a pull-quote comes from well before its end. */
#define LIMIT_QUOTE_SENTENCES 1500u

/* --- draft and export --- */

/* A composed, merged or exported draft: the draft cap plus room for a
 * month's new entries and the markup around them. */
#define LIMIT_DRAFT_OUTPUT_BYTES (LIMIT_DRAFT_BYTES + ((size_t)16 << 20))

/* Front matter of a draft: a few fields; 64 KiB is already absurd. */
#define LIMIT_FRONT_MATTER_BYTES ((size_t)64 << 10)

/* --- config and bookmarks --- */

/* Nesting depth of feeds.yaml: the schema needs 4 levels; anything deeper is
 * a mistake or an attack on the parser's stack. */
#define LIMIT_CONFIG_DEPTH 32u

/* Problems reported for one feeds.yaml: past this, the rest is noise. */
#define LIMIT_CONFIG_ERRORS 200u

/* max_entries: a monthly post of more than 500 entries is not a post. */
#define LIMIT_MAX_ENTRIES 500u

/* quote: {min, max} bound (characters): a pull-quote longer than a few
 * paragraphs is the article itself. */
#define LIMIT_QUOTE_LENGTH 5000u

/* quote.excerpts and a feed's excerpts: excerpts joined with "…". */
#define LIMIT_QUOTE_EXCERPTS 10u

/* One request to the blog's REST API, in seconds (publish: wordpress:
 * timeout:): saving a post runs the blog's plugins, slower than a GET. */
#define LIMIT_PUBLISH_TIMEOUT_S 60L

/* An answer of the blog's REST API: a post comes back with its content
 * twice (raw and rendered), each at most a draft's export. */
#define LIMIT_PUBLISH_RESPONSE_BYTES (2 * LIMIT_DRAFT_OUTPUT_BYTES + ((size_t)1 << 20))

/* fetch.timeout ceiling in seconds: a cron run must end. */
#define LIMIT_MAX_TIMEOUT_S 600u

/* Bookmarks kept from one Netscape export or OPML list: the largest real
 * exports hold tens of thousands; beyond this the file is refused. */
#define LIMIT_BOOKMARKS_PER_FILE 200000u

/* One bookmark's title or note, in bytes. */
#define LIMIT_BOOKMARK_TEXT ((size_t)64 << 10)

/* An item's own date (a feed's pubDate, a bookmark's ADD_DATE) names its
 * month only between these bounds: before 1995-01-01 it is a placeholder
 * (a CMS's zero date, 1970-01-01), and more than two days after the item was
 * first seen it is a wrong year or a coming event's date. Outside them the
 * item counts as undated, instead of going to a month never drafted. */
#define LIMIT_FIRST_ITEM_DATE 788918400LL /* 1995-01-01T00:00:00Z */
#define LIMIT_ITEM_DATE_AHEAD_S (2 * 86400LL)

#endif
