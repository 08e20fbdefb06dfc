#include <stdlib.h>

#include "buf.h"
#include "strlist.h"
#include "tap.h"

int main(void)
{
	struct buf b;
	buf_init(&b, 10);
	is_str(buf_str(&b), "", "an empty buffer reads as the empty string");
	ok(buf_puts(&b, "hello"), "append within the cap");
	ok(buf_printf(&b, "%d", 1234), "printf within the cap");
	is_str(b.data, "hello1234", "contents are NUL-terminated");
	ok(!buf_puts(&b, "xx"), "an append past the cap fails");
	is_str(b.data, "hello1234", "a failed append leaves the buffer as it was");
	ok(buf_putc(&b, '!'), "exactly at the cap is allowed");
	is_int((long long)b.len, 10, "length counts every byte");
	char *s = buf_detach(&b);
	is_str(s, "hello1234!", "detach hands over the string");
	ok(b.data == NULL && b.len == 0, "detach leaves the buffer empty");
	free(s);
	s = buf_detach(&b);
	is_str(s, "", "detaching an empty buffer gives an empty string");
	free(s);
	buf_finish(&b);

	struct strlist l;
	strlist_init(&l);
	for (int i = 0; i < 20; i++)
		ok(strlist_pushf(&l, "item %d", i), "push %d", i);
	ok(strlist_contains(&l, "item 19"), "contains finds the last element");
	ok(!strlist_contains(&l, "item 20"), "contains rejects an absent element");
	strlist_finish(&l);
	ok(l.n == 0 && l.v == NULL, "finish empties the list");
	return tap_done();
}
