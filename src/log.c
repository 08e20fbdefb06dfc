#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

static enum log_level current = LOG_LEVEL_NORMAL;
static bool tty;
static bool progress_shown;
static unsigned errors;

void log_init(enum log_level level)
{
	current = level;
	tty = isatty(STDERR_FILENO) && level != LOG_LEVEL_QUIET;
}

static void clear_progress(void)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		progress_shown = false;
	}
}

PRINTF_LIKE(2, 0) static void emit(const char *prefix, const char *fmt, va_list ap)
{
	clear_progress();
	fputs("reads: ", stderr);
	if (prefix)
		fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	errors++;
	va_start(ap, fmt);
	emit("error: ", fmt, ap);
	va_end(ap);
}

void log_warn(const char *fmt, ...)
{
	if (current < LOG_LEVEL_VERBOSE && !(current == LOG_LEVEL_NORMAL && tty))
		return;
	va_list ap;
	va_start(ap, fmt);
	emit("warning: ", fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	if (current < LOG_LEVEL_VERBOSE)
		return;
	va_list ap;
	va_start(ap, fmt);
	emit(NULL, fmt, ap);
	va_end(ap);
}

void log_progress(const char *fmt, ...)
{
	if (!tty)
		return;
	va_list ap;
	va_start(ap, fmt);
	fputs("\r\033[K", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
	progress_shown = true;
}

void log_progress_end(void)
{
	clear_progress();
}

unsigned log_error_count(void)
{
	return errors;
}

bool log_is_tty(void)
{
	return tty;
}
