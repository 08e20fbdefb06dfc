/* log — the one diagnostic path (after curl's warnf/errorf).
 *
 * Errors and warnings go to stderr, one line each, and must name their
 * source ("https://example.org/feed: HTTP 404").  Progress is a single live
 * line shown only when stderr is a terminal, so cron mails only problems. */
#ifndef READS_LOG_H
#define READS_LOG_H

#include <stdbool.h>

#include "compat.h"

enum log_level {
	LOG_LEVEL_QUIET = 0,	/* -q: errors only */
	LOG_LEVEL_NORMAL = 1,	/* errors; warnings only on a terminal */
	LOG_LEVEL_VERBOSE = 2,	/* -v: warnings and info always */
};

/* Sets the level; progress is enabled when stderr is a terminal and the
 * level is not quiet. */
void log_init(enum log_level level);

/* A failure that makes the run's exit status non-zero. Counted. */
void log_error(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Something imperfect that was handled (a recovered feed, a date dropped). */
void log_warn(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Informational detail, shown with -v. */
void log_info(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Replaces the live progress line (terminal only; no-op otherwise). */
void log_progress(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Clears the progress line, if one is shown. */
void log_progress_end(void);

/* Errors reported through log_error since start. */
unsigned log_error_count(void);

/* True when progress lines are being shown. */
bool log_is_tty(void);

#endif
