#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

char *file_read(const char *path, size_t max, size_t *len, char **err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	const char *name = is_stdin ? "<stdin>" : path;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*err = str_printf("%s: %s", name, strerror(errno));
		return NULL;
	}
	struct buf b;
	buf_init(&b, max);
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = str_printf("%s: %s", name, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		if (!buf_append(&b, chunk, (size_t)n)) {
			*err = str_printf("%s: %s", name, "file too large");
			goto fail;
		}
	}
	if (!is_stdin)
		close(fd);
	*len = b.len;
	return buf_detach(&b);
fail:
	if (!is_stdin)
		close(fd);
	buf_finish(&b);
	return NULL;
}

char *path_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

char *path_join(const char *dir, const char *rel)
{
	if (rel[0] == '/' || !dir || !*dir || strcmp(dir, ".") == 0)
		return strdup(rel);
	char *s = NULL;
	if (asprintf(&s, "%s/%s", dir, rel) < 0)
		return NULL;
	return s;
}

char *path_relative(const char *dir, const char *path)
{
	size_t n = dir ? strlen(dir) : 0;
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n && strcmp(dir, ".") != 0 && strncmp(path, dir, n) == 0 && path[n] == '/' && path[n + 1])
		return strdup(path + n + 1);
	return strdup(path);
}

bool file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

bool file_make_parents(const char *path, char **err)
{
	char *dir = path_dirname(path);
	if (!dir)
		return false;
	for (char *p = dir + 1; ; p++) {
		char c = *p;
		if (c == '/' || c == '\0') {
			*p = '\0';
			if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
				*err = str_printf("%s: %s", dir, strerror(errno));
				free(dir);
				return false;
			}
			*p = c;
		}
		if (c == '\0')
			break;
	}
	free(dir);
	return true;
}

bool file_write_atomic(const char *path, const char *data, size_t len, char **err)
{
	char *tmp = NULL;
	if (asprintf(&tmp, "%s.tmp-XXXXXX", path) < 0)
		return false;
	int fd = mkstemp(tmp);
	if (fd < 0) {
		*err = str_printf("%s: %s", path, strerror(errno));
		free(tmp);
		return false;
	}
	/* Keep the old file's permissions where there is one; else 0644. */
	struct stat st;
	fchmod(fd, stat(path, &st) == 0 ? (st.st_mode & 07777) : 0644);
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		off += (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	char *dir = path_dirname(path);
	int dfd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(dir);
	free(tmp);
	return true;
fail:
	*err = str_printf("%s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return false;
}

bool file_flush_check(FILE *f)
{
	return fflush(f) == 0 && !ferror(f);
}
