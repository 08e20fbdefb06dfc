/* config — feeds.yaml into a typed configuration.
 *
 * Two passes.  libyaml's event API builds a small tree of our own that keeps
 * every node's mark (aliases are refused, so no node is ever visited twice
 * and a "billion laughs" file is just an error).  Then the tree is checked
 * against the schema of DESIGN.md, collecting every problem as
 * "NAME:LINE:COL: message" instead of stopping at the first. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "buf.h"
#include "date.h"
#include "fileio.h"
#include "limits.h"
#include "url.h"

/* ---- the tree ---------------------------------------------------------- */

enum node_kind { NODE_SCALAR, NODE_SEQ, NODE_MAP, NODE_ALIAS };

struct node {
	enum node_kind kind;
	char *text;	/* scalars: the value, NUL-terminated */
	size_t len;
	bool plain;	/* an unquoted scalar (numbers and null are plain) */
	int line, col;	/* 1-based */
	struct node **kid; /* seq: items; map: key, value, key, value, … */
	size_t n, cap;
};

static void node_free(struct node *n)
{
	if (!n)
		return;
	/* Iterative over siblings, recursive over depth (bounded by
	 * LIMIT_CONFIG_DEPTH). */
	for (size_t i = 0; i < n->n; i++)
		node_free(n->kid[i]);
	free(n->kid);
	free(n->text);
	free(n);
}

static bool node_add(struct node *parent, struct node *child)
{
	if (parent->n == parent->cap) {
		size_t cap = parent->cap ? parent->cap * 2 : 8;
		struct node **k = realloc(parent->kid, cap * sizeof *k);
		if (!k)
			return false;
		parent->kid = k;
		parent->cap = cap;
	}
	parent->kid[parent->n++] = child;
	return true;
}

static bool is_null(const struct node *n)
{
	if (n->kind != NODE_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->text, "~") == 0 || strcmp(n->text, "null") == 0 ||
	       strcmp(n->text, "Null") == 0 || strcmp(n->text, "NULL") == 0;
}

/* ---- the checking context ---------------------------------------------- */

struct problem {
	int line, col;
	size_t seq;	/* report order, for a stable sort */
	char *msg;
};

struct ctx {
	const char *name;
	struct strlist *errors;
	struct problem *problems; /* sorted by place, then pushed onto errors */
	size_t n_problems, problems_cap;
	unsigned n_errors;
	bool oom;
	struct config *cfg;
	struct node **added; /* parallel to cfg->bookmarks: the added: node or NULL */
	size_t added_cap;
	size_t feeds_cap, bookmarks_cap;
};

/* What vasprintf writes for fmt and ap, or NULL when out of memory. Caller
 * frees with free(). */
static char *PRINTF_LIKE(1, 0) vformat(const char *fmt, va_list ap)
{
	char *msg = NULL;
	return vasprintf(&msg, fmt, ap) < 0 ? NULL : msg;
}

static void PRINTF_LIKE(4, 5) errat(struct ctx *c, int line, int col, const char *fmt, ...)
{
	c->n_errors++;
	if (c->n_errors > LIMIT_CONFIG_ERRORS)
		return;
	if (c->n_problems == c->problems_cap) {
		size_t cap = c->problems_cap ? c->problems_cap * 2 : 16;
		struct problem *p = realloc(c->problems, cap * sizeof *p);
		if (!p) {
			c->oom = true;
			return;
		}
		c->problems = p;
		c->problems_cap = cap;
	}
	va_list ap;
	va_start(ap, fmt);
	char *msg = vformat(fmt, ap);
	va_end(ap);
	if (!msg) {
		c->oom = true;
		return;
	}
	c->problems[c->n_problems] = (struct problem){line, col, c->n_problems, msg};
	c->n_problems++;
}

static int by_place(const void *a, const void *b)
{
	const struct problem *p = a, *q = b;
	if (p->line != q->line)
		return p->line < q->line ? -1 : 1;
	if (p->col != q->col)
		return p->col < q->col ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Pushes the problems, in the order of the file, as "NAME:LINE:COL: msg". */
static void flush_problems(struct ctx *c)
{
	if (c->n_problems)
		qsort(c->problems, c->n_problems, sizeof *c->problems, by_place);
	for (size_t i = 0; i < c->n_problems; i++) {
		struct problem *p = &c->problems[i];
		if (!strlist_pushf(c->errors, "%s:%d:%d: %s", c->name, p->line, p->col, p->msg))
			c->oom = true;
		free(p->msg);
	}
	if (c->n_errors > LIMIT_CONFIG_ERRORS &&
	    !strlist_pushf(c->errors, "%s: more than %u problems; the rest are not shown", c->name,
			   LIMIT_CONFIG_ERRORS))
		c->oom = true;
	free(c->problems);
	c->problems = NULL;
	c->n_problems = 0;
}

#define err(c, node, ...) errat((c), (node)->line, (node)->col, __VA_ARGS__)

/* A short quotation of a scalar for messages: 'value', cut at 40 bytes. */
static const char *quoted(const struct node *n, char out[64])
{
	size_t len = n->len;
	const char *dots = "";
	if (len > 40) {
		len = 40;
		/* do not cut a UTF-8 sequence */
		while (len > 0 && ((unsigned char)n->text[len] & 0xC0) == 0x80)
			len--;
		dots = "…";
	}
	char clean[41];
	for (size_t i = 0; i < len; i++)
		clean[i] = (unsigned char)n->text[i] < 0x20 ? ' ' : n->text[i];
	clean[len] = '\0';
	snprintf(out, 64, "'%s%s'", clean, dots);
	return out;
}

static bool looks_numeric(const struct node *n)
{
	if (n->kind != NODE_SCALAR || !n->plain || n->len == 0)
		return false;
	const char *p = n->text;
	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	for (; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '.' && *p != 'e' && *p != 'E' && *p != '_')
			return false;
	return true;
}

/* What a node is, for "expected X, got Y". */
static const char *describe(const struct node *n, char tmp[64])
{
	switch (n->kind) {
	case NODE_SEQ:
		return "a list";
	case NODE_MAP:
		return "a mapping";
	case NODE_ALIAS:
		return "an alias";
	case NODE_SCALAR:
		break;
	}
	if (is_null(n))
		return "nothing";
	if (looks_numeric(n)) {
		snprintf(tmp, 64, "the number %s", quoted(n, (char[64]){0}));
		return tmp;
	}
	snprintf(tmp, 64, "%s", quoted(n, (char[64]){0}));
	return tmp;
}

/* ---- "did you mean" ---------------------------------------------------- */

/* Optimal-string-alignment distance (Damerau–Levenshtein with adjacent
 * transpositions), case-insensitive, on names of at most 63 bytes. */
static unsigned edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 63 || lb > 63)
		return 99;
	unsigned d[64][64];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			unsigned cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			unsigned v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

/* The known name closest to s, when close enough to be a typo. */
static const char *closest(const char *s, const char *const *known, size_t n)
{
	const char *best = NULL;
	unsigned best_d = 99;
	size_t len = strlen(s);
	unsigned limit = len <= 3 ? 1 : 2;
	for (size_t i = 0; i < n; i++) {
		unsigned dist = edit_distance(s, known[i]);
		if (dist < best_d) {
			best_d = dist;
			best = known[i];
		}
	}
	return best_d <= limit ? best : NULL;
}

/* The schema's mappings and their keys. */
enum section { SEC_TOP, SEC_FETCH, SEC_QUOTE, SEC_FEED, SEC_BOOKMARK, SEC_PUBLISH, SEC_WORDPRESS, SEC_COUNT };

static const char *const top_keys[] = {"title",	   "signature", "output", "archive",
				       "max_entries", "timezone", "language", "fetch",
				       "quote",	   "feeds",	"bookmarks", "publish"};
enum { K_TITLE, K_SIGNATURE, K_OUTPUT, K_ARCHIVE, K_MAX_ENTRIES, K_TIMEZONE, K_LANGUAGE, K_FETCH, K_QUOTE, K_FEEDS, K_BOOKMARKS, K_PUBLISH, K_COUNT };

static const char *const fetch_keys[] = {"connections", "per_host", "timeout", "user_agent",
					 "retries",     "max_wait", "retry_pause"};
enum { KF_CONNECTIONS, KF_PER_HOST, KF_TIMEOUT, KF_USER_AGENT, KF_RETRIES, KF_MAX_WAIT, KF_RETRY_PAUSE, KF_COUNT };

static const char *const quote_keys[] = {"min", "max", "excerpts"};
enum { KQ_MIN, KQ_MAX, KQ_EXCERPTS };

static const char *const feed_keys[] = {"url", "name", "include", "exclude", "user_agent", "excerpts", "opml"};
enum { KE_URL, KE_NAME, KE_INCLUDE, KE_EXCLUDE, KE_USER_AGENT, KE_EXCERPTS, KE_OPML };

static const char *const bookmark_keys[] = {"url", "quote", "note", "added", "file", "feed"};
enum { KB_URL, KB_QUOTE, KB_NOTE, KB_ADDED, KB_FILE, KB_FEED };

static const char *const publish_keys[] = {"wordpress"};
enum { KP_WORDPRESS };

static const char *const wordpress_keys[] = {"url", "user", "password_file", "categories", "tags", "timeout"};
enum { KW_URL, KW_USER, KW_PASSWORD_FILE, KW_CATEGORIES, KW_TAGS, KW_TIMEOUT, KW_COUNT };

static const struct {
	const char *where;
	const char *const *keys;
	size_t n;
} sections[SEC_COUNT] = {
	[SEC_TOP] = {"at the top level", top_keys, sizeof top_keys / sizeof *top_keys},
	[SEC_FETCH] = {"in fetch:", fetch_keys, sizeof fetch_keys / sizeof *fetch_keys},
	[SEC_QUOTE] = {"in quote:", quote_keys, sizeof quote_keys / sizeof *quote_keys},
	[SEC_FEED] = {"in a feeds: entry", feed_keys, sizeof feed_keys / sizeof *feed_keys},
	[SEC_BOOKMARK] = {"in a bookmarks: entry", bookmark_keys, sizeof bookmark_keys / sizeof *bookmark_keys},
	[SEC_PUBLISH] = {"in publish:", publish_keys, sizeof publish_keys / sizeof *publish_keys},
	[SEC_WORDPRESS] = {"in publish: wordpress:", wordpress_keys, sizeof wordpress_keys / sizeof *wordpress_keys},
};

static void unknown_key(struct ctx *c, const struct node *key, enum section sec)
{
	char q[64];
	const char *near = closest(key->text, sections[sec].keys, sections[sec].n);
	if (near) {
		err(c, key, "unknown key %s %s; did you mean '%s'?", quoted(key, q), sections[sec].where, near);
		return;
	}
	for (int s = 0; s < SEC_COUNT; s++) {
		if (s == (int)sec)
			continue;
		for (size_t i = 0; i < sections[s].n; i++) {
			if (strcmp(key->text, sections[s].keys[i]) == 0) {
				err(c, key, "unknown key %s %s; it belongs %s", quoted(key, q),
				    sections[sec].where, sections[s].where);
				return;
			}
		}
	}
	struct buf list;
	buf_init(&list, 4096);
	for (size_t i = 0; i < sections[sec].n; i++)
		if (!buf_printf(&list, "%s%s", i ? ", " : "", sections[sec].keys[i]))
			break;
	err(c, key, "unknown key %s %s (known keys: %s)", quoted(key, q), sections[sec].where, buf_str(&list));
	buf_finish(&list);
}

/* Sorts a mapping's values by known key into vals[] (NULL when absent),
 * reporting non-scalar, unknown and duplicate keys. */
static void map_fields(struct ctx *c, const struct node *map, enum section sec, const struct node **vals,
		       const struct node **keys)
{
	for (size_t i = 0; i < sections[sec].n; i++)
		vals[i] = keys[i] = NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const struct node *k = map->kid[i], *v = map->kid[i + 1];
		if (k->kind == NODE_ALIAS)
			continue;
		if (k->kind != NODE_SCALAR || is_null(k)) {
			char tmp[64];
			err(c, k, "expected a key name, got %s", describe(k, tmp));
			continue;
		}
		size_t idx = sections[sec].n;
		for (size_t j = 0; j < sections[sec].n; j++)
			if (strcmp(k->text, sections[sec].keys[j]) == 0)
				idx = j;
		if (idx == sections[sec].n) {
			unknown_key(c, k, sec);
			continue;
		}
		if (keys[idx]) {
			err(c, k, "duplicate key '%s' (first given at line %d, column %d)", k->text,
			    keys[idx]->line, keys[idx]->col);
			continue;
		}
		keys[idx] = k;
		vals[idx] = v;
	}
}

/* ---- typed values ------------------------------------------------------ */

static bool want_kind(struct ctx *c, const struct node *v, enum node_kind kind, const char *what, const char *key)
{
	if (v->kind == NODE_ALIAS)
		return false; /* already reported */
	if (v->kind == kind && (kind != NODE_SCALAR || !is_null(v)))
		return true;
	char tmp[64];
	if (kind == NODE_SCALAR && is_null(v))
		err(c, v, "%s: needs a value (%s)", key, what);
	else
		err(c, v, "%s: expected %s, got %s", key, what, describe(v, tmp));
	return false;
}

static bool has_control(const char *s, bool allow_newline)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '\n' && allow_newline)
			continue;
		if (ch < 0x20 && ch != '\t')
			return true;
		if (ch == 0x7f)
			return true;
	}
	return false;
}

/* A string value: a copy, or NULL after reporting why not. */
static char *get_string(struct ctx *c, const struct node *v, const char *key, bool one_line)
{
	if (!want_kind(c, v, NODE_SCALAR, "a string", key))
		return NULL;
	if (has_control(v->text, !one_line)) {
		err(c, v, "%s: must be %s without control characters", key, one_line ? "one line" : "text");
		return NULL;
	}
	char *s = strdup(v->text);
	if (!s)
		c->oom = true;
	return s;
}

/* A one-line string that must not be empty: a copy, or NULL after
 * reporting why not. */
static char *get_word(struct ctx *c, const struct node *v, const char *key)
{
	char *s = get_string(c, v, key, true);
	if (s && !*s) {
		err(c, v, "%s: empty", key);
		free(s);
		s = NULL;
	}
	return s;
}

/* Whether v can hold a number (a plain scalar: "30" quoted is a string);
 * else reports "KEY: expected WHAT, got …". */
static bool number_scalar(struct ctx *c, const struct node *v, const char *key, const char *what)
{
	if (v->kind == NODE_ALIAS)
		return false;
	if (v->kind != NODE_SCALAR || is_null(v) || !v->plain) {
		char tmp[64];
		err(c, v, "%s: expected %s, got %s%s", key, what,
		    v->kind == NODE_SCALAR && !v->plain ? "the string " : "", describe(v, tmp));
		return false;
	}
	return true;
}

static bool get_number(struct ctx *c, const struct node *v, const char *key, unsigned lo, unsigned hi,
		       unsigned *out)
{
	if (!number_scalar(c, v, key, "a number"))
		return false;
	char tmp[64];
	const char *p = v->text;
	char *end;
	errno = 0;
	long long n = strtoll(p, &end, 10);
	if (end == p || *end) {
		if (looks_numeric(v))
			err(c, v, "%s: expected a whole number, got %s", key, quoted(v, tmp));
		else
			err(c, v, "%s: expected a number, got %s", key, quoted(v, tmp));
		return false;
	}
	if (errno == ERANGE || n < (long long)lo || n > (long long)hi) {
		err(c, v, "%s: must be between %u and %u, got %s", key, lo, hi, quoted(v, tmp));
		return false;
	}
	*out = (unsigned)n;
	return true;
}

/* A duration in seconds, whole or with up to three decimals ("1", "0.25"),
 * between 0 and hi_ms milliseconds; *out_ms in milliseconds. */
static bool get_seconds_ms(struct ctx *c, const struct node *v, const char *key, unsigned hi_ms, unsigned *out_ms)
{
	if (!number_scalar(c, v, key, "a number of seconds"))
		return false;
	char tmp[64];
	const char *p = v->text;
	unsigned long long ms = 0;
	size_t whole = strspn(p, "0123456789"), frac = 0;
	if (whole && whole <= 9) {
		for (size_t i = 0; i < whole; i++)
			ms = ms * 10 + (unsigned)(p[i] - '0');
		ms *= 1000;
		if (p[whole] == '.') {
			frac = strspn(p + whole + 1, "0123456789");
			for (size_t i = 0, scale = 100; i < frac && i < 3; i++, scale /= 10)
				ms += (unsigned)(p[whole + 1 + i] - '0') * scale;
		}
	}
	size_t used = whole + (p[whole] == '.' ? 1 + frac : 0);
	if (!whole || whole > 9 || p[used] || (p[whole] == '.' && (frac == 0 || frac > 3))) {
		err(c, v, "%s: expected a number of seconds such as 1 or 0.25 (at most 3 decimals), got %s", key,
		    quoted(v, tmp));
		return false;
	}
	if (ms > hi_ms) {
		err(c, v, "%s: must be between 0 and %u seconds, got %s", key, hi_ms / 1000, quoted(v, tmp));
		return false;
	}
	*out_ms = (unsigned)ms;
	return true;
}

/* An absolute http(s) URL. */
static char *get_url(struct ctx *c, const struct node *v, const char *key)
{
	char *s = get_string(c, v, key, true);
	if (!s)
		return NULL;
	char q[64];
	char *canon = url_canonical(s);
	if (!url_is_http(s) || !canon) {
		const char *colon = strstr(s, "://");
		if (colon && !url_is_http(s))
			err(c, v, "%s: only http and https URLs can be read, got %s", key, quoted(v, q));
		else
			err(c, v, "%s: not an absolute http(s) URL: %s", key, quoted(v, q));
		free(s);
		free(canon);
		return NULL;
	}
	free(canon);
	return s;
}

static char *get_path(struct ctx *c, const struct node *v, const char *key)
{
	char *s = get_string(c, v, key, true);
	if (!s)
		return NULL;
	if (!*s || strspn(s, " \t") == strlen(s)) {
		err(c, v, "%s: the path is empty", key);
		free(s);
		return NULL;
	}
	char *full;
	const char *home = getenv("HOME");
	if (s[0] == '~' && (s[1] == '/' || !s[1]) && home && *home) {
		/* ~/ is the user's home, as in a shell */
		if (asprintf(&full, "%s%s", home, s + 1) < 0)
			full = NULL;
	} else {
		full = path_join(c->cfg->dir, s);
	}
	free(s);
	if (!full)
		c->oom = true;
	return full;
}

/* A keyword list: a list of strings, or one string. */
static void get_keywords(struct ctx *c, const struct node *v, const char *key, struct strlist *out)
{
	if (v->kind == NODE_ALIAS)
		return;
	if (v->kind == NODE_SCALAR && !is_null(v)) {
		char *s = get_string(c, v, key, true);
		if (s && !*s)
			err(c, v, "%s: empty keyword", key);
		else if (s && !strlist_push(out, s))
			c->oom = true;
		free(s);
		return;
	}
	if (!want_kind(c, v, NODE_SEQ, "a list of keywords", key))
		return;
	for (size_t i = 0; i < v->n; i++) {
		const struct node *item = v->kid[i];
		if (!want_kind(c, item, NODE_SCALAR, "a keyword", key))
			continue;
		char *s = get_string(c, item, key, true);
		if (!s)
			continue;
		if (!*s)
			err(c, item, "%s: empty keyword", key);
		else if (!strlist_push(out, s))
			c->oom = true;
		free(s);
	}
}

/* ---- templates --------------------------------------------------------- */

static const char *const placeholders[] = {"month", "year", "mm"};

/* Checks every {placeholder} of a title or output template. */
static void check_template(struct ctx *c, const struct node *v, const char *key, bool *has_year, bool *has_month)
{
	const char *s = v->text;
	*has_year = *has_month = false;
	for (const char *p = strchr(s, '{'); p; p = strchr(p + 1, '{')) {
		const char *close = strchr(p, '}');
		const char *reopen = strchr(p + 1, '{');
		if (!close || (reopen && reopen < close)) {
			err(c, v, "%s: '{' without a closing '}' (placeholders are {month}, {year}, {mm})", key);
			return;
		}
		size_t len = (size_t)(close - p - 1);
		char name[64];
		if (len >= sizeof name)
			len = sizeof name - 1;
		memcpy(name, p + 1, len);
		name[len] = '\0';
		bool known = false;
		for (size_t i = 0; i < 3; i++)
			if (strcmp(name, placeholders[i]) == 0)
				known = true;
		if (!known) {
			const char *near = closest(name, placeholders, 3);
			if (near)
				err(c, v, "%s: unknown placeholder '{%s}'; did you mean '{%s}'?", key, name, near);
			else
				err(c, v, "%s: unknown placeholder '{%s}' (placeholders are {month}, {year}, {mm})",
				    key, name);
			continue;
		}
		if (strcmp(name, "year") == 0)
			*has_year = true;
		else
			*has_month = true;
		p = close;
	}
}

static void expand(struct buf *b, const char *tpl, const char *language, int year, int month)
{
	bool fine = true;
	for (const char *p = tpl; *p && fine; p++) {
		if (*p == '{') {
			if (strncmp(p, "{month}", 7) == 0) {
				fine = buf_puts(b, config_month_name(language, month));
				p += 6;
				continue;
			}
			if (strncmp(p, "{year}", 6) == 0) {
				fine = buf_printf(b, "%04d", year);
				p += 5;
				continue;
			}
			if (strncmp(p, "{mm}", 4) == 0) {
				fine = buf_printf(b, "%02d", month);
				p += 3;
				continue;
			}
		}
		fine = buf_putc(b, *p);
	}
}

/* ---- month names ------------------------------------------------------- */

static const struct {
	const char *lang;
	const char *names[12];
} months[] = {
	{"en", {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
		"November", "December"}},
	{"fr", {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
		"novembre", "décembre"}},
	{"de", {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
		"November", "Dezember"}},
	{"es", {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
		"noviembre", "diciembre"}},
	{"it", {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
		"ottobre", "novembre", "dicembre"}},
	{"pt", {"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
		"novembro", "dezembro"}},
	{"nl", {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
		"november", "december"}},
};
#define N_LANGUAGES (sizeof months / sizeof *months)

/* Index of a language tag's primary subtag ("fr", "fr-CA", "FR_fr"), or -1. */
static int language_index(const char *language)
{
	if (!language)
		return -1;
	size_t len = strcspn(language, "-_");
	for (size_t i = 0; i < N_LANGUAGES; i++)
		if (len == 2 && strncasecmp(language, months[i].lang, 2) == 0)
			return (int)i;
	return -1;
}

const char *config_month_name(const char *language, int month)
{
	if (month < 1 || month > 12)
		return "";
	int i = language_index(language);
	return months[i < 0 ? 0 : i].names[month - 1];
}

/* ---- time zones -------------------------------------------------------- */

/* A known zone within two edits of tz, looked for in tz's own folder of the
 * tz database ("Europe/Pariss" → Europe/). */
static bool suggest_zone(const char *tz, char *out, size_t size)
{
	const char *slash = strrchr(tz, '/');
	const char *base = getenv("TZDIR");
	char dir[512];
	if (!base || !*base)
		base = "/usr/share/zoneinfo";
	if (strstr(tz, "..") || tz[0] == '/' || strlen(tz) > 200)
		return false;
	if (slash)
		snprintf(dir, sizeof dir, "%s/%.*s", base, (int)(slash - tz), tz);
	else
		snprintf(dir, sizeof dir, "%s", base);
	const char *leaf = slash ? slash + 1 : tz;
	DIR *d = opendir(dir);
	if (!d)
		return false;
	unsigned best = 3;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		unsigned dist = edit_distance(leaf, e->d_name);
		if (dist < best) {
			char cand[512];
			snprintf(cand, sizeof cand, "%.*s%s", slash ? (int)(slash - tz + 1) : 0, tz, e->d_name);
			if (date_zone_valid(cand) && strlen(cand) < size) {
				best = dist;
				snprintf(out, size, "%s", cand);
			}
		}
	}
	closedir(d);
	return best < 3;
}

/* ---- sections ---------------------------------------------------------- */

static void parse_fetch(struct ctx *c, const struct node *v)
{
	if (!want_kind(c, v, NODE_MAP, "a mapping such as {connections: 8, per_host: 2, timeout: 30}", "fetch"))
		return;
	const struct node *val[KF_COUNT], *key[KF_COUNT];
	map_fields(c, v, SEC_FETCH, val, key);
	struct config *cfg = c->cfg;
	bool connections_ok = true;
	if (val[KF_CONNECTIONS])
		connections_ok = get_number(c, val[KF_CONNECTIONS], "connections", 1, LIMIT_MAX_CONNECTIONS,
					    &cfg->fetch.connections);
	bool per_host_ok = false;
	if (val[KF_PER_HOST])
		per_host_ok = get_number(c, val[KF_PER_HOST], "per_host", 1, LIMIT_MAX_CONNECTIONS, &cfg->fetch.per_host);
	if (per_host_ok && connections_ok && cfg->fetch.per_host > cfg->fetch.connections)
		err(c, val[KF_PER_HOST], "per_host: %u connections per host cannot exceed connections (%u)",
		    cfg->fetch.per_host, cfg->fetch.connections);
	if (val[KF_TIMEOUT])
		(void)get_number(c, val[KF_TIMEOUT], "timeout", 1, LIMIT_MAX_TIMEOUT_S, &cfg->fetch.timeout);
	if (val[KF_RETRIES])
		(void)get_number(c, val[KF_RETRIES], "retries", 0, LIMIT_MAX_RETRIES, &cfg->fetch.retries);
	if (val[KF_MAX_WAIT])
		(void)get_number(c, val[KF_MAX_WAIT], "max_wait", 0, LIMIT_MAX_WAIT_S, &cfg->fetch.max_wait);
	if (val[KF_RETRY_PAUSE])
		(void)get_seconds_ms(c, val[KF_RETRY_PAUSE], "retry_pause", LIMIT_MAX_RETRY_PAUSE_MS,
				     &cfg->fetch.retry_pause_ms);
	if (val[KF_USER_AGENT])
		cfg->fetch.user_agent = get_word(c, val[KF_USER_AGENT], "user_agent");
}

static void parse_quote(struct ctx *c, const struct node *v)
{
	if (!want_kind(c, v, NODE_MAP, "a mapping such as {min: 80, max: 400, excerpts: 1}", "quote"))
		return;
	const struct node *val[3], *key[3];
	map_fields(c, v, SEC_QUOTE, val, key);
	struct config *cfg = c->cfg;
	bool min_ok = false, max_ok = false;
	if (val[KQ_MIN])
		min_ok = get_number(c, val[KQ_MIN], "min", 1, LIMIT_QUOTE_LENGTH, &cfg->quote.min);
	if (val[KQ_MAX])
		max_ok = get_number(c, val[KQ_MAX], "max", 1, LIMIT_QUOTE_LENGTH, &cfg->quote.max);
	if ((min_ok || !val[KQ_MIN]) && (max_ok || !val[KQ_MAX]) && cfg->quote.min >= cfg->quote.max) {
		const struct node *at = val[KQ_MAX] ? val[KQ_MAX] : val[KQ_MIN];
		if (at)
			err(c, at, "quote: min (%u) must be less than max (%u)", cfg->quote.min, cfg->quote.max);
	}
	if (val[KQ_EXCERPTS])
		(void)get_number(c, val[KQ_EXCERPTS], "excerpts", 1, LIMIT_QUOTE_EXCERPTS, &cfg->quote.excerpts);
}

static struct config_feed *new_feed(struct ctx *c, const struct node *at)
{
	struct config *cfg = c->cfg;
	if (cfg->n_feeds == c->feeds_cap) {
		size_t cap = c->feeds_cap ? c->feeds_cap * 2 : 8;
		struct config_feed *f = realloc(cfg->feeds, cap * sizeof *f);
		if (!f) {
			c->oom = true;
			return NULL;
		}
		cfg->feeds = f;
		c->feeds_cap = cap;
	}
	struct config_feed *f = &cfg->feeds[cfg->n_feeds++];
	memset(f, 0, sizeof *f);
	strlist_init(&f->include);
	strlist_init(&f->exclude);
	f->line = at->line;
	f->column = at->col;
	return f;
}

static void parse_feed(struct ctx *c, const struct node *v)
{
	if (v->kind == NODE_ALIAS)
		return;
	if (v->kind == NODE_SCALAR && !is_null(v)) {
		char *url = get_url(c, v, "feeds");
		if (!url)
			return;
		struct config_feed *f = new_feed(c, v);
		if (!f) {
			free(url);
			return;
		}
		f->kind = CONFIG_FEED_URL;
		f->url = url;
		return;
	}
	if (!want_kind(c, v, NODE_MAP, "a URL or a mapping with url: (or opml:)", "feeds"))
		return;
	const struct node *val[7], *key[7];
	map_fields(c, v, SEC_FEED, val, key);
	if (val[KE_URL] && val[KE_OPML]) {
		err(c, key[KE_OPML], "a feeds: entry has url: or opml:, not both");
		return;
	}
	if (!val[KE_URL] && !val[KE_OPML]) {
		err(c, v, "this feeds: entry has no url: (or opml:)");
		return;
	}
	struct config_feed *f = new_feed(c, v);
	if (!f)
		return;
	if (val[KE_OPML]) {
		f->kind = CONFIG_FEED_OPML;
		f->path = get_path(c, val[KE_OPML], "opml");
		for (size_t i = 0; i < 7; i++)
			if (i != KE_OPML && i != KE_USER_AGENT && i != KE_INCLUDE && i != KE_EXCLUDE &&
			    i != KE_EXCERPTS && key[i])
				err(c, key[i], "%s: does not apply to an opml: entry", feed_keys[i]);
	} else {
		f->kind = CONFIG_FEED_URL;
		f->url = get_url(c, val[KE_URL], "url");
	}
	if (val[KE_NAME])
		f->name = get_word(c, val[KE_NAME], "name");
	if (val[KE_INCLUDE])
		get_keywords(c, val[KE_INCLUDE], "include", &f->include);
	if (val[KE_EXCLUDE])
		get_keywords(c, val[KE_EXCLUDE], "exclude", &f->exclude);
	if (val[KE_USER_AGENT])
		f->user_agent = get_word(c, val[KE_USER_AGENT], "user_agent");
	if (val[KE_EXCERPTS])
		(void)get_number(c, val[KE_EXCERPTS], "excerpts", 1, LIMIT_QUOTE_EXCERPTS, &f->excerpts);
}

static struct config_bookmark *new_bookmark(struct ctx *c, const struct node *at)
{
	struct config *cfg = c->cfg;
	if (cfg->n_bookmarks == c->bookmarks_cap) {
		size_t cap = c->bookmarks_cap ? c->bookmarks_cap * 2 : 8;
		struct config_bookmark *b = realloc(cfg->bookmarks, cap * sizeof *b);
		struct node **a = realloc(c->added, cap * sizeof *a);
		if (b)
			cfg->bookmarks = b;
		if (a)
			c->added = a;
		if (!a || !b) {
			c->oom = true;
			return NULL;
		}
		c->bookmarks_cap = cap;
	}
	c->added[cfg->n_bookmarks] = NULL;
	struct config_bookmark *b = &cfg->bookmarks[cfg->n_bookmarks++];
	memset(b, 0, sizeof *b);
	b->added = DATE_NONE;
	b->line = at->line;
	b->column = at->col;
	return b;
}

static void parse_bookmark(struct ctx *c, const struct node *v)
{
	if (v->kind == NODE_ALIAS)
		return;
	if (v->kind == NODE_SCALAR && !is_null(v)) {
		char *url = get_url(c, v, "bookmarks");
		if (!url)
			return;
		struct config_bookmark *b = new_bookmark(c, v);
		if (!b) {
			free(url);
			return;
		}
		b->kind = CONFIG_BOOKMARK_URL;
		b->url = url;
		return;
	}
	if (!want_kind(c, v, NODE_MAP, "a URL or a mapping with url:, file: or feed:", "bookmarks"))
		return;
	const struct node *val[6], *key[6];
	map_fields(c, v, SEC_BOOKMARK, val, key);
	int kinds = !!val[KB_URL] + !!val[KB_FILE] + !!val[KB_FEED];
	if (kinds == 0) {
		err(c, v, "this bookmarks: entry has no url:, file: or feed:");
		return;
	}
	if (kinds > 1) {
		const struct node *second = val[KB_FEED] ? key[KB_FEED] : key[KB_FILE];
		err(c, second, "a bookmarks: entry has one of url:, file: or feed:, not several");
		return;
	}
	struct config_bookmark *b = new_bookmark(c, v);
	if (!b)
		return;
	if (val[KB_URL]) {
		b->kind = CONFIG_BOOKMARK_URL;
		b->url = get_url(c, val[KB_URL], "url");
		if (val[KB_QUOTE]) {
			b->quote = get_string(c, val[KB_QUOTE], "quote", false);
			if (b->quote && !*b->quote)
				err(c, val[KB_QUOTE], "quote: empty");
		}
		if (val[KB_NOTE])
			b->note = get_string(c, val[KB_NOTE], "note", false);
		if (val[KB_ADDED] && want_kind(c, val[KB_ADDED], NODE_SCALAR, "a date such as 2010-11-14", "added"))
			c->added[c->cfg->n_bookmarks - 1] = (struct node *)val[KB_ADDED];
		return;
	}
	if (val[KB_FILE]) {
		b->kind = CONFIG_BOOKMARK_FILE;
		b->path = get_path(c, val[KB_FILE], "file");
	} else {
		b->kind = CONFIG_BOOKMARK_FEED;
		b->url = get_url(c, val[KB_FEED], "feed");
	}
	const char *what = val[KB_FILE] ? "a file:" : "a feed:";
	for (size_t i = KB_QUOTE; i <= KB_ADDED; i++)
		if (key[i])
			err(c, key[i], "%s: applies to url: bookmarks, not to %s entry", bookmark_keys[i], what);
}

/* publish: {wordpress: {url, user, password_file, categories, tags, timeout}} */
static void parse_wordpress(struct ctx *c, const struct node *v)
{
	if (!want_kind(c, v, NODE_MAP, "a mapping such as {url: https://blog.example.org, user: lamia}", "wordpress"))
		return;
	const struct node *val[KW_COUNT], *key[KW_COUNT];
	map_fields(c, v, SEC_WORDPRESS, val, key);
	struct config_wordpress *wp = &c->cfg->wordpress;
	if (!val[KW_URL])
		err(c, v, "wordpress: needs url: (the blog's address, such as https://blog.example.org)");
	if (!val[KW_USER])
		err(c, v, "wordpress: needs user: (your WordPress login name)");
	char *url = val[KW_URL] ? get_url(c, val[KW_URL], "url") : NULL;
	if (url && strncasecmp(url, "https://", 8) != 0 && !url_is_loopback(url)) {
		err(c, val[KW_URL],
		    "url: WordPress is reached over https only (the application password goes with every "
		    "request); http is allowed for 127.0.0.1, [::1] and localhost");
		free(url);
		url = NULL;
	}
	if (val[KW_USER])
		wp->user = get_word(c, val[KW_USER], "user");
	if (val[KW_PASSWORD_FILE])
		wp->password_file = get_path(c, val[KW_PASSWORD_FILE], "password_file");
	if (val[KW_CATEGORIES])
		get_keywords(c, val[KW_CATEGORIES], "categories", &wp->categories);
	if (val[KW_TAGS])
		get_keywords(c, val[KW_TAGS], "tags", &wp->tags);
	if (val[KW_TIMEOUT])
		(void)get_number(c, val[KW_TIMEOUT], "timeout", 1, LIMIT_MAX_TIMEOUT_S, &wp->timeout);
	wp->url = url;
	wp->line = v->line;
	wp->column = v->col;
}

static void parse_publish(struct ctx *c, const struct node *v)
{
	if (!want_kind(c, v, NODE_MAP, "a mapping such as {wordpress: {url: …, user: …}}", "publish"))
		return;
	const struct node *val[1], *key[1];
	map_fields(c, v, SEC_PUBLISH, val, key);
	if (val[KP_WORDPRESS])
		parse_wordpress(c, val[KP_WORDPRESS]);
}

static void parse_list(struct ctx *c, const struct node *v, const char *key, void (*item)(struct ctx *, const struct node *))
{
	if (v->kind == NODE_ALIAS || is_null(v))
		return; /* "feeds:" with nothing under it: an empty list */
	if (!want_kind(c, v, NODE_SEQ, "a list (one '- ' line per entry)", key))
		return;
	for (size_t i = 0; i < v->n && !c->oom; i++)
		item(c, v->kid[i]);
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The zone's offset (local minus UTC, seconds) at local midnight of y-m-d,
 * from date.h's month boundaries: exact unless a DST change falls at that
 * very midnight. */
static int64_t zone_offset(int y, int m, int d, const char *tz)
{
	char day[48], got[11];
	snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
	int64_t utc_day = date_parse(day), start, end, next_start, next_end;
	snprintf(day, sizeof day, "%04d-%02d-01", y, m);
	int64_t utc_first = date_parse(day);
	snprintf(day, sizeof day, "%04d-%02d-01", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
	int64_t utc_next = date_parse(day);
	if (utc_day == DATE_NONE || utc_first == DATE_NONE || utc_next == DATE_NONE ||
	    !date_month_range(y, m, tz, &start, &end) ||
	    !date_month_range(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, tz, &next_start, &next_end))
		return 0;
	int64_t offsets[2] = {utc_first - start, utc_next - end};
	char want[48], before[11];
	snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
	for (int i = 0; i < 2; i++) {
		/* The right offset puts midnight on the day and one second
		 * earlier on the day before. */
		int64_t t = utc_day - offsets[i];
		date_format_day(t, tz, got);
		date_format_day(t - 1, tz, before);
		if (strcmp(got, want) == 0 && strcmp(before, want) != 0)
			return offsets[i];
	}
	return offsets[0];
}

/* An added: date.  A bare day (or a day and time without zone) is in the
 * configured zone: midnight there is what decides the month. */
static int64_t resolve_added(const char *s, const char *tz)
{
	int y, m, d;
	int n = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10) {
		static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap(y)))
			return DATE_NONE;
		const char *tail = s + 10;
		bool zoned = strpbrk(tail, "Zz+") || strchr(tail, '-');
		int64_t t = date_parse(s);
		if (t == DATE_NONE || zoned)
			return t;
		return t - zone_offset(y, m, d, tz);
	}
	return date_parse(s);
}

static void PRINTF_LIKE(4, 5) warnat(struct ctx *c, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = vformat(fmt, ap);
	va_end(ap);
	if (!msg || !strlist_pushf(&c->cfg->warnings, "%s:%d:%d: %s", c->name, line, col, msg))
		c->oom = true;
	free(msg);
}

static void free_feed(struct config_feed *f)
{
	free(f->url);
	free(f->path);
	free(f->name);
	strlist_finish(&f->include);
	strlist_finish(&f->exclude);
	free(f->user_agent);
}

static void free_bookmark(struct config_bookmark *b)
{
	free(b->url);
	free(b->path);
	free(b->quote);
	free(b->note);
}

/* Where one of a merged bookmark's fields came from. */
struct origin {
	int line, column;
};

/* Where each field of a merged bookmark came from, for the warnings. */
struct origins {
	struct origin quote, note, added, fragment;
};

/* Takes a later duplicate's field into the first entry when the first has
 * none (from records where it came from); says which one is used when both
 * have one and they differ. */
static void merge_text(struct ctx *c, char **first, char **later, struct origin *from,
		       const struct config_bookmark *lb, const char *what)
{
	if (!*later)
		return;
	if (!*first) {
		*first = *later;
		*later = NULL;
		*from = (struct origin){lb->line, lb->column};
	} else if (strcmp(*first, *later) != 0) {
		warnat(c, lb->line, lb->column, "its %s differs from the one at line %d, column %d, which is used",
		       what, from->line, from->column);
	}
}

/* A URL listed twice is a warning, not an error: her lists grow by hand over
 * the year, and a page she bookmarks again must not stop the cron job. The
 * later entry is dropped; a bookmark's quote, note, added date and text
 * fragment (#:~:text=) that the first entry lacks are taken from it.
 * Canonical URLs are compared, as the archive keys them. Quadratic, but
 * feeds.yaml is capped by LIMIT_CONFIG_BYTES; above 5000 entries the
 * archive's own keys merge them. */
static void merge_duplicates(struct ctx *c)
{
	struct config *cfg = c->cfg;
	if (cfg->n_feeds > 5000 || cfg->n_bookmarks > 5000)
		return;
	size_t n_max = cfg->n_feeds > cfg->n_bookmarks ? cfg->n_feeds : cfg->n_bookmarks;
	char **canon = calloc(n_max + 1, sizeof *canon);
	struct origins *from = calloc(cfg->n_bookmarks + 1, sizeof *from);
	if (!canon || !from) {
		free(canon);
		free(from);
		c->oom = true;
		return;
	}
	size_t kept = 0;
	for (size_t i = 0; i < cfg->n_feeds; i++) {
		struct config_feed *f = &cfg->feeds[i];
		char *key = f->url ? url_canonical(f->url) : NULL;
		size_t j = 0;
		while (key && j < kept && (!canon[j] || strcmp(key, canon[j]) != 0))
			j++;
		if (key && j < kept) {
			warnat(c, f->line, f->column, "this feed is already listed at line %d, column %d; this entry is skipped",
			       cfg->feeds[j].line, cfg->feeds[j].column);
			free(key);
			free_feed(f);
			continue;
		}
		canon[kept] = key;
		cfg->feeds[kept++] = *f;
	}
	cfg->n_feeds = kept;
	for (size_t i = 0; i < kept; i++) {
		free(canon[i]);
		canon[i] = NULL;
	}
	kept = 0;
	for (size_t i = 0; i < cfg->n_bookmarks; i++) {
		struct config_bookmark *b = &cfg->bookmarks[i];
		char *key = b->url && b->kind != CONFIG_BOOKMARK_FILE ? url_canonical(b->url) : NULL;
		size_t j = 0;
		while (key && j < kept &&
		       (!canon[j] || cfg->bookmarks[j].kind != b->kind || strcmp(key, canon[j]) != 0))
			j++;
		if (key && j < kept) {
			struct config_bookmark *first = &cfg->bookmarks[j];
			warnat(c, b->line, b->column,
			       "this URL is already bookmarked at line %d, column %d; the two entries are merged",
			       first->line, first->column);
			char *fragment_first = url_text_directive(first->url), *fragment = url_text_directive(b->url);
			if (fragment && !fragment_first) {
				/* her highlight picks the quote: the URL that has one is kept */
				char *url = first->url;
				first->url = b->url;
				b->url = url;
				from[j].fragment = (struct origin){b->line, b->column};
			} else if (fragment && strcmp(fragment, fragment_first) != 0) {
				warnat(c, b->line, b->column,
				       "its text fragment differs from the one at line %d, column %d, which is used",
				       from[j].fragment.line, from[j].fragment.column);
			}
			free(fragment_first);
			free(fragment);
			merge_text(c, &first->quote, &b->quote, &from[j].quote, b, "quote");
			merge_text(c, &first->note, &b->note, &from[j].note, b, "note");
			if (first->added == DATE_NONE && b->added != DATE_NONE) {
				first->added = b->added;
				from[j].added = (struct origin){b->line, b->column};
			} else if (b->added != DATE_NONE && b->added != first->added) {
				warnat(c, b->line, b->column,
				       "its added date differs from the one at line %d, column %d, which is used",
				       from[j].added.line, from[j].added.column);
			}
			free(key);
			free_bookmark(b);
			continue;
		}
		canon[kept] = key;
		struct origin here = {b->line, b->column};
		from[kept] = (struct origins){here, here, here, here};
		cfg->bookmarks[kept++] = *b;
	}
	cfg->n_bookmarks = kept;
	for (size_t i = 0; i < kept; i++)
		free(canon[i]);
	free(canon);
	free(from);
}

static void parse_top(struct ctx *c, const struct node *root)
{
	struct config *cfg = c->cfg;
	if (!root || is_null(root)) {
		errat(c, root ? root->line : 1, root ? root->col : 1, "nothing to read: add feeds: or bookmarks:");
		return;
	}
	if (root->kind != NODE_MAP) {
		char tmp[64];
		err(c, root, "expected settings (key: value lines) at the top, got %s", describe(root, tmp));
		return;
	}
	const struct node *val[K_COUNT], *key[K_COUNT];
	map_fields(c, root, SEC_TOP, val, key);
	bool has_year, has_month;
	if (val[K_TITLE]) {
		char *t = get_string(c, val[K_TITLE], "title", true);
		if (t) {
			free(cfg->title);
			cfg->title = t;
			check_template(c, val[K_TITLE], "title", &has_year, &has_month);
		}
	}
	if (val[K_SIGNATURE]) {
		free(cfg->signature);
		cfg->signature = is_null(val[K_SIGNATURE]) ? strdup("")
							    : get_string(c, val[K_SIGNATURE], "signature", false);
	}
	if (val[K_OUTPUT]) {
		char *o = get_string(c, val[K_OUTPUT], "output", true);
		if (o && !*o) {
			err(c, val[K_OUTPUT], "output: empty");
		} else if (o) {
			free(cfg->output);
			cfg->output = o;
			o = NULL;
			check_template(c, val[K_OUTPUT], "output", &has_year, &has_month);
			if (!has_year || !has_month)
				err(c, val[K_OUTPUT],
				    "output: needs {year} and {mm} (or {month}), or every month would write the same file");
		}
		free(o);
	}
	if (val[K_ARCHIVE]) {
		char *a = get_path(c, val[K_ARCHIVE], "archive");
		if (a) {
			free(cfg->archive);
			cfg->archive = a;
		}
	}
	if (val[K_MAX_ENTRIES])
		(void)get_number(c, val[K_MAX_ENTRIES], "max_entries", 1, LIMIT_MAX_ENTRIES, &cfg->max_entries);
	if (val[K_TIMEZONE]) {
		char *tz = get_string(c, val[K_TIMEZONE], "timezone", true);
		if (tz && !date_zone_valid(tz)) {
			char q[64], near[256];
			if (suggest_zone(tz, near, sizeof near))
				err(c, val[K_TIMEZONE], "timezone: unknown time zone %s; did you mean '%s'?",
				    quoted(val[K_TIMEZONE], q), near);
			else
				err(c, val[K_TIMEZONE],
				    "timezone: unknown time zone %s (an IANA name such as Europe/Paris)",
				    quoted(val[K_TIMEZONE], q));
			free(tz);
			tz = NULL;
		}
		cfg->timezone = tz;
	}
	if (val[K_LANGUAGE]) {
		char *lang = get_string(c, val[K_LANGUAGE], "language", true);
		if (lang && language_index(lang) < 0) {
			char q[64];
			err(c, val[K_LANGUAGE], "language: no month names for %s (known: en, fr, de, es, it, pt, nl)",
			    quoted(val[K_LANGUAGE], q));
			free(lang);
			lang = NULL;
		}
		if (lang) {
			free(cfg->language);
			cfg->language = lang;
		}
	}
	if (val[K_FETCH])
		parse_fetch(c, val[K_FETCH]);
	if (val[K_QUOTE])
		parse_quote(c, val[K_QUOTE]);
	if (val[K_FEEDS])
		parse_list(c, val[K_FEEDS], "feeds", parse_feed);
	if (val[K_BOOKMARKS])
		parse_list(c, val[K_BOOKMARKS], "bookmarks", parse_bookmark);
	if (val[K_PUBLISH])
		parse_publish(c, val[K_PUBLISH]);

	/* added: dates need the time zone, which may come later in the file. */
	for (size_t i = 0; i < cfg->n_bookmarks; i++) {
		const struct node *a = c->added[i];
		if (!a)
			continue;
		cfg->bookmarks[i].added = resolve_added(a->text, cfg->timezone);
		if (cfg->bookmarks[i].added == DATE_NONE) {
			char q[64];
			err(c, a, "added: not a date: %s (use YYYY-MM-DD)", quoted(a, q));
		}
	}
	if (c->n_errors == 0)
		merge_duplicates(c);
	if (cfg->n_feeds == 0 && cfg->n_bookmarks == 0 && c->n_errors == 0)
		errat(c, root->line, root->col, "nothing to read: add feeds: or bookmarks:");
}

/* ---- YAML events into the tree ----------------------------------------- */

static struct node *node_new(struct ctx *c, enum node_kind kind, const yaml_mark_t *m)
{
	struct node *n = calloc(1, sizeof *n);
	if (!n) {
		c->oom = true;
		return NULL;
	}
	n->kind = kind;
	n->line = (int)m->line + 1;
	n->col = (int)m->column + 1;
	return n;
}

static const char *yaml_problem(const yaml_parser_t *p)
{
	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return "out of memory";
	case YAML_READER_ERROR:
		return "cannot read the text";
	default:
		return "YAML syntax error";
	}
}

/* Reads the stream into a tree; NULL root for an empty file. False after
 * reporting a syntax error (or another reason the text is not one YAML
 * document). */
static bool load_tree(struct ctx *c, const char *text, size_t len, struct node **root)
{
	yaml_parser_t p;
	yaml_event_t ev;
	struct node *stack[LIMIT_CONFIG_DEPTH];
	size_t depth = 0;
	bool fine = false, done = false;
	int documents = 0;
	*root = NULL;
	if (!yaml_parser_initialize(&p)) {
		c->oom = true;
		return false;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			const char *problem = p.problem ? p.problem : "unknown problem";
			if (p.error == YAML_READER_ERROR) {
				/* reader errors give a byte offset, not a mark */
				int line = 1, col = 1;
				for (size_t i = 0; i < p.problem_offset && i < len; i++) {
					if (text[i] == '\n') {
						line++;
						col = 1;
					} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
						col++;
					}
				}
				errat(c, line, col, "%s: %s (byte %zu; the file must be UTF-8)", yaml_problem(&p),
				      problem, p.problem_offset);
			} else if (p.problem_mark.index < len && text[p.problem_mark.index] == '\t') {
				errat(c, (int)p.problem_mark.line + 1, (int)p.problem_mark.column + 1,
				      "%s: a tab where YAML wants spaces (indent with spaces, never tabs)",
				      yaml_problem(&p));
			} else if (p.context) {
				errat(c, (int)p.problem_mark.line + 1, (int)p.problem_mark.column + 1,
				      "%s: %s %s at line %d, column %d", yaml_problem(&p), problem, p.context,
				      (int)p.context_mark.line + 1, (int)p.context_mark.column + 1);
			} else {
				errat(c, (int)p.problem_mark.line + 1, (int)p.problem_mark.column + 1, "%s: %s",
				      yaml_problem(&p), problem);
			}
			goto out;
		}
		struct node *n = NULL;
		bool push = false;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++documents > 1) {
				errat(c, (int)ev.start_mark.line + 1, (int)ev.start_mark.column + 1,
				      "feeds.yaml holds one YAML document; this is a second one");
				yaml_event_delete(&ev);
				goto out;
			}
			break;
		case YAML_ALIAS_EVENT: {
			n = node_new(c, NODE_ALIAS, &ev.start_mark);
			errat(c, (int)ev.start_mark.line + 1, (int)ev.start_mark.column + 1,
			      "aliases (*%s) are not supported in feeds.yaml; write the value out",
			      (const char *)ev.data.alias.anchor);
			break;
		}
		case YAML_SCALAR_EVENT:
			n = node_new(c, NODE_SCALAR, &ev.start_mark);
			if (n) {
				n->text = malloc(ev.data.scalar.length + 1);
				if (!n->text) {
					c->oom = true;
					break;
				}
				memcpy(n->text, ev.data.scalar.value, ev.data.scalar.length);
				n->text[ev.data.scalar.length] = '\0';
				n->len = ev.data.scalar.length;
				n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
				if (strlen(n->text) != n->len) {
					errat(c, n->line, n->col, "a NUL character in a value");
					n->len = strlen(n->text);
				}
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			n = node_new(c, ev.type == YAML_SEQUENCE_START_EVENT ? NODE_SEQ : NODE_MAP, &ev.start_mark);
			push = true;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			if (depth > 0)
				depth--;
			break;
		default:
			break;
		}
		if (n) {
			if (depth > 0) {
				if (!node_add(stack[depth - 1], n)) {
					node_free(n);
					c->oom = true;
				}
			} else if (!*root) {
				*root = n;
			} else {
				node_free(n); /* cannot happen in one document */
			}
			if (push && !c->oom) {
				if (depth == LIMIT_CONFIG_DEPTH) {
					errat(c, n->line, n->col, "nested more than %u levels deep",
					      LIMIT_CONFIG_DEPTH);
					yaml_event_delete(&ev);
					goto out;
				}
				stack[depth++] = n;
			}
		}
		yaml_event_delete(&ev);
		if (c->oom)
			goto out;
	}
	fine = true;
out:
	yaml_parser_delete(&p);
	return fine;
}

/* ---- public ------------------------------------------------------------ */

static bool set_defaults(struct config *cfg, const char *name, const char *dir)
{
	cfg->path = strdup(name);
	cfg->dir = strdup(dir && *dir ? dir : ".");
	cfg->title = strdup("Enterprise 2.0 reads – {month} {year}");
	cfg->signature = strdup("");
	cfg->output = strdup("digests/{year}-{mm}.md");
	cfg->archive = path_join(cfg->dir ? cfg->dir : ".", "reads.db");
	cfg->language = strdup("en");
	cfg->max_entries = LIMIT_DEFAULT_MAX_ENTRIES;
	cfg->fetch.connections = LIMIT_DEFAULT_CONNECTIONS;
	cfg->fetch.per_host = LIMIT_DEFAULT_PER_HOST;
	cfg->fetch.timeout = (unsigned)LIMIT_DEFAULT_TIMEOUT_S;
	cfg->fetch.retries = LIMIT_DEFAULT_RETRIES;
	cfg->fetch.max_wait = LIMIT_DEFAULT_MAX_WAIT_S;
	cfg->fetch.retry_pause_ms = LIMIT_DEFAULT_RETRY_PAUSE_MS;
	cfg->quote.min = LIMIT_DEFAULT_QUOTE_MIN;
	cfg->quote.max = LIMIT_DEFAULT_QUOTE_MAX;
	cfg->quote.excerpts = 1;
	cfg->wordpress.timeout = (unsigned)LIMIT_PUBLISH_TIMEOUT_S;
	strlist_init(&cfg->wordpress.categories);
	strlist_init(&cfg->wordpress.tags);
	return cfg->path && cfg->dir && cfg->title && cfg->signature && cfg->output && cfg->archive && cfg->language;
}

struct config *config_parse(const char *text, size_t len, const char *name, const char *dir,
			    struct strlist *errors)
{
	struct ctx c = {.name = name, .errors = errors};
	struct node *root = NULL;
	struct config *cfg = calloc(1, sizeof *cfg);
	if (!cfg || !set_defaults(cfg, name, dir)) {
		c.oom = true;
		goto out;
	}
	c.cfg = cfg;
	if (len > LIMIT_CONFIG_BYTES) {
		errat(&c, 1, 1, "larger than %zu bytes: not a configuration", LIMIT_CONFIG_BYTES);
		goto out;
	}
	if (load_tree(&c, text, len, &root))
		parse_top(&c, root);
out:
	flush_problems(&c);
	if (c.oom && !strlist_pushf(errors, "%s: out of memory", name)) {
		/* nothing more can be said */
	}
	node_free(root);
	free(c.added);
	if (c.n_errors || c.oom) {
		config_destroy(cfg);
		return NULL;
	}
	return cfg;
}

struct config *config_load(const char *path, struct strlist *errors)
{
	size_t len;
	char *err = NULL;
	char *text = file_read(path, LIMIT_CONFIG_BYTES, &len, &err);
	if (!text) {
		if (!strlist_push_owned(errors, err ? err : strdup("out of memory"))) {
			/* out of memory: nothing more can be said */
		}
		return NULL;
	}
	char *dir = path_dirname(path);
	struct config *cfg = dir ? config_parse(text, len, path, dir, errors) : NULL;
	free(dir);
	free(text);
	return cfg;
}

void config_destroy(struct config *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < cfg->n_feeds; i++)
		free_feed(&cfg->feeds[i]);
	free(cfg->feeds);
	for (size_t i = 0; i < cfg->n_bookmarks; i++)
		free_bookmark(&cfg->bookmarks[i]);
	free(cfg->bookmarks);
	free(cfg->path);
	free(cfg->dir);
	free(cfg->title);
	free(cfg->signature);
	free(cfg->output);
	free(cfg->archive);
	free(cfg->timezone);
	free(cfg->language);
	free(cfg->fetch.user_agent);
	free(cfg->wordpress.url);
	free(cfg->wordpress.user);
	free(cfg->wordpress.password_file);
	strlist_finish(&cfg->wordpress.categories);
	strlist_finish(&cfg->wordpress.tags);
	strlist_finish(&cfg->warnings);
	free(cfg);
}

char *config_output_path(const struct config *cfg, int year, int month)
{
	struct buf b;
	buf_init(&b, 4096);
	expand(&b, cfg->output, cfg->language, year, month);
	char *rel = buf_detach(&b);
	if (!rel)
		return NULL;
	char *full = path_join(cfg->dir, rel);
	free(rel);
	return full;
}

char *config_title(const struct config *cfg, int year, int month)
{
	struct buf b;
	buf_init(&b, 64 << 10);
	expand(&b, cfg->title, cfg->language, year, month);
	return buf_detach(&b);
}

static bool copy_list(struct strlist *to, const struct strlist *from)
{
	for (size_t i = 0; i < from->n; i++)
		if (!strlist_push(to, from->v[i]))
			return false;
	return true;
}

bool config_add_opml_feeds(struct config *cfg, size_t opml, const struct strlist *urls,
			   const struct strlist *names)
{
	for (size_t i = 0; i < urls->n; i++) {
		bool known = false;
		for (size_t k = 0; k < cfg->n_feeds && !known; k++)
			known = cfg->feeds[k].kind == CONFIG_FEED_URL && strcmp(cfg->feeds[k].url, urls->v[i]) == 0;
		if (known)
			continue;
		struct config_feed *v = realloc(cfg->feeds, (cfg->n_feeds + 1) * sizeof *v);
		if (!v)
			return false;
		cfg->feeds = v;
		const struct config_feed *list = &cfg->feeds[opml];
		struct config_feed *f = &cfg->feeds[cfg->n_feeds];
		memset(f, 0, sizeof *f);
		strlist_init(&f->include);
		strlist_init(&f->exclude);
		cfg->n_feeds++; /* counted now, so config_destroy frees what follows */
		const char *name = i < names->n && names->v[i][0] ? names->v[i] : list->name;
		f->kind = CONFIG_FEED_URL;
		f->url = strdup(urls->v[i]);
		f->name = name ? strdup(name) : NULL;
		f->user_agent = list->user_agent ? strdup(list->user_agent) : NULL;
		f->excerpts = list->excerpts;
		f->line = list->line;
		f->column = list->column;
		if (!f->url || (name && !f->name) || (list->user_agent && !f->user_agent) ||
		    !copy_list(&f->include, &list->include) || !copy_list(&f->exclude, &list->exclude))
			return false;
	}
	return true;
}
