/* flatrec.c — render and parse flat canonical records from a field table (flatrec.h). */
#include "core/flatrec.h"
#include "core/record.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

static const char *field_value(const struct flatrec_field *f, const void *rec)
{
	return (const char *)rec + f->offset;
}

void flatrec_render(const struct code_lists *l, const struct flatrec_field *f, int n, const void *rec, struct buf *out)
{
	for (int i = 0; i < n; i++) {
		const char *v = field_value(&f[i], rec);
		if (!v[0])
			continue;
		const char *label = f[i].codes ? code_lists_label(l, f[i].codes, v) : NULL;
		if (f[i].codes) {
			struct buf shown = {0};
			buf_addf(&shown, "%s %s", v, label ? label : "?");
			record_put(out, f[i].key, buf_str(&shown) ? shown.s : v);
			buf_free(&shown);
		} else {
			record_put(out, f[i].key, v);
		}
	}
}

int flatrec_set(const struct code_lists *l, const struct flatrec_field *f, int n, void *rec, const char *key,
                const char *value, char *err, int errlen)
{
	for (int i = 0; i < n; i++) {
		if (strcmp(f[i].key, key) != 0)
			continue;
		if (f[i].flags & FR_SHOWN)
			return 0;
		size_t len = strlen(value);
		if (f[i].codes) {
			const char *sp = strchr(value, ' ');
			len = sp ? (size_t)(sp - value) : len;
		}
		if (len >= f[i].size)
			return text_errorf(err, errlen, "%s: value too long", key);
		char *dst = (char *)rec + f[i].offset;
		memcpy(dst, value, len);
		dst[len] = '\0';
		if (f[i].codes && !code_lists_label(l, f[i].codes, dst))
			return text_errorf(err, errlen, "%s: unknown %s \"%s\"", key, f[i].codes->name, dst);
		return 0;
	}
	return 1;
}

int flatrec_check_required(const struct flatrec_field *f, int n, const void *rec,
                           char *err, int errlen)
{
	for (int i = 0; i < n; i++)
		if ((f[i].flags & FR_REQUIRED) && !field_value(&f[i], rec)[0])
			return text_errorf(err, errlen, "%s: missing", f[i].key);
	return 0;
}

int flatrec_parse(const struct code_lists *l, const struct flatrec_field *f, int n, const char *text, void *rec,
                  char *err, int errlen)
{
	char key[64], value[2048], why[256];
	size_t pos = 0;
	long line = 0;
	int r;
	while ((r = record_next_line(text, &pos, &line, key, sizeof key, value, sizeof value)) == 1) {
		int rc = flatrec_set(l, f, n, rec, key, value, why, sizeof why);
		if (rc == 1)
			return text_errorf(err, errlen, "line %ld: unknown key %s", line, key);
		if (rc)
			return text_errorf(err, errlen, "line %ld: %s", line, why);
	}
	if (r != 0)
		return text_errorf(err, errlen, "line %ld: malformed line", line);
	if (flatrec_check_required(f, n, rec, why, sizeof why))
		return text_errorf(err, errlen, "%s", why);
	return 0;
}

int flatrec_check_text(const char *what, const char *value, size_t size, size_t max_chars,
                       int required, char *err, int errlen)
{
	const char *v = value ? value : "";
	size_t len = strlen(v);
	if (!len)
		return required ? text_errorf(err, errlen, "%s is required", what) : 0;
	if (text_check_input(what, v, max_chars, 0, err, errlen))
		return -1;
	if (len >= size)
		return text_errorf(err, errlen, "%s: too long (%zu bytes, at most %zu)", what, len,
		                   size - 1);
	return 0;
}
