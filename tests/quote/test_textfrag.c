/* Text fragments: the parse and match tables (textfrag-parse.tsv,
 * textfrag-match.tsv over textfrag-texts.txt). argv[1]: this directory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "quote.h"
#include "tap.h"
#include "textfrag.h"

static char *slurp(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b;
	buf_init(&b, 1 << 20);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (!buf_append(&b, chunk, n))
			break;
	fclose(f);
	return buf_detach(&b);
}

static char *render(const struct textfrag_list *l)
{
	struct buf b;
	buf_init(&b, 1 << 16);
	for (size_t i = 0; i < l->n; i++) {
		const struct textfrag *t = &l->v[i];
		bool ok = (i == 0 || buf_puts(&b, " | ")) && (!t->prefix || buf_printf(&b, "p=%s ", t->prefix)) &&
			  buf_printf(&b, "s=%s", t->start) && (!t->end || buf_printf(&b, " e=%s", t->end)) &&
			  (!t->suffix || buf_printf(&b, " x=%s", t->suffix));
		if (!ok)
			break;
	}
	if (l->n == 0 && !buf_puts(&b, "(none)"))
		return NULL;
	return buf_detach(&b);
}

/* Splits a table line into at most n tab-separated fields (in place). */
static size_t fields(char *line, char **f, size_t n)
{
	size_t k = 0;
	f[k++] = line;
	for (char *p = line; *p && k < n; p++) {
		if (*p == '\t') {
			*p = '\0';
			f[k++] = p + 1;
		}
	}
	return k;
}

static void unescape_nl(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (p[0] == '\\' && p[1] == 'n') {
			*o++ = '\n';
			p++;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
}

/* The body of "== name" in texts (trailing newline removed). */
static char *text_named(const char *texts, const char *name)
{
	char head[256];
	snprintf(head, sizeof head, "== %s\n", name);
	const char *p = strstr(texts, head);
	if (!p)
		return NULL;
	p += strlen(head);
	const char *e = strstr(p, "\n== ");
	size_t n = e ? (size_t)(e - p) : strlen(p);
	while (n > 0 && p[n - 1] == '\n')
		n--;
	return strndup(p, n);
}

static void parse_table(const char *dir)
{
	char *t = slurp(dir, "textfrag-parse.tsv");
	ok(t != NULL, "textfrag-parse.tsv read");
	if (!t)
		return;
	char *save = NULL;
	for (char *line = strtok_r(t, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		char *f[2];
		if (fields(line, f, 2) != 2) {
			ok(false, "bad table line: %s", line);
			continue;
		}
		struct textfrag_list l;
		if (!textfrag_parse(f[0], &l)) {
			ok(false, "parse %s: out of memory", f[0]);
			continue;
		}
		char *got = render(&l);
		char name[512];
		snprintf(name, sizeof name, "parse \"%s\"", f[0]);
		is_str(got, f[1], name);
		free(got);
		textfrag_list_finish(&l);
	}
	free(t);
}

static void match_table(const char *dir)
{
	char *texts = slurp(dir, "textfrag-texts.txt");
	char *t = slurp(dir, "textfrag-match.tsv");
	ok(texts && t, "textfrag-match.tsv and textfrag-texts.txt read");
	if (!texts || !t) {
		free(texts);
		free(t);
		return;
	}
	char *save = NULL;
	for (char *line = strtok_r(t, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '#')
			continue;
		char *f[3];
		if (fields(line, f, 3) != 3) {
			ok(false, "bad table line: %s", line);
			continue;
		}
		char *text = text_named(texts, f[0]);
		if (!text) {
			ok(false, "no text named %s", f[0]);
			continue;
		}
		unescape_nl(f[2]);
		char *got = quote_from_directive(text, f[1]);
		char name[512];
		snprintf(name, sizeof name, "match %s \"%s\"", f[0], f[1]);
		is_str(got, strcmp(f[2], "(none)") == 0 ? NULL : f[2], name);
		free(got);
		free(text);
	}
	free(texts);
	free(t);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	parse_table(dir);
	match_table(dir);

	/* percent-decoding on its own */
	char *d = textfrag_decode("a%20b%2c%2D%26", 14);
	is_str(d, "a b,-&", "decode: lower- and upper-case hex");
	free(d);
	ok(textfrag_decode("%C3%28", 6) == NULL, "decode: invalid UTF-8 refused");

	/* edge inputs of the matcher */
	ok(quote_from_directive("", "text=a") == NULL, "empty text matches nothing");
	ok(quote_from_directive("some text", "") == NULL, "empty directive matches nothing");
	ok(quote_from_directive(NULL, "text=a") == NULL, "NULL text matches nothing");
	char *m = quote_from_directive("bad \xFF\xFE bytes here", "text=bytes%20here");
	is_str(m, "bytes here", "invalid UTF-8 in the text does not break matching");
	free(m);
	m = quote_from_directive("emoji \xF0\x9F\x98\x80 then words", "text=then%20words");
	is_str(m, "then words", "astral code points keep offsets right");
	free(m);
	/* hostile shapes stay linear: many starts, no end (meson's timeout) */
	struct buf big;
	buf_init(&big, 1 << 22);
	bool built = true;
	for (int i = 0; i < 100000 && built; i++)
		built = buf_puts(&big, i % 1000 == 999 ? "a\n\n" : "a ");
	char *bt = buf_detach(&big);
	ok(built && bt, "200 kB of repeated words built");
	if (bt) {
		ok(quote_from_directive(bt, "text=a,a,-b") == NULL, "many starts and ends, suffix absent: none");
		ok(quote_from_directive(bt, "text=x-,a") == NULL, "many starts, prefix absent: none");
		ok(quote_from_directive(bt, "text=a,-b") == NULL, "many starts, suffix absent: none");
		m = quote_from_directive(bt, "text=a-,a,a,-a");
		is_str(m, "a a", "many starts: the first that fits");
		free(m);
	}
	free(bt);
	return tap_done();
}
