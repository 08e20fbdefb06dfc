/* url — URL helpers over libcurl's URL API (curl_url, loaded on first use
 * through curlapi.h); nothing hand-parsed. */
#ifndef READS_URL_H
#define READS_URL_H

#include <stdbool.h>

/* Resolves ref against base (RFC 3986). base may be NULL (ref must then be
 * absolute). Returns NULL when the result is not a valid URL.
 * Caller frees with free(). */
char *url_resolve(const char *base, const char *ref);

/* The key an article is known by across sources: scheme and host lower-cased,
 * default port dropped, tracking parameters (utm_*, fbclid, gclid, mc_cid,
 * mc_eid, …) dropped, the fragment dropped (text fragments included), and a
 * trailing slash of a non-root path dropped. NULL when url is not an absolute
 * http(s) URL. Caller frees with free(). */
char *url_canonical(const char *url);

/* The text-fragment directive of url: what follows ":~:" in the fragment,
 * still percent-encoded ("text=foo,bar&text=baz"), or NULL when there is none.
 * Caller frees with free(). */
char *url_text_directive(const char *url);

/* url without its fragment directive (":~:…" removed; a remaining empty
 * fragment removed too), as a browser would show it. Caller frees. */
char *url_without_directive(const char *url);

/* url without its tracking parameters (see url_canonical), everything else
 * kept (its fragment byte for byte); url itself, byte for byte, when it has
 * none. NULL when url is not a URL (or out of memory). Caller frees with
 * free(). */
char *url_without_tracking(const char *url);

/* The address a draft entry links to, for the bookmark or item link whose
 * page was reached at final (where its redirects led; NULL when unknown): the
 * article's own address, i.e. final when it is another page than link (a
 * short link), without tracking parameters, with link's fragment (her
 * #:~:text= passage) carried over as browsers carry it across redirects.
 * link exactly as it is when it has neither a redirect nor tracking
 * parameters. NULL when out of memory. Caller frees with free(). */
char *url_article_link(const char *link, const char *final);

/* The lower-cased host name of url, or NULL. Caller frees with free(). */
char *url_host(const char *url);

/* True when url's host is a loopback address: localhost, 127.0.0.0/8 or
 * [::1] (where a password sent over plain http never leaves the machine). */
bool url_is_loopback(const char *url);

/* True for absolute http:// and https:// URLs. */
bool url_is_http(const char *url);

#endif
