/* libFuzzer harness for the bookmark parsers: the same bytes as a Netscape
 * export and as an OPML list. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bookmarks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bookmark *b = NULL;
	size_t n = 0;
	char *err = NULL;
	if (bookmarks_parse_netscape((const char *)data, size, &b, &n, &err)) {
		if (err)
			abort();
		bookmarks_free(b, n);
	} else if (!err || strchr(err, '\n')) {
		abort(); /* a refusal carries its reason, on one line */
	}
	free(err);
	err = NULL;
	struct strlist urls, names;
	strlist_init(&urls);
	strlist_init(&names);
	if (bookmarks_parse_opml((const char *)data, size, &urls, &names, &err)) {
		if (urls.n != names.n)
			abort();
	} else if (!err || strchr(err, '\n')) {
		abort();
	}
	free(err);
	strlist_finish(&urls);
	strlist_finish(&names);
	return 0;
}
