/* quote — the pull-quote of an article: the author's own pick when she made
 * one (a quote in feeds.yaml, a URL text fragment), else ranked candidates
 * from the main text.
 *
 * Pure: text in, quotes out.  Candidates are always verbatim runs of 1–3
 * sentences of one paragraph of the given main text (sentence boundaries from
 * ICU's break iterator with the language's abbreviation suppressions), with
 * ASCII whitespace runs collapsed to one space; nothing else is changed.
 * Lengths are counted in code points.
 *
 * Ranking: TextRank centrality (IDF-weighted word overlap with sentences of
 * OTHER paragraphs), words shared with the title (a passage restating the
 * whole title is penalised: the heading shows it already) and with the
 * summary (ignored when the summary is an excerpt of the text itself), an
 * early position (mildly), completeness (no dangling "This"/"However"
 * opener, no lower-case start, terminal punctuation, balanced quotation marks
 * and brackets), and penalties for questions, calls to action, credits,
 * date lines, links and number-only text.  Overlapping and near-duplicate
 * candidates (word Jaccard > 0.6) are removed.
 *
 * Excerpts (several passages, or several text directives) are joined in the
 * seed posts' style: within one paragraph "passage… next" after a cut
 * passage, "passage. … next" after a full stop, quote or bracket; an excerpt
 * from another paragraph starts a new paragraph: "passage\n\n…next" (the
 * draft shows it as a second blockquote paragraph, as in the posts). */
#ifndef READS_QUOTE_H
#define READS_QUOTE_H

#include <stdbool.h>
#include <stddef.h>

#include "compat.h"

struct quote_options {
	unsigned min_len;	/* characters; 0: LIMIT_DEFAULT_QUOTE_MIN */
	unsigned max_len;	/* characters; 0: LIMIT_DEFAULT_QUOTE_MAX */
	unsigned excerpts;	/* excerpts joined with "…" in the chosen quote; 0 or 1: one */
	const char *lang;	/* BCP 47 tag for the sentence breaker; NULL: "en" */
};

struct quote_choice {
	char *quote;		/* the chosen quote, or NULL when the text has none */
	bool by_author;		/* true when it is her pick (feeds.yaml or text fragment) */
	char **alternatives;	/* next best candidates, best first */
	size_t n_alternatives;
	char *warning;		/* "text fragment not found in the page", "text fragment is
				 * not a valid text directive", or NULL */
};

/* Chooses the quote for an article.  forced wins (byte for byte, even when
 * absent from text), then the directive (the passage as it appears in text,
 * matched case- and accent-insensitively on word boundaries); a directive
 * that matches nothing or does not parse sets warning and falls back to the
 * automatic quote (the top opts->excerpts candidates joined in text order).
 * alternatives are the next automatic candidates (at most
 * LIMIT_QUOTE_CANDIDATES - 1), also offered beside the author's pick.
 *   text      the main text (paragraphs separated by blank lines); may be ""
 *   title     the article's title, or NULL (for centrality)
 *   summary   the feed's summary, or NULL
 *   forced    the author's quote from feeds.yaml, or NULL: used verbatim
 *   directive the URL's text directive (url_text_directive()), or NULL
 * Fills *out; caller frees with quote_choice_finish(). False only on
 * allocation failure. */
bool quote_choose(const char *text, const char *title, const char *summary, const char *forced,
		  const char *directive, const struct quote_options *opts, struct quote_choice *out) WUR;

void quote_choice_finish(struct quote_choice *c);

/* Ranked automatic candidates only (best first), at most `max` of them.
 * Caller frees each string and the array with free(). */
bool quote_candidates(const char *text, const char *title, const char *summary,
		      const struct quote_options *opts, size_t max, char ***out, size_t *n) WUR;

/* Finds the passage a text directive ("text=[prefix-,]start[,end][,-suffix]",
 * several joined by '&', percent-encoded) selects in text, and returns it as it
 * appears in text (joined with "…" when several directives match, in the
 * directive's order; a range over several paragraphs keeps a blank line
 * between them). Directives that match nothing are skipped.
 * NULL when none matches. Caller frees with free(). */
char *quote_from_directive(const char *text, const char *directive) WUR;

#endif
