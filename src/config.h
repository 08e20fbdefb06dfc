/* config — feeds.yaml into a typed configuration (libyaml).
 *
 * The schema is DESIGN.md's (doc/reads-feeds.5 documents it).  Every problem
 * is reported as "FILE:LINE:COL: message" from libyaml's marks (1-based);
 * unknown keys are errors, with "did you mean 'KEY'?" when a known key is
 * close.  A config with any error is rejected whole.  tests/config/README.md
 * is the spec of what is accepted (types, ranges, defaults, messages). */
#ifndef READS_CONFIG_H
#define READS_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compat.h"
#include "strlist.h"

/* One feeds: entry: a feed URL (or a site URL to autodiscover), or an OPML
 * subscription list whose outlines are feeds. */
enum config_feed_kind { CONFIG_FEED_URL, CONFIG_FEED_OPML };

struct config_feed {
	enum config_feed_kind kind;
	char *url;		/* CONFIG_FEED_URL: absolute http(s) URL */
	char *path;		/* CONFIG_FEED_OPML: resolved against the config's folder */
	char *name;		/* optional display name ("on <name>") */
	struct strlist include;	/* keywords; an item must match one (case-insensitive) */
	struct strlist exclude;	/* keywords; an item matching one is left out */
	char *user_agent;	/* optional per-feed User-Agent */
	unsigned excerpts;	/* 0: use the global quote.excerpts */
	int line, column;	/* where the entry starts in feeds.yaml */
};

/* One bookmarks: entry. */
enum config_bookmark_kind {
	CONFIG_BOOKMARK_URL,	/* a single URL, maybe with quote/note/added */
	CONFIG_BOOKMARK_FILE,	/* a Netscape bookmark export */
	CONFIG_BOOKMARK_FEED,	/* a bookmarking service's feed: every item is a bookmark */
};

struct config_bookmark {
	enum config_bookmark_kind kind;
	char *url;		/* URL and FEED kinds */
	char *path;		/* FILE kind, resolved against the config's folder */
	char *quote;		/* the author's own pick, used verbatim */
	char *note;		/* her note */
	int64_t added;		/* month membership; DATE_NONE when not given */
	int line, column;
};

/* publish: wordpress: — where `reads publish` sends the month's post. */
struct config_wordpress {
	char *url;		/* the blog's address; NULL when feeds.yaml has no wordpress: */
	char *user;		/* the WordPress login name */
	char *password_file;	/* resolved against the config's folder; NULL: READS_WP_PASSWORD */
	struct strlist categories, tags;	/* term names, created in WordPress when missing */
	unsigned timeout;	/* seconds per request; default LIMIT_PUBLISH_TIMEOUT_S */
	int line, column;	/* where wordpress: starts in feeds.yaml */
};

struct config {
	char *path;		/* the file as named on the command line */
	char *dir;		/* its folder; every relative path is against it */
	char *title;		/* title template: {month} {year} {mm} */
	char *signature;
	char *output;		/* output template, resolved against dir at use */
	char *archive;		/* archive path (default: DIR/reads.db) */
	unsigned max_entries;
	char *timezone;		/* NULL: the machine's */
	char *language;		/* "en", "fr", …; month names */
	struct {
		unsigned connections, per_host, timeout;
		char *user_agent;	/* NULL: reads' own */
		unsigned retries;	/* further tries of a transient failure in a run; 0: none */
		unsigned max_wait;	/* longest Retry-After (s) a run waits for */
		unsigned retry_pause_ms; /* first pause before a retry; each next one 4x longer */
	} fetch;
	struct {
		unsigned min, max, excerpts;
	} quote;
	struct config_feed *feeds;
	size_t n_feeds;
	struct config_bookmark *bookmarks;
	size_t n_bookmarks;
	struct config_wordpress wordpress;
	/* "name:LINE:COL: message" for what is accepted but worth saying (a URL
	 * listed twice: the later entry is merged into the first); the caller
	 * prints them. */
	struct strlist warnings;
};

/* Parses a feeds.yaml held in memory; `name` is what messages call the file
 * and `dir` the folder relative paths are resolved against ("~/" is $HOME).
 * Returns the config, or NULL with one "name:LINE:COL: message" line per
 * problem pushed onto errors, sorted by place (at most LIMIT_CONFIG_ERRORS,
 * then one line saying the rest were not shown).  Defaults fill every field
 * not given: signature "" (none), timezone NULL (the machine's), archive
 * DIR/reads.db.  A bookmark's `added` is resolved in the configured zone
 * (YYYY-MM-DD: local midnight).  Reads nothing but the tz database (to
 * validate timezone:); bookmark and OPML files are not opened here.
 * A URL listed twice (feeds, or bookmarks of one kind, compared as
 * url_canonical() keys) is kept once, with a line in cfg->warnings.
 * Caller frees with config_destroy(). */
struct config *config_parse(const char *text, size_t len, const char *name, const char *dir,
			    struct strlist *errors) WUR;

/* Reads and parses the file at path (see config_parse). */
struct config *config_load(const char *path, struct strlist *errors) WUR;

/* Appends the feeds an OPML list names (urls[i], named names[i] or "") as
 * feed entries that inherit the list's entry cfg->feeds[opml]: its include
 * and exclude filters, user_agent, excerpts and place in feeds.yaml (its
 * name, when the list gives none). URLs already listed are skipped. False on
 * allocation failure. */
bool config_add_opml_feeds(struct config *cfg, size_t opml, const struct strlist *urls,
			   const struct strlist *names) WUR;

/* Frees cfg and everything it owns. Accepts NULL. */
void config_destroy(struct config *cfg);

/* The output path for a month, resolved against the config's folder.
 * Caller frees with free(). */
char *config_output_path(const struct config *cfg, int year, int month);

/* The post title for a month (template expanded, month name in the
 * configured language). Caller frees with free(). */
char *config_title(const struct config *cfg, int year, int month);

/* The month's name in `language` ("en", "fr", …; unknown: English), 1..12. */
const char *config_month_name(const char *language, int month);

#endif
