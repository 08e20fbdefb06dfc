/* strlist — a growable list of owned strings (warnings, URLs, keywords). */
#ifndef READS_STRLIST_H
#define READS_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "compat.h"

struct strlist {
	char **v;	/* v[0..n-1], each owned by the list */
	size_t n;
	size_t cap;
};

/* Prepares an empty list; allocates nothing. */
void strlist_init(struct strlist *l);

/* Frees every string and the array; the list is empty afterwards. */
void strlist_finish(struct strlist *l);

/* Appends a copy of s. False on allocation failure. */
bool strlist_push(struct strlist *l, const char *s) WUR;

/* Appends s itself; the list takes ownership (frees s on failure too). */
bool strlist_push_owned(struct strlist *l, char *s) WUR;

/* Appends a formatted string. */
bool strlist_pushf(struct strlist *l, const char *fmt, ...) WUR PRINTF_LIKE(2, 3);

/* True when an element equals s (byte for byte). */
bool strlist_contains(const struct strlist *l, const char *s);

#endif
