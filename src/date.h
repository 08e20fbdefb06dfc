/* date — dates as seconds since the epoch (UTC), parsing and formatting.
 *
 * DATE_NONE stands for "no date": an unparseable date empties one field and
 * never drops the item that carried it (sfeed's rule). */
#ifndef READS_DATE_H
#define READS_DATE_H

#include <stdbool.h>
#include <stdint.h>

#include "compat.h"

#define DATE_NONE INT64_MIN

/* "YYYY-MM-DDTHH:MM:SSZ" plus NUL. */
#define DATE_ISO_SIZE 21

/* Parses any date form found in feeds and pages: RFC 822/1123 and their
 * common corruptions, RFC 3339, W3CDTF, ISO 8601 variants, asctime, and
 * the other forms feedparser accepts.  A date without zone is taken as UTC.
 * Returns DATE_NONE when s is NULL, empty or not a date. */
int64_t date_parse(const char *s);

/* date_parse, and ISO 8601:2000's two-digit years as feedparser reads them
 * ("03-12-31", "031231", "-03-12": 2003, the current century). For feeds
 * only: on a page or in her feeds.yaml "21-10-19" is more likely a day
 * first, or a slip, than 2021. */
int64_t date_parse_feed(const char *s);

/* Writes t as "YYYY-MM-DDTHH:MM:SSZ" into out. t must not be DATE_NONE. */
void date_format_iso(int64_t t, char out[DATE_ISO_SIZE]);

/* Writes t as "YYYY-MM-DD" in time zone tz (NULL: the machine's) into out. */
void date_format_day(int64_t t, const char *tz, char out[11]);

/* Parses "YYYY-MM" (month 1..12). */
bool date_parse_month(const char *s, int *year, int *month) WUR;

/* [start, end) of a calendar month in time zone tz (an IANA name such as
 * "Africa/Casablanca"; NULL or "" for the machine's zone). False when tz is
 * not a known zone. */
bool date_month_range(int year, int month, const char *tz, int64_t *start, int64_t *end) WUR;

/* Noon in time zone tz (NULL or "": the machine's) of the UTC calendar day
 * holding t: a day without a time of its own (a page's publication day, which
 * the extractor keeps as noon UTC) placed in the author's zone, so that it
 * lies in that day's month in every zone, UTC-12 to UTC+14. DATE_NONE stays
 * DATE_NONE. */
int64_t date_day_in_zone(int64_t t, const char *tz);

/* The month before the one holding `now`, in time zone tz. */
void date_previous_month(int64_t now, const char *tz, int *year, int *month);

/* True when tz names a zone the system knows (tzdata). NULL and "" are the
 * machine's own zone and always valid. */
bool date_zone_valid(const char *tz);

/* The current time; READS_NOW (seconds since the epoch, or an ISO date) in the
 * environment overrides it, so tests can pin "now". */
int64_t date_now(void);

/* Midnight UTC starting the day year-month-day (proleptic Gregorian);
 * DATE_NONE when there is no such day (month 13, February 30). */
int64_t date_from_civil(int year, int month, int day);

#endif
