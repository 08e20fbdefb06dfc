#include "sqliteapi.h"

#include <stddef.h>

#include "lazylib.h"

/* The soname of SQLite 3's ABI, unchanged since 3.0. */
#define SQLITE_SONAME "libsqlite3.so.0"

static struct sqlite_api api;

#define FN(member) {"sqlite3_" #member, offsetof(struct sqlite_api, member)}
static const struct lazylib_symbol functions[] = {
	FN(bind_blob64),
	FN(bind_int64),
	FN(bind_null),
	FN(bind_text),
	FN(bind_zeroblob),
	FN(busy_timeout),
	FN(changes),
	FN(clear_bindings),
	FN(close),
	FN(column_blob),
	FN(column_bytes),
	FN(column_int),
	FN(column_int64),
	FN(column_text),
	FN(column_type),
	FN(db_config),
	FN(errcode),
	FN(errmsg),
	FN(errstr),
	FN(exec),
	FN(extended_result_codes),
	FN(finalize),
	FN(get_autocommit),
	FN(limit),
	FN(open_v2),
	FN(prepare_v2),
	FN(prepare_v3),
	FN(reset),
	FN(sleep),
	FN(step),
	FN(system_errno),
};
#undef FN

static struct lazylib lib = LAZYLIB_INIT("SQLite", SQLITE_SONAME, functions, &api, NULL);

const struct sqlite_api *sqlite_api(void)
{
	return lazylib_get(&lib);
}

int sqlite_api_loaded(void)
{
	return lazylib_is_loaded(&lib);
}
