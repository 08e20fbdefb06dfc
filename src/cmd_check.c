#include <stdio.h>

#include "commands.h"

/* Placeholder until the command lands; replaced by its real implementation. */
int cmd_check(const struct cli *cli, int argc, char **argv)
{
	fprintf(stderr, "reads: check: not built yet\n");
	return EXIT_NOTHING;
}
