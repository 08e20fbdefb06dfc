/* sqliteapi — SQLite, loaded the first time the archive is opened.
 *
 * Why: only the commands that keep state (fetch, draft, add, status) open
 * the archive, yet every run paid for loading and relocating libsqlite3
 * (about 0.9 ms of start-up, by a program that links it and returns from
 * main). archive.c, its one user, calls through this table:
 * `sqlite_api()->step(st)` for `sqlite3_step(st)`. Types, constants and
 * semantics are SQLite's. */
#ifndef READS_SQLITEAPI_H
#define READS_SQLITEAPI_H

#include <sqlite3.h>

/* The SQLite functions reads calls, named after them without "sqlite3_". */
struct sqlite_api {
	__typeof__(sqlite3_bind_blob64) *bind_blob64;
	__typeof__(sqlite3_bind_int64) *bind_int64;
	__typeof__(sqlite3_bind_null) *bind_null;
	__typeof__(sqlite3_bind_text) *bind_text;
	__typeof__(sqlite3_bind_zeroblob) *bind_zeroblob;
	__typeof__(sqlite3_busy_timeout) *busy_timeout;
	__typeof__(sqlite3_changes) *changes;
	__typeof__(sqlite3_clear_bindings) *clear_bindings;
	__typeof__(sqlite3_close) *close;
	__typeof__(sqlite3_column_blob) *column_blob;
	__typeof__(sqlite3_column_bytes) *column_bytes;
	__typeof__(sqlite3_column_int) *column_int;
	__typeof__(sqlite3_column_int64) *column_int64;
	__typeof__(sqlite3_column_text) *column_text;
	__typeof__(sqlite3_column_type) *column_type;
	__typeof__(sqlite3_db_config) *db_config;
	__typeof__(sqlite3_errcode) *errcode;
	__typeof__(sqlite3_errmsg) *errmsg;
	__typeof__(sqlite3_errstr) *errstr;
	__typeof__(sqlite3_exec) *exec;
	__typeof__(sqlite3_extended_result_codes) *extended_result_codes;
	__typeof__(sqlite3_finalize) *finalize;
	__typeof__(sqlite3_get_autocommit) *get_autocommit;
	__typeof__(sqlite3_limit) *limit;
	__typeof__(sqlite3_open_v2) *open_v2;
	__typeof__(sqlite3_prepare_v2) *prepare_v2;
	__typeof__(sqlite3_prepare_v3) *prepare_v3;
	__typeof__(sqlite3_reset) *reset;
	__typeof__(sqlite3_sleep) *sleep;
	__typeof__(sqlite3_step) *step;
	__typeof__(sqlite3_system_errno) *system_errno;
};

/* The bound entry points; loads libsqlite3 on the first call (thread-safe).
 * Never returns NULL: when the library cannot be loaded it prints why on
 * stderr and exits with status 3, as the dynamic loader did when the
 * program linked it. */
const struct sqlite_api *sqlite_api(void);

/* Whether libsqlite3 has been loaded by this process (for tests). */
int sqlite_api_loaded(void);

#endif
