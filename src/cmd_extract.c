/* cmd_extract — `reads extract FILE [--url URL] [--json]`: one page through
 * the article extractor, printed as the JSON object of DESIGN.md. Never
 * touches the network. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "article.h"
#include "commands.h"
#include "date.h"
#include "fileio.h"
#include "limits.h"
#include "quote.h"
#include "url.h"

static const char usage[] =
	"Usage: reads extract FILE [--url URL] [--content-type TYPE] [--json]\n"
	"       reads extract FILE FILE... [--json]\n"
	"\n"
	"Extracts one article page (FILE, or - for standard input): its title,\n"
	"author, date, site name, main text and pull-quote. Never uses the network.\n"
	"\n"
	"Options:\n"
	"  --url URL              the page's address (resolves links, recognises the site);\n"
	"                         an empty URL is the same as none\n"
	"  --content-type TYPE    the HTTP Content-Type, for its charset\n"
	"  --json                 print one JSON object (the default and only format):\n"
	"                         {\"title\",\"author\",\"date\",\"site\",\"text\",\"quote\",\"quotes\",\"sources\"}\n"
	"  -h, --help             this help\n"
	"\n"
	"With several FILEs, prints one compact JSON object per line (JSON Lines),\n"
	"each with a \"file\" key, in the order given.\n";

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* The pull-quote (her pick when the URL carries a text fragment) and the
 * ranked candidates, the chosen one first, with the defaults of feeds.yaml.
 * A fragment the page does not hold is said on stderr. */
static bool pick_quotes(const struct article *a, const char *url, const char *name, char **quote,
			json_t *quotes)
{
	struct quote_options qo = {.lang = a->lang};
	struct quote_choice qc;
	char *directive = url ? url_text_directive(url) : NULL;
	bool ok = quote_choose(a->text, a->title, NULL, NULL, directive, &qo, &qc);
	free(directive);
	if (!ok)
		return false;
	if (qc.warning)
		fprintf(stderr, "reads: extract: %s: %s\n", name, qc.warning);
	*quote = qc.quote;
	qc.quote = NULL;
	if (*quote && json_array_append_new(quotes, json_string(*quote)) != 0)
		ok = false;
	for (size_t i = 0; ok && i < qc.n_alternatives; i++)
		ok = json_array_append_new(quotes, json_string(qc.alternatives[i])) == 0;
	quote_choice_finish(&qc);
	return ok;
}

/* One page: prints its JSON object (pretty, or on one line for a batch). */
static int extract_one(const char *path, const char *url, const char *ctype, bool one_line)
{
	int status = EXIT_NOTHING;
	char *err = NULL, *html = NULL, *quote = NULL, *out = NULL;
	struct article *a = NULL;
	json_t *j = NULL;
	size_t len = 0;
	const char *name = strcmp(path, "-") ? path : "standard input";
	html = file_read(path, LIMIT_PAGE_BYTES, &len, &err);
	if (!html) {
		fprintf(stderr, "reads: extract: %s\n", err ? err : path);
		goto out;
	}
	a = article_extract(html, len, url, ctype, &err);
	if (!a) {
		fprintf(stderr, "reads: extract: %s: %s\n", name, err ? err : "cannot extract");
		goto out;
	}
	char day[11];
	if (a->date != DATE_NONE)
		date_format_day(a->date, "UTC", day);
	j = json_object();
	json_t *quotes = json_array(), *sources = json_object();
	if (!j || !quotes || !sources || !pick_quotes(a, url, name, &quote, quotes)) {
		json_decref(quotes);
		json_decref(sources);
		goto oom;
	}
	json_object_set_new(sources, "title", jstr(a->title_source));
	json_object_set_new(sources, "author", jstr(a->author_source));
	json_object_set_new(sources, "date", jstr(a->date_source));
	json_object_set_new(sources, "site", jstr(a->site_source));
	json_object_set_new(j, "title", jstr(a->title));
	json_object_set_new(j, "author", jstr(a->author));
	json_object_set_new(j, "date", a->date != DATE_NONE ? json_string(day) : json_null());
	json_object_set_new(j, "site", jstr(a->site));
	json_object_set_new(j, "text", json_string(a->text));
	json_object_set_new(j, "quote", jstr(quote));
	json_object_set_new(j, "quotes", quotes);
	json_object_set_new(j, "sources", sources);
	json_object_set_new(j, "canonical", jstr(a->canonical));
	json_object_set_new(j, "lang", jstr(a->lang));
	if (one_line)
		json_object_set_new(j, "file", json_string(path));
	out = json_dumps(j, (one_line ? JSON_COMPACT : JSON_INDENT(2)) | JSON_PRESERVE_ORDER);
	if (!out)
		goto oom;
	if (fputs(out, stdout) == EOF || fputc('\n', stdout) == EOF) {
		perror("reads: extract: standard output");
		goto out;
	}
	status = EXIT_OK;
	goto out;
oom:
	fprintf(stderr, "reads: extract: %s: out of memory\n", name);
out:
	free(out);
	json_decref(j);
	free(quote);
	article_destroy(a);
	free(html);
	free(err);
	return status;
}

int cmd_extract(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"url", required_argument, NULL, 'u'},
		{"content-type", required_argument, NULL, 't'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	const char *url = NULL, *ctype = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'u':
			url = *optarg ? optarg : NULL;
			break;
		case 't':
			ctype = *optarg ? optarg : NULL;
			break;
		case 'j':
			break;
		default:
			return cli_usage_error("extract", "unknown option");
		}
	}
	int nfiles = argc - optind;
	if (nfiles < 1)
		return cli_usage_error("extract", "a FILE is needed");
	if (nfiles > 1 && (url || ctype))
		return cli_usage_error("extract", "--url and --content-type need a single FILE");
	if (nfiles == 1)
		return extract_one(argv[optind], url, ctype, false);
	/* A batch: one JSON object per line, each with its "file"; the pages
	 * that fail are reported on stderr and make the status EXIT_PARTIAL. */
	int failed = 0;
	for (int i = optind; i < argc; i++)
		if (extract_one(argv[i], NULL, NULL, true) != EXIT_OK)
			failed++;
	return failed == 0 ? EXIT_OK : failed == nfiles ? EXIT_NOTHING : EXIT_PARTIAL;
}
