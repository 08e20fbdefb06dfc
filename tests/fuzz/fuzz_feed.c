/* libFuzzer harness for the feed parser: the input is pushed in small
 * chunks whose size comes from the first byte (every split must give a
 * sane result), then the same bytes go through feed_parse() whole and
 * through date_parse() and feed_discover(). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "feed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool count_item(const struct feed_item *it, void *ctx)
{
	size_t *n = ctx;
	/* touch every field so sanitizers see bad pointers */
	size_t k = 0;
	const char *f[] = {it->title, it->link, it->id, it->author, it->summary, it->content};
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		if (f[i])
			k += strlen(f[i]);
	for (size_t i = 0; i < it->categories.n; i++)
		k += strlen(it->categories.v[i]);
	*n += k + 1;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	size_t chunk = (size_t)(data[0] % 64) + 1;
	data++;
	size--;
	struct feed_source src = {"http://example.org/feed/", NULL};
	size_t n = 0;
	struct feed_parser *p = feed_parser_create(&src, count_item, &n);
	if (!p)
		return 0;
	for (size_t off = 0; off < size; off += chunk) {
		size_t len = size - off < chunk ? size - off : chunk;
		if (!feed_parser_push(p, (const char *)data + off, len))
			break;
	}
	if (!feed_parser_finish(p))
		(void)feed_parser_error(p);
	(void)feed_parser_meta(p);
	feed_parser_destroy(p);

	char *err = NULL;
	struct feed *f = feed_parse((const char *)data, size, &src, &err);
	feed_destroy(f);
	free(err);

	if (size < 256) {
		char s[256];
		memcpy(s, data, size);
		s[size] = '\0';
		(void)date_parse(s);
	}
	struct strlist out;
	strlist_init(&out);
	if (feed_discover((const char *)data, size, "http://example.org/", &out))
		(void)0;
	strlist_finish(&out);
	return 0;
}
