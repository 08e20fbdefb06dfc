/* Golden test of draft_compose: test_compose NAME GOLDEN_DIR [EXAMPLE]
 * composes fixture NAME (fixtures.h) and compares it with GOLDEN_DIR/NAME.md;
 * with EXAMPLE (the shared example draft), also with that file byte for
 * byte.  READS_REGEN=1 in the environment rewrites the golden file. */
#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "fileio.h"
#include "fixtures.h"
#include "tap.h"

static size_t count_nodes(cmark_node *root, cmark_node_type type, int level)
{
	size_t n = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == type &&
		    (level == 0 || cmark_node_get_heading_level(node) == level))
			n++;
	}
	cmark_iter_free(it);
	return n;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: test_compose NAME GOLDEN_DIR [EXAMPLE]\n");
		return 2;
	}
	const struct fixture *f = fixture_find(argv[1]);
	if (!f) {
		fprintf(stderr, "no fixture %s\n", argv[1]);
		return 2;
	}
	char *path = NULL, *err = NULL;
	if (asprintf(&path, "%s/%s.md", argv[2], f->name) < 0)
		return 2;
	char *got = draft_compose(&f->doc);
	ok(got != NULL, "%s: composed", f->name);
	if (!got)
		return tap_done();
	if (getenv("READS_REGEN") && !file_write_atomic(path, got, strlen(got), &err))
		fprintf(stderr, "%s\n", err);
	size_t len;
	char *want = file_read(path, 1 << 20, &len, &err);
	if (!want)
		printf("# %s\n", err);
	is_str(got, want, "equals the golden file");

	/* the format's invariants */
	size_t body;
	unsigned body_line;
	ok(draft_front_matter(got, strlen(got), &body, &body_line, NULL), "has front matter");
	ok(strstr(got, "\ndraft: true\n---\n") != NULL, "draft: true closes the front matter");
	ok(strstr(got, "\n<!-- reads: intro. Write the opening here; a re-run never changes what you write. -->\n") != NULL,
	   "intro marker");
	if (f->doc.signature) {
		char *tail = NULL;
		if (asprintf(&tail, "\n\n%.*s\n", (int)strcspn(f->doc.signature, "\n"), f->doc.signature) < 0)
			return 2;
		size_t gl = strlen(got), tl = strlen(tail);
		ok(gl > tl && strcmp(got + gl - tl, tail) == 0, "the signature is the last line");
		free(tail);
	}
	struct strlist keys;
	strlist_init(&keys);
	bool read = draft_keys(got, strlen(got), &keys, &err);
	ok(read, "draft_keys reads it back%s%s", err ? ": " : "", err ? err : "");
	is_int((long long)keys.n, (long long)f->doc.n_entries, "one key per entry");
	for (size_t i = 0; i < keys.n && i < f->doc.n_entries; i++)
		is_str(keys.v[i], f->doc.entries[i].key, "key in order");
	strlist_finish(&keys);

	cmark_node *doc = cmark_parse_document(got + body, strlen(got + body), CMARK_OPT_DEFAULT);
	is_int((long long)count_nodes(doc, CMARK_NODE_HEADING, 3), (long long)f->doc.n_entries,
	       "one level-3 heading per entry");
	size_t quoted = 0;
	for (size_t i = 0; i < f->doc.n_entries; i++)
		quoted += f->doc.entries[i].quote && *f->doc.entries[i].quote;
	is_int((long long)count_nodes(doc, CMARK_NODE_BLOCK_QUOTE, 0), (long long)quoted,
	       "one blockquote per quoted entry, nothing else quoted");
	is_int((long long)count_nodes(doc, CMARK_NODE_LIST, 0), 0, "no list escapes a comment");
	cmark_node_free(doc);

	if (argc > 3) {
		char *ex = file_read(argv[3], 1 << 20, &len, &err);
		if (ex)
			is_str(got, ex, "byte-identical to the shared example draft");
		else
			printf("# skipping the shared example: %s\n", err);
		free(ex);
	}
	free(want);
	free(got);
	free(path);
	free(err);
	return tap_done();
}
