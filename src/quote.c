/* quote — the pull-quote of an article.
 *
 * The text is decoded once to UTF-16 (ICU's unit) with a map back to byte
 * offsets, so that every quote returned is cut from the original UTF-8 text
 * (whitespace runs collapsed, nothing else changed).
 *
 * Automatic candidates: ICU sentence boundaries ("@ss=standard" suppresses
 * breaks after common abbreviations), runs of 1–3 sentences inside one
 * paragraph, scored by TextRank centrality over IDF-weighted word overlap,
 * overlap with the title and summary, position, completeness, and penalties
 * for questions, calls to action, credits, dates, links and number-only
 * text.  Text fragments follow the WICG "find a range from a text directive"
 * algorithm over a folded copy of the text (NFD, marks removed, case folded,
 * whitespace collapsed) with ICU word boundaries. */
#include "quote.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "buf.h"
#include "limits.h"
#include "textfrag.h"

/* ---------------------------------------------------------------- text */

/* The text as UTF-16 with, for each unit, the byte offset it came from. */
struct doc {
	const char *s;		/* the UTF-8 text */
	size_t n8;
	UChar *u;
	int32_t n;
	size_t *off;		/* off[i]: byte offset of u[i]; off[n] == n8 */
};

static void doc_finish(struct doc *d)
{
	free(d->u);
	free(d->off);
	memset(d, 0, sizeof *d);
}

/* Decodes UTF-8 by hand so that invalid bytes (U+FFFD each) keep the map
 * exact. False on allocation failure or a text over INT32_MAX units. */
static bool doc_init(struct doc *d, const char *s)
{
	memset(d, 0, sizeof *d);
	d->s = s;
	d->n8 = strlen(s);
	if (d->n8 >= (size_t)INT32_MAX / 2)
		return false;
	d->u = malloc((d->n8 + 1) * sizeof *d->u);
	d->off = malloc((d->n8 + 1) * sizeof *d->off);
	if (!d->u || !d->off) {
		doc_finish(d);
		return false;
	}
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int32_t n = 0;
	while (i < d->n8) {
		UChar32 c = 0xFFFD;
		size_t len = 1;
		unsigned char b = p[i];
		if (b < 0x80) {
			c = b;
		} else if (b >= 0xC2 && b <= 0xF4) {
			size_t need = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
			UChar32 v = b & (need == 2 ? 0x1F : need == 3 ? 0x0F : 0x07);
			size_t k = 1;
			for (; k < need && i + k < d->n8 && (p[i + k] & 0xC0) == 0x80; k++)
				v = (v << 6) | (p[i + k] & 0x3F);
			bool valid = k == need && !(need == 3 && v < 0x800) && !(need == 4 && (v < 0x10000 || v > 0x10FFFF)) &&
				     !(v >= 0xD800 && v <= 0xDFFF);
			if (valid) {
				c = v;
				len = need;
			}
		}
		if (c > 0xFFFF) {
			d->u[n] = U16_LEAD(c);
			d->off[n++] = i;
			d->u[n] = U16_TRAIL(c);
			d->off[n++] = i;
		} else {
			d->u[n] = (UChar)c;
			d->off[n++] = i;
		}
		i += len;
	}
	d->off[n] = d->n8;
	d->n = n;
	return true;
}

static bool is_space8(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Bytes [b, e) of s with whitespace runs collapsed to one space (or to a
 * blank line when keep_paras and the run holds a paragraph break), trimmed.
 * Caller frees with free(). */
static char *slice8(const char *s, size_t b, size_t e, bool keep_paras)
{
	char *out = malloc(e - b + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	size_t i = b;
	while (i < e && is_space8((unsigned char)s[i]))
		i++;
	while (i < e) {
		if (!is_space8((unsigned char)s[i])) {
			out[o++] = s[i++];
			continue;
		}
		int nl = 0;
		while (i < e && is_space8((unsigned char)s[i]))
			nl += s[i++] == '\n';
		if (i == e)
			break;
		if (keep_paras && nl >= 2 && o + 2 <= e - b) {
			out[o++] = '\n';
			out[o++] = '\n';
		} else {
			out[o++] = ' ';
		}
	}
	out[o] = '\0';
	return out;
}

static char *doc_slice(const struct doc *d, int32_t b, int32_t e, bool keep_paras)
{
	return slice8(d->s, d->off[b], d->off[e], keep_paras);
}

/* u_isUWhiteSpace with the ASCII answer inline (White_Space in ASCII is
 * TAB..CR and SPACE): called on every unit of every article. */
static inline bool is_uws(UChar32 c)
{
	if (c < 0x80)
		return c == ' ' || (c >= 0x09 && c <= 0x0D);
	return u_isUWhiteSpace(c);
}

/* Code points of [b, e) once whitespace runs are collapsed and trimmed. */
static size_t norm_len(const struct doc *d, int32_t b, int32_t e)
{
	size_t n = 0;
	bool pending = false, any = false;
	for (int32_t i = b; i < e; i++) {
		if (U16_IS_TRAIL(d->u[i]))
			continue;
		if (is_uws(d->u[i])) {
			pending = any;
			continue;
		}
		n += 1 + pending;
		pending = false;
		any = true;
	}
	return n;
}

/* ----------------------------------------------------------- text fragments */

/* The folded text: one code point per entry, each with the UTF-16 range of
 * the original it stands for.  Folding: NFD, nonspacing marks dropped, case
 * folded, typographic apostrophes and quotes made ASCII, whitespace runs made
 * one space. */
struct folded {
	UChar32 *c;
	int32_t *from, *to;	/* original UTF-16 range of c[i] */
	size_t n, cap;
};

static void folded_finish(struct folded *f)
{
	free(f->c);
	free(f->from);
	free(f->to);
	memset(f, 0, sizeof *f);
}

static bool folded_push(struct folded *f, UChar32 c, int32_t from, int32_t to)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 256;
		UChar32 *nc = realloc(f->c, cap * sizeof *nc);
		if (!nc)
			return false;
		f->c = nc;
		int32_t *nf = realloc(f->from, cap * sizeof *nf);
		if (!nf)
			return false;
		f->from = nf;
		int32_t *nt = realloc(f->to, cap * sizeof *nt);
		if (!nt)
			return false;
		f->to = nt;
		f->cap = cap;
	}
	f->c[f->n] = c;
	f->from[f->n] = from;
	f->to[f->n] = to;
	f->n++;
	return true;
}

static UChar32 fold_simple(UChar32 c)
{
	switch (c) {
	case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x02BC:
		return '\'';
	case 0x201C: case 0x201D: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2212:
		return '-';
	default:
		return u_foldCase(c, U_FOLD_CASE_DEFAULT);
	}
}

static bool fold_units(const UChar *u, int32_t n, struct folded *f)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
	if (U_FAILURE(err))
		return false;
	bool space = false;
	int32_t i = 0;
	while (i < n) {
		int32_t start = i;
		UChar32 c;
		U16_NEXT(u, i, n, c);
		if (is_uws(c)) {
			if (!space && f->n > 0 && !folded_push(f, ' ', start, i))
				return false;
			if (space && f->n > 0)
				f->to[f->n - 1] = i;
			space = true;
			continue;
		}
		space = false;
		/* ASCII folds to itself, lower-cased: skip ICU for the common case
		 * (this loop runs over every character of every article). */
		if (c < 0x80) {
			if (!folded_push(f, fold_simple(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c), start, i))
				return false;
			continue;
		}
		UChar dec[32];
		err = U_ZERO_ERROR;
		int32_t dn = unorm2_getDecomposition(nfd, c, dec, 32, &err);
		if (dn < 0 || U_FAILURE(err)) {
			dec[0] = 0;
			dn = 0;
			U16_APPEND_UNSAFE(dec, dn, c);
		}
		/* full case folding (ß → ss), then marks dropped again (İ → i̇) */
		UChar fold[64];
		err = U_ZERO_ERROR;
		int32_t fn = u_strFoldCase(fold, 64, dec, dn, U_FOLD_CASE_DEFAULT, &err);
		if (U_FAILURE(err) || fn > 64) {
			memcpy(fold, dec, (size_t)dn * sizeof *dec);
			fn = dn;
		}
		int32_t k = 0;
		while (k < fn) {
			UChar32 dc;
			U16_NEXT(fold, k, fn, dc);
			if (u_charType(dc) == U_NON_SPACING_MARK)
				continue;
			if (!folded_push(f, fold_simple(dc), start, i))
				return false;
		}
	}
	if (f->n > 0 && f->c[f->n - 1] == ' ')
		f->n--;
	return true;
}

static bool fold_utf8(const char *s, struct folded *f)
{
	struct doc d;
	if (!doc_init(&d, s))
		return false;
	bool ok = fold_units(d.u, d.n, f);
	doc_finish(&d);
	return ok;
}

struct matcher {
	const struct doc *d;
	struct folded t;	/* the folded text */
	UBreakIterator *words;	/* word boundaries of the original text */
};

static bool at_word_boundary(const struct matcher *m, int32_t u16)
{
	if (u16 <= 0 || u16 >= m->d->n)
		return true;
	return ubrk_isBoundary(m->words, u16);
}

/* Finds needle in the folded text at or after *pos, starting and ending on
 * word boundaries of the original; [*b, *e) in folded units. */
static bool find_term(const struct matcher *m, const struct folded *needle, size_t pos, size_t limit, size_t *b,
		      size_t *e)
{
	if (needle->n == 0)
		return false;
	if (limit > m->t.n)
		limit = m->t.n;
	for (size_t i = pos; i + needle->n <= limit; i++) {
		if (m->t.c[i] != needle->c[0])
			continue;
		size_t k = 1;
		while (k < needle->n && m->t.c[i + k] == needle->c[k])
			k++;
		if (k < needle->n)
			continue;
		/* a code point split by folding (ŉ → ʼn) cannot start or end a match */
		if (i > 0 && m->t.from[i - 1] == m->t.from[i])
			continue;
		size_t j = i + needle->n;
		if (j < m->t.n && m->t.from[j] == m->t.from[j - 1])
			continue;
		if (!at_word_boundary(m, m->t.from[i]) || !at_word_boundary(m, m->t.to[j - 1]))
			continue;
		*b = i;
		*e = j;
		return true;
	}
	return false;
}

/* True when needle sits at folded position p, after at most one space. */
static bool term_follows(const struct matcher *m, const struct folded *needle, size_t p, size_t *e)
{
	if (p < m->t.n && m->t.c[p] == ' ')
		p++;
	size_t b;
	return find_term(m, needle, p, p + needle->n, &b, e) && b == p;
}

/* True when needle ends at folded position p, before at most one space. */
static bool term_precedes(const struct matcher *m, const struct folded *needle, size_t p)
{
	if (p > 0 && m->t.c[p - 1] == ' ')
		p--;
	if (p < needle->n)
		return false;
	size_t b, e;
	if (!find_term(m, needle, p - needle->n, p, &b, &e))
		return false;
	return e == p;
}

/* One directive: WICG "find a range from a text directive". Returns the
 * folded range [*rb, *re); false when absent. */
static bool match_directive(const struct matcher *m, const struct textfrag *tf, size_t *rb, size_t *re)
{
	struct folded fp = {0}, fs = {0}, fe = {0}, fx = {0};
	bool found = false;
	if ((tf->prefix && !fold_utf8(tf->prefix, &fp)) || !fold_utf8(tf->start, &fs) ||
	    (tf->end && !fold_utf8(tf->end, &fe)) || (tf->suffix && !fold_utf8(tf->suffix, &fx)))
		goto out;
	if (fs.n == 0 || (tf->end && fe.n == 0))
		goto out;
	size_t pos = 0;
	while (pos < m->t.n) {
		size_t sb, se;
		if (!find_term(m, &fs, pos, m->t.n, &sb, &se))
			break;
		pos = sb + 1;
		if (tf->prefix && !term_precedes(m, &fp, sb))
			continue;
		if (!tf->end) {
			size_t xe;
			if (tf->suffix && !term_follows(m, &fx, se, &xe))
				continue;
			*rb = sb;
			*re = se;
			found = true;
			break;
		}
		size_t epos = se;
		bool ended = false;
		while (epos < m->t.n) {
			size_t eb, ee, xe;
			if (!find_term(m, &fe, epos, m->t.n, &eb, &ee))
				break;
			epos = eb + 1;
			if (tf->suffix && !term_follows(m, &fx, ee, &xe))
				continue;
			*rb = sb;
			*re = ee;
			ended = true;
			break;
		}
		/* the first end (with its suffix) after this start is the answer;
		 * when there is none, later starts find none either */
		found = ended;
		break;
	}
out:
	folded_finish(&fp);
	folded_finish(&fs);
	folded_finish(&fe);
	folded_finish(&fx);
	return found;
}

/* Joins excerpts the way the posts do: within a paragraph "passage… next"
 * after a cut, "passage. … next" after a full stop; an excerpt from another
 * paragraph starts a new paragraph with the ellipsis ("\n\n…next"), as the
 * blockquotes of the posts show. */
static bool join_excerpt(struct buf *b, const char *piece, bool new_para)
{
	if (b->len > 0) {
		unsigned char last = (unsigned char)b->data[b->len - 1];
		bool stop = last == '.' || last == '!' || last == '?' || last == '"' || last == ')' ||
			    (b->len >= 3 && (memcmp(b->data + b->len - 3, "\xE2\x80\x9D", 3) == 0 ||
					     memcmp(b->data + b->len - 3, "\xE2\x80\xA6", 3) == 0));
		const char *sep = new_para ? "\n\n\xE2\x80\xA6" : stop ? " \xE2\x80\xA6 " : "\xE2\x80\xA6 ";
		if (!buf_puts(b, sep))
			return false;
	}
	return buf_puts(b, piece);
}

/* True when bytes [b, e) of s hold a paragraph break (a blank line). */
static bool has_para_break(const char *s, size_t b, size_t e)
{
	for (size_t i = b; i < e; i++) {
		if (s[i] != '\n')
			continue;
		size_t j = i + 1;
		while (j < e && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\f'))
			j++;
		if (j < e && s[j] == '\n')
			return true;
	}
	return false;
}

char *quote_from_directive(const char *text, const char *directive)
{
	if (!text || !directive)
		return NULL;
	struct textfrag_list tl = {0};
	struct doc d = {0};
	struct matcher m = {.d = &d};
	struct buf out;
	buf_init(&out, LIMIT_FIELD_BYTES);
	char *res = NULL;
	bool any = false;
	if (!textfrag_parse(directive, &tl) || tl.n == 0)
		goto out;
	if (!doc_init(&d, text) || !fold_units(d.u, d.n, &m.t))
		goto out;
	UErrorCode err = U_ZERO_ERROR;
	m.words = ubrk_open(UBRK_WORD, "", d.u, d.n, &err);
	if (U_FAILURE(err))
		goto out;
	size_t prev_b = 0, prev_e = 0;
	for (size_t i = 0; i < tl.n; i++) {
		size_t rb, re;
		if (!match_directive(&m, &tl.v[i], &rb, &re))
			continue;
		size_t b8 = d.off[m.t.from[rb]], e8 = d.off[m.t.to[re - 1]];
		bool new_para = any && (prev_e <= b8 ? has_para_break(text, prev_e, b8)
						      : has_para_break(text, b8 < prev_b ? b8 : prev_b,
								       e8 > prev_e ? e8 : prev_e));
		prev_b = b8;
		prev_e = e8;
		char *piece = doc_slice(&d, m.t.from[rb], m.t.to[re - 1], true);
		if (!piece || !join_excerpt(&out, piece, new_para)) {
			free(piece);
			goto out;
		}
		free(piece);
		any = true;
	}
	if (any)
		res = buf_detach(&out);
out:
	buf_finish(&out);
	if (m.words)
		ubrk_close(m.words);
	folded_finish(&m.t);
	doc_finish(&d);
	textfrag_list_finish(&tl);
	return res;
}

/* ------------------------------------------------------------- arithmetic */

/* Natural logarithm and square root for the scores, without libm (the core
 * library links no math library). Inputs are positive and moderate. */
static double q_ln(double x)
{
	if (x <= 0)
		return 0;
	int e = 0;
	while (x >= 2) {
		x /= 2;
		e++;
	}
	while (x < 1) {
		x *= 2;
		e--;
	}
	double z = (x - 1) / (x + 1), z2 = z * z, term = z, sum = 0;
	for (int k = 1; k < 40; k += 2) {
		sum += term / k;
		term *= z2;
	}
	return 2 * sum + e * 0.69314718055994530942;
}

static double q_sqrt(double x)
{
	if (x <= 0)
		return 0;
	double r = x > 1 ? x : 1;
	for (int i = 0; i < 60; i++)
		r = 0.5 * (r + x / r);
	return r;
}

/* ------------------------------------------------------------- word lists */

static const char *const stop_en[] = {
	"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "aren't",
	"as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
	"can't", "cannot", "could", "did", "do", "does", "doing", "don't", "down", "during", "each", "even", "ever",
	"every", "few", "for", "from", "further", "get", "got", "had", "has", "have", "having", "he", "her", "here",
	"hers", "herself", "him", "himself", "his", "how", "i", "i'm", "if", "in", "into", "is", "isn't", "it",
	"it's", "its", "itself", "just", "let", "like", "made", "make", "many", "may", "me", "might", "more", "most",
	"much", "must", "my", "myself", "need", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only",
	"or", "other", "our", "ours", "ourselves", "out", "over", "own", "really", "said", "same", "say", "says",
	"see", "she", "should", "so", "some", "still", "such", "than", "that", "that's", "the", "their", "theirs",
	"them", "themselves", "then", "there", "there's", "these", "they", "they're", "thing", "things", "this",
	"those", "through", "to", "too", "two", "under", "until", "up", "us", "use", "very", "was", "way", "we",
	"we're", "well", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
	"would", "yet", "you", "you're", "your", "yours", "yourself",
};

static const char *const stop_fr[] = {
	"au", "aux", "avec", "ce", "ces", "cette", "dans", "de", "des", "du", "elle", "elles", "en", "est", "et",
	"être", "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me", "même", "mes",
	"moi", "mon", "ne", "nos", "notre", "nous", "on", "ont", "ou", "où", "par", "pas", "plus", "pour", "qu",
	"que", "qui", "sa", "se", "ses", "son", "sont", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une",
	"vos", "votre", "vous", "y", "c'est", "l'", "d'", "qu'", "n'", "s'", "été", "fait", "faire", "comme", "si",
};

static const char *const stop_de[] = {
	"aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "da", "das", "dass", "dem", "den",
	"der", "des", "die", "dies", "diese", "dieser", "doch", "du", "durch", "ein", "eine", "einem", "einen",
	"einer", "eines", "er", "es", "für", "hat", "hatte", "ich", "ihr", "im", "in", "ist", "ja", "kann", "man",
	"mit", "nach", "nicht", "noch", "nur", "oder", "sich", "sie", "sind", "so", "um", "und", "uns", "vom",
	"von", "vor", "war", "was", "wenn", "wie", "wir", "wird", "zu", "zum", "zur", "über", "werden", "wurde",
};

/* Openers that lean on a previous sentence (a quote starting with them
 * dangles). */
static const char *const dangling[] = {
	"this", "that", "these", "those", "it", "its", "they", "them", "their", "he", "she", "his", "her",
	"however", "but", "and", "or", "so", "also", "moreover", "furthermore", "therefore", "thus", "hence",
	"yet", "still", "then", "instead", "besides", "meanwhile", "likewise", "similarly", "otherwise",
	"indeed", "which", "such", "nevertheless", "nonetheless", "plus", "another", "again", "conversely",
	"consequently", "accordingly", "finally", "second", "secondly", "third", "lastly", "here",
	/* fr, de */
	"mais", "cependant", "pourtant", "ceci", "cela", "ça", "donc", "ainsi", "ils", "elles", "il", "elle",
	"aber", "jedoch", "dies", "dieser", "diese", "dabei", "deshalb", "daher", "also", "sie",
};

/* Words of calls to action and page furniture. */
static const char *const cta[] = {
	"subscribe", "subscribing", "newsletter", "click", "sign up", "signup", "log in", "login", "register now",
	"download now", "free download", "share this", "follow us", "follow me", "read more", "continue reading",
	"leave a comment", "in the comments", "buy now", "free trial", "rss feed", "cookies", "all rights reserved",
	"abonnez", "inscrivez", "cliquez", "partagez", "abonnieren", "klicken", "teilen",
};

static const char *const credits[] = {
	"photo:", "photo by", "photo courtesy", "photo credit", "image:", "image via", "image courtesy",
	"image by", "image credit", "credit:", "credits:", "courtesy of", "via flickr", "\xC2\xA9", "(c)",
	"copyright", "source:", "illustration:", "illustration by",
};

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
	"dec", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
	"novembre", "décembre", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
};

static bool in_list(const char *const *list, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], w) == 0)
			return true;
	return false;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ASCII-lower-cased copy for phrase look-ups (other bytes kept). */
static char *lower8(const char *s)
{
	size_t n = strlen(s);
	char *l = malloc(n + 1);
	if (!l)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		l[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
	return l;
}

static bool has_phrase(const char *lower, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *p = lower;
		size_t len = strlen(list[i]);
		while ((p = strstr(p, list[i]))) {
			bool left = p == lower || !((p[-1] >= 'a' && p[-1] <= 'z'));
			bool right = !((p[len] >= 'a' && p[len] <= 'z'));
			if ((left && right) || !((list[i][0] >= 'a' && list[i][0] <= 'z')))
				return true;
			p++;
		}
	}
	return false;
}

/* ------------------------------------------------------------- vocabulary */

struct vocab {
	char **w;
	int *df;
	size_t n, cap;
	int32_t *slot;		/* open addressing: index + 1, 0 empty */
	size_t nslot;
};

static void vocab_finish(struct vocab *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->w[i]);
	free(v->w);
	free(v->df);
	free(v->slot);
	memset(v, 0, sizeof *v);
}

static uint64_t hash8(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static bool vocab_grow(struct vocab *v)
{
	size_t ns = v->nslot ? v->nslot * 2 : 1024;
	int32_t *slot = calloc(ns, sizeof *slot);
	if (!slot)
		return false;
	for (size_t i = 0; i < v->n; i++) {
		size_t h = hash8(v->w[i]) & (ns - 1);
		while (slot[h])
			h = (h + 1) & (ns - 1);
		slot[h] = (int32_t)i + 1;
	}
	free(v->slot);
	v->slot = slot;
	v->nslot = ns;
	return true;
}

/* The id of w, added when new; -1 on allocation failure. */
static int vocab_id(struct vocab *v, const char *w, bool add)
{
	if (v->nslot == 0 && !vocab_grow(v))
		return -1;
	size_t h = hash8(w) & (v->nslot - 1);
	while (v->slot[h]) {
		int id = v->slot[h] - 1;
		if (strcmp(v->w[id], w) == 0)
			return id;
		h = (h + 1) & (v->nslot - 1);
	}
	if (!add)
		return -2;
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 256;
		char **nw = realloc(v->w, cap * sizeof *nw);
		if (!nw)
			return -1;
		v->w = nw;
		int *nd = realloc(v->df, cap * sizeof *nd);
		if (!nd)
			return -1;
		v->df = nd;
		v->cap = cap;
	}
	char *copy = strdup(w);
	if (!copy)
		return -1;
	v->w[v->n] = copy;
	v->df[v->n] = 0;
	v->slot[h] = (int32_t)v->n + 1;
	v->n++;
	if (v->n * 2 > v->nslot && !vocab_grow(v))
		return -1;
	return (int)v->n - 1;
}

/* ------------------------------------------------------------- sentences */

enum {
	SF_QUESTION = 1 << 0,
	SF_CTA = 1 << 1,
	SF_CREDIT = 1 << 2,
	SF_DATE = 1 << 3,
	SF_LINK = 1 << 4,
	SF_NUMERIC = 1 << 5,
	SF_NOSTOP = 1 << 6,	/* no terminal punctuation */
	SF_LOWER = 1 << 7,	/* starts in lower case: a split or a cut */
	SF_DANGLING = 1 << 8,	/* first word leans on what came before */
};

struct sent {
	int32_t b, e;		/* UTF-16 range, trimmed */
	int para;
	int *w;			/* distinct content word ids, sorted */
	int nw;
	int ntok;		/* word tokens, stopwords included */
	double tr;		/* TextRank, mean 1 */
	unsigned flags;
};

struct analysis {
	struct doc d;
	struct sent *s;
	size_t n, cap;
	int npara;
	struct vocab v;
	const char *lang;
};

static void analysis_finish(struct analysis *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->s[i].w);
	free(a->s);
	vocab_finish(&a->v);
	doc_finish(&a->d);
	memset(a, 0, sizeof *a);
}

static int cmp_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

static int cmp_i32(const void *x, const void *y)
{
	int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
	return (a > b) - (a < b);
}

static bool lang_is(const char *lang, const char *two)
{
	return strncmp(lang, two, 2) == 0 && (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

/* Light English plural stripping so "community" meets "communities". */
static void stem_en(char *w)
{
	size_t n = strlen(w);
	if (n > 4 && strcmp(w + n - 3, "ies") == 0) {
		strcpy(w + n - 3, "y");
	} else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i' &&
		   w[n - 2] != '\'') {
		w[n - 1] = '\0';
	} else if (n > 3 && strcmp(w + n - 2, "'s") == 0) {
		w[n - 2] = '\0';
	}
}

/* Truncation stemming, language-agnostic: words meet on their first
 * STEM_CPS code points ("culture", "cultural" → "cultur"). */
#ifndef STEM_CPS
#define STEM_CPS 6
#endif
static void truncate_key(char *w)
{
	int cps = 0;
	for (char *p = w; *p; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80 && cps++ == STEM_CPS) {
			*p = '\0';
			return;
		}
	}
}

/* A word list as an open-addressing hash set, built on first use: every
 * token of every article is looked up (a linear scan of the 170 English
 * stopwords was a tenth of extracting a page). */
struct wordset {
	const char *slot[512];	/* a power of two, over twice the longest list */
	bool built;
};

static void wordset_build(struct wordset *ws, const char *const *list, size_t n)
{
	size_t mask = COUNT(ws->slot) - 1;
	for (size_t i = 0; i < n; i++) {
		size_t h = hash8(list[i]) & mask;
		while (ws->slot[h] && strcmp(ws->slot[h], list[i]) != 0)
			h = (h + 1) & mask;
		ws->slot[h] = list[i];
	}
	ws->built = true;
}

static bool wordset_has(struct wordset *ws, const char *const *list, size_t n, const char *w)
{
	if (!ws->built)
		wordset_build(ws, list, n);
	size_t mask = COUNT(ws->slot) - 1;
	for (size_t h = hash8(w) & mask; ws->slot[h]; h = (h + 1) & mask)
		if (strcmp(ws->slot[h], w) == 0)
			return true;
	return false;
}

static bool is_stop(const char *lang, const char *w)
{
	static struct wordset en, fr, de;
	if (wordset_has(&en, stop_en, COUNT(stop_en), w))
		return true;
	if (lang_is(lang, "fr"))
		return wordset_has(&fr, stop_fr, COUNT(stop_fr), w);
	if (lang_is(lang, "de"))
		return wordset_has(&de, stop_de, COUNT(stop_de), w);
	return false;
}

/* Folds a UTF-16 token to a UTF-8 key (case folded, ’ made '). False when it
 * does not fit (very long tokens are not words worth matching). */
static bool token_key(const UChar *u, int32_t n, char *out, size_t outsz)
{
	UChar tmp[128];
	if (n <= 0 || n > 64)
		return false;
	/* ASCII folds to itself lower-cased: no ICU for the common token */
	int32_t i = 0;
	while (i < n && u[i] < 0x80)
		i++;
	if (i == n && (size_t)n < outsz) {
		for (i = 0; i < n; i++)
			out[i] = (char)(u[i] >= 'A' && u[i] <= 'Z' ? u[i] + ('a' - 'A') : u[i]);
		out[n] = '\0';
		return true;
	}
	UErrorCode err = U_ZERO_ERROR;
	int32_t fn = u_strFoldCase(tmp, 128, u, n, U_FOLD_CASE_DEFAULT, &err);
	if (U_FAILURE(err) || fn <= 0 || fn >= 128)
		return false;
	for (i = 0; i < fn; i++)
		if (tmp[i] == 0x2019)
			tmp[i] = '\'';
	int32_t len = 0;
	err = U_ZERO_ERROR;
	u_strToUTF8(out, (int32_t)outsz, &len, tmp, fn, &err);
	return U_SUCCESS(err) && len > 0 && (size_t)len < outsz;
}

static bool sentence_words(struct analysis *a, UBreakIterator *wb, const UChar *u, int32_t n, bool add, int **ids,
			   int *nids, int *ntok, char *first, size_t firstsz)
{
	UErrorCode err = U_ZERO_ERROR;
	ubrk_setText(wb, u, n, &err);
	if (U_FAILURE(err))
		return false;
	int cap = 16, k = 0, tok = 0;
	int *v = malloc((size_t)cap * sizeof *v);
	if (!v)
		return false;
	if (first)
		first[0] = '\0';
	int32_t b = ubrk_first(wb);
	for (int32_t e = ubrk_next(wb); e != UBRK_DONE; b = e, e = ubrk_next(wb)) {
		int32_t st = ubrk_getRuleStatus(wb);
		if (st < UBRK_WORD_NONE_LIMIT)
			continue;
		char key[256];
		if (!token_key(u + b, e - b, key, sizeof key))
			continue;
		if (first && tok == 0) {
			size_t kl = strlen(key);
			if (kl >= firstsz)
				kl = firstsz - 1;
			memcpy(first, key, kl);
			first[kl] = '\0';
		}
		tok++;
		if (st < UBRK_WORD_NUMBER_LIMIT)
			continue;	/* numbers carry no topic */
		if (is_stop(a->lang, key))
			continue;
		if (lang_is(a->lang, "en"))
			stem_en(key);
		truncate_key(key);
		int id = vocab_id(&a->v, key, add);
		if (id == -1) {
			free(v);
			return false;
		}
		if (id < 0)
			continue;
		if (k == cap) {
			cap *= 2;
			int *nv = realloc(v, (size_t)cap * sizeof *nv);
			if (!nv) {
				free(v);
				return false;
			}
			v = nv;
		}
		v[k++] = id;
	}
	qsort(v, (size_t)k, sizeof *v, cmp_int);
	int m = 0;
	for (int i = 0; i < k; i++)
		if (m == 0 || v[m - 1] != v[i])
			v[m++] = v[i];
	*ids = v;
	*nids = m;
	if (ntok)
		*ntok = tok;
	return true;
}

/* Break iterators are costly to open: the sentence one, with ICU's
 * abbreviation suppressions, builds a trie each time (about 4 million
 * instructions, a third of extracting a page). A run sees one or two
 * languages, so one iterator of each kind per locale is kept and reused;
 * every use sets its text first. Not thread-safe, like the rest of reads.
 * When full, the least recently used iterator goes: a run over many pages
 * sees a dozen locales ("de", "de-DE", "en-US"…) but mostly two or three. */
static struct {
	UBreakIteratorType type;
	char locale[64];
	UBreakIterator *it;
	bool in_use;
	unsigned long used;	/* last use, for eviction */
} brk_cache[12];
static unsigned long brk_clock;

/* An iterator of `type` for `locale` (NULL with *err set on failure). Give it
 * back with brk_put(). */
static UBreakIterator *brk_get(UBreakIteratorType type, const char *tag, UErrorCode *err)
{
	/* keyed by ICU's own form of the locale ("de-de", "de_DE" and "de-DE"
	 * are one locale to ICU: it makes the same iterator) */
	char locale[64];
	UErrorCode cerr = U_ZERO_ERROR;
	int32_t cl = uloc_getName(tag, locale, (int32_t)sizeof locale, &cerr);
	if (U_FAILURE(cerr) || cl <= 0 || cl >= (int32_t)sizeof locale || cerr == U_STRING_NOT_TERMINATED_WARNING)
		snprintf(locale, sizeof locale, "%s", tag);
	size_t n = sizeof brk_cache / sizeof *brk_cache, spare = n;
	for (size_t i = 0; i < n; i++) {
		if (brk_cache[i].it && !brk_cache[i].in_use && brk_cache[i].type == type &&
		    strcmp(brk_cache[i].locale, locale) == 0) {
			brk_cache[i].in_use = true;
			brk_cache[i].used = ++brk_clock;
			return brk_cache[i].it;
		}
		/* an empty slot, else the least recently used one not in use */
		if (!brk_cache[i].in_use &&
		    (spare == n || (brk_cache[spare].it && (!brk_cache[i].it || brk_cache[i].used < brk_cache[spare].used))))
			spare = i;
	}
	if (strlen(tag) >= sizeof brk_cache[0].locale)
		spare = n;
	UBreakIterator *it = ubrk_open(type, tag, NULL, 0, err);
	if (U_FAILURE(*err)) {
		if (it)
			ubrk_close(it);
		return NULL;
	}
	if (spare < n) {
		if (brk_cache[spare].it)
			ubrk_close(brk_cache[spare].it);
		brk_cache[spare].type = type;
		snprintf(brk_cache[spare].locale, sizeof brk_cache[spare].locale, "%s", locale);
		brk_cache[spare].it = it;
		brk_cache[spare].in_use = true;
		brk_cache[spare].used = ++brk_clock;
	}
	return it;
}

/* Returns an iterator from brk_get() (closes it when it was not kept). */
static void brk_put(UBreakIterator *it)
{
	if (!it)
		return;
	for (size_t i = 0; i < sizeof brk_cache / sizeof *brk_cache; i++)
		if (brk_cache[i].it == it) {
			brk_cache[i].in_use = false;
			return;
		}
	ubrk_close(it);
}

/* Tokens of a UTF-8 string (title, summary) as sorted distinct content ids
 * of the vocabulary (words absent from the text are dropped). */
static bool key_words(struct analysis *a, const char *s, int **ids, int *n)
{
	*ids = NULL;
	*n = 0;
	if (!s || !*s)
		return true;
	struct doc d;
	if (!doc_init(&d, s))
		return false;
	UErrorCode err = U_ZERO_ERROR;
	UBreakIterator *wb = brk_get(UBRK_WORD, a->lang, &err);
	bool ok = U_SUCCESS(err) && sentence_words(a, wb, d.u, d.n, false, ids, n, NULL, NULL, 0);
	brk_put(wb);
	doc_finish(&d);
	return ok;
}

static int overlap(const int *x, int nx, const int *y, int ny, const struct vocab *v, double *weight, int ndocs)
{
	int i = 0, j = 0, c = 0;
	double w = 0;
	while (i < nx && j < ny) {
		if (x[i] < y[j]) {
			i++;
		} else if (x[i] > y[j]) {
			j++;
		} else {
			c++;
			if (weight)
				w += q_ln(1.0 + (double)ndocs / (double)(v->df[x[i]] > 0 ? v->df[x[i]] : 1));
			i++;
			j++;
		}
	}
	if (weight)
		*weight = w;
	return c;
}

/* Flags of one sentence from its normalised text. */
static unsigned sentence_flags(const char *t, const char *first, int ntok)
{
	unsigned f = 0;
	size_t n = strlen(t);
	char *l = lower8(t);
	/* end, ignoring closing quotes and brackets */
	size_t e = n;
	while (e > 0) {
		unsigned char c = (unsigned char)t[e - 1];
		if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') {
			e--;
		} else if (e >= 3 && (memcmp(t + e - 3, "\xE2\x80\x9D", 3) == 0 || memcmp(t + e - 3, "\xE2\x80\x99", 3) == 0)) {
			e -= 3;
		} else if (e >= 2 && memcmp(t + e - 2, "\xC2\xBB", 2) == 0) {
			e -= 2;
		} else {
			break;
		}
	}
	if (e > 0 && (t[e - 1] == '?' || (e >= 3 && memcmp(t + e - 3, "\xEF\xBC\x9F", 3) == 0)))
		f |= SF_QUESTION;
	bool stop = e > 0 && (t[e - 1] == '.' || t[e - 1] == '!' || t[e - 1] == '?' || t[e - 1] == ':' ||
			      (e >= 3 && (memcmp(t + e - 3, "\xE2\x80\xA6", 3) == 0 ||
					  memcmp(t + e - 3, "\xE3\x80\x82", 3) == 0 ||
					  memcmp(t + e - 3, "\xEF\xBC\x81", 3) == 0)));
	if (!stop)
		f |= SF_NOSTOP;
	/* first letter */
	struct doc d;
	if (doc_init(&d, t)) {
		int32_t i = 0;
		while (i < d.n) {
			UChar32 c;
			U16_NEXT(d.u, i, d.n, c);
			if (u_isalpha(c)) {
				if (u_isULowercase(c))
					f |= SF_LOWER;
				break;
			}
			if (u_isdigit(c))
				break;
		}
		int letters = 0, digits = 0;
		i = 0;
		while (i < d.n) {
			UChar32 c;
			U16_NEXT(d.u, i, d.n, c);
			letters += u_isalpha(c) != 0;
			digits += u_isdigit(c) != 0;
		}
		if (letters < 2 * digits || ntok < 1)
			f |= SF_NUMERIC;
		doc_finish(&d);
	}
	if (first && in_list(dangling, COUNT(dangling), first))
		f |= SF_DANGLING;
	if (l) {
		if (has_phrase(l, cta, COUNT(cta)))
			f |= SF_CTA;
		if (has_phrase(l, credits, COUNT(credits)))
			f |= SF_CREDIT;
		if (strstr(l, "http://") || strstr(l, "https://") || strstr(l, "www.") || strstr(l, " | ") ||
		    strstr(l, "\xC2\xBB ") || strstr(l, "\xE2\x80\xA2"))
			f |= SF_LINK;
		/* a date line: a month name next to a number in a short sentence */
		bool has_digit = strpbrk(l, "0123456789") != NULL;
		if (has_digit && ntok <= 12 && has_phrase(l, months, COUNT(months)))
			f |= SF_DATE;
		if (strstr(l, "posted on") || strstr(l, "published on") || strstr(l, "updated on"))
			f |= SF_DATE;
		free(l);
	}
	return f;
}

/* One edge of the sentence graph. */
struct edge {
	int32_t to;
	float sim;		/* stored as float, as the ranks always used it */
	double coef;		/* sim / the neighbour's (floored) out-degree */
};

struct adj {
	struct edge *e;
	int32_t n, cap;
};

static bool adj_push(struct adj *l, int32_t to, float sim)
{
	if (l->n == l->cap) {
		int32_t cap = l->cap ? l->cap * 2 : 8;
		struct edge *ne = realloc(l->e, (size_t)cap * sizeof *ne);
		if (!ne)
			return false;
		l->e = ne;
		l->cap = cap;
	}
	l->e[l->n].to = to;
	l->e[l->n].sim = sim;
	l->e[l->n].coef = 0;
	l->n++;
	return true;
}

/* TextRank over the sentences of a (sets a->s[i].tr, mean 1). Sentences of
 * one paragraph do not support each other. False on allocation failure. */
static bool textrank(struct analysis *a)
{
	size_t ns = a->n, nv = a->v.n;
	bool ok = false;
	double *idf = malloc((nv ? nv : 1) * sizeof *idf);
	double *lnw = malloc(ns * sizeof *lnw);
	double *w = calloc(ns, sizeof *w);
	int32_t *post_start = calloc(nv + 1, sizeof *post_start);
	int32_t *post = NULL, *fill = calloc(nv + 1, sizeof *fill);
	int32_t *touched = malloc(ns * sizeof *touched);
	struct adj *g = calloc(ns, sizeof *g);
	double *rowsum = calloc(ns, sizeof *rowsum);
	double *tr = malloc(ns * sizeof *tr);
	double *nx = malloc(ns * sizeof *nx);
	if (!idf || !lnw || !w || !post_start || !fill || !touched || !g || !rowsum || !tr || !nx)
		goto out;
	for (size_t v = 0; v < nv; v++)
		idf[v] = q_ln(1.0 + (double)(int)ns / (double)(a->v.df[v] > 0 ? a->v.df[v] : 1));
	/* postings: for each word, its sentences in ascending order */
	size_t total = 0;
	for (size_t i = 0; i < ns; i++) {
		lnw[i] = q_ln(2.0 + a->s[i].nw);
		for (int k = 0; k < a->s[i].nw; k++)
			post_start[a->s[i].w[k] + 1]++;
		total += (size_t)a->s[i].nw;
	}
	for (size_t v = 0; v < nv; v++)
		post_start[v + 1] += post_start[v];
	post = malloc((total ? total : 1) * sizeof *post);
	if (!post)
		goto out;
	for (size_t i = 0; i < ns; i++)
		for (int k = 0; k < a->s[i].nw; k++) {
			int v = a->s[i].w[k];
			post[post_start[v] + fill[v]++] = (int32_t)i;
		}
	for (size_t i = 0; i < ns; i++) {
		struct sent *x = &a->s[i];
		if (x->nw < 1)
			continue;
		/* w[j]: the IDF of the words x shares with each later sentence j
		 * of another paragraph, added in ascending word order */
		size_t nt = 0;
		for (int k = 0; k < x->nw; k++) {
			int v = x->w[k];
			for (int32_t p = post_start[v]; p < post_start[v + 1]; p++) {
				int32_t j = post[p];
				if ((size_t)j <= i || a->s[j].para == x->para)
					continue;
				if (w[j] == 0)	/* an IDF is at least ln 2 */
					touched[nt++] = j;
				w[j] += idf[v];
			}
		}
		/* edges in ascending neighbour order */
		qsort(touched, nt, sizeof *touched, cmp_i32);
		for (size_t q = 0; q < nt; q++) {
			int32_t j = touched[q];
			double wj = w[j];
			w[j] = 0;
			if (wj <= 0)
				continue;
			double v = wj / (lnw[i] + lnw[j]);
			if (!adj_push(&g[i], j, (float)v) || !adj_push(&g[j], (int32_t)i, (float)v))
				goto out;
			rowsum[i] += v;
			rowsum[j] += v;
		}
	}
	/* an out-degree below the mean is not scaled up: two sentences that only
	 * resemble each other must not pass their whole rank back and forth */
	double meanrow = 0;
	for (size_t i = 0; i < ns; i++)
		meanrow += rowsum[i];
	meanrow /= (double)ns;
	for (size_t i = 0; i < ns; i++) {
		if (rowsum[i] < meanrow)
			rowsum[i] = meanrow;
		tr[i] = 1.0;
	}
	for (size_t i = 0; i < ns; i++)
		for (int32_t k = 0; k < g[i].n; k++) {
			struct edge *e = &g[i].e[k];
			e->coef = rowsum[e->to] > 0 && e->sim > 0 ? e->sim / rowsum[e->to] : 0;
		}
	for (int it = 0; it < 40; it++) {
		for (size_t i = 0; i < ns; i++) {
			double acc = 0;
			for (int32_t k = 0; k < g[i].n; k++) {
				const struct edge *e = &g[i].e[k];
				if (e->coef > 0)
					acc += e->coef * tr[e->to];
			}
			nx[i] = 0.15 + 0.85 * acc;
		}
		memcpy(tr, nx, ns * sizeof *tr);
	}
	double mean = 0;
	for (size_t i = 0; i < ns; i++)
		mean += tr[i];
	mean /= (double)ns;
	for (size_t i = 0; i < ns; i++)
		a->s[i].tr = mean > 0 ? tr[i] / mean : 1.0;
	ok = true;
out:
	if (g)
		for (size_t i = 0; i < ns; i++)
			free(g[i].e);
	free(g);
	free(idf);
	free(lnw);
	free(w);
	free(post_start);
	free(post);
	free(fill);
	free(touched);
	free(rowsum);
	free(tr);
	free(nx);
	return ok;
}

/* Splits paragraphs and sentences, tokenises, computes TextRank. */
static bool analyse(struct analysis *a, const char *text, const char *lang)
{
	bool ok = false;
	UBreakIterator *sb = NULL, *wb = NULL;
	a->lang = lang;
	if (!doc_init(&a->d, text))
		return false;
	char loc[64];
	snprintf(loc, sizeof loc, "%s@ss=standard", lang);
	UErrorCode err = U_ZERO_ERROR;
	sb = brk_get(UBRK_SENTENCE, loc, &err);
	if (U_FAILURE(err)) {
		err = U_ZERO_ERROR;
		sb = brk_get(UBRK_SENTENCE, lang, &err);
	}
	if (U_FAILURE(err))
		goto out;
	wb = brk_get(UBRK_WORD, lang, &err);
	if (U_FAILURE(err))
		goto out;
	const UChar *u = a->d.u;
	int32_t n = a->d.n;
	int32_t p = 0;
	int para = 0;
	while (p < n && a->n < LIMIT_QUOTE_SENTENCES) {
		/* paragraph [p, q): ends at a line break followed by a blank line */
		int32_t q = p;
		int32_t next = n;
		while (q < n) {
			if (u[q] == '\n') {
				int32_t r = q + 1;
				while (r < n && (u[r] == ' ' || u[r] == '\t' || u[r] == '\r' || u[r] == '\f'))
					r++;
				if (r < n && u[r] == '\n') {
					next = r + 1;
					break;
				}
			}
			q++;
		}
		if (q == n)
			next = n;
		err = U_ZERO_ERROR;
		ubrk_setText(sb, u + p, q - p, &err);
		if (U_FAILURE(err))
			goto out;
		bool any = false;
		int32_t b = ubrk_first(sb);
		for (int32_t e = ubrk_next(sb); e != UBRK_DONE && a->n < LIMIT_QUOTE_SENTENCES; b = e, e = ubrk_next(sb)) {
			int32_t sb0 = p + b, se0 = p + e;
			while (sb0 < se0 && is_uws(u[sb0]))
				sb0++;
			while (se0 > sb0 && is_uws(u[se0 - 1]))
				se0--;
			if (se0 == sb0)
				continue;
			if (a->n == a->cap) {
				size_t cap = a->cap ? a->cap * 2 : 64;
				struct sent *ns = realloc(a->s, cap * sizeof *ns);
				if (!ns)
					goto out;
				a->s = ns;
				a->cap = cap;
			}
			struct sent *s = &a->s[a->n];
			memset(s, 0, sizeof *s);
			s->b = sb0;
			s->e = se0;
			s->para = para;
			char first[64];
			if (!sentence_words(a, wb, u + sb0, se0 - sb0, true, &s->w, &s->nw, &s->ntok, first, sizeof first))
				goto out;
			a->n++;
			for (int i = 0; i < s->nw; i++)
				a->v.df[s->w[i]]++;
			char *t = doc_slice(&a->d, sb0, se0, false);
			if (!t)
				goto out;
			s->flags = sentence_flags(t, first, s->ntok);
			free(t);
			any = true;
		}
		if (any)
			para++;
		p = next;
	}
	a->npara = para;

	/* TextRank: IDF-weighted overlap normalised by sentence lengths.
	 * Sentence pairs sharing words come from an inverted index (a word's
	 * sentences), and the graph is kept as adjacency lists: most pairs
	 * share nothing, and a dense matrix of 1500 sentences is 9 MB. Sums
	 * are taken in the same order as a pairwise merge over ascending word
	 * ids and neighbours, so the ranks are the same to the bit. */
	size_t ns = a->n;
	if (ns == 0) {
		ok = true;
		goto out;
	}
	if (!textrank(a))
		goto out;
	ok = true;
out:
	brk_put(sb);
	brk_put(wb);
	return ok;
}

/* ------------------------------------------------------------- candidates */

struct cand {
	size_t s0;		/* first sentence */
	int k;			/* sentences */
	double score;
	int *w;			/* distinct words (for near-duplicates) */
	int nw;
};

static int cmp_cand(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	return (a->s0 > b->s0) - (a->s0 < b->s0);
}

/* Balanced quotation marks and brackets in a UTF-8 passage. */
static bool balanced(const char *t)
{
	int paren = 0, brack = 0, curly = 0, guil = 0, straight = 0;
	for (const char *p = t; *p; p++) {
		switch (*p) {
		case '(': paren++; break;
		case ')':
			/* "1)" or "b)" numbering a list is no bracket */
			if (!(p > t && ((p[-1] >= '0' && p[-1] <= '9') || (p[-1] >= 'a' && p[-1] <= 'z')) &&
			      (p - 1 == t || p[-2] == ' ' || (p[-2] >= '0' && p[-2] <= '9'))))
				paren--;
			break;
		case '[': brack++; break;
		case ']': brack--; break;
		case '"': straight++; break;
		default: break;
		}
		if (strncmp(p, "\xE2\x80\x9C", 3) == 0)
			curly++;
		else if (strncmp(p, "\xE2\x80\x9D", 3) == 0)
			curly--;
		else if (strncmp(p, "\xC2\xAB", 2) == 0)
			guil++;
		else if (strncmp(p, "\xC2\xBB", 2) == 0)
			guil--;
	}
	return paren == 0 && brack == 0 && curly == 0 && guil == 0 && straight % 2 == 0;
}

/* The title folded (as for text fragments), trailing punctuation dropped,
 * when it has at least four words; else NULL. */
static struct folded *title_phrase(const char *title)
{
	struct folded *f = calloc(1, sizeof *f);
	if (!f || !title || !fold_utf8(title, f))
		goto none;
	while (f->n > 0 && !u_isalnum(f->c[f->n - 1]))
		f->n--;
	size_t spaces = 0;
	for (size_t i = 0; i < f->n; i++)
		spaces += f->c[i] == ' ';
	if (spaces >= 3)
		return f;
none:
	if (f)
		folded_finish(f);
	free(f);
	return NULL;
}

/* Where the title's phrase occurs in the text: the UTF-16 span of each
 * match in the folded whole text. Folding works code point by code point, so
 * a passage [b, e) (no whitespace at either end) holds the phrase exactly
 * when a match lies inside it; folding the whole text once replaces folding
 * every candidate (a phrase never starts or ends with the space that
 * folding a passage on its own may drop at its ends). */
struct spans {
	int32_t *b, *e;
	size_t n;
};

static void spans_finish(struct spans *sp)
{
	free(sp->b);
	free(sp->e);
	memset(sp, 0, sizeof *sp);
}

static bool phrase_spans(const struct doc *d, const struct folded *phrase, struct spans *sp)
{
	struct folded ft = {0};
	bool ok = false;
	size_t cap = 0;
	memset(sp, 0, sizeof *sp);
	if (!fold_units(d->u, d->n, &ft))
		goto out;
	for (size_t i = 0; i + phrase->n <= ft.n; i++) {
		if (ft.c[i] != phrase->c[0] || memcmp(ft.c + i, phrase->c, phrase->n * sizeof *ft.c) != 0)
			continue;
		if (sp->n == cap) {
			size_t nc = cap ? cap * 2 : 4;
			int32_t *nb = realloc(sp->b, nc * sizeof *nb);
			if (!nb)
				goto out;
			sp->b = nb;
			int32_t *ne = realloc(sp->e, nc * sizeof *ne);
			if (!ne)
				goto out;
			sp->e = ne;
			cap = nc;
		}
		sp->b[sp->n] = ft.from[i];
		sp->e[sp->n] = ft.to[i + phrase->n - 1];
		sp->n++;
	}
	ok = true;
out:
	folded_finish(&ft);
	if (!ok)
		spans_finish(sp);
	return ok;
}

/* True when a match of the phrase lies inside [b, e). */
static bool spans_within(const struct spans *sp, int32_t b, int32_t e)
{
	for (size_t i = 0; i < sp->n; i++)
		if (sp->b[i] >= b && sp->e[i] <= e)
			return true;
	return false;
}

/* A passage's score: centrality, topic, position, minus its defects. */
static double score_candidate(const struct analysis *a, const struct cand *c, const int *tw, int ntw, const int *sw,
			      int nsw, const struct spans *title_at, const char *t)
{
	double cent = 0, pen = 0;
	for (int i = 0; i < c->k; i++) {
		const struct sent *s = &a->s[c->s0 + (size_t)i];
		cent += s->tr;
		if (s->flags & SF_QUESTION)
			pen += 0.6;
		if (s->flags & (SF_CTA | SF_CREDIT | SF_LINK))
			pen += 1.0;
		if (s->flags & (SF_DATE | SF_NUMERIC))
			pen += 0.8;
	}
	cent /= c->k;
	pen /= c->k;
	const struct sent *first = &a->s[c->s0], *last = &a->s[c->s0 + (size_t)c->k - 1];
	if (first->flags & SF_DANGLING)
		pen += 0.35;
	if (first->flags & SF_LOWER)
		pen += 0.35;
	if (last->flags & SF_NOSTOP)
		pen += 0.3;
	if (!balanced(t))
		pen += 0.5;
	double topic = 0;
	if (ntw > 0) {
		/* sharing the title's words shows the passage is on topic */
		int common = overlap(c->w, c->nw, tw, ntw, &a->v, NULL, 0);
		topic += 0.25 * (common < 2 ? common : 2);
	}
	/* quoting the headline itself adds nothing under a heading showing it */
	if (title_at && spans_within(title_at, first->b, last->e))
		pen += 0.6;
	if (nsw > 0)
		topic += 0.4 * (double)overlap(c->w, c->nw, sw, nsw, &a->v, NULL, 0) / q_sqrt((double)nsw);
	double pos = a->npara > 1 ? 0.15 * (1.0 - (double)first->para / (double)(a->npara - 1)) : 0.15;
#ifdef QUOTE_DEBUG
	fprintf(stderr, "%6.3f cent=%.3f topic=%.3f pos=%.3f pen=%.3f | %.100s\n", cent + topic + pos - pen, cent,
		topic, pos, pen, t);
#endif
	return cent + topic + pos - pen;
}

/* Word set of sentences [s0, s0+k). */
static bool union_words(const struct analysis *a, size_t s0, int k, int **out, int *n)
{
	int total = 0;
	for (int i = 0; i < k; i++)
		total += a->s[s0 + (size_t)i].nw;
	int *v = malloc((size_t)(total ? total : 1) * sizeof *v);
	if (!v)
		return false;
	int m = 0;
	for (int i = 0; i < k; i++) {
		const struct sent *s = &a->s[s0 + (size_t)i];
		memcpy(v + m, s->w, (size_t)s->nw * sizeof *v);
		m += s->nw;
	}
	qsort(v, (size_t)m, sizeof *v, cmp_int);
	int u = 0;
	for (int i = 0; i < m; i++)
		if (u == 0 || v[u - 1] != v[i])
			v[u++] = v[i];
	*out = v;
	*n = u;
	return true;
}

static bool near_duplicate(const struct cand *x, const struct cand *y)
{
	if (x->s0 < y->s0 + (size_t)y->k && y->s0 < x->s0 + (size_t)x->k)
		return true;	/* overlapping spans */
	int common = overlap(x->w, x->nw, y->w, y->nw, NULL, NULL, 0);
	int uni = x->nw + y->nw - common;
	return uni > 0 && (double)common / uni > 0.6;
}

/* True when the summary is the text's own opening (or any excerpt of it), as
 * feeds that publish the first lines of a post do: it then says nothing of
 * what matters beyond what the text says, and would only favour its start. */
static bool summary_is_excerpt(const struct analysis *a, const char *summary)
{
	char *t = slice8(a->d.s, 0, a->d.n8, false);
	char *sm = slice8(summary, 0, strlen(summary), false);
	bool excerpt = false;
	if (t && sm) {
		size_t n = strlen(sm);
		if (n > 60)
			n = 60;
		while (n > 0 && ((unsigned char)sm[n] & 0xC0) == 0x80)
			n--;	/* whole code points */
		sm[n] = '\0';
		excerpt = n >= 20 && strstr(t, sm) != NULL;
	}
	free(t);
	free(sm);
	return excerpt;
}

/* Ranked, de-duplicated candidates as (s0, k) pairs in *out (best first). */
static bool rank(struct analysis *a, const char *title, const char *summary, const struct quote_options *o,
		 size_t max, struct cand **out, size_t *nout)
{
	bool ok = false;
	unsigned minl = o && o->min_len ? o->min_len : LIMIT_DEFAULT_QUOTE_MIN;
	unsigned maxl = o && o->max_len ? o->max_len : LIMIT_DEFAULT_QUOTE_MAX;
	if (maxl < minl)
		maxl = minl;
	int *tw = NULL, *sw = NULL, ntw = 0, nsw = 0;
	struct cand *c = NULL;
	size_t nc = 0, cap = 0;
	struct folded *title_f = title_phrase(title);
	struct spans title_at = {0};
	*out = NULL;
	*nout = 0;
	if (summary && summary_is_excerpt(a, summary))
		summary = NULL;
	if (!key_words(a, title, &tw, &ntw) || !key_words(a, summary, &sw, &nsw))
		goto out;
	if (title_f && !phrase_spans(&a->d, title_f, &title_at))
		goto out;
	for (size_t i = 0; i < a->n; i++) {
		for (int k = 1; k <= 3 && i + (size_t)k <= a->n; k++) {
			if (a->s[i + (size_t)k - 1].para != a->s[i].para)
				break;
			size_t len = norm_len(&a->d, a->s[i].b, a->s[i + (size_t)k - 1].e);
			if (len > maxl)
				break;
			if (len < minl)
				continue;
			if (nc == cap) {
				size_t ncap = cap ? cap * 2 : 64;
				struct cand *nw = realloc(c, ncap * sizeof *nw);
				if (!nw)
					goto out;
				c = nw;
				cap = ncap;
			}
			struct cand *x = &c[nc];
			memset(x, 0, sizeof *x);
			x->s0 = i;
			x->k = k;
			if (!union_words(a, i, k, &x->w, &x->nw))
				goto out;
			nc++;
			char *t = doc_slice(&a->d, a->s[i].b, a->s[i + (size_t)k - 1].e, false);
			if (!t)
				goto out;
			x->score = score_candidate(a, x, tw, ntw, sw, nsw, title_f ? &title_at : NULL, t);
			free(t);
		}
	}
	if (nc > 1)
		qsort(c, nc, sizeof *c, cmp_cand);
	size_t kept = 0;
	for (size_t i = 0; i < nc && kept < max; i++) {
		bool dup = false;
		for (size_t j = 0; j < kept && !dup; j++)
			dup = near_duplicate(&c[i], &c[j]);
		if (dup) {
			free(c[i].w);
			c[i].w = NULL;
			continue;
		}
		struct cand tmp = c[kept];
		c[kept] = c[i];
		c[i] = tmp;
		kept++;
	}
	for (size_t i = kept; i < nc; i++) {
		free(c[i].w);
		c[i].w = NULL;
	}
	*out = c;
	*nout = kept;
	c = NULL;
	ok = true;
out:
	if (c) {
		for (size_t i = 0; i < nc; i++)
			free(c[i].w);
		free(c);
	}
	free(tw);
	free(sw);
	spans_finish(&title_at);
	if (title_f)
		folded_finish(title_f);
	free(title_f);
	return ok;
}

static void free_cands(struct cand *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].w);
	free(c);
}

static char *cand_text(const struct analysis *a, const struct cand *c)
{
	return doc_slice(&a->d, a->s[c->s0].b, a->s[c->s0 + (size_t)c->k - 1].e, false);
}

static void free_strings(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

bool quote_candidates(const char *text, const char *title, const char *summary, const struct quote_options *opts,
		      size_t max, char ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!text || !*text || max == 0)
		return true;
	struct analysis a = {0};
	struct cand *c = NULL;
	size_t nc = 0;
	char **v = NULL;
	bool ok = false;
	if (!analyse(&a, text, opts && opts->lang && *opts->lang ? opts->lang : "en"))
		goto out;
	if (!rank(&a, title, summary, opts, max, &c, &nc))
		goto out;
	v = calloc(nc ? nc : 1, sizeof *v);
	if (!v)
		goto out;
	for (size_t i = 0; i < nc; i++) {
		v[i] = cand_text(&a, &c[i]);
		if (!v[i])
			goto out;
	}
	*out = v;
	*n = nc;
	v = NULL;
	ok = true;
out:
	free_strings(v, nc);
	free_cands(c, nc);
	analysis_finish(&a);
	return ok;
}

static int cmp_cand_pos(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	return (a->s0 > b->s0) - (a->s0 < b->s0);
}

/* The automatic part of quote_choose: quote (excerpts joined) unless one is
 * set already, and alternatives. */
static bool choose_auto(const char *text, const char *title, const char *summary, const struct quote_options *opts,
			struct quote_choice *out)
{
	unsigned excerpts = opts && opts->excerpts > 1 ? opts->excerpts : 1;
	size_t want = LIMIT_QUOTE_CANDIDATES + (out->quote ? 0 : excerpts - 1);
	if (!text || !*text)
		return true;
	struct analysis a = {0};
	struct cand *c = NULL;
	size_t nc = 0;
	bool ok = false;
	struct buf q;
	buf_init(&q, LIMIT_FIELD_BYTES);
	if (!analyse(&a, text, opts && opts->lang && *opts->lang ? opts->lang : "en"))
		goto out;
	if (!rank(&a, title, summary, opts, want, &c, &nc))
		goto out;
	size_t first_alt = 0;
	if (!out->quote && nc > 0) {
		size_t take = excerpts < nc ? excerpts : nc;
		struct cand *pick = malloc(take * sizeof *pick);
		if (!pick)
			goto out;
		memcpy(pick, c, take * sizeof *pick);
		qsort(pick, take, sizeof *pick, cmp_cand_pos);
		for (size_t i = 0; i < take; i++) {
			char *t = cand_text(&a, &pick[i]);
			bool new_para = i > 0 && a.s[pick[i].s0].para != a.s[pick[i - 1].s0].para;
			if (!t || !join_excerpt(&q, t, new_para)) {
				free(t);
				free(pick);
				goto out;
			}
			free(t);
		}
		free(pick);
		out->quote = buf_detach(&q);
		if (!out->quote)
			goto out;
		first_alt = take;
	}
	size_t nalt = nc - first_alt;
	if (nalt > LIMIT_QUOTE_CANDIDATES - 1)
		nalt = LIMIT_QUOTE_CANDIDATES - 1;
	if (nalt > 0) {
		out->alternatives = calloc(nalt, sizeof *out->alternatives);
		if (!out->alternatives)
			goto out;
		/* her pick is not offered again as an alternative */
		char *mine = out->by_author ? slice8(out->quote, 0, strlen(out->quote), false) : NULL;
		for (size_t i = first_alt; i < nc && out->n_alternatives < nalt; i++) {
			char *t = cand_text(&a, &c[i]);
			if (!t) {
				free(mine);
				goto out;
			}
			if (mine && (strstr(mine, t) || strstr(t, mine))) {
				free(t);
				continue;
			}
			out->alternatives[out->n_alternatives++] = t;
		}
		free(mine);
	}
	ok = true;
out:
	buf_finish(&q);
	free_cands(c, nc);
	analysis_finish(&a);
	return ok;
}

bool quote_choose(const char *text, const char *title, const char *summary, const char *forced,
		  const char *directive, const struct quote_options *opts, struct quote_choice *out)
{
	memset(out, 0, sizeof *out);
	if (!text)
		text = "";
	if (forced && *forced) {
		out->quote = strdup(forced);
		if (!out->quote)
			goto fail;
		out->by_author = true;
	} else if (directive && *directive) {
		struct textfrag_list tl = {0};
		bool parsed = textfrag_parse(directive, &tl) && tl.n > 0;
		textfrag_list_finish(&tl);
		out->quote = parsed ? quote_from_directive(text, directive) : NULL;
		if (out->quote) {
			out->by_author = true;
		} else {
			out->warning = strdup(parsed ? "text fragment not found in the page"
						     : "text fragment is not a valid text directive");
			if (!out->warning)
				goto fail;
		}
	}
	if (!choose_auto(text, title, summary, opts, out))
		goto fail;
	return true;
fail:
	quote_choice_finish(out);
	return false;
}

void quote_choice_finish(struct quote_choice *c)
{
	if (!c)
		return;
	free(c->quote);
	free_strings(c->alternatives, c->n_alternatives);
	free(c->warning);
	memset(c, 0, sizeof *c);
}
