/* reads publish FILE [--status draft|publish|future] [--date DATE] [--force] [--dry-run]
 *
 * Wires the draft (export_post_read), the archive (the post each month
 * became) and the blog (publish.h). What it guarantees:
 * - one post per month: the post's id is recorded, and a write whose answer
 *   never came is recorded as pending before it is sent, so the next run
 *   finds that post (by id, or by the slug it sent) instead of making another;
 * - her work in WordPress is never overwritten silently: a post whose
 *   modified_gmt differs from the one recorded after reads' last write is
 *   left alone unless --force;
 * - a deleted or trashed post is reported, and replaced only with --force. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "commands.h"
#include "date.h"
#include "export.h"
#include "fileio.h"
#include "limits.h"
#include "log.h"
#include "publish.h"
#include "url.h"
#include "workspace.h"

static const char usage[] =
	"Usage: reads [-c FILE] publish FILE [--status draft|publish|future] [--date DATE]\n"
	"                                    [--force] [--dry-run]\n"
	"\n"
	"Sends the edited draft FILE (digests/YYYY-MM.md) to the WordPress blog of\n"
	"feeds.yaml (publish: wordpress:) through its REST API: the first time as a\n"
	"new post, a draft unless --status says otherwise; later by updating that\n"
	"same post, which reads remembers per month in its archive. The title and\n"
	"date come from the front matter, the content is what 'reads export' gives.\n"
	"It prints the post's edit link.\n"
	"\n"
	"If the post was changed in WordPress since reads last wrote it, reads\n"
	"changes nothing and says so; --force overwrites it. If it was deleted or\n"
	"trashed there, --force makes a new one.\n"
	"\n"
	"Options:\n"
	"      --status STATUS   draft (a new post's default), publish (live now) or\n"
	"                        future (scheduled for --date); an update keeps the\n"
	"                        post's status unless this is given\n"
	"      --date DATE       the post's date, YYYY-MM-DD[ HH:MM] in the blog's time\n"
	"                        (default: the front matter's date)\n"
	"      --force           overwrite changes made in WordPress; replace a deleted\n"
	"                        or trashed post\n"
	"  -n, --dry-run         print what would be sent, send nothing (no password)\n"
	"  -h, --help            this help\n"
	"\n"
	"The application password comes from READS_WP_PASSWORD, else from the file\n"
	"password_file: names (readable by you only: chmod 600).\n"
	"\n"
	"Exit status: 0 done, 1 the post was saved but a category or tag could not be\n"
	"set (or recorded), 2 usage or configuration error, 3 nothing was published.\n";

/* Term names: feeds.yaml's, then the front matter's, each once (ignoring
 * ASCII case, as WordPress does). */
static bool merge_terms(struct strlist *out, const struct strlist *a, const struct strlist *b)
{
	const struct strlist *both[] = {a, b};
	for (size_t k = 0; k < 2; k++) {
		for (size_t i = 0; i < both[k]->n; i++) {
			bool known = false;
			for (size_t j = 0; j < out->n && !known; j++)
				known = strcasecmp(out->v[j], both[k]->v[i]) == 0;
			if (!known && !strlist_push(out, both[k]->v[i]))
				return false;
		}
	}
	return true;
}

/* True when two addresses name the same blog (case of the host, a
 * trailing slash, a default port aside). */
static bool same_site(const char *a, const char *b)
{
	char *ca = url_canonical(a), *cb = url_canonical(b);
	bool same = ca && cb ? strcmp(ca, cb) == 0 : strcmp(a, b) == 0;
	free(ca);
	free(cb);
	return same;
}

/* The month of the draft: its front matter's, else its file name's. */
static bool draft_month(const struct export_post *post, const char *path, char month[8])
{
	int y, m;
	if (post->month && strlen(post->month) == 7 && date_parse_month(post->month, &y, &m)) {
		memcpy(month, post->month, 8);
		return true;
	}
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char head[8];
	snprintf(head, sizeof head, "%.7s", base);
	if (strlen(head) == 7 && date_parse_month(head, &y, &m) && (base[7] == '.' || base[7] == '\0')) {
		memcpy(month, head, 8);
		return true;
	}
	return false;
}

static void print_terms(const char *kind, const struct strlist *names)
{
	if (!names->n)
		return;
	printf("%s:", kind);
	for (size_t i = 0; i < names->n; i++)
		printf("%s %s", i ? "," : "", names->v[i]);
	printf(" (looked up by name, created when missing)\n");
}

/* --dry-run: what would be sent, without the network or the password. */
static int dry_run(const struct config_wordpress *wp, const char *month, const struct archive_publication *rec,
		   bool found, const struct publish_post *p, const struct strlist *cats, const struct strlist *tags)
{
	printf("dry run: nothing is sent to %s\n", wp->url);
	if (found && rec->post_id > 0 && !rec->pending)
		printf("POST %s/wp-json/wp/v2/posts/%lld: updates post %lld, recorded for %s, unless it was "
		       "changed in WordPress since %s\n",
		       wp->url, (long long)rec->post_id, (long long)rec->post_id, month,
		       rec->modified_gmt ? rec->modified_gmt : "reads last wrote it");
	else if (found && rec->pending && rec->post_id > 0)
		printf("POST %s/wp-json/wp/v2/posts/%lld: a write for %s was cut off; reads first reads post %lld "
		       "to see whether it landed\n",
		       wp->url, (long long)rec->post_id, month, (long long)rec->post_id);
	else if (found && rec->pending)
		printf("GET %s/wp-json/wp/v2/posts?slug=%s: a create for %s was cut off; reads first looks for the "
		       "post it may have made\n",
		       wp->url, rec->slug ? rec->slug : "", month);
	else
		printf("POST %s/wp-json/wp/v2/posts: creates a new post (none is recorded for %s)\n", wp->url, month);
	print_terms("categories", cats);
	print_terms("tags", tags);
	char *json = publish_post_json(p, true);
	if (!json) {
		log_error("out of memory");
		return EXIT_NOTHING;
	}
	printf("%s\n", json);
	free(json);
	return EXIT_OK;
}

/* The password: READS_WP_PASSWORD, else password_file. NULL after saying why. */
static char *load_password(const struct config_wordpress *wp, const char *config_path)
{
	const char *env = getenv("READS_WP_PASSWORD");
	if (env && *env)
		return strdup(env);
	if (!wp->password_file) {
		log_error("%s:%d:%d: wordpress: no password: give password_file: (a file readable by you only) or "
			  "set READS_WP_PASSWORD",
			  config_path, wp->line, wp->column);
		return NULL;
	}
	char *password = NULL, *err = NULL;
	if (!publish_read_password(wp->password_file, &password, &err))
		log_error("%s", err ? err : wp->password_file);
	free(err);
	return password;
}

/* True when the post in WordPress holds exactly the title and content
 * reads would send: overwriting it loses nothing of hers. */
static bool same_text(const struct publish_post_state *st, const struct publish_post *p)
{
	return strcmp(st->title, p->title) == 0 && strcmp(st->content, p->content) == 0;
}

/* Sets every term of names; ids go to ids[0..*n). A refused login or no
 * answer is fatal (false); another refusal is reported and the term left
 * out (*partial). */
static bool resolve_terms(struct publish_site *site, enum publish_taxonomy tax, const struct strlist *names,
			  int64_t *ids, size_t *n, bool *partial)
{
	*n = 0;
	for (size_t i = 0; i < names->n; i++) {
		int64_t id;
		enum publish_outcome o = publish_term_id(site, tax, names->v[i], &id);
		if (o == PUBLISH_OK) {
			ids[(*n)++] = id;
			continue;
		}
		log_error("%s", publish_error(site));
		if (o == PUBLISH_UNKNOWN)
			return false;
		*partial = true; /* the post goes without it */
	}
	return true;
}

int cmd_publish(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"status", required_argument, NULL, 's'}, {"date", required_argument, NULL, 'd'},
		{"force", no_argument, NULL, 'F'},	   {"dry-run", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},	   {0, 0, 0, 0},
	};
	const char *status_opt = NULL, *date_opt = NULL;
	bool force = false, dry = false;
	int c;
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":nh", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (strcmp(optarg, "draft") != 0 && strcmp(optarg, "publish") != 0 && strcmp(optarg, "future") != 0)
				return cli_usage_error("publish", "unknown status '%s' (draft, publish or future)", optarg);
			status_opt = optarg;
			break;
		case 'd':
			date_opt = optarg;
			break;
		case 'F':
			force = true;
			break;
		case 'n':
			dry = true;
			break;
		case ':':
			return cli_usage_error("publish", "%s needs a value", argv[optind - 1]);
		default:
			return cli_usage_error("publish", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return cli_usage_error("publish", "which draft? (reads publish digests/YYYY-MM.md)");
	if (argc - optind > 1)
		return cli_usage_error("publish", "one draft at a time ('%s' is extra)", argv[optind + 1]);
	char date_buf[EXPORT_WP_DATE_SIZE];
	if (date_opt && !export_wp_date(date_opt, date_buf))
		return cli_usage_error("publish", "'%s' is not a date (YYYY-MM-DD or YYYY-MM-DD HH:MM)", date_opt);
	if (status_opt && strcmp(status_opt, "future") == 0 && !date_opt)
		return cli_usage_error("publish", "--status future needs --date (when the post goes live)");
	const char *path = argv[optind];

	int status = EXIT_NOTHING;
	bool partial = false, found = false, ws_open = false;
	char *text = NULL, *err = NULL, *password = NULL, *edit_link = NULL;
	struct export_post post;
	struct archive_publication rec;
	struct publish_site *site = NULL;
	struct publish_post_state st, saved;
	struct strlist cats, tags, warnings;
	int64_t *cat_ids = NULL, *tag_ids = NULL;
	struct workspace ws;
	memset(&post, 0, sizeof post);
	memset(&rec, 0, sizeof rec);
	memset(&st, 0, sizeof st);
	memset(&saved, 0, sizeof saved);
	strlist_init(&cats);
	strlist_init(&tags);
	strlist_init(&warnings);

	size_t len;
	text = file_read(path, LIMIT_DRAFT_BYTES, &len, &err);
	if (!text) {
		log_error("%s", err ? err : path);
		goto out;
	}
	bool read_ok = export_post_read(text, len, NULL, &post, &warnings, &err);
	for (size_t i = 0; i < warnings.n; i++)
		log_warn("%s: %s", path, warnings.v[i]);
	if (!read_ok) {
		log_error("%s: %s", path, err ? err : "cannot read the draft");
		goto out;
	}
	if (!post.title || !*post.title) {
		log_error("%s: no title: in the front matter; the post needs one", path);
		goto out;
	}
	char month[8];
	if (!draft_month(&post, path, month)) {
		log_error("%s: which month is this draft? Add month: YYYY-MM to its front matter", path);
		goto out;
	}

	status = workspace_open(cli->config_path, cli->archive_path, &ws, !dry);
	ws_open = true;
	if (status != EXIT_OK)
		goto out;
	status = EXIT_NOTHING;
	const struct config_wordpress *wp = &ws.cfg->wordpress;
	if (!wp->url) {
		log_error("%s: no blog to publish to: add publish: {wordpress: {url: …, user: …}} (see reads-feeds(5))",
			  ws.cfg->path);
		status = EXIT_USAGE;
		goto out;
	}
	if (!merge_terms(&cats, &wp->categories, &post.categories) || !merge_terms(&tags, &wp->tags, &post.tags) ||
	    !(cat_ids = calloc(cats.n + 1, sizeof *cat_ids)) || !(tag_ids = calloc(tags.n + 1, sizeof *tag_ids))) {
		log_error("out of memory");
		goto out;
	}
	found = archive_publication_get(ws.archive, month, &rec);
	if (!found && *archive_error(ws.archive)) {
		log_error("%s: %s", archive_path(ws.archive), archive_error(ws.archive));
		goto out;
	}
	if (found && !same_site(rec.site, wp->url)) {
		if (!force) {
			log_error("%s: %s was published to %s (post %lld), but feeds.yaml now names %s; "
				  "reads publish --force makes a new post there",
				  path, month, rec.site, (long long)rec.post_id, wp->url);
			goto out;
		}
		archive_publication_finish(&rec);
		found = false;
	}

	struct publish_post p = {
		.title = post.title,
		.content = post.html,
		.status = status_opt,
		.date = date_opt ? date_buf : post.date,
		.slug = post.slug && *post.slug ? post.slug : NULL,
	};
	if (dry) {
		if (!p.status && !(found && rec.post_id > 0))
			p.status = "draft";
		status = dry_run(wp, month, &rec, found, &p, &cats, &tags);
		goto out;
	}

	if (!(password = load_password(wp, ws.cfg->path))) {
		status = EXIT_USAGE;
		goto out;
	}
	struct publish_login login = {.url = wp->url, .user = wp->user, .password = password,
				      .timeout_s = (long)wp->timeout};
	site = publish_connect(&login, &err);
	publish_password_free(password);
	password = NULL;
	if (!site) {
		log_error("%s", err);
		goto out;
	}
	log_info("%s: REST API at %s", wp->url, publish_api_root(site));
	if (status_opt && strcmp(status_opt, "future") == 0) {
		char iso[EXPORT_WP_DATE_SIZE + 1];
		snprintf(iso, sizeof iso, "%sZ", date_buf);
		int64_t when = date_parse(iso);
		if (when == DATE_NONE || when - publish_utc_offset(site) <= date_now() + 60) {
			log_error("%s: --status future needs a date still to come in the blog's time (UTC%+.1f h): %s",
				  wp->url, publish_utc_offset(site) / 3600.0, date_opt);
			status = EXIT_USAGE;
			goto out;
		}
	}

	/* Which post: the recorded one, one an interrupted run made, or a new one. */
	int64_t target = 0;
	char *known_modified = found && rec.modified_gmt ? strdup(rec.modified_gmt) : NULL;
	if (found && rec.post_id > 0) {
		enum publish_outcome o = publish_post_get(site, rec.post_id, &st);
		if (o == PUBLISH_GONE || (o == PUBLISH_OK && strcmp(st.status, "trash") == 0)) {
			bool trashed = o == PUBLISH_OK;
			if (!force) {
				log_error("%s: post %lld, published from %s for %s, %s; %sreads publish --force makes a "
					  "new one",
					  wp->url, (long long)rec.post_id, path, month,
					  trashed ? "is in WordPress's trash" : "is no longer in WordPress (deleted)",
					  trashed ? "restore it there (Posts > Trash) and run again, or " : "");
				free(known_modified);
				goto out;
			}
			log_info("%s: post %lld is %s; --force: making a new one", wp->url, (long long)rec.post_id,
				 trashed ? "in the trash" : "deleted");
		} else if (o != PUBLISH_OK) {
			log_error("%s", publish_error(site));
			free(known_modified);
			goto out;
		} else {
			bool changed = !known_modified || strcmp(st.modified_gmt, known_modified) != 0;
			if (changed && rec.pending && same_text(&st, &p)) {
				/* our own write landed though its answer was lost */
				changed = false;
			}
			if (changed && !force) {
				log_error("%s: post %lld was changed in WordPress (modified %s UTC) since reads last "
					  "wrote it (%s UTC); reads leaves it alone. Bring those changes into %s, or "
					  "reads publish --force overwrites them",
					  wp->url, (long long)rec.post_id, st.modified_gmt,
					  known_modified ? known_modified : "never answered", path);
				free(known_modified);
				goto out;
			}
			target = rec.post_id;
		}
	} else if (found && rec.pending && rec.slug) {
		/* A create whose answer never came: the post may exist. */
		struct publish_post_state *cands = NULL;
		size_t n = 0;
		enum publish_outcome o = publish_posts_by_slug(site, rec.slug, &cands, &n);
		if (o != PUBLISH_OK) {
			log_error("%s", publish_error(site));
			free(known_modified);
			goto out;
		}
		size_t pick = n;
		for (size_t i = 0; i < n && pick == n; i++)
			if (same_text(&cands[i], &p))
				pick = i;
		if (pick == n && n == 1 && force)
			pick = 0;
		if (pick < n) {
			target = cands[pick].id;
			log_info("%s: post %lld is the one an interrupted run made; updating it", wp->url,
				 (long long)target);
		} else if (n > 0) {
			struct buf ids;
			buf_init(&ids, 1024);
			for (size_t i = 0; i < n; i++)
				if (!buf_printf(&ids, "%s%lld", i ? ", " : "", (long long)cands[i].id))
					break;
			log_error("%s: an earlier run was cut off while creating the post for %s, and the blog has "
				  "post%s %s with its slug (%s) but another text; check %s in WordPress, delete what "
				  "reads should not update%s",
				  wp->url, month, n > 1 ? "s" : "", buf_str(&ids), rec.slug, n > 1 ? "them" : "it",
				  n == 1 ? ", or reads publish --force updates it" : ", and run again");
			buf_finish(&ids);
		}
		bool refused = pick == n && n > 0;
		for (size_t i = 0; i < n; i++)
			publish_post_state_finish(&cands[i]);
		free(cands);
		if (refused) {
			free(known_modified);
			goto out;
		}
	}
	free(known_modified);

	size_t n_cat, n_tag;
	if (!resolve_terms(site, PUBLISH_CATEGORY, &cats, cat_ids, &n_cat, &partial) ||
	    !resolve_terms(site, PUBLISH_TAG, &tags, tag_ids, &n_tag, &partial))
		goto out;
	p.categories = cat_ids;
	p.n_categories = n_cat;
	p.tags = tag_ids;
	p.n_tags = n_tag;
	if (!target && !p.status)
		p.status = "draft";
	if (target)
		p.slug = NULL; /* hers to change in WordPress */

	/* Recorded as pending before it is sent: if the answer is lost, the
	 * next run looks for this post instead of making another. */
	struct archive_publication pending = {
		.month = month, .site = wp->url, .post_id = target,
		.slug = target ? rec.slug : (char *)p.slug,
		.edit_link = target ? rec.edit_link : NULL,
		.modified_gmt = target ? st.modified_gmt : NULL, /* what this write was checked against */
		.pending = true,
	};
	if (!archive_publication_put(ws.archive, &pending)) {
		log_error("%s: %s", archive_path(ws.archive), archive_error(ws.archive));
		goto out;
	}
	enum publish_outcome o = publish_post_save(site, target, &p, &saved);
	if (o != PUBLISH_OK) {
		log_error("%s%s", publish_error(site),
			  o == PUBLISH_UNKNOWN ? "; the post may or may not have been saved: run reads publish again, "
						 "it finds the post rather than making another"
					       : "");
		if (o != PUBLISH_UNKNOWN) {
			/* refused: nothing was written; the record is as it was */
			bool restored = found ? archive_publication_put(ws.archive, &rec)
					      : archive_publication_delete(ws.archive, month);
			if (!restored)
				log_error("%s: %s", archive_path(ws.archive), archive_error(ws.archive));
		}
		goto out;
	}
	edit_link = publish_edit_link(site, saved.id);
	struct archive_publication done = {
		.month = month, .site = wp->url, .post_id = saved.id, .slug = pending.slug ? pending.slug : saved.slug,
		.edit_link = edit_link, .modified_gmt = saved.modified_gmt, .pending = false,
	};
	if (!archive_publication_put(ws.archive, &done)) {
		log_error("%s: post %lld was saved but cannot be recorded: %s", archive_path(ws.archive),
			  (long long)saved.id, archive_error(ws.archive));
		partial = true;
	}
	if (p.status && strcmp(saved.status, p.status) != 0)
		log_warn("%s: post %lld was sent as %s; WordPress made it %s", wp->url, (long long)saved.id, p.status,
			 saved.status);
	printf("%s post %lld (%s): %s\n", target ? "updated" : "created", (long long)saved.id, saved.status,
	       edit_link ? edit_link : saved.link);
	status = partial ? EXIT_PARTIAL : EXIT_OK;
out:
	publish_post_state_finish(&st);
	publish_post_state_finish(&saved);
	publish_close(site);
	publish_password_free(password);
	if (ws_open)
		workspace_close(&ws);
	archive_publication_finish(&rec);
	export_post_finish(&post);
	strlist_finish(&cats);
	strlist_finish(&tags);
	strlist_finish(&warnings);
	free(cat_ids);
	free(tag_ids);
	free(edit_link);
	free(text);
	free(err);
	return status;
}
