/* archive — the SQLite store. See archive.h for the contract.
 *
 * Choices, and why:
 * - WAL journal: readers (`reads status`) never block the writer, and a
 *   kill -9 at any moment leaves either the last committed state or the one
 *   before it; SQLite replays or ignores the WAL on the next open.
 * - synchronous=FULL: in WAL mode NORMAL is already safe against a killed
 *   process, but a power cut may lose the last commits. The archive holds
 *   what cannot be fetched again (items that left their feed, the author's
 *   dismissals, which are recorded before the draft file, itself fsynced, is
 *   replaced), so a commit must reach the disk before reads goes on. The cost
 *   is one fsync per commit; callers batch a feed's items with archive_begin.
 * - BEGIN IMMEDIATE for every transaction: the write lock is taken at once
 *   (waiting up to busy_timeout), so two runs queue instead of failing with
 *   SQLITE_BUSY half-way through a read-then-write.
 * - application_id and user_version identify the file and its schema; an
 *   SQLite file of another program, or of a newer reads, is refused before
 *   anything is written to it.
 * - Prepared statements, prepared once per open; every value is bound. */
#include "archive.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "limits.h"
#include "sqliteapi.h"
#include "url.h"

/* PRAGMA application_id of a reads archive: "rEAd" in ASCII. */
#define ARCHIVE_APP_ID 0x72454164

/* Migrations: migrations[v] takes the schema from version v to v + 1. Each
 * runs in the opening transaction with the user_version update, so a kill
 * during a migration leaves the previous version intact. Never edit a
 * released step: add one. */
static const char *const migrations[] = {
	/* 1: the first schema. */
	"CREATE TABLE feeds ("
	"  url TEXT PRIMARY KEY NOT NULL,"
	"  etag TEXT, last_modified TEXT, moved_to TEXT, title TEXT,"
	"  last_success INTEGER, last_attempt INTEGER, last_error TEXT,"
	"  failures INTEGER NOT NULL DEFAULT 0, next_fetch INTEGER,"
	"  gone INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE hosts ("
	"  host TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,"
	"  not_before INTEGER NOT NULL);"
	"CREATE TABLE items ("
	"  id INTEGER PRIMARY KEY,"
	"  kind INTEGER NOT NULL CHECK (kind IN (0, 1)),"
	"  source TEXT NOT NULL,"
	"  url TEXT NOT NULL UNIQUE,"
	"  link TEXT, guid TEXT, title TEXT, author TEXT, summary TEXT,"
	"  quote TEXT, note TEXT,"
	"  published INTEGER, added INTEGER, first_seen INTEGER NOT NULL,"
	"  UNIQUE (source, guid));"
	"CREATE INDEX items_month ON items (COALESCE(added, published, first_seen));"
	"CREATE TABLE pages ("
	"  url TEXT PRIMARY KEY NOT NULL,"
	"  body BLOB NOT NULL, content_type TEXT, fetched INTEGER);"
	"CREATE TABLE extracts ("
	"  url TEXT PRIMARY KEY NOT NULL,"
	"  title TEXT, title_source TEXT, author TEXT, author_source TEXT,"
	"  site TEXT, site_source TEXT, date INTEGER, date_source TEXT);"
	"CREATE TABLE drafted ("
	"  month TEXT NOT NULL, url TEXT NOT NULL, PRIMARY KEY (month, url));"
	"CREATE TABLE dismissed ("
	"  month TEXT NOT NULL, url TEXT NOT NULL, PRIMARY KEY (month, url));",
	/* 2: dating bookmarks by their pages (enum archive_dating), and where a
	 * cached page's redirects led. Bookmarks without a date of their own
	 * are waiting for their page's. */
	"ALTER TABLE items ADD COLUMN dating INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE items ADD COLUMN dating_failures INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE items ADD COLUMN dating_next INTEGER;"
	"ALTER TABLE items ADD COLUMN dating_error TEXT;"
	"UPDATE items SET dating = 1 WHERE kind = 1 AND added IS NULL AND published IS NULL;"
	"CREATE INDEX items_undated ON items (dating, id) WHERE dating <> 0;"
	"ALTER TABLE pages ADD COLUMN final_url TEXT;",
	/* 3: the post each month became on the blog (reads publish). */
	"CREATE TABLE published ("
	"  month TEXT PRIMARY KEY NOT NULL,"
	"  site TEXT NOT NULL,"
	"  post_id INTEGER,"
	"  slug TEXT, edit_link TEXT, modified_gmt TEXT,"
	"  pending INTEGER NOT NULL DEFAULT 0,"
	"  updated INTEGER NOT NULL);",
	/* 4: item dates that cannot be the item's own count as none, as poll.c
	 * stores them now (limits.h LIMIT_FIRST_ITEM_DATE: before 1995-01-01, or
	 * more than two days after the item was first seen); they had put the
	 * item in a month never drafted. A bookmark left without a date waits
	 * for its page's. Her own added: dates (feeds.yaml) stand. */
	"UPDATE items SET published = NULL WHERE published < 788918400 OR published > first_seen + 172800;"
	"UPDATE items SET added = NULL WHERE source <> 'feeds.yaml'"
	"  AND (added < 788918400 OR added > first_seen + 172800);"
	"UPDATE items SET dating = 1 WHERE kind = 1 AND added IS NULL AND published IS NULL AND dating = 0;",
};

_Static_assert(sizeof migrations / sizeof migrations[0] == ARCHIVE_SCHEMA_VERSION,
	       "one migration per schema version");

#define FEED_COLS \
	"url, etag, last_modified, moved_to, title, last_success, last_attempt, " \
	"last_error, failures, next_fetch, gone"
#define ITEM_COLS \
	"id, kind, source, url, link, guid, title, author, summary, quote, note, " \
	"published, added, first_seen"
#define MONTH_DATE "COALESCE(added, published, first_seen)"
#define UNDATED_COLS "id, url, link, source, first_seen, dating, dating_failures, dating_next, dating_error"
/* A bookmark whose month is still to be learnt from its page. */
#define IS_UNDATED "dating IN (1, 3) AND added IS NULL AND published IS NULL"

enum stmt {
	S_BEGIN,
	S_COMMIT,
	S_ROLLBACK,
	S_FEED_GET,
	S_FEED_PUT,
	S_FEED_LIST,
	S_HOST_GET,
	S_HOST_SET,
	S_HOST_DEL,
	S_ITEM_FIND,
	S_ITEM_INSERT,
	S_ITEM_MERGE,
	S_ITEM_GET,
	S_ITEMS_BETWEEN,
	S_FEED_ITEM_COUNT,
	S_UNDATED_LIST,
	S_UNDATED_COUNT,
	S_DATING_SET,
	S_SOURCES_FIND,
	S_SOURCES_RELATIVE,
	S_PAGE_GET,
	S_PAGE_PUT,
	S_EXTRACT_PUT,
	S_EXTRACT_GET,
	S_DRAFTED_ADD,
	S_DRAFTED_HAS,
	S_DRAFTED_LIST,
	S_DISMISS,
	S_IS_DISMISSED,
	S_PUBLISHED_GET,
	S_PUBLISHED_PUT,
	S_PUBLISHED_DEL,
	S_COUNT
};

static const char *const stmt_sql[S_COUNT] = {
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
	[S_FEED_GET] = "SELECT " FEED_COLS " FROM feeds WHERE url = ?1",
	[S_FEED_PUT] = "INSERT OR REPLACE INTO feeds (" FEED_COLS ") "
		       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[S_FEED_LIST] = "SELECT " FEED_COLS " FROM feeds ORDER BY url",
	[S_HOST_GET] = "SELECT not_before FROM hosts WHERE host = ?1",
	[S_HOST_SET] = "INSERT OR REPLACE INTO hosts (host, not_before) VALUES (?1, ?2)",
	[S_HOST_DEL] = "DELETE FROM hosts WHERE host = ?1",
	/* The item a new one duplicates: same canonical URL first, else same
	 * (source, guid). */
	[S_ITEM_FIND] = "SELECT id, kind, link, quote, note, added, published, dating, 0 AS rank FROM items "
			"WHERE url = ?1 "
			"UNION ALL "
			"SELECT id, kind, link, quote, note, added, published, dating, 1 FROM items "
			"WHERE ?3 IS NOT NULL AND source = ?2 AND guid = ?3 "
			"ORDER BY rank LIMIT 1",
	[S_ITEM_INSERT] = "INSERT INTO items (kind, source, url, link, guid, title, author, summary, "
			  "quote, note, published, added, first_seen, dating) "
			  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	[S_ITEM_MERGE] = "UPDATE items SET kind = ?2, link = ?3, quote = ?4, note = ?5, added = ?6, dating = ?7 "
			 "WHERE id = ?1",
	[S_ITEM_GET] = "SELECT " ITEM_COLS " FROM items WHERE url = ?1",
	[S_ITEMS_BETWEEN] = "SELECT " ITEM_COLS " FROM items "
			    "WHERE " MONTH_DATE " >= ?1 AND " MONTH_DATE " < ?2 "
			    "ORDER BY kind DESC, " MONTH_DATE ", id",
	[S_FEED_ITEM_COUNT] = "SELECT count(*) FROM items WHERE source = ?1 "
			      "AND (?2 IS NULL OR " MONTH_DATE " >= ?2) "
			      "AND (?3 IS NULL OR " MONTH_DATE " < ?3)",
	[S_UNDATED_LIST] = "SELECT " UNDATED_COLS " FROM items WHERE " IS_UNDATED " "
			   "AND (?1 IS NULL OR dating_next IS NULL OR dating_next <= ?1) "
			   "AND (?2 IS NULL OR first_seen >= ?2) ORDER BY dating_failures, id LIMIT ?3",
	[S_UNDATED_COUNT] = "SELECT dating, count(*), min(dating_next) FROM items "
			    "WHERE dating <> 0 AND added IS NULL AND published IS NULL GROUP BY dating",
	[S_DATING_SET] = "UPDATE items SET dating = ?2, published = COALESCE(?3, published), "
			 "dating_failures = CASE WHEN ?2 IN (3, 4) THEN dating_failures + 1 ELSE 0 END, "
			 "dating_next = ?4, dating_error = ?5 WHERE id = ?1",
	[S_SOURCES_FIND] = "SELECT EXISTS (SELECT 1 FROM items WHERE kind = 1 "
			    "AND substr(source, 1, length(?1)) = ?1 AND length(source) > length(?1))",
	[S_SOURCES_RELATIVE] = "UPDATE items SET source = substr(source, length(?1) + 1) WHERE kind = 1 "
			   "AND substr(source, 1, length(?1)) = ?1 AND length(source) > length(?1)",
	[S_PAGE_GET] = "SELECT body, content_type, fetched, final_url FROM pages WHERE url = ?1",
	[S_PAGE_PUT] = "INSERT OR REPLACE INTO pages (url, body, content_type, fetched, final_url) "
		       "VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_EXTRACT_PUT] = "INSERT OR REPLACE INTO extracts (url, title, title_source, author, "
			  "author_source, site, site_source, date, date_source) "
			  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_EXTRACT_GET] = "SELECT title, title_source, author, author_source, site, site_source, "
			  "date, date_source FROM extracts WHERE url = ?1",
	[S_DRAFTED_ADD] = "INSERT OR IGNORE INTO drafted (month, url) VALUES (?1, ?2)",
	[S_DRAFTED_HAS] = "SELECT 1 FROM drafted WHERE month = ?1 AND url = ?2",
	[S_DRAFTED_LIST] = "SELECT url FROM drafted WHERE month = ?1 ORDER BY rowid",
	[S_DISMISS] = "INSERT OR IGNORE INTO dismissed (month, url) VALUES (?1, ?2)",
	[S_IS_DISMISSED] = "SELECT 1 FROM dismissed WHERE month = ?1 AND url = ?2",
	[S_PUBLISHED_GET] = "SELECT site, post_id, slug, edit_link, modified_gmt, pending, updated "
			    "FROM published WHERE month = ?1",
	[S_PUBLISHED_PUT] = "INSERT OR REPLACE INTO published (month, site, post_id, slug, edit_link, "
			    "modified_gmt, pending, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_PUBLISHED_DEL] = "DELETE FROM published WHERE month = ?1",
};

struct archive {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *st[S_COUNT];
	bool in_batch;	/* between archive_begin and archive_commit/rollback */
	char msg[512];	/* the current call's error, "" when none */
};

/* --- errors --- */

static void set_msg(struct archive *a, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* Keeps the first error of a call: later ones (a rollback's) are consequences. */
static void set_msg(struct archive *a, const char *fmt, ...)
{
	if (a->msg[0])
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
}

/* SQLite's message, with the system's reason for a failed file operation
 * ("disk I/O error: No space left on device"). */
static void db_failed(struct archive *a)
{
	int code = sqlite_api()->errcode(a->db) & 0xff;
	int e = sqlite_api()->system_errno(a->db);
	if ((code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN) && e)
		set_msg(a, "%s: %s", sqlite_api()->errmsg(a->db), strerror(e));
	else
		set_msg(a, "%s", sqlite_api()->errmsg(a->db));
}

/* Every public call starts with a clean message. */
static void start(struct archive *a)
{
	a->msg[0] = '\0';
}

/* A write inside a batch whose transaction SQLite has already rolled back
 * (it may, after a full disk or an I/O error) would be committed on its own,
 * outside the batch: refuse it until the caller calls archive_rollback(). */
static bool batch_alive(struct archive *a)
{
	if (a->in_batch && sqlite_api()->get_autocommit(a->db)) {
		set_msg(a, "the batch was undone by an earlier error; archive_rollback() ends it");
		return false;
	}
	return true;
}

/* --- statements --- */

static sqlite3_stmt *stmt(struct archive *a, enum stmt s)
{
	return a->st[s];
}

static void done(sqlite3_stmt *st)
{
	sqlite_api()->reset(st);
	sqlite_api()->clear_bindings(st);
}

/* Steps st; SQLITE_ROW or SQLITE_DONE, else records the error. */
static int step(struct archive *a, sqlite3_stmt *st)
{
	int rc = sqlite_api()->step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		db_failed(a);
	return rc;
}

/* Runs a statement that returns no row (after its values are bound). */
static bool run(struct archive *a, sqlite3_stmt *st)
{
	int rc = step(a, st);
	done(st);
	return rc == SQLITE_DONE;
}

static bool bind_str(struct archive *a, sqlite3_stmt *st, int i, const char *s)
{
	int rc = s ? sqlite_api()->bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite_api()->bind_null(st, i);
	if (rc != SQLITE_OK) {
		db_failed(a);
		return false;
	}
	return true;
}

static bool bind_int(struct archive *a, sqlite3_stmt *st, int i, int64_t v)
{
	if (sqlite_api()->bind_int64(st, i, v) != SQLITE_OK) {
		db_failed(a);
		return false;
	}
	return true;
}

/* DATE_NONE is stored as NULL. */
static bool bind_date(struct archive *a, sqlite3_stmt *st, int i, int64_t t)
{
	if (t == DATE_NONE) {
		if (sqlite_api()->bind_null(st, i) != SQLITE_OK) {
			db_failed(a);
			return false;
		}
		return true;
	}
	return bind_int(a, st, i, t);
}

/* A copy of a text column, NULL for SQL NULL; *ok cleared when out of memory. */
static char *col_str(sqlite3_stmt *st, int i, bool *ok)
{
	if (sqlite_api()->column_type(st, i) == SQLITE_NULL)
		return NULL;
	const unsigned char *s = sqlite_api()->column_text(st, i);
	char *d = s ? strdup((const char *)s) : NULL;
	if (!d)
		*ok = false;
	return d;
}

static int64_t col_date(sqlite3_stmt *st, int i)
{
	if (sqlite_api()->column_type(st, i) == SQLITE_NULL)
		return DATE_NONE;
	return sqlite_api()->column_int64(st, i);
}

static bool valid_month(struct archive *a, const char *month)
{
	int y, m;
	if (month && strlen(month) == 7 && date_parse_month(month, &y, &m))
		return true;
	set_msg(a, "not a month (YYYY-MM): \"%s\"", month ? month : "(null)");
	return false;
}

/* --- transactions --- */

/* Opens a transaction for one call, unless the caller's batch is open. */
static bool tx_open(struct archive *a, bool *mine)
{
	*mine = false;
	if (a->in_batch)
		return true;
	if (!run(a, stmt(a, S_BEGIN)))
		return false;
	*mine = true;
	return true;
}

/* Ends the call's own transaction: commits when ok, else rolls back. */
static bool tx_close(struct archive *a, bool mine, bool ok)
{
	if (!mine)
		return ok;
	if (ok && run(a, stmt(a, S_COMMIT)))
		return true;
	if (!sqlite_api()->get_autocommit(a->db))
		(void)run(a, stmt(a, S_ROLLBACK));
	return false;
}

bool archive_begin(struct archive *a)
{
	start(a);
	if (a->in_batch) {
		set_msg(a, "a batch is already open (nested archive_begin)");
		return false;
	}
	if (!run(a, stmt(a, S_BEGIN)))
		return false;
	a->in_batch = true;
	return true;
}

bool archive_commit(struct archive *a)
{
	start(a);
	if (!a->in_batch) {
		set_msg(a, "no batch is open (archive_commit without archive_begin)");
		return false;
	}
	bool ok = run(a, stmt(a, S_COMMIT));
	/* A failed COMMIT may leave the transaction open: the caller then
	 * calls archive_rollback(). */
	if (ok || sqlite_api()->get_autocommit(a->db))
		a->in_batch = false;
	return ok;
}

void archive_rollback(struct archive *a)
{
	if (!a)
		return;
	if (!sqlite_api()->get_autocommit(a->db)) {
		char keep[sizeof a->msg];
		memcpy(keep, a->msg, sizeof keep);
		(void)run(a, stmt(a, S_ROLLBACK));
		memcpy(a->msg, keep, sizeof keep);
	}
	a->in_batch = false;
}

/* --- open, close --- */

/* The message for a failure while opening, naming path and the cause. */
static char *open_error(sqlite3 *db, const char *path, int rc, const char *detail)
{
	const char *why = detail ? detail : db ? sqlite_api()->errmsg(db) : sqlite_api()->errstr(rc);
	char *msg = NULL;
	int n;
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
		if (detail)
			n = asprintf(&msg, "%s: not a reads archive: %s", path, detail);
		else
			n = asprintf(&msg, "%s: not a reads archive: the file is not an SQLite database (%s)",
				     path, why);
		break;
	case SQLITE_CORRUPT:
		n = asprintf(&msg,
			     "%s: the archive is damaged (%s); move it aside to start afresh, "
			     "or rescue it with sqlite3's .recover",
			     path, why);
		break;
	case SQLITE_CANTOPEN: {
		int e = db ? sqlite_api()->system_errno(db) : 0;
		n = asprintf(&msg, "%s: cannot open the archive: %s%s%s", path, why, e ? ": " : "",
			     e ? strerror(e) : "");
		break;
	}
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		n = asprintf(&msg, "%s: cannot write to the archive: %s", path, why);
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		n = asprintf(&msg, "%s: the archive stayed locked by another process for %d s: %s",
			     path, LIMIT_ARCHIVE_BUSY_MS / 1000, why);
		break;
	default:
		n = asprintf(&msg, "%s: %s", path, why);
		break;
	}
	if (n < 0)
		return strdup("out of memory opening the archive");
	return msg;
}

/* One integer from a query with one row and one column. */
static int query_int(sqlite3 *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *st;
	int rc = sqlite_api()->prepare_v2(db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite_api()->step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite_api()->column_int64(st, 0);
		rc = SQLITE_OK;
	} else if (rc == SQLITE_DONE) {
		*out = 0;
		rc = SQLITE_OK;
	}
	sqlite_api()->finalize(st);
	return rc;
}

/* Refuses files that are not a reads archive of a known version, before
 * anything is written to them. Returns an SQLite code; *detail is set for
 * refusals that are not SQLite errors. */
static int check_identity(sqlite3 *db, int64_t *version_out, const char **detail, char *buf, size_t size)
{
	/* One statement, so one snapshot: another process may be creating the
	 * schema right now, and the three must agree. */
	sqlite3_stmt *st;
	int rc = sqlite_api()->prepare_v2(db,
				    "SELECT (SELECT application_id FROM pragma_application_id), "
				    "(SELECT user_version FROM pragma_user_version), "
				    "(SELECT count(*) FROM sqlite_schema)",
				    -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite_api()->step(st);
	int64_t app = sqlite_api()->column_int64(st, 0);
	int64_t version = sqlite_api()->column_int64(st, 1);
	int64_t objects = sqlite_api()->column_int64(st, 2);
	sqlite_api()->finalize(st);
	if (rc != SQLITE_ROW)
		return rc;
	bool empty = app == 0 && version == 0 && objects == 0;
	if (!empty && app != ARCHIVE_APP_ID) {
		snprintf(buf, size, "an SQLite database of another program (application_id %lld)",
			 (long long)app);
		*detail = buf;
		return SQLITE_NOTADB;
	}
	if (version > ARCHIVE_SCHEMA_VERSION) {
		snprintf(buf, size,
			 "the archive has schema version %lld, newer than this reads knows (%d): "
			 "use a newer reads",
			 (long long)version, ARCHIVE_SCHEMA_VERSION);
		*detail = buf;
		return SQLITE_ERROR;
	}
	*version_out = version;
	return SQLITE_OK;
}

/* Switches the file to WAL unless it is already. The switch needs the
 * file to itself and SQLite does not wait for that (no busy handler), so
 * two runs opening a new archive at once retry here, for as long as
 * busy_timeout would wait. Where the file system has no WAL (some network
 * file systems) SQLite keeps its rollback journal, which is as safe. */
static int use_wal(sqlite3 *db)
{
	for (int waited = 0;; waited += 10) {
		sqlite3_stmt *st;
		int rc = sqlite_api()->prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
		if (rc != SQLITE_OK)
			return rc;
		rc = sqlite_api()->step(st);
		bool wal = rc == SQLITE_ROW && sqlite_api()->column_text(st, 0) &&
			   strcmp((const char *)sqlite_api()->column_text(st, 0), "wal") == 0;
		sqlite_api()->finalize(st);
		if (rc != SQLITE_ROW)
			return rc;
		if (wal)
			return SQLITE_OK;
		rc = sqlite_api()->exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY || waited >= LIMIT_ARCHIVE_BUSY_MS)
			return rc;
		sqlite_api()->sleep(10);
	}
}

/* Brings the schema to ARCHIVE_SCHEMA_VERSION in one transaction. */
static int migrate(sqlite3 *db, const char **detail, char *buf, size_t size)
{
	int rc = sqlite_api()->exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	/* Read again under the write lock: another process may have migrated. */
	int64_t version = 0;
	rc = query_int(db, "PRAGMA user_version", &version);
	if (rc == SQLITE_OK && version > ARCHIVE_SCHEMA_VERSION) {
		snprintf(buf, size, "the archive has schema version %lld, newer than this reads knows (%d)",
			 (long long)version, ARCHIVE_SCHEMA_VERSION);
		*detail = buf;
		rc = SQLITE_ERROR;
	}
	for (int64_t v = version; rc == SQLITE_OK && v < ARCHIVE_SCHEMA_VERSION; v++)
		rc = sqlite_api()->exec(db, migrations[v], NULL, NULL, NULL);
	if (rc == SQLITE_OK && version < ARCHIVE_SCHEMA_VERSION) {
		char sql[96];
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
			 ARCHIVE_SCHEMA_VERSION, ARCHIVE_APP_ID);
		rc = sqlite_api()->exec(db, sql, NULL, NULL, NULL);
	}
	if (rc == SQLITE_OK)
		rc = sqlite_api()->exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK && !sqlite_api()->get_autocommit(db)) {
		/* Keep the message of the failure, not the rollback's. */
		if (!*detail) {
			snprintf(buf, size, "%s", sqlite_api()->errmsg(db));
			*detail = buf;
		}
		sqlite_api()->exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	return rc;
}

struct archive *archive_open(const char *path, char **err)
{
	*err = NULL;
	if (!path || !*path) {
		*err = strdup("archive: no path given");
		return NULL;
	}
	struct archive *a = calloc(1, sizeof *a);
	if (!a || !(a->path = strdup(path))) {
		free(a);
		*err = strdup("archive: out of memory");
		return NULL;
	}
	const char *detail = NULL;
	char buf[256];
	int rc = sqlite_api()->open_v2(path, &a->db,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		goto out;
	sqlite_api()->extended_result_codes(a->db, 1);
	sqlite_api()->busy_timeout(a->db, LIMIT_ARCHIVE_BUSY_MS);
	sqlite_api()->limit(a->db, SQLITE_LIMIT_LENGTH, (int)LIMIT_ARCHIVE_VALUE_BYTES);
	/* No schema tricks from a file someone handed us. */
	sqlite_api()->db_config(a->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
	sqlite_api()->db_config(a->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);

	int64_t version = 0;
	rc = check_identity(a->db, &version, &detail, buf, sizeof buf);
	if (rc != SQLITE_OK)
		goto out;
	rc = use_wal(a->db);
	if (rc != SQLITE_OK)
		goto out;
	rc = sqlite_api()->exec(a->db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		goto out;
	/* Only a migration takes the write lock: opening an up-to-date archive
	 * never waits for another run's transaction. */
	if (version < ARCHIVE_SCHEMA_VERSION) {
		rc = migrate(a->db, &detail, buf, sizeof buf);
		if (rc != SQLITE_OK)
			goto out;
	}
	for (int i = 0; i < S_COUNT; i++) {
		rc = sqlite_api()->prepare_v3(a->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &a->st[i], NULL);
		if (rc != SQLITE_OK)
			goto out;
	}
	/* An archive whose schema is damaged shows it here, not mid-run. */
	int64_t n;
	rc = query_int(a->db, "SELECT count(*) FROM items", &n);
out:
	if (rc != SQLITE_OK) {
		*err = open_error(a->db, path, rc, detail);
		archive_close(a);
		return NULL;
	}
	return a;
}

void archive_close(struct archive *a)
{
	if (!a)
		return;
	if (a->db && a->in_batch)
		archive_rollback(a);
	for (int i = 0; i < S_COUNT; i++)
		sqlite_api()->finalize(a->st[i]);
	/* The last connection to close checkpoints and removes the WAL. */
	sqlite_api()->close(a->db);
	free(a->path);
	free(a);
}

const char *archive_error(const struct archive *a)
{
	return a ? a->msg : "no archive";
}

const char *archive_path(const struct archive *a)
{
	return a->path;
}

/* --- feeds --- */

static void feed_init(struct archive_feed *f)
{
	memset(f, 0, sizeof *f);
	f->last_success = DATE_NONE;
	f->last_attempt = DATE_NONE;
	f->next_fetch = DATE_NONE;
}

void archive_feed_finish(struct archive_feed *f)
{
	if (!f)
		return;
	free(f->url);
	free(f->etag);
	free(f->last_modified);
	free(f->moved_to);
	free(f->title);
	free(f->last_error);
	feed_init(f);
}

/* Reads a row of FEED_COLS into *f. */
static bool feed_row(sqlite3_stmt *st, struct archive_feed *f)
{
	bool ok = true;
	feed_init(f);
	f->url = col_str(st, 0, &ok);
	f->etag = col_str(st, 1, &ok);
	f->last_modified = col_str(st, 2, &ok);
	f->moved_to = col_str(st, 3, &ok);
	f->title = col_str(st, 4, &ok);
	f->last_success = col_date(st, 5);
	f->last_attempt = col_date(st, 6);
	f->last_error = col_str(st, 7, &ok);
	int64_t failures = sqlite_api()->column_int64(st, 8);
	f->failures = failures < 0 ? 0 : failures > (int64_t)(unsigned)-1 ? (unsigned)-1 : (unsigned)failures;
	f->next_fetch = col_date(st, 9);
	f->gone = sqlite_api()->column_int64(st, 10) != 0;
	if (!ok)
		archive_feed_finish(f);
	return ok;
}

bool archive_feed_get(struct archive *a, const char *url, struct archive_feed *out)
{
	start(a);
	feed_init(out);
	sqlite3_stmt *st = stmt(a, S_FEED_GET);
	bool ok = false;
	if (!url) {
		set_msg(a, "feed without URL");
		return false;
	}
	if (!bind_str(a, st, 1, url))
		goto out;
	int rc = step(a, st);
	if (rc == SQLITE_ROW) {
		if (!feed_row(st, out)) {
			set_msg(a, "out of memory");
			goto out;
		}
	} else if (rc == SQLITE_DONE) {
		if (!(out->url = strdup(url))) {
			set_msg(a, "out of memory");
			goto out;
		}
	} else {
		goto out;
	}
	ok = true;
out:
	done(st);
	return ok;
}

bool archive_feed_put(struct archive *a, const struct archive_feed *f)
{
	start(a);
	if (!batch_alive(a))
		return false;
	if (!f->url) {
		set_msg(a, "feed without URL");
		return false;
	}
	sqlite3_stmt *st = stmt(a, S_FEED_PUT);
	bool ok = bind_str(a, st, 1, f->url) && bind_str(a, st, 2, f->etag) &&
		  bind_str(a, st, 3, f->last_modified) && bind_str(a, st, 4, f->moved_to) &&
		  bind_str(a, st, 5, f->title) && bind_date(a, st, 6, f->last_success) &&
		  bind_date(a, st, 7, f->last_attempt) && bind_str(a, st, 8, f->last_error) &&
		  bind_int(a, st, 9, f->failures) && bind_date(a, st, 10, f->next_fetch) &&
		  bind_int(a, st, 11, f->gone ? 1 : 0);
	if (!ok) {
		done(st);
		return false;
	}
	return run(a, st);
}

/* Steps st to its end, appending one element of `size` bytes per row to a
 * growing array filled by `row`. On success hands the array and its length
 * over; on failure undoes each element with `drop`, frees the array, sets
 * the message and returns false. st is reset either way. */
static bool collect_rows(struct archive *a, sqlite3_stmt *st, size_t size, bool (*row)(sqlite3_stmt *, void *),
			 void (*drop)(void *), void **out, size_t *n)
{
	char *v = NULL;
	size_t len = 0, cap = 0;
	int rc;
	while ((rc = step(a, st)) == SQLITE_ROW) {
		if (len == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			char *p = ncap > SIZE_MAX / size ? NULL : realloc(v, ncap * size);
			if (!p)
				goto oom;
			v = p;
			cap = ncap;
		}
		if (!row(st, v + len * size))
			goto oom;
		len++;
	}
	done(st);
	if (rc != SQLITE_DONE)
		goto fail;
	*out = v;
	*n = len;
	return true;
oom:
	done(st);
	set_msg(a, "out of memory");
fail:
	for (size_t i = 0; i < len; i++)
		drop(v + i * size);
	free(v);
	return false;
}

static bool feed_row_any(sqlite3_stmt *st, void *f)
{
	return feed_row(st, f);
}

static void feed_drop(void *f)
{
	archive_feed_finish(f);
}

bool archive_feed_list(struct archive *a, struct archive_feed **out, size_t *n)
{
	start(a);
	*out = NULL;
	*n = 0;
	void *v = NULL;
	bool ok = collect_rows(a, stmt(a, S_FEED_LIST), sizeof **out, feed_row_any, feed_drop, &v, n);
	*out = v;
	return ok;
}

/* --- hosts --- */

int64_t archive_host_not_before(struct archive *a, const char *host)
{
	start(a);
	if (!host)
		return DATE_NONE;
	sqlite3_stmt *st = stmt(a, S_HOST_GET);
	int64_t t = DATE_NONE;
	if (bind_str(a, st, 1, host) && step(a, st) == SQLITE_ROW)
		t = col_date(st, 0);
	done(st);
	return t;
}

bool archive_host_set_not_before(struct archive *a, const char *host, int64_t t)
{
	start(a);
	if (!batch_alive(a))
		return false;
	if (!host) {
		set_msg(a, "no host given");
		return false;
	}
	sqlite3_stmt *st = stmt(a, t == DATE_NONE ? S_HOST_DEL : S_HOST_SET);
	if (!bind_str(a, st, 1, host) || (t != DATE_NONE && !bind_int(a, st, 2, t))) {
		done(st);
		return false;
	}
	return run(a, st);
}

/* --- items --- */

static void item_init(struct archive_item *it)
{
	memset(it, 0, sizeof *it);
	it->published = DATE_NONE;
	it->added = DATE_NONE;
	it->first_seen = DATE_NONE;
}

void archive_item_finish(struct archive_item *it)
{
	if (!it)
		return;
	free(it->source);
	free(it->url);
	free(it->link);
	free(it->guid);
	free(it->title);
	free(it->author);
	free(it->summary);
	free(it->quote);
	free(it->note);
	item_init(it);
}

void archive_items_free(struct archive_item *items, size_t n)
{
	if (!items)
		return;
	for (size_t i = 0; i < n; i++)
		archive_item_finish(&items[i]);
	free(items);
}

/* Reads a row of ITEM_COLS into *it. */
static bool item_row(sqlite3_stmt *st, struct archive_item *it)
{
	bool ok = true;
	item_init(it);
	it->id = sqlite_api()->column_int64(st, 0);
	it->kind = sqlite_api()->column_int(st, 1) == ARCHIVE_BOOKMARK ? ARCHIVE_BOOKMARK : ARCHIVE_FEED_ITEM;
	it->source = col_str(st, 2, &ok);
	it->url = col_str(st, 3, &ok);
	it->link = col_str(st, 4, &ok);
	it->guid = col_str(st, 5, &ok);
	it->title = col_str(st, 6, &ok);
	it->author = col_str(st, 7, &ok);
	it->summary = col_str(st, 8, &ok);
	it->quote = col_str(st, 9, &ok);
	it->note = col_str(st, 10, &ok);
	it->published = col_date(st, 11);
	it->added = col_date(st, 12);
	it->first_seen = col_date(st, 13);
	if (!ok)
		archive_item_finish(it);
	return ok;
}

static bool has_directive(const char *link)
{
	char *d = link ? url_text_directive(link) : NULL;
	bool has = d != NULL;
	free(d);
	return has;
}

/* A known item meets a bookmark: it becomes one and gains what it lacked.
 * find is on the known item's row of S_ITEM_FIND; it is reset here. */
static bool merge_bookmark(struct archive *a, sqlite3_stmt *find, const struct archive_item *b,
			   bool *changed)
{
	int64_t id = sqlite_api()->column_int64(find, 0);
	bool was_bookmark = sqlite_api()->column_int(find, 1) == ARCHIVE_BOOKMARK;
	bool ok = true;
	char *link = col_str(find, 2, &ok);
	char *quote = col_str(find, 3, &ok);
	char *note = col_str(find, 4, &ok);
	int64_t added = col_date(find, 5);
	int64_t published = col_date(find, 6);
	int dating = sqlite_api()->column_int(find, 7);
	done(find);	/* copied: the row may now change */
	*changed = false;
	if (!ok) {
		set_msg(a, "out of memory");
		goto out;
	}
	const char *new_link = link;
	if (b->link && !has_directive(link) && has_directive(b->link))
		new_link = b->link;
	const char *new_quote = quote ? quote : b->quote;
	const char *new_note = note ? note : b->note;
	int64_t new_added = added != DATE_NONE ? added : b->added;
	/* An undated item that becomes a bookmark waits for its page's date. */
	int new_dating = new_added != DATE_NONE || published != DATE_NONE ? ARCHIVE_DATED
			 : dating == ARCHIVE_DATED ? ARCHIVE_UNDATED : dating;
	*changed = !was_bookmark || new_link != link || new_quote != quote || new_note != note ||
		   new_added != added || new_dating != dating;
	if (!*changed)
		goto out;
	sqlite3_stmt *st = stmt(a, S_ITEM_MERGE);
	ok = bind_int(a, st, 1, id) && bind_int(a, st, 2, ARCHIVE_BOOKMARK) &&
	     bind_str(a, st, 3, new_link) && bind_str(a, st, 4, new_quote) &&
	     bind_str(a, st, 5, new_note) && bind_date(a, st, 6, new_added) && bind_int(a, st, 7, new_dating);
	/* The strings are bound SQLITE_STATIC from our copies, alive until out. */
	ok = ok ? run(a, st) : (done(st), false);
out:
	free(link);
	free(quote);
	free(note);
	return ok;
}

/* The key an item is stored under: url_canonical(url) for an http(s) URL
 * (callers pass it so already; doing it again keeps the dedup rule whole when
 * one passes a raw link), else url as given. Caller frees; NULL when out of
 * memory. */
static char *item_key(const char *url)
{
	char *c = url_canonical(url);
	return c ? c : strdup(url);
}

enum archive_put_result archive_item_put(struct archive *a, const struct archive_item *item)
{
	start(a);
	if (!batch_alive(a))
		return ARCHIVE_PUT_ERROR;
	if (!item->url || !*item->url) {
		set_msg(a, "item without URL (source %s)", item->source ? item->source : "unknown");
		return ARCHIVE_PUT_ERROR;
	}
	if (!item->source) {
		set_msg(a, "item without source: %s", item->url);
		return ARCHIVE_PUT_ERROR;
	}
	if (item->kind != ARCHIVE_FEED_ITEM && item->kind != ARCHIVE_BOOKMARK) {
		set_msg(a, "item of unknown kind %d: %s", (int)item->kind, item->url);
		return ARCHIVE_PUT_ERROR;
	}
	char *key = item_key(item->url);
	if (!key) {
		set_msg(a, "out of memory");
		return ARCHIVE_PUT_ERROR;
	}
	bool mine;
	if (!tx_open(a, &mine)) {
		free(key);
		return ARCHIVE_PUT_ERROR;
	}
	enum archive_put_result res = ARCHIVE_PUT_ERROR;
	sqlite3_stmt *find = stmt(a, S_ITEM_FIND);
	if (!bind_str(a, find, 1, key) || !bind_str(a, find, 2, item->source) ||
	    !bind_str(a, find, 3, item->guid))
		goto out;
	int rc = step(a, find);
	if (rc == SQLITE_ROW) {
		bool changed = false;
		if (item->kind == ARCHIVE_BOOKMARK && !merge_bookmark(a, find, item, &changed))
			goto out;
		res = ARCHIVE_PUT_KNOWN;
		goto out;
	}
	if (rc != SQLITE_DONE)
		goto out;
	done(find);
	int64_t first_seen = item->first_seen == 0 || item->first_seen == DATE_NONE ? date_now()
										   : item->first_seen;
	sqlite3_stmt *st = stmt(a, S_ITEM_INSERT);
	bool ok = bind_int(a, st, 1, item->kind) && bind_str(a, st, 2, item->source) &&
		  bind_str(a, st, 3, key) && bind_str(a, st, 4, item->link) &&
		  bind_str(a, st, 5, item->guid) && bind_str(a, st, 6, item->title) &&
		  bind_str(a, st, 7, item->author) && bind_str(a, st, 8, item->summary) &&
		  bind_str(a, st, 9, item->quote) && bind_str(a, st, 10, item->note) &&
		  bind_date(a, st, 11, item->published) && bind_date(a, st, 12, item->added) &&
		  bind_int(a, st, 13, first_seen) &&
		  bind_int(a, st, 14,
			   item->kind == ARCHIVE_BOOKMARK && item->added == DATE_NONE && item->published == DATE_NONE
				   ? ARCHIVE_UNDATED
				   : ARCHIVE_DATED);
	if (ok ? run(a, st) : (done(st), false))
		res = ARCHIVE_PUT_NEW;
out:
	done(find);
	if (!tx_close(a, mine, res != ARCHIVE_PUT_ERROR))
		res = ARCHIVE_PUT_ERROR;
	free(key);
	return res;
}

bool archive_item_get(struct archive *a, const char *url, struct archive_item *out)
{
	start(a);
	item_init(out);
	if (!url)
		return false;
	char *key = item_key(url);
	if (!key) {
		set_msg(a, "out of memory");
		return false;
	}
	sqlite3_stmt *st = stmt(a, S_ITEM_GET);
	bool found = false;
	if (bind_str(a, st, 1, key) && step(a, st) == SQLITE_ROW) {
		found = item_row(st, out);
		if (!found)
			set_msg(a, "out of memory");
	}
	done(st);
	free(key);
	return found;
}

static bool item_row_any(sqlite3_stmt *st, void *it)
{
	return item_row(st, it);
}

static void item_drop(void *it)
{
	archive_item_finish(it);
}

bool archive_items_between(struct archive *a, int64_t from, int64_t to, struct archive_item **out,
			   size_t *n)
{
	start(a);
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = stmt(a, S_ITEMS_BETWEEN);
	if (!bind_int(a, st, 1, from) || !bind_int(a, st, 2, to)) {
		done(st);
		return false;
	}
	void *v = NULL;
	bool ok = collect_rows(a, st, sizeof **out, item_row_any, item_drop, &v, n);
	*out = v;
	return ok;
}

bool archive_feed_item_count(struct archive *a, const char *source, int64_t from, int64_t to, size_t *n)
{
	start(a);
	*n = 0;
	if (!source) {
		set_msg(a, "no feed given");
		return false;
	}
	sqlite3_stmt *st = stmt(a, S_FEED_ITEM_COUNT);
	bool ok = false;
	if (!bind_str(a, st, 1, source) || !bind_date(a, st, 2, from) || !bind_date(a, st, 3, to))
		goto out;
	if (step(a, st) != SQLITE_ROW)
		goto out;
	int64_t count = sqlite_api()->column_int64(st, 0);
	*n = count < 0 ? 0 : (size_t)count;
	ok = true;
out:
	done(st);
	return ok;
}

/* --- dating bookmarks --- */

void archive_undated_free(struct archive_undated *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].url);
		free(v[i].link);
		free(v[i].source);
		free(v[i].error);
	}
	free(v);
}

static bool undated_row(sqlite3_stmt *st, void *out)
{
	struct archive_undated *u = out;
	bool ok = true;
	memset(u, 0, sizeof *u);
	u->id = sqlite_api()->column_int64(st, 0);
	u->url = col_str(st, 1, &ok);
	u->link = col_str(st, 2, &ok);
	u->source = col_str(st, 3, &ok);
	u->first_seen = col_date(st, 4);
	u->state = sqlite_api()->column_int(st, 5) == ARCHIVE_PAGE_FAILING ? ARCHIVE_PAGE_FAILING : ARCHIVE_UNDATED;
	int64_t f = sqlite_api()->column_int64(st, 6);
	u->failures = f < 0 ? 0 : f > 1000000 ? 1000000u : (unsigned)f;
	u->next_try = col_date(st, 7);
	u->error = col_str(st, 8, &ok);
	if (!ok) {
		free(u->url);
		free(u->link);
		free(u->source);
		free(u->error);
	}
	return ok;
}

static void undated_drop(void *u)
{
	struct archive_undated *x = u;
	free(x->url);
	free(x->link);
	free(x->source);
	free(x->error);
}

bool archive_undated_list(struct archive *a, int64_t now, int64_t seen_from, size_t limit,
			  struct archive_undated **out, size_t *n)
{
	start(a);
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = stmt(a, S_UNDATED_LIST);
	int64_t lim = limit == 0 || limit > (size_t)INT64_MAX ? -1 : (int64_t)limit;
	if (!bind_date(a, st, 1, now) || !bind_date(a, st, 2, seen_from) || !bind_int(a, st, 3, lim)) {
		done(st);
		return false;
	}
	void *v = NULL;
	bool ok = collect_rows(a, st, sizeof **out, undated_row, undated_drop, &v, n);
	*out = v;
	return ok;
}

bool archive_undated_count(struct archive *a, struct archive_undated_counts *c)
{
	start(a);
	memset(c, 0, sizeof *c);
	c->next_try = DATE_NONE;
	sqlite3_stmt *st = stmt(a, S_UNDATED_COUNT);
	int rc;
	while ((rc = step(a, st)) == SQLITE_ROW) {
		int state = sqlite_api()->column_int(st, 0);
		int64_t k = sqlite_api()->column_int64(st, 1);
		size_t count = k < 0 ? 0 : (size_t)k;
		if (state == ARCHIVE_UNDATED) {
			c->waiting = count;
		} else if (state == ARCHIVE_NO_PAGE_DATE) {
			c->no_date = count;
		} else if (state == ARCHIVE_PAGE_FAILING) {
			c->failing = count;
			c->next_try = col_date(st, 2);
		} else if (state == ARCHIVE_PAGE_GIVEN_UP) {
			c->given_up = count;
		}
	}
	done(st);
	return rc == SQLITE_DONE;
}

bool archive_dating_set(struct archive *a, int64_t id, enum archive_dating state, int64_t published,
			const char *error, int64_t next_try)
{
	start(a);
	if (!batch_alive(a))
		return false;
	if (state == ARCHIVE_DATED && published == DATE_NONE) {
		set_msg(a, "item %lld: dated without a date", (long long)id);
		return false;
	}
	if (state != ARCHIVE_DATED)
		published = DATE_NONE;
	if (state != ARCHIVE_PAGE_FAILING)
		next_try = DATE_NONE;
	if (state != ARCHIVE_PAGE_FAILING && state != ARCHIVE_PAGE_GIVEN_UP)
		error = NULL;
	sqlite3_stmt *st = stmt(a, S_DATING_SET);
	if (!bind_int(a, st, 1, id) || !bind_int(a, st, 2, state) || !bind_date(a, st, 3, published) ||
	    !bind_date(a, st, 4, next_try) || !bind_str(a, st, 5, error)) {
		done(st);
		return false;
	}
	if (!run(a, st))
		return false;
	if (sqlite_api()->changes(a->db) == 0) {
		set_msg(a, "no item with id %lld", (long long)id);
		return false;
	}
	return true;
}

/* --- sources --- */

bool archive_sources_relative(struct archive *a, const char *prefix)
{
	start(a);
	if (!prefix || !*prefix) {
		set_msg(a, "no folder given");
		return false;
	}
	sqlite3_stmt *st = stmt(a, S_SOURCES_FIND);
	bool any = false;
	if (!bind_str(a, st, 1, prefix) || step(a, st) != SQLITE_ROW) {
		done(st);
		return false;
	}
	any = sqlite_api()->column_int(st, 0) != 0;
	done(st);
	if (!any)
		return true;
	bool mine;
	if (!tx_open(a, &mine))
		return false;
	st = stmt(a, S_SOURCES_RELATIVE);
	bool ok = bind_str(a, st, 1, prefix) ? run(a, st) : (done(st), false);
	return tx_close(a, mine, ok);
}

/* --- pages --- */

void archive_page_finish(struct archive_page *p)
{
	if (!p)
		return;
	free(p->url);
	free(p->body);
	free(p->content_type);
	free(p->final_url);
	memset(p, 0, sizeof *p);
}

bool archive_page_get(struct archive *a, const char *url, struct archive_page *out)
{
	start(a);
	memset(out, 0, sizeof *out);
	if (!url)
		return false;
	sqlite3_stmt *st = stmt(a, S_PAGE_GET);
	bool found = false;
	if (!bind_str(a, st, 1, url) || step(a, st) != SQLITE_ROW)
		goto out;
	const void *body = sqlite_api()->column_blob(st, 0);
	int len = sqlite_api()->column_bytes(st, 0);
	bool ok = true;
	out->url = strdup(url);
	out->body = malloc((size_t)len + 1);
	out->content_type = col_str(st, 1, &ok);
	out->fetched = col_date(st, 2);
	out->final_url = col_str(st, 3, &ok);
	if (!ok || !out->url || !out->body) {
		set_msg(a, "out of memory");
		archive_page_finish(out);
		goto out;
	}
	if (len > 0)
		memcpy(out->body, body, (size_t)len);
	out->body[len] = '\0';
	out->len = (size_t)len;
	found = true;
out:
	done(st);
	return found;
}

bool archive_page_put(struct archive *a, const struct archive_page *p)
{
	start(a);
	if (!batch_alive(a))
		return false;
	if (!p->url) {
		set_msg(a, "page without URL");
		return false;
	}
	if (p->len > LIMIT_PAGE_BYTES) {
		set_msg(a, "%s: page of %zu bytes not cached (over %zu)", p->url, p->len,
			(size_t)LIMIT_PAGE_BYTES);
		return false;
	}
	sqlite3_stmt *st = stmt(a, S_PAGE_PUT);
	int rc = p->len ? sqlite_api()->bind_blob64(st, 2, p->body, p->len, SQLITE_STATIC)
			: sqlite_api()->bind_zeroblob(st, 2, 0);
	if (rc != SQLITE_OK)
		db_failed(a);
	int64_t fetched = p->fetched ? p->fetched : date_now();
	if (rc != SQLITE_OK || !bind_str(a, st, 1, p->url) || !bind_str(a, st, 3, p->content_type) ||
	    !bind_date(a, st, 4, fetched) || !bind_str(a, st, 5, p->final_url)) {
		done(st);
		return false;
	}
	return run(a, st);
}

/* --- extracts --- */

void archive_extract_finish(struct archive_extract *e)
{
	if (!e)
		return;
	free(e->title);
	free(e->title_source);
	free(e->author);
	free(e->author_source);
	free(e->site);
	free(e->site_source);
	free(e->date_source);
	memset(e, 0, sizeof *e);
	e->date = DATE_NONE;
}

bool archive_extract_put(struct archive *a, const char *url, const struct archive_extract *e)
{
	start(a);
	if (!batch_alive(a))
		return false;
	if (!url) {
		set_msg(a, "extract without URL");
		return false;
	}
	sqlite3_stmt *st = stmt(a, S_EXTRACT_PUT);
	bool ok = bind_str(a, st, 1, url) && bind_str(a, st, 2, e->title) &&
		  bind_str(a, st, 3, e->title_source) && bind_str(a, st, 4, e->author) &&
		  bind_str(a, st, 5, e->author_source) && bind_str(a, st, 6, e->site) &&
		  bind_str(a, st, 7, e->site_source) && bind_date(a, st, 8, e->date) &&
		  bind_str(a, st, 9, e->date_source);
	if (!ok) {
		done(st);
		return false;
	}
	return run(a, st);
}

bool archive_extract_get(struct archive *a, const char *url, struct archive_extract *out)
{
	start(a);
	memset(out, 0, sizeof *out);
	out->date = DATE_NONE;
	if (!url)
		return false;
	sqlite3_stmt *st = stmt(a, S_EXTRACT_GET);
	bool found = false;
	if (bind_str(a, st, 1, url) && step(a, st) == SQLITE_ROW) {
		bool ok = true;
		out->title = col_str(st, 0, &ok);
		out->title_source = col_str(st, 1, &ok);
		out->author = col_str(st, 2, &ok);
		out->author_source = col_str(st, 3, &ok);
		out->site = col_str(st, 4, &ok);
		out->site_source = col_str(st, 5, &ok);
		out->date = col_date(st, 6);
		out->date_source = col_str(st, 7, &ok);
		if (ok) {
			found = true;
		} else {
			set_msg(a, "out of memory");
			archive_extract_finish(out);
		}
	}
	done(st);
	return found;
}

/* --- drafts --- */

/* drafted and dismissed are keyed like items (item_key). */
static bool month_url_write(struct archive *a, enum stmt s, const char *month, const char *url)
{
	start(a);
	if (!batch_alive(a))
		return false;
	if (!valid_month(a, month))
		return false;
	if (!url) {
		set_msg(a, "no URL given");
		return false;
	}
	char *key = item_key(url);
	if (!key) {
		set_msg(a, "out of memory");
		return false;
	}
	sqlite3_stmt *st = stmt(a, s);
	bool ok = bind_str(a, st, 1, month) && bind_str(a, st, 2, key) ? run(a, st) : (done(st), false);
	free(key);
	return ok;
}

static bool month_url_has(struct archive *a, enum stmt s, const char *month, const char *url)
{
	start(a);
	if (!month || !url)
		return false;
	char *key = item_key(url);
	if (!key) {
		set_msg(a, "out of memory");
		return false;
	}
	sqlite3_stmt *st = stmt(a, s);
	bool has = bind_str(a, st, 1, month) && bind_str(a, st, 2, key) && step(a, st) == SQLITE_ROW;
	done(st);
	free(key);
	return has;
}

bool archive_drafted_add(struct archive *a, const char *month, const char *url)
{
	return month_url_write(a, S_DRAFTED_ADD, month, url);
}

bool archive_drafted_has(struct archive *a, const char *month, const char *url)
{
	return month_url_has(a, S_DRAFTED_HAS, month, url);
}

bool archive_dismiss(struct archive *a, const char *month, const char *url)
{
	return month_url_write(a, S_DISMISS, month, url);
}

bool archive_is_dismissed(struct archive *a, const char *month, const char *url)
{
	return month_url_has(a, S_IS_DISMISSED, month, url);
}

static bool url_row(sqlite3_stmt *st, void *url)
{
	bool ok = true;
	*(char **)url = col_str(st, 0, &ok);
	return ok;
}

static void url_drop(void *url)
{
	free(*(char **)url);
}

bool archive_drafted_list(struct archive *a, const char *month, char ***urls, size_t *n)
{
	start(a);
	*urls = NULL;
	*n = 0;
	if (!valid_month(a, month))
		return false;
	sqlite3_stmt *st = stmt(a, S_DRAFTED_LIST);
	if (!bind_str(a, st, 1, month)) {
		done(st);
		return false;
	}
	void *v = NULL;
	bool ok = collect_rows(a, st, sizeof **urls, url_row, url_drop, &v, n);
	*urls = v;
	return ok;
}

/* --- publications --- */

bool archive_publication_get(struct archive *a, const char *month, struct archive_publication *out)
{
	start(a);
	memset(out, 0, sizeof *out);
	out->updated = DATE_NONE;
	if (!valid_month(a, month))
		return false;
	sqlite3_stmt *st = stmt(a, S_PUBLISHED_GET);
	bool found = false;
	if (bind_str(a, st, 1, month) && step(a, st) == SQLITE_ROW) {
		bool ok = true;
		out->month = strdup(month);
		ok = out->month != NULL;
		out->site = col_str(st, 0, &ok);
		out->post_id = sqlite_api()->column_int64(st, 1);
		out->slug = col_str(st, 2, &ok);
		out->edit_link = col_str(st, 3, &ok);
		out->modified_gmt = col_str(st, 4, &ok);
		out->pending = sqlite_api()->column_int64(st, 5) != 0;
		out->updated = col_date(st, 6);
		if (ok) {
			found = true;
		} else {
			set_msg(a, "out of memory");
			archive_publication_finish(out);
		}
	}
	done(st);
	return found;
}

bool archive_publication_put(struct archive *a, const struct archive_publication *p)
{
	start(a);
	if (!batch_alive(a) || !valid_month(a, p->month))
		return false;
	if (!p->site || !*p->site || p->post_id < 0) {
		set_msg(a, "a publication needs the site and a post id (0 while pending)");
		return false;
	}
	sqlite3_stmt *st = stmt(a, S_PUBLISHED_PUT);
	bool ok = bind_str(a, st, 1, p->month) && bind_str(a, st, 2, p->site) &&
		  (p->post_id ? bind_int(a, st, 3, p->post_id) : bind_date(a, st, 3, DATE_NONE)) &&
		  bind_str(a, st, 4, p->slug) && bind_str(a, st, 5, p->edit_link) &&
		  bind_str(a, st, 6, p->modified_gmt) && bind_int(a, st, 7, p->pending ? 1 : 0) &&
		  bind_int(a, st, 8, p->updated && p->updated != DATE_NONE ? p->updated : date_now());
	if (!ok) {
		done(st);
		return false;
	}
	return run(a, st);
}

bool archive_publication_delete(struct archive *a, const char *month)
{
	start(a);
	if (!batch_alive(a) || !valid_month(a, month))
		return false;
	sqlite3_stmt *st = stmt(a, S_PUBLISHED_DEL);
	return bind_str(a, st, 1, month) ? run(a, st) : (done(st), false);
}

void archive_publication_finish(struct archive_publication *p)
{
	if (!p)
		return;
	free(p->month);
	free(p->site);
	free(p->slug);
	free(p->edit_link);
	free(p->modified_gmt);
	memset(p, 0, sizeof *p);
	p->updated = DATE_NONE;
}
