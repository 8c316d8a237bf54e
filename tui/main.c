/* main.c — bangfu's entry point: `bangfu VERB ...` runs a command-line verb; `bangfu`
 * alone opens the terminal UI. Everything a verb prints passes the output sanitiser
 * (tui/out.h). */
#include "tui/cli.h"
#include "tui/lang.h"
#include "core/i18n.h"
#include "tui/out.h"
#include "tui/userfiles.h"
#include <string.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	/* Everything bangfu creates is for its group and no one else: on a shared server
	 * staff write the same data directory through the bangfu group (docs/deploy.md),
	 * and the register holds ID numbers that other accounts must never read. */
	umask(007);
	userfiles_setup();
	i18n_init();
	struct out_saved saved;
	if (out_setup(&saved, !cli_opens_ui(argc, argv))) {
		fprintf(stderr, _("bangfu: out of memory\n"));
		return 1;
	}
	int rc = cli_main(argc, argv);
	if (out_finish(&saved) && rc == 0)
		rc = 1;
	return rc;
}
