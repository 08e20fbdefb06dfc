/* textfrag — parsing of URL text directives (WICG Scroll-to-Text-Fragment):
 *   text=[prefix-,]start[,end][,-suffix]
 * several joined by '&', terms percent-encoded (so ',', '-' and '&' inside
 * a term are written %2C, %2D, %26).  Matching lives in quote.c. */
#ifndef READS_TEXTFRAG_H
#define READS_TEXTFRAG_H

#include <stdbool.h>
#include <stddef.h>

#include "compat.h"

struct textfrag {
	char *prefix;	/* NULL when absent; all terms percent-decoded UTF-8 */
	char *start;	/* never NULL */
	char *end;	/* NULL: the match is start itself */
	char *suffix;
};

struct textfrag_list {
	struct textfrag *v;
	size_t n;
};

/* Parses a fragment directive ("text=…&text=…", with or without a leading
 * "#" or ":~:"). Directives other than text= and malformed text directives
 * (no start, more than two middle terms, empty terms, bad UTF-8) are skipped,
 * as browsers do; *out holds the valid ones in order. False only on
 * allocation failure. Caller frees with textfrag_list_finish(). */
bool textfrag_parse(const char *directive, struct textfrag_list *out) WUR;

void textfrag_list_finish(struct textfrag_list *l);

/* Percent-decodes n bytes of s ("%XX"; a '%' not followed by two hex digits
 * stays as it is). NULL on allocation failure or when the result is not
 * valid UTF-8. Caller frees with free(). */
char *textfrag_decode(const char *s, size_t n) WUR;

#endif
