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

#endif
