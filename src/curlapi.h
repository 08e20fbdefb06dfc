/* curlapi — libcurl, loaded the first time it is needed.
 *
 * Why: libcurl brings some 25 shared libraries (TLS twice, Kerberos, LDAP,
 * SSH, RTMP…), all linked "bind now"; loading them costs about 8 ms per
 * process, six times what sfeed needs to parse a whole feed. Most runs of
 * `reads parse`, `check`, `export` and `extract` never touch the network nor
 * resolve a relative URL, so the program no longer links libcurl and binds
 * the few entry points it uses here, on first use, with dlopen(3).
 * Everything else about libcurl is unchanged: the types, constants and
 * semantics are those of <curl/curl.h>; callers write
 * `curl_api()->url_set(u, …)` where they used to write `curl_url_set(u, …)`. */
#ifndef READS_CURLAPI_H
#define READS_CURLAPI_H

#include <curl/curl.h>
#include <time.h>

/* The libcurl functions reads calls, one member per function, named after
 * it without the "curl_" prefix. */
struct curl_api {
	CURLcode (*global_init)(long flags);
	void (*global_cleanup)(void);
	curl_version_info_data *(*version_info)(CURLversion age);
	time_t (*getdate)(const char *s, const time_t *unused);
	void (*free)(void *p);

	CURLU *(*url)(void);
	void (*url_cleanup)(CURLU *u);
	CURLUcode (*url_set)(CURLU *u, CURLUPart part, const char *content, unsigned int flags);
	CURLUcode (*url_get)(const CURLU *u, CURLUPart part, char **content, unsigned int flags);

	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *e);
	void (*easy_reset)(CURL *e);
	CURLcode (*easy_perform)(CURL *e);
	CURLcode (*easy_setopt)(CURL *e, CURLoption option, ...);
	CURLcode (*easy_getinfo)(CURL *e, CURLINFO info, ...);
	const char *(*easy_strerror)(CURLcode code);

	struct curl_slist *(*slist_append)(struct curl_slist *list, const char *s);
	void (*slist_free_all)(struct curl_slist *list);

	CURLM *(*multi_init)(void);
	CURLMcode (*multi_cleanup)(CURLM *m);
	CURLMcode (*multi_setopt)(CURLM *m, CURLMoption option, ...);
	CURLMcode (*multi_add_handle)(CURLM *m, CURL *e);
	CURLMcode (*multi_remove_handle)(CURLM *m, CURL *e);
	CURLMcode (*multi_perform)(CURLM *m, int *running);
	CURLMcode (*multi_poll)(CURLM *m, struct curl_waitfd extra[], unsigned int n, int timeout_ms,
				int *ret);
	CURLMsg *(*multi_info_read)(CURLM *m, int *left);
};

/* The bound entry points; loads libcurl on the first call (thread-safe).
 * Never returns NULL: when libcurl cannot be loaded, or is older than the
 * 7.80 the program was written against, it prints why on stderr and exits
 * with status 3, which is what the dynamic loader did at start-up when the
 * program linked libcurl directly. */
const struct curl_api *curl_api(void);

/* Whether libcurl has been loaded by this process (for tests and -v). */
int curl_api_loaded(void);

#endif
