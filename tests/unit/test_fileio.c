#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "tap.h"

int main(void)
{
	char dir[] = "/tmp/reads-fileio-XXXXXX";
	ok(mkdtemp(dir) != NULL, "temporary folder");
	char *path = path_join(dir, "sub/deeper/out.md");
	char *err = NULL;
	ok(file_make_parents(path, &err), "parents are created");
	ok(file_write_atomic(path, "one", 3, &err), "first write");
	ok(file_write_atomic(path, "two!", 4, &err), "replacement");
	size_t len = 0;
	char *got = file_read(path, 100, &len, &err);
	is_str(got, "two!", "the new content is there");
	is_int((long long)len, 4, "with its length");
	free(got);
	got = file_read(path, 2, &len, &err);
	ok(got == NULL && err && strstr(err, "too large"), "a cap turns a big file into an error");
	free(err);
	err = NULL;
	got = file_read("/nonexistent/x", 10, &len, &err);
	ok(got == NULL && err && strstr(err, "/nonexistent/x"), "the error names the file");
	free(err);
	char *d = path_dirname("a/b/c.md");
	is_str(d, "a/b", "dirname");
	free(d);
	d = path_join("a", "/abs");
	is_str(d, "/abs", "an absolute path is kept");
	free(d);
	const char *rel[][3] = {
		{"/home/l/blog", "/home/l/blog/bookmarks.html", "bookmarks.html"},
		{"/home/l/blog/", "/home/l/blog/sub/b.html", "sub/b.html"},
		{"blog", "blog/b.html", "b.html"},
		{".", "b.html", "b.html"},
		{"/home/l/blog", "/home/l/blogger/b.html", "/home/l/blogger/b.html"},
		{"/home/l/blog", "/elsewhere/b.html", "/elsewhere/b.html"},
	};
	for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		d = path_relative(rel[i][0], rel[i][1]);
		is_str(d, rel[i][2], rel[i][1]);
		free(d);
	}
	free(path);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ok(system(cmd) == 0, "clean up");
	return tap_done();
}
