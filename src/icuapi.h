/* icuapi — ICU's i18n library (libicui18n), loaded the first time it is
 * needed.
 *
 * Why: libicui18n is a large C++ library whose relocation costs about 1.2 ms
 * per process (a program linking only it besides libxml2 and jansson, perf
 * stat), a fifth of `reads parse` on a small feed, yet only two rare paths
 * use it: charset detection of pages that declare no charset (article.c) and
 * transliteration of a title into a slug (export.c). ICU's common library
 * (libicuuc: break iterators, case folding, UTF-16) stays linked: libxml2
 * needs it anyway. Types, constants and semantics are ICU's; callers write
 * `icu_i18n()->csdet_open(&e)` for `ucsdet_open(&e)`. */
#ifndef READS_ICUAPI_H
#define READS_ICUAPI_H

#include <unicode/ucsdet.h>
#include <unicode/utrans.h>

/* The libicui18n functions reads calls, named after them without the "u". */
struct icu_i18n_api {
	UCharsetDetector *(*csdet_open)(UErrorCode *status);
	void (*csdet_setText)(UCharsetDetector *d, const char *text, int32_t len, UErrorCode *status);
	const UCharsetMatch *(*csdet_detect)(UCharsetDetector *d, UErrorCode *status);
	const char *(*csdet_getName)(const UCharsetMatch *m, UErrorCode *status);
	int32_t (*csdet_getConfidence)(const UCharsetMatch *m, UErrorCode *status);
	void (*csdet_close)(UCharsetDetector *d);

	UTransliterator *(*trans_openU)(const UChar *id, int32_t idLength, UTransDirection dir,
					const UChar *rules, int32_t rulesLength, UParseError *parseError,
					UErrorCode *status);
	void (*trans_transUChars)(const UTransliterator *trans, UChar *text, int32_t *textLength,
				  int32_t textCapacity, int32_t start, int32_t *limit, UErrorCode *status);
	void (*trans_close)(UTransliterator *trans);
};

/* The bound entry points; loads libicui18n (of the ICU version the program
 * was built with) on the first call, thread-safe. Never returns NULL: when
 * the library cannot be loaded it prints why on stderr and exits with
 * status 3, as the dynamic loader did when the program linked it. */
const struct icu_i18n_api *icu_i18n(void);

/* Whether libicui18n has been loaded by this process (for tests). */
int icu_i18n_loaded(void);

#endif
