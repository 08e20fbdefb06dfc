#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

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

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads 1..max digits; -1 when there is none. */
static int number(const char **p, int max)
{
	int v = 0, n = 0;
	while (n < max && is_digit(**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n ? v : -1;
}

static int month_days(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static int64_t checked(int y, int mo, int d, int h, int mi, int s, int64_t offset)
{
	if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo) || h < 0 ||
	    h > 24 || mi < 0 || mi > 59 || s < 0 || s > 60 || (h == 24 && (mi || s)))
		return DATE_NONE;
	if (s == 60)
		s = 59;
	return make_utc(y, mo, d, h, mi, s) - offset;
}

/* A numeric zone "Z", "+hh", "+hhmm", "+hh:mm" at *p; false on garbage. */
static bool zone_numeric(const char **p, int64_t *offset)
{
	const char *q = *p;
	if (*q == 'Z' || *q == 'z') {
		*p = q + 1;
		*offset = 0;
		return true;
	}
	if (*q != '+' && *q != '-')
		return false;
	int sign = *q == '-' ? -1 : 1;
	q++;
	int oh = digits(&q, 2), om = 0;
	if (oh < 0)
		return false;
	if (*q == ':')
		q++;
	if (is_digit(*q)) {
		if ((om = digits(&q, 2)) < 0)
			return false;
	} else if (q[-1] == ':') {
		return false;
	}
	if (oh > 23 || om > 59)
		return false;
	*offset = sign * (oh * 3600 + om * 60);
	*p = q;
	return true;
}

static bool zone_name(const char *w, size_t n, int64_t *offset);

/* Hungarian month names (feedparser's _parse_date_hungarian). */
static int month_hungarian(const char *w, size_t n)
{
	static const char *const hu[] = {"janu\xc3\xa1r", "febru\xc3\xa1r", "m\xc3\xa1rcius",
					 "\xc3\xa1prilis", "m\xc3\xa1jus", "j\xc3\xbanius",
					 "j\xc3\xbalius", "augusztus", "szeptember",
					 ("okt\xc3\xb3" "ber"), "november", "december"};
	for (int i = 0; i < 12; i++)
		if (strlen(hu[i]) == n && memcmp(hu[i], w, n) == 0)
			return i + 1;
	if (n == 8 && memcmp(w, "m\xc3\xa1ujus", 8) == 0)
		return 5;
	return 0;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

/* Days since the epoch of day `wday` (1 = Monday) of ISO week `week` of
 * ISO year y (ISO 8601-1 §5.2.4: week 01 holds the year's first Thursday,
 * i.e. January 4th), or DATE_NONE when the year has no such week. */
static int64_t week_day(int y, int week, int wday)
{
	int64_t jan4 = days_from_civil(y, 1, 4);
	int64_t monday1 = jan4 - (jan4 + 3) % 7; /* 1970-01-01 was a Thursday */
	int64_t next_monday1 = days_from_civil(y + 1, 1, 4);
	next_monday1 -= (next_monday1 + 3) % 7;
	int64_t day = monday1 + (int64_t)(week - 1) * 7 + (wday - 1);
	if (week < 1 || wday < 1 || wday > 7 || day >= next_monday1)
		return DATE_NONE;
	return day;
}

/* Reads a decimal fraction ("," or "." then digits) at *p as millionths. */
static int64_t fraction(const char **p)
{
	if ((**p != '.' && **p != ',') || !is_digit((*p)[1]))
		return 0;
	int64_t v = 0, scale = 1000000;
	for ((*p)++; is_digit(**p); (*p)++)
		if (scale > 1) {
			scale /= 10;
			v += (**p - '0') * scale;
		}
	return v;
}

/* ISO 8601-1 (and its profiles RFC 3339 and W3CDTF), every form of the
 * standard in basic and extended format:
 *   calendar dates  YYYY-MM-DD, YYYYMMDD, reduced YYYY-MM and YYYY (§5.2.2)
 *   ordinal dates   YYYY-DDD, YYYYDDD (§5.2.3)
 *   week dates      YYYY-Www-D, YYYYWwwD, reduced YYYY-Www, YYYYWww (§5.2.4)
 *   time of day     hh:mm:ss, hhmmss, reduced hh:mm, hhmm, hh, each with a
 *                   decimal fraction (, or .) of its last component (§5.3.1)
 *   separator       T, t, or a space (RFC 3339 §5.6 NOTE)
 *   zone            Z, z, ±hh:mm, ±hhmm, ±hh (§5.3.4); UTC, GMT and the
 *                   RFC 822 names too
 * plus the forms feedparser also takes: YYYY/MM/DD, a one-digit hour
 * ("T9:15"), the "-012-" three-digit month and Hungarian month names.
 * A date without time is midnight, a reduced date the start of its
 * period. */
static int64_t parse_iso(const char *s)
{
	const char *p = s;
	int y = digits(&p, 4), mo = 1, d = 1, h = 0, mi = 0, sec = 0;
	int64_t day = DATE_NONE; /* set by week dates */
	if (y < 0)
		return DATE_NONE;
	char sep = *p;
	if (sep == '-' && (p[1] == 'W' || p[1] == 'w')) {
		p += 2;
		int w = digits(&p, 2), wd = 1;
		if (w < 0)
			return DATE_NONE;
		if (*p == '-' && is_digit(p[1])) {
			p++;
			wd = *p++ - '0';
		}
		if ((day = week_day(y, w, wd)) == DATE_NONE)
			return DATE_NONE;
	} else if (sep == 'W' || sep == 'w') {
		p++;
		int w = digits(&p, 2), wd = 1;
		if (w < 0)
			return DATE_NONE;
		if (is_digit(*p))
			wd = *p++ - '0';
		if ((day = week_day(y, w, wd)) == DATE_NONE)
			return DATE_NONE;
	} else if (sep == '-' || sep == '/') {
		p++;
		const char *q = p;
		int n = 0;
		while (is_digit(q[n]))
			n++;
		if (n == 3 && q[0] == '0' && q[3] == sep) {
			p++; /* "-012-31": a zero-padded month */
			n = 2;
		}
		if (n == 0 && sep == '-') {
			/* "2004-július-13T9:15-05:00" */
			const char *e = strchr(q, '-');
			if (!e || !(mo = month_hungarian(q, (size_t)(e - q))))
				return DATE_NONE;
			p = e + 1;
			if ((d = number(&p, 2)) < 0)
				return DATE_NONE;
		} else if (n == 3 && sep == '-') {
			int doy = digits(&p, 3);
			if (doy < 1 || doy > 365 + (month_days(y, 2) == 29))
				return DATE_NONE;
			day = days_from_civil(y, 1, 1) + doy - 1;
		} else {
			if (n != 2 || (mo = digits(&p, 2)) < 0)
				return DATE_NONE;
			if (*p == sep) {
				p++;
				if ((d = digits(&p, 2)) < 0)
					return DATE_NONE;
			}
		}
	} else if (is_digit(*p)) {
		int n = 0;
		while (is_digit(p[n]))
			n++;
		if (n == 3) {
			int doy = digits(&p, 3);
			if (doy < 1 || doy > 365 + (month_days(y, 2) == 29))
				return DATE_NONE;
			day = days_from_civil(y, 1, 1) + doy - 1;
		} else if (n != 4 || (mo = digits(&p, 2)) < 0 || (d = digits(&p, 2)) < 0) {
			return DATE_NONE;
		}
	}
	if (day != DATE_NONE) {
		int64_t yy;
		unsigned m, dd;
		civil_from_days(day, &yy, &m, &dd);
		y = (int)yy;
		mo = (int)m;
		d = (int)dd;
	}
	int64_t offset = 0, frac = 0;
	if (*p == 'T' || *p == 't' || (*p == ' ' && is_digit(p[1]))) {
		p++;
		if (is_digit(p[0]) && p[1] == ':')
			h = number(&p, 1);
		else if ((h = digits(&p, 2)) < 0)
			return DATE_NONE;
		int64_t unit = 3600; /* what a fraction is a fraction of */
		bool ext = *p == ':';
		if (ext || is_digit(*p)) {
			/* extended format: the colons delimit, so a one-digit
			 * minute or second ("12:35:9", as feedparser reads it)
			 * is unambiguous */
			if (ext)
				p++;
			if ((mi = ext ? number(&p, 2) : digits(&p, 2)) < 0)
				return DATE_NONE;
			unit = 60;
			if ((ext && *p == ':') || (!ext && is_digit(*p))) {
				if (ext)
					p++;
				if ((sec = ext ? number(&p, 2) : digits(&p, 2)) < 0)
					return DATE_NONE;
				unit = 0; /* fractions of a second are dropped */
			}
		}
		frac = fraction(&p) * unit / 1000000;
		while (*p == ' ')
			p++;
		if (*p == 'Z' || *p == 'z' || *p == '+' || *p == '-') {
			if (!zone_numeric(&p, &offset))
				return DATE_NONE;
		} else if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
			const char *e = p;
			while ((*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z'))
				e++;
			if (!zone_name(p, (size_t)(e - p), &offset))
				return DATE_NONE;
			p = e;
		}
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p)
		return DATE_NONE;
	int64_t t = checked(y, mo, d, h, mi, sec, offset);
	return t == DATE_NONE ? t : t + frac;
}

/* ISO 8601:2000's two-digit years (§5.2.1.3, gone from the 2004 edition;
 * feedparser still reads them): YYMMDD, YY-MM-DD, -YYMM, -YY-MM, YYDDD and
 * YY-DDD, each optionally followed by a time as in parse_iso. The year is
 * in the current century, as feedparser has it ("03" is 2003). */
static int64_t parse_iso_short_year(const char *s)
{
	const char *p = s;
	bool lead = *p == '-';
	if (lead)
		p++;
	size_t n = 0;
	while (is_digit(p[n]))
		n++;
	if (n < 2)
		return DATE_NONE;
	int64_t this_year;
	unsigned mm, dd;
	civil_from_days((int64_t)time(NULL) / 86400, &this_year, &mm, &dd);
	int year = (int)(this_year / 100 * 100) + (p[0] - '0') * 10 + (p[1] - '0');
	char date[16];
	const char *rest;
	if (lead && n == 4) { /* -YYMM */
		snprintf(date, sizeof date, "%04d-%.2s", year, p + 2);
		rest = p + 4;
	} else if (lead && n == 2 && p[2] == '-' && is_digit(p[3]) && is_digit(p[4])) { /* -YY-MM */
		snprintf(date, sizeof date, "%04d-%.2s", year, p + 3);
		rest = p + 5;
	} else if (!lead && (n == 6 || n == 5)) { /* YYMMDD, YYDDD */
		snprintf(date, sizeof date, "%04d%.*s", year, (int)n - 2, p + 2);
		rest = p + n;
	} else if (!lead && n == 2 && p[2] == '-') {
		size_t k = 0;
		while (is_digit(p[3 + k]))
			k++;
		if (k == 2 && p[5] == '-' && is_digit(p[6]) && is_digit(p[7])) { /* YY-MM-DD */
			snprintf(date, sizeof date, "%04d-%.2s-%.2s", year, p + 3, p + 6);
			rest = p + 8;
		} else if (k == 3) { /* YY-DDD */
			snprintf(date, sizeof date, "%04d-%.3s", year, p + 3);
			rest = p + 6;
		} else {
			return DATE_NONE;
		}
	} else {
		return DATE_NONE;
	}
	if (*rest && *rest != 'T' && *rest != 't' && *rest != ' ')
		return DATE_NONE;
	char whole[96];
	size_t dl = strlen(date), rl = strlen(rest);
	if (dl + rl >= sizeof whole)
		return DATE_NONE;
	memcpy(whole, date, dl);
	memcpy(whole + dl, rest, rl + 1);
	return parse_iso(whole);
}

/* Greek abbreviations (feedparser's _parse_date_greek), UTF-8. */
static int month_greek(const char *w, size_t n)
{
	static const struct {
		const char *name;
		int m;
	} gr[] = {
		{"\xce\x99\xce\xb1\xce\xbd", 1}, {"\xce\xa6\xce\xb5\xce\xb2", 2},
		{"\xce\x9c\xce\xac\xcf\x8e", 3}, {"\xce\x9c\xce\xb1\xcf\x8e", 3},
		{"\xce\x91\xcf\x80\xcf\x81", 4}, {"\xce\x9c\xce\xac\xce\xb9", 5},
		{"\xce\x9c\xce\xb1\xcf\x8a", 5}, {"\xce\x9c\xce\xb1\xce\xb9", 5},
		{"\xce\x99\xce\xbf\xcf\x8d\xce\xbd", 6}, {"\xce\x99\xce\xbf\xce\xbd", 6},
		{"\xce\x99\xce\xbf\xcf\x8d\xce\xbb", 7}, {"\xce\x99\xce\xbf\xce\xbb", 7},
		{"\xce\x91\xcf\x8d\xce\xb3", 8}, {"\xce\x91\xcf\x85\xce\xb3", 8},
		{"\xce\xa3\xce\xb5\xcf\x80", 9}, {"\xce\x9f\xce\xba\xcf\x84", 10},
		{"\xce\x9d\xce\xbf\xce\xad", 11}, {"\xce\x9d\xce\xbf\xce\xb5", 11},
		{"\xce\x94\xce\xb5\xce\xba", 12},
	};
	for (size_t i = 0; i < sizeof gr / sizeof *gr; i++)
		if (strlen(gr[i].name) == n && memcmp(gr[i].name, w, n) == 0)
			return gr[i].m;
	return 0;
}

/* The first three bytes of w, ASCII letters folded to lower case, as one
 * number (w holds at least three bytes): a month or weekday name is one
 * compare, not a strncasecmp() call. */
static uint32_t key3(const char *w)
{
	uint32_t k = 0;
	for (int i = 0; i < 3; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + 32);
		k = k << 8 | c;
	}
	return k;
}

/* key3() of three lower-case letters, as a constant. */
#define K3(a, b, c) ((uint32_t)(a) << 16 | (uint32_t)(b) << 8 | (uint32_t)(c))

static int month_index(const char *w, size_t n)
{
	static const char *const full[] = {"january", "february", "march", "april", "may", "june",
					   "july", "august", "september", "october", "november",
					   "december"};
	if (n < 3)
		return 0;
	/* key3() of months[], written out: computing them per call was most
	 * of the cost of a date */
	static const uint32_t month_keys[12] = {
		K3('j', 'a', 'n'), K3('f', 'e', 'b'), K3('m', 'a', 'r'), K3('a', 'p', 'r'),
		K3('m', 'a', 'y'), K3('j', 'u', 'n'), K3('j', 'u', 'l'), K3('a', 'u', 'g'),
		K3('s', 'e', 'p'), K3('o', 'c', 't'), K3('n', 'o', 'v'), K3('d', 'e', 'c'),
	};
	if ((unsigned char)w[0] >= 0x80)
		return month_greek(w, n);
	uint32_t k = key3(w);
	for (int i = 0; i < 12; i++) {
		if (k != month_keys[i])
			continue;
		if (n == 3 || (n == 4 && w[3] == '.') || (n <= strlen(full[i]) && strncasecmp(w, full[i], n) == 0))
			return i + 1;
		if (i == 8 && n == 4 && strncasecmp(w, "sept", 4) == 0)
			return 9;
	}
	return 0;
}

static bool is_weekday(const char *w, size_t n)
{
	static const uint32_t day_keys[7] = {
		K3('m', 'o', 'n'), K3('t', 'u', 'e'), K3('w', 'e', 'd'), K3('t', 'h', 'u'),
		K3('f', 'r', 'i'), K3('s', 'a', 't'), K3('s', 'u', 'n'),
	};
	if (n < 3)
		return false;
	uint32_t k = key3(w);
	for (int i = 0; i < 7; i++)
		if (k == day_keys[i])
			return true;
	return false;
}

/* Named zones of RFC 822 and feedparser's list, in hours. */
static bool zone_name(const char *w, size_t n, int64_t *offset)
{
	static const struct {
		const char *name;
		int hours;
	} zones[] = {
		{"ut", 0},   {"utc", 0},  {"gmt", 0},  {"z", 0},    {"wet", 0},  {"adt", -3},
		{"ast", -4}, {"at", -4},  {"edt", -4}, {"est", -5}, {"et", -5},  {"cdt", -5},
		{"cst", -6}, {"ct", -6},  {"mdt", -6}, {"mst", -7}, {"mt", -7},  {"pdt", -7},
		{"pst", -8}, {"pt", -8},  {"a", -1},   {"n", 1},    {"m", -12},  {"y", 12},
		{"met", 1},  {"cet", 1},  {"mest", 2}, {"cest", 2}, {"eet", 2},  {"eest", 3},
		{"bst", 1},  {"west", 1}, {"hst", -10}, {"akst", -9}, {"akdt", -8}, {"ist", 5},
		{"jst", 9},  {"kst", 9},  {"aest", 10}, {"aedt", 11}, {"nzst", 12}, {"nzdt", 13},
	};
	if (n == 0 || n > 4)
		return false;
	for (size_t i = 0; i < sizeof zones / sizeof *zones; i++)
		if ((zones[i].name[0] | 0x20) == (w[0] | 0x20) && strlen(zones[i].name) == n &&
		    strncasecmp(zones[i].name, w, n) == 0) {
			*offset = (int64_t)zones[i].hours * 3600;
			return true;
		}
	return false;
}

struct tok {
	const char *s;
	size_t n;
};

/* RFC 822/1123 and the corruptions seen in feeds: optional or wrong
 * weekday, day and month in either order, full month names, two-digit
 * years, missing seconds or time, named, numeric, "GMT+hh:mm" and
 * "Etc/GMT" zones, asctime order ("Sun Jan  4 16:29:06 [PST] 2004"). */
static int64_t parse_rfc822(const char *s)
{
	struct tok t[12];
	size_t nt = 0;
	const char *p = s;
	while (*p && nt < 12) {
		while (*p == ' ' || *p == ',' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		const char *b = p;
		while (*p && *p != ' ' && *p != ',' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		t[nt].s = b;
		t[nt].n = (size_t)(p - b);
		nt++;
	}
	if (*p)
		return DATE_NONE;
	size_t i = 0;
	/* a weekday, right or wrong, in any language: a leading word that is
	 * not a month */
	if (i < nt && (is_weekday(t[i].s, t[i].n) || (unsigned char)t[i].s[0] >= 0x80) &&
	    !month_index(t[i].s, t[i].n))
		i++;
	if (nt - i < 2)
		return DATE_NONE;
	int day = -1, mo = 0, y = -1, h = 0, mi = 0, sec = 0;
	int64_t offset = 0;
	bool have_zone = false;
	/* "1-Jan-2004" or three tokens */
	char split[3][16];
	struct tok dm[3];
	size_t ndm = 0, rest;
	if (memchr(t[i].s, '-', t[i].n) && t[i].n < 16 && t[i].s[0] != '-' && t[i].s[0] != '+') {
		const char *q = t[i].s, *e = t[i].s + t[i].n;
		while (q <= e && ndm < 3) {
			const char *d = memchr(q, '-', (size_t)(e - q));
			size_t k = d ? (size_t)(d - q) : (size_t)(e - q);
			memcpy(split[ndm], q, k);
			split[ndm][k] = '\0';
			dm[ndm].s = split[ndm];
			dm[ndm].n = k;
			ndm++;
			q += k + 1;
		}
		if (ndm != 3 || q <= e)
			return DATE_NONE;
		rest = i + 1;
	} else {
		if (nt - i < 3)
			return DATE_NONE;
		for (; ndm < 3; ndm++)
			dm[ndm] = t[i + ndm];
		rest = i + 3;
	}
	const char *q;
	int m0 = month_index(dm[0].s, dm[0].n);
	if (m0) {
		/* month first: "Jan 4 2004", asctime "Jan 4 16:29:06 [PST] 2004" */
		mo = m0;
		q = dm[1].s;
		day = number(&q, 2);
		if (day < 0 || q != dm[1].s + dm[1].n)
			return DATE_NONE;
		q = dm[2].s;
		if (memchr(dm[2].s, ':', dm[2].n)) {
			/* asctime: time, then optional zone, then year */
			rest = i + 2;
			y = -2;
		} else {
			y = number(&q, 4);
			if (y < 0 || q != dm[2].s + dm[2].n)
				return DATE_NONE;
			if (dm[2].n <= 2)
				y += y < 90 ? 2000 : 1900;
		}
	} else {
		q = dm[0].s;
		day = number(&q, 2);
		if (day < 0 || q != dm[0].s + dm[0].n)
			return DATE_NONE;
		mo = month_index(dm[1].s, dm[1].n);
		if (!mo)
			return DATE_NONE;
		q = dm[2].s;
		y = number(&q, 4);
		if (y < 0 || q != dm[2].s + dm[2].n)
			return DATE_NONE;
		if (dm[2].n <= 2)
			y += y < 90 ? 2000 : 1900;
	}
	for (i = rest; i < nt; i++) {
		const char *w = t[i].s;
		size_t n = t[i].n;
		if (memchr(w, ':', n) && is_digit(w[0])) {
			q = w;
			h = number(&q, 2);
			if (*q++ != ':' || (mi = number(&q, 2)) < 0)
				return DATE_NONE;
			if (*q == ':') {
				q++;
				if ((sec = number(&q, 2)) < 0)
					return DATE_NONE;
			}
			if ((*q == '.' || *q == ',') && is_digit(q[1]))
				for (q++; is_digit(*q); q++)
					;
			if (q != w + n)
				return DATE_NONE;
			continue;
		}
		if (y == -2 && n == 4 && is_digit(w[0])) {
			q = w;
			y = number(&q, 4);
			if (q != w + n)
				return DATE_NONE;
			continue;
		}
		if ((n == 2 && strncasecmp(w, "am", 2) == 0) || (n == 2 && strncasecmp(w, "pm", 2) == 0)) {
			if (h > 12)
				return DATE_NONE;
			if (h == 12)
				h = 0;
			if (w[0] == 'p' || w[0] == 'P')
				h += 12;
			continue;
		}
		if (have_zone || w[0] == '(')
			break; /* trailing comment such as "(PST)" */
		if (n > 4 && strncasecmp(w, "etc/", 4) == 0)
			w += 4, n -= 4;
		if (n > 3 && (strncasecmp(w, "gmt", 3) == 0 || strncasecmp(w, "utc", 3) == 0) &&
		    (w[3] == '+' || w[3] == '-'))
			w += 3, n -= 3;
		if (w[0] == '+' || w[0] == '-') {
			q = w;
			if (!zone_numeric(&q, &offset) || q != w + n)
				return DATE_NONE;
		} else if (!zone_name(w, n, &offset)) {
			offset = 0; /* an unknown zone name counts as UTC (feedparser) */
			bool alpha = true;
			for (size_t k = 0; k < n; k++)
				if (!((w[k] >= 'a' && w[k] <= 'z') || (w[k] >= 'A' && w[k] <= 'Z')))
					alpha = false;
			if (!alpha)
				return DATE_NONE;
		}
		have_zone = true;
	}
	if (y < 0 || h < 0)
		return DATE_NONE;
	return checked(y, mo, day, h, mi, sec, offset);
}

/* Korean forms (feedparser's OnBlog and Nate handlers), in KST (+09:00):
 * "2004년 05월 28일  01:31:15" and "2004-05-25 오후 11:23:17". */
static int64_t parse_korean(const char *s)
{
	static const char year[] = "\xeb\x85\x84", month[] = "\xec\x9b\x94", day[] = "\xec\x9d\xbc";
	static const char am[] = "\xec\x98\xa4\xec\xa0\x84", pm[] = "\xec\x98\xa4\xed\x9b\x84";
	const char *p = s;
	int y, mo, d, h, mi, sec;
	y = digits(&p, 4);
	if (y < 0)
		return DATE_NONE;
	if (strncmp(p, year, 3) == 0) {
		p += 3;
		while (*p == ' ')
			p++;
		if ((mo = number(&p, 2)) < 0 || strncmp(p, month, 3) != 0)
			return DATE_NONE;
		p += 3;
		while (*p == ' ')
			p++;
		if ((d = number(&p, 2)) < 0 || strncmp(p, day, 3) != 0)
			return DATE_NONE;
		p += 3;
		while (*p == ' ')
			p++;
		if ((h = number(&p, 2)) < 0 || *p++ != ':' || (mi = number(&p, 2)) < 0 || *p++ != ':' ||
		    (sec = number(&p, 2)) < 0)
			return DATE_NONE;
	} else {
		if (*p++ != '-' || (mo = digits(&p, 2)) < 0 || *p++ != '-' || (d = digits(&p, 2)) < 0)
			return DATE_NONE;
		while (*p == ' ')
			p++;
		bool after = strncmp(p, pm, 6) == 0;
		if (!after && strncmp(p, am, 6) != 0)
			return DATE_NONE;
		p += 6;
		while (*p == ' ')
			p++;
		if ((h = number(&p, 2)) < 0 || *p++ != ':' || (mi = number(&p, 2)) < 0 || *p++ != ':' ||
		    (sec = number(&p, 2)) < 0)
			return DATE_NONE;
		if (after && h < 12)
			h += 12;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p)
		return DATE_NONE;
	return checked(y, mo, d, h, mi, sec, 9 * 3600);
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
	t = parse_korean(s);
	if (t != DATE_NONE)
		return t;
	/* Perforce: "Fri, 2006/09/15 08:19:53 EDT": a weekday before the comma
	 * (a month there is "Jan 2, 2004", whose year alone is no date) */
	const char *comma = strchr(s, ',');
	if (comma && comma - s <= 9 && is_weekday(s, (size_t)(comma - s)) && is_digit(comma[strspn(comma + 1, " ") + 1])) {
		t = parse_iso(comma + 1 + strspn(comma + 1, " "));
		if (t != DATE_NONE)
			return t;
	}
	/* RFC 822 and friends; anything else is not a date (curl_getdate()
	 * was tried here, but it takes "31 Feb" and half-garbage too) */
	return parse_rfc822(s);
}

int64_t date_parse_feed(const char *s)
{
	int64_t t = date_parse(s);
	if (t != DATE_NONE || !s)
		return t;
	while (isspace((unsigned char)*s))
		s++;
	return parse_iso_short_year(s);
}

/* The inverse of days_from_civil (Howard Hinnant's civil_from_days). */
static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

void date_format_iso(int64_t t, char out[DATE_ISO_SIZE])
{
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t secs = t - days * 86400;
	int64_t y;
	unsigned m, d;
	civil_from_days(days, &y, &m, &d);
	if (y < 0 || y > 9999) {
		memcpy(out, "1970-01-01T00:00:00Z", DATE_ISO_SIZE);
		return;
	}
	unsigned hh = (unsigned)(secs / 3600), mm = (unsigned)(secs / 60 % 60), ss = (unsigned)(secs % 60);
	unsigned yy = (unsigned)y;
	out[0] = (char)('0' + yy / 1000);
	out[1] = (char)('0' + yy / 100 % 10);
	out[2] = (char)('0' + yy / 10 % 10);
	out[3] = (char)('0' + yy % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = 'T';
	out[11] = (char)('0' + hh / 10);
	out[12] = (char)('0' + hh % 10);
	out[13] = ':';
	out[14] = (char)('0' + mm / 10);
	out[15] = (char)('0' + mm % 10);
	out[16] = ':';
	out[17] = (char)('0' + ss / 10);
	out[18] = (char)('0' + ss % 10);
	out[19] = 'Z';
	out[20] = '\0';
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

/* y-m-d at hour:00 in the zone entered (zone_enter). */
static int64_t local_time(int y, int m, int d, int hour)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hour;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm);
}

int64_t date_day_in_zone(int64_t t, const char *tz)
{
	if (t == DATE_NONE)
		return DATE_NONE;
	time_t tt = (time_t)t;
	struct tm day;
	if (!gmtime_r(&tt, &day))
		return DATE_NONE;
	struct zone_guard g;
	zone_enter(&g, tz);
	int64_t noon = local_time(day.tm_year + 1900, day.tm_mon + 1, day.tm_mday, 12);
	zone_leave(&g);
	return noon;
}

bool date_month_range(int year, int month, const char *tz, int64_t *start, int64_t *end)
{
	if (month < 1 || month > 12 || !date_zone_valid(tz))
		return false;
	struct zone_guard g;
	zone_enter(&g, tz);
	*start = local_time(year, month, 1, 0);
	*end = month == 12 ? local_time(year + 1, 1, 1, 0) : local_time(year, month + 1, 1, 0);
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

int64_t date_from_civil(int year, int month, int day)
{
	if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > month_days(year, month))
		return DATE_NONE;
	return make_utc(year, month, day, 0, 0, 0);
}
