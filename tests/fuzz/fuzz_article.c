/* libFuzzer harness for the article extractor: any bytes, with and without a
 * URL and a Content-Type, must give an article or an error, never a crash,
 * and every string out must be valid UTF-8.
 *
 * Build: CC=clang meson setup build-fuzz -Dfuzzers=true -Db_lundef=false \
 *          -Db_sanitize=address,undefined
 * Run:   build-fuzz/tests/fuzz/fuzz_article -max_total_time=300 CORPUS tests/article/pages */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_utf8(const char *s)
{
	if (!s)
		return;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
		if (n < 0)
			abort();
		p++;
		for (int i = 0; i < n; i++, p++)
			if ((*p & 0xC0) != 0x80)
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The first byte picks the optional inputs, so both paths are explored. */
	const char *url = NULL, *ctype = NULL;
	if (size > 0) {
		if (data[0] & 1)
			url = "https://www.example.org/2021/03/15/page";
		if (data[0] & 2)
			ctype = (data[0] & 4) ? "text/html; charset=ISO-8859-1" : "text/html; charset=shift_jis";
		data++;
		size--;
	}
	char *err = NULL;
	struct article *a = article_extract((const char *)data, size, url, ctype, &err);
	if (a) {
		check_utf8(a->title);
		check_utf8(a->author);
		check_utf8(a->site);
		check_utf8(a->text);
		check_utf8(a->title_source);
		check_utf8(a->canonical);
		check_utf8(a->lang);
		if (!a->text)
			abort();
	} else if (!err) {
		abort(); /* NULL must come with a reason */
	}
	article_destroy(a);
	free(err);
	return 0;
}
