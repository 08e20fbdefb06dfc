/* reads export FILE [--format html|page|wxr] [-o OUT] [--raw-html] */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "export.h"
#include "fileio.h"
#include "limits.h"
#include "log.h"

static const char usage[] =
	"Usage: reads export FILE [--format html|page|wxr] [-o OUT] [--raw-html]\n"
	"\n"
	"Turns an edited draft (digests/YYYY-MM.md) into what the blog takes. The\n"
	"front matter and reads' own comments are left out; typographic quotes and\n"
	"dashes stay as typed. FILE '-' reads standard input.\n"
	"\n"
	"Options:\n"
	"  -f, --format FORMAT   html: an HTML fragment to paste into the blog's editor\n"
	"                              (the default)\n"
	"                        page: a standalone HTML page, to preview the post\n"
	"                        wxr:  a WordPress import file (WXR 1.2) holding the post\n"
	"                              as a draft (Tools > Import > WordPress)\n"
	"  -o, --output OUT      write to OUT (replaced atomically) instead of stdout\n"
	"      --raw-html        keep raw HTML you wrote in the draft (embeds, <div>s);\n"
	"                        without it, it is left out with a warning\n"
	"  -h, --help            this help\n"
	"\n"
	"Exit status: 0 success, 2 usage error, 3 the draft could not be exported.\n";

int cmd_export(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'}, {"output", required_argument, NULL, 'o'},
		{"raw-html", no_argument, NULL, 'R'},	   {"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	enum export_format format = EXPORT_HTML;
	struct export_options opts = {.raw_html = false};
	const char *out_path = NULL;
	int c;
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (strcmp(optarg, "html") == 0)
				format = EXPORT_HTML;
			else if (strcmp(optarg, "page") == 0)
				format = EXPORT_PAGE;
			else if (strcmp(optarg, "wxr") == 0)
				format = EXPORT_WXR;
			else
				return cli_usage_error("export", "unknown format '%s' (html, page or wxr)", optarg);
			break;
		case 'o':
			out_path = optarg;
			break;
		case 'R':
			opts.raw_html = true;
			break;
		case ':':
			return cli_usage_error("export", "%s needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("export", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("export", "which draft? (reads export digests/YYYY-MM.md)");
	if (argc - optind > 1)
		return cli_usage_error("export", "one draft at a time ('%s' is extra)", argv[optind + 1]);
	const char *path = argv[optind];
	const char *name = strcmp(path, "-") == 0 ? "standard input" : path;

	int status = EXIT_NOTHING;
	char *err = NULL, *text = NULL, *result = NULL;
	struct strlist warnings;
	strlist_init(&warnings);
	size_t len;
	text = file_read(path, LIMIT_DRAFT_BYTES, &len, &err);
	if (!text) {
		log_error("%s", err ? err : name);
		goto out;
	}
	if (memchr(text, '\0', len))
		log_warn("%s: holds NUL bytes; they are exported as U+FFFD", name);
	result = export_draft_opts(text, len, format, &opts, &warnings, &err);
	for (size_t i = 0; i < warnings.n; i++)
		log_warn("%s: %s", name, warnings.v[i]);
	if (!result) {
		log_error("%s: %s", name, err ? err : "cannot export");
		goto out;
	}
	if (out_path) {
		free(err);
		err = NULL;
		if (!file_write_atomic(out_path, result, strlen(result), &err)) {
			log_error("%s", err ? err : out_path);
			goto out;
		}
	} else if (fwrite(result, 1, strlen(result), stdout) != strlen(result)) {
		log_error("standard output: write failed");
		goto out;
	}
	status = EXIT_OK;
out:
	strlist_finish(&warnings);
	free(result);
	free(text);
	free(err);
	return status;
}
