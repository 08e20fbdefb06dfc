/* Unit tests of the fetch module that need no server: defaults, refusals
 * before any transfer, an empty run, and a refused connection. */
#include <string.h>

#include "date.h"
#include "fetch.h"
#include "tap.h"

int main(void)
{
	if (!ok(fetch_global_init(), "curl_global_init"))
		return tap_done();

	const char *ua = fetch_default_user_agent();
	ok(strncmp(ua, "reads/" READS_VERSION " (+https://", strlen("reads/" READS_VERSION " (+https://")) == 0,
	   "default User-Agent names reads and its version: %s", ua);
	ok(strstr(ua, "(+https://github.com/reads-digest/reads)") != NULL, "and the project URL");

	struct fetch_response none[1];
	ok(fetch_all(NULL, 0, NULL, none), "an empty run succeeds");

	struct fetch_request reqs[] = {
		{.url = "file:///etc/passwd"},
		{.url = "ftp://example.org/feed.xml"},
		{.url = "not a url"},
		{.url = "http://127.0.0.1:1/feed"},	/* port 1: refused */
		{.url = "gopher://example.org/"},
	};
	size_t n = sizeof(reqs) / sizeof(reqs[0]);
	struct fetch_response out[5];
	struct fetch_options o = {.timeout_s = 5, .connect_timeout_s = 3};
	ok(fetch_all(reqs, n, &o, out), "fetch_all runs");
	for (size_t i = 0; i < n; i++) {
		if (i == 3) {
			is_int(out[i].outcome, FETCH_NETWORK_ERROR, "refused connection: network error");
			ok(out[i].error && strstr(out[i].error, "127.0.0.1:1/feed") == NULL,
			   "refused connection: error without the URL (%s)", out[i].error ? out[i].error : "NULL");
		} else {
			is_int(out[i].outcome, FETCH_BAD_URL, reqs[i].url);
			is_str(out[i].error, "not an http(s) URL", "its reason");
		}
		ok(out[i].body == NULL, "no body");
		ok(out[i].retry_after == DATE_NONE, "no retry_after");
		fetch_response_finish(&out[i]);
		ok(out[i].error == NULL && out[i].retry_after == DATE_NONE, "finish clears the response");
	}
	fetch_response_finish(NULL);
	fetch_global_cleanup();
	return tap_done();
}
