/* article_date — the publication date of a page, with where it came from:
 * JSON-LD and <meta> values (which article_meta.c collects for every field),
 * microdata, <time> elements, dates written near the title and the URL path.
 * Runs on the untouched tree. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "article_priv.h"
#include "date.h"
#include "limits.h"

#define MAX_TIMES 8
#define MAX_DATE_TEXTS 8

/* ---- reading dates ---- */

struct mname {
	const char *name;
	int month;
};

static const struct mname months[] = {
	{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6}, {"july", 7},
	{"august", 8}, {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12}, {"sept", 9},
	{"jan", 1}, {"feb", 2}, {"mar", 3}, {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9},
	{"oct", 10}, {"nov", 11}, {"dec", 12},
	{"januar", 1}, {"jänner", 1}, {"jän", 1}, {"februar", 2}, {"märz", 3}, {"maerz", 3}, {"mär", 3},
	{"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"okt", 10}, {"dezember", 12}, {"dez", 12},
	{"janvier", 1}, {"février", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"juin", 6},
	{"juillet", 7}, {"août", 8}, {"aout", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11},
	{"décembre", 12}, {"decembre", 12}, {"févr", 2}, {"avr", 4}, {"juil", 7}, {"déc", 12},
	{"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6}, {"julio", 7},
	{"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10}, {"noviembre", 11},
	{"diciembre", 12}, {"ene", 1}, {"abr", 4}, {"ago", 8}, {"dic", 12},
	{"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6}, {"luglio", 7},
	{"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
	{"janeiro", 1}, {"fevereiro", 2}, {"março", 3}, {"maio", 5}, {"junho", 6}, {"julho", 7},
	{"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12},
	{"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8},
	{"stycznia", 1}, {"lutego", 2}, {"marca", 3}, {"kwietnia", 4}, {"maja", 5}, {"czerwca", 6},
	{"lipca", 7}, {"sierpnia", 8}, {"września", 9}, {"października", 10}, {"listopada", 11},
	{"grudnia", 12}, {"styczeń", 1}, {"luty", 2}, {"marzec", 3}, {"kwiecień", 4}, {"maj", 5},
	{"czerwiec", 6}, {"lipiec", 7}, {"sierpień", 8}, {"wrzesień", 9}, {"październik", 10},
	{"listopad", 11}, {"grudzień", 12},
	{NULL, 0},
};

enum tok_kind { TK_NUM, TK_WORD, TK_PUNCT };
struct tok {
	enum tok_kind kind;
	int val;     /* number value, month (0: not a month), punct char */
	int ndigits;
	bool filler; /* "de", "of", "th", … */
};

static int month_of(const char *w, size_t l)
{
	char low[32];
	if (l >= sizeof low)
		return 0;
	for (size_t i = 0; i < l; i++)
		low[i] = (char)tolower((unsigned char)w[i]);
	low[l] = '\0';
	/* UTF-8 capitals of the accented letters we need */
	for (size_t i = 0; i + 1 < l; i++)
		if ((unsigned char)low[i] == 0xC3 && (unsigned char)low[i + 1] >= 0x80 &&
		    (unsigned char)low[i + 1] <= 0x9E)
			low[i + 1] = (char)((unsigned char)low[i + 1] + 0x20);
	for (size_t i = 0; months[i].name; i++)
		if (!strcmp(low, months[i].name))
			return months[i].month;
	return 0;
}

static bool filler_word(const char *w, size_t l)
{
	static const char *const f[] = {"de", "del", "of", "th", "st", "nd", "rd", "der", "du", "le", NULL};
	for (size_t i = 0; f[i]; i++)
		if (strlen(f[i]) == l && !strncasecmp(w, f[i], l))
			return true;
	return false;
}

static int64_t mkday(int y, int m, int d)
{
	if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31)
		return DATE_NONE;
	char iso[16];
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
	return date_parse(iso);
}

/* The first calendar date written in s: 2019-10-19, 19.10.2019, 19/10/2019,
 * 19. Oktober 2019, 19 octobre 2019, 4 de mayo de 2022, October 19, 2019. */
static int64_t visible_date(const char *s, bool month_first)
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
		if (isspace(c)) {
			p++;
			continue;
		}
		if (isdigit(c)) {
			int v = 0, nd = 0;
			while (isdigit((unsigned char)*p)) {
				if (nd < 6)
					v = v * 10 + (*p - '0');
				nd++;
				p++;
			}
			tk[n++] = (struct tok){TK_NUM, v, nd, false};
		} else if (isalpha(c) || c >= 0x80) {
			const char *w = p;
			while (*p && (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80))
				p++;
			size_t l = (size_t)(p - w);
			tk[n++] = (struct tok){TK_WORD, month_of(w, l), 0, filler_word(w, l)};
		} else {
			tk[n++] = (struct tok){TK_PUNCT, c, 0, false};
			p++;
		}
		/* try patterns ending at the last token */
		if (n < 3)
			continue;
		struct tok *e = &tk[n - 1];
		if (e->kind == TK_NUM && e->ndigits == 2 && n >= 5 && tk[n - 2].kind == TK_PUNCT &&
		    tk[n - 2].val == '-' && tk[n - 3].kind == TK_NUM && tk[n - 4].kind == TK_PUNCT &&
		    tk[n - 4].val == '-' && tk[n - 5].kind == TK_NUM && tk[n - 5].ndigits == 4) {
			int64_t t = mkday(tk[n - 5].val, tk[n - 3].val, e->val);
			if (t != DATE_NONE)
				return t;
		}
		if (e->kind != TK_NUM || e->ndigits != 4)
			continue;
		int y = e->val;
		/* d.m.yyyy, d/m/yyyy */
		if (n >= 5 && tk[n - 2].kind == TK_PUNCT && tk[n - 4].kind == TK_PUNCT &&
		    tk[n - 2].val == tk[n - 4].val && (tk[n - 2].val == '.' || tk[n - 2].val == '/') &&
		    tk[n - 3].kind == TK_NUM && tk[n - 5].kind == TK_NUM && tk[n - 3].ndigits <= 2 &&
		    tk[n - 5].ndigits <= 2) {
			int a = tk[n - 5].val, b = tk[n - 3].val;
			int64_t t;
			if (tk[n - 2].val == '/' && (month_first || b > 12) && a <= 12)
				t = mkday(y, a, b);
			else
				t = mkday(y, b, a);
			if (t != DATE_NONE)
				return t;
		}
		/* walk back over fillers and punctuation to a month word */
		size_t i = n - 1;
		int skipped = 0;
		while (i > 0 && skipped < 3) {
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
		if (tk[i].kind == TK_NUM && tk[i].ndigits <= 2 && i >= 1) {
			/* Month d, yyyy */
			size_t j = i;
			int day = tk[j].val;
			while (j > 0) {
				j--;
				if (tk[j].kind == TK_PUNCT && tk[j].val == '.')
					continue;
				break;
			}
			if (tk[j].kind == TK_WORD && tk[j].val) {
				int64_t t = mkday(y, tk[j].val, day);
				if (t != DATE_NONE)
					return t;
			}
		} else if (tk[i].kind == TK_WORD && tk[i].val && i >= 1) {
			/* d. Month yyyy / d de Month de yyyy */
			size_t j = i;
			int skipped2 = 0;
			while (j > 0 && skipped2 < 2) {
				j--;
				if ((tk[j].kind == TK_PUNCT && tk[j].val == '.') || (tk[j].kind == TK_WORD && tk[j].filler)) {
					skipped2++;
					continue;
				}
				break;
			}
			if (tk[j].kind == TK_NUM && tk[j].ndigits <= 2) {
				int64_t t = mkday(y, tk[i].val, tk[j].val);
				if (t != DATE_NONE)
					return t;
			}
		}
	}
	return DATE_NONE;
}

/* A machine date (ISO or RFC): the calendar day and time as the publisher
 * wrote them, zone dropped, so the day is the one the page shows. */
static int64_t machine_date(const char *s)
{
	if (!s)
		return DATE_NONE;
	while (isspace((unsigned char)*s))
		s++;
	if (strlen(s) >= 10 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[3]) &&
	    (s[4] == '-' || s[4] == '/') && isdigit((unsigned char)s[5]) && (s[7] == '-' || s[7] == '/') &&
	    isdigit((unsigned char)s[8]) && isdigit((unsigned char)s[9])) {
		int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
		int64_t t = mkday(y, m, d);
		if (t != DATE_NONE && (s[10] == 'T' || s[10] == ' ') && isdigit((unsigned char)s[11]) &&
		    isdigit((unsigned char)s[12]) && s[13] == ':') {
			int h = atoi(s + 11), mi = atoi(s + 14);
			if (h < 24 && mi < 60)
				t += h * 3600 + mi * 60;
		}
		return t;
	}
	if (isdigit((unsigned char)s[0]) && strlen(s) >= 8 && strlen(s) <= 14 && !strchr(s, ' ') &&
	    !strchr(s, '.') && !strchr(s, '/')) {
		/* 20191019 */
		int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
		int m = (s[4] - '0') * 10 + (s[5] - '0'), d = (s[6] - '0') * 10 + (s[7] - '0');
		int64_t t = mkday(y, m, d);
		if (t != DATE_NONE)
			return t;
	}
	int64_t t = date_parse(s);
	if (t != DATE_NONE && t >= mkday(1990, 1, 1))
		return t;
	return visible_date(s, true);
}

/* /2019/10/19/ or /2019-10-19 in a URL path */
static int64_t url_date(const char *url)
{
	if (!url)
		return DATE_NONE;
	const char *p = strstr(url, "://");
	p = p ? strchr(p + 3, '/') : NULL;
	for (; p && *p; p++) {
		if (*p != '/' && *p != '-' && *p != '_')
			continue;
		const char *q = p + 1;
		if (!(isdigit((unsigned char)q[0]) && isdigit((unsigned char)q[1]) && isdigit((unsigned char)q[2]) &&
		      isdigit((unsigned char)q[3])))
			continue;
		char sep = q[4];
		if (sep != '/' && sep != '-' && sep != '_')
			continue;
		if (!(isdigit((unsigned char)q[5]) && isdigit((unsigned char)q[6]) && q[7] == sep &&
		      isdigit((unsigned char)q[8]) && isdigit((unsigned char)q[9])))
			continue;
		if (isdigit((unsigned char)q[10]))
			continue;
		int64_t t = mkday(atoi(q), atoi(q + 5), atoi(q + 8));
		if (t != DATE_NONE)
			return t;
	}
	return DATE_NONE;
}

/* ---- collecting ---- */

/* What the page's markup and text say about its date, in page order. */
struct evidence {
	char *times[MAX_TIMES]; /* datetime attributes, pubdate/datePublished first */
	size_t ntimes;
	char *item_date; /* itemprop=datePublished */
	char *date_texts[MAX_DATE_TEXTS]; /* texts of date-like elements */
	size_t ndate_texts;
	int64_t first_date; /* first date in a short text anywhere */
	bool month_first;
	bool seen_h1;
	struct buf after_h1; /* the text from the first heading on */
};

static void evidence_free(struct evidence *e)
{
	for (size_t i = 0; i < e->ntimes; i++)
		free(e->times[i]);
	free(e->item_date);
	for (size_t i = 0; i < e->ndate_texts; i++)
		free(e->date_texts[i]);
	buf_finish(&e->after_h1);
}

static const char *const date_words[] = {"date", "time", "datum", "published", "posted", "meta", "byline",
					  "dateline", "zeit", "fecha", "info", NULL};

/* True when c's class or id holds one of the (lower-case) words. */
static bool class_has(const xmlNode *c, const char *const *words)
{
	if (!art_attr(c, "class") && !art_attr(c, "id"))
		return false; /* most elements: spare the copy */
	char cls[512];
	art_class_id(c, cls, sizeof cls);
	return art_has_any(cls, words);
}

static void text_node(struct evidence *e, const xmlNode *c)
{
	const char *s = (const char *)c->content;
	if (!s)
		return;
	if (e->seen_h1 && e->after_h1.len < 1500) {
		if (!buf_puts(&e->after_h1, s) || !buf_putc(&e->after_h1, ' '))
			(void)0;
	}
	if (e->first_date == DATE_NONE && strlen(s) < 200 && strpbrk(s, "0123456789"))
		e->first_date = visible_date(s, e->month_first);
}

static void collect(struct evidence *e, xmlNode *n, bool in_head, bool foreign, unsigned depth)
{
	if (depth > LIMIT_TREE_DEPTH + 8)
		return;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			if (!in_head)
				text_node(e, c);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *t = art_tag(c);
		/* their text is no page text; <meta> values come through the
		 * lookup article_meta.c gives */
		if (!strcmp(t, "meta") || !strcmp(t, "title") || !strcmp(t, "script") || !strcmp(t, "style") ||
		    !strcmp(t, "noscript") || !strcmp(t, "template"))
			continue;
		bool fgn = foreign || art_foreign_item(c);
		if (!strcmp(t, "h1") && !e->seen_h1) {
			char *s = art_text(c, 1024);
			e->seen_h1 = s && *s; /* collect the text from here on */
			free(s);
		}
		const char *ip = fgn ? NULL : art_attr(c, "itemprop");
		if (ip && !strcasecmp(ip, "datePublished") && !e->item_date) {
			const char *v = art_attr(c, "content");
			if (!v)
				v = art_attr(c, "datetime");
			e->item_date = v ? strdup(v) : art_text(c, 128);
		}
		if (!strcmp(t, "time") && e->ntimes < MAX_TIMES) {
			const char *dt = art_attr(c, "datetime");
			if (dt && *dt) {
				char *s = strdup(dt);
				bool first = art_attr(c, "pubdate") || (ip && !strcasecmp(ip, "datePublished")) ||
					     class_has(c, (const char *const[]){"publish", "entry-date", "post-date", NULL});
				if (s && first) {
					memmove(e->times + 1, e->times, e->ntimes * sizeof *e->times);
					e->times[0] = s;
					e->ntimes++;
				} else if (s) {
					e->times[e->ntimes++] = s;
				}
			}
		}
		if (!in_head && strcmp(t, "body") != 0 && strcmp(t, "html") != 0 && e->ndate_texts < MAX_DATE_TEXTS &&
		    class_has(c, date_words)) {
			char *s = art_text(c, 300);
			if (s && *s && strlen(s) < 250)
				e->date_texts[e->ndate_texts++] = s;
			else
				free(s);
		}
		collect(e, c, in_head || !strcmp(t, "head"), fgn, depth + 1);
	}
}

/* ---- deciding ---- */

static bool try_date(struct article *a, int64_t t, const char *source)
{
	if (a->date != DATE_NONE || t == DATE_NONE)
		return true;
	a->date = t;
	free(a->date_source);
	a->date_source = strdup(source);
	return a->date_source != NULL;
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

static const char *const date_metas[] = {
	"article:published_time", "schema:datecreated", "schema:datepublished", "dc:date", "dcterms:created",
	"dcterms:issued", "published_at", "og:article:published_time", "datepublished", "article:published",
	"og:published_time", "published_time", "publish-date", "publishdate", "publish_date",
	"publication_date", "pubdate", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
	"dcterms.created", "dc.date.created", "sailthru.date", "parsely-pub-date", "article.published",
	"citation_publication_date", "citation_date", "datecreated", "release_date", "date.published",
	"originalpublicationdate", "cxenseparse:recs:publishtime", "created", "dc.created", NULL,
};

static bool decide(struct article *a, const struct evidence *e, const char *url, const struct art_date_sources *src)
{
	json_t *article = src->ld_article, *page = src->ld_page;
	if (article || page) {
		json_t *o = article && ld_date(article, "datePublished") ? article : page;
		if (o && !try_date(a, machine_date(ld_date(o, "datePublished")), "json-ld"))
			return false;
		if (article && !try_date(a, machine_date(ld_date(article, "dateCreated")), "json-ld"))
			return false;
	}
	for (size_t i = 0; date_metas[i] && a->date == DATE_NONE; i++) {
		char key[64];
		snprintf(key, sizeof key, "meta:%s", date_metas[i]);
		if (!try_date(a, machine_date(src->meta(src->meta_ctx, date_metas[i])), key))
			return false;
	}
	if (!try_date(a, machine_date(e->item_date), "itemprop"))
		return false;
	for (size_t i = 0; i < e->ntimes && a->date == DATE_NONE; i++)
		if (!try_date(a, machine_date(e->times[i]), "time"))
			return false;
	for (size_t i = 0; i < e->ndate_texts && a->date == DATE_NONE; i++)
		if (!try_date(a, visible_date(e->date_texts[i], e->month_first), "visible"))
			return false;
	if (!try_date(a, visible_date(buf_str(&e->after_h1), e->month_first), "visible") ||
	    !try_date(a, url_date(url), "url"))
		return false;
	if (!try_date(a, e->first_date, "visible"))
		return false;
	if (article && !try_date(a, machine_date(ld_date(article, "dateModified")), "json-ld:modified"))
		return false;
	return try_date(a, machine_date(src->meta(src->meta_ctx, "article:modified_time")), "meta:article:modified_time");
}

bool art_date(struct article *a, xmlDoc *doc, const char *url, const struct art_date_sources *src)
{
	struct evidence e = {0};
	buf_init(&e.after_h1, 4096);
	e.first_date = DATE_NONE;
	e.month_first = a->lang && !strncasecmp(a->lang, "en-us", 5);
	collect(&e, xmlDocGetRootElement(doc), false, false, 0);
	bool ok = decide(a, &e, url, src);
	evidence_free(&e);
	return ok;
}
