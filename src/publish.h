/* publish — the WordPress REST client (libcurl through curlapi.h, jansson).
 *
 * What `reads publish` needs of a blog: find its REST API (/wp-json/, or
 * ?rest_route= when pretty permalinks are off), check the login, read one
 * post, find posts by slug, look up or create a category or tag, and create
 * or update a post. Authentication is an application password sent with
 * HTTP Basic authentication.
 *
 * Every request is bounded (connect and total timeouts, a low-speed abort, a
 * cap on the answer enforced in the write callback); redirects are not
 * followed but reported (the configured address is not the blog's); TLS is
 * verified; plain http is refused but for loopback addresses. The password
 * goes to libcurl's Basic authentication and nowhere else: never in a URL, a
 * message or a log line. Messages name the blog and carry WordPress's own
 * error code and message, with what to check. */
#ifndef READS_PUBLISH_H
#define READS_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compat.h"

struct publish_login {
	const char *url;	/* the blog's address: https, or http to a loopback address */
	const char *user;	/* the WordPress login name */
	const char *password;	/* an application password (copied; wiped on close) */
	long timeout_s;		/* per request; 0: LIMIT_PUBLISH_TIMEOUT_S */
};

/* How a request ended, for the caller to branch on. */
enum publish_outcome {
	PUBLISH_OK,		/* done; the answer was read */
	PUBLISH_GONE,		/* the post asked for does not exist (deleted for good) */
	PUBLISH_REFUSED,	/* WordPress answered no (a 4xx, a redirect): nothing changed */
	PUBLISH_UNKNOWN,	/* no answer, a 5xx, or one that cannot be read: a write
				 * may or may not have been done */
};

/* What WordPress holds of a post (context=edit: the raw fields). */
struct publish_post_state {
	int64_t id;
	char *status;		/* draft, publish, future, pending, private, trash */
	char *modified_gmt;	/* "YYYY-MM-DDTHH:MM:SS", verbatim */
	char *title;		/* raw, as edited in WordPress */
	char *content;		/* raw */
	char *slug;		/* may be "" for a draft */
	char *link;		/* the permalink, or a draft's preview link */
};

/* What is sent for a post. NULL fields (and empty term lists) are not sent,
 * so WordPress keeps what it has (on create: its defaults). */
struct publish_post {
	const char *title;
	const char *content;	/* HTML */
	const char *status;	/* "draft", "publish" or "future" */
	const char *date;	/* "YYYY-MM-DDTHH:MM:SS" in the blog's own time */
	const char *slug;
	const int64_t *categories;	/* term ids */
	size_t n_categories;
	const int64_t *tags;
	size_t n_tags;
};

enum publish_taxonomy { PUBLISH_CATEGORY, PUBLISH_TAG };

struct publish_site;

/* Finds the blog's REST API and checks the login (GET users/me). NULL with
 * *err (caller frees with free()) when the address is not https (but for
 * loopback), the blog cannot be reached, has no REST API, or refuses the
 * login: the message says which and what to check. fetch_global_init()
 * must have been called (workspace_open with network does). Caller frees
 * with publish_close(). */
struct publish_site *publish_connect(const struct publish_login *login, char **err) WUR;

/* Wipes the password and frees everything. Accepts NULL. */
void publish_close(struct publish_site *s);

/* The last failure as one line naming the blog; "" after a success. Valid
 * until the next call. */
const char *publish_error(const struct publish_site *s);

/* The REST API's root as found ("https://blog.example.org/wp-json/" or
 * "https://blog.example.org/?rest_route=/"). Valid until publish_close(). */
const char *publish_api_root(const struct publish_site *s);

/* The blog's offset from UTC in seconds (its General Settings), from the
 * REST index. */
long publish_utc_offset(const struct publish_site *s);

/* Where she edits post id in wp-admin. Caller frees with free(). */
char *publish_edit_link(const struct publish_site *s, int64_t id);

/* Reads post id (a trashed post is found, with status "trash").
 * PUBLISH_GONE when WordPress knows no such post. Caller frees *out with
 * publish_post_state_finish() (also after a failure: it is then empty). */
enum publish_outcome publish_post_get(struct publish_site *s, int64_t id, struct publish_post_state *out) WUR;

/* The posts (any status but trash) whose slug is slug, at most 10. Caller
 * frees each with publish_post_state_finish() and the array with free(). */
enum publish_outcome publish_posts_by_slug(struct publish_site *s, const char *slug, struct publish_post_state **out,
					   size_t *n) WUR;

/* Creates a post (id 0) or updates post id with what p gives; *out holds
 * what WordPress then holds. Caller frees *out with
 * publish_post_state_finish(). */
enum publish_outcome publish_post_save(struct publish_site *s, int64_t id, const struct publish_post *p,
				       struct publish_post_state *out) WUR;

/* The id of the category or tag called name (compared as WordPress shows
 * it, entities decoded, ignoring ASCII case), created when the blog has
 * none. */
enum publish_outcome publish_term_id(struct publish_site *s, enum publish_taxonomy tax, const char *name,
				     int64_t *id) WUR;

void publish_post_state_finish(struct publish_post_state *st);

/* The JSON body publish_post_save() sends for p (indented when pretty, for
 * --dry-run). Caller frees with free(); NULL when out of memory. */
char *publish_post_json(const struct publish_post *p, bool pretty);

/* The application password from the first line of path (surrounding
 * white space removed). Refused, with *err saying why and how to fix it,
 * when path is not a regular file, can be read or written by its group or
 * others (mode 0600 or stricter is required), or holds no password.
 * Caller frees *password with publish_password_free() and *err with free(). */
bool publish_read_password(const char *path, char **password, char **err) WUR;

/* Wipes and frees a password. Accepts NULL. */
void publish_password_free(char *password);

#endif
