#include <dlfcn.h>
#include <stdlib.h>

#include "curlapi.h"
#include "tap.h"
#include "url.h"

static void canon(const char *in, const char *want)
{
	char *got = url_canonical(in);
	is_str(got, want, in);
	free(got);
}

static void untracked(const char *in, const char *want)
{
	char *got = url_without_tracking(in);
	is_str(got, want, in);
	free(got);
}

static void link_of(const char *link, const char *final, const char *want)
{
	char *got = url_article_link(link, final);
	is_str(got, want, final ? final : link);
	free(got);
}

static void resolve(const char *base, const char *ref, const char *want)
{
	char *got = url_resolve(base, ref);
	is_str(got, want, ref);
	free(got);
}

int main(void)
{
	/* libcurl is loaded by the first function that needs it, not before:
	 * this is what keeps `reads parse` and friends from paying for it.
	 * RTLD_NOLOAD asks the loader whether it is in the process at all. */
	ok(!dlopen("libcurl.so.4", RTLD_NOW | RTLD_NOLOAD) && !curl_api_loaded(),
	   "libcurl not in the process before the first URL call");
	ok(url_is_http("https://example.org/") && !dlopen("libcurl.so.4", RTLD_NOW | RTLD_NOLOAD),
	   "url_is_http needs no libcurl");
	resolve("http://example.org/a/b/", "c", "http://example.org/a/b/c");
	ok(dlopen("libcurl.so.4", RTLD_NOW | RTLD_NOLOAD) && curl_api_loaded(), "the first resolution loaded libcurl");
	ok(curl_api()->version_info(CURLVERSION_NOW)->version_num >= 0x075000, "libcurl is 7.80 or newer");
	canon("HTTP://Example.ORG:80/a/b/", "http://example.org/a/b");
	canon("https://example.org:443/", "https://example.org/");
	canon("https://example.org:8443/x", "https://example.org:8443/x");
	canon("https://example.org/p?utm_source=tw&id=3&utm_medium=x&fbclid=abc", "https://example.org/p?id=3");
	canon("https://example.org/p?utm_source=tw", "https://example.org/p");
	canon("https://example.org/p#section", "https://example.org/p");
	canon("https://example.org/p#:~:text=hello", "https://example.org/p");
	canon("ftp://example.org/p", NULL);
	canon("not a url", NULL);

	/* One list of tracking parameters for the key and for the link. */
	untracked("https://Example.org/p?id=3&utm_source=tw&fbclid=x#:~:text=Some%20say,stream",
		  "https://Example.org/p?id=3#:~:text=Some%20say,stream");
	untracked("https://example.org/p?utm_campaign=a&mc_cid=1&mc_eid=2&gclid=3", "https://example.org/p");
	untracked("HTTPS://Example.ORG/P?a=b#Top", "HTTPS://Example.ORG/P?a=b#Top");
	untracked("https://example.org/p?utmost=1", "https://example.org/p?utmost=1");
	/* The entry's link: her URL exactly, unless redirects or tracking. */
	link_of("https://Example.org/post/#:~:text=a%20b,c", NULL, "https://Example.org/post/#:~:text=a%20b,c");
	link_of("https://example.org/post", "https://example.org/post", "https://example.org/post");
	link_of("https://example.org/post/", "https://example.org/post", "https://example.org/post/");
	link_of("https://bit.ly/x1#:~:text=the%20passage", "https://example.org/2010/11/post?ref=home",
		"https://example.org/2010/11/post?ref=home#:~:text=the%20passage");
	link_of("https://example.org/p?utm_source=twitter&id=2#:~:text=x", NULL, "https://example.org/p?id=2#:~:text=x");
	link_of("https://t.co/abc", "https://example.org/p?utm_medium=social", "https://example.org/p");
	link_of("http://example.org/p", "https://example.org/p", "https://example.org/p");

	resolve("https://example.org/blog/feed.xml", "../post/1", "https://example.org/post/1");
	resolve("https://example.org/blog/", "/a b", "https://example.org/a%20b");
	resolve("https://example.org/", "https://other.net/x", "https://other.net/x");
	resolve(NULL, "https://example.org/x", "https://example.org/x");
	/* RFC 3986 §5.4.1: a fragment alone keeps the whole base but its fragment */
	resolve("http://a/b/c/d;p?q", "#s", "http://a/b/c/d;p?q#s");
	resolve("http://example.org/p/page.html#old", "#e0", "http://example.org/p/page.html#e0");
	resolve("http://a/b/c/d;p?q", "?y", "http://a/b/c/d;p?y");
	resolve("http://a/b/c/d;p?q", "//g", "http://g/");

	char *d = url_text_directive("https://e.org/p#:~:text=Some%20say,stream");
	is_str(d, "text=Some%20say,stream", "text directive after :~:");
	free(d);
	d = url_text_directive("https://e.org/p#top");
	is_str(d, NULL, "no directive in an ordinary fragment");
	free(d);
	d = url_without_directive("https://e.org/p#:~:text=x");
	is_str(d, "https://e.org/p", "directive and empty fragment removed");
	free(d);
	d = url_without_directive("https://e.org/p#top:~:text=x");
	is_str(d, "https://e.org/p#top", "the ordinary part of the fragment stays");
	free(d);
	d = url_host("https://WWW.Example.org:8080/x");
	is_str(d, "www.example.org", "host is lower-cased, without port");
	free(d);
	ok(url_is_http("HTTPS://x.org/"), "https in upper case is http(s)");
	ok(url_is_loopback("http://127.0.0.1:8080/blog") && url_is_loopback("http://127.8.9.10/") &&
		   url_is_loopback("http://localhost/") && url_is_loopback("http://LocalHost:80/") &&
		   url_is_loopback("http://[::1]:8080/"),
	   "loopback hosts: 127.0.0.0/8, localhost, [::1]");
	ok(!url_is_loopback("http://128.0.0.1/") && !url_is_loopback("http://localhost.example.org/") &&
		   !url_is_loopback("http://[::2]/") && !url_is_loopback("http://127.0.0.1.example.org/") &&
		   !url_is_loopback("ftp://127.0.0.1/") && !url_is_loopback("not a url") && !url_is_loopback(NULL),
	   "not loopback: other addresses and names, other schemes, garbage");
	ok(!url_is_http("file:///etc/passwd"), "file: is not http(s)");
	return tap_done();
}
