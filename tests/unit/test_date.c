#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "tap.h"

/* t formatted is want (NULL: no date) */
static void is_date(int64_t t, const char *in, const char *want)
{
	char out[DATE_ISO_SIZE];
	if (t == DATE_NONE) {
		is_str(NULL, want, in);
		return;
	}
	date_format_iso(t, out);
	is_str(out, want, in);
}

static void iso(const char *in, const char *want)
{
	is_date(date_parse(in), in, want);
}

static void feed(const char *in, const char *want)
{
	is_date(date_parse_feed(in), in, want);
}

int main(void)
{
	iso("2010-11-05T14:03:00Z", "2010-11-05T14:03:00Z");
	iso("2010-11-05T14:03:00+01:00", "2010-11-05T13:03:00Z");
	iso("2010-11-05T14:03:00.123-0500", "2010-11-05T19:03:00Z");
	iso("2010-11-05", "2010-11-05T00:00:00Z");
	iso("2010-11", "2010-11-01T00:00:00Z");
	iso("Fri, 05 Nov 2010 14:03:00 GMT", "2010-11-05T14:03:00Z");
	iso("Fri, 05 Nov 2010 14:03:00 +0100", "2010-11-05T13:03:00Z");
	iso("", NULL);
	iso("yesterday-ish", NULL);
	iso("2010-13-01", NULL);
	iso("last tuesday", NULL); /* two words: once read past its token array */
	iso("Jan 2004", NULL);
	/* month first with a comma: once read as Perforce's "Fri, 2006/09/15",
	 * the year alone (2004-01-01) */
	iso("Jan 2, 2004", "2004-01-02T00:00:00Z");
	iso("Jan 12, 2004", "2004-01-12T00:00:00Z");
	iso("January 2, 2004", "2004-01-02T00:00:00Z");
	iso("Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z");
	iso("Friday, 2006/09/15 08:19:53 EDT", "2006-09-15T12:19:53Z");
	/* ISO 8601:2000's two-digit years: in feeds only, in this century as
	 * feedparser reads them */
	ok(date_parse("03-12-31") == DATE_NONE, "date_parse takes no two-digit year");
	ok(date_parse("031231") == DATE_NONE, "nor six digits");
	feed("03-12-31", "2003-12-31T00:00:00Z");
	feed("031231", "2003-12-31T00:00:00Z");
	feed("-03-12", "2003-12-01T00:00:00Z");
	feed("-0312", "2003-12-01T00:00:00Z");
	feed("03335", "2003-12-01T00:00:00Z");
	feed("03-335", "2003-12-01T00:00:00Z");
	feed("03-12-31T10:14:55Z", "2003-12-31T10:14:55Z");
	feed(" 03-12-31", "2003-12-31T00:00:00Z");
	feed("03-13-31", NULL);
	feed("03-12-31x", NULL);
	feed("-03", NULL);
	feed("2010-11-05T14:03:00Z", "2010-11-05T14:03:00Z");

	int y, m;
	ok(date_parse_month("2010-11", &y, &m) && y == 2010 && m == 11, "YYYY-MM parses");
	ok(!date_parse_month("2010-13", &y, &m), "month 13 is refused");
	ok(!date_parse_month("2010-1", &y, &m), "one-digit month is refused");

	int64_t s, e;
	ok(date_month_range(2010, 11, "UTC", &s, &e), "UTC month range");
	is_int(s, 1288569600, "November 2010 starts at 2010-11-01T00:00Z");
	is_int(e, 1291161600, "and ends at 2010-12-01T00:00Z");
	ok(date_month_range(2010, 12, "Asia/Tokyo", &s, &e), "Tokyo month range");
	is_int(s, 1291161600 - 9 * 3600, "December 2010 in Tokyo starts 9 h before UTC's");
	ok(!date_month_range(2010, 11, "Mars/Olympus", &s, &e), "an unknown zone is refused");

	date_previous_month(1291161600 + 3600, "UTC", &y, &m);
	ok(y == 2010 && m == 11, "the month before 2010-12-01 is 2010-11");
	date_previous_month(1262304000 + 3600, "UTC", &y, &m);
	ok(y == 2009 && m == 12, "the month before 2010-01-01 is 2009-12");

	char day[11];
	date_format_day(1291161600 - 3600, "Asia/Tokyo", day);
	is_str(day, "2010-12-01", "day in a zone ahead of UTC");

	/* A page's day (noon UTC) stays that day, and that month, in every zone:
	 * noon UTC of January 31 is already February in New Zealand. */
	static const char *const zones[] = {"UTC", "Pacific/Auckland", "Pacific/Kiritimati", "Etc/GMT+12",
					    "America/St_Johns", "Asia/Kolkata"};
	for (size_t i = 0; i < sizeof zones / sizeof *zones; i++) {
		int64_t noon = date_day_in_zone(date_parse("2011-01-31T12:00:00Z"), zones[i]);
		date_format_day(noon, zones[i], day);
		ok(!strcmp(day, "2011-01-31") && date_month_range(2011, 1, zones[i], &s, &e) && noon >= s && noon < e,
		   "January 31 is January's in %s (%s)", zones[i], day);
	}
	ok(date_day_in_zone(date_parse("2011-01-31T00:00:00Z"), "UTC") == date_parse("2011-01-31T12:00:00Z"),
	   "the day of a midnight is that day, at noon");
	ok(date_day_in_zone(DATE_NONE, "UTC") == DATE_NONE, "no date stays none");
	return tap_done();
}
