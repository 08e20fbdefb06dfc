#include "curlapi.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lazylib.h"

/* The soname of the libcurl ABI (version 4) every libcurl since 7.16 has. */
#define CURL_SONAME "libcurl.so.4"
/* Oldest libcurl whose URL API has everything url.c relies on
 * (CURLU_URLENCODE on full URLs, CURLU_NO_DEFAULT_PORT). */
#define CURL_MIN_VERSION 0x075000

static struct curl_api api;

#define FN(member) {"curl_" #member, offsetof(struct curl_api, member)}
static const struct lazylib_symbol functions[] = {
	FN(global_init),     FN(global_cleanup),   FN(version_info),	  FN(getdate),
	FN(free),	     FN(url),		   FN(url_cleanup),	  FN(url_set),
	FN(url_get),	     FN(easy_init),	   FN(easy_cleanup),	  FN(easy_reset),
	FN(easy_perform),    FN(easy_setopt),
	FN(easy_getinfo),    FN(easy_strerror),	   FN(slist_append),	  FN(slist_free_all),
	FN(multi_init),	     FN(multi_cleanup),	   FN(multi_setopt),	  FN(multi_add_handle),
	FN(multi_remove_handle), FN(multi_perform), FN(multi_poll),	  FN(multi_info_read),
};
#undef FN

static void check_version(const struct lazylib *lib)
{
	const curl_version_info_data *v = api.version_info(CURLVERSION_NOW);
	if (!v || v->version_num < CURL_MIN_VERSION)
		lazylib_fail(lib->what, lib->soname, v ? "version older than 7.80" : "no version information");
}

static struct lazylib lib = LAZYLIB_INIT("libcurl", CURL_SONAME, functions, &api, check_version);

const struct curl_api *curl_api(void)
{
	return lazylib_get(&lib);
}

int curl_api_loaded(void)
{
	return lazylib_is_loaded(&lib);
}
