/* libFuzzer harness for config_parse (feeds.yaml from memory).
 *
 * Any byte string must give either a config or a list of "NAME:LINE:COL:"
 * problems: never a crash, a leak, or a config with an error alongside. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strlist errors;
	strlist_init(&errors);
	struct config *cfg = config_parse((const char *)data, size, "fuzz.yaml", "/tmp", &errors);
	if (cfg) {
		if (errors.n)
			abort(); /* a config is returned only when nothing was wrong */
		char *t = config_title(cfg, 2010, 11);
		char *o = config_output_path(cfg, 2010, 11);
		if (!t || !o)
			abort();
		free(t);
		free(o);
		if (cfg->n_feeds == 0 && cfg->n_bookmarks == 0)
			abort(); /* "nothing to read" must have been reported */
	} else {
		if (errors.n == 0)
			abort(); /* a rejection always says why */
		for (size_t i = 0; i < errors.n; i++)
			if (strncmp(errors.v[i], "fuzz.yaml:", 10) != 0 || strchr(errors.v[i], '\n'))
				abort(); /* every message names the file, on one line */
	}
	config_destroy(cfg);
	strlist_finish(&errors);
	return 0;
}
