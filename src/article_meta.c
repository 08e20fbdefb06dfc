/* article_meta — title, author and site name of a page, each with where it
 * came from: JSON-LD (through jansson), <meta> tags, microdata and bylines;
 * the date is article_date.c's, from what this walk collects. Runs on the
 * untouched tree. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "article_priv.h"
#include "date.h"
#include "htmltext.h"
#include "limits.h"
#include "url.h"

#define MAX_H1 6
#define MAX_BYLINES 8
#define MAX_SECTIONS 16

struct kv {
	char *k, *v;
};

/* How a headline heading is made: its text after a kicker, the short topic
 * line some sites set in front of it inside the same heading ("<h1><span
 * class=kicker>Corona-Pandemie</span> Es kommt darauf an …</h1>"), and
 * whether all its text is one run (no badge, button or date line in it). */
struct heading {
	char *rest; /* the headline without the kicker, or NULL when it has none */
	bool classed; /* the kicker's class says so: the rest is the headline */
	bool one_run; /* all its text in its own text nodes */
};

struct meta {
	struct kv metas[LIMIT_ARTICLE_METAS];
	size_t nmetas;
	char *title_tag;
	char *logo_name; /* the text of a heading that links home: the site's name */
	char *h1[MAX_H1];
	struct heading h1_shape[MAX_H1]; /* how each h1 is made */
	size_t nh1;
	const char *url; /* the page's, or NULL */
	char *headline; /* itemprop=headline */
	struct heading headline_shape;
	char *class_headline; /* a heading classed entry-title, headline, … */
	struct heading class_headline_shape;
	char *rel_author;
	char *link_author[2]; /* an author page's link text: before, after the first h1 */
	bool seen_h1; /* past the first h1 (the headline's) */
	char *canonical;
	char *site_author, *site_author_src; /* the site's own name, or the desk's ("Redaktion") */
	char *sections[MAX_SECTIONS]; /* the page's section names (rel=category links) */
	size_t nsections;
	char *itemprop_author;
	char *bylines[MAX_BYLINES];
	size_t nbylines;
	char *by_texts[MAX_BYLINES]; /* "By X" found in short texts, in page order */
	char *copyright; /* the first "© 2019 Name" line of a footer */
	char *signoff; /* the last "<p><b>Jane Doe</b></p>" closing a text */
	char *box_author; /* the name heading an author box ("about the author") */
	size_t nby;
	char *jsonld[LIMIT_ARTICLE_JSONLD];
	size_t njsonld;
	bool oom;
};

static char *sdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void meta_free(struct meta *m)
{
	for (size_t i = 0; i < m->nmetas; i++) {
		free(m->metas[i].k);
		free(m->metas[i].v);
	}
	free(m->title_tag);
	free(m->logo_name);
	for (size_t i = 0; i < m->nh1; i++) {
		free(m->h1[i]);
		free(m->h1_shape[i].rest);
	}
	free(m->headline);
	free(m->headline_shape.rest);
	free(m->class_headline);
	free(m->class_headline_shape.rest);
	free(m->rel_author);
	free(m->link_author[0]);
	free(m->link_author[1]);
	free(m->copyright);
	free(m->signoff);
	free(m->box_author);
	free(m->canonical);
	free(m->site_author);
	free(m->site_author_src);
	for (size_t i = 0; i < m->nsections; i++)
		free(m->sections[i]);
	free(m->itemprop_author);
	for (size_t i = 0; i < m->nbylines; i++)
		free(m->bylines[i]);
	for (size_t i = 0; i < m->nby; i++)
		free(m->by_texts[i]);
	for (size_t i = 0; i < m->njsonld; i++)
		free(m->jsonld[i]);
}

static const char *get_meta(const struct meta *m, const char *key)
{
	for (size_t i = 0; i < m->nmetas; i++)
		if (!strcmp(m->metas[i].k, key) && m->metas[i].v[0])
			return m->metas[i].v;
	return NULL;
}

/* get_meta() as struct art_date_sources looks values up */
static const char *meta_value(const void *m, const char *key)
{
	return get_meta(m, key);
}

static void add_meta(struct meta *m, const char *k, const char *v)
{
	if (!k || !v || m->nmetas >= LIMIT_ARTICLE_METAS)
		return;
	char *kk = strdup(k), *vv = strdup(v);
	if (!kk || !vv) {
		free(kk);
		free(vv);
		m->oom = true;
		return;
	}
	art_lower(kk);
	art_squash(kk);
	art_squash(vv);
	m->metas[m->nmetas].k = kk;
	m->metas[m->nmetas++].v = vv;
}

static bool writing_label(const char *label);
static bool calendar_only(const char *s);
static size_t punct_start(const unsigned char *s);

/* s past leading spaces and punctuation ("| By", "— von") */
static const char *skip_punct(const char *s)
{
	size_t k;
	while (*s && ((k = punct_start((const unsigned char *)s)) != 0 || isspace((unsigned char)*s)))
		s += k ? k : 1;
	return s;
}

/* ---- collecting ---- */

static bool class_has(const xmlNode *n, const char *const *words)
{
	char s[512];
	art_class_id(n, s, sizeof s);
	return art_has_any(s, words);
}

static const char *const byline_words[] = {"byline", "author", "autor", "auteur", "verfasser", "writer", "posted-by",
					    "postedby", "by-line", "reporter", "journalist", NULL};
static const char *const byline_not[] = {"bio", "avatar", "box", "about", "description", "image", "img",
					  "photo", "thumb", "social", "follow", "more", "list", "comment",
					  "info-text", "wrapper", "media", "license", "licence", "caption",
					  "copyright", NULL};
static const char *const headline_words[] = {"entry-title", "post-title", "article-title", "headline",
					      "article__title", "story-title", "page-title", "titel", NULL};

static bool is_heading_tag(const char *t)
{
	return t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2];
}

static const char *const by_words[] = {"by ", "by:", "von ", "von:", "par ", "posted by", "written by",
					"geschrieben von", "verfasst von", "autor:", "autorin:", "author:", "text:",
					"por ", "door ", "av ", "napisał", "autor ", "text von", "eingestellt von",
					"erstellt von", "publié par", "écrit par", "submitted by", "gespeichert von",
					"verfasst am", "auteur :", "auteur:", "auteure :", "autor :", "author :",
					"blog beitrag von", "blogbeitrag von", "ein beitrag von", "ein gastbeitrag von",
					"gastbeitrag von", "gastartikel von", "guest post by", "a guest post by",
					/* a date, then the name: "Posted on March 3, 2021 by X" */
					"posted on", "published on", "veröffentlicht am", "publié le", "publicado el",
					"pubblicato il", NULL};

static bool starts_by(const char *s);

/* Where a byline's lead starts in line after a separator ("10:00 · Von
 * Jane Doe", "3. März | By Jane Doe"), or NULL. */
static const char *after_separator_by(const char *line)
{
	static const char *const seps[] = {"| ", "\xC2\xB7 ", "\xE2\x80\xA2 ", "\xE2\x80\x93 ", "\xE2\x80\x94 ", NULL};
	for (size_t i = 0; seps[i]; i++)
		for (const char *q = strstr(line, seps[i]); q; q = strstr(q + 1, seps[i])) {
			const char *b = q + strlen(seps[i]);
			while (*b == ' ')
				b++;
			if (starts_by(b))
				return b;
		}
	return NULL;
}

/* What a word leading a byline is: "by" and its kin in other languages,
 * a writing role ("Text", "Autor", "Autor:innen"), the desk ("Redaktion:",
 * a lead only before a colon), a picture role ("Fotos"), a verb ("posted",
 * "publié") or a joining word ("a guest post", "Text und Fotos", "in
 * conversation with"). */
enum lead { LEAD_NONE, LEAD_BY, LEAD_ROLE, LEAD_DESK, LEAD_PICTURE, LEAD_VERB, LEAD_JOIN };

static enum lead lead_word(const char *w, size_t l);

/* "by" written in lower case, in the languages whose bylines lead with it
 * after other words ("A story by") or glue it to the name ("vonJane Doe"). */
static const char *const lower_by[] = {"by", "von", "par", "por", "door", NULL};

/* True when s starts with lead words up to a lower-case "by" as its second
 * to fourth word: "Ein Artikel von", "A story by", "Un reportage par". */
static bool led_by(const char *s)
{
	const char *const *by = lower_by;
	const char *w[4];
	size_t l[4], n = 0;
	for (const char *p = s; n < 4 && *p;) {
		while (*p == ' ')
			p++;
		w[n] = p;
		while (*p && *p != ' ')
			p++;
		l[n] = (size_t)(p - w[n]);
		if (!l[n] || l[n] > 14)
			return false;
		/* every text node comes here: the cheap test first */
		for (size_t i = 0; n && by[i]; i++)
			if (strlen(by[i]) == l[n] && !strncmp(w[n], by[i], l[n])) {
				for (size_t k = 0; k < n; k++) {
					enum lead e = lead_word(w[k], l[k]);
					if (e != LEAD_JOIN && e != LEAD_ROLE)
						return false;
				}
				return true;
			}
		n++;
	}
	return false;
}

static bool starts_by(const char *s)
{
	/* every text node comes here: compare only the leads with s's first letter */
	int c = tolower((unsigned char)*s);
	for (size_t i = 0; by_words[i]; i++)
		if ((unsigned char)by_words[i][0] == c && !strncasecmp(s, by_words[i], strlen(by_words[i])))
			return true;
	return led_by(s);
}

static bool inline_el(const xmlNode *n)
{
	static const char *const inl[] = {"a", "span", "strong", "b", "em", "i", "u", "font", "small", "abbr",
					  "cite", "time", "address", "mark", "sup", "sub", NULL};
	for (size_t i = 0; inl[i]; i++)
		if (art_tag_is(n, inl[i]))
			return true;
	return false;
}

/* The text of a line from text node c on: its following inline siblings and
 * those of its inline ancestors, up to a block, a <br> or max bytes. */
static char *run_text(xmlNode *c, size_t max)
{
	struct buf b;
	buf_init(&b, max * 4 + 64);
	if (c->content && !buf_puts(&b, (const char *)c->content))
		(void)0;
	xmlNode *n = c;
	while (n && b.len < max) {
		if (n->next) {
			n = n->next;
			if (n->type == XML_TEXT_NODE) {
				if (n->content && !buf_puts(&b, (const char *)n->content))
					break;
			} else if (inline_el(n)) {
				if (!art_text_append(n, &b, 0))
					break;
			} else if (art_tag_is(n, "br") && b.len < 16) {
				/* "<b>Von:</b><br><br>Name": the lead alone so far */
				if (!buf_putc(&b, ' '))
					break;
			} else if (n->type == XML_ELEMENT_NODE) {
				break;
			}
		} else {
			n = n->parent;
			if (!n || !inline_el(n))
				break;
		}
	}
	char *s = buf_detach(&b);
	if (s)
		art_squash(s);
	return s;
}

/* Length of the marker when s starts a copyright notice ("©", "(c)",
 * "Copyright"), else 0. */
static size_t copyright_mark(const char *s)
{
	if (!strncmp(s, "\xC2\xA9", 2))
		return 2;
	if (!strncasecmp(s, "(c)", 3))
		return 3;
	if (!strncasecmp(s, "copyright", 9))
		return 9;
	return 0;
}

/* True when text node c sits in the page's footer or a copyright line. */
static bool in_footer(const xmlNode *c)
{
	static const char *const words[] = {"footer", "copyright", "credits", "colophon", NULL};
	/* a picture's credit ("© Jane Doe/Agency") is no page's author */
	static const char *const pictures[] = {"image", "img", "photo", "foto", "bild", "caption", "media",
					       "figure", "gallery", NULL};
	unsigned k = 0;
	bool footer = false;
	for (const xmlNode *n = c->parent; n && n->type == XML_ELEMENT_NODE && k < 16; n = n->parent, k++) {
		if (art_tag_is(n, "body"))
			break;
		if (art_tag_is(n, "figure") || art_tag_is(n, "figcaption") || class_has(n, pictures))
			return false;
		if (art_tag_is(n, "footer") || class_has(n, words))
			footer = true;
	}
	return footer;
}

/* Length of s when all of it is an author label ("Autor", "Author:"), else 0. */
static size_t label_len(const char *s)
{
	static const char *const labels[] = {"autor", "autorin", "author", "auteur", "autor*in", "autor/in",
					     "autor:in", "verfasser", "verfasserin", NULL};
	/* plural labels name a menu's link ("Authors") unless a colon follows */
	static const char *const plurals[] = {"autoren", "autorinnen", "autor:innen", "autor*innen", "autor_innen",
					      "authors", "auteurs", NULL};
	size_t l = strlen(s);
	while (l && isspace((unsigned char)s[l - 1]))
		l--;
	bool colon = l && s[l - 1] == ':';
	while (l && (isspace((unsigned char)s[l - 1]) || s[l - 1] == ':'))
		l--;
	for (size_t i = 0; labels[i]; i++)
		if (strlen(labels[i]) == l && !strncasecmp(s, labels[i], l))
			return l;
	for (size_t i = 0; colon && plurals[i]; i++)
		if (strlen(plurals[i]) == l && !strncasecmp(s, plurals[i], l))
			return l;
	return 0;
}

/* True when what precedes text node c on its line makes a "by X" after it
 * a credit for the site's make or a picture: "<a>Cookely Theme</a> by X",
 * "Icon by X", "Design by X", "Theme: <a>Graphy</a> by X" (the credit word
 * a few inline siblings back). */
static bool credit_before(const xmlNode *c)
{
	static const char *const credits[] = {"theme", "template", "design", "powered", "built", "developed",
					      "hosted", "plugin", "icon", "photo", "foto", "illustration", "image",
					      "bild", "logo", NULL};
	char tail[128];
	unsigned k = 0;
	for (const xmlNode *p = c->prev; p && k < 3; p = p->prev, k++) {
		if (p->type == XML_TEXT_NODE) {
			const char *t = p->content ? (const char *)p->content : "";
			size_t l = strlen(t);
			snprintf(tail, sizeof tail, "%s", l > 40 ? t + l - 40 : t);
		} else if (p->type == XML_ELEMENT_NODE && inline_el(p) && !art_tag_is(p, "br")) {
			char *t = art_text(p, 120);
			if (!t)
				return false;
			size_t l = strlen(t);
			snprintf(tail, sizeof tail, "%s", l > 40 ? t + l - 40 : t);
			free(t);
		} else {
			return false;
		}
		art_lower(tail);
		if (art_has_any(tail, credits))
			return true;
	}
	return false;
}

/* The text of the cell after the one text node c fills: "<dt>Auteur</dt>
 * <dd>Name</dd>", "<th>Author</th><td>Name</td>", "<div class=label>
 * <span>Autor</span></div><div>Name</div>"; after an author label (label),
 * also a short paragraph. NULL when c shares its cell or no short cell
 * follows (caller frees). */
static char *label_cell_next(const xmlNode *c, bool label)
{
	const xmlNode *e = c->parent;
	for (unsigned k = 0; e && e->type == XML_ELEMENT_NODE && k < 3; k++) {
		/* e must hold nothing but c's line */
		for (const xmlNode *d = e->children; d; d = d->next) {
			if (d == c)
				continue;
			if (d->type == XML_ELEMENT_NODE && !art_tag_is(d, "br"))
				return NULL;
			if (d->type == XML_TEXT_NODE && d->content)
				for (const char *q = (const char *)d->content; *q; q++)
					if (!isspace((unsigned char)*q))
						return NULL;
		}
		if (!inline_el(e))
			break;
		c = e;
		e = e->parent;
	}
	if (!e || e->type != XML_ELEMENT_NODE || art_tag_is(e, "body"))
		return NULL;
	const xmlNode *n = e->next;
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->next;
	/* after "Autor" (label), a short paragraph may hold the name
	 * ("<h4>Autor</h4><p><a>Jane Doe</a></p>"); after "Von" it is the
	 * sentence that word starts */
	if (!n || is_heading_tag(art_tag(n)) || (art_tag_is(n, "p") && !label) || art_tag_is(n, "ul") ||
	    art_tag_is(n, "ol"))
		return NULL;
	char *t = art_text(n, 200);
	if (t && (!*t || strlen(t) > (art_tag_is(n, "p") ? 60 : 80))) {
		free(t);
		return NULL;
	}
	return t;
}

/* True when text node c sits in a link that holds more than its line: a
 * teaser for another page ("<a><p>Title</p><span>von X um 21:02</span></a>"),
 * whose byline is that page's. */
static bool in_teaser_link(const xmlNode *c)
{
	unsigned k = 0;
	for (const xmlNode *n = c->parent; n && n->type == XML_ELEMENT_NODE && k < 4; n = n->parent, k++) {
		if (!art_tag_is(n, "a"))
			continue;
		for (const xmlNode *d = n->children; d; d = d->next) {
			if (d->type != XML_ELEMENT_NODE || inline_el(d) || art_tag_is(d, "br"))
				continue;
			char *t = art_text(d, 64);
			bool text = t && *t;
			free(t);
			if (text)
				return true;
		}
		return false;
	}
	return false;
}

/* True when s up to end holds a date or a time and nothing else ("06.11.2023
 * 13:30", "3. März 2021, 10:00 Uhr"), not a teaser's "20 fotos del …". */
static bool date_before(const char *s, const char *end)
{
	for (const char *p = s; p < end;) {
		while (p < end && strchr(" ,.:/-", *p))
			p++;
		const char *w = p;
		while (p < end && !strchr(" ,.:/-", *p))
			p++;
		if (p == w || isdigit((unsigned char)*w))
			continue;
		char key[24];
		if ((size_t)(p - w) >= sizeof key)
			return false;
		snprintf(key, sizeof key, "%.*s", (int)(p - w), w);
		art_lower(key);
		if (strcmp(key, "uhr") && strcmp(key, "h") && !calendar_only(key))
			return false;
	}
	return true;
}

static bool author_page(const char *href);

/* True when text node c is part of an h1, h2 or h3: a headline that starts
 * with "Von" or says "… beim Leasing von Firmenwagen", not a byline. */
static bool in_headline(const xmlNode *c)
{
	unsigned k = 0;
	for (const xmlNode *n = c->parent; n && n->type == XML_ELEMENT_NODE && k < 4; n = n->parent, k++) {
		const char *t = art_tag(n);
		if (t[0] == 'h' && t[1] >= '1' && t[1] <= '3' && !t[2])
			return true;
		if (!inline_el(n))
			return false;
	}
	return false;
}

/* True when element c is a quotation's attribution (a <cite>, or inside a
 * <blockquote> or <q>): its "author" class names whom the page quotes. */
static bool quoted(const xmlNode *c)
{
	if (art_tag_is(c, "cite"))
		return true;
	unsigned k = 0;
	for (const xmlNode *n = c->parent; n && n->type == XML_ELEMENT_NODE && k < 8; n = n->parent, k++)
		if (art_tag_is(n, "blockquote") || art_tag_is(n, "q"))
			return true;
	return false;
}

static void text_node(struct meta *m, xmlNode *c, bool in_head, bool in_comments)
{
	if (in_head || !c->content)
		return;
	if (m->nby >= MAX_BYLINES || in_comments)
		return;
	const char *p = skip_punct((const char *)c->content);
	size_t l = strlen(p);
	if (l > 120)
		return;
	if (!m->copyright && l > 3) {
		const char *q = (const char *)c->content;
		while (isspace((unsigned char)*q))
			q++;
		const char *mark = copyright_mark(q) ? q : copyright_mark(p) ? p : NULL;
		if (mark && in_footer(c)) {
			m->copyright = strdup(mark);
			return;
		}
	}
	size_t ll = label_len(p);
	if (ll && c->parent && art_tag_is(c->parent, "a"))
		return; /* a link saying "Author" is a menu's or a tab's, not a label */
	if (ll) {
		/* "<span>Autor</span> <a>Name</a>": a label, the name next to it */
		char *s = run_text(c, 200);
		if (s && strlen(s) <= ll) {
			/* "<dt>Auteur</dt><dd>Name</dd>": the label fills its cell */
			free(s);
			s = label_cell_next(c, true);
			if (s && strlen(s) + ll < 100) {
				char *t = malloc(strlen(s) + ll + 3);
				if (t)
					snprintf(t, strlen(s) + ll + 3, "%.*s: %s", (int)ll, p, s);
				free(s);
				s = t;
			} else {
				free(s);
				s = NULL;
			}
		}
		if (s && strlen(s) > ll) {
			const char *name = skip_punct(s + ll);
			char *d = *name ? malloc(strlen(name) + 8) : NULL;
			if (d) {
				snprintf(d, strlen(name) + 8, "Autor: %s", name);
				m->by_texts[m->nby++] = d;
			}
		}
		free(s);
		return;
	}
	if (!starts_by(p)) {
		/* "06.11.2023 13:30 von Olga": a name after a date */
		static const char *const mid[] = {" von ", " by ", " par ", " por ", NULL};
		if (l > 80)
			return;
		for (size_t i = 0; mid[i] && l <= 60 && isdigit((unsigned char)*p); i++) {
			const char *q = strstr(p, mid[i]);
			if (q && date_before(p, q)) {
				char *d = strdup(q + 1);
				if (d)
					m->by_texts[m->nby++] = d;
				return;
			}
		}
		/* "Heute, 10:00 · Von <a>Jane Doe</a>": a lead after a separator
		 * ('|' or a UTF-8 dot or dash, whose lead bytes come first) */
		if (!strpbrk(p, "|\xC2\xE2") || !after_separator_by(p) || in_teaser_link(c))
			return;
		char *line = run_text(c, 200);
		const char *q = line ? after_separator_by(line) : NULL;
		char *d = q ? strdup(q) : NULL;
		if (d)
			m->by_texts[m->nby++] = d;
		free(line);
		return;
	}
	if (credit_before(c) || in_teaser_link(c) || in_headline(c))
		return;
	/* "<a href=/story>Von Hexen und Vampiren</a>": a teaser's headline
	 * that starts with "by", not a byline (whose link holds the name) */
	if (c->parent && art_tag_is(c->parent, "a") && art_attr(c->parent, "href") &&
	    !author_page(art_attr(c->parent, "href")))
		return;
	/* "By <a>Name</a>": the name follows in the same line */
	char *s = run_text(c, 200);
	if (s) {
		const char *q = skip_punct(s);
		memmove(s, q, strlen(q) + 1);
	}
	if (s && writing_label(s)) {
		/* "<div>By</div><div>Jane Doe</div>": the lead fills its cell */
		char *next = label_cell_next(c, false);
		char *t = next ? str_printf("%s %s", s, next) : NULL;
		free(next);
		if (t) {
			free(s);
			s = t;
		}
	}
	if (s && strlen(s) < 160 && starts_by(s))
		m->by_texts[m->nby++] = s;
	else
		free(s);
}

static bool namelike(const char *s);
static size_t words(const char *s);
static bool has_letter(const char *s);
static bool contains_word(const char *s, const char *w);

/* A paragraph that closes its block and holds only a name in bold or
 * italics ("<p><b><i>Jane Doe</i></b></p>"): the writer signing off, as
 * newspapers do. The last one in the page is kept. */
static void signoff(struct meta *m, xmlNode *p)
{
	xmlNode *only = NULL;
	for (xmlNode *d = p->children; d; d = d->next) {
		if (d->type == XML_TEXT_NODE) {
			for (const char *q = (const char *)d->content; q && *q; q++)
				if (!isspace((unsigned char)*q))
					return;
		} else if (d->type == XML_ELEMENT_NODE) {
			if (only || !(art_tag_is(d, "b") || art_tag_is(d, "strong") || art_tag_is(d, "i") ||
				      art_tag_is(d, "em")))
				return;
			only = d;
		}
	}
	/* more text after it, or a list or table it introduces ("<b>Further
	 * information</b>" above links) */
	static const char *const content[] = {"p", "ul", "ol", "dl", "table", "blockquote", "pre", NULL};
	for (xmlNode *n = p->next; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is_heading_tag(art_tag(n)))
			return;
		for (size_t i = 0; content[i]; i++)
			if (art_tag_is(n, content[i]))
				return;
	}
	if (!only)
		return;
	char *s = art_text(only, 128);
	if (!s)
		return;
	static const char *const not_words[] = {"der", "die", "das", "the", "ein", "eine", "a", "an", "fazit",
						"mehr", "more", "update", "hinweis", "note", "info", "tipp", "quelle",
						"source", "lesen", "read", "zum", "zur", "im", "in", "of", "for", "mit",
						"with", "auf", "und", "and", "et", "le", "la", "les", NULL};
	bool ok = strlen(s) >= 5 && strlen(s) <= 60 && namelike(s) && words(s) >= 2 && words(s) <= 3 && !strpbrk(s, "0123456789:!?,;()");
	for (size_t i = 0; ok && not_words[i]; i++)
		if (contains_word(s, not_words[i]))
			ok = false;
	if (ok) {
		free(m->signoff);
		m->signoff = s;
	} else {
		free(s);
	}
}

/* True when an element's class or id (lower-cased, cls) marks the readers'
 * comments or a comment form: "comments", "commentlist", "comment-body",
 * "wc-comment-header", "kommentare". Names there are readers', not the
 * writer's. An article's genre is not one: "commentary", "type-comment"
 * (an opinion piece), "kommentar" (the same in German). */
bool art_comment_section(const char *cls)
{
	for (const char *p = cls; (p = strstr(p, "omment")) != NULL; p += 6) {
		if (p == cls || (p[-1] != 'c' && p[-1] != 'k'))
			continue;
		const char *after = p + 6;
		if (p[-1] == 'k') {
			if (strncmp(after, "ar", 2) != 0)
				continue;
			after += 2;
		}
		/* comments, comment-…, comment_…, commentlist, commentbody,
		 * commentform, kommentare */
		if (!*after || !strchr(p[-1] == 'k' ? "e-_lbs" : "s-_lbf", *after))
			continue;
		/* the word starts a class token or follows a prefix ("wc-", "post-") */
		const char *w = p - 1;
		if (w == cls || w[-1] == ' ' || w[-1] == '-' || w[-1] == '_')
			return true;
	}
	return false;
}

/* The name an author box (a bio, "about the author", an author teaser)
 * gives in its name or title element or heading: 2-4 capitalised words
 * (caller frees), else NULL. */
static char *box_name(const xmlNode *n, unsigned depth)
{
	if (depth > 4)
		return NULL;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		char cls[256];
		art_class_id(c, cls, sizeof cls);
		const char *t = art_tag(c);
		if (strstr(cls, "name") || strstr(cls, "title") || (is_heading_tag(t) && t[1] != '1')) {
			char *s = art_text(c, 128);
			static const char *const not_names[] = {"about", "author", "autor", "autorin", "über", "the",
								"der", "die", "das", "more", "mehr", "von", "by", "all",
								"alle", "posts", "beiträge", "articles", "artikel", NULL};
			bool ok = s && strlen(s) <= 60 && words(s) >= 2 && words(s) <= 4 && namelike(s) &&
				  !strpbrk(s, "0123456789:!?@");
			for (size_t i = 0; ok && not_names[i]; i++)
				if (contains_word(s, not_names[i]))
					ok = false;
			if (ok)
				return s;
			free(s);
			/* a heading "About the author" is no name; look on */
			continue;
		}
		char *s = box_name(c, depth + 1);
		if (s)
			return s;
	}
	return NULL;
}

/* True when href leads to a writer's page: a path step "author" (or
 * "autor", "auteur", "journalist", … ) followed by the writer's own step
 * ("/author/jane-doe/"), or WordPress's "?author=12". */
static bool author_page(const char *href)
{
	static const char *const steps[] = {"author", "authors", "autor", "autoren", "autorin", "autorinnen",
					    "auteur", "auteurs", "autore", "autori", "autores", "journalist",
					    "journalisten", "journalists", "writer", "writers", "redakteur", "redakteure",
					    NULL};
	if (!href || !*href)
		return false;
	const char *q = strchr(href, '?');
	if (q && (strstr(q, "?author=") || strstr(q, "&author=")))
		return true;
	for (const char *p = strchr(href, '/'); p && (!q || p < q); p = strchr(p + 1, '/')) {
		const char *w = p + 1, *e = w;
		while (*e && *e != '/' && *e != '?' && *e != '#')
			e++;
		if (*e != '/')
			break;
		size_t l = (size_t)(e - w);
		/* every link comes here: only steps that could be one */
		if (l < 5 || l > 12 || !strchr("aAjJwWrR", *w))
			continue;
		for (size_t i = 0; steps[i]; i++) {
			if (strlen(steps[i]) != l || strncasecmp(w, steps[i], l) != 0)
				continue;
			/* the writer's step after it, and the path ends there (not
			 * a listing's "/author/jane/page/2/") */
			const char *slug = e + 1, *end = slug;
			while (*end && *end != '/' && *end != '?' && *end != '#')
				end++;
			return end > slug && (!*end || *end == '?' || *end == '#' || (*end == '/' && (!end[1] || end[1] == '?' || end[1] == '#')));
		}
	}
	return false;
}

/* The element below microdata item n that holds its itemprop=name, at
 * most four levels down (not inside a nested item), or NULL. */
static xmlNode *itemprop_name(xmlNode *n, unsigned depth)
{
	for (xmlNode *d = n->children; d && depth < 4; d = d->next) {
		if (d->type != XML_ELEMENT_NODE)
			continue;
		const char *ip = art_attr(d, "itemprop");
		if (ip && !strcasecmp(ip, "name"))
			return d;
		if (art_attr(d, "itemscope"))
			continue;
		xmlNode *r = itemprop_name(d, depth + 1);
		if (r)
			return r;
	}
	return NULL;
}

/* Keeps s (taken over) as one of the page's section names. */
static void keep_section(struct meta *m, char *s)
{
	if (s && *s && strlen(s) < 100 && m->nsections < MAX_SECTIONS)
		m->sections[m->nsections++] = s;
	else
		free(s);
}

static void add_section(struct meta *m, const xmlNode *a)
{
	if (m->nsections < MAX_SECTIONS)
		keep_section(m, art_text(a, 128));
}

/* True when heading h is all one link to the site's home or to a page
 * above the page's own URL: a theme's "<h1><a href="/">Site</a></h1>", the
 * site's name, not the page's headline. */
static bool links_up(const xmlNode *h, const char *url)
{
	const xmlNode *a = h;
	while (a && !art_tag_is(a, "a")) {
		const xmlNode *only = NULL;
		for (const xmlNode *d = a->children; d; d = d->next) {
			if (d->type == XML_ELEMENT_NODE) {
				if (only)
					return false;
				only = d;
			} else if (d->type == XML_TEXT_NODE && d->content) {
				for (const char *q = (const char *)d->content; *q; q++)
					if (!isspace((unsigned char)*q))
						return false;
			}
		}
		a = only;
	}
	const char *href = a ? art_attr(a, "href") : NULL;
	if (!href || !*href)
		return false;
	if (!strcmp(href, "/"))
		return true;
	if (!url)
		return false;
	char *to = url_resolve(url, href);
	bool up = false;
	if (to) {
		size_t l = strlen(to);
		while (l && to[l - 1] == '/')
			l--;
		/* a proper prefix of the page's URL, ending at a path step */
		up = l > 8 && strlen(url) > l + 1 && !strncmp(url, to, l) && url[l] == '/' && url[l + 1];
		free(to);
	}
	return up;
}

/* Class words that name a heading's topic line. */
static const char *const kicker_words[] = {"kicker", "overline", "topline", "dachzeile", "roofline", "eyebrow",
					    "spitzmarke", "pretitle", "supertitle", "label", "category", "rubri", NULL};

/* Fills *k from heading h, whose text (art_text) is all. When h opens with
 * an element of at most eight words (not counting blanks, comments and
 * style) and more text follows, k->rest is the text after it, separators
 * trimmed, and k->classed says whether the element's class names a kicker.
 * Otherwise k->rest is NULL.
 * An unclassed first element may be only a styled first word ("<b>How</b>
 * to …"), so decide_title drops it only when a declared title agrees. */
static void heading_shape(const xmlNode *h, const char *all, struct heading *k)
{
	k->rest = NULL;
	k->classed = false;
	k->one_run = true;
	for (const xmlNode *c = h->children; c && k->one_run; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			char *t = art_text(c, 64);
			k->one_run = !t || !has_letter(t);
			free(t);
		}
	const xmlNode *first = NULL;
	for (const xmlNode *c = h->children; c && !first; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			const char *t = art_tag(c);
			if (strcmp(t, "style") && strcmp(t, "script") && strcmp(t, "noscript") && strcmp(t, "template") &&
			    strcmp(t, "br"))
				first = c;
		} else if (c->type == XML_TEXT_NODE && c->content) {
			for (const xmlChar *p = c->content; *p; p++)
				if (!isspace(*p))
					return; /* the heading opens with its own text */
		}
	}
	if (!first || art_tag_is(first, "a"))
		return;
	char *kick = art_text(first, 256);
	size_t kl = kick ? strlen(kick) : 0;
	if (kl && all && words(kick) <= 8 && !strncmp(all, kick, kl)) {
		const char *r = all + kl;
		/* the separator a screen reader hears: " - ", ": ", " | " */
		for (;;) {
			if (*r && strchr(" -:|/", *r))
				r++;
			else if (!strncmp(r, "\xe2\x80\x93", 3) || !strncmp(r, "\xe2\x80\x94", 3))
				r += 3;
			else
				break;
		}
		if (words(r) >= 2 && has_letter(r)) {
			k->rest = strdup(r);
			k->classed = class_has(first, kicker_words);
		}
	}
	free(kick);
}

static void collect(struct meta *m, xmlNode *n, bool in_head, bool foreign, bool comments, unsigned depth)
{
	if (depth > LIMIT_TREE_DEPTH + 8)
		return;
	for (xmlNode *c = n->children; c && !m->oom; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			text_node(m, c, in_head, comments);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *t = art_tag(c);
		bool fgn = foreign || art_foreign_item(c);
		char cls[512] = " ";
		bool classed = false, cmt = comments;
		if (!in_head && strcmp(t, "body") != 0 && strcmp(t, "html") != 0) {
			art_class_id(c, cls, sizeof cls);
			classed = cls[0] != ' ' || cls[1];
			if (classed && !cmt)
				cmt = art_comment_section(cls);
		}
		if (!strcmp(t, "meta")) {
			const char *v = art_attr(c, "content");
			if (!v)
				v = art_attr(c, "value");
			const char *keys[] = {"property", "name", "itemprop", "http-equiv"};
			for (size_t i = 0; i < 4 && v; i++) {
				if (fgn && i == 2)
					continue;
				const char *k = art_attr(c, keys[i]);
				if (k && *k) {
					/* property="og:title article:author" lists several */
					char tmp[128];
					snprintf(tmp, sizeof tmp, "%s", k);
					char *save = NULL;
					for (char *w = strtok_r(tmp, " ", &save); w; w = strtok_r(NULL, " ", &save))
						add_meta(m, w, v);
				}
			}
			if (!fgn && art_attr(c, "itemprop") && !strcasecmp(art_attr(c, "itemprop"), "author") &&
			    !m->itemprop_author && v && *v)
				m->itemprop_author = sdup(v);
			continue;
		}
		if (!strcmp(t, "title")) {
			if (!m->title_tag)
				m->title_tag = art_text(c, 2048);
			continue;
		}
		if (!strcmp(t, "script")) {
			const char *ty = art_attr(c, "type");
			if (ty && strcasestr(ty, "ld+json") && m->njsonld < LIMIT_ARTICLE_JSONLD) {
				struct buf b;
				buf_init(&b, LIMIT_ARTICLE_JSONLD_BYTES);
				for (xmlNode *d = c->children; d; d = d->next)
					if (d->content && !buf_puts(&b, (const char *)d->content))
						break;
				char *s = buf_detach(&b);
				if (s)
					m->jsonld[m->njsonld++] = s;
			}
			continue;
		}
		if (!strcmp(t, "style") || !strcmp(t, "noscript") || !strcmp(t, "template"))
			continue;
		if (!strcmp(t, "link") || !strcmp(t, "a")) {
			const char *rel = art_attr(c, "rel");
			/* not rel=tag, nor breadcrumbs: a post is tagged with the
			 * people it names, a blog's trail passes its writer's page */
			if (rel && !strcmp(t, "a") && strcasestr(rel, "category"))
				add_section(m, c);
			if (rel && strcasestr(rel, "author") && !strcmp(t, "a") && !m->rel_author && !cmt)
				m->rel_author = art_text(c, 256);
			const char *href = art_attr(c, "href");
			if (!strcmp(t, "a") && !cmt && !fgn && !m->link_author[m->seen_h1] && author_page(href))
				m->link_author[m->seen_h1] = art_text(c, 128);
			if (rel && !strcasecmp(rel, "canonical") && !strcmp(t, "link") && href && *href && !m->canonical)
				m->canonical = sdup(href);
		}
		if (!strcmp(t, "p") && !in_head && !fgn && !cmt)
			signoff(m, c);
		if (!strcmp(t, "h1") && m->nh1 < MAX_H1) {
			char *s = art_text(c, 1024);
			if (s && *s) {
				m->seen_h1 = true; /* collect the text from here on */
				if (links_up(c, m->url) && !m->logo_name)
					m->logo_name = s; /* the site's logo, not the page's headline */
				else if (links_up(c, m->url))
					free(s);
				else {
					heading_shape(c, s, &m->h1_shape[m->nh1]);
					m->h1[m->nh1++] = s;
				}
			} else {
				free(s);
			}
		}
		const char *ip = fgn ? NULL : art_attr(c, "itemprop");
		/* RDFa and microdata values outside <meta> */
		const char *cont = art_attr(c, "content");
		if (cont && *cont) {
			const char *prop = art_attr(c, "property");
			if (prop && *prop)
				add_meta(m, prop, cont);
			if (ip && *ip)
				add_meta(m, ip, cont);
		}
		if (ip) {
			if (!strcasecmp(ip, "headline") && !m->headline && strcmp(t, "meta") != 0) {
				m->headline = art_text(c, 1024);
				if (m->headline)
					heading_shape(c, m->headline, &m->headline_shape);
			}
			if ((!strcasecmp(ip, "author") || !strcasecmp(ip, "creator")) && !m->itemprop_author && !cmt) {
				/* a nested itemprop=name is the name */
				xmlNode *name = itemprop_name(c, 0);
				const char *content = art_attr(name ? name : c, "content");
				m->itemprop_author = content ? sdup(content) : art_text(name ? name : c, 256);
			}
		}
		if (classed) {
			if (!m->class_headline && is_heading_tag(t) && art_has_any(cls, headline_words)) {
				m->class_headline = art_text(c, 1024);
				if (m->class_headline)
					heading_shape(c, m->class_headline, &m->class_headline_shape);
			}
			/* a byline's class; with a bio's or a picture's words, an author box */
			bool by = !cmt && (!m->box_author || m->nbylines < MAX_BYLINES) && art_has_any(cls, byline_words) &&
				  !quoted(c);
			bool box = by && art_has_any(cls, byline_not);
			if (by && box && !m->box_author)
				m->box_author = box_name(c, 0);
			if (by && !box && m->nbylines < MAX_BYLINES) {
				char *s = art_text(c, 400);
				if (s && *s && strlen(s) < 300)
					m->bylines[m->nbylines++] = s;
				else
					free(s);
			}
		}
		collect(m, c, in_head || !strcmp(t, "head"), fgn, cmt, depth + 1);
	}
}

/* ---- JSON-LD ---- */

struct ld {
	json_t *article; /* Article, NewsArticle, BlogPosting, … */
	json_t *page;	 /* WebPage and the like */
	json_t *org;	 /* the first Organization / WebSite */
	json_t *objs[256]; /* every object with an @id, to resolve references */
	size_t nobjs;
};

static bool type_in(json_t *o, const char *const *types)
{
	json_t *t = json_object_get(o, "@type");
	if (json_is_string(t)) {
		for (size_t i = 0; types[i]; i++)
			if (!strcasecmp(json_string_value(t), types[i]))
				return true;
		return false;
	}
	if (json_is_array(t)) {
		size_t i;
		json_t *v;
		json_array_foreach(t, i, v) {
			if (!json_is_string(v))
				continue;
			for (size_t k = 0; types[k]; k++)
				if (!strcasecmp(json_string_value(v), types[k]))
					return true;
		}
	}
	return false;
}

static const char *const article_types[] = {
	"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
	"OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "TechArticle", "ScholarlyArticle",
	"Report", "SocialMediaPosting", "LiveBlogPosting", "DiscussionForumPosting", "Review", "Recipe",
	"AdvertiserContentArticle", "SatiricalArticle", "MedicalScholarlyArticle", "Blog", "PodcastEpisode",
	"VideoObject", "Event", "HowTo", "Product", "JobPosting", NULL,
};
static const char *const page_types[] = {"WebPage", "ItemPage", "AboutPage", "CollectionPage", "ProfilePage",
					  "FAQPage", "QAPage", "MedicalWebPage", NULL};
static const char *const org_types[] = {"Organization", "NewsMediaOrganization", "WebSite", "Corporation",
					 "LocalBusiness", "EducationalOrganization", "GovernmentOrganization", NULL};

static void ld_visit(struct ld *ld, json_t *j, unsigned depth)
{
	if (depth > 12)
		return;
	if (json_is_array(j)) {
		size_t i;
		json_t *v;
		json_array_foreach(j, i, v) ld_visit(ld, v, depth + 1);
		return;
	}
	if (!json_is_object(j))
		return;
	if (json_object_get(j, "@id") && ld->nobjs < 256)
		ld->objs[ld->nobjs++] = j;
	/* the first article-like object with a headline or an author wins */
	if (type_in(j, article_types)) {
		if (!ld->article || (!json_object_get(ld->article, "headline") && json_object_get(j, "headline")))
			ld->article = j;
	} else if (type_in(j, page_types)) {
		if (!ld->page)
			ld->page = j;
	} else if (type_in(j, org_types)) {
		if (!ld->org)
			ld->org = j;
	}
	const char *key;
	json_t *v;
	json_object_foreach(j, key, v)
	{
		if (!strcmp(key, "author") || !strcmp(key, "publisher") || !strcmp(key, "creator"))
			continue;
		if (json_is_object(v) || json_is_array(v))
			ld_visit(ld, v, depth + 1);
	}
}

static json_t *ld_resolve(const struct ld *ld, json_t *o)
{
	if (!json_is_object(o) || json_object_get(o, "name"))
		return o;
	const char *id = json_string_value(json_object_get(o, "@id"));
	if (!id)
		return o;
	for (size_t i = 0; i < ld->nobjs; i++) {
		const char *oid = json_string_value(json_object_get(ld->objs[i], "@id"));
		if (ld->objs[i] != o && oid && !strcmp(oid, id))
			return ld->objs[i];
	}
	return o;
}

static const char *ld_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_object(v))
		v = json_object_get(v, "name");
	const char *s = json_string_value(v);
	return s && *s ? s : NULL;
}

/* Names of an author value: a string, a Person/Organization, or an array of
 * them, joined with ", ". */
static void ld_names(const struct ld *ld, json_t *v, struct buf *b, unsigned depth)
{
	if (depth > 3 || b->len > 300)
		return;
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) ld_names(ld, e, b, depth + 1);
		return;
	}
	const char *s = NULL;
	if (json_is_string(v))
		s = json_string_value(v);
	else if (json_is_object(v)) {
		json_t *o = ld_resolve(ld, v);
		json_t *name = json_object_get(o, "name");
		if (json_is_array(name))
			name = json_array_get(name, 0);
		if (json_is_object(name)) /* {"@value": "Jane Doe", "@language": "en"} */
			name = json_object_get(name, "@value");
		s = json_string_value(name);
		if (!s) {
			const char *g = json_string_value(json_object_get(o, "givenName"));
			const char *f = json_string_value(json_object_get(o, "familyName"));
			if (g && f) {
				if ((b->len && !buf_puts(b, ", ")) || !buf_printf(b, "%s %s", g, f))
					return;
				return;
			}
		}
	}
	if (!s)
		return;
	char *t = strdup(s);
	if (!t)
		return;
	art_squash(t);
	if (*t && !strstr(buf_str(b), t)) {
		if ((b->len && !buf_puts(b, ", ")) || !buf_puts(b, t))
			(void)0;
	}
	free(t);
}

/* Decodes, in place, the character and entity references a value carries
 * literally: JSON-LD is script text ("J&ouml;rg", "K&#246;ln"), and some
 * sites escape meta values twice ("J&amp;ouml;rg"). A no-break space
 * becomes a space. Decoding never lengthens a string. */
static void decode_entities(char *s)
{
	for (int pass = 0; pass < 2 && strchr(s, '&'); pass++) {
		size_t l = strlen(s);
		struct buf b;
		buf_init(&b, l);
		bool ok = html_decode_refs(s, l, &b);
		if (ok)
			memcpy(s, buf_str(&b), b.len + 1);
		buf_finish(&b);
		if (!ok)
			break;
	}
	for (char *p = s; (p = strstr(p, "\xC2\xA0")) != NULL;) {
		*p = ' ';
		memmove(p + 1, p + 2, strlen(p + 2) + 1);
	}
}

/* ---- cleaning and checks ---- */

/* True when word w (a name part) appears in s, case-insensitively. */
static bool contains_word(const char *s, const char *w)
{
	while (*w == ' ')
		w++;
	size_t l = strlen(w);
	if (l < 2)
		return false;
	for (const char *p = s; (p = strcasestr(p, w)); p++)
		if ((p == s || !isalnum((unsigned char)p[-1])) && !isalnum((unsigned char)p[l]))
			return true;
	return false;
}

/* Lower-cased letters and digits only, for comparing names and titles. */
static void norm(const char *s, char *out, size_t size)
{
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && k + 1 < size; p++) {
		if (*p >= 0x80 || isalnum(*p))
			out[k++] = (char)tolower(*p);
	}
	out[k] = '\0';
}

static bool same(const char *a, const char *b)
{
	char x[1024], y[1024];
	norm(a, x, sizeof x);
	norm(b, y, sizeof y);
	return x[0] && !strcmp(x, y);
}

/* True when the initials of s's words spell label ("Deutsche Welle" and
 * dw.com, "British Broadcasting Corporation" and bbc.co.uk): 2-5 words. */
static bool initials_are(const char *s, const char *label)
{
	size_t n = strlen(label), k = 0;
	if (n < 2 || n > 5)
		return false;
	for (const char *p = s; *p;) {
		while (*p == ' ' || *p == '-')
			p++;
		if (!*p)
			break;
		if (k >= n || tolower((unsigned char)*p) != label[k++])
			return false;
		while (*p && *p != ' ' && *p != '-')
			p++;
	}
	return k == n;
}

/* The host's main label, normalised as norm() does, into out: "spiegel"
 * for www.spiegel.de. Returns where that label starts in host ("spiegel.de"),
 * or NULL (out "") when the host has no dot or the label is empty or too long. */
static const char *host_label(const char *host, char *out, size_t size)
{
	char label[256];
	const char *dot = strrchr(host, '.');
	const char *start = dot;
	while (start && start > host && start[-1] != '.')
		start--;
	size_t l = dot ? (size_t)(dot - start) : 0;
	if (!l || l >= sizeof label) {
		out[0] = '\0';
		return NULL;
	}
	memcpy(label, start, l);
	label[l] = '\0';
	norm(label, out, size);
	return start;
}

/* True when s names the site: its name or its host. */
static bool is_site(const char *s, const char *site, const char *host)
{
	char x[512];
	norm(s, x, sizeof x);
	if (!x[0])
		return false;
	if (site && same(s, site))
		return true;
	if (host) {
		char h[512];
		norm(host, h, sizeof h); /* "wwwspiegelde" */
		if (strlen(x) >= 4 && strstr(h, x))
			return true;
		/* "SPIEGEL ONLINE" vs spiegel.de: the host's main label in s */
		char nl[256];
		host_label(host, nl, sizeof nl);
		if (strlen(nl) >= 4 && strstr(x, nl) && strlen(x) <= strlen(nl) + 16)
			return true;
		if (initials_are(s, nl))
			return true;
	}
	return false;
}

/* True when s is the host's name itself ("spiegel" or "spiegel.de" for
 * www.spiegel.de), not merely containing it ("SPIEGEL-Redaktion"). */
static bool host_is(const char *s, const char *host)
{
	char x[256], h[256], nl[128];
	norm(s, x, sizeof x);
	if (!x[0])
		return false;
	const char *p = !strncmp(host, "www.", 4) ? host + 4 : host;
	norm(p, h, sizeof h);
	const char *main_label = host_label(host, nl, sizeof nl);
	/* the host without its subdomains: "oe24.at" for auto.oe24.at */
	char reg[256] = "";
	if (main_label)
		norm(main_label, reg, sizeof reg);
	return !strcmp(x, h) || (nl[0] && !strcmp(x, nl)) || (reg[0] && !strcmp(x, reg));
}

static const char *const seps[] = {" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " « ", " ~ ",
				   " // ", " / ", " || ", " : ", NULL};

static size_t words(const char *s)
{
	size_t n = 0;
	bool in = false;
	for (; *s; s++) {
		if (isspace((unsigned char)*s))
			in = false;
		else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

static const char *const strong_seps[] = {" | ", " :: ", " · ", " • ", " » ", " « ", " // ", " || ", " : ", NULL};

static bool strong_sep(const char *p)
{
	for (size_t i = 0; strong_seps[i]; i++)
		if (!strncmp(p, strong_seps[i], strlen(strong_seps[i])))
			return true;
	return false;
}

/* The longest part of t between strong separators; caller frees. */
static char *longest_segment(const char *t)
{
	const char *best = t, *start = t;
	size_t bestlen = 0;
	for (const char *p = t;; p++) {
		if (!*p || strong_sep(p)) {
			size_t l = (size_t)(p - start);
			if (l > bestlen) {
				best = start;
				bestlen = l;
			}
			if (!*p)
				break;
			const char *q = p + 1;
			while (*q && *q != ' ')
				q++;
			start = q + 1;
			p = q;
		}
	}
	char *r = strndup(best, bestlen);
	if (r)
		art_squash(r);
	return r;
}

/* A copy of title without name after its last separator or before its
 * first ("Figures - Salsa - Rueda in Berlin" for the logo's "Salsa - Rueda
 * in Berlin"), or NULL when name stands at neither end (caller frees). */
static char *cut_name(const char *title, const char *name)
{
	size_t tl = strlen(title), nl = strlen(name);
	if (nl < 3 || tl < nl + 4)
		return NULL;
	for (size_t i = 0; seps[i]; i++) {
		size_t sl = strlen(seps[i]);
		if (tl < nl + sl + 3)
			continue;
		if (!strcasecmp(title + tl - nl, name) && !strncmp(title + tl - nl - sl, seps[i], sl))
			return strndup(title, tl - nl - sl);
		if (!strncasecmp(title, name, nl) && !strncmp(title + nl, seps[i], sl))
			return strdup(title + nl + sl);
	}
	return NULL;
}

/* The title without a " | Site" suffix or "Site | " prefix; caller frees. */
static char *strip_site(const char *title, const char *site, const char *host, char *const *h1, size_t nh1)
{
	/* "Site: Title", the colon against the site's name */
	size_t sl = site ? strlen(site) : 0;
	if (sl && !strncasecmp(title, site, sl) && title[sl] == ':' && title[sl + 1] == ' ' && words(title + sl + 1) >= 2)
		title += sl + 1;
	char *t = strdup(title);
	if (!t)
		return NULL;
	art_squash(t);
	for (int round = 0; round < 2; round++) {
		/* find first and last separators */
		const char *first = NULL, *last = NULL;
		size_t flen = 0, llen = 0;
		for (size_t i = 0; seps[i]; i++) {
			size_t l = strlen(seps[i]);
			for (const char *p = strstr(t, seps[i]); p; p = strstr(p + 1, seps[i])) {
				if (!first || p < first) {
					first = p;
					flen = l;
				}
				if (!last || p > last) {
					last = p;
					llen = l;
				}
			}
		}
		if (!first)
			break;
		const char *right = last + llen;
		char *left = strndup(t, (size_t)(last - t));
		char *fl = strndup(t, (size_t)(first - t));
		const char *fr = first + flen;
		if (!left || !fl) {
			free(left);
			free(fl);
			break;
		}
		bool h1_left = false, h1_right = false;
		for (size_t i = 0; i < nh1; i++) {
			if (same(h1[i], t))
				h1_left = h1_right = true;
			else if (same(h1[i], left))
				h1_left = true;
			else if (same(h1[i], fr))
				h1_right = true;
		}
		char *next = NULL;
		if (h1_left && h1_right) {
			/* the h1 is the whole thing */
		} else if (is_site(right, site, host) || h1_left) {
			next = left;
			left = NULL;
		} else if (is_site(fl, site, host) || h1_right) {
			next = strdup(fr);
		} else if (strong_sep(last) && strong_sep(first)) {
			next = longest_segment(t);
		} else if (round == 0 && words(right) <= 3 && strlen(right) < strlen(left) &&
			   !strchr("?!.", right[strlen(right) ? strlen(right) - 1 : 0]) && !site) {
			next = left;
			left = NULL;
		}
		free(left);
		free(fl);
		if (!next)
			break;
		free(t);
		t = next;
		art_squash(t);
	}
	return t;
}

static bool has_letter(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (isalpha(*p) || *p >= 0xC0)
			return true;
	return false;
}

/* Length of the punctuation sequence ending at s[l-1] (ASCII, or a whole
 * UTF-8 dash, bullet, quote or middle dot), 0 if none. */
static size_t punct_end(const unsigned char *s, size_t l)
{
	if (l && s[l - 1] < 0x80 && strchr(",;:|-/()[]*\"' ", s[l - 1]))
		return 1;
	if (l >= 3 && s[l - 3] == 0xE2 && s[l - 2] == 0x80)
		return 3;
	if (l >= 2 && s[l - 2] == 0xC2 && (s[l - 1] == 0xB7 || s[l - 1] == 0xA0 || s[l - 1] == 0xAB || s[l - 1] == 0xBB))
		return 2;
	return 0;
}

static size_t punct_start(const unsigned char *s)
{
	if (s[0] && s[0] < 0x80 && strchr(",;:|-/()[]*\"' ", s[0]))
		return 1;
	if (s[0] == 0xE2 && s[1] == 0x80 && s[2])
		return 3;
	if (s[0] == 0xC2 && (s[1] == 0xB7 || s[1] == 0xA0 || s[1] == 0xAB || s[1] == 0xBB))
		return 2;
	return 0;
}

/* Strips punctuation and spaces at both ends, whole characters only. */
static void trim_punct(char *s)
{
	art_squash(s);
	unsigned char *u = (unsigned char *)s;
	size_t l = strlen(s), k;
	while ((k = punct_end(u, l)) != 0)
		u[l -= k] = '\0';
	size_t i = 0;
	while ((k = punct_start(u + i)) != 0)
		i += k;
	if (i)
		memmove(s, s + i, strlen(s + i) + 1);
	art_squash(s);
}

static const char *const author_cuts[] = {
	" | ", " • ", " · ", " - ", " – ", " — ", " on ", " am ", " le ", " el ", " il ", ", den ", " updated",
	" published", " veröffentlicht", " aktualisiert", " publié", " posted", " in ", "(", " / ", " at ",
	" um ", " vom ", " for ", " für ", " photo", " foto", " bild", " mit ", " with ", " e-mail", " email",
	" twitter", " follow", ", redakteur", ", redaktion", ", journalist", ", reporter", ", editor",
	", korrespondent", ", correspondent", ", chefredakteur", ", autor", ", staff", ", contributor",
	", senior", " illustration", " fotos", " bilder", " grafik", " video:", " mitarbeit", " text:",
	" redaktion:", " photos", NULL,
};

/* ---- the words around a name in a byline ---- */

static enum lead lead_word(const char *w, size_t l)
{
	/* German gender forms: "Autor:in", "Autor*innen", "Autor_in" */
	for (size_t k = 1; k + 2 < l; k++)
		if (strchr(":*_/", w[k]) && (!strncasecmp(w + k + 1, "in", l - k - 1) ||
					     !strncasecmp(w + k + 1, "innen", l - k - 1)) &&
		    (l - k - 1 == 2 || l - k - 1 == 5)) {
			l = k;
			break;
		}
	static const struct {
		const char *w;
		enum lead k;
	} words[] = {
		{"by", LEAD_BY}, {"von", LEAD_BY}, {"par", LEAD_BY}, {"por", LEAD_BY}, {"di", LEAD_BY},
		{"door", LEAD_BY}, {"av", LEAD_BY}, {"af", LEAD_BY}, {"from", LEAD_BY}, {"with", LEAD_BY},
		{"beitragvon", LEAD_BY}, {"przez", LEAD_BY},
		/* written in Cyrillic: strncasecmp folds ASCII only */
		{"автор", LEAD_ROLE}, {"Автор", LEAD_ROLE}, {"текст", LEAD_ROLE}, {"Текст", LEAD_ROLE},
		{"szerző", LEAD_ROLE}, {"yazar", LEAD_ROLE},
		{"фото", LEAD_PICTURE}, {"Фото", LEAD_PICTURE}, {"fotó", LEAD_PICTURE}, {"zdjęcie", LEAD_PICTURE},
		{"kuva", LEAD_PICTURE},
		{"publiziert", LEAD_VERB}, {"piše", LEAD_VERB}, {"napisao", LEAD_VERB}, {"napisala", LEAD_VERB},
		{"recueilli", LEAD_VERB}, {"recueillis", LEAD_VERB}, {"recueillie", LEAD_VERB}, {"propos", LEAD_JOIN},
		{"text", LEAD_ROLE}, {"texte", LEAD_ROLE}, {"texto", LEAD_ROLE}, {"tekst", LEAD_ROLE},
		{"autor", LEAD_ROLE}, {"autorin", LEAD_ROLE}, {"autorka", LEAD_ROLE}, {"autoren", LEAD_ROLE},
		{"autorinnen", LEAD_ROLE}, {"author", LEAD_ROLE}, {"authors", LEAD_ROLE}, {"auteur", LEAD_ROLE},
		{"auteure", LEAD_ROLE}, {"auteurs", LEAD_ROLE}, {"autore", LEAD_ROLE}, {"autrice", LEAD_ROLE},
		{"autori", LEAD_ROLE}, {"verfasser", LEAD_ROLE}, {"verfasserin", LEAD_ROLE}, {"words", LEAD_ROLE},
		{"story", LEAD_ROLE}, {"article", LEAD_ROLE}, {"artikel", LEAD_ROLE}, {"beitrag", LEAD_ROLE},
		{"blogbeitrag", LEAD_ROLE}, {"gastbeitrag", LEAD_ROLE}, {"gastartikel", LEAD_ROLE},
		{"post", LEAD_ROLE}, {"guest", LEAD_ROLE}, {"recipe", LEAD_ROLE}, {"interview", LEAD_ROLE},
		{"reporting", LEAD_ROLE}, {"redaktion", LEAD_DESK}, {"redactie", LEAD_DESK}, {"kommentar", LEAD_ROLE},
		{"blog", LEAD_ROLE},
		{"foto", LEAD_PICTURE}, {"fotos", LEAD_PICTURE}, {"photo", LEAD_PICTURE}, {"photos", LEAD_PICTURE},
		{"bild", LEAD_PICTURE}, {"bilder", LEAD_PICTURE}, {"image", LEAD_PICTURE}, {"images", LEAD_PICTURE},
		{"illustration", LEAD_PICTURE}, {"illustrationen", LEAD_PICTURE}, {"grafik", LEAD_PICTURE},
		{"video", LEAD_PICTURE}, {"kamera", LEAD_PICTURE}, {"camera", LEAD_PICTURE},
		{"fotografie", LEAD_PICTURE}, {"photography", LEAD_PICTURE},
		{"posted", LEAD_VERB}, {"written", LEAD_VERB}, {"published", LEAD_VERB}, {"submitted", LEAD_VERB},
		{"reported", LEAD_VERB}, {"geschrieben", LEAD_VERB}, {"verfasst", LEAD_VERB}, {"erstellt", LEAD_VERB},
		{"eingestellt", LEAD_VERB}, {"veröffentlicht", LEAD_VERB}, {"gespeichert", LEAD_VERB},
		{"publié", LEAD_VERB}, {"publiée", LEAD_VERB}, {"écrit", LEAD_VERB}, {"écrite", LEAD_VERB},
		{"rédigé", LEAD_VERB}, {"rédigée", LEAD_VERB}, {"escrito", LEAD_VERB}, {"escrita", LEAD_VERB},
		{"publicado", LEAD_VERB}, {"publicada", LEAD_VERB}, {"scritto", LEAD_VERB}, {"scritta", LEAD_VERB},
		{"pubblicato", LEAD_VERB}, {"pubblicata", LEAD_VERB}, {"napisał", LEAD_VERB},
		{"napisała", LEAD_VERB}, {"geplaatst", LEAD_VERB}, {"geschreven", LEAD_VERB},
		{"skrevet", LEAD_VERB}, {"skriven", LEAD_VERB}, {"filed", LEAD_VERB}, {"updated", LEAD_VERB},
		{"aktualisiert", LEAD_VERB}, {"publicerad", LEAD_VERB}, {"publiceret", LEAD_VERB},
		{"publisert", LEAD_VERB}, {"gepubliceerd", LEAD_VERB}, {"opublikowano", LEAD_VERB},
		{"uppdaterad", LEAD_VERB}, {"bijgewerkt", LEAD_VERB}, {"actualizado", LEAD_VERB},
		{"aggiornato", LEAD_VERB}, {"modifié", LEAD_VERB},
		{"a", LEAD_JOIN}, {"an", LEAD_JOIN}, {"ein", LEAD_JOIN}, {"eine", LEAD_JOIN}, {"un", LEAD_JOIN},
		{"une", LEAD_JOIN}, {"and", LEAD_JOIN}, {"und", LEAD_JOIN}, {"et", LEAD_JOIN}, {"&", LEAD_JOIN},
		{"+", LEAD_JOIN}, {"in", LEAD_JOIN}, {"all", LEAD_JOIN}, {"alle", LEAD_JOIN}, {"alles", LEAD_JOIN},
		{"mehr", LEAD_JOIN}, {"more", LEAD_JOIN}, {"posts", LEAD_JOIN}, {"beiträge", LEAD_JOIN},
		{"conversation", LEAD_JOIN}, {"under", LEAD_JOIN},
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i].w) == l && !strncasecmp(w, words[i].w, l))
			return words[i].k;
	/* "scritto da", "a cura di": Italian's "by" after a verb (strip_lead
	 * takes it there only: "Da Silva" is a name) */
	if (l == 2 && !strncasecmp(w, "da", 2))
		return LEAD_BY;
	if (l == 4 && !strncasecmp(w, "cura", 4))
		return LEAD_JOIN;
	return LEAD_NONE;
}

/* The next space-separated word at *p (its length in *l, 0 at the end);
 * *p moves past it. */
static const char *next_word(const char **p, size_t *l)
{
	const char *q = *p;
	while (*q == ' ')
		q++;
	const char *w = q;
	while (*q && *q != ' ')
		q++;
	*l = (size_t)(q - w);
	*p = q;
	return w;
}

/* True when s starts with a date ("on March 3", "am 3. März", "12.03."). */
static bool dated(const char *s)
{
	const char *e = s;
	while (*e && *e != ' ' && *e != ',')
		e++;
	char w[24];
	if (isdigit((unsigned char)*s))
		return true;
	if (e == s || (size_t)(e - s) >= sizeof w)
		return false;
	snprintf(w, sizeof w, "%.*s", (int)(e - s), s);
	art_lower(w);
	return calendar_only(w);
}

/* What follows the first lower-case "by" word ("by", "von", "par", …)
 * among the next few words of s, or NULL. */
static const char *later_by(const char *s)
{
	const char *p = s;
	size_t l;
	for (int n = 0; *p && n < 12; n++) {
		const char *w = next_word(&p, &l);
		if (l && islower((unsigned char)*w) && lead_word(w, l) == LEAD_BY)
			return *p ? p + 1 : NULL;
	}
	return NULL;
}

/* Strips, in place, the words that lead a byline up to the name: "By",
 * "Geschrieben von", "Text und Fotos:", "In conversation with", "Autor :",
 * "Posted in News by". Returns 0 when none leads s, 1 when some were
 * stripped, and -1 when s is no writer's byline: a picture credit ("Fotos:
 * X", "Photos by X") or a lead that ends in no name ("Filed under News"). */
static int strip_lead(char *s)
{
	const char *p = s, *name = s;
	enum lead last = LEAD_NONE;
	bool colon = false, picture = false, writing = false;
	size_t n = 0;
	for (;;) {
		size_t l;
		const char *w = next_word(&p, &l);
		bool c = l && w[l - 1] == ':';
		if (c)
			l--;
		if (!l && c && n) { /* "Auteur : X" */
			colon = true;
			name = p;
			continue;
		}
		enum lead k = l ? lead_word(w, l) : LEAD_NONE;
		if (k == LEAD_NONE || (k == LEAD_JOIN && c) || (k == LEAD_DESK && !c))
			break;
		if (l == 2 && !strncasecmp(w, "da", 2) && last != LEAD_VERB && last != LEAD_JOIN)
			break;
		n++;
		last = k;
		colon = c;
		picture |= k == LEAD_PICTURE;
		writing |= k == LEAD_ROLE || k == LEAD_VERB;
		name = p;
		if (c)
			break; /* a label ends at its colon */
	}
	if (!n)
		return 0;
	while (*name == ' ')
		name++;
	if (!*name)
		return -1; /* a lead alone ("Von", "Autor:innen") */
	if (picture && !writing)
		return -1;
	if (!colon && (last == LEAD_JOIN || (last == LEAD_VERB && dated(name)))) {
		/* "Posted in News by Jane Doe", "Posted on March 3, 2021 by
		 * Jane Doe": the name after a later "by" */
		const char *by = later_by(name);
		if (!by)
			return -1;
		name = by;
	}
	memmove(s, name, strlen(name) + 1);
	trim_punct(s);
	return 1;
}

/* True when every word of lower-cased s names a day, a month or a time
 * ("Mittwoch", "March", "vor", "updated"): what is left of a date after
 * the digits are cut is no name. */
static bool calendar_only(const char *s)
{
	static const char words[] =
		" january february march april may june july august september october november december"
		" jan feb mar apr jun jul aug sep sept oct nov dec"
		" januar jänner februar märz mai juni juli oktober dezember"
		" janvier février mars avril juin juillet août septembre octobre novembre décembre"
		" enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
		" gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre"
		" monday tuesday wednesday thursday friday saturday sunday"
		" montag dienstag mittwoch donnerstag freitag samstag sonntag"
		" lundi mardi mercredi jeudi vendredi samedi dimanche"
		" lunes martes miércoles jueves viernes sábado domingo"
		" lunedì martedì mercoledì giovedì venerdì sabato domenica"
		" today yesterday heute gestern aujourd'hui hier hoy ayer oggi ieri"
		" vor hace ago il y a updated aktualisiert modified actualizado mis à jour le am on ";
	size_t n = 0;
	for (const char *p = s; *p;) {
		while (*p == ' ' || *p == ',' || *p == '.')
			p++;
		const char *w = p;
		while (*p && *p != ' ' && *p != ',' && *p != '.')
			p++;
		size_t l = (size_t)(p - w);
		if (!l)
			break;
		char key[40];
		if (l + 3 > sizeof key)
			return false;
		snprintf(key, sizeof key, " %.*s ", (int)l, w);
		if (!strstr(words, key))
			return false;
		n++;
	}
	return n > 0;
}

/* Words written in lower case inside a person's name ("Walter von Aachen",
 * "Anna de la Cruz") or joining two names ("X und Y"). */
static const char *const name_particles[] = {"von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "zu",
					     "dos", "das", "del", "della", "dei", "do", "bin", "al", "el", "ibn", "ter",
					     "ten", "y", "e", "und", "and", "et", NULL};

/* True when the word at w (up to a space or a comma) is one of them. */
static bool particle(const char *w)
{
	size_t l = strcspn(w, " ,");
	for (size_t i = 0; name_particles[i]; i++)
		if (strlen(name_particles[i]) == l && !strncmp(w, name_particles[i], l))
			return true;
	return false;
}

/* True when the comma-separated part at s (up to the next comma) names a
 * role ("AP Sports Writer", "Projektleiterin der HSS", "directrice de
 * France Inter"), not a further name. */
static bool role_segment(const char *s)
{
	static const char *const roles[] = {"writer", "reporter", "correspondent", "korrespondent", "redakteur",
					    "editor", "journalist", "leiter", "director", "directeur", "directrice",
					    "directora", "sprecher", "columnist", "kolumnist", "contributor",
					    "mitarbeiter", NULL};
	char seg[128];
	size_t l = strcspn(s, ",;");
	if (l >= sizeof seg)
		return false;
	snprintf(seg, sizeof seg, "%.*s", (int)l, s);
	art_lower(seg);
	return art_has_any(seg, roles);
}

/* A display name out of a byline, or NULL (caller frees). */
static char *clean_author(const char *raw, const char *site, const char *host)
{
	if (!raw)
		return NULL;
	char *s = strdup(raw);
	if (!s)
		return NULL;
	decode_entities(s);
	trim_punct(s); /* "| Autor: X" */
	/* "© Jane Doe": who holds the rights to a picture or the site */
	if (copyright_mark(s)) {
		free(s);
		return NULL;
	}
	/* a forum's quotation of another poster ("Zitat von X", "Originally
	 * posted by X") names whom a reply quotes, not the page's writer */
	static const char *const quoting[] = {"zitat von", "zitat:", "quote from", "quote:", "originally posted by",
					      "quoting", "cita de", "citation de", NULL};
	for (size_t i = 0; quoting[i]; i++)
		if (!strncasecmp(s, quoting[i], strlen(quoting[i]))) {
			free(s);
			return NULL;
		}
	/* "vonJane Doe": a lower-case "by" glued to the name by markup */
	for (const char *const *g = lower_by; *g; g++) {
		size_t gl = strlen(*g);
		if (!strncmp(s, *g, gl) && isupper((unsigned char)s[gl])) {
			memmove(s, s + gl, strlen(s + gl) + 1);
			break;
		}
	}
	if (strip_lead(s) < 0) {
		free(s);
		return NULL;
	}
	/* cut at markers of what follows a name */
	char low[512];
	snprintf(low, sizeof low, "%s", s);
	art_lower(low);
	size_t cut = strlen(s);
	for (size_t i = 0; author_cuts[i]; i++) {
		/* a particle written with a capital is part of the name: "Anne
		 * Le Guen", "Mohamed El Amrani", not "Jane Doe le 3 mars"; other
		 * words cut also with one ("Jane Doe For Example Online") */
		size_t cl = strlen(author_cuts[i]);
		bool word = author_cuts[i][0] == ' ' && isalpha((unsigned char)author_cuts[i][1]) &&
			    author_cuts[i][cl - 1] == ' ' && particle(author_cuts[i] + 1);
		for (const char *p = strstr(low, author_cuts[i]); p && (size_t)(p - low) < cut;
		     p = strstr(p + 1, author_cuts[i]))
			if (p > low && !(word && isupper((unsigned char)s[p - low + 1]))) {
				cut = (size_t)(p - low);
				break;
			}
	}
	/* "Jane Doe; Illustrator: Max", "Jane Doe, Fotos: Max": a labelled
	 * credit for someone else follows */
	for (size_t i = 1; i < cut && s[i]; i++) {
		if ((s[i] != ';' && s[i] != ',') || s[i + 1] != ' ')
			continue;
		const char *w = s + i + 2, *e = w;
		while (*e && *e != ' ' && *e != ':')
			e++;
		if (*e == ':' && e > w && e - w < 20) {
			cut = i;
			break;
		}
		/* "Jane Doe, AP Sports Writer", "Jane Doe, directrice de X": a
		 * role, not another name */
		if (role_segment(s + i + 2)) {
			cut = i;
			break;
		}
	}
	/* a number starting a word ("Jane Doe 12.03.2020"); "jdoe42" stays;
	 * a verb of the byline after the name ("Jane Doe, publicerad") */
	bool at_number = false;
	for (size_t i = 0; s[i] && i < cut; i++) {
		if (i && s[i - 1] != ' ')
			continue;
		if (isdigit((unsigned char)s[i])) {
			at_number = true;
			cut = i;
			break;
		}
		size_t l = 0;
		while (s[i + l] && s[i + l] != ' ' && s[i + l] != ',' && s[i + l] != ':')
			l++;
		if (i && lead_word(s + i, l) == LEAD_VERB) {
			cut = i;
			break;
		}
	}
	if (cut < strlen(s))
		s[cut] = '\0';
	/* "NameFollow", "NameMehr": a button's label glued to the name */
	static const char *const glued[] = {"Follow", "Folgen", "Mehr", "More", "Profil", "Profile", NULL};
	for (size_t i = 0; glued[i]; i++) {
		char *g = strstr(s, glued[i]);
		if (g && g > s && islower((unsigned char)g[-1]))
			*g = '\0';
	}
	/* a handle ("@jdoe") or an address ("jdoe@example.org", "jdoe[at]
	 * example.org"): from the word that holds the '@' on, nothing is a name */
	char *at = strchr(s, '@');
	if (!at)
		at = strcasestr(s, "[at]");
	if (!at)
		at = strcasestr(s, "(at)");
	if (at) {
		while (at > s && at[-1] != ' ')
			at--;
		*at = '\0';
	}
	trim_punct(s);
	/* "Jane DoeJane Doe", "Jane Doe Jane Doe": the same name twice, as a
	 * page writes it once for wide and once for narrow screens */
	size_t half = strlen(s) / 2;
	if (half >= 3 && !strncmp(s, s + strlen(s) - half, half) &&
	    (strlen(s) % 2 == 0 || s[half] == ' '))
		s[half] = '\0';
	/* "Jane Doe prije 26 minuta", "Jane Doe vor 2 Stunden": the word of a
	 * relative date left before its number */
	char *last = strrchr(s, ' ');
	if (at_number && isupper((unsigned char)*s) && last && islower((unsigned char)last[1]) && !particle(last + 1)) {
		*last = '\0';
		trim_punct(s);
	}
	/* words that follow a name in bylines: "am", "on", weekday abbreviations */
	static const char *const tails[] = {"am", "on", "le", "el", "um", "at", "vom", "den", "the", "mo", "di",
					    "mi", "do", "fr", "sa", "so", "hace", "il", "op", "published", "updated",
					    "and", "und", "et", NULL};
	for (bool again = true; again;) {
		again = false;
		char *sp = strrchr(s, ' ');
		if (!sp)
			break;
		for (size_t i = 0; tails[i]; i++)
			if (!strcasecmp(sp + 1, tails[i])) {
				*sp = '\0';
				trim_punct(s);
				again = true;
				break;
			}
	}
	/* ", CNN": the site after the name */
	char *comma = strrchr(s, ',');
	if (comma && (is_site(comma + 1, site, host) || (site && contains_word(site, comma + 1)))) {
		*comma = '\0';
		trim_punct(s);
	}
	size_t l = strlen(s);
	char lower[512];
	snprintf(lower, sizeof lower, "%s", s);
	art_lower(lower);
	bool bad = l < 2 || l > 100 || !has_letter(s) || strstr(lower, "http") || strstr(lower, "www.") ||
		   strstr(lower, ".com") || strstr(lower, "://") || words(s) > 12 ||
		   (host && strchr(s, '.') && host_is(s, host)) || (!strchr(s, ',') && words(s) > 5);
	static const char *const not_names[] = {"admin", "administrator", "unknown", "anonymous", "guest", "user",
						"staff", "editor", "webmaster", "none", "null", "author", "autor",
						"redakteur", "facebook", "twitter", "link", "posted", "published",
						"veröffentlicht", "by", "von", "rund", "mehr", "more", "home", "kontakt",
						"contact", "share", "teilen", "profil", "profile", "website", "homepage",
						"e-mail", "email", "instagram", "linkedin", "xing", "youtube", "blog",
						"news", "artikel", "article", "beitrag", "kommentar", "kommentare",
						"comments", "comment", "alle beiträge", "all posts", "view all posts",
						"read more", "weiterlesen", "autoren", "authors", "foto", "photo", "cookies",
						"cookie", "datenschutz", "privacy", "impressum", "login", "anmelden",
						/* placeholders of templates and CMS defaults */
						"date", "datum", "publisher", "super user", "superuser", "name", "vorname nachname",
						"firstname lastname", NULL};
	for (size_t i = 0; !bad && not_names[i]; i++)
		if (!strcmp(lower, not_names[i]))
			bad = true;
	if (!bad && calendar_only(lower))
		bad = true;
	/* a label or a CMS account left as the name: "No Author", "wordpressadmin" */
	if (!bad && (contains_word(lower, "author") || contains_word(lower, "autor") || contains_word(lower, "auteur") ||
		     (words(lower) == 1 && strstr(lower, "admin"))))
		bad = true;
	if (bad) {
		free(s);
		return NULL;
	}
	return s;
}

/* A lead that only ever introduces an author ("Posted by"), unlike "von" or
 * "by", which running text uses too. */
static bool strong_lead(const char *s)
{
	static const char *const strong[] = {"posted by", "written by", "submitted by", "geschrieben von",
					     "verfasst von", "eingestellt von", "erstellt von", "gespeichert von",
					     "publié par", "écrit par", "autor:", "autorin:", "author:", "text:",
					     "auteur :", "auteur:", "auteure :", "autor :", "author :", NULL};
	while (isspace((unsigned char)*s))
		s++;
	for (size_t i = 0; strong[i]; i++)
		if (!strncasecmp(s, strong[i], strlen(strong[i])))
			return true;
	return false;
}

/* Every word capitalised (particles such as "von", "de", "van" aside),
 * at most five words: a person's name as bylines write it. */
static bool namelike(const char *s)
{
	static const char *const particles[] = {"von", "van", "de", "der", "den", "da", "di", "du", "la", "le",
						"zu", "dos", "das", "del", "bin", "al", "y", "und", "and", "et",
						NULL};
	size_t n = 0;
	const char *p = s;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		const char *w = p;
		while (*p && *p != ' ' && *p != ',')
			p++;
		size_t l = (size_t)(p - w);
		n++;
		bool particle = false;
		for (size_t i = 0; particles[i]; i++)
			if (strlen(particles[i]) == l && !strncmp(w, particles[i], l))
				particle = true;
		unsigned char c = (unsigned char)w[0];
		if (!particle && !(isupper(c) || c >= 0xC0))
			return false;
		if (n == 1 && particle && strcmp(s, w) == 0)
			return false;
	}
	return n >= 1 && n <= 6;
}

/* ---- completing a short name ---- */

/* A byline that gives only a first name ("Stefanus") or an account name
 * ("christian.stadtfeld") is completed from where the page writes the full
 * name: the site's name for a personal site ("By Pamela" on "Pamela
 * Anderson"), the writer's bio ("Stefanus Stahl - Maschinenbauer …"), a
 * closing "(Christian P. Stadtfeld)". */

#define NAME_PARTS 3

/* Splits an account name made of lower-case letter runs joined by '.', '_'
 * or '-' ("christian.stadtfeld") into parts; 0 when s is not one. */
static size_t handle_parts(const char *s, char parts[NAME_PARTS][48])
{
	size_t n = 0, k = 0;
	for (const char *p = s;; p++) {
		if (*p >= 'a' && *p <= 'z') {
			if (k + 1 >= sizeof parts[0])
				return 0;
			parts[n][k++] = *p;
		} else if ((*p == '.' || *p == '_' || *p == '-' || !*p) && k >= 2) {
			parts[n++][k] = '\0';
			k = 0;
			if (!*p)
				break;
			if (n >= NAME_PARTS)
				return 0;
		} else {
			return 0;
		}
	}
	return n >= 2 ? n : 0;
}

/* A capitalised word: an upper-case ASCII letter or a non-ASCII letter
 * first, then letters, '-' or '\''. Length l. */
static bool cap_word(const char *w, size_t l)
{
	unsigned char c = (unsigned char)w[0];
	if (l < 2 || !(isupper(c) || c >= 0xC0))
		return false;
	for (size_t i = 1; i < l; i++) {
		unsigned char d = (unsigned char)w[i];
		if (!(isalpha(d) || d >= 0x80 || d == '-' || d == '\''))
			return false;
	}
	return isupper(c) ? !isupper((unsigned char)w[1]) || l < 4 : true;
}

/* Words of s: start and length, trailing ",;:)" cut off. */
static size_t split_words(const char *s, const char **w, size_t *wl, size_t max)
{
	size_t n = 0;
	for (const char *p = s; *p && n < max;) {
		while (*p && (isspace((unsigned char)*p) || *p == '('))
			p++;
		if (!*p)
			break;
		const char *st = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		size_t l = (size_t)(p - st);
		while (l && strchr(",;:)", st[l - 1]))
			l--;
		w[n] = st;
		wl[n++] = l;
	}
	return n;
}

/* The full form of author in text s, or NULL (caller frees). For an
 * account name: its parts as capitalised words, in order, an initial
 * between them allowed ("Christian P. Stadtfeld"). For a first name: s is
 * the name and one capitalised word, alone or before a dash, a bar or a
 * comma ("Stefanus Stahl - Maschinenbauer"). */
static char *full_name_in(const char *s, const char *author, char parts[NAME_PARTS][48], size_t nparts)
{
	const char *w[24];
	size_t wl[24];
	size_t n = split_words(s, w, wl, 24);
	if (!nparts) {
		size_t al = strlen(author);
		if (n < 2 || wl[0] != al || strncmp(w[0], author, al) != 0 || !cap_word(w[1], wl[1]))
			return NULL;
		bool ends = n == 2 || w[1][wl[1]] == ',' ||
			    (n >= 3 && ((wl[2] == 1 && (w[2][0] == '-' || w[2][0] == '|')) ||
					(wl[2] == 3 && (!strncmp(w[2], "\xE2\x80\x93", 3) ||
							!strncmp(w[2], "\xE2\x80\x94", 3)))));
		return ends ? strndup(w[0], (size_t)(w[1] + wl[1] - w[0])) : NULL;
	}
	for (size_t i = 0; i + nparts <= n; i++) {
		size_t j = i, k = 0;
		for (; k < nparts && j < n; k++, j++) {
			/* an initial ("P.") between the parts */
			if (k && wl[j] == 2 && w[j][1] == '.' && isupper((unsigned char)w[j][0]) && j + 1 < n)
				j++;
			if (!cap_word(w[j], wl[j]) || wl[j] != strlen(parts[k]) || strncasecmp(w[j], parts[k], wl[j]))
				break;
		}
		if (k == nparts)
			return strndup(w[i], (size_t)(w[j - 1] + wl[j - 1] - w[i]));
	}
	return NULL;
}

static char *full_name_walk(const xmlNode *n, const char *author, char parts[NAME_PARTS][48], size_t nparts,
			    unsigned depth)
{
	if (depth > LIMIT_TREE_DEPTH)
		return NULL;
	for (const xmlNode *c = n->children; c; c = c->next) {
		char *r = NULL;
		if (c->type == XML_TEXT_NODE && c->content) {
			const char *t = (const char *)c->content;
			/* a first name is completed only from a short text */
			if (nparts ? strcasestr(t, parts[nparts - 1]) != NULL : strlen(t) < 400 && strstr(t, author))
				r = full_name_in(t, author, parts, nparts);
		} else if (c->type == XML_ELEMENT_NODE && !art_tag_is(c, "script") && !art_tag_is(c, "style") &&
			   !art_tag_is(c, "head")) {
			r = full_name_walk(c, author, parts, nparts, depth + 1);
		}
		if (r)
			return r;
	}
	return NULL;
}

/* Replaces a first name or an account name in a->author with the full name
 * the page writes; leaves it otherwise. False only on allocation failure. */
static bool complete_author(struct article *a, xmlDoc *doc)
{
	char parts[NAME_PARTS][48];
	size_t nparts = handle_parts(a->author, parts);
	size_t l = strlen(a->author);
	if (!nparts && (strchr(a->author, ' ') || l < 3 || l > 40 || !cap_word(a->author, l)))
		return true;
	char *full = a->site ? full_name_in(a->site, a->author, parts, nparts) : NULL;
	if (!full)
		full = full_name_walk((const xmlNode *)doc, a->author, parts, nparts, 0);
	if (!full)
		return true;
	art_squash(full);
	free(a->author);
	a->author = full;
	return true;
}

/* ---- deciding ---- */

static bool set(char **field, char **src, const char *value, const char *source)
{
	free(*field);
	free(*src);
	*field = strdup(value);
	*src = strdup(source);
	return *field && *src;
}

static bool take_title(struct article *a, const char *value, const char *source)
{
	char *v = strdup(value);
	if (!v)
		return false;
	decode_entities(v);
	art_squash(v);
	bool ok = !*v || set(&a->title, &a->title_source, v, source);
	free(v);
	return ok;
}

static bool decide_title(struct article *a, struct meta *m, struct ld *ld, const char *host)
{
	const char *L = ld->article ? ld_str(ld->article, "headline") : NULL;
	if (!L && ld->article)
		L = ld_str(ld->article, "name");
	const char *O = get_meta(m, "og:title"), *T = get_meta(m, "twitter:title");
	const char *W = m->title_tag && *m->title_tag ? m->title_tag : NULL;
	const char *metas[4] = {L, O, T, W};
	char *stripped[4] = {0};
	for (int i = 0; i < 4; i++) {
		if (!metas[i])
			continue;
		/* the site's logo heading names the site when no meta does */
		char *cut = m->logo_name && !a->site ? cut_name(metas[i], m->logo_name) : NULL;
		stripped[i] = strip_site(cut ? cut : metas[i], a->site, host, m->h1, m->nh1);
		free(cut);
	}
	bool ok = true;
	/* a visible headline that agrees with a declared title */
	const char *vis[MAX_H1 + 2];
	const char *vsrc[MAX_H1 + 2];
	const struct heading *vshape[MAX_H1 + 2];
	size_t nv = 0;
	if (m->headline && *m->headline) {
		vshape[nv] = &m->headline_shape;
		vis[nv] = m->headline;
		vsrc[nv++] = "headline";
	}
	for (size_t i = 0; i < m->nh1; i++) {
		vshape[nv] = &m->h1_shape[i];
		vis[nv] = m->h1[i];
		vsrc[nv++] = "h1";
	}
	size_t nstrong = nv; /* the ones trusted alone */
	if (m->class_headline && *m->class_headline && nv < MAX_H1 + 2) {
		vshape[nv] = &m->class_headline_shape;
		vis[nv] = m->class_headline;
		vsrc[nv++] = "headline";
	}
	/* a headline's kicker is not its title: dropped when its class says
	 * so, or when a declared title is the rest alone */
	for (size_t i = 0; i < nv; i++) {
		const char *rest = vshape[i]->rest;
		if (!rest)
			continue;
		bool drop = vshape[i]->classed;
		for (int k = 0; k < 4 && !drop; k++)
			drop = metas[k] && (same(rest, metas[k]) || (stripped[k] && same(rest, stripped[k])));
		if (drop)
			vis[i] = rest;
	}
	/* the strongest declared title first: a section's <title> ("News -
	 * Site") may agree with a section heading above the article's */
	for (int k = 0; k < 4; k++) {
		if (!metas[k])
			continue;
		for (size_t i = 0; i < nv; i++) {
			if (strlen(vis[i]) < 4 || is_site(vis[i], a->site, host))
				continue;
			char nh[1024], nm[1024];
			norm(vis[i], nh, sizeof nh);
			norm(stripped[k] ? stripped[k] : metas[k], nm, sizeof nm);
			size_t lh = strlen(nh), lm = strlen(nm);
			if (!lh || !lm)
				continue;
			if (same(vis[i], metas[k]) || !strcmp(nh, nm) || (strstr(nm, nh) && lh * 10 >= lm * 5)) {
				ok = take_title(a, vis[i], vsrc[i]);
				goto out;
			}
			/* an h1 with more than the declared title: a kicker in
			 * front, a badge, a button or a date line after. When the
			 * title opens an h1 that is one run of text, the declared
			 * one was cut short instead ("Title" of "Title in
			 * Tennessee"), unless what follows is the site's name. */
			if (strstr(nh, nm) && lm * 10 >= lh * 5 && stripped[k]) {
				bool whole = false;
				if (!strncmp(nh, nm, lm) && vshape[i]->one_run) {
					char *cut = strip_site(vis[i], a->site, host, NULL, 0);
					whole = cut && !same(cut, stripped[k]);
					free(cut);
				}
				ok = take_title(a, whole ? vis[i] : stripped[k], vsrc[i]);
				goto out;
			}
		}
	}
	/* one visible headline: what the reader sees */
	if (nstrong == 1 || (nstrong > 1 && m->headline && *m->headline)) {
		if (strlen(vis[0]) >= 8 && words(vis[0]) >= 2 && strlen(vis[0]) < 300 && !is_site(vis[0], a->site, host)) {
			ok = take_title(a, vis[0], vsrc[0]);
			goto out;
		}
	}
	if (L)
		ok = take_title(a, stripped[0] ? stripped[0] : L, "json-ld");
	else if (O)
		ok = take_title(a, stripped[1] ? stripped[1] : O, "og:title");
	else if (T)
		ok = take_title(a, stripped[2] ? stripped[2] : T, "twitter:title");
	else if (W)
		ok = take_title(a, stripped[3] ? stripped[3] : W, "title");
	else if (nv)
		ok = take_title(a, vis[0], vsrc[0]);
out:
	for (int i = 0; i < 4; i++)
		free(stripped[i]);
	return ok;
}

/* True when a meta's lower-cased key names the author: its last part
 * (after ':', '.', '_' or '-') is "author", "creator" or "authorname"
 * ("og:author", "article:author_name", "dc.creator"). Not Twitter's
 * creator, an account handle. */
static bool author_key(const char *k)
{
	if (!strncmp(k, "twitter:", 8))
		return false;
	size_t l = strlen(k);
	if (l > 5 && !strcmp(k + l - 5, "_name"))
		l -= 5;
	const char *w = k + l;
	while (w > k && !strchr(":._-", w[-1]))
		w--;
	size_t wl = (size_t)(k + l - w);
	return (wl == 6 && !strncmp(w, "author", 6)) || (wl == 7 && !strncmp(w, "creator", 7)) ||
	       (wl == 10 && !strncmp(w, "authorname", 10));
}

/* True when a meta's label says that its value names the writer: "Written
 * by", "Verfasst von", "Autor", "Écrit par" (lead words, one of them a
 * "by" or a writing role), not "Est. reading time". */
static bool writing_label(const char *label)
{
	if (!label)
		return false;
	bool writer = false;
	size_t n = 0;
	for (const char *p = label; *p;) {
		size_t l;
		const char *w = next_word(&p, &l);
		if (l && w[l - 1] == ':')
			l--;
		if (!l)
			continue;
		enum lead k = lead_word(w, l);
		if (k == LEAD_NONE || k == LEAD_PICTURE)
			return false;
		writer |= k == LEAD_BY || k == LEAD_ROLE;
		n++;
	}
	return n && writer;
}

/* True when the text of a link to a writer's page is a name, not "All
 * posts", "Authors" or a teaser's title: a few capitalised words, or one
 * account name. */
static bool link_name(const char *s)
{
	return strlen(s) <= 60 && (namelike(s) ? words(s) <= 4 : words(s) == 1);
}

/* The author (or creator) value of JSON-LD object o, or NULL. */
static json_t *ld_author(json_t *o)
{
	json_t *au = o ? json_object_get(o, "author") : NULL;
	if (!au && o)
		au = json_object_get(o, "creator");
	if (json_is_null(au) || (json_is_array(au) && !json_array_size(au)) ||
	    (json_is_string(au) && !*json_string_value(au)))
		return NULL;
	return au;
}

/* True when v is an author reference without a name: {"@id": "…"} or an
 * array of them. */
static bool ld_ref_only(json_t *v)
{
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) if (!ld_ref_only(e)) return false;
		return json_array_size(v) > 0;
	}
	return json_is_object(v) && json_object_get(v, "@id") && !json_object_get(v, "name");
}

/* True when a word of 3+ letters of names appears as a word in byline. */
static bool names_overlap(const char *byline, const char *names)
{
	char w[64];
	for (const char *p = names; *p;) {
		while (*p && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
			p++;
		size_t l = 0;
		while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80) && l + 1 < sizeof w)
			w[l++] = *p++;
		w[l] = '\0';
		if (l >= 3 && contains_word(byline, w))
			return true;
		while (*p && (isalnum((unsigned char)*p) || (unsigned char)*p >= 0x80))
			p++;
	}
	return false;
}

/* True when s (" und Max Doe") joins further names on. */
static bool more_names(const char *s)
{
	static const char *const joins[] = {" und ", " and ", " & ", ", ", " / ", " et ", " y ", " e ", " i ", NULL};
	for (size_t i = 0; joins[i]; i++)
		if (strstr(s, joins[i]))
			return true;
	return false;
}

/* A JSON-LD author of one name whose surname a visible byline names with
 * others ("E. Barreneche / J. I. da Silva" for "Eduardo Barreneche"): the
 * publisher's data kept the first writer only, the byline is whole. False
 * only on allocation failure. */
static bool coauthors(struct meta *m, struct article *a, const char *host)
{
	if (!a->author || strchr(a->author, ',') || !a->author_source || strcmp(a->author_source, "json-ld") != 0)
		return true;
	const char *sur = strrchr(a->author, ' ');
	if (!sur || strlen(sur + 1) < 3)
		return true;
	sur++;
	static const char *const joins[] = {" / ", " & ", " und ", " and ", " y ", " et ", NULL};
	for (size_t i = 0; i < m->nbylines; i++) {
		const char *r = m->bylines[i];
		/* a byline of names alone, not a bio */
		if (!contains_word(r, sur) || strlen(r) > 80 || words(r) > 10)
			continue;
		for (size_t k = 0; joins[k]; k++) {
			const char *jn = strstr(r, joins[k]);
			if (!jn)
				continue;
			char *left = strndup(r, (size_t)(jn - r));
			char *l = left ? clean_author(left, a->site, host) : NULL;
			char *rt = clean_author(jn + strlen(joins[k]), a->site, host);
			bool take = l && rt && contains_word(l, sur) && words(l) <= 5 && words(rt) >= 2 &&
				    words(rt) <= 5 && !more_names(rt) && !is_site(rt, a->site, host);
			bool ok = true;
			if (take) {
				size_t n = strlen(l) + strlen(joins[k]) + strlen(rt) + 1;
				char *both = malloc(n);
				if (both)
					snprintf(both, n, "%s%s%s", l, joins[k], rt);
				ok = both && set(&a->author, &a->author_source, both, "byline");
				free(both);
			}
			free(left);
			free(l);
			free(rt);
			if (!ok)
				return false;
			if (take)
				return true;
		}
	}
	return true;
}

/* True when s names the desk and no one on it: "Redaktion", "The
 * Editors", "Newsroom". */
static bool desk_only(const char *s)
{
	static const char *const desks[] = {"redaktion", "redaction", "rédaction", "redacción", "redazione",
					    "redactie", "newsroom", "editorial", "editorial team", "editors",
					    "the editors", "team", "das team", "the team", "red", "red.", NULL};
	for (size_t i = 0; desks[i]; i++)
		if (!strcasecmp(s, desks[i]))
			return true;
	return false;
}

/* True when s could be a name as a page writes it: no colon, and when it
 * starts with a capital, no later word in lower case but the particles
 * ("Walter von Aachen"). All lower case is an account or a name written
 * so ("jdoe", "giampiero maggio"); after a label ("Autor: Catch more
 * fish", labelled) an account may be any phrase. */
static bool written_name(const char *s, bool labelled)
{
	if (strchr(s, ':'))
		return false;
	if (labelled || !isupper((unsigned char)*s))
		return true;
	for (const char *p = s; *p;) {
		p += strcspn(p, " ,");
		p += strspn(p, " ,");
		if (islower((unsigned char)*p) && !particle(p))
			return false;
	}
	return true;
}

/* Names that look like the site's own (its name or host within them) are
 * kept aside and used only when no person is named anywhere: a company's
 * page, or a blogger whose pen name is the blog's ("von zahlenzauberin" on
 * zahlenzauberin.wordpress.com). */
static bool try_author(struct meta *m, struct article *a, const char *raw, const char *source, const char *host)
{
	if (a->author || !raw)
		return true;
	char *s = clean_author(raw, a->site, host);
	if (!s)
		return true;
	/* What the page shows, unlike the publisher's data, must read as a
	 * name written out: "Sende uns eine", "Replying to", "En kiosques :
	 * juillet" are a page's other words. */
	if (strcmp(source, "json-ld") != 0 && strncmp(source, "meta:", 5) != 0 && !written_name(s, strong_lead(raw))) {
		free(s);
		return true;
	}
	/* a byline that holds the page's section ("Politik", "News") */
	for (size_t i = 0; i < m->nsections; i++)
		if (same(s, m->sections[i])) {
			free(s);
			return true;
		}
	if (is_site(s, a->site, host) || (a->site && (contains_word(s, a->site) || contains_word(a->site, s))) ||
	    desk_only(s)) {
		if (!m->site_author) {
			m->site_author = s;
			m->site_author_src = strdup(source);
		} else {
			free(s);
		}
		return true;
	}
	bool ok = set(&a->author, &a->author_source, s, source);
	free(s);
	return ok;
}

/* Byline i, or a shorter byline that starts it when byline i runs on
 * past the name: "Jane Doe Senior Software Engineer" in a box whose name
 * element says "Jane Doe". */
static const char *byline_name(const struct meta *m, size_t i, const char *site, const char *host)
{
	const char *b = m->bylines[i];
	if (words(b) < 4)
		return b;
	char *ci = clean_author(b, site, host);
	const char *best = b;
	for (size_t j = 0; ci && j < m->nbylines; j++) {
		if (j == i || words(m->bylines[j]) > 3)
			continue;
		char *cj = clean_author(m->bylines[j], site, host);
		size_t l = cj ? strlen(cj) : 0;
		bool prefix = l >= 5 && words(cj) >= 2 && !strncmp(ci, cj, l) && ci[l] == ' ' &&
			      !more_names(ci + l);
		free(cj);
		if (prefix) {
			best = m->bylines[j];
			break;
		}
	}
	free(ci);
	return best;
}

/* Every name a repeated author meta gives (one <meta name="citation_author">
 * per writer), each cleaned, the same name once, joined with ", "; NULL
 * when the key occurs once or holds no name (caller frees). */
static char *meta_names(const struct meta *m, const char *key, const char *site, const char *host)
{
	struct buf b;
	buf_init(&b, 512);
	size_t n = 0;
	for (size_t i = 0; i < m->nmetas && n < 12; i++) {
		if (strcmp(m->metas[i].k, key) != 0)
			continue;
		char *c = clean_author(m->metas[i].v, site, host);
		if (c && *c && !strstr(buf_str(&b), c) && !is_site(c, site, host)) {
			if ((b.len && !buf_puts(&b, ", ")) || !buf_puts(&b, c)) {
				free(c);
				break;
			}
			n++;
		}
		free(c);
	}
	char *s = buf_detach(&b);
	if (s && (n < 2 || !*s)) {
		free(s);
		return NULL;
	}
	return s;
}

/* A personal site's footer names its author: "© 2008 Jane Doe", "(c) Jane
 * Doe • Impressum". Only a person's name (capitalised words, no company
 * form, not the site) is taken, and only when nothing else names one. */
static bool try_copyright(struct meta *m, struct article *a, const char *host)
{
	const char *p = m->copyright + copyright_mark(m->copyright);
	for (;;) {
		p = skip_punct(p);
		if (isdigit((unsigned char)*p) || *p == '.')
			p++;
		else if (!strncasecmp(p, "by ", 3))
			p += 3;
		else if (copyright_mark(p))
			p += copyright_mark(p);
		else
			break;
	}
	char *s = clean_author(p, a->site, host);
	if (!s)
		return true;
	static const char *const org[] = {"gmbh", "e.v", "ev", "inc", "ltd", "llc", "ag", "kg", "ug", "sa", "sl",
					  "verlag", "media", "medien", "group", "gruppe", "stiftung", "verein", "rights",
					  "rechte", "reserved", "co", "corp", "news", "online", "the", "blog", "all",
					  "alle", "team", "redaktion", "und", "and", "&", NULL};
	bool ok = namelike(s) && words(s) >= 2 && words(s) <= 4 && !strchr(s, '/') && !is_site(s, a->site, host);
	static const char *const org_stems[] = {"minister", "universit", "institut", "agentur", "agency", "magazin",
						"zeitung", "verband", "gesellschaft", "images", "photo", "foto", "press",
						"amt", "ministry", "department", "werbe", "agence", "enterprise", "limited",
						"holding", "corporation", "company", "network", "foundation", "association",
						"union", "club", "bund", "gewerkschaft", "partei", "redaktion", "stadt",
						"gemeinde", NULL};
	char low[256];
	snprintf(low, sizeof low, "%s", s);
	art_lower(low);
	for (size_t i = 0; ok && org_stems[i]; i++)
		if (strstr(low, org_stems[i]))
			ok = false;
	for (size_t i = 0; ok && org[i]; i++)
		if (contains_word(s, org[i]))
			ok = false;
	/* a word written as a host ("A1Plus.am"): the site's name */
	for (const char *d = strchr(s, '.'); ok && d; d = strchr(d + 1, '.'))
		if (d - s >= 3 && isalnum((unsigned char)d[-1]) && isalpha((unsigned char)d[1]) &&
		    isalpha((unsigned char)d[2]))
			ok = false;
	bool good = !ok || set(&a->author, &a->author_source, s, "copyright");
	free(s);
	return good;
}

/* Parses the JSON values of s[0..len) one after the other: one, or several
 * written in a row ("{…}{…}", "{…},{…}"), each into roots and visited.
 * False when the first fails. */
static bool parse_values(struct ld *ld, const char *s, size_t len, json_t **roots, size_t *nroots)
{
	bool any = false;
	while (len && *nroots < LIMIT_ARTICLE_JSONLD) {
		while (len && (*s == ' ' || *s == ',' || *s == ';')) {
			s++;
			len--;
		}
		json_error_t e;
		json_t *j = len ? json_loadb(s, len, JSON_DECODE_ANY | JSON_ALLOW_NUL | JSON_DISABLE_EOF_CHECK, &e) : NULL;
		if (!j)
			break;
		roots[(*nroots)++] = j;
		ld_visit(ld, j, 0);
		any = true;
		/* with JSON_DISABLE_EOF_CHECK, position is the bytes read */
		if (!e.position || (size_t)e.position > len)
			break;
		s += e.position;
		len -= (size_t)e.position;
	}
	return any;
}

/* Removes, in place, the commas that close a JSON object or array
 * ("[1, 2,]"), outside strings. */
static void drop_trailing_commas(char *s, size_t *len)
{
	size_t w = 0;
	bool str = false;
	for (size_t r = 0; r < *len; r++) {
		char c = s[r];
		if (str) {
			if (c == '\\' && r + 1 < *len)
				s[w++] = s[r++];
			else if (c == '"')
				str = false;
		} else if (c == '"') {
			str = true;
		} else if (c == ',') {
			size_t k = r + 1;
			while (k < *len && s[k] == ' ')
				k++;
			if (k < *len && (s[k] == '}' || s[k] == ']'))
				continue;
		}
		s[w++] = s[r];
	}
	*len = w;
}

static void parse_jsonld(struct meta *m, struct ld *ld, json_t **roots, size_t *nroots)
{
	for (size_t i = 0; i < m->njsonld && *nroots < LIMIT_ARTICLE_JSONLD; i++) {
		char *s = m->jsonld[i];
		/* raw newlines and tabs inside strings are common and invalid */
		for (char *p = s; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		char *start = s;
		while (*start && *start != '{' && *start != '[')
			start++;
		char *end = start + strlen(start);
		while (end > start && end[-1] != '}' && end[-1] != ']')
			end--;
		if (end <= start)
			continue;
		size_t len = (size_t)(end - start);
		if (!parse_values(ld, start, len, roots, nroots)) {
			/* "{"a": 1,}": the trailing commas hand-written data has */
			drop_trailing_commas(start, &len);
			(void)parse_values(ld, start, len, roots, nroots);
		}
	}
}

bool art_meta(struct article *a, xmlDoc *doc, const char *url)
{
	struct meta *m = calloc(1, sizeof *m);
	struct ld ld = {0};
	json_t *roots[LIMIT_ARTICLE_JSONLD];
	size_t nroots = 0;
	char *host = url && *url ? url_host(url) : NULL;
	bool ok = false;
	if (!m)
		return false;
	m->url = url && *url ? url : NULL;
	xmlNode *root = xmlDocGetRootElement(doc);
	const char *lang = art_attr(root, "lang");
	if (lang && *lang && !(a->lang = strdup(lang)))
		goto out;
	collect(m, root, false, false, false, 0);
	if (m->oom)
		goto out;
	parse_jsonld(m, &ld, roots, &nroots);

	if (m->canonical) {
		a->canonical = url_resolve(url && *url ? url : NULL, m->canonical);
		if (a->canonical && !url_is_http(a->canonical)) {
			free(a->canonical);
			a->canonical = NULL;
		}
	}

	/* site */
	const char *site = get_meta(m, "og:site_name");
	const char *site_src = "og:site_name";
	if (!site && ld.article) {
		json_t *pub = json_object_get(ld.article, "publisher");
		if (json_is_array(pub))
			pub = json_array_get(pub, 0);
		if (json_is_object(pub))
			site = json_string_value(json_object_get(ld_resolve(&ld, pub), "name"));
		site_src = "json-ld";
	}
	if (!site && ld.org) {
		site = json_string_value(json_object_get(ld.org, "name"));
		site_src = "json-ld";
	}
	if (!site) {
		site = get_meta(m, "application-name");
		site_src = "application-name";
	}
	if (site && *site) {
		char *v = strdup(site);
		if (!v)
			goto out;
		decode_entities(v);
		art_squash(v);
		bool good = *v && strlen(v) < 200 && set(&a->site, &a->site_source, v, site_src);
		free(v);
		if (!good && !a->site && *site && strlen(site) < 200)
			goto out;
	}

	if (!decide_title(a, m, &ld, host))
		goto out;

	/* author */
	/* the sections the page declares, no writer's names */
	keep_section(m, sdup(get_meta(m, "article:section")));
	json_t *sec = ld.article ? json_object_get(ld.article, "articleSection") : NULL;
	for (size_t i = 0; i < (json_is_array(sec) ? json_array_size(sec) : 1); i++) {
		json_t *e = json_is_array(sec) ? json_array_get(sec, i) : sec;
		if (json_is_string(e))
			keep_section(m, sdup(json_string_value(e)));
	}
	/* A visible "Geschrieben von X" / "Posted by X" names the post's writer;
	 * a theme's <meta name="author"> often names the blog's owner instead. */
	const char *strong_by = NULL;
	for (size_t i = 0; i < m->nby && !strong_by; i++)
		if (strong_lead(m->by_texts[i])) {
			char *c = clean_author(m->by_texts[i], a->site, host);
			if (c && namelike(c) && !is_site(c, a->site, host))
				strong_by = m->by_texts[i];
			free(c);
		}
	{
		/* the article's author, else the page's */
		json_t *au = ld_author(ld.article);
		if (!au)
			au = ld_author(ld.page);
		if (au) {
			struct buf b;
			buf_init(&b, 1024);
			ld_names(&ld, au, &b, 0);
			char *names = buf_detach(&b);
			if (!names)
				goto out;
			decode_entities(names);
			/* An author given only as a reference to a Person of the
			 * page's graph is the account that published the post (as
			 * WordPress SEO plugins write it); a visible "Autor: X" /
			 * "Posted by X" naming someone else names the writer. */
			if (strong_by && ld_ref_only(au) && !names_overlap(strong_by, names) &&
			    !try_author(m, a, strong_by, "by-text", host)) {
				free(names);
				goto out;
			}
			bool good = try_author(m, a, names, "json-ld", host);
			free(names);
			if (!good || !coauthors(m, a, host))
				goto out;
		}
	}
	static const char *const author_metas[] = {"author", "article:author", "dc.creator", "dcterms.creator",
						   "parsely-author", "sailthru.author", "byl", "dc.creator.name",
						   "citation_author", "og:article:author", "cxenseparse:author",
						   "twitter:data1", NULL};
	for (size_t i = 0; author_metas[i] && !a->author; i++) {
		const char *v = get_meta(m, author_metas[i]);
		if (!v)
			continue;
		if (strong_by && !strcmp(author_metas[i], "author")) {
			if (!try_author(m, a, strong_by, "by-text", host))
				goto out;
			continue;
		}
		if (!strcmp(author_metas[i], "twitter:data1") && !writing_label(get_meta(m, "twitter:label1")))
			continue;
		char key[64];
		snprintf(key, sizeof key, "meta:%s", author_metas[i]);
		char *all = meta_names(m, author_metas[i], a->site, host);
		bool good = try_author(m, a, all ? all : v, key, host);
		free(all);
		if (!good)
			goto out;
	}
	/* other metas named for the author: "article:author_name", "og:author" */
	for (size_t i = 0; i < m->nmetas && !a->author; i++) {
		if (!author_key(m->metas[i].k))
			continue;
		char key[64];
		snprintf(key, sizeof key, "meta:%s", m->metas[i].k);
		if (!try_author(m, a, m->metas[i].v, key, host))
			goto out;
	}
	if (!try_author(m, a, m->itemprop_author, "itemprop", host) || !try_author(m, a, m->rel_author, "rel-author", host))
		goto out;
	for (size_t i = 0; i < m->nbylines && !a->author; i++)
		if (!try_author(m, a, byline_name(m, i, a->site, host), "byline", host))
			goto out;
	/* "von der Stadt…" in running text is no byline: names only. A name
	 * written as names are ("Blog Beitrag von Jane Doe") before an account
	 * name after a strong lead ("Gespeichert von jdoe"). */
	for (int pass = 0; pass < 2 && !a->author; pass++)
		for (size_t i = 0; i < m->nby && !a->author; i++) {
			char *c = clean_author(m->by_texts[i], a->site, host);
			bool name = c && (pass ? strong_lead(m->by_texts[i]) : namelike(c));
			free(c);
			if (name && !try_author(m, a, m->by_texts[i], "by-text", host))
				goto out;
		}
	/* the link to the writer's page, the first after the headline */
	for (int i = 1; i >= 0 && !a->author; i--)
		if (m->link_author[i] && link_name(m->link_author[i]) &&
		    !try_author(m, a, m->link_author[i], "author-link", host))
			goto out;
	if (!a->author && m->signoff && !try_author(m, a, m->signoff, "signoff", host))
		goto out;
	if (!a->author && m->box_author && !try_author(m, a, m->box_author, "author-box", host))
		goto out;
	if (!a->author && m->copyright && !try_copyright(m, a, host))
		goto out;
	if (!a->author && m->site_author &&
	    !set(&a->author, &a->author_source, m->site_author, m->site_author_src ? m->site_author_src : "byline"))
		goto out;
	if (a->author && !complete_author(a, doc))
		goto out;

	/* date */
	struct art_date_sources ds = {ld.article, ld.page, meta_value, m};
	if (!art_date(a, doc, url, &ds))
		goto out;
	ok = true;
out:
	for (size_t i = 0; i < nroots; i++)
		json_decref(roots[i]);
	free(host);
	meta_free(m);
	free(m);
	return ok;
}
