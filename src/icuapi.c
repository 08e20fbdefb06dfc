#include "icuapi.h"

#include <stddef.h>

#include <unicode/uvernum.h>

#include "lazylib.h"

/* ICU renames every entry point after its major version (ucsdet_open is
 * ucsdet_open_72 in ICU 72), in the headers, with a macro: stringifying
 * the macro's expansion gives the symbol the library exports. */
#define STR_(x) #x
#define STR(x) STR_(x)
#define ICU_I18N_SONAME "libicui18n.so." STR(U_ICU_VERSION_MAJOR_NUM)

static struct icu_i18n_api api;

#define FN(member, symbol) {STR(symbol), offsetof(struct icu_i18n_api, member)}
static const struct lazylib_symbol functions[] = {
	FN(csdet_open, ucsdet_open),
	FN(csdet_setText, ucsdet_setText),
	FN(csdet_detect, ucsdet_detect),
	FN(csdet_getName, ucsdet_getName),
	FN(csdet_getConfidence, ucsdet_getConfidence),
	FN(csdet_close, ucsdet_close),
	FN(trans_openU, utrans_openU),
	FN(trans_transUChars, utrans_transUChars),
	FN(trans_close, utrans_close),
};
#undef FN

static struct lazylib lib = LAZYLIB_INIT("ICU's i18n library", ICU_I18N_SONAME, functions, &api, NULL);

const struct icu_i18n_api *icu_i18n(void)
{
	return lazylib_get(&lib);
}

int icu_i18n_loaded(void)
{
	return lazylib_is_loaded(&lib);
}
