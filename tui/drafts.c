/* drafts.c — draft files: where they live, writing one atomically, listing and parsing
 * them, forgetting one (see drafts.h). */
#include "tui/drafts.h"
#include "tui/ui_state.h"
#include "core/buf.h"
#include "core/record.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *drafts_field_key(int field)
{
	return field == DRAFT_INCOME ? "income" : field >= 0 && field < FIELD_COUNT ? model_fields[field].key : "";
}

static int draft_file(struct ui *ui, const struct edit *e, char *out, size_t n)
{
	char dir[3000], who[256];
	if (ui_state_dir(ui, "drafts", dir, sizeof dir))
		return -1;
	ui_state_owner(ui, who, sizeof who);
	const char *field = drafts_field_key(e->field)[0] ? drafts_field_key(e->field) : "field";
	snprintf(out, n, "%s/%s-%s-m%d-%s.draft", dir, who, e->household, e->member, field);
	return 0;
}

int drafts_save(struct ui *ui, const struct edit *e, const char *problem)
{
	char file[4096], tmp[4200], id[PATH_MAX], num[32];
	struct buf text = {0};
	if (draft_file(ui, e, file, sizeof file)) {
		ui_status(ui, 1, "cannot keep the draft: %s", strerror(errno));
		return -1;
	}
	ui_state_data_dir(ui, id, sizeof id);
	record_put(&text, "dir", id);
	record_put(&text, "login", ui->me.login);
	record_put(&text, "household", e->household);
	snprintf(num, sizeof num, "%d", e->member);
	record_put(&text, "member", num);
	record_put(&text, "field", drafts_field_key(e->field));
	snprintf(num, sizeof num, "%ld", e->version);
	record_put(&text, "version", num);
	record_put(&text, "value", e->value);
	record_put(&text, "why", e->why);
	record_put(&text, "problem", problem);
	snprintf(num, sizeof num, "%ld", (long)time(NULL));
	record_put(&text, "saved", num);
	snprintf(tmp, sizeof tmp, "%s.tmp", file);
	int fd = buf_str(&text) ? open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
	int ok = fd >= 0 && write(fd, text.s, text.len) == (ssize_t)text.len && fsync(fd) == 0;
	if (fd >= 0 && close(fd) != 0)
		ok = 0;
	ok = ok && rename(tmp, file) == 0;
	buf_free(&text);
	if (!ok) {
		ui_status(ui, 1, "cannot keep the draft %s: %s", file, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int parse_draft(const char *text, struct draft *d, const char *want_dir, const char *login)
{
	char key[64], value[2048], dir[PATH_MAX] = "", who[64] = "", field[64] = "";
	size_t pos = 0;
	long line = 0;
	int r;
	memset(&d->e, 0, sizeof d->e);
	d->e.field = -1;
	while ((r = record_next_line(text, &pos, &line, key, sizeof key, value, sizeof value)) > 0) {
		if (r != 1)
			continue;
		if (!strcmp(key, "dir")) snprintf(dir, sizeof dir, "%s", value);
		else if (!strcmp(key, "login")) snprintf(who, sizeof who, "%s", value);
		else if (!strcmp(key, "household")) snprintf(d->e.household, sizeof d->e.household, "%s", value);
		else if (!strcmp(key, "member")) d->e.member = atoi(value);
		else if (!strcmp(key, "field")) snprintf(field, sizeof field, "%s", value);
		else if (!strcmp(key, "version")) d->e.version = atol(value);
		else if (!strcmp(key, "value")) snprintf(d->e.value, sizeof d->e.value, "%s", value);
		else if (!strcmp(key, "why")) snprintf(d->e.why, sizeof d->e.why, "%s", value);
		else if (!strcmp(key, "problem")) snprintf(d->problem, sizeof d->problem, "%s", value);
		else if (!strcmp(key, "saved")) d->saved = atol(value);
	}
	if (r < 0 || strcmp(dir, want_dir) != 0 || strcmp(who, login) != 0 || !d->e.household[0])
		return -1;
	d->e.field = strcmp(field, "income") == 0 ? DRAFT_INCOME : field[0] ? model_field_find(field) : -1;
	return 0;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	char *text = malloc(16384);
	size_t n = text ? fread(text, 1, 16383, f) : 0;
	fclose(f);
	if (text)
		text[n] = '\0';
	return text;
}

static int newest_first(const void *a, const void *b)
{
	const struct draft *x = a, *y = b;
	return x->saved < y->saved ? 1 : x->saved > y->saved ? -1 : strcmp(x->file, y->file);
}

int drafts_list(struct ui *ui, struct draft **out, int *n)
{
	char dir[3000], id[PATH_MAX];
	*out = NULL;
	*n = 0;
	if (ui_state_dir(ui, "drafts", dir, sizeof dir))
		return 0;                 /* no place for drafts: there are none */
	ui_state_data_dir(ui, id, sizeof id);
	DIR *dh = opendir(dir);
	if (!dh)
		return 0;
	struct dirent *de;
	int cap = 0;
	size_t plen = strlen(ui->me.login);
	while ((de = readdir(dh)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len < 7 || strcmp(de->d_name + len - 6, ".draft") != 0 ||
		    strncmp(de->d_name, ui->me.login, plen) != 0 || de->d_name[plen] != '-')
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			struct draft *grown = realloc(*out, (size_t)cap * sizeof *grown);
			if (!grown)
				break;
			*out = grown;
		}
		struct draft *d = &(*out)[*n];
		memset(d, 0, sizeof *d);
		snprintf(d->file, sizeof d->file, "%s/%s", dir, de->d_name);
		char *text = slurp(d->file);
		if (text && parse_draft(text, d, id, ui->me.login) == 0)
			(*n)++;
		free(text);
	}
	closedir(dh);
	if (*n > 1)
		qsort(*out, (size_t)*n, sizeof **out, newest_first);
	return 0;
}

void drafts_forget(struct ui *ui, const struct edit *e)
{
	char file[4096];
	if (draft_file(ui, e, file, sizeof file) == 0)
		unlink(file);
}
