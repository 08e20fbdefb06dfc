#include "textfrag.h"

#include <stdlib.h>
#include <string.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool valid_utf8(const unsigned char *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char b = p[i];
		size_t need;
		unsigned long v;
		if (b < 0x80) {
			i++;
			continue;
		} else if (b >= 0xC2 && b <= 0xDF) {
			need = 2;
			v = b & 0x1F;
		} else if (b >= 0xE0 && b <= 0xEF) {
			need = 3;
			v = b & 0x0F;
		} else if (b >= 0xF0 && b <= 0xF4) {
			need = 4;
			v = b & 0x07;
		} else {
			return false;
		}
		if (i + need > n)
			return false;
		for (size_t k = 1; k < need; k++) {
			if ((p[i + k] & 0xC0) != 0x80)
				return false;
			v = (v << 6) | (p[i + k] & 0x3F);
		}
		if ((need == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) || (need == 4 && (v < 0x10000 || v > 0x10FFFF)))
			return false;
		i += need;
	}
	return true;
}

char *textfrag_decode(const char *s, size_t n)
{
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		int h, l;
		if (s[i] == '%' && i + 2 < n && (h = hexval(s[i + 1])) >= 0 && (l = hexval(s[i + 2])) >= 0) {
			out[o++] = (char)(h * 16 + l);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	if (!valid_utf8((const unsigned char *)out, o) || memchr(out, '\0', o)) {
		free(out);
		return NULL;
	}
	return out;
}

static void tf_finish(struct textfrag *t)
{
	free(t->prefix);
	free(t->start);
	free(t->end);
	free(t->suffix);
	memset(t, 0, sizeof *t);
}

void textfrag_list_finish(struct textfrag_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		tf_finish(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* One term of [b, e): decoded; *bad set when it is empty or not UTF-8. */
static char *term(const char *b, const char *e, bool *bad, bool *oom)
{
	if (e <= b) {
		*bad = true;
		return NULL;
	}
	char *t = textfrag_decode(b, (size_t)(e - b));
	if (!t) {
		/* tell allocation failure from bad UTF-8 */
		char *probe = malloc((size_t)(e - b) + 1);
		if (!probe)
			*oom = true;
		free(probe);
		*bad = true;
	} else if (!*t) {
		free(t);
		t = NULL;
		*bad = true;
	}
	return t;
}

/* Parses the value of one "text=" directive ([b, e)). *bad when malformed. */
static bool parse_one(const char *b, const char *e, struct textfrag *t, bool *bad)
{
	const char *tok[5];
	size_t tl[5];
	size_t n = 0;
	const char *p = b;
	for (;;) {
		const char *c = memchr(p, ',', (size_t)(e - p));
		const char *end = c ? c : e;
		if (n == 4) {
			*bad = true;
			return true;
		}
		tok[n] = p;
		tl[n] = (size_t)(end - p);
		n++;
		if (!c)
			break;
		p = c + 1;
	}
	size_t first = 0, last = n;
	bool oom = false;
	memset(t, 0, sizeof *t);
	if (tl[0] > 0 && tok[0][tl[0] - 1] == '-') {
		t->prefix = term(tok[0], tok[0] + tl[0] - 1, bad, &oom);
		first = 1;
	}
	if (last > first && tl[last - 1] > 0 && tok[last - 1][0] == '-') {
		t->suffix = term(tok[last - 1] + 1, tok[last - 1] + tl[last - 1], bad, &oom);
		last--;
	}
	size_t mid = last - first;
	if (mid != 1 && mid != 2) {
		*bad = true;
	} else {
		t->start = term(tok[first], tok[first] + tl[first], bad, &oom);
		if (mid == 2)
			t->end = term(tok[first + 1], tok[first + 1] + tl[first + 1], bad, &oom);
	}
	if (*bad)
		tf_finish(t);
	return !oom;
}

bool textfrag_parse(const char *directive, struct textfrag_list *out)
{
	out->v = NULL;
	out->n = 0;
	if (!directive)
		return true;
	const char *p = directive;
	if (*p == '#')
		p++;
	const char *d = strstr(p, ":~:");
	if (d)
		p = d + 3;
	size_t cap = 0;
	while (*p) {
		const char *amp = strchr(p, '&');
		const char *end = amp ? amp : p + strlen(p);
		if ((size_t)(end - p) > 5 && strncmp(p, "text=", 5) == 0) {
			struct textfrag t;
			bool bad = false;
			if (!parse_one(p + 5, end, &t, &bad))
				goto oom;
			if (!bad) {
				if (out->n == cap) {
					size_t ncap = cap ? cap * 2 : 4;
					struct textfrag *nv = realloc(out->v, ncap * sizeof *nv);
					if (!nv) {
						tf_finish(&t);
						goto oom;
					}
					out->v = nv;
					cap = ncap;
				}
				out->v[out->n++] = t;
			}
		}
		if (!amp)
			break;
		p = amp + 1;
	}
	return true;
oom:
	textfrag_list_finish(out);
	return false;
}
