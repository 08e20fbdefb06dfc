/* fileio — whole-file reads with a cap, atomic replacement, paths. */
#ifndef READS_FILEIO_H
#define READS_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "compat.h"

/* Reads all of path ("-" is standard input), at most max bytes. Returns a
 * NUL-terminated buffer and its length in *len, or NULL with a message naming
 * the file in *err (caller frees both with free()). */
char *file_read(const char *path, size_t max, size_t *len, char **err) WUR;

/* Replaces path with data atomically: writes a temporary file in the same
 * folder, fsyncs it, renames it over path, and fsyncs the folder, so a crash
 * leaves either the old or the new file. False with *err on failure (the old
 * file is then untouched). */
bool file_write_atomic(const char *path, const char *data, size_t len, char **err) WUR;

/* True when path exists (any type). */
bool file_exists(const char *path);

/* Creates path's parent folders as needed (like mkdir -p on dirname). */
bool file_make_parents(const char *path, char **err) WUR;

/* The folder part of path ("." for a bare name). Caller frees with free(). */
char *path_dirname(const char *path);

/* rel joined to dir, unless rel is absolute. Caller frees with free(). */
char *path_join(const char *dir, const char *rel);

/* path relative to dir when it lies inside it ("DIR/x/y.html" gives
 * "x/y.html"; with dir "." a relative path is already so), else path as it
 * is. The inverse of path_join for paths under dir. Caller frees with free(). */
char *path_relative(const char *dir, const char *path);

/* Writes everything, then checks the stream (a full disk is an error).
 * False with errno set when the data did not reach the stream. */
bool file_flush_check(FILE *f) WUR;

#endif
