#include "lazylib.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

_Noreturn void lazylib_fail(const char *what, const char *soname, const char *reason)
{
	log_error("cannot load %s (%s): %s", what, soname, reason);
	exit(3);
}

void *lazylib_open(const char *what, const char *soname, const struct lazylib_symbol *symbols, size_t n,
		   void *table)
{
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!lib)
		lazylib_fail(what, soname, dlerror());
	for (size_t i = 0; i < n; i++) {
		void *sym = dlsym(lib, symbols[i].name);
		if (!sym)
			lazylib_fail(what, soname, dlerror());
		/* POSIX guarantees a function's address survives the trip
		 * through void *; memcpy keeps ISO C's pedantic mode quiet. */
		memcpy((char *)table + symbols[i].offset, &sym, sizeof sym);
	}
	return lib;
}
