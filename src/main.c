/* reads — builds the month's "Enterprise 2.0 reads" draft from feeds and
 * bookmarks. This file parses the global options and dispatches. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

static const char usage[] =
	"Usage: reads [-c FILE] [-a FILE] [-q|-v] COMMAND [ARGS]\n"
	"\n"
	"Builds the month's reading-list post from the feeds and bookmarks in feeds.yaml.\n"
	"\n"
	"Commands:\n"
	"  fetch                 poll every feed and bookmark source; keep new items\n"
	"  draft [YYYY-MM]       fetch, then write or update the month's draft\n"
	"                        (default: the month that just ended)\n"
	"  export FILE           the edited draft as HTML (--format html|page|wxr)\n"
	"  publish FILE          send it to the WordPress blog as a draft post, or\n"
	"                        update the post it became\n"
	"  add URL [--quote T]   bookmark one URL from the shell\n"
	"  status                one line per feed: last success, errors, next fetch;\n"
	"                        bookmarks whose month is still unknown\n"
	"  check                 validate feeds.yaml\n"
	"  parse FILE --json     one feed as JSON (debugging, benchmarks)\n"
	"  extract FILE --json   one article page as JSON (debugging, benchmarks)\n"
	"\n"
	"Options:\n"
	"  -c, --config FILE     the configuration (default: ./feeds.yaml)\n"
	"  -a, --archive FILE    the archive (default: archive: in feeds.yaml, else\n"
	"                        reads.db beside it)\n"
	"  -q, --quiet           errors only\n"
	"  -v, --verbose         warnings and details too\n"
	"  -h, --help            this help; 'reads COMMAND --help' for a command's\n"
	"  -V, --version         the version\n"
	"\n"
	"Exit status: 0 success, 1 some sources failed but the work was done,\n"
	"2 usage or configuration error, 3 nothing could be done.\n";

struct command {
	const char *name;
	int (*run)(const struct cli *, int, char **);
};

static const struct command commands[] = {
	{"fetch", cmd_fetch},	  {"draft", cmd_draft}, {"export", cmd_export},
	{"add", cmd_add},	  {"status", cmd_status}, {"check", cmd_check},
	{"parse", cmd_parse},	  {"extract", cmd_extract}, {"publish", cmd_publish},
};

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"config", required_argument, NULL, 'c'}, {"archive", required_argument, NULL, 'a'},
		{"quiet", no_argument, NULL, 'q'},
		{"verbose", no_argument, NULL, 'v'},	   {"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},	   {0, 0, 0, 0},
	};
	struct cli cli = {.config_path = "feeds.yaml", .level = LOG_LEVEL_NORMAL, .argv0 = argv[0]};
	int c;
	/* '+': stop at the command, whose options are its own. */
	while ((c = getopt_long(argc, argv, "+c:a:qvhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			cli.config_path = optarg;
			break;
		case 'a':
			cli.archive_path = optarg;
			break;
		case 'q':
			cli.level = LOG_LEVEL_QUIET;
			break;
		case 'v':
			cli.level = LOG_LEVEL_VERBOSE;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		case 'V':
			printf("reads %s\n", READS_VERSION);
			return EXIT_OK;
		default:
			fputs("Try 'reads --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	const char *name = argv[optind];
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
		if (strcmp(name, commands[i].name) != 0)
			continue;
		log_init(cli.level);
		int sub_argc = argc - optind;
		char **sub_argv = argv + optind;
		optind = 0; /* glibc: re-initialise getopt for the command's own options */
		int status = commands[i].run(&cli, sub_argc, sub_argv);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			perror("reads: standard output");
			return EXIT_NOTHING;
		}
		return status;
	}
	fprintf(stderr, "reads: '%s' is not a command. Try 'reads --help'.\n", name);
	return EXIT_USAGE;
}
