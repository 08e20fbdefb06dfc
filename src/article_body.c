/* article_body — the main text: readability-style scoring of paragraph
 * containers over the libxml2 tree, sibling merging, removal of boilerplate
 * inside the chosen container, plain-text output. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "article_priv.h"
#include "limits.h"

struct ninfo {
	double score;
	bool cand;
	unsigned text, link, commas, p, img, li, input, embed, heading, lists, tables, brs;
};

struct body {
	xmlDoc *doc;
	unsigned flags;
	struct ninfo *info;
	size_t ninfo, cap;
	xmlNode **cands;
	size_t ncands, capcands;
	bool oom;
};

static const char *const block_tags[] = {
	"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "h1", "h2", "h3",
	"h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table", "tbody", "thead", "tfoot", "tr",
	"td", "th", "blockquote", "pre", "form", "fieldset", "figure", "figcaption", "hr", "address",
	"details", "summary", "center", "hgroup", "menu", "caption", "body", "html", "noscript", NULL,
};

static bool in_list(const char *t, const char *const *l)
{
	for (; *l; l++)
		if (!strcmp(t, *l))
			return true;
	return false;
}

static bool is_block(const xmlNode *n)
{
	return n->type == XML_ELEMENT_NODE && in_list(art_tag(n), block_tags);
}

static bool is_heading(const char *t)
{
	return t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2];
}

static struct ninfo *NI(const xmlNode *n)
{
	return n ? (struct ninfo *)n->_private : NULL;
}

static void drop(xmlNode *n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* ---- word lists (class and id hints, after Readability) ---- */

static const char *const unlikely[] = {
	"-ad-", "ai2html", "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus",
	"extra", "footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss",
	"shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate",
	"pagination", "pager", "popup", "yom-remote", "cookie", "consent", "newsletter", "paywall",
	"teaser", "navigation", "navbar", "subnav", "share", "sharing", "shariff", "widget", "outbrain",
	"taboola", "recommend", "empfehlung", "toolbar", "print-", "topbar", "login", "signup",
	NULL,
};
static const char *const maybe[] = {"and", "article", "body", "column", "content", "main", "shadow", NULL};
static const char *const positive[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post",
	"text", "blog", "story", "beitrag", "artikel", "inhalt", NULL,
};
static const char *const negative[] = {
	"-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead",
	"media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
	"skyscraper", "sponsor", "shopping", "tags", "widget", "teaser", "newsletter", "author",
	"byline", "caption", "credit", "social", "recommend", "breadcrumb", "nav", "subscribe",
	"cookie", "infobox", NULL,
};
/* Boxes inside an article's body that are not its text. */
static const char *const boxes[] = {
	"share", "sharing", "shariff", "social", "newsletter", "related", "recommend", "read-more",
	"readmore", "more-articles", "author-bio", "authorbio", "author-box", "authorbox", "about-author",
	"author-info", "authorinfo", "paywall", "subscribe", "comment", "outbrain", "taboola", "breadcrumb",
	"caption", "credit", "copyright", "teaser", "advert", "anzeige", "werbung", "-ad-", "ad-slot",
	"adslot", "banner", "tags", "tag-list", "taglist", "keywords", "print", "toolbar", "rating",
	"sidebar", "widget", "promo", "signup", "cookie", "consent", "donate", "spenden", "bildunterschrift",
	"bildnachweis", "empfehlung", "weiterlesen", "mehr-zum", "pagination", "pager", "nav",
	"post-meta", "entry-meta", "article-meta", "postmeta", "entry-footer", "post-footer", "byline",
	"dateline", "published", "timestamp", NULL,
};
static const char *const bad_roles[] = {"menu", "menubar", "complementary", "navigation", "alert",
					 "alertdialog", "dialog", "banner", "contentinfo", "search", NULL};

/* Classes of an article's own intro, which negative words ("teaser") must
 * not take out. */
static const char *const lead_classes[] = {"teaser-text", "teasertext", "teaser__text", "intro", "lead",
					    "standfirst", "excerpt", "perex", "chapeau", "vorspann", NULL};

static bool neg_class(const char *lower)
{
	return art_has_any(lower, negative) && !art_has_any(lower, lead_classes);
}

static int class_weight(const xmlNode *n)
{
	int w = 0;
	const char *c = art_attr(n, "class"), *id = art_attr(n, "id");
	char s[512];
	if (c && *c) {
		snprintf(s, sizeof s, "%s", c);
		art_lower(s);
		if (neg_class(s))
			w -= 25;
		if (art_has_any(s, positive))
			w += 25;
	}
	if (id && *id) {
		snprintf(s, sizeof s, "%s", id);
		art_lower(s);
		if (neg_class(s))
			w -= 25;
		if (art_has_any(s, positive))
			w += 25;
	}
	const char *ip = art_attr(n, "itemprop");
	if (ip && strcasestr(ip, "articleBody"))
		w += 50;
	return w;
}

/* ---- 1. pre-cleaning ---- */

enum {
	F_STRIP_UNLIKELY = 1,
	F_WEIGHT_CLASSES = 2,
	F_CLEAN_CONDITIONALLY = 4,
	F_STRIP_SEMANTIC = 8,
	F_STRIP_BOXES = 16,
};

static bool hidden(const xmlNode *n)
{
	if (art_attr(n, "hidden"))
		return true;
	const char *ah = art_attr(n, "aria-hidden");
	if (ah && !strcasecmp(ah, "true"))
		return true;
	const char *st = art_attr(n, "style");
	if (st) {
		char s[256];
		size_t k = 0;
		for (const char *p = st; *p && k + 1 < sizeof s; p++)
			if (!isspace((unsigned char)*p))
				s[k++] = (char)tolower((unsigned char)*p);
		s[k] = '\0';
		if (strstr(s, "display:none") || strstr(s, "visibility:hidden"))
			return true;
	}
	return false;
}

static const char *const always_drop[] = {
	"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "button",
	"input", "select", "textarea", "link", "meta", "dialog", "map", "video", "audio", "title",
	"base", "math", "source", "track", "option", "datalist", "output", "progress", "meter", NULL,
};

static const char *const void_like[] = {"meta", "link", "script", "base", "input", "title", "style", NULL};

static bool has_element_child(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return true;
	return false;
}

/* Paragraphs of 150 bytes or more under n (stops counting at 3 or when the
 * budget of nodes visited runs out). */
static unsigned long_paragraphs(const xmlNode *n, unsigned *budget)
{
	unsigned k = 0;
	for (const xmlNode *c = n->children; c && k < 3 && *budget; c = c->next) {
		(*budget)--;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (art_tag_is(c, "p")) {
			size_t len = 0;
			for (const xmlNode *d = c->children; d && len < 150; d = d->next)
				if (d->type == XML_TEXT_NODE && d->content)
					len += strlen((const char *)d->content);
			k += len >= 150;
		} else {
			k += long_paragraphs(c, budget);
		}
	}
	return k;
}

static void preclean(struct body *B, xmlNode *n, bool in_table)
{
	xmlNode *c = n->children;
	while (c) {
		xmlNode *next = c->next;
		if (c->type == XML_COMMENT_NODE || c->type == XML_PI_NODE || c->type == XML_DTD_NODE) {
			drop(c);
			c = next;
			continue;
		}
		if (c->type != XML_ELEMENT_NODE) {
			c = next;
			continue;
		}
		const char *t = art_tag(c);
		bool remove = in_list(t, always_drop) || hidden(c);
		bool soft = false; /* removed unless it holds the article (misnested markup) */
		if (!remove) {
			const char *role = art_attr(c, "role");
			if (role && in_list(role, bad_roles) && strcmp(t, "body") != 0)
				remove = soft = true;
		}
		if (!remove && (B->flags & F_STRIP_SEMANTIC) &&
		    (!strcmp(t, "nav") || !strcmp(t, "aside") || !strcmp(t, "footer")))
			remove = soft = true;
		if (!remove && (B->flags & F_STRIP_UNLIKELY) && !in_table && strcmp(t, "body") != 0 &&
		    strcmp(t, "a") != 0 && strcmp(t, "article") != 0 && strcmp(t, "main") != 0) {
			char s[512];
			art_class_id(c, s, sizeof s);
			if (s[0] != ' ' || s[1]) {
				if (art_has_any(s, unlikely) && !art_has_any(s, maybe) && !art_has_any(s, lead_classes))
					remove = true;
			}
		}
		if (remove && soft) {
			unsigned budget = 20000;
			if (long_paragraphs(c, &budget) >= 3)
				remove = false;
		}
		if (remove && has_element_child(c) && in_list(t, void_like)) {
			/* libxml2's recovery sometimes nests the rest of a page in a
			 * <meta>, <link> or <script>: keep what is inside */
			xmlNode *last = c;
			for (xmlNode *d = c->children; d;) {
				xmlNode *dn = d->next;
				if (d->type == XML_ELEMENT_NODE) {
					xmlUnlinkNode(d);
					xmlAddNextSibling(last, d);
					last = d;
				}
				d = dn;
			}
			next = c->next;
			drop(c);
		} else if (remove) {
			drop(c);
		} else {
			preclean(B, c, in_table || !strcmp(t, "table"));
		}
		c = next;
	}
}

/* ---- 2. paragraphs out of <br><br> runs and block-less divs ---- */

static bool has_text(const xmlNode *n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		for (const char *p = (const char *)n->content; p && *p; p++)
			if (!isspace((unsigned char)*p) && (unsigned char)*p != 0xC2 && (unsigned char)*p != 0xA0)
				return true;
		return false;
	}
	if (art_tag_is(n, "img"))
		return true;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (has_text(c))
			return true;
	return false;
}

static bool has_block_child(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_block(c))
			return true;
	return false;
}

/* True when c is a <br> followed (after blank text) by another <br>. */
static bool br_run_at(const xmlNode *c)
{
	if (!art_tag_is(c, "br"))
		return false;
	for (const xmlNode *d = c->next; d; d = d->next) {
		if (art_tag_is(d, "br"))
			return true;
		if (d->type == XML_TEXT_NODE && !has_text(d))
			continue;
		return false;
	}
	return false;
}

static bool has_br_run(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (br_run_at(c))
			return true;
	return false;
}

/* Wraps runs of inline children of n into <p>, splitting at blocks and at
 * <br><br> runs. */
static void wrap_inline_runs(struct body *B, xmlNode *n)
{
	xmlNode *c = n->children;
	xmlNode *p = NULL;
	while (c) {
		xmlNode *next = c->next;
		if (is_block(c)) {
			p = NULL;
		} else if (br_run_at(c)) {
			p = NULL;
			/* drop the whole run of <br> and blank text */
			while (c && (art_tag_is(c, "br") || (c->type == XML_TEXT_NODE && !has_text(c)))) {
				next = c->next;
				drop(c);
				c = next;
			}
			continue;
		} else if (!p) {
			if (!has_text(c)) {
				c = next;
				continue;
			}
			p = xmlNewDocNode(B->doc, NULL, BAD_CAST "p", NULL);
			if (!p) {
				B->oom = true;
				return;
			}
			xmlAddPrevSibling(c, p);
			xmlUnlinkNode(c);
			xmlAddChild(p, c);
		} else {
			xmlUnlinkNode(c);
			/* xmlAddChild merges adjacent text nodes (and may free c) */
			xmlAddChild(p, c);
		}
		c = next;
	}
}

static const char *const containers[] = {"div", "section", "article", "main", "body", "td", "form", "center",
					  "blockquote", "span", "font", "li", "dd", "header", "footer", "aside", NULL};

static void paragraphize(struct body *B, xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			paragraphize(B, c);
	if (B->oom)
		return;
	/* a copy: renaming frees the node's name when it is not in the dict */
	char t[16];
	snprintf(t, sizeof t, "%s", art_tag(n));
	if (!in_list(t, containers))
		return;
	bool blocks = has_block_child(n), runs = has_br_run(n);
	if (!strcmp(t, "p") || (!blocks && !runs)) {
		if (!strcmp(t, "div") && !blocks)
			xmlNodeSetName(n, BAD_CAST "p");
		return;
	}
	if (!strcmp(t, "span") || !strcmp(t, "font")) {
		if (!blocks && !runs)
			return;
		xmlNodeSetName(n, BAD_CAST "div");
	}
	if (!strcmp(t, "li") || !strcmp(t, "dd") || !strcmp(t, "blockquote")) {
		if (!runs && !blocks)
			return;
	}
	wrap_inline_runs(B, n);
}

/* <p> cannot hold blocks: libxml2 already closes it, but a <p> renamed from
 * nothing never holds one. */

/* ---- 3. statistics ---- */

static unsigned text_chars(const char *s, unsigned *commas)
{
	unsigned n = 0;
	bool sp = true;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (isspace(*p)) {
			if (!sp)
				n++;
			sp = true;
			continue;
		}
		sp = false;
		if ((*p & 0xC0) != 0x80)
			n++;
		if (*p == ',')
			(*commas)++;
		else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8C) /* U+FF0C */
			(*commas)++;
		else if (p[0] == 0xD8 && p[1] == 0x8C) /* U+060C */
			(*commas)++;
	}
	return n;
}

static void count_nodes(const xmlNode *n, size_t *k)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			(*k)++;
			count_nodes(c, k);
		}
}

static void attach(struct body *B, xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			if (B->ninfo < B->cap) {
				memset(&B->info[B->ninfo], 0, sizeof B->info[0]);
				c->_private = &B->info[B->ninfo++];
			} else {
				c->_private = NULL;
			}
			attach(B, c);
		}
}

static void stats(xmlNode *n)
{
	struct ninfo *I = NI(n);
	if (!I)
		return;
	double score = I->score;
	bool cand = I->cand;
	memset(I, 0, sizeof *I);
	I->score = score;
	I->cand = cand;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				I->text += text_chars((const char *)c->content, &I->commas);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		stats(c);
		struct ninfo *C = NI(c);
		if (!C)
			continue;
		const char *t = art_tag(c);
		I->text += C->text;
		I->commas += C->commas;
		I->link += !strcmp(t, "a") ? C->text : C->link;
		I->p += C->p + !strcmp(t, "p");
		I->img += C->img + !strcmp(t, "img");
		I->li += C->li + !strcmp(t, "li");
		I->input += C->input + (!strcmp(t, "input") || !strcmp(t, "select") || !strcmp(t, "textarea"));
		I->embed += C->embed + (!strcmp(t, "embed") || !strcmp(t, "object") || !strcmp(t, "iframe"));
		I->heading += is_heading(t) ? C->text : C->heading;
		I->lists += (!strcmp(t, "ul") || !strcmp(t, "ol")) ? C->text : C->lists;
		I->tables += C->tables + !strcmp(t, "table");
		I->brs += C->brs + !strcmp(t, "br");
	}
}

static double link_density(const xmlNode *n)
{
	const struct ninfo *I = NI(n);
	if (!I || !I->text)
		return 0;
	double d = (double)I->link / I->text;
	return d > 1 ? 1 : d;
}

/* ---- 4. scoring ---- */

static void init_cand(struct body *B, xmlNode *n)
{
	struct ninfo *I = NI(n);
	if (!I || I->cand)
		return;
	I->cand = true;
	const char *t = art_tag(n);
	double s = 0;
	if (!strcmp(t, "div") || !strcmp(t, "article") || !strcmp(t, "main") || !strcmp(t, "section"))
		s = 5;
	else if (!strcmp(t, "pre") || !strcmp(t, "td") || !strcmp(t, "blockquote"))
		s = 3;
	else if (!strcmp(t, "address") || !strcmp(t, "ol") || !strcmp(t, "ul") || !strcmp(t, "dl") ||
		 !strcmp(t, "dd") || !strcmp(t, "dt") || !strcmp(t, "li") || !strcmp(t, "form"))
		s = -3;
	else if (is_heading(t) || !strcmp(t, "th"))
		s = -5;
	if (!strcmp(t, "article") || !strcmp(t, "main"))
		s += 10;
	if (B->flags & F_WEIGHT_CLASSES)
		s += class_weight(n);
	I->score = s;
	if (B->ncands == B->capcands) {
		size_t cap = B->capcands ? B->capcands * 2 : 64;
		xmlNode **v = realloc(B->cands, cap * sizeof *v);
		if (!v) {
			B->oom = true;
			return;
		}
		B->cands = v;
		B->capcands = cap;
	}
	B->cands[B->ncands++] = n;
}

static void score_walk(struct body *B, xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *t = art_tag(c);
		bool scorable = !strcmp(t, "p") || !strcmp(t, "td") || !strcmp(t, "pre") || !strcmp(t, "h2") ||
				!strcmp(t, "h3") || !strcmp(t, "h4") || !strcmp(t, "h5") || !strcmp(t, "h6") ||
				!strcmp(t, "section");
		struct ninfo *I = NI(c);
		if (scorable && I && I->text >= 25 && c->parent && c->parent->type == XML_ELEMENT_NODE) {
			double s = 1 + I->commas + (I->text >= 300 ? 3 : (double)(I->text / 100));
			/* a paragraph that is mostly links is a menu, not text */
			s *= 1 - link_density(c);
			xmlNode *a = c->parent;
			for (int level = 0; a && a->type == XML_ELEMENT_NODE && level < 5; level++, a = a->parent) {
				if (!a->parent || a->parent->type == XML_DOCUMENT_NODE ||
				    a->parent->type == XML_HTML_DOCUMENT_NODE)
					break;
				init_cand(B, a);
				struct ninfo *A = NI(a);
				if (!A)
					break;
				double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
				A->score += s / div;
			}
		}
		if (strcmp(t, "p") != 0 && strcmp(t, "pre") != 0)
			score_walk(B, c);
	}
}

static bool is_ancestor(const xmlNode *a, const xmlNode *n)
{
	for (n = n ? n->parent : NULL; n; n = n->parent)
		if (n == a)
			return true;
	return false;
}

static xmlNode *pick_top(struct body *B, xmlNode *body)
{
	for (size_t i = 0; i < B->ncands; i++) {
		xmlNode *c = B->cands[i];
		NI(c)->score *= 1 - link_density(c);
	}
	xmlNode *top[5] = {0};
	for (size_t i = 0; i < B->ncands; i++) {
		xmlNode *c = B->cands[i];
		double s = NI(c)->score;
		for (int k = 0; k < 5; k++) {
			if (!top[k] || s > NI(top[k])->score) {
				memmove(top + k + 1, top + k, (size_t)(4 - k) * sizeof *top);
				top[k] = c;
				break;
			}
		}
	}
	xmlNode *best = top[0];
	if (!best || best == body || art_tag_is(best, "html") || art_tag_is(best, "body") || art_tag_is(best, "head"))
		return NULL;
	/* Several close runners-up under one ancestor: the article is that ancestor. */
	double bs = NI(best)->score;
	int close = 0;
	for (int k = 1; k < 5; k++)
		if (top[k] && NI(top[k])->score / bs >= 0.75)
			close++;
	if (close >= 2) {
		for (xmlNode *p = best->parent; p && p != body && p->type == XML_ELEMENT_NODE; p = p->parent) {
			int containing = 0;
			for (int k = 1; k < 5; k++)
				if (top[k] && NI(top[k])->score / bs >= 0.75 && is_ancestor(p, top[k]))
					containing++;
			if (containing >= 2) {
				best = p;
				init_cand(B, best);
				break;
			}
		}
	}
	double last = NI(best)->score, threshold = last / 3;
	for (xmlNode *p = best->parent; p && p != body && p->type == XML_ELEMENT_NODE && !art_tag_is(p, "body");
	     p = p->parent) {
		struct ninfo *P = NI(p);
		if (!P || !P->cand)
			continue;
		if (P->score < threshold)
			break;
		if (P->score > last) {
			best = p;
			break;
		}
		last = P->score;
	}
	while (best->parent && best->parent != body && best->parent->type == XML_ELEMENT_NODE &&
	       !art_tag_is(best->parent, "body") && !art_tag_is(best->parent, "head")) {
		int kids = 0;
		for (xmlNode *c = best->parent->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE || (c->type == XML_TEXT_NODE && has_text(c)))
				kids++;
		if (kids != 1)
			break;
		best = best->parent;
	}
	return best;
}

/* ---- 5. cleaning inside the chosen nodes ---- */

static bool ends_sentence(const xmlNode *n)
{
	char *s = art_text(n, 4096);
	bool r = false;
	if (s) {
		const char *p = strstr(s, ". ");
		size_t l = strlen(s);
		r = p || (l && s[l - 1] == '.');
		free(s);
	}
	return r;
}

static bool data_table(const xmlNode *t)
{
	const char *role = art_attr(t, "role");
	if (role && !strcmp(role, "presentation"))
		return false;
	if (art_attr(t, "summary"))
		return true;
	unsigned rows = 0, cols = 0;
	bool nested = false, th = false;
	for (const xmlNode *c = t->children; c; c = c->next) {
		const char *tt = art_tag(c);
		if (!strcmp(tt, "caption") || !strcmp(tt, "thead") || !strcmp(tt, "tfoot"))
			return true;
		const xmlNode *rowset = c;
		const xmlNode *r = !strcmp(tt, "tbody") ? rowset->children : c;
		for (; r; r = !strcmp(tt, "tbody") ? r->next : NULL) {
			if (!art_tag_is(r, "tr"))
				continue;
			rows++;
			unsigned k = 0;
			for (const xmlNode *d = r->children; d; d = d->next) {
				if (art_tag_is(d, "th"))
					th = true;
				if (art_tag_is(d, "td") || art_tag_is(d, "th")) {
					k++;
					const struct ninfo *D = NI(d);
					if (D && D->tables)
						nested = true;
				}
			}
			if (k > cols)
				cols = k;
		}
	}
	if (nested)
		return false;
	if (th)
		return true;
	return rows >= 10 || cols > 4 || rows * cols > 10;
}

static bool starts_with_any(const char *s, const char *const *l)
{
	for (; *l; l++)
		if (!strncasecmp(s, *l, strlen(*l)))
			return true;
	return false;
}

/* Headings and lead-ins of boxes that are not the article's text. */
static const char *const box_leads[] = {
	"read more", "read also", "related", "more from", "more on", "see also", "you may also",
	"you might also", "recommended", "share this", "share on", "follow us", "sign up", "subscribe",
	"newsletter", "advertisement", "sponsored", "mehr zum thema", "mehr zu", "lesen sie auch",
	"lesen sie mehr", "auch interessant", "das könnte sie auch", "das koennte sie auch", "weitere artikel",
	"weitere beiträge", "weitere themen", "ähnliche artikel", "ähnliche beiträge", "verwandte",
	"empfohlene", "anzeige", "werbung", "teilen", "jetzt teilen", "artikel teilen", "diesen artikel",
	"zum newsletter", "newsletter abonnieren", "abonnieren", "kommentare", "kommentieren",
	"schreibe einen kommentar", "hinterlasse einen kommentar", "leave a comment", "leave a reply",
	"comments", "lire aussi", "à lire aussi", "a lire aussi", "lire la suite", "voir aussi",
	"sur le même sujet", "partager", "articles similaires", "publicité", "leer más", "lee también",
	"te puede interesar", "noticias relacionadas", "compartir", "czytaj też", "czytaj także",
	"zobacz też", "zobacz także", "udostępnij", "tags:", "schlagworte", "themen:", "mehr artikel",
	"top-artikel", "meistgelesen", "most read", "most popular", "trending", "quelle:", "bildquelle",
	"foto:", "photo:", "bild:", "image:", "credit:", "lea también", "lea más", "lea:", "vea también",
	"mehr themen", "auch lesen", "lesen sie hier", "lesen sie jetzt", "das könnte dich", "das könnte sie",
	"ähnliche", "sharen mit", "teilen sie", "teile diesen", "diesen beitrag teilen", "meistgelesen",
	"meistdiskutiert", "möchten sie den artikel", "weitere tipps", "weitere tourentipps", "weitere news",
	"weitere informationen zum thema", "über den autor", "über die autorin", "about the author",
	"entdecken sie", "autoren:", "von:", "crédits", "credits", "quellen ausblenden", "drucken",
	"wird geladen", "loading", "last modified", "zuletzt aktualisiert", "follow the", "follow us",
	"for the latest", "never miss", "don't miss", "sign up for", "get the latest", "click here",
	"klicken sie hier", "hier klicken", "zum artikel", "zur startseite", "zurück", "back to",
	"previous post", "next post", "vorheriger beitrag", "nächster beitrag", "permalink", "permalien",
	"veröffentlicht in", "kategorie:", "kategorien:", "category:", "categories:", "filed under",
	"posted in", "tagged", "schlagwörter", "stichworte", "plus d'articles", "sur le même thème",
	"à voir aussi", "a voir aussi", "dans la même rubrique", "leia também", "leggi anche", "czytaj więcej",
	"zobacz również", "przeczytaj", "weiterlesen", "mehr lesen", "mehr erfahren", "jetzt abonnieren",
	"jetzt anmelden", "jetzt registrieren", "melden sie sich", "registrieren sie sich", "newsletter:",
	"werbung:", "anzeige:", "advertisement:", "ad:", "sponsored:", "bildergalerie", "fotostrecke",
	"video:", "audio:", "podcast:", "hören sie", "listen to", "watch:", "watch the", NULL,
};

/* Lower-cases ASCII and the Latin-1 capitals (À–Þ) of UTF-8 s in place. */
static void lower_utf8(char *s)
{
	for (unsigned char *p = (unsigned char *)s; *p; p++) {
		if (*p < 0x80)
			*p = (unsigned char)tolower(*p);
		else if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97) {
			p[1] = (unsigned char)(p[1] + 0x20);
			p++;
		}
	}
}

/* A short block, or one that is mostly a link, opening with the words of a
 * teaser, share bar, caption or newsletter box. */
static bool box_lead(const xmlNode *n)
{
	const struct ninfo *I = NI(n);
	if (!I || (I->text > 80 && !(I->text < 400 && link_density(n) > 0.4)))
		return false;
	char *s = art_text(n, 200);
	if (!s)
		return false;
	lower_utf8(s);
	const char *p = s;
	while (*p && !isalnum((unsigned char)*p) && (unsigned char)*p < 0x80)
		p++;
	bool r = starts_with_any(p, box_leads);
	free(s);
	return r;
}

static bool clean_conditionally(struct body *B, xmlNode *n, unsigned total)
{
	const char *t = art_tag(n);
	const struct ninfo *I = NI(n);
	if (!I)
		return false;
	bool list = !strcmp(t, "ul") || !strcmp(t, "ol");
	if (!list && I->text && (double)I->lists / I->text > 0.9)
		list = true;
	if (!strcmp(t, "table") && data_table(n))
		return false;
	int weight = (B->flags & F_WEIGHT_CLASSES) ? class_weight(n) : 0;
	if (weight < 0 && I->text < total / 2)
		return true;
	if (I->commas >= 10)
		return false;
	double ld = link_density(n);
	double hd = I->text ? (double)I->heading / I->text : 0;
	if (I->img > 1 && I->p * 2 < I->img)
		return true;
	if (I->input > I->p / 3)
		return true;
	if (!list && hd < 0.9 && I->text < 25 && (I->img == 0 || I->img > 2) && I->brs == 0)
		return true;
	if (!list && weight < 25 && ld > 0.2)
		return true;
	if (weight >= 25 && ld > 0.5)
		return true;
	if (list && ld > 0.5 && I->text < 600)
		return true;
	if ((I->embed == 1 && I->text < 75) || I->embed > 1)
		return true;
	return false;
}

static void clean_tree(struct body *B, xmlNode *n, unsigned total)
{
	xmlNode *c = n->children;
	while (c) {
		xmlNode *next = c->next;
		if (c->type != XML_ELEMENT_NODE) {
			c = next;
			continue;
		}
		const char *t = art_tag(c);
		struct ninfo *I = NI(c);
		bool remove = false;
		if (!strcmp(t, "figcaption") || !strcmp(t, "figure") || !strcmp(t, "form") ||
		    !strcmp(t, "nav") || !strcmp(t, "aside") || !strcmp(t, "footer") || !strcmp(t, "fieldset"))
			remove = !(I && I->text > total / 2);
		if (!remove) {
			char s[512];
			art_class_id(c, s, sizeof s);
			if ((B->flags & F_STRIP_BOXES) && I && I->text < total / 2 && art_has_any(s, boxes) &&
			    !art_has_any(s, maybe) && !art_has_any(s, lead_classes))
				remove = true;
			if (!remove && (is_heading(t) || !strcmp(t, "p") || !strcmp(t, "div") || !strcmp(t, "strong") ||
					!strcmp(t, "b") || !strcmp(t, "li") || !strcmp(t, "span") || !strcmp(t, "section") ||
					!strcmp(t, "em") || !strcmp(t, "a") || !strcmp(t, "dt")) &&
			    box_lead(c)) {
				/* the lead-in and the list or box it introduces */
				xmlNode *d = next;
				while (d && d->type != XML_ELEMENT_NODE)
					d = d->next;
				if (d && (is_heading(t) || art_tag_is(c, "p")) &&
				    (art_tag_is(d, "ul") || art_tag_is(d, "ol") || link_density(d) > 0.3)) {
					next = d->next;
					drop(d);
				}
				remove = true;
			}
			if (!remove && (is_heading(t)) && (B->flags & F_WEIGHT_CLASSES) && class_weight(c) < 0)
				remove = true;
			if (!remove && (B->flags & F_CLEAN_CONDITIONALLY) && in_list(t, (const char *const[]){"form", "fieldset", "table", "ul", "ol",
									"div", "section", "header", "dl",
									NULL}))
				remove = I && I->text < total && clean_conditionally(B, c, total);
		}
		if (remove)
			drop(c);
		else
			clean_tree(B, c, total);
		c = next;
	}
}

/* ---- 5b. the lead paragraph in the article's header ---- */

static const char *const lead_words[] = {
	"intro", "lead", "teaser", "excerpt", "standfirst", "subheadline", "sub-headline", "subtitle",
	"sub-title", "summary", "description", "dek", "abstract", "perex", "chapeau", "chapo", "entradilla",
	"bajada", "sumario", "vorspann", "anriss", "einleitung", "kicker-text", NULL,
};

static bool picked(xmlNode *const *pick, size_t npick, const xmlNode *n)
{
	for (size_t i = 0; i < npick; i++)
		if (pick[i] == n || is_ancestor(pick[i], n) || is_ancestor(n, pick[i]))
			return true;
	return false;
}

/* The first element before first (in document order) under scope that is
 * classed as an intro or standfirst and reads as one. */
static xmlNode *lead_in(xmlNode *scope, const xmlNode *first, xmlNode *const *pick, size_t npick, bool *stop,
			unsigned depth)
{
	for (xmlNode *c = scope->children; c && !*stop && depth < 64; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (c == first || picked(pick, npick, c)) {
			if (c == first || is_ancestor(c, first))
				*stop = true;
			if (*stop)
				return NULL;
			continue;
		}
		char s[512];
		art_class_id(c, s, sizeof s);
		const struct ninfo *I = NI(c);
		if (I && I->text >= 40 && I->text <= 1200 && link_density(c) < 0.3 && art_has_any(s, lead_words) &&
		    (!art_has_any(s, boxes) || art_has_any(s, lead_classes)))
			return c;
		xmlNode *r = lead_in(c, first, pick, npick, stop, depth + 1);
		if (r || *stop)
			return r;
	}
	return NULL;
}

static xmlNode *find_lead(xmlNode *top, xmlNode *const *pick, size_t npick)
{
	xmlNode *scope = top;
	for (int i = 0; i < 4 && scope->parent && scope->parent->type == XML_ELEMENT_NODE &&
			!art_tag_is(scope->parent, "body") && !art_tag_is(scope->parent, "html");
	     i++) {
		scope = scope->parent;
		if (art_tag_is(scope, "article") || art_tag_is(scope, "main"))
			break;
	}
	if (scope == top)
		return NULL;
	bool stop = false;
	return lead_in(scope, npick ? pick[0] : top, pick, npick, &stop, 0);
}

/* ---- 6. plain text out ---- */

struct out {
	struct buf b;
	int pending; /* 0 nothing, 1 space, 2 line, 3 paragraph */
	bool oom;
};

static void out_break(struct out *o, int level)
{
	if (level > o->pending)
		o->pending = level;
}

static void out_text(struct out *o, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (isspace(*p) || (p[0] == 0xC2 && p[1] == 0xA0)) {
			p += *p == 0xC2 ? 2 : 1;
			out_break(o, 1);
			continue;
		}
		if (o->pending && o->b.len) {
			const char *sep = o->pending == 1 ? " " : o->pending == 2 ? "\n" : "\n\n";
			if (!buf_puts(&o->b, sep))
				o->oom = true;
		}
		o->pending = 0;
		const unsigned char *q = p;
		while (*q && !isspace(*q) && !(q[0] == 0xC2 && q[1] == 0xA0))
			q++;
		if (!buf_append(&o->b, p, (size_t)(q - p)))
			o->oom = true;
		p = q;
	}
}

static void emit(struct out *o, const xmlNode *n, unsigned depth)
{
	if (depth > LIMIT_TREE_DEPTH + 16 || o->oom)
		return;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				out_text(o, (const char *)c->content);
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *t = art_tag(c);
		if (!strcmp(t, "br")) {
			out_break(o, 2);
			continue;
		}
		int level = 0;
		if (!strcmp(t, "li") || !strcmp(t, "tr") || !strcmp(t, "dt") || !strcmp(t, "dd"))
			level = 2;
		else if (!strcmp(t, "td") || !strcmp(t, "th"))
			level = 1;
		else if (is_block(c))
			level = 3;
		out_break(o, level);
		emit(o, c, depth + 1);
		out_break(o, level);
	}
}

/* ---- driver ---- */

/* The whole document: libxml2 sometimes leaves a page's body inside <head>
 * (after an element it does not expect there), so the body element alone
 * may miss the article. */
static xmlNode *find_body(xmlDoc *doc)
{
	return xmlDocGetRootElement(doc);
}

static bool emit_node(struct out *o, xmlNode *n)
{
	out_break(o, 3);
	if (n->type == XML_TEXT_NODE) {
		out_text(o, (const char *)n->content);
	} else {
		emit(o, n, 0);
	}
	out_break(o, 3);
	return !o->oom;
}

static char *run(xmlDoc *doc, unsigned flags, size_t *chars)
{
	struct body B = {.doc = doc, .flags = flags};
	struct out o = {0};
	buf_init(&o.b, LIMIT_PAGE_BYTES * 2);
	xmlNode *body = find_body(doc);
	char *res = NULL;
	*chars = 0;
	if (!body)
		goto done;
	preclean(&B, body, false);
	paragraphize(&B, body);
	if (B.oom)
		goto done;
	size_t k = 0;
	count_nodes(body, &k);
	B.cap = k + 1;
	B.info = calloc(B.cap, sizeof *B.info);
	if (!B.info)
		goto done;
	memset(&B.info[0], 0, sizeof B.info[0]);
	body->_private = &B.info[0];
	B.ninfo = 1;
	attach(&B, body);
	stats(body);
	score_walk(&B, body);
	if (B.oom)
		goto done;
	xmlNode *top = pick_top(&B, body);
	xmlNode *parent = top ? top->parent : NULL;
	if (!top) {
		top = body;
		parent = NULL;
	}
	double ts = NI(top) ? NI(top)->score : 0;
	double threshold = (ts * 0.2 > 10 ? ts * 0.2 : 10);
	const char *tcls = art_attr(top, "class");
	/* Choose siblings, then clean each one. */
	xmlNode **pick = NULL;
	size_t npick = 0, cappick = 0;
	for (xmlNode *s = parent ? parent->children : top; s; s = parent ? s->next : NULL) {
		bool take = false;
		if (s == top) {
			take = true;
		} else if (s->type == XML_ELEMENT_NODE) {
			struct ninfo *S = NI(s);
			double bonus = 0;
			const char *sc = art_attr(s, "class");
			if (tcls && *tcls && sc && !strcmp(sc, tcls))
				bonus = ts * 0.2;
			if (S && S->cand && S->score + bonus >= threshold) {
				take = true;
			} else if (S && art_tag_is(s, "p")) {
				double ld = link_density(s);
				if (S->text > 80 && ld < 0.25)
					take = true;
				else if (S->text > 0 && S->text <= 80 && ld == 0 && ends_sentence(s))
					take = true;
			}
		}
		if (!take)
			continue;
		if (npick == cappick) {
			size_t cap = cappick ? cappick * 2 : 16;
			xmlNode **v = realloc(pick, cap * sizeof *v);
			if (!v)
				goto done_pick;
			pick = v;
			cappick = cap;
		}
		pick[npick++] = s;
	}
	unsigned total = 0;
	for (size_t i = 0; i < npick; i++)
		if (NI(pick[i]))
			total += NI(pick[i])->text;
	xmlNode *lead = parent ? find_lead(top, pick, npick) : NULL;
	for (size_t i = 0; i < npick; i++) {
		clean_tree(&B, pick[i], total);
		stats(pick[i]);
	}
	if (lead && !emit_node(&o, lead))
		goto done_pick;
	for (size_t i = 0; i < npick; i++) {
		if (!emit_node(&o, pick[i]))
			break;
	}
done_pick:
	free(pick);
done:
	free(B.info);
	free(B.cands);
	if (o.oom) {
		buf_finish(&o.b);
		return NULL;
	}
	res = buf_detach(&o.b);
	if (res)
		*chars = art_chars(res);
	return res;
}

char *art_body(xmlDoc *doc, unsigned attempt, size_t *chars)
{
	static const unsigned flags[ART_BODY_ATTEMPTS] = {
		F_STRIP_UNLIKELY | F_WEIGHT_CLASSES | F_CLEAN_CONDITIONALLY | F_STRIP_SEMANTIC | F_STRIP_BOXES,
		F_WEIGHT_CLASSES | F_CLEAN_CONDITIONALLY | F_STRIP_SEMANTIC | F_STRIP_BOXES,
		F_CLEAN_CONDITIONALLY | F_STRIP_BOXES,
		0,
	};
	return run(doc, flags[attempt < ART_BODY_ATTEMPTS ? attempt : ART_BODY_ATTEMPTS - 1], chars);
}
