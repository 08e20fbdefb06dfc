#include "strlist.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strlist_init(struct strlist *l)
{
	l->v = NULL;
	l->n = 0;
	l->cap = 0;
}

void strlist_finish(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	strlist_init(l);
}

bool strlist_push_owned(struct strlist *l, char *s)
{
	if (!s)
		return false;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		char **v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			free(s);
			return false;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = s;
	return true;
}

bool strlist_push(struct strlist *l, const char *s)
{
	char *c = strdup(s);
	return c && strlist_push_owned(l, c);
}

bool strlist_pushf(struct strlist *l, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = NULL;
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	return n >= 0 && strlist_push_owned(l, s);
}

bool strlist_contains(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}
