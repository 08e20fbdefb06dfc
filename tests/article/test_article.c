/* The article_extract() interface on empty, hostile and odd input: errors
 * with a reason, never a crash, always valid UTF-8 out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "date.h"
#include "limits.h"
#include "tap.h"

static bool valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0 || (n && *p < 0xC2 && n == 1))
			return false;
		p++;
		for (int i = 0; i < n; i++, p++)
			if ((*p & 0xC0) != 0x80)
				return false;
	}
	return true;
}

static struct article *run(const char *html, size_t len, char **err)
{
	return article_extract(html, len, NULL, NULL, err);
}

int main(void)
{
	char *err = NULL;
	struct article *a;

	a = run("", 0, &err);
	ok(!a && err, "empty page: an error");
	printf("# %s\n", err ? err : "");
	free(err);

	a = run("   \n\t ", 6, &err);
	ok(!a && err, "blank page: an error");
	free(err);

	/* Over the page cap: refused with the figures, not parsed. */
	size_t big = LIMIT_PAGE_BYTES + 1;
	char *huge = malloc(big);
	memset(huge, 'a', big);
	a = run(huge, big, &err);
	ok(!a && err && strstr(err, "limit"), "page over LIMIT_PAGE_BYTES refused");
	free(err);
	free(huge);

	/* Plain text is still a page (libxml2 wraps it in <p>). */
	const char *plain = "Just words, no markup at all, in a file that someone saved.";
	a = run(plain, strlen(plain), &err);
	ok(a && a->text && strstr(a->text, "Just words"), "text without markup");
	ok(a && a->date == DATE_NONE && !a->title && !a->author, "no metadata invented");
	article_destroy(a);

	/* 100000 nested divs: pruned at LIMIT_TREE_DEPTH, no stack overflow. */
	size_t depth = 100000;
	char *deep = malloc(depth * 11 + 64);
	char *w = deep;
	for (size_t i = 0; i < depth; i++)
		w += sprintf(w, "<div>");
	w += sprintf(w, "deep text");
	for (size_t i = 0; i < depth; i++)
		w += sprintf(w, "</div>");
	a = run(deep, (size_t)(w - deep), &err);
	ok(a != NULL, "deeply nested page handled");
	article_destroy(a);
	free(deep);

	/* NUL bytes, stray bytes and broken UTF-8: text out is valid UTF-8. */
	static const char broken[] = "<html><head><title>Caf\xe9 \x93quoted\x94</title></head><body><p>"
				     "A paragraph with a NUL \0 byte, a stray \xff byte and a cut \xe2\x82 sequence, "
				     "long enough to be the article's main text for the extractor to keep it.</p></body></html>";
	a = run(broken, sizeof broken - 1, &err);
	ok(a && valid_utf8(a->text) && (!a->title || valid_utf8(a->title)), "broken bytes give valid UTF-8");
	is_str(a ? a->title : NULL, "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d", "windows-1252 fallback in the title");
	ok(a && strstr(a->text, "NUL") && strstr(a->text, "stray"), "text around the NUL kept");
	article_destroy(a);

	/* Invalid JSON-LD is ignored, the rest still read. */
	static const char badld[] = "<html><head><script type='application/ld+json'>{\"@type\": \"Article\", "
				    "\"author\": [1, {\"name\": </script><meta name='author' content='Jane Doe'>"
				    "</head><body><p>Body text.</p></body></html>";
	a = run(badld, sizeof badld - 1, &err);
	is_str(a ? a->author : NULL, "Jane Doe", "broken JSON-LD skipped");
	article_destroy(a);

	/* Trimming punctuation never splits a character ("â" ends in 0xA2, a
	 * byte of "•" too). */
	static const char trim[] = "<html><head><meta name='author' content='By Jo J\xc3\xa2 \xe2\x80\x94'>"
				   "</head><body><p>x</p></body></html>";
	a = run(trim, sizeof trim - 1, &err);
	is_str(a ? a->author : NULL, "Jo J\xc3\xa2", "author trimmed on character boundaries");
	article_destroy(a);

	/* canonical and lang */
	static const char canon[] = "<html lang='de'><head><link rel='canonical' href='/a/b'></head>"
				    "<body><p>x</p></body></html>";
	a = article_extract(canon, sizeof canon - 1, "https://example.org/x/y?z", NULL, &err);
	is_str(a ? a->canonical : NULL, "https://example.org/a/b", "canonical resolved against the URL");
	is_str(a ? a->lang : NULL, "de", "html lang");
	article_destroy(a);

	/* The publication day is kept as noon UTC of the day the publisher
	 * shows (here the evening of Oct 31 in New York, Nov 1 in UTC), so that
	 * it falls in October in every zone a draft's month may be cut in. */
	static const char late[] = "<html><head><meta property='article:published_time' "
				   "content='2019-10-31T23:30:00-05:00'></head><body><p>x</p></body></html>";
	a = article_extract(late, sizeof late - 1, "https://example.org/post", NULL, &err);
	ok(a && a->date == date_parse("2019-10-31T12:00:00Z"), "date: noon UTC of the publisher's day");
	int64_t start, end;
	bool in_month = a && date_month_range(2019, 10, "America/Los_Angeles", &start, &end) && a->date >= start &&
			a->date < end && date_month_range(2019, 10, "Asia/Tokyo", &start, &end) && a->date >= start &&
			a->date < end;
	ok(in_month, "date: in October from Los Angeles to Tokyo");
	article_destroy(a);

	article_destroy(NULL);
	ok(true, "article_destroy(NULL)");
	return tap_done();
}
