/* export — the edited draft in the blog's form (cmark).
 *
 * Pure: Markdown in, text out.  reads' own comments and the front matter are
 * removed; typographic quotes and dashes are kept as typed. */
#ifndef READS_EXPORT_H
#define READS_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "compat.h"
#include "strlist.h"

enum export_format {
	EXPORT_HTML,	/* an HTML fragment to paste into the blog's editor */
	EXPORT_PAGE,	/* a standalone HTML page for preview */
	EXPORT_WXR,	/* a WordPress import file (WXR 1.2) holding the post as a draft */
};

/* Converts a draft. Returns the output, or NULL with *err (caller frees).
 * Caller frees the result with free(). */
char *export_draft(const char *md, size_t len, enum export_format format, char **err) WUR;

struct export_options {
	/* Keep her own raw HTML (<iframe>, <div>, …) as written
	 * (CMARK_OPT_UNSAFE).  Off: it is omitted (cmark's "raw HTML omitted"
	 * comment) with a warning, and dangerous link schemes are dropped.
	 * Either way, the comments WordPress acts on (<!--more-->,
	 * <!--nextpage-->, <!--noteaser-->, <!-- wp:… -->) are kept and her
	 * other comments (notes to herself) are not published. */
	bool raw_html;
};

/* export_draft with options (NULL: the defaults) and warnings: one string
 * per imperfection, "line N: what" (raw HTML omitted, a broken reads
 * comment showing as text), appended to *warnings when it is not NULL.
 * *err, on failure, also reads "line N: what" (front matter never closed
 * or not YAML, draft over LIMIT_DRAFT_BYTES).  WXR takes title, date,
 * month, and optionally author, slug, language, categories and tags from the
 * front matter; dc:creator is
 * author, else the signature (the last paragraph when it is one short line
 * of plain text), else "admin".  Caller frees the result with free(). */
char *export_draft_opts(const char *md, size_t len, enum export_format format,
			const struct export_options *opts, struct strlist *warnings, char **err) WUR;

/* A draft as a blog's API takes it: the front matter's fields and the body. */
struct export_post {
	char *title;		/* the front matter's title; NULL when it has none */
	char *month;		/* its month ("YYYY-MM" as written), or NULL */
	char *date;		/* its date as a WordPress post date (export_wp_date), or NULL
				 * when absent or not a date */
	char *slug;		/* its slug, else the title's, as WXR's wp:post_name */
	struct strlist categories, tags;	/* its terms, as WXR takes them */
	char *html;		/* the body: byte for byte what EXPORT_HTML gives */
};

/* Reads a draft into *post (options, warnings and errors as
 * export_draft_opts). False with *err on failure (*post then empty).
 * Caller frees with export_post_finish(). */
bool export_post_read(const char *md, size_t len, const struct export_options *opts, struct export_post *post,
		      struct strlist *warnings, char **err) WUR;

/* Frees what post owns; accepts NULL. */
void export_post_finish(struct export_post *post);

/* "YYYY-MM-DDTHH:MM:SS" plus NUL, with room for odd years. */
#define EXPORT_WP_DATE_SIZE 32

/* A date as WordPress takes a post's date ("YYYY-MM-DDTHH:MM:SS", the blog's
 * own time): "2010-12-01" is midnight, "2010-12-01 08:15" or
 * "2010-12-01T08:15:00" keep the time as written (no zone conversion), any
 * other form date_parse() knows is taken in UTC. False (out "") when date is
 * NULL or not a date. */
bool export_wp_date(const char *date, char out[EXPORT_WP_DATE_SIZE]);

#endif
