/* main.c — bangfu's entry point: `bangfu VERB ...` runs a command-line verb; `bangfu`
 * alone will open the terminal UI (see README: not built yet, it lists the register). */
#include "tui/cli.h"
#include <locale.h>

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	return cli_main(argc, argv);
}
