/* reads parse FILE... [--json] — feed documents, for debugging, batch
 * checks and the benchmarks.  Streams: the file is read in chunks into the feed parser and
 * each entry is printed as soon as it is parsed, so memory does not grow
 * with the file.  Never touches the network. */
#include <errno.h>
#include <stdint.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <jansson.h>

#include "commands.h"
#include "date.h"
#include "feed.h"
#include "fileio.h"
#include "buf.h"
#include "limits.h"

static const char usage[] =
	"Usage: reads parse FILE [--json] [--url URL] [--content-type TYPE]\n"
	"       reads parse FILE FILE... [--json]\n"
	"\n"
	"Parses one feed document (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed) and\n"
	"prints its entries. FILE '-' is standard input. The network is never used.\n"
	"\n"
	"Options:\n"
	"  --json               one JSON object: {\"title\",\"link\",\"entries\":[...]}\n"
	"  --url URL            the document's URL, the base for relative links\n"
	"  --content-type TYPE  the HTTP Content-Type it came with (its charset)\n"
	"  -h, --help           this help\n"
	"\n"
	"With several FILEs, each is parsed in turn (one process for a batch) and\n"
	"--json prints one object per line (JSON Lines), each with a \"file\" key,\n"
	"in the order given. A file that fails does not stop the others.\n"
	"\n"
	"Malformed input is recovered where possible (warnings on stderr); a\n"
	"document with nothing usable prints an empty feed and an error on stderr.\n";

struct out {
	bool json;
	FILE *f;
	unsigned long n;
	bool failed;
	struct buf line;	/* one entry's JSON, written with one fwrite */
};

/* The feed module hands out valid UTF-8 only: skip jansson's re-check. */
static json_t *jstr(const char *s)
{
	return s ? json_stringn_nocheck(s, strlen(s)) : json_null();
}


/* JSON string escaping for entries. The feed module hands out valid UTF-8
 * only, so bytes are copied as they are but for '"', '\\' and control
 * characters. (This path was a third of `reads parse --json`'s time with
 * jansson's json_dumpb; the feed-level tail still goes through jansson.) */
static const unsigned char json_special[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
};

/* Appends to the entry's line buffer; an overflow is noted in the buffer's
 * owner through a failed append later (the line is then dropped whole). */
static bool put_failed;

static void ok_put(struct buf *b, const char *s, size_t n)
{
	if (!buf_append(b, s, n))
		put_failed = true;
}

static void put_lit(struct buf *b, const char *s)
{
	ok_put(b, s, strlen(s));
}

/* A stage in front of the entry's buffer, for put_str(). */
struct stage {
	struct buf *f;
	size_t n;
	char b[1024];
};

/* Makes room for n more bytes in the stage (flushing it into the buffer). */
static bool stage_room(struct stage *st, size_t n)
{
	if (st->n + n <= sizeof st->b)
		return true;
	ok_put(st->f, st->b, st->n);
	st->n = 0;
	return n <= sizeof st->b;
}

/* Appends s[0..n) to the stage, or straight to the buffer when it is big.
 * Returns true (the stage is usable). */
static bool stage_put(struct stage *st, const char *s, size_t n)
{
	if (stage_room(st, n)) {
		memcpy(st->b + st->n, s, n);
		st->n += n;
	} else {
		ok_put(st->f, s, n);
	}
	return true;
}

static void put_str(struct buf *f, const char *s)
{
	if (!s) {
		ok_put(f, "null", 4);
		return;
	}
	struct stage st;
	st.f = f;
	st.n = 1;
	st.b[0] = '"';
	size_t len = strlen(s);
	const unsigned char *p = (const unsigned char *)s, *end = p + len, *run = p;
	while (p < end) {
#ifdef __SSE2__
		/* sixteen bytes at a time: straight to the first one to escape */
		if (end - p >= 16) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
			__m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
			__m128i q = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
						 _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
			unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(ctl, q));
			if (!m) {
				p += 16;
				continue;
			}
			p += __builtin_ctz(m);
		} else
#endif
		/* eight bytes at a time while none is < 0x20, '"' or '\\' */
		if (end - p >= 8) {
			uint64_t w, q, b;
			memcpy(&w, p, 8);
			q = w ^ 0x2222222222222222ull;
			b = w ^ 0x5C5C5C5C5C5C5C5Cull;
			if ((((w - 0x2020202020202020ull) & ~w) | ((q - 0x0101010101010101ull) & ~q) |
			     ((b - 0x0101010101010101ull) & ~b)) &
			    0x8080808080808080ull) {
				/* fall through to the byte loop for these eight */
			} else {
				p += 8;
				continue;
			}
		}
		const unsigned char *stop = end - p > 8 ? p + 8 : end;
		for (; p < stop; p++) {
			unsigned char c = *p;
			if (c >= 0x60 || !json_special[c])
				continue;
			/* the run and its escape go through a small stage, so
			 * escape-dense text (HTML) does not cost two buffer
			 * appends per escaped byte */
			(void)stage_put(&st, (const char *)run, (size_t)(p - run));
			(void)stage_room(&st, 6);
			char *o = st.b + st.n;
			o[0] = '\\';
			switch (c) {
			case '"':
			case '\\':
				o[1] = (char)c;
				break;
			case '\n':
				o[1] = 'n';
				break;
			case '\t':
				o[1] = 't';
				break;
			case '\r':
				o[1] = 'r';
				break;
			default:
				o[1] = 'u';
				o[2] = '0';
				o[3] = '0';
				o[4] = "0123456789abcdef"[c >> 4];
				o[5] = "0123456789abcdef"[c & 15];
				st.n += 4;
				break;
			}
			st.n += 2;
			run = p + 1;
		}
	}
	(void)stage_put(&st, (const char *)run, (size_t)(end - run));
	(void)stage_room(&st, 1);
	st.b[st.n++] = '"';
	ok_put(f, st.b, st.n);
}

static void put_date(struct buf *f, int64_t t)
{
	if (t == DATE_NONE) {
		ok_put(f, "null", 4);
		return;
	}
	char iso[DATE_ISO_SIZE];
	date_format_iso(t, iso);
	ok_put(f, "\"", 1);
	ok_put(f, iso, DATE_ISO_SIZE - 1);
	ok_put(f, "\"", 1);
}

static bool print_item(const struct feed_item *it, void *ctx)
{
	struct out *o = ctx;
	FILE *f = o->f;
	if (!o->json) {
		char iso[DATE_ISO_SIZE] = "-";
		int64_t t = it->published != DATE_NONE ? it->published : it->updated;
		if (t != DATE_NONE)
			date_format_iso(t, iso);
		fprintf(f, "%s  %s\n    %s%s%s\n", iso, it->title ? it->title : "(untitled)",
			it->link ? it->link : "(no link)", it->author ? "  by " : "",
			it->author ? it->author : "");
		o->n++;
		return true;
	}
	buf_reset(&o->line);
	struct buf *b = &o->line;
	const char *head = o->n++ ? ",{\"title\":" : "{\"title\":";
	put_lit(b, head);
	put_str(b, it->title);
	put_lit(b, ",\"link\":");
	put_str(b, it->link);
	put_lit(b, ",\"id\":");
	put_str(b, it->id);
	put_lit(b, ",\"author\":");
	put_str(b, it->author);
	put_lit(b, ",\"published\":");
	put_date(b, it->published);
	put_lit(b, ",\"updated\":");
	put_date(b, it->updated);
	put_lit(b, ",\"summary\":");
	put_str(b, it->summary);
	put_lit(b, ",\"content\":");
	put_str(b, it->content);
	put_lit(b, ",\"categories\":[");
	for (size_t i = 0; i < it->categories.n; i++) {
		if (i)
			ok_put(b, ",", 1);
		put_str(b, it->categories.v[i]);
	}
	put_lit(b, "]}");
	if (put_failed || fwrite(b->data, 1, b->len, f) != b->len)
		o->failed = true;
	if (ferror(f))
		o->failed = true;
	return !o->failed;
}

static void print_tail(struct out *o, const struct feed_meta *m, const char *error, const char *file)
{
	json_t *t = json_object();
	json_object_set_new(t, "title", jstr(m->title));
	json_object_set_new(t, "link", jstr(m->link));
	json_object_set_new(t, "language", jstr(m->language));
	json_object_set_new(t, "format", jstr(m->format));
	json_t *w = json_array();
	for (size_t i = 0; i < m->warnings.n; i++)
		json_array_append_new(w, json_string(m->warnings.v[i]));
	json_object_set_new(t, "warnings", w);
	if (error)
		json_object_set_new(t, "error", json_string(error));
	if (m->advertised.n) {
		json_t *a = json_array();
		for (size_t i = 0; i < m->advertised.n; i++)
			json_array_append_new(a, json_string(m->advertised.v[i]));
		json_object_set_new(t, "advertised", a);
	}
	if (file)
		json_object_set_new(t, "file", json_string(file));
	/* the entries array is already open: close it and add the rest */
	char *s = json_dumps(t, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(t);
	if (!s) {
		o->failed = true;
		return;
	}
	fputs("]", o->f);
	if (strcmp(s, "{}") != 0) {
		fputc(',', o->f);
		fputs(s + 1, o->f); /* skip the '{' */
	} else {
		fputc('}', o->f);
	}
	fputc('\n', o->f);
	free(s);
}

/* feed_read_fn over a stdio stream. */
static ptrdiff_t read_file(void *ctx, char *buf, size_t n)
{
	FILE *in = ctx;
	size_t k = fread(buf, 1, n, in);
	return k == 0 && ferror(in) ? -1 : (ptrdiff_t)k;
}

/* One document from path through the parser to stdout. file, when not NULL,
 * is added to the JSON object (batch mode). Returns an exit status. */
static int parse_one(const struct cli *cli, const char *path, const struct feed_source *src, bool json,
		     const char *file)
{
	struct out o = {.f = stdout, .json = json};
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!in) {
		fprintf(stderr, "reads: parse: %s: %s\n", path, strerror(errno));
		return EXIT_NOTHING;
	}
	buf_init(&o.line, LIMIT_FIELD_BYTES * 16);
	struct feed_parser *p = feed_parser_create(src, print_item, &o);
	if (!p) {
		fprintf(stderr, "reads: parse: out of memory\n");
		buf_finish(&o.line);
		if (in != stdin)
			fclose(in);
		return EXIT_NOTHING;
	}
	if (o.json)
		fputs("{\"entries\":[", o.f);
	else if (file)
		printf("%s:\n", file);
	bool ok = feed_parser_run(p, read_file, in);
	bool read_err = ferror(in);
	if (read_err)
		fprintf(stderr, "reads: parse: %s: read error: %s\n", path, strerror(errno));
	if (in != stdin)
		fclose(in);
	const struct feed_meta *m = feed_parser_meta(p);
	const char *err = ok ? NULL : feed_parser_error(p);
	for (size_t i = 0; i < m->warnings.n && cli->level >= LOG_LEVEL_NORMAL; i++)
		if (cli->level >= LOG_LEVEL_VERBOSE || log_is_tty())
			fprintf(stderr, "reads: parse: %s: %s\n", path, m->warnings.v[i]);
	if (!ok)
		fprintf(stderr, "reads: parse: %s: %s\n", path, err ? err : "not a feed");
	if (o.json) {
		print_tail(&o, m, ok ? NULL : (err ? err : "not a feed"), file);
	} else {
		printf("%s%s%s (%s, %lu entries)\n", m->title ? m->title : "(untitled feed)",
		       m->link ? "  " : "", m->link ? m->link : "", m->format ? m->format : "?", o.n);
	}
	feed_parser_destroy(p);
	buf_finish(&o.line);
	if (fflush(stdout) != 0 || ferror(stdout) || o.failed) {
		fprintf(stderr, "reads: parse: writing the output: %s\n", strerror(errno));
		return EXIT_NOTHING;
	}
	return read_err ? EXIT_NOTHING : EXIT_OK;
}

int cmd_parse(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"json", no_argument, NULL, 'j'},
		{"url", required_argument, NULL, 'u'},
		{"content-type", required_argument, NULL, 't'},
		{"help", no_argument, NULL, 'h'},
		{0, 0, 0, 0},
	};
	bool json = false;
	struct feed_source src = {0};
	int c;
	if (cli_wants_help(argc, argv)) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'u':
			src.url = optarg;
			break;
		case 't':
			src.content_type = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_usage_error("parse", "unknown option");
		}
	}
	int nfiles = argc - optind;
	if (nfiles < 1)
		return cli_usage_error("parse", "expected a FILE (or '-')");
	if (nfiles > 1 && (src.url || src.content_type))
		return cli_usage_error("parse", "--url and --content-type need a single FILE");
	/* entries leave in 64 KiB writes, not one per 4 KiB (a pipe's default:
	 * 4929 write calls for the 52 MB benchmark feed, now ~300) */
	static char out_buf[64 * 1024];
	(void)setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
	if (nfiles == 1)
		return parse_one(cli, argv[optind], &src, json, NULL);
	/* A batch: every file is parsed whatever happened to the others; the
	 * status says whether all, some or none of them could be read. */
	int failed = 0;
	for (int i = optind; i < argc; i++)
		if (parse_one(cli, argv[i], &src, json, argv[i]) != EXIT_OK)
			failed++;
	return failed == 0 ? EXIT_OK : failed == nfiles ? EXIT_NOTHING : EXIT_PARTIAL;
}
