/* export — the edited draft in the blog's form (cmark).
 *
 * Pure: Markdown in, text out.  reads' own comments and the front matter are
 * removed; typographic quotes and dashes are kept as typed. */
#ifndef READS_EXPORT_H
#define READS_EXPORT_H

#include <stddef.h>

#include "compat.h"

enum export_format {
	EXPORT_HTML,	/* an HTML fragment to paste into the blog's editor */
	EXPORT_PAGE,	/* a standalone HTML page for preview */
	EXPORT_WXR,	/* a WordPress import file (WXR 1.2) holding the post as a draft */
};

/* Converts a draft. Returns the output, or NULL with *err (caller frees).
 * Caller frees the result with free(). */
char *export_draft(const char *md, size_t len, enum export_format format, char **err) WUR;

#endif
