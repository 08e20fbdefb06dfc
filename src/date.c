#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	const int64_t era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int64_t make_utc(int y, int mo, int d, int h, int mi, int s)
{
	return days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + s;
}

static int digits(const char **p, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return v;
}

/* ISO 8601 / RFC 3339 / W3CDTF: YYYY[-MM[-DD[(T| )hh:mm[:ss[.f]][Z|±hh[:]mm]]]]. */
static int64_t parse_iso(const char *s)
{
	const char *p = s;
	int y = digits(&p, 4), mo = 1, d = 1, h = 0, mi = 0, sec = 0;
	if (y < 0)
		return DATE_NONE;
	if (*p == '-') {
		p++;
		if ((mo = digits(&p, 2)) < 0)
			return DATE_NONE;
		if (*p == '-') {
			p++;
			if ((d = digits(&p, 2)) < 0)
				return DATE_NONE;
		}
	} else if (isdigit((unsigned char)*p)) {
		if ((mo = digits(&p, 2)) < 0 || (d = digits(&p, 2)) < 0)
			return DATE_NONE;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > 31)
		return DATE_NONE;
	int64_t offset = 0;
	if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
		p++;
		if ((h = digits(&p, 2)) < 0)
			return DATE_NONE;
		if (*p == ':')
			p++;
		if ((mi = digits(&p, 2)) < 0)
			return DATE_NONE;
		if (*p == ':' || isdigit((unsigned char)*p)) {
			if (*p == ':')
				p++;
			if ((sec = digits(&p, 2)) < 0)
				return DATE_NONE;
			if (*p == '.' || *p == ',')
				for (p++; isdigit((unsigned char)*p); p++)
					;
		}
		while (*p == ' ')
			p++;
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			int sign = *p == '-' ? -1 : 1;
			p++;
			int oh = digits(&p, 2), om = 0;
			if (oh < 0)
				return DATE_NONE;
			if (*p == ':')
				p++;
			if (isdigit((unsigned char)*p) && (om = digits(&p, 2)) < 0)
				return DATE_NONE;
			offset = sign * (oh * 3600 + om * 60);
		}
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p)
		return DATE_NONE;
	if (h > 24 || mi > 59 || sec > 60)
		return DATE_NONE;
	return make_utc(y, mo, d, h, mi, sec) - offset;
}

int64_t date_parse(const char *s)
{
	if (!s)
		return DATE_NONE;
	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return DATE_NONE;
	int64_t t = parse_iso(s);
	if (t != DATE_NONE)
		return t;
	time_t c = curl_getdate(s, NULL);
	if (c == -1)
		return DATE_NONE;
	return (int64_t)c;
}

void date_format_iso(int64_t t, char out[DATE_ISO_SIZE])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) || tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 0) {
		snprintf(out, DATE_ISO_SIZE, "1970-01-01T00:00:00Z");
		return;
	}
	strftime(out, DATE_ISO_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Runs localtime/mktime under zone tz; restores the previous TZ after.
 * reads is single-threaded, so switching TZ is safe here. */
struct zone_guard {
	char *saved;
	bool had;
};

static void zone_enter(struct zone_guard *g, const char *tz)
{
	const char *old = getenv("TZ");
	g->had = old != NULL;
	g->saved = old ? strdup(old) : NULL;
	if (tz && *tz)
		setenv("TZ", tz, 1);
	tzset();
}

static void zone_leave(struct zone_guard *g)
{
	if (g->had && g->saved)
		setenv("TZ", g->saved, 1);
	else
		unsetenv("TZ");
	free(g->saved);
	tzset();
}

bool date_zone_valid(const char *tz)
{
	if (!tz || !*tz)
		return true;
	/* glibc accepts any name and falls back to UTC silently, so look the
	 * zone up in the tz database the way glibc itself would. */
	if (strstr(tz, "..") || tz[0] == '/')
		return false;
	const char *dirs[] = {getenv("TZDIR"), "/usr/share/zoneinfo"};
	for (size_t i = 0; i < 2; i++) {
		if (!dirs[i])
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dirs[i], tz);
		FILE *f = fopen(path, "rb");
		if (f) {
			char magic[4] = {0};
			size_t n = fread(magic, 1, 4, f);
			fclose(f);
			if (n == 4 && memcmp(magic, "TZif", 4) == 0)
				return true;
		}
	}
	return strcmp(tz, "UTC") == 0 || strcmp(tz, "GMT") == 0;
}

static int64_t local_midnight(int y, int m, int d)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

bool date_month_range(int year, int month, const char *tz, int64_t *start, int64_t *end)
{
	if (month < 1 || month > 12 || !date_zone_valid(tz))
		return false;
	struct zone_guard g;
	zone_enter(&g, tz);
	*start = local_midnight(year, month, 1);
	*end = month == 12 ? local_midnight(year + 1, 1, 1) : local_midnight(year, month + 1, 1);
	zone_leave(&g);
	return true;
}

void date_previous_month(int64_t now, const char *tz, int *year, int *month)
{
	struct zone_guard g;
	zone_enter(&g, tz);
	time_t t = (time_t)now;
	struct tm tm;
	localtime_r(&t, &tm);
	zone_leave(&g);
	*year = tm.tm_year + 1900;
	*month = tm.tm_mon; /* tm_mon is 0-based: this is already the previous month */
	if (*month == 0) {
		*month = 12;
		(*year)--;
	}
}

void date_format_day(int64_t t, const char *tz, char out[11])
{
	struct zone_guard g;
	zone_enter(&g, tz);
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	zone_leave(&g);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

bool date_parse_month(const char *s, int *year, int *month)
{
	const char *p = s;
	int y = digits(&p, 4);
	if (y < 0 || *p++ != '-')
		return false;
	int m = digits(&p, 2);
	if (m < 1 || m > 12 || *p)
		return false;
	*year = y;
	*month = m;
	return true;
}

int64_t date_now(void)
{
	const char *pin = getenv("READS_NOW");
	if (pin && *pin) {
		char *end;
		long long v = strtoll(pin, &end, 10);
		if (!*end)
			return v;
		int64_t t = date_parse(pin);
		if (t != DATE_NONE)
			return t;
	}
	return (int64_t)time(NULL);
}
