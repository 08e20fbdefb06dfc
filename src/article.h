/* article — an HTML page into its title, author, date, site name and main
 * text (readability-style scoring over libxml2's HTML parser).
 *
 * Pure: bytes in, data out; no network (the parser never loads anything).
 * Every string is valid UTF-8.  Each metadata value records where it came
 * from, for the author's review. */
#ifndef READS_ARTICLE_H
#define READS_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

#include "compat.h"

struct article {
	char *title;		/* without " | Site" / " - Site"; NULL if none */
	char *title_source;	/* "og:title", "json-ld", "h1", "title", … */
	char *author;		/* a person's display name; NULL if none */
	char *author_source;	/* "json-ld", "meta:author", "byline", … */
	int64_t date;		/* publication day as noon UTC of it (so that it is
				   that day from UTC-12 to UTC+11), DATE_NONE if none */
	char *date_source;
	char *site;		/* the site's name; NULL if none */
	char *site_source;
	char *canonical;	/* <link rel=canonical>, absolute, or NULL */
	char *lang;		/* <html lang>, or NULL */
	char *text;		/* main text: plain, paragraphs separated by "\n\n";
				   never NULL (may be "") */
};

/* Extracts from a page of len bytes. url (may be NULL) is the page's
 * address, for resolving links and recognising the site; content_type (may be
 * NULL) is the HTTP header, for the charset.  NULL with *err (caller frees)
 * only when the bytes are not a usable HTML page. Caller frees with
 * article_destroy(). */
struct article *article_extract(const char *html, size_t len, const char *url, const char *content_type,
				char **err) WUR;

/* Accepts NULL. */
void article_destroy(struct article *a);

#endif
