#include <stdio.h>

#include "commands.h"

/* Placeholder until the command lands; replaced by its real implementation. */
int cmd_add(const struct cli *cli, int argc, char **argv)
{
	fprintf(stderr, "reads: add: not built yet\n");
	return EXIT_NOTHING;
}
