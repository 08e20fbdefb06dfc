/* icuapi: libicui18n is bound on first use, and the bound functions work. */
#include <dlfcn.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/uvernum.h>

#include "icuapi.h"
#include "tap.h"

#define STR_(x) #x
#define STR(x) STR_(x)
#define SONAME "libicui18n.so." STR(U_ICU_VERSION_MAJOR_NUM)

int main(void)
{
	/* RTLD_NOLOAD asks the loader whether it is in the process at all:
	 * the program must not link it. */
	ok(!dlopen(SONAME, RTLD_NOW | RTLD_NOLOAD) && !icu_i18n_loaded(),
	   "libicui18n not in the process before the first call");

	UErrorCode e = U_ZERO_ERROR;
	UCharsetDetector *d = icu_i18n()->csdet_open(&e);
	ok(d && U_SUCCESS(e), "ucsdet_open through the table");
	ok(dlopen(SONAME, RTLD_NOW | RTLD_NOLOAD) && icu_i18n_loaded(), "the first call loaded libicui18n");
	/* KOI8-R Cyrillic: one of the charsets article.c trusts the detector for */
	static const char koi8[] = "\xf0\xd2\xc9\xd7\xc5\xd4, \xcd\xc9\xd2! \xfc\xd4\xcf \xd4\xc5\xcb\xd3\xd4 "
				   "\xce\xc1 \xd2\xd5\xd3\xd3\xcb\xcf\xcd \xd1\xda\xd9\xcb\xc5, \xde\xd4\xcf\xc2\xd9 "
				   "\xd0\xd2\xcf\xd7\xc5\xd2\xc9\xd4\xd8 \xcf\xd0\xd2\xc5\xc4\xc5\xcc\xc5\xce\xc9\xc5.";
	icu_i18n()->csdet_setText(d, koi8, (int32_t)strlen(koi8), &e);
	const UCharsetMatch *m = U_SUCCESS(e) ? icu_i18n()->csdet_detect(d, &e) : NULL;
	const char *name = m ? icu_i18n()->csdet_getName(m, &e) : NULL;
	is_str(name, "KOI8-R", "a KOI8-R text is detected as such");
	ok(m && icu_i18n()->csdet_getConfidence(m, &e) > 0, "with a confidence");
	icu_i18n()->csdet_close(d);

	UChar id[32], text[64];
	u_uastrcpy(id, "Any-Latin; Latin-ASCII");
	e = U_ZERO_ERROR;
	UTransliterator *tr = icu_i18n()->trans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &e);
	ok(tr && U_SUCCESS(e), "utrans_openU through the table");
	int32_t len = 0;
	u_strFromUTF8(text, 64, &len, "d\xc3\xa9" "cembre", -1, &e);
	int32_t limit = len;
	if (tr)
		icu_i18n()->trans_transUChars(tr, text, &len, 64, 0, &limit, &e);
	char out[64] = "";
	u_strToUTF8(out, sizeof out, NULL, text, len, &e);
	is_str(out, "decembre", "transliterated to ASCII");
	if (tr)
		icu_i18n()->trans_close(tr);
	return tap_done();
}
