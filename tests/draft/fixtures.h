/* Fixed draft documents for the compose golden tests and the merge tests.
 * Each fixture NAME is composed and compared with golden/NAME.md. */
#ifndef READS_TEST_DRAFT_FIXTURES_H
#define READS_TEST_DRAFT_FIXTURES_H

#include <stddef.h>
#include <string.h>

#include "draft.h"

#define N_OF(a) (sizeof(a) / sizeof *(a))

/* The content of ../shared/examples/2010-11.md (the November 2010 post). */
static const char *const davenport_alts[] = {
	"Purely social applications are too social, and purely structured applications provide too much structure.",
	"I’m becoming convinced that the way to gain value is to combine computer-based sociality with computer-based structure.",
};

static const struct draft_entry example_entries[] = {
	{
		.key = "https://blogs.example.org/davenport/2010/11/want-value-from-social-add-structure",
		.link = "https://blogs.example.org/davenport/2010/11/want-value-from-social-add-structure",
		.title = "Want Value From Social? Add Structure.",
		.author = "Tom Davenport",
		.site = "HBR",
		.quote = "Many managers these days face a social dilemma. They want to use social media because they know that an organization’s judgment is improved if its ideation and decision processes incorporate insights from multiple perspectives.\n\n…the combination of the social and structuring aspects of technology ensures that online social activities are oriented to getting work done.",
		.alternatives = davenport_alts,
		.n_alternatives = N_OF(davenport_alts),
	},
	{
		.key = "https://andrewmcafee.example.org/2010/11/a-sea-change/",
		.link = "https://andrewmcafee.example.org/2010/11/a-sea-change/",
		.title = "A Sea Change?",
		.author = "Andrew McAfee",
		.quote = "In short, it felt like a sea change had taken place… So I inferred from our discussion that Enterprise 2.0 is no longer perceived as a wild new idea.",
	},
};

static const struct draft_candidate example_candidates[] = {
	{
		.key = "https://edwardboches.example.org/2010/11/all-of-us/",
		.link = "https://edwardboches.example.org/2010/11/all-of-us/",
		.title = "All of us are better than one of us: thoughts on collaboration",
		.author = "Edward Boches",
	},
};

#define EXAMPLE_INTRO "Here are some of the reads I really enjoyed this November. The biggest highlight of the month is of course Santa Clara’s Enterprise 2.0 Conference which brought out a rather heated debate on Enterprise 2.0 vs Social business."

/* Hostile and odd fields: Markdown punctuation, comment closers, links
 * with spaces and parentheses, missing parts. */
static const char *const tricky_alts[] = {
	"An alternative with -- a double dash and an arrow --> inside.",
	"A first paragraph of the second alternative.\n\nAnd its second paragraph <!-- not a comment -->.",
	"",
};

static const struct draft_entry tricky_entries[] = {
	{
		.key = "https://example.org/a%20b/(x)",
		.link = "https://example.org/a b/(x)#:~:text=Some%20say",
		.title = "[Brackets] <b>bold</b> *stars* and_snake_case _under_ `tick` C#",
		.author = "Jane\nDoe",
		.site = "Site & Co ##",
		.quote = "# Not a heading\n1. Not a list\n- Not an item\n> not nested\n\n  Second paragraph with a <span> &amp; entity.\n\n\n\n===",
		.alternatives = tricky_alts,
		.n_alternatives = N_OF(tricky_alts),
		.note = "Her note -- with -->\nseveral lines",
		.warning = "text fragment not found in the page",
	},
	{
		.key = "https://example.org/no-title-no-quote",
		.link = "https://example.org/no-title-no-quote",
	},
	{
		.key = "https://example.org/site-only",
		.link = "https://example.org/site-only?a=1&copy;b=2",
		.title = "Site only",
		.author = "",
		.site = "The Site",
		.quote = "Short.",
	},
};

static const struct draft_candidate tricky_candidates[] = {
	{.key = "https://example.org/c--1", .link = "https://example.org/c--1", .title = "A -- dashed title -->", .author = "X"},
	{.key = "https://example.org/c2", .link = "https://example.org/c2", .title = NULL, .site = "Only Site"},
};

struct fixture {
	const char *name;
	struct draft_doc doc;
};

static const struct fixture fixtures[] = {
	{"example-2010-11",
	 {.title = "Enterprise 2.0 reads – November 2010",
	  .month = "2010-11",
	  .date = "2010-12-01",
	  .signature = "Lamia Ben.",
	  .entries = example_entries,
	  .n_entries = N_OF(example_entries),
	  .candidates = example_candidates,
	  .n_candidates = N_OF(example_candidates),
	  .intro = EXAMPLE_INTRO}},
	{"placeholder-intro",
	 {.title = "Enterprise 2.0 reads – November 2010",
	  .month = "2010-11",
	  .date = "2010-12-01",
	  .signature = "Lamia Ben.",
	  .entries = example_entries,
	  .n_entries = N_OF(example_entries),
	  .candidates = example_candidates,
	  .n_candidates = N_OF(example_candidates)}},
	{"escaping",
	 {.title = "Title with \"quotes\", a \\ backslash: and # things\n",
	  .month = "2011-04",
	  .date = "2011-05-01",
	  .signature = "Lamia Ben.\n",
	  .entries = tricky_entries,
	  .n_entries = N_OF(tricky_entries),
	  .candidates = tricky_candidates,
	  .n_candidates = N_OF(tricky_candidates)}},
	{"empty-month",
	 {.title = "Lectures Entreprise 2.0 – décembre 2010",
	  .month = "2010-12",
	  .date = "2011-01-01",
	  .signature = "Lamia Ben."}},
	{"no-signature",
	 {.title = "Enterprise 2.0 reads – November 2010",
	  .month = "2010-11",
	  .date = "2010-12-01",
	  .entries = example_entries + 1,
	  .n_entries = 1}},
};

static inline const struct fixture *fixture_find(const char *name)
{
	for (size_t i = 0; i < N_OF(fixtures); i++)
		if (strcmp(fixtures[i].name, name) == 0)
			return &fixtures[i];
	return NULL;
}

#endif
