/* seen.c — the last event of each household a user has looked at (see seen.h). The
 * file is rewritten whole through a temporary file and rename, so a crash leaves the
 * old or the new file, never half of one. */
#include "tui/seen.h"
#include "tui/ui_state.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int seen_file(struct ui *ui, char *out, size_t n)
{
	char dir[3000], who[256];
	if (ui_state_dir(ui, "seen", dir, sizeof dir))
		return -1;
	ui_state_owner(ui, who, sizeof who);
	snprintf(out, n, "%s/%s.txt", dir, who);
	return 0;
}

long seen_get(struct ui *ui, const char *household)
{
	char file[4096], id[64];
	long event, found = 0;
	if (seen_file(ui, file, sizeof file))
		return 0;
	FILE *f = fopen(file, "r");
	if (!f)
		return 0;
	while (fscanf(f, "%63s %ld", id, &event) == 2)
		if (strcmp(id, household) == 0)
			found = event;
	fclose(f);
	return found;
}

int seen_set(struct ui *ui, const char *household, long event)
{
	char file[4096], tmp[4200], id[64];
	long old;
	if (seen_file(ui, file, sizeof file))
		return -1;
	snprintf(tmp, sizeof tmp, "%s.tmp", file);
	FILE *in = fopen(file, "r"), *out = fopen(tmp, "w");
	if (!out) {
		if (in)
			fclose(in);
		return -1;
	}
	while (in && fscanf(in, "%63s %ld", id, &old) == 2)
		if (strcmp(id, household) != 0)
			fprintf(out, "%s %ld\n", id, old);
	fprintf(out, "%s %ld\n", household, event);
	if (in)
		fclose(in);
	if (fclose(out) != 0 || rename(tmp, file) != 0) {
		remove(tmp);
		return -1;
	}
	return 0;
}
