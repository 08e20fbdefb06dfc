/* buf — a growable byte string with a size cap (after curl's dynbuf).
 *
 * Every buffer is created with the largest size it may reach; an append that
 * would pass it fails (returns false) and leaves the buffer as it was, so
 * hostile input becomes an error, never an unbounded allocation.  While
 * data is non-NULL it is NUL-terminated (the NUL is not counted in len). */
#ifndef READS_BUF_H
#define READS_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "compat.h"

struct buf {
	char *data;	/* NULL until the first append */
	size_t len;	/* bytes used, without the terminating NUL */
	size_t cap;	/* bytes allocated */
	size_t max;	/* largest len allowed */
};

/* Prepares an empty buffer that may grow to max bytes. Allocates nothing. */
void buf_init(struct buf *b, size_t max);

/* Frees the storage; the buffer is empty and reusable afterwards. */
void buf_finish(struct buf *b);

/* Empties the buffer but keeps its storage. */
void buf_reset(struct buf *b);

/* The growth path of buf_append(): appends n bytes after making room.
 * Callers use buf_append(). */
bool buf_append_grow(struct buf *b, const void *p, size_t n) WUR;

/* Appends n bytes. False on overflow of max or on allocation failure.
 * Inline because the feed parser and the JSON writers append a few bytes
 * at a time, hundreds of thousands of times per feed: the call and the
 * room check cost more than the copy. */
static inline WUR bool buf_append(struct buf *b, const void *p, size_t n)
{
	if (b->cap - b->len > n && b->max - b->len >= n) {
		if (n)
			memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return true;
	}
	return buf_append_grow(b, p, n);
}

static inline WUR bool buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

static inline WUR bool buf_putc(struct buf *b, char c)
{
	return buf_append(b, &c, 1);
}
bool buf_printf(struct buf *b, const char *fmt, ...) WUR PRINTF_LIKE(2, 3);

/* Returns the contents as a NUL-terminated string (an empty string, never
 * NULL, unless allocation fails) and leaves the buffer empty.
 * Caller frees with free(). */
char *buf_detach(struct buf *b);

/* A newly allocated formatted string; NULL on allocation failure.
 * Caller frees with free(). */
char *str_printf(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Replaces *dst (freed first) with a newly allocated formatted string, or
 * NULL on allocation failure. Does nothing when dst is NULL: for functions
 * whose `char **err` is optional. */
void str_set(char **dst, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Returns data, or "" when nothing was appended yet. Valid until the next
 * change to the buffer. */
const char *buf_str(const struct buf *b);

#endif
