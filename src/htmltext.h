/* htmltext — small HTML text helpers shared by the parsers: the HTML 4
 * named-entity table (which XML does not know), HTML → plain text, escaping,
 * UTF-8 repair and relative-URL resolution inside HTML fragments.
 *
 * Pure functions over byte ranges; output is appended to a caller's buf
 * (see buf.h), so every result is capped by that buf's max.  Functions
 * returning bool fail only when the buf overflows or allocation fails. */
#ifndef READS_HTMLTEXT_H
#define READS_HTMLTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "compat.h"

/* The code point of HTML named entity `name` (len bytes, no '&' or ';'),
 * or 0 when HTML 4 (plus &apos;) does not define it. Case-sensitive. */
uint32_t html_entity_lookup(const char *name, size_t len);

/* Writes cp as UTF-8 into out (up to 4 bytes); returns the length. Invalid
 * code points (surrogates, > U+10FFFF, 0) become U+FFFD. */
size_t utf8_put(uint32_t cp, char out[4]);

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when the bytes at s
 * are not valid UTF-8 (or run past end). */
size_t utf8_valid_at(const unsigned char *s, const unsigned char *end);

/* Appends what a reader would see of the HTML fragment s: tags removed,
 * script/style/head/title/template content dropped, block-level tags and
 * <br> turned into spaces, img alt text kept, character and entity
 * references decoded, ASCII whitespace collapsed, ends trimmed. */
bool html_to_text(const char *s, size_t len, struct buf *out) WUR;

/* Appends s with its character and entity references decoded ("&ouml;",
 * "&#246;", "&#xF6;"); nothing else changes, '&' that starts none stays. */
bool html_decode_refs(const char *s, size_t len, struct buf *out) WUR;

/* Appends s with runs of ASCII whitespace collapsed to one space and the
 * ends trimmed. */
bool text_collapse(const char *s, size_t len, struct buf *out) WUR;

/* Appends s with & < > " escaped as HTML references. */
bool html_escape(const char *s, size_t len, struct buf *out) WUR;

/* feedparser's heuristic: true when plain text s "looks like HTML": it holds
 * an end tag or a character/entity reference, every tag names a known HTML
 * element, and every named reference is an HTML entity. */
bool html_looks_like(const char *s, size_t len);

/* Appends s with the relative URLs of its href, src, cite, action,
 * longdesc, poster and background attributes resolved against base
 * (url_resolve). Unresolvable values are kept as they are. */
bool html_resolve_urls(const char *s, size_t len, const char *base, struct buf *out) WUR;

/* True when s holds a '<' that opens no tag, comment or declaration
 * ("<!'", "a < b"); html_escape_stray() appends s with those escaped as
 * &lt; so that HTML readers show them instead of eating text. */
bool html_has_stray(const char *s, size_t len);
bool html_escape_stray(const char *s, size_t len, struct buf *out) WUR;

/* Unicode code point of windows-1252 byte b (0x80..0x9F map to the
 * typographic characters; the five undefined ones and every other byte map
 * to the ISO-8859-1 code point). */
uint32_t cp1252_to_ucs(unsigned char b);

#endif
