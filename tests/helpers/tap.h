/* tap.h — a minimal TAP producer for C unit tests (meson protocol: 'tap').
 *
 *   ok(cond, "name %d", i);          one assertion
 *   is_str(got, want, "name");       string equality, shows both on failure
 *   is_int(got, want, "name");
 *   return tap_done();               prints the plan, exit status 0/1
 */
#ifndef READS_TAP_H
#define READS_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

__attribute__((format(printf, 2, 3), unused)) static bool ok(bool cond, const char *fmt, ...)
{
	va_list ap;
	printf("%s %d - ", cond ? "ok" : "not ok", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_failed++;
	return cond;
}

__attribute__((unused)) static bool is_str(const char *got, const char *want, const char *name)
{
	bool same = (!got && !want) || (got && want && strcmp(got, want) == 0);
	ok(same, "%s", name);
	if (!same) {
		printf("#   got:  %s%s%s\n", got ? "\"" : "", got ? got : "NULL", got ? "\"" : "");
		printf("#   want: %s%s%s\n", want ? "\"" : "", want ? want : "NULL", want ? "\"" : "");
	}
	return same;
}

__attribute__((unused)) static bool is_int(long long got, long long want, const char *name)
{
	ok(got == want, "%s", name);
	if (got != want)
		printf("#   got: %lld, want: %lld\n", got, want);
	return got == want;
}

__attribute__((unused)) static int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
