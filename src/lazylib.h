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

#include <stddef.h>

/* One entry point: its symbol name and where its pointer goes in the table. */
struct lazylib_symbol {
	const char *name;
	size_t offset;
};

/* Opens soname (RTLD_NOW | RTLD_LOCAL; it stays loaded until exit) and
 * stores the address of each of the n symbols at table + offset. Returns the
 * library's handle. When the library or a symbol is missing, prints
 * "cannot load <what> (<soname>): <reason>" on stderr and exits with status
 * 3, which is what the dynamic loader does at start-up for a linked one. */
void *lazylib_open(const char *what, const char *soname, const struct lazylib_symbol *symbols, size_t n,
		   void *table);

/* Exits with status 3 after "cannot load <what> (<soname>): <reason>": for
 * checks a module makes after loading (a version too old). */
_Noreturn void lazylib_fail(const char *what, const char *soname, const char *reason);

#endif
