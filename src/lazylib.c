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

static void load(struct lazylib *lib)
{
	void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		lazylib_fail(lib->what, lib->soname, dlerror());
	for (size_t i = 0; i < lib->n; i++) {
		void *sym = dlsym(h, lib->symbols[i].name);
		if (!sym)
			lazylib_fail(lib->what, lib->soname, dlerror());
		/* POSIX guarantees a function's address survives the trip
		 * through void *; memcpy keeps ISO C's pedantic mode quiet. */
		memcpy((char *)lib->table + lib->symbols[i].offset, &sym, sizeof sym);
	}
	if (lib->check)
		lib->check(lib);
}

void *lazylib_get(struct lazylib *lib)
{
	if (!atomic_load_explicit(&lib->loaded, memory_order_acquire)) {
		pthread_mutex_lock(&lib->lock);
		if (!atomic_load_explicit(&lib->loaded, memory_order_relaxed)) {
			load(lib);
			atomic_store_explicit(&lib->loaded, 1, memory_order_release);
		}
		pthread_mutex_unlock(&lib->lock);
	}
	return lib->table;
}

bool lazylib_is_loaded(struct lazylib *lib)
{
	return atomic_load_explicit(&lib->loaded, memory_order_acquire) != 0;
}
