#include "htmltext.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "url.h"

struct entity {
	const char *name;
	uint32_t cp;
};

/* HTML 4.01's 252 named character references plus &apos; (XHTML), sorted
 * by name (strcmp order) for bsearch. */
static const struct entity entities[] = {
	{"AElig", 0xC6},
	{"Aacute", 0xC1},
	{"Acirc", 0xC2},
	{"Agrave", 0xC0},
	{"Alpha", 0x391},
	{"Aring", 0xC5},
	{"Atilde", 0xC3},
	{"Auml", 0xC4},
	{"Beta", 0x392},
	{"Ccedil", 0xC7},
	{"Chi", 0x3A7},
	{"Dagger", 0x2021},
	{"Delta", 0x394},
	{"ETH", 0xD0},
	{"Eacute", 0xC9},
	{"Ecirc", 0xCA},
	{"Egrave", 0xC8},
	{"Epsilon", 0x395},
	{"Eta", 0x397},
	{"Euml", 0xCB},
	{"Gamma", 0x393},
	{"Iacute", 0xCD},
	{"Icirc", 0xCE},
	{"Igrave", 0xCC},
	{"Iota", 0x399},
	{"Iuml", 0xCF},
	{"Kappa", 0x39A},
	{"Lambda", 0x39B},
	{"Mu", 0x39C},
	{"Ntilde", 0xD1},
	{"Nu", 0x39D},
	{"OElig", 0x152},
	{"Oacute", 0xD3},
	{"Ocirc", 0xD4},
	{"Ograve", 0xD2},
	{"Omega", 0x3A9},
	{"Omicron", 0x39F},
	{"Oslash", 0xD8},
	{"Otilde", 0xD5},
	{"Ouml", 0xD6},
	{"Phi", 0x3A6},
	{"Pi", 0x3A0},
	{"Prime", 0x2033},
	{"Psi", 0x3A8},
	{"Rho", 0x3A1},
	{"Scaron", 0x160},
	{"Sigma", 0x3A3},
	{"THORN", 0xDE},
	{"Tau", 0x3A4},
	{"Theta", 0x398},
	{"Uacute", 0xDA},
	{"Ucirc", 0xDB},
	{"Ugrave", 0xD9},
	{"Upsilon", 0x3A5},
	{"Uuml", 0xDC},
	{"Xi", 0x39E},
	{"Yacute", 0xDD},
	{"Yuml", 0x178},
	{"Zeta", 0x396},
	{"aacute", 0xE1},
	{"acirc", 0xE2},
	{"acute", 0xB4},
	{"aelig", 0xE6},
	{"agrave", 0xE0},
	{"alefsym", 0x2135},
	{"alpha", 0x3B1},
	{"amp", 0x26},
	{"and", 0x2227},
	{"ang", 0x2220},
	{"apos", 0x27},
	{"aring", 0xE5},
	{"asymp", 0x2248},
	{"atilde", 0xE3},
	{"auml", 0xE4},
	{"bdquo", 0x201E},
	{"beta", 0x3B2},
	{"brvbar", 0xA6},
	{"bull", 0x2022},
	{"cap", 0x2229},
	{"ccedil", 0xE7},
	{"cedil", 0xB8},
	{"cent", 0xA2},
	{"chi", 0x3C7},
	{"circ", 0x2C6},
	{"clubs", 0x2663},
	{"cong", 0x2245},
	{"copy", 0xA9},
	{"crarr", 0x21B5},
	{"cup", 0x222A},
	{"curren", 0xA4},
	{"dArr", 0x21D3},
	{"dagger", 0x2020},
	{"darr", 0x2193},
	{"deg", 0xB0},
	{"delta", 0x3B4},
	{"diams", 0x2666},
	{"divide", 0xF7},
	{"eacute", 0xE9},
	{"ecirc", 0xEA},
	{"egrave", 0xE8},
	{"empty", 0x2205},
	{"emsp", 0x2003},
	{"ensp", 0x2002},
	{"epsilon", 0x3B5},
	{"equiv", 0x2261},
	{"eta", 0x3B7},
	{"eth", 0xF0},
	{"euml", 0xEB},
	{"euro", 0x20AC},
	{"exist", 0x2203},
	{"fnof", 0x192},
	{"forall", 0x2200},
	{"frac12", 0xBD},
	{"frac14", 0xBC},
	{"frac34", 0xBE},
	{"frasl", 0x2044},
	{"gamma", 0x3B3},
	{"ge", 0x2265},
	{"gt", 0x3E},
	{"hArr", 0x21D4},
	{"harr", 0x2194},
	{"hearts", 0x2665},
	{"hellip", 0x2026},
	{"iacute", 0xED},
	{"icirc", 0xEE},
	{"iexcl", 0xA1},
	{"igrave", 0xEC},
	{"image", 0x2111},
	{"infin", 0x221E},
	{"int", 0x222B},
	{"iota", 0x3B9},
	{"iquest", 0xBF},
	{"isin", 0x2208},
	{"iuml", 0xEF},
	{"kappa", 0x3BA},
	{"lArr", 0x21D0},
	{"lambda", 0x3BB},
	{"lang", 0x2329},
	{"laquo", 0xAB},
	{"larr", 0x2190},
	{"lceil", 0x2308},
	{"ldquo", 0x201C},
	{"le", 0x2264},
	{"lfloor", 0x230A},
	{"lowast", 0x2217},
	{"loz", 0x25CA},
	{"lrm", 0x200E},
	{"lsaquo", 0x2039},
	{"lsquo", 0x2018},
	{"lt", 0x3C},
	{"macr", 0xAF},
	{"mdash", 0x2014},
	{"micro", 0xB5},
	{"middot", 0xB7},
	{"minus", 0x2212},
	{"mu", 0x3BC},
	{"nabla", 0x2207},
	{"nbsp", 0xA0},
	{"ndash", 0x2013},
	{"ne", 0x2260},
	{"ni", 0x220B},
	{"not", 0xAC},
	{"notin", 0x2209},
	{"nsub", 0x2284},
	{"ntilde", 0xF1},
	{"nu", 0x3BD},
	{"oacute", 0xF3},
	{"ocirc", 0xF4},
	{"oelig", 0x153},
	{"ograve", 0xF2},
	{"oline", 0x203E},
	{"omega", 0x3C9},
	{"omicron", 0x3BF},
	{"oplus", 0x2295},
	{"or", 0x2228},
	{"ordf", 0xAA},
	{"ordm", 0xBA},
	{"oslash", 0xF8},
	{"otilde", 0xF5},
	{"otimes", 0x2297},
	{"ouml", 0xF6},
	{"para", 0xB6},
	{"part", 0x2202},
	{"permil", 0x2030},
	{"perp", 0x22A5},
	{"phi", 0x3C6},
	{"pi", 0x3C0},
	{"piv", 0x3D6},
	{"plusmn", 0xB1},
	{"pound", 0xA3},
	{"prime", 0x2032},
	{"prod", 0x220F},
	{"prop", 0x221D},
	{"psi", 0x3C8},
	{"quot", 0x22},
	{"rArr", 0x21D2},
	{"radic", 0x221A},
	{"rang", 0x232A},
	{"raquo", 0xBB},
	{"rarr", 0x2192},
	{"rceil", 0x2309},
	{"rdquo", 0x201D},
	{"real", 0x211C},
	{"reg", 0xAE},
	{"rfloor", 0x230B},
	{"rho", 0x3C1},
	{"rlm", 0x200F},
	{"rsaquo", 0x203A},
	{"rsquo", 0x2019},
	{"sbquo", 0x201A},
	{"scaron", 0x161},
	{"sdot", 0x22C5},
	{"sect", 0xA7},
	{"shy", 0xAD},
	{"sigma", 0x3C3},
	{"sigmaf", 0x3C2},
	{"sim", 0x223C},
	{"spades", 0x2660},
	{"sub", 0x2282},
	{"sube", 0x2286},
	{"sum", 0x2211},
	{"sup", 0x2283},
	{"sup1", 0xB9},
	{"sup2", 0xB2},
	{"sup3", 0xB3},
	{"supe", 0x2287},
	{"szlig", 0xDF},
	{"tau", 0x3C4},
	{"there4", 0x2234},
	{"theta", 0x3B8},
	{"thetasym", 0x3D1},
	{"thinsp", 0x2009},
	{"thorn", 0xFE},
	{"tilde", 0x2DC},
	{"times", 0xD7},
	{"trade", 0x2122},
	{"uArr", 0x21D1},
	{"uacute", 0xFA},
	{"uarr", 0x2191},
	{"ucirc", 0xFB},
	{"ugrave", 0xF9},
	{"uml", 0xA8},
	{"upsih", 0x3D2},
	{"upsilon", 0x3C5},
	{"uuml", 0xFC},
	{"weierp", 0x2118},
	{"xi", 0x3BE},
	{"yacute", 0xFD},
	{"yen", 0xA5},
	{"yuml", 0xFF},
	{"zeta", 0x3B6},
	{"zwj", 0x200D},
	{"zwnj", 0x200C},
};

static int entity_cmp(const void *key, const void *elem)
{
	const struct entity *k = key, *e = elem;
	return strcmp(k->name, e->name);
}

uint32_t html_entity_lookup(const char *name, size_t len)
{
	char tmp[16];
	if (len == 0 || len >= sizeof tmp)
		return 0;
	memcpy(tmp, name, len);
	tmp[len] = '\0';
	struct entity key = {tmp, 0};
	const struct entity *e =
		bsearch(&key, entities, sizeof entities / sizeof *entities, sizeof *entities, entity_cmp);
	return e ? e->cp : 0;
}

size_t utf8_put(uint32_t cp, char out[4])
{
	if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = 0xFFFD;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t utf8_valid_at(const unsigned char *s, const unsigned char *end)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t n;
	uint32_t min;
	uint32_t cp;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		min = 0x80;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		min = 0x800;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		min = 0x10000;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if ((size_t)(end - s) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

static const uint16_t cp1252_hi[32] = {
	0x20AC, 0x81,	0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0x8D,	0x017D, 0x8F,	0x90,	0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,	0x017E, 0x0178,
};

uint32_t cp1252_to_ucs(unsigned char b)
{
	if (b >= 0x80 && b < 0xA0)
		return cp1252_hi[b - 0x80];
	return b;
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* Collapsing appender: pending space is written only before the next
 * non-space character, so runs collapse and the ends are trimmed. */
struct collapse {
	struct buf *out;
	bool space;	/* a space is pending */
	bool ok;
};

static void col_space(struct collapse *c)
{
	c->space = true;
}

static void col_bytes(struct collapse *c, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && c->ok) {
		if (is_ws(s[i])) {
			c->space = true;
			i++;
			continue;
		}
		/* a whole run of words separated by single spaces goes out in
		 * one append: only other whitespace needs collapsing */
		size_t j = i;
		while (j < n) {
			if (!is_ws(s[j]))
				j++;
			else if (s[j] == ' ' && j + 1 < n && !is_ws(s[j + 1]))
				j += 2;
			else
				break;
		}
		if (c->space && c->out->len > 0 && !buf_putc(c->out, ' '))
			c->ok = false;
		c->space = false;
		if (c->ok && !buf_append(c->out, s + i, j - i))
			c->ok = false;
		i = j;
	}
}

bool text_collapse(const char *s, size_t len, struct buf *out)
{
	/* space false: no leading space, even when out already holds text */
	struct collapse c = {out, false, true};
	col_bytes(&c, s, len);
	return c.ok;
}

/* Decodes the reference at s[0] == '&' (within len). Writes its UTF-8 into
 * out8 and returns the bytes consumed, or 0 when it is not a reference. */
static size_t decode_ref(const char *s, size_t len, char out8[4], size_t *n8)
{
	if (len < 3)
		return 0;
	if (s[1] == '#') {
		size_t i = 2;
		uint32_t cp = 0;
		bool hex = false, any = false;
		if (i < len && (s[i] == 'x' || s[i] == 'X')) {
			hex = true;
			i++;
		}
		for (; i < len; i++) {
			char c = s[i];
			int d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				break;
			any = true;
			if (cp < 0x110000)
				cp = cp * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (!any)
			return 0;
		if (i < len && s[i] == ';')
			i++;
		if (cp >= 0x80 && cp < 0xA0)
			cp = cp1252_to_ucs((unsigned char)cp);
		*n8 = utf8_put(cp, out8);
		return i;
	}
	size_t i = 1;
	while (i < len && i < 12 && is_alnum(s[i]))
		i++;
	if (i >= len || s[i] != ';')
		return 0;
	uint32_t cp = html_entity_lookup(s + 1, i - 1);
	if (!cp)
		return 0;
	*n8 = utf8_put(cp, out8);
	return i + 1;
}

static bool tag_in(const char *name, size_t n, const char *const *set)
{
	for (; *set; set++)
		if (strlen(*set) == n && strncasecmp(*set, name, n) == 0)
			return true;
	return false;
}

static const char *const block_tags[] = {
	"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
	"figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
	"hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
	"td", "tfoot", "th", "thead", "tr", "ul", NULL,
};

static const char *const hidden_tags[] = {"script", "style", "template", "head", "title", NULL};

/* Finds the '>' closing a tag that starts at s[i] == '<', honouring quoted
 * attribute values. Returns its index, or len when there is none. */
static size_t tag_end(const char *s, size_t len, size_t i)
{
	char q = 0;
	for (i++; i < len; i++) {
		char c = s[i];
		if (q) {
			if (c == q)
				q = 0;
		} else if (c == '"' || c == '\'') {
			/* quotes count only inside attribute values (after '=') */
			size_t k = i;
			while (k > 0 && is_ws(s[k - 1]))
				k--;
			if (k > 0 && s[k - 1] == '=')
				q = c;
		} else if (c == '>') {
			return i;
		}
	}
	return len;
}

/* Value of attribute `attr` in tag text s[0..n) (raw, undecoded). */
static bool tag_attr(const char *s, size_t n, const char *attr, const char **v, size_t *vn)
{
	size_t al = strlen(attr);
	size_t i = 1;
	while (i < n && !is_ws(s[i]) && s[i] != '>' && s[i] != '/')
		i++;
	while (i < n) {
		while (i < n && (is_ws(s[i]) || s[i] == '/'))
			i++;
		size_t ns = i;
		while (i < n && !is_ws(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/')
			i++;
		size_t ne = i;
		if (ne == ns)
			break;
		while (i < n && is_ws(s[i]))
			i++;
		const char *val = NULL;
		size_t vl = 0;
		if (i < n && s[i] == '=') {
			i++;
			while (i < n && is_ws(s[i]))
				i++;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				char q = s[i++];
				val = s + i;
				while (i < n && s[i] != q)
					i++;
				vl = (size_t)(s + i - val);
				if (i < n)
					i++;
			} else {
				val = s + i;
				while (i < n && !is_ws(s[i]) && s[i] != '>')
					i++;
				vl = (size_t)(s + i - val);
			}
		}
		if (ne - ns == al && strncasecmp(s + ns, attr, al) == 0) {
			*v = val ? val : "";
			*vn = vl;
			return true;
		}
	}
	return false;
}

static void col_decoded(struct collapse *c, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && c->ok) {
		const char *amp = memchr(s + i, '&', n - i);
		size_t stop = amp ? (size_t)(amp - s) : n;
		col_bytes(c, s + i, stop - i);
		if (!amp)
			break;
		char u[4];
		size_t un = 0;
		size_t used = decode_ref(s + stop, n - stop, u, &un);
		if (used) {
			col_bytes(c, u, un);
			i = stop + used;
		} else {
			col_bytes(c, "&", 1);
			i = stop + 1;
		}
	}
}

bool html_decode_refs(const char *s, size_t len, struct buf *out)
{
	size_t i = 0;
	while (i < len) {
		const char *amp = memchr(s + i, '&', len - i);
		size_t stop = amp ? (size_t)(amp - s) : len;
		if (!buf_append(out, s + i, stop - i))
			return false;
		if (!amp)
			break;
		char u[4];
		size_t un = 0;
		size_t used = decode_ref(s + stop, len - stop, u, &un);
		if (!(used ? buf_append(out, u, un) : buf_putc(out, '&')))
			return false;
		i = stop + (used ? used : 1);
	}
	return true;
}

bool html_to_text(const char *s, size_t len, struct buf *out)
{
	struct collapse c = {out, false, true};
	unsigned hidden = 0;
	size_t i = 0;
	while (i < len && c.ok) {
		const char *lt = memchr(s + i, '<', len - i);
		size_t stop = lt ? (size_t)(lt - s) : len;
		if (!hidden)
			col_decoded(&c, s + i, stop - i);
		if (!lt)
			break;
		i = stop;
		if (i + 3 < len && memcmp(s + i, "<!--", 4) == 0) {
			const char *e = memmem(s + i + 4, len - i - 4, "-->", 3);
			i = e ? (size_t)(e - s) + 3 : len;
			continue;
		}
		bool end = i + 1 < len && s[i + 1] == '/';
		size_t ns = i + 1 + end;
		if (ns < len && (s[i + 1] == '!' || s[i + 1] == '?')) {
			size_t e = tag_end(s, len, i);
			i = e < len ? e + 1 : len;
			continue;
		}
		if (ns >= len || !is_alpha(s[ns])) {
			if (!hidden)
				col_bytes(&c, "<", 1);
			i++;
			continue;
		}
		size_t ne = ns;
		while (ne < len && !is_ws(s[ne]) && s[ne] != '>' && s[ne] != '/')
			ne++;
		size_t e = tag_end(s, len, i);
		const char *name = s + ns;
		size_t nl = ne - ns;
		if (tag_in(name, nl, hidden_tags)) {
			if (end) {
				if (hidden)
					hidden--;
			} else if (e == 0 || s[e - 1] != '/') {
				hidden++;
			}
		} else if (!hidden) {
			if (tag_in(name, nl, block_tags)) {
				col_space(&c);
			} else if (!end && nl == 3 && strncasecmp(name, "img", 3) == 0) {
				const char *v;
				size_t vn;
				if (tag_attr(s + i, e - i, "alt", &v, &vn))
					col_decoded(&c, v, vn);
			}
		}
		i = e < len ? e + 1 : len;
	}
	return c.ok;
}

bool html_escape(const char *s, size_t len, struct buf *out)
{
	size_t i = 0, run = 0;
	for (; i < len; i++) {
		const char *rep;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		default:
			continue;
		}
		if (!buf_append(out, s + run, i - run) || !buf_puts(out, rep))
			return false;
		run = i + 1;
	}
	return buf_append(out, s + run, len - run);
}

/* feedparser's _HTMLSanitizer.acceptable_elements. */
static const char *const known_elements[] = {
	"a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big",
	"blockquote", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
	"colgroup", "command", "datagrid", "datalist", "dd", "del", "details", "dfn", "dialog",
	"dir", "div", "dl", "dt", "em", "event-source", "fieldset", "figcaption", "figure",
	"font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i",
	"img", "input", "ins", "kbd", "keygen", "label", "legend", "li", "m", "map", "menu",
	"meter", "multicol", "nav", "nextid", "noscript", "ol", "optgroup", "option", "output",
	"p", "pre", "progress", "q", "s", "samp", "section", "select", "small", "sound",
	"source", "spacer", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td",
	"textarea", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "video",
	"noscript", NULL,
};

bool html_looks_like(const char *s, size_t len)
{
	bool signal = false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '<' && i + 1 < len) {
			size_t ns = i + 1;
			bool end = s[ns] == '/';
			if (end)
				ns++;
			if (ns >= len || !is_alpha(s[ns]))
				continue;
			size_t ne = ns;
			while (ne < len && is_alnum(s[ne]))
				ne++;
			if (!tag_in(s + ns, ne - ns, known_elements))
				return false;
			if (end && ne < len && s[ne] == '>')
				signal = true;
		} else if (s[i] == '&' && i + 1 < len) {
			size_t j = i + 1;
			bool num = s[j] == '#';
			if (num)
				j++;
			size_t ns = j;
			while (j < len && is_alnum(s[j]))
				j++;
			if (j == ns || j >= len || s[j] != ';')
				continue;
			if (!num && !html_entity_lookup(s + ns, j - ns))
				return false;
			signal = true;
		}
	}
	return signal;
}

static const char *const url_attrs[] = {"href", "src", "cite", "action", "longdesc", "poster",
				       "background", NULL};

static bool is_absolute(const char *v, size_t n)
{
	size_t i = 0;
	if (n == 0 || !is_alpha(v[0]))
		return false;
	while (i < n && (is_alnum(v[i]) || v[i] == '+' || v[i] == '-' || v[i] == '.'))
		i++;
	return i < n && v[i] == ':';
}

bool html_resolve_urls(const char *s, size_t len, const char *base, struct buf *out)
{
	size_t i = 0, run = 0;
	while (i < len) {
		const char *lt = memchr(s + i, '<', len - i);
		if (!lt)
			break;
		i = (size_t)(lt - s);
		if (i + 1 >= len || !is_alpha(s[i + 1])) {
			i++;
			continue;
		}
		size_t e = tag_end(s, len, i);
		for (const char *const *a = url_attrs; *a; a++) {
			const char *v;
			size_t vn;
			if (!tag_attr(s + i, e - i, *a, &v, &vn) || vn == 0 || is_absolute(v, vn) ||
			    (size_t)(v - s) < run)
				continue;
			char *ref = strndup(v, vn);
			char *abs = ref ? url_resolve(base, ref) : NULL;
			free(ref);
			if (!abs)
				continue;
			size_t at = (size_t)(v - s);
			bool ok = buf_append(out, s + run, at - run) && buf_puts(out, abs);
			free(abs);
			if (!ok)
				return false;
			run = at + vn;
		}
		i = e < len ? e + 1 : len;
	}
	return buf_append(out, s + run, len - run);
}

/* True when s[i] == '<' opens markup (a tag, end tag, comment, declaration
 * or processing instruction) rather than being a stray character. */
static bool lt_opens(const char *s, size_t len, size_t i)
{
	if (i + 1 >= len)
		return false;
	char c = s[i + 1];
	if (is_alpha(c) || c == '?')
		return true;
	if (c == '/')
		return i + 2 < len && is_alpha(s[i + 2]);
	if (c == '!')
		return i + 2 < len && (s[i + 2] == '-' || s[i + 2] == '[' || is_alpha(s[i + 2]));
	return false;
}

bool html_escape_stray(const char *s, size_t len, struct buf *out)
{
	size_t run = 0;
	for (const char *lt = memchr(s, '<', len); lt; lt = memchr(lt + 1, '<', len - (size_t)(lt + 1 - s))) {
		size_t i = (size_t)(lt - s);
		if (lt_opens(s, len, i))
			continue;
		if (!buf_append(out, s + run, i - run) || !buf_puts(out, "&lt;"))
			return false;
		run = i + 1;
		if (run >= len)
			break;
	}
	return buf_append(out, s + run, len - run);
}

bool html_has_stray(const char *s, size_t len)
{
	for (const char *lt = memchr(s, '<', len); lt; lt = memchr(lt + 1, '<', len - (size_t)(lt + 1 - s))) {
		if (!lt_opens(s, len, (size_t)(lt - s)))
			return true;
		if (lt + 1 >= s + len)
			break;
	}
	return false;
}
