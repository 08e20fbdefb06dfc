/* quote_driver — runs quote_candidates over articles for bench.py.
 * stdin: a JSON array of {"text","title","summary","lang"} objects;
 * stdout: a JSON array of arrays of candidates (best first), one per article.
 * Usage: quote_driver [MAX] */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "quote.h"

int main(int argc, char **argv)
{
	size_t max = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 5;
	json_error_t jerr;
	json_t *in = json_loadf(stdin, 0, &jerr);
	if (!json_is_array(in)) {
		fprintf(stderr, "quote_driver: stdin:%d:%d: %s\n", jerr.line, jerr.column, jerr.text);
		return 2;
	}
	json_t *out = json_array();
	size_t i;
	json_t *art;
	json_array_foreach(in, i, art) {
		const char *text = json_string_value(json_object_get(art, "text"));
		const char *title = json_string_value(json_object_get(art, "title"));
		const char *summary = json_string_value(json_object_get(art, "summary"));
		struct quote_options o = {.lang = json_string_value(json_object_get(art, "lang"))};
		char **c = NULL;
		size_t n = 0;
		if (!quote_candidates(text ? text : "", title, summary, &o, max, &c, &n)) {
			fprintf(stderr, "quote_driver: article %zu: out of memory\n", i);
			return 1;
		}
		json_t *list = json_array();
		for (size_t k = 0; k < n; k++) {
			json_array_append_new(list, json_string(c[k]));
			free(c[k]);
		}
		free(c);
		json_array_append_new(out, list);
	}
	json_dumpf(out, stdout, JSON_INDENT(1));
	putchar('\n');
	json_decref(in);
	json_decref(out);
	return 0;
}
