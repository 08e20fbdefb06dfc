/* article_date — the publication date of a page, and where it came from.
 *
 * Evidence, strongest first (the first that gives a plausible day wins):
 *  1. a whole date in the URL path (/2019/06/09/, /20190609/): publishers
 *     put the day of first publication there, in their own time zone;
 *  2. structured data: JSON-LD datePublished (also from scripts jansson
 *     cannot read), publication <meta> tags (article:published_time,
 *     citation_publication_date, parsely-pub-date, …), itemprop=datePublished,
 *     <time pubdate> and <time class="published">;
 *  3. the other <time datetime> elements, updates left out;
 *  4. dates written in the page, nearest the title first (after it, or
 *     just above it): one labelled as the publication ("Veröffentlicht am",
 *     "Published", "Publié le"), one in an element whose class says date,
 *     any; then the same anywhere in the page;
 *  5. the last change (dateModified, article:modified_time, a date labelled
 *     "updated"), when the page gives nothing else;
 *  6. the dates of readers' comments and of items about other things, last.
 * A date after now or before 1995 is none, and a written date after the
 * page's last change is not its publication. When a UTC timestamp is chosen
 * and the page writes the same moment in another zone, that zone's day is
 * the one its readers saw. The day is kept as noon UTC, so that it stays
 * that day in the zones where drafts place it in a month.
 * Runs on the untouched tree, after article_meta.c (which collects the
 * JSON-LD and <meta> values and picks the title). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "article_priv.h"
#include "date.h"
#include "limits.h"

#define MAX_TIMES 16
#define MAX_SEEN 256
#define MAX_HEADINGS 24
/* The bytes a date may take before its year ("19 de septiembre de 2019")
 * and from its start ("2019-09-19T10:00"). */
#define SPAN_BEFORE 48
#define SPAN_AFTER 16
#define DAY 86400
/* Page text after the title's start in which its date is sought. */
#define AFTER_TITLE 1500
/* … and before it (a date line above the headline). */
#define BEFORE_TITLE 400

/* ---- reading dates ---- */

struct mname {
	const char *name;
	unsigned char len;
	unsigned char month;
};

#define M(s, m) {s, sizeof s - 1, m}
static const struct mname months[] = {
	M("january", 1), M("february", 2), M("march", 3), M("april", 4), M("may", 5), M("june", 6),
	M("july", 7), M("august", 8), M("september", 9), M("october", 10), M("november", 11),
	M("december", 12), M("sept", 9), M("jan", 1), M("feb", 2), M("mar", 3), M("apr", 4), M("jun", 6),
	M("jul", 7), M("aug", 8), M("sep", 9), M("oct", 10), M("nov", 11), M("dec", 12),
	/* German */
	M("januar", 1), M("jänner", 1), M("jän", 1), M("februar", 2), M("märz", 3), M("maerz", 3),
	M("mär", 3), M("mai", 5), M("juni", 6), M("juli", 7), M("oktober", 10), M("okt", 10),
	M("dezember", 12), M("dez", 12),
	/* French */
	M("janvier", 1), M("février", 2), M("fevrier", 2), M("mars", 3), M("avril", 4), M("juin", 6),
	M("juillet", 7), M("août", 8), M("aout", 8), M("septembre", 9), M("octobre", 10),
	M("novembre", 11), M("décembre", 12), M("decembre", 12), M("févr", 2), M("avr", 4),
	M("juil", 7), M("déc", 12),
	/* Spanish */
	M("enero", 1), M("febrero", 2), M("marzo", 3), M("abril", 4), M("mayo", 5), M("junio", 6),
	M("julio", 7), M("agosto", 8), M("septiembre", 9), M("setiembre", 9), M("octubre", 10),
	M("noviembre", 11), M("diciembre", 12), M("ene", 1), M("abr", 4), M("ago", 8), M("dic", 12),
	/* Italian */
	M("gennaio", 1), M("febbraio", 2), M("aprile", 4), M("maggio", 5), M("giugno", 6),
	M("luglio", 7), M("settembre", 9), M("ottobre", 10), M("dicembre", 12),
	/* Portuguese */
	M("janeiro", 1), M("fevereiro", 2), M("março", 3), M("maio", 5), M("junho", 6), M("julho", 7),
	M("setembro", 9), M("outubro", 10), M("novembro", 11), M("dezembro", 12),
	/* Dutch, Swedish, Norwegian, Danish */
	M("januari", 1), M("februari", 2), M("maart", 3), M("mei", 5), M("augustus", 8),
	M("augusti", 8), M("maj", 5),
	/* Polish */
	M("stycznia", 1), M("lutego", 2), M("marca", 3), M("kwietnia", 4), M("maja", 5),
	M("czerwca", 6), M("lipca", 7), M("sierpnia", 8), M("września", 9), M("października", 10),
	M("listopada", 11), M("grudnia", 12), M("styczeń", 1), M("luty", 2), M("marzec", 3),
	M("kwiecień", 4), M("czerwiec", 6), M("lipiec", 7), M("sierpień", 8), M("wrzesień", 9),
	M("październik", 10), M("listopad", 11), M("grudzień", 12),
	/* Russian (the genitive a date uses) */
	M("января", 1), M("февраля", 2), M("марта", 3), M("апреля", 4), M("мая", 5), M("июня", 6),
	M("июля", 7), M("августа", 8), M("сентября", 9), M("октября", 10), M("ноября", 11),
	M("декабря", 12),
};
#undef M

enum tok_kind { TK_NUM, TK_WORD, TK_PUNCT };
struct tok {
	enum tok_kind kind;
	int val;     /* number value, month (0: not a month), punct char */
	int ndigits;
	bool filler; /* "de", "of", "th", … */
	size_t off;  /* where it starts in the text */
};

/* The length of the Unicode space at s (no-break, thin, narrow no-break,
 * ideographic, …), 0 if none. */
static size_t unicode_space(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && ((u[2] >= 0x80 && u[2] <= 0x8B) || u[2] == 0xAF))
		return 3;
	if ((u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F) || (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80))
		return 3;
	return 0;
}

static int month_of(const char *w, size_t l)
{
	char low[32];
	if (l < 3 || l >= sizeof low)
		return 0;
	for (size_t i = 0; i < l; i++)
		low[i] = (char)tolower((unsigned char)w[i]);
	low[l] = '\0';
	/* UTF-8 capitals of the accented letters we need */
	for (size_t i = 0; i + 1 < l; i++)
		if ((unsigned char)low[i] == 0xC3 && (unsigned char)low[i + 1] >= 0x80 &&
		    (unsigned char)low[i + 1] <= 0x9E)
			low[i + 1] = (char)((unsigned char)low[i + 1] + 0x20);
	for (size_t i = 0; i < sizeof months / sizeof *months; i++)
		if (months[i].len == l && months[i].name[0] == low[0] && !memcmp(low, months[i].name, l))
			return months[i].month;
	return 0;
}

static bool filler_word(const char *w, size_t l)
{
	static const char *const f[] = {"de", "del", "of", "th", "st", "nd", "rd", "der", "du", "le", NULL};
	if (l > 3)
		return false;
	for (size_t i = 0; f[i]; i++)
		if (strlen(f[i]) == l && !strncasecmp(w, f[i], l))
			return true;
	return false;
}

/* True when word token w of s starts with the Chinese or Japanese mark zh
 * or the Korean ko ("年"/"년" after a year, "月"/"월" after a month). */
static bool cjk_mark(const char *s, const struct tok *w, const char *zh, const char *ko)
{
	return w->kind == TK_WORD &&
	       (!strncmp(s + w->off, zh, strlen(zh)) || !strncmp(s + w->off, ko, strlen(ko)));
}

/* The first day a publication date may have: the web was young before. */
#define FIRST_YEAR 1995

static int64_t mkday(int y, int m, int d)
{
	if (y < FIRST_YEAR || y > 2100)
		return DATE_NONE;
	return date_from_civil(y, m, d);
}

/* The first calendar date written in s, with its span [*start, *end):
 * 2019-10-19, 2019/10/19, 19.10.2019, 19-10-2019, 19/10/2019 (10/19/2019
 * when month_first, or when the middle number cannot be a month), 19. Oktober 2019,
 * 19 octobre 2019, 4 de mayo de 2022, October 19, 2019, 19 мая 2020,
 * 2019年10月19日. */
static int64_t scan_date(const char *s, bool month_first, size_t *start, size_t *end)
{
	struct tok tk[96];
	size_t n = 0;
	const char *p = s;
	while (*p) {
		if (n == sizeof tk / sizeof *tk) {
			/* slide: keep the last 8 tokens */
			memmove(tk, tk + n - 8, 8 * sizeof *tk);
			n = 8;
		}
		unsigned char c = (unsigned char)*p;
		size_t sp = isspace(c) ? 1 : unicode_space(p);
		if (sp) {
			p += sp;
			continue;
		}
		size_t off = (size_t)(p - s);
		if (isdigit(c)) {
			int v = 0, nd = 0;
			while (isdigit((unsigned char)*p)) {
				if (nd < 6)
					v = v * 10 + (*p - '0');
				nd++;
				p++;
			}
			tk[n++] = (struct tok){TK_NUM, v, nd, false, off};
		} else if (isalpha(c) || c >= 0x80) {
			const char *w = p;
			while (*p && (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80) && !unicode_space(p))
				p++;
			size_t l = (size_t)(p - w);
			tk[n++] = (struct tok){TK_WORD, month_of(w, l), 0, filler_word(w, l), off};
		} else {
			tk[n++] = (struct tok){TK_PUNCT, c, 0, false, off};
			p++;
		}
		/* try patterns ending at the last token */
		if (n < 3)
			continue;
		struct tok *e = &tk[n - 1];
		size_t first = n; /* the pattern's first token, when one matched */
		int64_t t = DATE_NONE;
		/* yyyy-mm-dd, yyyy/mm/dd, yyyy.mm.dd */
		if (e->kind == TK_NUM && e->ndigits <= 2 && n >= 5 && tk[n - 2].kind == TK_PUNCT &&
		    strchr("-/.", tk[n - 2].val) && tk[n - 4].kind == TK_PUNCT && tk[n - 4].val == tk[n - 2].val &&
		    tk[n - 3].kind == TK_NUM && tk[n - 3].ndigits <= 2 && tk[n - 5].kind == TK_NUM &&
		    tk[n - 5].ndigits == 4) {
			t = mkday(tk[n - 5].val, tk[n - 3].val, e->val);
			first = n - 5;
		}
		/* 2019年10月19日, 2019년 10월 19일 */
		if (t == DATE_NONE && e->kind == TK_NUM && e->ndigits <= 2 && n >= 5 && tk[n - 5].kind == TK_NUM &&
		    tk[n - 5].ndigits == 4 && tk[n - 3].kind == TK_NUM && tk[n - 3].ndigits <= 2 &&
		    cjk_mark(s, &tk[n - 4], "年", "년") && cjk_mark(s, &tk[n - 2], "月", "월")) {
			t = mkday(tk[n - 5].val, tk[n - 3].val, e->val);
			first = n - 5;
		}
		if (t == DATE_NONE && e->kind == TK_NUM && e->ndigits == 4) {
			int y = e->val;
			/* d.m.yyyy, d/m/yyyy, d-m-yyyy */
			if (n >= 5 && tk[n - 2].kind == TK_PUNCT && tk[n - 4].kind == TK_PUNCT &&
			    tk[n - 2].val == tk[n - 4].val && strchr("./-", tk[n - 2].val) && tk[n - 3].kind == TK_NUM &&
			    tk[n - 5].kind == TK_NUM && tk[n - 3].ndigits <= 2 && tk[n - 5].ndigits <= 2) {
				int a = tk[n - 5].val, b = tk[n - 3].val;
				if (((tk[n - 2].val == '/' && month_first) || b > 12) && a <= 12)
					t = mkday(y, a, b);
				else
					t = mkday(y, b, a);
				first = n - 5;
			}
			/* walk back over fillers and punctuation to a month word */
			size_t i = n - 1;
			int skipped = 0;
			while (t == DATE_NONE && i > 0 && skipped < 3) {
				i--;
				if (tk[i].kind == TK_PUNCT && (tk[i].val == ',' || tk[i].val == '.')) {
					skipped++;
					continue;
				}
				if (tk[i].kind == TK_WORD && tk[i].filler) {
					skipped++;
					continue;
				}
				break;
			}
			if (t == DATE_NONE && tk[i].kind == TK_NUM && tk[i].ndigits <= 2 && i >= 1) {
				/* Month d, yyyy */
				size_t j = i;
				while (j > 0) {
					j--;
					if (tk[j].kind == TK_PUNCT && tk[j].val == '.')
						continue;
					break;
				}
				if (tk[j].kind == TK_WORD && tk[j].val) {
					t = mkday(y, tk[j].val, tk[i].val);
					first = j;
				}
			} else if (t == DATE_NONE && tk[i].kind == TK_WORD && tk[i].val && i >= 1) {
				/* d. Month yyyy / d de Month de yyyy */
				size_t j = i;
				int skipped2 = 0;
				while (j > 0 && skipped2 < 2) {
					j--;
					if ((tk[j].kind == TK_PUNCT && tk[j].val == '.') ||
					    (tk[j].kind == TK_WORD && tk[j].filler)) {
						skipped2++;
						continue;
					}
					break;
				}
				if (tk[j].kind == TK_NUM && tk[j].ndigits <= 2) {
					t = mkday(y, tk[i].val, tk[j].val);
					first = j;
				}
			}
		}
		if (t != DATE_NONE) {
			*start = tk[first].off;
			*end = (size_t)(p - s);
			return t;
		}
	}
	return DATE_NONE;
}

static int64_t visible_date(const char *s, bool month_first)
{
	size_t a, b;
	return s ? scan_date(s, month_first, &a, &b) : DATE_NONE;
}

/* A machine-readable date (ISO 8601, RFC 822, 20191019, or a written one):
 * the wall-clock time the publisher wrote, and the zone when it says one. */
struct stamp {
	int64_t wall;	/* as if it were UTC; DATE_NONE when no date */
	int64_t offset; /* seconds east of UTC, when zoned */
	bool timed;	/* to the minute */
	bool zoned;
};

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static struct stamp read_stamp(const char *s)
{
	struct stamp st = {DATE_NONE, 0, false, false};
	if (!s)
		return st;
	while (isspace((unsigned char)*s))
		s++;
	size_t len = strlen(s);
	if (len >= 10 && num(s, 4) >= 0 && (s[4] == '-' || s[4] == '/') && num(s + 5, 2) >= 0 && s[7] == s[4] &&
	    num(s + 8, 2) >= 0) {
		st.wall = mkday(num(s, 4), num(s + 5, 2), num(s + 8, 2));
		const char *p = s + 10;
		int h, mi, sec = 0;
		if (st.wall == DATE_NONE || (*p != 'T' && *p != ' ') || (h = num(p + 1, 2)) < 0 || p[3] != ':' ||
		    (mi = num(p + 4, 2)) < 0 || h > 23 || mi > 59)
			return st;
		p += 6;
		if (*p == ':' && (sec = num(p + 1, 2)) >= 0 && sec < 61)
			p += 3;
		else
			sec = 0;
		while (*p == '.' || *p == ',' || isdigit((unsigned char)*p))
			p++;
		st.wall += h * 3600 + mi * 60 + sec;
		st.timed = true;
		while (*p == ' ')
			p++;
		if (*p == 'Z' || *p == 'z') {
			st.zoned = true;
		} else if ((*p == '+' || *p == '-') && num(p + 1, 2) >= 0) {
			int oh = num(p + 1, 2), om = 0;
			if (p[3] == ':' && num(p + 4, 2) >= 0)
				om = num(p + 4, 2);
			else if (num(p + 3, 2) >= 0)
				om = num(p + 3, 2);
			st.offset = (*p == '-' ? -1 : 1) * (oh * 3600 + om * 60);
			st.zoned = oh <= 14 && om < 60;
		}
		return st;
	}
	if (len >= 8 && len <= 14 && strspn(s, "0123456789") == len) {
		/* 20191019, 201910191030 */
		st.wall = mkday(num(s, 4), num(s + 4, 2), num(s + 6, 2));
		if (st.wall != DATE_NONE)
			return st;
	}
	int64_t t = date_parse(s);
	st.wall = t != DATE_NONE && t >= mkday(FIRST_YEAR, 1, 1) ? t : visible_date(s, true);
	return st;
}

static int64_t day_of(int64_t t)
{
	int64_t d = t / DAY * DAY;
	return d > t ? d - DAY : d;
}

/* ---- the URL ---- */

/* A whole date in a URL's path: /2019/10/19/, /2019-10-19-title,
 * /20191019/; DATE_NONE if none. */
static int64_t url_date(const char *url)
{
	const char *p = url ? strstr(url, "://") : NULL;
	p = p ? strchr(p + 3, '/') : NULL;
	for (; p && *p; p++) {
		if (*p != '/' && *p != '-' && *p != '_')
			continue;
		const char *q = p + 1;
		int y = num(q, 4), m, d;
		char sep = q[4];
		if (y < FIRST_YEAR)
			continue;
		if (sep == '/' || sep == '-' || sep == '_') {
			if (q[7] != sep || isdigit((unsigned char)q[10]))
				continue;
			m = num(q + 5, 2);
			d = num(q + 8, 2);
		} else {
			/* 20191019 between separators */
			if (!strchr("/-_.", q[8]))
				continue;
			m = num(q + 4, 2);
			d = num(q + 6, 2);
		}
		int64_t t = m > 0 && d > 0 ? mkday(y, m, d) : DATE_NONE;
		if (t != DATE_NONE)
			return t;
	}
	return DATE_NONE;
}

/* ---- collecting ---- */

/* A date written in the page text. */
struct seen {
	int64_t day;
	size_t pos; /* bytes of page text before it */
	unsigned flags;
};

enum {
	SEEN_PUB = 1,	  /* labelled as the publication ("Veröffentlicht am") */
	SEEN_MOD = 2,	  /* labelled as an update ("Aktualisiert") */
	SEEN_CLASSED = 4, /* in an element whose class or id says date */
	SEEN_ASIDE = 8,	  /* in comments or an item about something else */
};

/* A <time datetime> element. */
struct time_el {
	char *value;
	size_t pos;
	bool pub; /* pubdate, itemprop=datePublished or a class saying so */
	bool mod; /* a class or itemprop saying update */
	bool aside; /* in comments or a foreign item */
};

/* What the page's markup and text say about its date, in page order. */
struct evidence {
	struct time_el times[MAX_TIMES];
	size_t ntimes;
	char *item_date;    /* itemprop=datePublished */
	char *ld_published; /* "datePublished" in a JSON-LD script's text */
	struct seen seen[MAX_SEEN];
	size_t nseen;
	size_t pos;	  /* bytes of page text so far */
	size_t title_pos; /* where the title heading starts */
	bool title_found, h1_found;
	unsigned headings; /* compared with the title so far */
	char tail[96]; /* the page text's last bytes before the current node */
	size_t ntail;
	bool month_first;
	const char *title;
};

static void evidence_free(struct evidence *e)
{
	for (size_t i = 0; i < e->ntimes; i++)
		free(e->times[i].value);
	free(e->item_date);
	free(e->ld_published);
}

/* Class and id words of the elements that hold a date ("dateline" and
 * "update" hold "date"). */
static const char *const date_words[] = {"date", "time", "datum", "published", "posted", "meta", "byline",
					  "zeit", "fecha", "info", "submitted", NULL};

/* Words that, just before a date, say it is the publication's: "published",
 * "veröffentlicht", "publié", "publicado", "pubblicato", "erschienen",
 * "posted", "gepostet", "erstellt". */
static const char *const pub_labels[] = {
	"publi", "veröffentlicht", "erschienen", "posted", "gepostet", "erstellt", "eingestellt", "geschrieben",
	"written", "created", "gespeichert", "submitted", "opublikowano", "gepubliceerd", "pubblicato", "datum:",
	"date:", NULL};

/* … and words that say it is an update, a copyright, or not the page's. */
static const char *const mod_labels[] = {
	"updat", "aktualisiert", "geändert", "modif", "bearbeitet", "editiert", "edited", "mis à jour",
	"mise à jour", "actualiz", "aggiornat", "bijgewerkt", "zaktualizowano", "zuletzt", "revis",
	"stand:", "©", "copyright", "(c)", NULL};

/* Where the last of the labels in ctx starts, NULL if none is. */
static const char *last_label(const char *ctx, const char *const *labels)
{
	const char *last = NULL;
	for (size_t i = 0; labels[i]; i++)
		for (const char *q = ctx; (q = strstr(q, labels[i])) != NULL; q++)
			if (!last || q > last)
				last = q;
	return last;
}

/* Flags from the words just before a date: ctx holds the page text's tail,
 * then the text before the date in its own node. */
static unsigned label_flags(const struct evidence *e, const char *before, size_t nbefore)
{
	char ctx[160];
	size_t keep = nbefore < 64 ? nbefore : 64;
	size_t from_tail = 64 - keep < e->ntail ? 64 - keep : e->ntail;
	memcpy(ctx, e->tail + e->ntail - from_tail, from_tail);
	memcpy(ctx + from_tail, before + nbefore - keep, keep);
	ctx[from_tail + keep] = '\0';
	for (char *p = ctx; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	/* the nearest label counts: "Veröffentlicht: 1.2.2019, aktualisiert: 3.2.2019" */
	const char *pub = last_label(ctx, pub_labels), *mod = last_label(ctx, mod_labels);
	if (mod && (!pub || mod > pub))
		return SEEN_MOD;
	return pub ? SEEN_PUB : 0;
}

/* Adds text s (n bytes) to the page text: its length to e->pos, the
 * whitespace around it counted as one space (indentation is no distance),
 * and its end to the tail, whitespace runs as one space. */
static void text_add(struct evidence *e, const char *s, size_t n)
{
	size_t lead = 0, trail = 0;
	while (lead < n && isspace((unsigned char)s[lead]))
		lead++;
	while (trail < n - lead && isspace((unsigned char)s[n - 1 - trail]))
		trail++;
	bool space = !e->ntail || e->tail[e->ntail - 1] == ' ';
	e->pos += (lead && !space) + (n - lead - trail) + (trail && lead < n);
	for (size_t i = n > 2 * sizeof e->tail ? n - 2 * sizeof e->tail : 0; i < n; i++) {
		char c = isspace((unsigned char)s[i]) ? ' ' : s[i];
		if (c == ' ' && (!e->ntail || e->tail[e->ntail - 1] == ' '))
			continue;
		if (e->ntail == sizeof e->tail) {
			memmove(e->tail, e->tail + sizeof e->tail / 2, sizeof e->tail / 2);
			e->ntail = sizeof e->tail / 2;
		}
		e->tail[e->ntail++] = c;
	}
}

/* True when s holds four digits in a row: a year, which every date we read
 * has (a cheap test before the tokenizer). */
static bool has_year(const char *s)
{
	int run = 0;
	for (s = strpbrk(s, "0123456789"); s && *s; s++) {
		run = isdigit((unsigned char)*s) ? run + 1 : 0;
		if (run == 4)
			return true;
	}
	return false;
}

/* Records the date of s[from, to) that starts first; where it ends, 0 if
 * there is none. */
static size_t scan_span(struct evidence *e, const char *s, size_t from, size_t to, unsigned flags)
{
	char w[SPAN_BEFORE + SPAN_AFTER + 8];
	memcpy(w, s + from, to - from);
	w[to - from] = '\0';
	size_t a, b;
	int64_t t = scan_date(w, e->month_first, &a, &b);
	if (t == DATE_NONE)
		return 0;
	e->seen[e->nseen++] = (struct seen){t, e->pos + from + a, flags | label_flags(e, s, from + a)};
	return from + b;
}

/* Records every date of text s (of the page text at e->pos). A date starts
 * or ends with its year, so a long text is read only around each run of four
 * digits (running text is long, and years in it are few). */
static void scan_text(struct evidence *e, const char *s, unsigned flags)
{
	size_t n = strlen(s), done = 0;
	if (n <= SPAN_BEFORE + SPAN_AFTER) {
		while (done < n && e->nseen < MAX_SEEN && (done = scan_span(e, s, done, n, flags)) != 0)
			;
		return;
	}
	for (size_t i = 0; i + 4 <= n && e->nseen < MAX_SEEN; i++) {
		if (!isdigit((unsigned char)s[i]) || num(s + i, 4) < 0 || (i && isdigit((unsigned char)s[i - 1])))
			continue;
		if (i + 4 <= done)
			continue;
		/* from a word's start within SPAN_BEFORE bytes before the year */
		size_t from = i > SPAN_BEFORE ? i - SPAN_BEFORE : 0;
		if (from < done)
			from = done;
		while (from > done && from < i && !isspace((unsigned char)s[from - 1]))
			from++;
		size_t end = scan_span(e, s, from, i + SPAN_AFTER < n ? i + SPAN_AFTER : n, flags);
		if (end) {
			done = end;
			i = end - 1;
		}
	}
}

/* Appends the text of n's subtree to b, a space between nodes
 * ("<span>Apr</span><span>04</span><span>2013</span>" is "Apr 04 2013").
 * False when it is longer than a date element's. */
static bool joined_text(const xmlNode *n, struct buf *b, unsigned depth)
{
	if (depth > 8)
		return false;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content) {
			if (!buf_puts(b, (const char *)c->content) || !buf_putc(b, ' ') || b->len > 250)
				return false;
		} else if (c->type == XML_ELEMENT_NODE && !art_tag_is(c, "script") && !art_tag_is(c, "style") &&
			   !joined_text(c, b, depth + 1)) {
			return false;
		}
	}
	return true;
}

/* Whether heading h is the page's title (its text holds the title, or the
 * title holds it). */
static bool is_title(const struct evidence *e, const xmlNode *h)
{
	if (!e->title)
		return false;
	char *s = art_text(h, 1024);
	bool same = s && strlen(s) >= 4 && (strstr(s, e->title) || strstr(e->title, s));
	free(s);
	return same;
}

/* True for elements whose text is no page text (and <meta>, whose values
 * come through the lookup article_meta.c gives). */
static bool no_text(const char *t)
{
	switch (t[0]) {
	case 'm':
		return !strcmp(t, "meta");
	case 't':
		return !strcmp(t, "title") || !strcmp(t, "template");
	case 's':
		return !strcmp(t, "style");
	case 'n':
		return !strcmp(t, "noscript");
	default:
		return false;
	}
}

/* aside: n is in readers' comments or a microdata item about something
 * else (a cited work, a review), whose dates are not the page's. */
static void collect(struct evidence *e, xmlNode *n, bool in_head, bool aside, unsigned depth)
{
	if (depth > LIMIT_TREE_DEPTH + 8)
		return;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			const char *s = (const char *)c->content;
			if (in_head || !s)
				continue;
			size_t l = strlen(s);
			if (has_year(s))
				scan_text(e, s, aside ? SEEN_ASIDE : 0);
			text_add(e, s, l);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *t = art_tag(c);
		if (!strcmp(t, "script")) {
			/* the JSON-LD jansson could not read (article_meta.c's
			 * roots) may still name the date */
			const char *ty = art_attr(c, "type");
			const char *s = c->children ? (const char *)c->children->content : NULL;
			const char *k = ty && strcasestr(ty, "ld+json") && s && !e->ld_published
						? strstr(s, "\"datePublished\"")
						: NULL;
			if (k) {
				k += strlen("\"datePublished\"");
				k += strspn(k, " \t\r\n");
				k += *k == ':' ? 1 + strspn(k + 1, " \t\r\n") : 0;
				size_t l = *k == '"' ? strcspn(k + 1, "\"") : 0;
				if (l && l < 64)
					e->ld_published = strndup(k + 1, l);
			}
			continue;
		}
		if (no_text(t))
			continue;
		/* one walk over the attributes: this runs for every element */
		const char *ip = NULL;
		bool classed = false, typed = false;
		for (const xmlAttr *at = c->properties; at; at = at->next) {
			const char *an = (const char *)at->name;
			if (!strcasecmp(an, "class") || !strcasecmp(an, "id"))
				classed = !in_head;
			else if (!strcasecmp(an, "itemprop"))
				ip = at->children ? (const char *)at->children->content : "";
			else if (!strcasecmp(an, "itemtype"))
				typed = true;
		}
		bool asd = aside || ((ip || typed) && art_foreign_item(c));
		char cls[512];
		cls[0] = '\0';
		if (classed) {
			art_class_id(c, cls, sizeof cls);
			asd = asd || art_comment_section(cls);
		}
		if (!e->title_found && t[0] == 'h' && t[1] >= '1' && t[1] <= '3' && !t[2] && !asd) {
			if (e->headings++ < MAX_HEADINGS && is_title(e, c)) {
				e->title_found = true;
				e->title_pos = e->pos;
			} else if (!e->h1_found && t[1] == '1') {
				char *s = art_text(c, 64);
				if (s && *s) {
					e->h1_found = true;
					e->title_pos = e->pos;
				}
				free(s);
			}
		}
		if (asd)
			ip = NULL;
		if (ip && !strcasecmp(ip, "datePublished") && !e->item_date) {
			const char *v = art_attr(c, "content");
			if (!v)
				v = art_attr(c, "datetime");
			e->item_date = v ? strdup(v) : art_text(c, 128);
		}
		if (!strcmp(t, "time") && e->ntimes < MAX_TIMES) {
			const char *dt = art_attr(c, "datetime");
			char *s = dt && *dt ? strdup(dt) : NULL;
			if (s) {
				bool mod = (ip && strcasestr(ip, "modified")) ||
					   (classed && art_has_any(cls, (const char *const[]){"updated", "modified", NULL}));
				bool pub = art_attr(c, "pubdate") || (ip && !strcasecmp(ip, "datePublished")) ||
					   (classed && art_has_any(cls, (const char *const[]){"publish", "entry-date",
											  "post-date", NULL}));
				e->times[e->ntimes++] = (struct time_el){s, e->pos, pub && !asd, mod && !pub, asd};
			}
		}
		if (classed && strcmp(t, "body") != 0 && art_has_any(cls, date_words) && e->nseen < MAX_SEEN) {
			struct buf b;
			buf_init(&b, 256);
			if (joined_text(c, &b, 0) && b.len && has_year(buf_str(&b)))
				scan_text(e, buf_str(&b), SEEN_CLASSED | (asd ? SEEN_ASIDE : 0));
			buf_finish(&b);
		}
		collect(e, c, in_head || !strcmp(t, "head"), asd, depth + 1);
	}
}

/* ---- deciding ---- */

struct decision {
	struct article *a;
	int64_t now;
	struct stamp chosen; /* the machine date taken */
	int64_t latest;	     /* the page's last change: no publication after it */
};

/* A publication day: not after now (with a day's grace for zones ahead),
 * not before 1995, not after the page's last change when it says one. */
static bool plausible(const struct decision *d, int64_t t)
{
	return t != DATE_NONE && t <= d->now + DAY && t >= mkday(FIRST_YEAR, 1, 1) &&
	       (d->latest == DATE_NONE || t <= d->latest + DAY);
}

/* Takes day t (from source) unless a date was taken. False only on
 * allocation failure. */
static bool take(struct decision *d, int64_t t, const char *source)
{
	struct article *a = d->a;
	if (a->date != DATE_NONE || !plausible(d, t))
		return true;
	/* noon: the day stays that day in every zone from UTC-12 to UTC+11 */
	a->date = day_of(t) + DAY / 2;
	free(a->date_source);
	a->date_source = strdup(source);
	return a->date_source != NULL;
}

static bool take_stamp(struct decision *d, const char *s, const char *source)
{
	if (d->a->date != DATE_NONE)
		return true;
	struct stamp st = read_stamp(s);
	if (!take(d, st.wall, source))
		return false;
	if (d->a->date != DATE_NONE)
		d->chosen = st;
	return true;
}

/* The same moment written again in the publisher's zone: a UTC timestamp
 * ("2023-11-09T02:11:03Z") and a <time> or <meta> saying 21:11:03-05:00
 * or 21:11:03 without zone. Its day is the one the publisher's readers saw. */
static bool same_moment(const struct stamp *utc, const struct stamp *local)
{
	if (!utc->timed || !local->timed || local->wall == DATE_NONE || local->wall == utc->wall)
		return false;
	int64_t diff = local->wall - utc->wall;
	if (diff % 900 || diff > 14 * 3600 || diff < -12 * 3600)
		return false;
	return !local->zoned || (local->offset == diff && local->offset != 0);
}

/* The day of the chosen UTC timestamp in the publisher's zone, when the
 * page writes the same moment in that zone too (stamps). */
static void local_day(struct decision *d, const char *const *stamps, size_t n)
{
	const struct stamp *c = &d->chosen;
	if (!c->timed || !c->zoned || c->offset != 0)
		return;
	for (size_t i = 0; i < n; i++) {
		struct stamp st = read_stamp(stamps[i]);
		if (same_moment(c, &st) && plausible(d, st.wall)) {
			d->a->date = day_of(st.wall) + DAY / 2;
			return;
		}
	}
}

/* A date property of a JSON-LD object: a string, the first of an array, or
 * a typed value ({"@value": "2019-06-09", "@type": "Date"}); NULL if none. */
static const char *ld_date(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_object(v))
		v = json_object_get(v, "@value");
	const char *s = json_string_value(v);
	return s && *s ? s : NULL;
}

/* <meta> names and properties of the publication date. */
static const char *const date_metas[] = {
	"article:published_time", "schema:datecreated", "schema:datepublished", "dc:date", "dcterms:created",
	"dcterms:issued", "published_at", "og:article:published_time", "datepublished", "article:published",
	"og:published_time", "published_time", "publish-date", "publishdate", "publish_date",
	"publication_date", "pubdate", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
	"dcterms.created", "dc.date.created", "sailthru.date", "parsely-pub-date", "article.published",
	"citation_publication_date", "citation_date", "datecreated", "release_date", "date.published",
	"originalpublicationdate", "cxenseparse:recs:publishtime", "created", "dc.created",
};
#define NDATE_METAS (sizeof date_metas / sizeof *date_metas)

/* The date of a seen text nearest the title: after it (within
 * AFTER_TITLE bytes) first, then before it (within BEFORE_TITLE). Only
 * those with all of the flags want and none of avoid. */
static const struct seen *near_title(const struct evidence *e, const struct decision *d, unsigned want,
				     unsigned avoid)
{
	if (!e->title_found && !e->h1_found)
		return NULL;
	const struct seen *before = NULL;
	for (size_t i = 0; i < e->nseen; i++) {
		const struct seen *s = &e->seen[i];
		if ((s->flags & want) != want || (s->flags & avoid) || !plausible(d, s->day))
			continue;
		if (s->pos >= e->title_pos && s->pos < e->title_pos + AFTER_TITLE)
			return s;
		if (s->pos < e->title_pos && s->pos + BEFORE_TITLE >= e->title_pos)
			before = s;
	}
	return before;
}

static const struct seen *first_seen(const struct evidence *e, const struct decision *d, unsigned want,
				     unsigned avoid)
{
	for (size_t i = 0; i < e->nseen; i++)
		if ((e->seen[i].flags & want) == want && !(e->seen[i].flags & avoid) && plausible(d, e->seen[i].day))
			return &e->seen[i];
	return NULL;
}

static bool take_seen(struct decision *d, const struct seen *s, const char *source)
{
	return !s || take(d, s->day, source);
}

static bool decide(struct decision *d, const struct evidence *e, const char *url, const struct art_date_sources *src)
{
	int64_t url_day = url_date(url);
	if (!take(d, url_day, "url"))
		return false;
	json_t *article = src->ld_article, *page = src->ld_page;
	/* every machine date of the page, for local_day(); the <meta> values
	 * first, in date_metas' order */
	const char *stamps[NDATE_METAS + MAX_TIMES + 3];
	const char *const *metas = stamps;
	size_t nstamps = 0;
	for (size_t i = 0; i < NDATE_METAS; i++)
		stamps[nstamps++] = src->meta(src->meta_ctx, date_metas[i]);
	for (size_t i = 0; i < e->ntimes; i++)
		stamps[nstamps++] = e->times[i].value;
	const char *modified[] = {article ? ld_date(article, "dateModified") : NULL,
				  src->meta(src->meta_ctx, "article:modified_time")};
	stamps[nstamps++] = modified[0];
	stamps[nstamps++] = modified[1];
	stamps[nstamps++] = e->item_date;
	if (article || page) {
		json_t *o = article && ld_date(article, "datePublished") ? article : page;
		if (o && !take_stamp(d, ld_date(o, "datePublished"), "json-ld"))
			return false;
		if (article && !take_stamp(d, ld_date(article, "dateCreated"), "json-ld"))
			return false;
	}
	for (size_t i = 0; i < NDATE_METAS && d->a->date == DATE_NONE; i++) {
		char key[64];
		snprintf(key, sizeof key, "meta:%s", date_metas[i]);
		if (!take_stamp(d, metas[i], key))
			return false;
	}
	if (!take_stamp(d, e->item_date, "itemprop") || !take_stamp(d, e->ld_published, "json-ld"))
		return false;
	for (size_t i = 0; i < e->ntimes && d->a->date == DATE_NONE; i++)
		if (e->times[i].pub && !take_stamp(d, e->times[i].value, "time"))
			return false;
	for (size_t i = 0; i < e->ntimes && d->a->date == DATE_NONE; i++)
		if (!e->times[i].mod && !e->times[i].aside && !take_stamp(d, e->times[i].value, "time"))
			return false;
	if (d->a->date != DATE_NONE) {
		local_day(d, stamps, nstamps);
		return true;
	}
	const struct seen *mod = first_seen(e, d, SEEN_MOD | SEEN_CLASSED, SEEN_ASIDE);
	/* the page's own word on its last change bounds the dates it shows */
	for (size_t i = 0; i < 3; i++) {
		int64_t t = i < 2 ? read_stamp(modified[i]).wall : mod ? mod->day : DATE_NONE;
		if (plausible(d, t) && (d->latest == DATE_NONE || t < d->latest))
			d->latest = t;
	}
	const unsigned avoid = SEEN_MOD | SEEN_ASIDE;
	if (!take_seen(d, near_title(e, d, SEEN_PUB, avoid), "visible") ||
	    !take_seen(d, near_title(e, d, SEEN_CLASSED, avoid), "visible") ||
	    !take_seen(d, near_title(e, d, 0, avoid), "visible") ||
	    !take_seen(d, first_seen(e, d, SEEN_PUB, avoid), "visible") ||
	    !take_seen(d, first_seen(e, d, SEEN_CLASSED, avoid), "visible") ||
	    !take_seen(d, first_seen(e, d, 0, avoid), "visible"))
		return false;
	/* nothing but the last change */
	if (!take_stamp(d, modified[0], "json-ld:modified") ||
	    !take_stamp(d, modified[1], "meta:article:modified_time"))
		return false;
	if (!take_seen(d, first_seen(e, d, SEEN_MOD, SEEN_ASIDE), "visible:modified"))
		return false;
	/* nothing but the readers' */
	for (size_t i = 0; i < e->ntimes && d->a->date == DATE_NONE; i++)
		if (!e->times[i].mod && !take_stamp(d, e->times[i].value, "time:aside"))
			return false;
	return take_seen(d, first_seen(e, d, SEEN_ASIDE, SEEN_MOD), "visible:aside");
}

bool art_date(struct article *a, xmlDoc *doc, const char *url, const struct art_date_sources *src)
{
	struct evidence e = {0};
	e.month_first = a->lang && !strncasecmp(a->lang, "en-us", 5);
	e.title = a->title;
	collect(&e, xmlDocGetRootElement(doc), false, false, 0);
	struct decision d = {.a = a, .now = date_now(), .latest = DATE_NONE};
	bool ok = decide(&d, &e, url, src);
	evidence_free(&e);
	return ok;
}
