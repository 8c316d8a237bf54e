/* ui_write.c — `w`: write the view's rows to a file the user names (ui_write.h). */
#include "tui/ui_write.h"
#include "core/i18n.h"
#include "tui/prompt.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* The format by the name's extension (case-insensitive); -1 if neither. */
static int format_of(const char *path, enum sheet_format *f)
{
	const char *dot = strrchr(path, '.');
	if (dot && strcasecmp(dot, ".csv") == 0)
		*f = SHEET_CSV;
	else if (dot && strcasecmp(dot, ".xlsx") == 0)
		*f = SHEET_XLSX;
	else
		return -1;
	return 0;
}

struct sheet *ui_write_open(struct ui *ui, const char *what, enum export_table t,
                            char *path, size_t n)
{
	char label[400], typed[1024] = "", err[512];
	enum sheet_format f;
	snprintf(label, sizeof label, _("write %s to (name.csv or name.xlsx): "), what);
	int rc = prompt_line(ui, label, typed, sizeof typed, NULL);
	if (rc != PROMPT_OK || !typed[0])
		return NULL;
	const char *home = getenv("HOME");
	if (strncmp(typed, "~/", 2) == 0 && home && *home)
		snprintf(path, n, "%s/%s", home, typed + 2);
	else
		snprintf(path, n, "%s", typed);
	if (format_of(path, &f)) {
		ui_status(ui, 1, _("%s: the name must end in .csv or .xlsx (that picks the format)"), typed);
		return NULL;
	}
	struct stat st;
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			ui_status(ui, 1, _("%s is a symbolic link: not written through (name the file itself)"), typed);
			return NULL;
		}
		snprintf(label, sizeof label, _("%s exists: overwrite it?"), typed);
		int yes = prompt_yesno(ui, label);
		if (yes != 1) {
			ui_status(ui, 0, _("nothing written"));
			return NULL;
		}
	}
	struct sheet *sh = export_sheet_open(t, f, path, err, sizeof err);
	if (!sh) {
		ui_status(ui, 1, _("cannot write %s"), err);
		return NULL;
	}
	ui_status(ui, 0, _("writing %s ..."), typed);   /* 100,000 households take seconds */
	ui_render(ui);
	return sh;
}

int ui_write_close(struct ui *ui, struct sheet *sh, const char *path, long rows, int failed,
                   int store_rc)
{
	char err[512] = "";
	int closed = sheet_close(sh, err, sizeof err);
	if (store_rc)
		return ui_store_error(ui, store_rc);
	if (failed || closed) {
		if (err[0])
			ui_status(ui, 1, _("writing %s failed: %s"), path, err);
		else
			ui_status(ui, 1, _("writing %s failed"), path);
		return -1;
	}
	ui_status(ui, 0, ngettext("wrote %ld row to %s", "wrote %ld rows to %s", (unsigned long)rows), rows, path);
	return REQ_DONE;
}

int ui_write_rows(struct ui *ui, const char *what, enum export_table t, long n,
                  int (*row)(void *ctx, struct sheet *sh, long i), void *ctx)
{
	char path[1024];
	int failed = 0;
	struct sheet *sh = ui_write_open(ui, what, t, path, sizeof path);
	if (!sh)
		return REQ_DONE;
	for (long i = 0; i < n && !failed; i++)
		failed = row(ctx, sh, i) != 0;
	return ui_write_close(ui, sh, path, n, failed, 0);
}
