/* commands — one function per sub-command; each wires I/O to the pure
 * transforms. main.c only parses global options and dispatches; what the
 * commands share about the command line (exit statuses, --help, usage
 * errors) is in cli.h. */
#ifndef READS_COMMANDS_H
#define READS_COMMANDS_H

#include "cli.h"

/* Each takes the command's own arguments (argv[0] is the command name) and
 * returns an enum reads_exit. "--help" prints the command's usage on
 * stdout and returns EXIT_OK. */
int cmd_check(const struct cli *cli, int argc, char **argv);
int cmd_parse(const struct cli *cli, int argc, char **argv);
int cmd_extract(const struct cli *cli, int argc, char **argv);
int cmd_fetch(const struct cli *cli, int argc, char **argv);
int cmd_draft(const struct cli *cli, int argc, char **argv);
int cmd_export(const struct cli *cli, int argc, char **argv);
int cmd_add(const struct cli *cli, int argc, char **argv);
int cmd_status(const struct cli *cli, int argc, char **argv);
int cmd_publish(const struct cli *cli, int argc, char **argv);

#endif
