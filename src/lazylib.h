/* lazylib — a shared library bound on first use, through dlopen(3).
 *
 * Why: every library the program links is loaded, relocated ("bind now" in
 * Debian) and faulted in before main(), for every run, whether the command
 * needs it or not; for `reads parse` that was most of its start-up. A module
 * that needs a library only for some commands keeps a table of the entry
 * points it calls (a struct of function pointers) and fills it here the
 * first time (see curlapi.h, icuapi.h). */
#ifndef READS_LAZYLIB_H
#define READS_LAZYLIB_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

/* One entry point: its symbol name and where its pointer goes in the table. */
struct lazylib_symbol {
	const char *name;
	size_t offset;
};

/* A library and the table of its entry points, filled on first use.
 * Define one per library with LAZYLIB_INIT. */
struct lazylib {
	const char *what;	/* for messages: "libcurl" */
	const char *soname;
	const struct lazylib_symbol *symbols;
	size_t n;
	void *table;
	/* Called once, after binding and before anyone uses the table, to
	 * refuse a library too old (with lazylib_fail()); may be NULL. */
	void (*check)(const struct lazylib *lib);
	pthread_mutex_t lock;
	atomic_int loaded;
};

#define LAZYLIB_INIT(what, soname, symbols, table, check)                                                \
	{ (what), (soname), (symbols), sizeof(symbols) / sizeof *(symbols), (table), (check),            \
	  PTHREAD_MUTEX_INITIALIZER, 0 }

/* lib's table, filled the first time (thread-safe): dlopen(soname,
 * RTLD_NOW | RTLD_LOCAL) and dlsym of each symbol into table + offset. The
 * library stays loaded until exit (what it returned may live that long).
 * Never returns NULL: when the library or a symbol is missing it prints
 * "cannot load <what> (<soname>): <reason>" on stderr and exits with status
 * 3, which is what the dynamic loader does at start-up for a linked one. */
void *lazylib_get(struct lazylib *lib);

/* Whether lib has been loaded by this process (for tests). */
bool lazylib_is_loaded(struct lazylib *lib);

/* Exits with status 3 after "cannot load <what> (<soname>): <reason>". */
_Noreturn void lazylib_fail(const char *what, const char *soname, const char *reason);

#endif
