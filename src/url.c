#include "url.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "curlapi.h"

char *url_resolve(const char *base, const char *ref)
{
	if (!ref)
		return NULL;
	CURLU *u = curl_api()->url();
	if (!u)
		return NULL;
	char *out = NULL;
	unsigned flags = CURLU_NON_SUPPORT_SCHEME;
	if (base && curl_api()->url_set(u, CURLUPART_URL, base, flags) != CURLUE_OK)
		goto out;
	/* A reference that is only a fragment keeps the base's path and query
	 * (RFC 3986 §5.2.2); libcurl 7.88 would drop the last path segment. */
	if (base && ref[0] == '#') {
		if (curl_api()->url_set(u, CURLUPART_FRAGMENT, ref[1] ? ref + 1 : NULL, flags | CURLU_URLENCODE) !=
		    CURLUE_OK)
			goto out;
	} else if (curl_api()->url_set(u, CURLUPART_URL, ref, flags | CURLU_URLENCODE) != CURLUE_OK) {
		/* Spaces and other bytes real feeds put in hrefs are escaped
		 * rather than rejected, as browsers do. */
		goto out;
	}
	char *s = NULL;
	if (curl_api()->url_get(u, CURLUPART_URL, &s, 0) == CURLUE_OK) {
		out = strdup(s);
		curl_api()->free(s);
	}
out:
	curl_api()->url_cleanup(u);
	return out;
}

bool url_is_http(const char *url)
{
	return url && (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0);
}

bool url_is_loopback(const char *url)
{
	char *host = url_is_http(url) ? url_host(url) : NULL;
	if (!host)
		return false;
	struct in_addr v4;
	struct in6_addr v6;
	size_t n = strlen(host);
	bool yes = strcmp(host, "localhost") == 0 || (inet_pton(AF_INET, host, &v4) == 1 && (ntohl(v4.s_addr) >> 24) == 127);
	if (!yes && n > 2 && host[0] == '[' && host[n - 1] == ']') {
		host[n - 1] = '\0';
		yes = inet_pton(AF_INET6, host + 1, &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
	}
	free(host);
	return yes;
}

/* Tracking parameters: they tell the site who sent the reader (campaign
 * tags of analytics tools: utm_ of Google Analytics, mtm_ and pk_ of Matomo;
 * click ids of ad networks: fbclid, gclid, dclid, msclkid, yclid, igshid;
 * mailing-list ids: mc_cid and mc_eid of Mailchimp, _hsenc and _hsmi of
 * HubSpot, mkt_tok of Marketo; ref_src of Twitter). The page is the same
 * without them, so they neither tell two articles apart nor belong in the
 * link she publishes. The one list, used by url_canonical and
 * url_without_tracking. */
static bool is_tracking_param(const char *kv)
{
	static const char *const prefixes[] = {"utm_", "mtm_", "pk_"};
	static const char *const names[] = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid",
					    "igshid", "yclid", "_hsenc", "_hsmi", "mkt_tok", "ref_src"};
	for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
		if (strncasecmp(kv, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	size_t klen = strcspn(kv, "=");
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (strlen(names[i]) == klen && strncasecmp(kv, names[i], klen) == 0)
			return true;
	return false;
}

/* url's query without its tracking parameters, into *query (NULL when none
 * is left); *removed tells whether any was. False when url is not a URL or
 * out of memory. */
static bool filter_query(CURLU *u, char **query, bool *removed)
{
	char *q = NULL;
	struct buf b;
	buf_init(&b, 1 << 20);
	bool fine = true;
	*removed = false;
	*query = NULL;
	if (curl_api()->url_get(u, CURLUPART_QUERY, &q, 0) == CURLUE_OK && q) {
		char *save = NULL;
		for (char *kv = strtok_r(q, "&", &save); kv && fine; kv = strtok_r(NULL, "&", &save)) {
			if (is_tracking_param(kv)) {
				*removed = true;
				continue;
			}
			fine = (!b.len || buf_putc(&b, '&')) && buf_puts(&b, kv);
		}
	}
	curl_api()->free(q);
	if (fine && b.len)
		fine = (*query = buf_detach(&b)) != NULL;
	buf_finish(&b);
	return fine;
}

char *url_host(const char *url)
{
	CURLU *u = curl_api()->url();
	char *host = NULL, *out = NULL;
	if (u && curl_api()->url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK &&
	    curl_api()->url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		out = strdup(host);
		for (char *p = out; p && *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	curl_api()->free(host);
	curl_api()->url_cleanup(u);
	return out;
}

char *url_canonical(const char *url)
{
	if (!url_is_http(url))
		return NULL;
	CURLU *u = curl_api()->url();
	char *out = NULL, *host = NULL, *query = NULL, *path = NULL, *s = NULL;
	if (!u || curl_api()->url_set(u, CURLUPART_URL, url, CURLU_URLENCODE) != CURLUE_OK)
		goto out;
	if (curl_api()->url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
		for (char *p = host; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (curl_api()->url_set(u, CURLUPART_HOST, host, 0) != CURLUE_OK)
			goto out;
	}
	if (curl_api()->url_set(u, CURLUPART_FRAGMENT, NULL, 0) != CURLUE_OK)
		goto out;
	bool removed;
	if (!filter_query(u, &query, &removed) ||
	    (removed && curl_api()->url_set(u, CURLUPART_QUERY, query, 0) != CURLUE_OK))
		goto out;
	if (curl_api()->url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK && path) {
		size_t n = strlen(path);
		if (n > 1 && path[n - 1] == '/') {
			path[n - 1] = '\0';
			if (curl_api()->url_set(u, CURLUPART_PATH, path, 0) != CURLUE_OK)
				goto out;
		}
	}
	if (curl_api()->url_get(u, CURLUPART_URL, &s, CURLU_NO_DEFAULT_PORT) == CURLUE_OK)
		out = strdup(s);
out:
	curl_api()->free(s);
	curl_api()->free(path);
	free(query);
	curl_api()->free(host);
	curl_api()->url_cleanup(u);
	return out;
}

char *url_text_directive(const char *url)
{
	const char *hash = url ? strchr(url, '#') : NULL;
	const char *d = hash ? strstr(hash, ":~:") : NULL;
	return d ? strdup(d + 3) : NULL;
}

char *url_without_directive(const char *url)
{
	const char *hash = strchr(url, '#');
	const char *d = hash ? strstr(hash, ":~:") : NULL;
	if (!d)
		return strdup(url);
	size_t n = (size_t)(d - url);
	if (d == hash + 1)
		n = (size_t)(hash - url);
	return strndup(url, n);
}

char *url_without_tracking(const char *url)
{
	if (!url)
		return NULL;
	CURLU *u = curl_api()->url();
	char *query = NULL, *s = NULL, *out = NULL;
	bool removed = false;
	if (!u || curl_api()->url_set(u, CURLUPART_URL, url, CURLU_URLENCODE | CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK ||
	    !filter_query(u, &query, &removed))
		goto out;
	if (!removed) {
		out = strdup(url);	/* nothing to remove: byte for byte as given */
		goto out;
	}
	/* The fragment is put back as it was written (curl would re-encode a
	 * text directive). */
	const char *hash = strchr(url, '#');
	if (curl_api()->url_set(u, CURLUPART_QUERY, query, 0) != CURLUE_OK ||
	    curl_api()->url_set(u, CURLUPART_FRAGMENT, NULL, 0) != CURLUE_OK ||
	    curl_api()->url_get(u, CURLUPART_URL, &s, 0) != CURLUE_OK)
		goto out;
	if (asprintf(&out, "%s%s", s, hash ? hash : "") < 0)
		out = NULL;
out:
	curl_api()->free(s);
	free(query);
	curl_api()->url_cleanup(u);
	return out;
}

char *url_article_link(const char *link, const char *final)
{
	const char *hash = strchr(link, '#');
	char *base = strndup(link, hash ? (size_t)(hash - link) : strlen(link));
	char *cl = url_canonical(link), *cf = final ? url_canonical(final) : NULL;
	char *out = NULL, *clean = NULL;
	if (!base)
		goto out;
	if (cl && cf && strcmp(cl, cf) != 0) {
		/* Redirected to another page: that page is the article. */
		const char *fh = strchr(final, '#');
		free(base);
		base = strndup(final, fh ? (size_t)(fh - final) : strlen(final));
		if (!base)
			goto out;
	}
	clean = url_without_tracking(base);
	if (!clean)
		goto out;
	if (asprintf(&out, "%s%s", clean, hash ? hash : "") < 0)
		out = NULL;
out:
	free(base);
	free(clean);
	free(cl);
	free(cf);
	return out;
}
