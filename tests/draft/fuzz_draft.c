/* libFuzzer harness for the draft reader, merger and exporter (built with
 * -Dfuzzers=true and clang).  The input is a draft; the invariants of
 * test_mutate.c are checked and a violation aborts:
 *   merge keeps every input byte in order or refuses with a reason, the
 *   merged draft reads back and a second merge changes nothing, and export
 *   never lets a "<!-- reads:" comment through. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const alternatives[] = {"Qk2 -- from the page", "Qk3"};
/* K's page read this run: a draft that still says its page could not be
 * fetched gets its quotes, once */
static const struct draft_entry entries[] = {
	{.key = "https://new.example/a", .link = "https://new.example/a", .title = "New A", .quote = "Qa"},
	{.key = "https://x.example/k", .link = "https://x.example/k", .title = "K", .quote = "Qk",
	 .alternatives = alternatives, .n_alternatives = 2, .page_read = true},
};
static const struct draft_candidate cand = {.key = "https://new.example/c", .link = "https://new.example/c", .title = "C"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *t = (const char *)data;
	struct draft_doc doc = {.title = "T", .month = "2010-11", .date = "2010-12-01", .signature = "Lamia Ben.",
				.entries = entries, .n_entries = 2, .candidates = &cand, .n_candidates = 1};
	struct strlist keys;
	strlist_init(&keys);
	char *err = NULL;
	(void)!draft_keys(t, size, &keys, &err);
	strlist_finish(&keys);
	free(err);
	err = NULL;
	char *m = draft_merge(t, size, &doc, &err);
	if (!m && !err)
		abort();
	if (m) {
		size_t ml = strlen(m), j = 0;
		bool blank = true; /* a blank draft is composed afresh */
		for (size_t i = 0; i < size && blank; i++)
			blank = t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r';
		for (size_t i = 0; i < ml && j < size; i++)
			if (m[i] == t[j])
				j++;
		if (j != size && !blank)
			abort(); /* an input byte was lost */
		strlist_init(&keys);
		char *e2 = NULL;
		if (!draft_keys(m, ml, &keys, &e2))
			abort();
		strlist_finish(&keys);
		char *again = draft_merge(m, ml, &doc, NULL);
		if (!again || strcmp(again, m) != 0)
			abort();
		free(again);
		free(m);
	}
	free(err);
	for (int f = EXPORT_HTML; f <= EXPORT_WXR; f++) {
		char *e3 = NULL;
		char *x = export_draft(t, size, (enum export_format)f, &e3);
		if ((!x && !e3) || (x && strstr(x, "<!-- reads:")))
			abort();
		free(x);
		free(e3);
	}
	return 0;
}
