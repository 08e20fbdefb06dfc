/* quote: the author's picks reproduced exactly, the fallback when a text
 * fragment is not found, ranking penalties, and the property that every
 * candidate is 1–3 whole sentences of one paragraph of the given text,
 * within the length bounds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "buf.h"
#include "quote.h"
#include "tap.h"

static const char *const article =
	"Companies aren’t communities. They aren’t forums. Companies are companies, and they have reporting "
	"structures, established workflows and closely managed performance.\n\n"
	"Photo: Flickr / jdoe (CC BY 2.0)\n\n"
	"Social software succeeds when companies place it in the flow of work, where people do their actual "
	"jobs. Adoption follows when the tools help people do the work they already have to do.\n\n"
	"Do you agree with this view of social software and companies? Tell us what you think in the comments!\n\n"
	"Subscribe to our newsletter and click here to share this article on social software with your friends.\n\n"
	"Social software fails when it tries to turn companies into communities. It succeeds when it turns "
	"companies into better companies, with work done in the open.";

/* ASCII whitespace runs to one space, trimmed (what quotes may differ by). */
static char *squeeze(const char *s)
{
	size_t n = strlen(s), o = 0;
	char *out = malloc(n + 1);
	bool sp = false;
	for (size_t i = 0; i < n; i++) {
		if (strchr(" \t\n\r\f\v", s[i])) {
			sp = o > 0;
			continue;
		}
		if (sp)
			out[o++] = ' ';
		sp = false;
		out[o++] = s[i];
	}
	out[o] = '\0';
	return out;
}

static size_t cps(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void forced_and_fragments(void)
{
	struct quote_choice c;
	const char *forced = "  Her own words, “typed” — exactly as she wrote them…  ";
	ok(quote_choose(article, "Companies aren't communities", NULL, forced, "text=social%20software", NULL, &c),
	   "choose with a forced quote");
	is_str(c.quote, forced, "forced quote returned byte for byte, even when absent from the text");
	ok(c.by_author, "forced quote is by_author");
	ok(c.warning == NULL, "no warning for a forced quote");
	ok(c.n_alternatives > 0, "alternatives offered beside a forced quote");
	quote_choice_finish(&c);

	ok(quote_choose(article, NULL, NULL, NULL, "text=social%20software%20fails,better%20companies", NULL, &c),
	   "choose with a text fragment");
	is_str(c.quote, "Social software fails when it tries to turn companies into communities. It succeeds when it "
			"turns companies into better companies", "fragment range reproduced as in the text");
	ok(c.by_author && c.warning == NULL, "fragment quote is by_author, no warning");
	for (size_t i = 0; i < c.n_alternatives; i++)
		ok(strstr(c.alternatives[i], "Social software fails") == NULL, "her pick is not repeated as an alternative");
	quote_choice_finish(&c);

	ok(quote_choose(article, NULL, NULL, NULL, "text=COMPANIES%20ARENT%20COMMUNITIES", NULL, &c),
	   "choose with an unmatched fragment");
	is_str(c.warning, "text fragment not found in the page", "warning when the fragment is not found");
	ok(!c.by_author, "fallback quote is not by_author");
	char **cand = NULL;
	size_t n = 0;
	ok(quote_candidates(article, NULL, NULL, NULL, 4, &cand, &n) && n > 0, "candidates");
	is_str(c.quote, n ? cand[0] : NULL, "fallback is the top automatic candidate");
	for (size_t i = 0; i < n; i++)
		free(cand[i]);
	free(cand);
	quote_choice_finish(&c);

	ok(quote_choose(article, NULL, NULL, NULL, "text=,,", NULL, &c), "choose with a malformed fragment");
	ok(c.warning && strstr(c.warning, "not a valid text directive"), "malformed fragment named as such");
	ok(c.quote != NULL && !c.by_author, "malformed fragment falls back to candidates");
	quote_choice_finish(&c);

	ok(quote_choose("", NULL, NULL, NULL, NULL, NULL, &c), "choose on an empty text");
	ok(c.quote == NULL && c.n_alternatives == 0 && c.warning == NULL, "empty text: no quote, no alternatives");
	quote_choice_finish(&c);

	ok(quote_choose(NULL, NULL, NULL, "Kept.", NULL, NULL, &c), "NULL text with a forced quote");
	is_str(c.quote, "Kept.", "forced quote kept without a text");
	quote_choice_finish(&c);
}

static void ranking(void)
{
	char **c = NULL;
	size_t n = 0;
	ok(quote_candidates(article, "Companies aren't communities", NULL, NULL, 10, &c, &n), "ranked candidates");
	ok(n >= 2, "several candidates (%zu)", n);
	bool cta = false, credit = false;
	for (size_t i = 0; i < n; i++) {
		if (i < 2 && (strstr(c[i], "Subscribe") || strstr(c[i], "Tell us")))
			cta = true;
		if (strstr(c[i], "Photo:"))
			credit = true;
	}
	ok(!cta, "calls to action and questions to the reader are not in the top 2");
	ok(!credit, "a photo credit (too short and a credit) is no candidate");
	ok(n > 0 && strstr(c[0], "Social software") == c[0], "the top candidate is an argument: %s", n ? c[0] : "");
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++) {
			char *a = squeeze(c[i]), *b = squeeze(c[j]);
			if (strstr(a, b) || strstr(b, a))
				ok(false, "candidates %zu and %zu overlap", i, j);
			free(a);
			free(b);
		}
	for (size_t i = 0; i < n; i++)
		free(c[i]);
	free(c);

	/* abbreviations do not end sentences (ICU with ss=standard) */
	const char *abbr = "Mr. Smith met Mrs. Jones, i.e. his old boss, at the conference yesterday. They talked for hours.";
	struct quote_options o = {.min_len = 10, .max_len = 90};
	ok(quote_candidates(abbr, NULL, NULL, &o, 5, &c, &n), "abbreviations");
	bool whole = false;
	for (size_t i = 0; i < n; i++) {
		whole |= strcmp(c[i], "Mr. Smith met Mrs. Jones, i.e. his old boss, at the conference yesterday.") == 0;
		free(c[i]);
	}
	free(c);
	ok(whole, "\"Mr.\", \"Mrs.\" and \"i.e.\" do not split the sentence");

	/* excerpts: the top passages in text order joined with an ellipsis */
	struct quote_options ex = {.excerpts = 2};
	struct quote_choice ch;
	ok(quote_choose(article, "Companies aren't communities", NULL, NULL, NULL, &ex, &ch), "two excerpts");
	const char *dots = ch.quote ? strstr(ch.quote, "\xE2\x80\xA6") : NULL;
	ok(dots != NULL, "excerpts joined with …");
	ok(ch.quote && strstr(ch.quote, "\n\n\xE2\x80\xA6"), "excerpts of two paragraphs: the second starts a paragraph with …");
	if (dots) {
		char *first = strndup(ch.quote, (size_t)(dots - ch.quote));
		char *a = squeeze(first), *t = squeeze(article);
		size_t al = strlen(a);
		while (al > 0 && a[al - 1] == ' ')
			a[--al] = '\0';
		const char *second = dots + 3;
		while (*second == ' ')
			second++;
		const char *pa = strstr(t, a), *pb = strstr(t, second);
		ok(pa && pb && pa < pb, "both excerpts from the text, in text order");
		free(first);
		free(a);
		free(t);
	}
	quote_choice_finish(&ch);

	/* other languages go through the same path */
	const char *fr = "Les entreprises ne sont pas des communautés. Elles ont des structures hiérarchiques, des "
			 "processus établis et des rôles définis.\n\nLe logiciel social réussit quand il s’inscrit "
			 "dans le flux du travail quotidien des équipes, là où les gens travaillent vraiment.";
	struct quote_options ofr = {.lang = "fr"};
	ok(quote_candidates(fr, "Les entreprises ne sont pas des communautés", NULL, &ofr, 3, &c, &n) && n > 0,
	   "French text gives candidates");
	for (size_t i = 0; i < n; i++)
		free(c[i]);
	free(c);
	const char *ja = "企業はコミュニティではありません。企業には報告体系、確立されたワークフロー、共有システムがあります。"
			 "ソーシャルソフトウェアは、仕事の流れの中に置かれたときに成功します。人々が実際の仕事をする場所です。";
	struct quote_options oja = {.lang = "ja", .min_len = 20, .max_len = 200};
	ok(quote_candidates(ja, NULL, NULL, &oja, 3, &c, &n) && n > 0, "Japanese text gives candidates");
	for (size_t i = 0; i < n; i++) {
		ok(strstr(ja, c[i]) != NULL, "Japanese candidate is verbatim");
		free(c[i]);
	}
	free(c);
}

/* ------------------------------------------------ property: verbatim sentences */

static const char *const pieces[] = {
	"Companies aren’t communities.",
	"Mr. Smith said the pilot ran for three months, e.g. from March to May.",
	"“We build too many walls and not enough bridges,” she said.",
	"Is this the end of email?",
	"It is not.",
	"However, the inbox is where most work still happens today.",
	"The results (see the appendix) were mixed…",
	"Subscribe to our newsletter!",
	"Photo: Flickr / jdoe.",
	"Revenue grew 12.5% in Q3 2010, to $4.2 million.",
	"Le logiciel social réussit quand il s’inscrit dans le flux du travail.",
	"Über die Brücke gehen wir, sagte er, und dann nach Hause.",
	"Die Ergebnisse waren z. B. sehr gemischt.",
	"Social software fails when it tries to turn businesses into communities.",
	"It succeeds when it turns businesses into better businesses.",
	"See https://example.org/a?b=1 for details.",
	"企業はコミュニティではありません。",
	"Les entreprises ne sont pas des communautés !",
	"A chain, as the saying goes, is only as strong as its weakest link.",
	"Break one link and the whole chain fails.",
	"The future workplace will be hyper-connected, meaning that we will use multiple means of communication.",
	"Right now, we are just seeing the dawn of the hyper-connected age.",
	"\xF0\x9F\x98\x80 Emoji lead this one.",
	"Unbalanced (bracket here.",
	"bad bytes \xFF\xFE inside.",
	"What makes building a culture of collaboration hard is that it requires constant work and awareness, "
	"every day, in every situation, for everyone involved in it, from the top to the bottom of the organization, "
	"without exception and without any end in sight.",
};

static unsigned rnd_state = 12345;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 16) % n;
}

/* Counts ICU sentences in a UTF-8 string. */
static int sentences_in(const char *s)
{
	UChar u[4096];
	int32_t n = 0;
	UErrorCode err = U_ZERO_ERROR;
	u_strFromUTF8WithSub(u, 4096, &n, s, -1, 0xFFFD, NULL, &err);
	if (U_FAILURE(err))
		return -1;
	UBreakIterator *b = ubrk_open(UBRK_SENTENCE, "en@ss=standard", u, n, &err);
	if (U_FAILURE(err))
		return -1;
	int k = 0;
	ubrk_first(b);
	while (ubrk_next(b) != UBRK_DONE)
		k++;
	ubrk_close(b);
	return k;
}

static void property(void)
{
	int docs = 300, bad_sub = 0, bad_para = 0, bad_len = 0, bad_sent = 0, total = 0;
	static const char *const gaps[] = {" ", "  ", "\t", " \t "};
	for (int d = 0; d < docs; d++) {
		struct buf t;
		buf_init(&t, 1 << 20);
		int paras = 1 + (int)rnd(6);
		bool okb = true;
		for (int p = 0; p < paras; p++) {
			if (p)
				okb &= buf_puts(&t, rnd(3) ? "\n\n" : "\n \n\t");
			int ns = 1 + (int)rnd(6);
			for (int s = 0; s < ns; s++) {
				if (s)
					okb &= buf_puts(&t, gaps[rnd(4)]);
				okb &= buf_puts(&t, pieces[rnd(sizeof pieces / sizeof pieces[0])]);
			}
		}
		char *text = buf_detach(&t);
		if (!okb || !text) {
			ok(false, "building document %d", d);
			free(text);
			continue;
		}
		unsigned minl = 20 + rnd(100), maxl = minl + 40 + rnd(400);
		struct quote_options o = {.min_len = minl, .max_len = maxl, .lang = rnd(2) ? "en" : "de"};
		char **c = NULL;
		size_t n = 0;
		if (!quote_candidates(text, NULL, NULL, &o, 1 + rnd(20), &c, &n)) {
			ok(false, "candidates of document %d", d);
			free(text);
			continue;
		}
		char *norm = squeeze(text);
		for (size_t i = 0; i < n; i++) {
			total++;
			if (!strstr(norm, c[i]))
				bad_sub++;
			/* within one paragraph of the original */
			bool in_para = false;
			const char *p = text;
			while (p && !in_para) {
				const char *e = strstr(p, "\n\n");
				const char *e2 = strstr(p, "\n \n\t");
				if (!e || (e2 && e2 < e))
					e = e2;
				char *para = strndup(p, e ? (size_t)(e - p) : strlen(p));
				char *np = squeeze(para);
				in_para = strstr(np, c[i]) != NULL;
				free(np);
				free(para);
				p = e ? e + 2 : NULL;
			}
			if (!in_para)
				bad_para++;
			size_t len = cps(c[i]);
			if (len < minl || len > maxl)
				bad_len++;
			int k = sentences_in(c[i]);
			if (k < 1 || k > 3)
				bad_sent++;
			free(c[i]);
		}
		free(c);
		free(norm);
		free(text);
	}
	ok(total > 200, "property: %d candidates from %d documents", total, docs);
	is_int(bad_sub, 0, "property: every candidate is a verbatim substring of the text");
	is_int(bad_para, 0, "property: every candidate lies within one paragraph");
	is_int(bad_len, 0, "property: every candidate is within [min_len, max_len] characters");
	is_int(bad_sent, 0, "property: every candidate is 1-3 sentences");
}

/* Hostile sizes: a megabyte without a full stop, and a megabyte of tiny
 * sentences, finish (meson's timeout) with sane results. */
static void pathological(void)
{
	struct buf b;
	buf_init(&b, 1 << 22);
	bool built = true;
	for (int i = 0; i < 200000 && built; i++)
		built = buf_puts(&b, "word ");
	char *t = buf_detach(&b);
	char **c = NULL;
	size_t n = 0;
	ok(built && t && quote_candidates(t, "word", NULL, NULL, 4, &c, &n), "1 MB without punctuation");
	is_int((long long)n, 0, "no candidate from one overlong sentence");
	free(c);
	free(t);
	buf_init(&b, 1 << 22);
	for (int i = 0; i < 100000 && built; i++)
		built = buf_printf(&b, "Item %d is here and there. %s", i, i % 7 == 6 ? "\n\n" : "");
	t = buf_detach(&b);
	ok(built && t && quote_candidates(t, NULL, NULL, NULL, 4, &c, &n), "a megabyte of short sentences");
	ok(n > 0, "candidates from the first sentences (%zu)", n);
	for (size_t i = 0; i < n; i++) {
		ok(strstr(t, c[i]) != NULL, "long text: candidate is verbatim");
		free(c[i]);
	}
	free(c);
	free(t);
}

/* rank-pairs.tsv: the sound passage outranks its flawed twin. */
static void rank_pairs(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/rank-pairs.tsv", dir);
	FILE *f = fopen(path, "r");
	ok(f != NULL, "rank-pairs.tsv opened");
	if (!f)
		return;
	char line[2048];
	int row = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || !line[0])
			continue;
		char *what = line, *good = strchr(what, '\t'), *bad = good ? strchr(good + 1, '\t') : NULL;
		if (!bad) {
			ok(false, "bad rank-pairs line: %s", line);
			continue;
		}
		*good++ = '\0';
		*bad++ = '\0';
		struct buf b;
		buf_init(&b, 1 << 16);
		/* the pair in both orders across rows, so position cannot decide */
		const char *first = row % 2 ? bad : good, *second = row % 2 ? good : bad;
		bool built = buf_printf(&b,
					"Teams adopt social software when it helps with the work they already do. "
					"Managers who mandate a tool without changing the flow of work see it fade.\n\n%s\n\n"
					"Most daily work happens in teams, and the tools that last are the ones in their flow.\n\n%s\n\n"
					"The flow of work, not the features of the software, decides whether a team adopts it.",
					first, second);
		char *text = buf_detach(&b);
		char **c = NULL;
		size_t n = 0;
		struct quote_options o = {.min_len = 40, .max_len = 200};
		if (!built || !text || !quote_candidates(text, "Social software in the flow of work", NULL, &o, 10, &c, &n)) {
			ok(false, "%s: candidates", what);
			free(text);
			continue;
		}
		long gi = -1, bi = -1;
		for (size_t i = 0; i < n; i++) {
			if (gi < 0 && strstr(c[i], good))
				gi = (long)i;
			if (bi < 0 && strstr(c[i], bad))
				bi = (long)i;
			free(c[i]);
		}
		free(c);
		free(text);
		ok(gi >= 0 && (bi < 0 || gi < bi), "%s: the sound passage ranks first (%ld vs %ld)", what, gi, bi);
		row++;
	}
	fclose(f);
}

/* Random bytes as text and as directive: no crash (the sanitizer build
 * checks memory), and the fallback candidates stay verbatim. */
static void random_inputs(void)
{
	static const char alphabet[] = "ab c.,-&%20C3A9!?\n\n\xC3\xA9\xE2\x80\xA6\xFF text=";
	int bad = 0, runs = 400;
	for (int r = 0; r < runs; r++) {
		char text[600], dir[80];
		size_t tn = rnd(sizeof text - 1), dn = rnd(sizeof dir - 1);
		for (size_t i = 0; i < tn; i++)
			text[i] = alphabet[rnd(sizeof alphabet - 1)];
		text[tn] = '\0';
		size_t k = 0;
		if (rnd(2))
			for (const char *p = "text="; *p && k < dn; p++)
				dir[k++] = *p;
		for (; k < dn; k++)
			dir[k] = alphabet[rnd(sizeof alphabet - 1)];
		dir[dn] = '\0';
		struct quote_options o = {.min_len = 1 + rnd(30), .max_len = 40 + rnd(100), .excerpts = rnd(3)};
		struct quote_choice c;
		if (!quote_choose(text, "c text", "ab", NULL, dir, &o, &c)) {
			bad++;
			continue;
		}
		char *norm = squeeze(text);
		for (size_t i = 0; i < c.n_alternatives; i++)
			bad += strstr(norm, c.alternatives[i]) == NULL;
		free(norm);
		quote_choice_finish(&c);
	}
	is_int(bad, 0, "random texts and directives: no failure, alternatives verbatim");
}

int main(int argc, char **argv)
{
	random_inputs();
	rank_pairs(argc > 1 ? argv[1] : ".");
	pathological();
	forced_and_fragments();
	ranking();
	property();
	return tap_done();
}
