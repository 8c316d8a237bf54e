/* main.c — bangfu's entry point: `bangfu VERB ...` runs a command-line verb; `bangfu`
 * alone opens the terminal UI. */
#include "tui/cli.h"
#include "tui/userfiles.h"
#include <locale.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	/* Everything bangfu creates is for its group and no one else: on a shared server
	 * staff write the same data directory through the bangfu group (docs/deploy.md),
	 * and the register holds ID numbers that other accounts must never read. */
	umask(007);
	userfiles_setup();
	setlocale(LC_ALL, "");
	return cli_main(argc, argv);
}
