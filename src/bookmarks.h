/* bookmarks — bookmark exports and subscription lists into URLs.
 *
 * Pure: bytes in, lists out (libxml2's HTML and XML parsers, no network). */
#ifndef READS_BOOKMARKS_H
#define READS_BOOKMARKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compat.h"
#include "strlist.h"

struct bookmark {
	char *url;
	char *title;		/* or NULL */
	char *note;		/* the <DD> note, or NULL */
	struct strlist tags;
	int64_t added;		/* ADD_DATE (seconds or microseconds), DATE_NONE if none */
};

/* Parses a Netscape bookmark file (every browser's export, Pinboard,
 * Raindrop, Pocket). Only http(s) links are returned. False with *err
 * (caller frees) when the bytes are not a bookmark file. Caller frees with
 * bookmarks_free(). */
bool bookmarks_parse_netscape(const char *data, size_t len, struct bookmark **out, size_t *n, char **err) WUR;
void bookmarks_free(struct bookmark *b, size_t n);

/* Parses an OPML subscription list: the xmlUrl of every outline, in order,
 * names in *names (parallel, "" when none). False with *err when not OPML. */
bool bookmarks_parse_opml(const char *data, size_t len, struct strlist *urls, struct strlist *names,
			  char **err) WUR;

#endif
