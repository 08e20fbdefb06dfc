/* draft — compose the month's Markdown post, and merge new entries into a
 * draft the author has edited without changing a byte of what she wrote.
 *
 * Pure: text in, text out.  The format is doc/reads-draft.5: YAML front
 * matter, an intro marked by "<!-- reads: intro … -->", one block per entry
 * headed "### [Title](url) by Author on Site" and marked
 * "<!-- reads: entry URL -->", its quote as a blockquote and the other
 * candidates in a "<!-- reads: other quotes … -->" comment, candidates from
 * the feeds in a comment after the entries, and the signature last. */
#ifndef READS_DRAFT_H
#define READS_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

#include "compat.h"
#include "strlist.h"

struct draft_entry {
	const char *key;		/* canonical URL: the entry's identity (NULL: link; neither: left out) */
	const char *link;		/* the URL the title links to */
	const char *title;		/* NULL: the link is shown */
	const char *author;		/* NULL: no "by" */
	const char *site;		/* NULL: no "on" */
	const char *quote;		/* NULL: a placeholder comment; excerpts already joined.
					 * Blank lines ("\n\n") separate the blockquote's
					 * paragraphs: join excerpts with "\n\n…" to show them
					 * as separate "> …" paragraphs as in the example */
	const char *const *alternatives;	/* other quotes */
	size_t n_alternatives;
	const char *note;		/* the author's bookmark note, or NULL */
	const char *warning;		/* shown in a comment (e.g. fragment not found), or NULL */
	bool page_read;			/* quote and alternatives come from the article page, read
					 * in this run: offered to the entry in a draft that still
					 * says DRAFT_PAGE_FAILED (see draft_merge) */
};

/* How the warning of an entry whose article page could not be fetched
 * begins ("the article page could not be fetched (HTTP 503)"). */
#define DRAFT_PAGE_FAILED "the article page could not be fetched"


struct draft_candidate {
	const char *key, *link, *title, *author, *site;
};

struct draft_doc {
	const char *title;		/* the post title */
	const char *month;		/* "YYYY-MM" */
	const char *date;		/* "YYYY-MM-DD": the post date in front matter */
	const char *signature;		/* the last line(s); NULL: none */
	const struct draft_entry *entries;
	size_t n_entries;
	const struct draft_candidate *candidates;
	size_t n_candidates;
	const char *intro;		/* the line under the intro marker; NULL: DRAFT_INTRO_PLACEHOLDER */
};

/* The line written under the intro marker when doc->intro is NULL. */
#define DRAFT_INTRO_PLACEHOLDER "Here are some of the reads I enjoyed this month."

/* A fresh draft. Caller frees with free(). NULL on allocation failure. */
char *draft_compose(const struct draft_doc *doc) WUR;

/* Only doc's entry blocks and its candidates comment, in the draft's format
 * (no front matter, intro or signature): what the caller writes to a side
 * file when draft_merge() refuses a draft whose markers she broke, so she can
 * paste the new entries in herself. Caller frees with free(). NULL on
 * allocation failure. */
char *draft_compose_entries(const struct draft_doc *doc) WUR;

/* The entry keys of an existing draft, in order (read back with cmark from
 * the "reads: entry" markers), appended to keys. False with *err (caller
 * frees) when the draft's markers are broken so that it cannot be merged
 * safely: an entry marker without a URL or not closed by "-->", a key marked
 * twice, a reads comment never closed (it would hide the rest of the draft),
 * an entry marker inside a code block.  *err reads "line N: what is wrong";
 * prefix it with the file name ("digests/2010-11.md: line 12: …"). */
bool draft_keys(const char *text, size_t len, struct strlist *keys, char **err) WUR;

/* draft_keys, and in one reading the keys of the entries that still hold
 * reads' warning that their article page could not be fetched and not yet
 * the page's quotes (see draft_merge), appended to waiting: the entries
 * whose page a run asks for again. Fails as draft_keys does. */
bool draft_keys_waiting(const char *text, size_t len, struct strlist *keys, struct strlist *waiting,
			char **err) WUR;

/* Merges doc into an existing draft: every byte of `existing` is kept, in
 * order; doc's entries whose key is not in the draft are inserted after the
 * last existing entry (before the candidates comment and the signature);
 * candidates not yet listed are added. An entry already in the draft that
 * still holds reads' warning that its page could not be fetched, when doc's
 * entry has page_read, gets the page's quotes in a comment inserted after
 * that warning ("<!-- reads: the article page could be read now; …"), once:
 * her quote stays hers to change. The caller has already removed dismissed
 * entries from doc.  Returns the new text (equal to existing when nothing is
 * new), or NULL with *err when the draft cannot be merged safely. Caller
 * frees with free(). */
char *draft_merge(const char *existing, size_t len, const struct draft_doc *doc, char **err) WUR;

/* The YAML front matter of text: when text starts with a "---" line closed
 * by a "---" or "..." line, sets *body to the offset of the line after the
 * closing one and *body_line to that line's number (1-based), and returns
 * true.  False (with *body = 0, *body_line = 1) when there is none or it is
 * never closed; *unclosed tells the two apart (may be NULL). */
bool draft_front_matter(const char *text, size_t len, size_t *body, unsigned *body_line,
			bool *unclosed);

#endif
