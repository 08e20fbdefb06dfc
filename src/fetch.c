#include "fetch.h"

#include <curl/curl.h>

bool fetch_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

void fetch_global_cleanup(void)
{
	curl_global_cleanup();
}
