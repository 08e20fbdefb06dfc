/* Table-driven test of date_parse_feed() (date_parse and the feed-only
 * forms): tests/feed/dates.tsv, one case a line ("INPUT<TAB>EXPECTED",
 * EXPECTED an ISO date or "none"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "tap.h"

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_dates TABLE\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	char line[512];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || !strchr(line, '\t'))
			continue;
		char *tab = strchr(line, '\t');
		*tab = '\0';
		const char *in = line, *want = tab + 1;
		int64_t t = date_parse_feed(in);
		char got[DATE_ISO_SIZE] = "none";
		if (t != DATE_NONE)
			date_format_iso(t, got);
		char name[600];
		snprintf(name, sizeof name, "date_parse_feed(\"%s\")", in);
		is_str(got, want, name);
	}
	fclose(f);
	return tap_done();
}
