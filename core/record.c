/* record.c — render and parse the canonical audit text of a household (see record.h). */
#include "core/record.h"
#include "core/text.h"
#include "core/regions.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void record_put(struct buf *out, const char *key, const char *value)
{
	if (!value || !value[0])
		return;
	buf_adds(out, key);
	buf_adds(out, ": ");
	for (const char *p = value; *p; p++) {
		size_t plain = strcspn(p, "\\\n\r\t");   /* copied as one run */
		if (plain) {
			buf_add(out, p, plain);
			p += plain - 1;
			continue;
		}
		switch (*p) {
		case '\\': buf_adds(out, "\\\\"); break;
		case '\n': buf_adds(out, "\\n"); break;
		case '\r': buf_adds(out, "\\r"); break;
		case '\t': buf_adds(out, "\\t"); break;
		default: buf_add(out, p, 1);
		}
	}
	buf_adds(out, "\n");
}

int record_unescape(const char *in, char *out, size_t outlen)
{
	size_t n = 0;
	for (const char *p = in; *p; p++) {
		char c = *p;
		if (c == '\\') {
			switch (*++p) {
			case '\\': c = '\\'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			default: return -1;
			}
		}
		if (n + 1 >= outlen)
			return -1;
		out[n++] = c;
	}
	out[n] = '\0';
	return 0;
}

/* snprintf(out, n, "%s %s", a, b), by hand when it fits (every coded field of every
 * record rendered passes here; `audit verify` renders them all). */
static void join2(char *out, size_t n, const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la + 1 + lb >= n) {
		snprintf(out, n, "%s %s", a, b);
		return;
	}
	memcpy(out, a, la);
	out[la] = ' ';
	memcpy(out + la + 1, b, lb + 1);
}

/* One field's value as the audit text shows it: codes followed by their label. */
static void put_field(const struct code_lists *lists, struct buf *out, enum field_id f,
                      const char *value)
{
	const struct field *fd = &model_fields[f];
	char shown[1024];
	if (!value || !value[0])
		return;
	const struct code_table *codes = fd->codes ? code_lists_table(lists, fd->codes) : NULL;
	if (fd->kind == FK_COUNTY) {
		const char *name = regions_county_name(value);
		join2(shown, sizeof shown, value, name ? name : "?");
	} else if (fd->kind == FK_CODE || fd->kind == FK_YESNO) {
		const char *label = codes_label(codes, value);
		join2(shown, sizeof shown, value, label ? label : "?");
	} else if (fd->kind == FK_MULTI) {
		struct buf b = {0};
		const char *p = value;
		while (*p) {
			const char *comma = strchr(p, ',');
			size_t n = comma ? (size_t)(comma - p) : strlen(p);
			char code[64];
			size_t k = n < sizeof code - 1 ? n : sizeof code - 1;
			memcpy(code, p, k);
			code[k] = '\0';
			const char *label = codes_label(codes, code);
			if (b.len)
				buf_adds(&b, ", ");
			buf_adds(&b, code);
			buf_adds(&b, " ");
			buf_adds(&b, label ? label : "?");
			p = comma ? comma + 1 : p + n;
		}
		snprintf(shown, sizeof shown, "%s", buf_str(&b) ? buf_str(&b) : "");
		buf_free(&b);
	} else {
		record_put(out, fd->key, value);
		return;
	}
	record_put(out, fd->key, shown);
}

void record_render(const struct code_lists *lists, const struct household *h, struct buf *out)
{
	buf_addf(out, "household: %s\n", h->id);
	for (int f = HF_FIRST; f < HF_FIRST + HF_COUNT; f++)
		put_field(lists, out, (enum field_id)f, household_get(h, (enum field_id)f));
	if (h->synthetic)
		buf_adds(out, "synthetic: yes 演示数据\n");
	for (int m = 0; m < h->nmembers; m++) {
		const struct member *mb = &h->members[m];
		char head[32];
		int len = snprintf(head, sizeof head, "\n[member %d]\n", m + 1);
		buf_add(out, head, (size_t)len);
		for (int f = MF_FIRST; f < MF_FIRST + MF_COUNT; f++) {
			put_field(lists, out, (enum field_id)f, member_get(mb, (enum field_id)f));
			if (f == MF_ID) {
				record_put(out, "id_original", mb->id_original);
				record_put(out, "birth", mb->birth);
			}
		}
	}
	for (int c = 0; c < h->ncases; c++) {
		const struct hcase *cs = &h->cases[c];
		buf_addf(out, "\n[case %s]\n", cs->id);
		record_put(out, "state", cs->state);
		for (int f = CF_FIRST; f < CF_FIRST + CF_COUNT; f++)
			put_field(lists, out, (enum field_id)f, case_get(cs, (enum field_id)f));
	}
	for (int k = 0; k < SUB_COUNT; k++) {
		const struct subrec_kind_info *info = subrec_info((enum subrec_kind)k);
		for (int i = 0; i < h->nsub[k]; i++) {
			const struct subrec *r = &h->sub[k][i];
			buf_addf(out, "\n[%s %s]\n", info->section, r->v[0] ? r->v[0] : "?");
			for (int col = 1; col < info->ncols; col++)
				record_put(out, info->cols[col], r->v[col]);
		}
	}
}

/* The kind of a "[section ID]" header, -1 if none; *id points at the ID. */
static int subrec_section(const char *header, const char **id)
{
	for (int k = 0; k < SUB_COUNT; k++) {
		const char *name = subrec_info((enum subrec_kind)k)->section;
		size_t n = strlen(name);
		if (strncmp(header, name, n) == 0 && header[n] == ' ' && header[n + 1]) {
			*id = header + n + 1;
			return k;
		}
	}
	return -1;
}

int record_text_put(const struct record_text *texts, size_t n, const char *key,
                    const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(texts[i].key, key) == 0)
			return text_copy(texts[i].to, texts[i].size, value) ? -1 : 1;
	return 0;
}

int record_next_line(const char *text, size_t *pos, long *line, char *key, size_t keylen,
                     char *value, size_t valuelen)
{
	for (;;) {
		const char *s = text + *pos;
		if (!*s)
			return 0;
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		*pos += n + (nl ? 1 : 0);
		(*line)++;
		if (n == 0)
			continue;
		if (s[0] == '[') {
			if (s[n - 1] != ']' || n - 2 >= keylen)
				return -1;
			memcpy(key, s + 1, n - 2);
			key[n - 2] = '\0';
			return 2;
		}
		const char *colon = memchr(s, ':', n);
		if (!colon || colon[1] != ' ' || (size_t)(colon - s) >= keylen)
			return -1;
		memcpy(key, s, (size_t)(colon - s));
		key[colon - s] = '\0';
		size_t vn = n - (size_t)(colon + 2 - s);
		char raw[2048];
		if (vn >= sizeof raw)
			return -1;
		memcpy(raw, colon + 2, vn);
		raw[vn] = '\0';
		return record_unescape(raw, value, valuelen) ? -1 : 1;
	}
}

/* An id as the audit text may hold it: 1..n-1 letters, digits or dots (it appears in
 * section headers and paths, so nothing that could break a line or a path). */
static int valid_id(const char *id, size_t n)
{
	size_t len = strlen(id);
	if (len == 0 || len >= n)
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      *p == '.'))
			return 0;
	return 1;
}

/* The stored form of a value shown as "code label" / "c1 l1, c2 l2": the codes alone. */
static void strip_labels(enum field_id f, const char *shown, char *out, size_t outlen)
{
	enum field_kind k = model_fields[f].kind;
	if (k == FK_MULTI) {
		size_t n = 0;
		const char *p = shown;
		out[0] = '\0';
		while (*p) {
			const char *sp = strchr(p, ' ');
			size_t cn = sp ? (size_t)(sp - p) : strlen(p);
			if (n + cn + 2 >= outlen)
				break;
			if (n)
				out[n++] = ',';
			memcpy(out + n, p, cn);
			n += cn;
			out[n] = '\0';
			const char *next = strstr(p, ", ");
			if (!next)
				break;
			p = next + 2;
		}
	} else if (k == FK_COUNTY || k == FK_CODE || k == FK_YESNO) {
		const char *sp = strchr(shown, ' ');
		size_t cn = sp ? (size_t)(sp - shown) : strlen(shown);
		snprintf(out, outlen, "%.*s", (int)cn, shown);
	} else {
		snprintf(out, outlen, "%s", shown);
	}
}

/* The text must be exactly what record_render makes of what was parsed: an audit file
 * is canonical or it is refused (with the first line that differs), so parse and
 * render are inverse and `rebuild` can never take in a value it would write otherwise. */
static int check_canonical(const struct code_lists *lists, const char *text,
                           const struct household *h, char *err, size_t errlen)
{
	struct buf again = {0};
	record_render(lists, h, &again);
	const char *a = buf_str(&again);
	int rc = 0;
	if (!a) {
		text_errorf(err, errlen, "out of memory");
		rc = -1;
	} else if (strcmp(a, text) != 0) {
		long line = 1;
		size_t i = 0;
		for (; a[i] && a[i] == text[i]; i++)
			line += a[i] == '\n';
		text_errorf(err, errlen, "line %ld: not in canonical form", line);
		rc = -1;
	}
	buf_free(&again);
	return rc;
}

int record_parse(const struct code_lists *lists, const char *text, struct household *h,
                 char *err, size_t errlen)
{
	char key[64], value[2048], stored[2048];
	size_t pos = 0;
	long line = 0;
	struct member *m = NULL;
	struct hcase *c = NULL;
	struct subrec *sub = NULL;
	int sub_kind = -1;
	int r;
	while ((r = record_next_line(text, &pos, &line, key, sizeof key, value, sizeof value)) > 0) {
		if (r == 2) {
			int n;
			const char *sub_id;
			m = NULL;
			c = NULL;
			sub = NULL;
			if (sscanf(key, "member %d", &n) == 1 && n == h->nmembers + 1) {
				if (!(m = household_add_member(h)))
					goto oom;
			} else if (strncmp(key, "case ", 5) == 0 && valid_id(key + 5, sizeof c->id)) {
				if (!(c = household_add_case(h)))
					goto oom;
				text_copy(c->id, sizeof c->id, key + 5);   /* valid_id: it fits */
			} else if ((sub_kind = subrec_section(key, &sub_id)) >= 0 && valid_id(sub_id, 32)) {
				if (!(sub = household_add_subrec(h, (enum subrec_kind)sub_kind)) ||
				    model_strset(&sub->v[0], sub_id))
					goto oom;
			} else {
				text_errorf(err, errlen, "line %ld: unexpected section [%s]", line, key);
				return -1;
			}
			continue;
		}
		if (sub) {
			int col = subrec_col((enum subrec_kind)sub_kind, key);
			if (col <= 0) {
				text_errorf(err, errlen, "line %ld: unknown key \"%s\"", line, key);
				return -1;
			}
			if (model_strset(&sub->v[col], value))
				goto oom;
			continue;
		}
		int f = model_field_find(key);
		enum field_level want = c ? LEVEL_CASE : m ? LEVEL_MEMBER : LEVEL_HOUSEHOLD;
		int rc = 0;
		if (f >= 0 && model_fields[f].level == want) {
			strip_labels((enum field_id)f, value, stored, sizeof stored);
			rc = c ? case_set(c, (enum field_id)f, stored)
			   : m ? member_set(m, (enum field_id)f, stored)
			       : household_set(h, (enum field_id)f, stored);
		} else if (want == LEVEL_HOUSEHOLD && strcmp(key, "household") == 0) {
			if (!valid_id(value, sizeof h->id) || h->id[0]) {
				text_errorf(err, errlen, "line %ld: bad or repeated household id", line);
				return -1;
			}
			text_copy(h->id, sizeof h->id, value);         /* valid_id: it fits */
		} else if (want == LEVEL_HOUSEHOLD && strcmp(key, "synthetic") == 0) {
			h->synthetic = 1;
		} else if (want == LEVEL_MEMBER && strcmp(key, "id_original") == 0) {
			rc = model_strset(&m->id_original, value);
		} else if (want == LEVEL_MEMBER && strcmp(key, "birth") == 0) {
			rc = model_strset(&m->birth, value);
		} else if (want == LEVEL_CASE && strcmp(key, "state") == 0) {
			rc = model_strset(&c->state, value);
		} else {
			text_errorf(err, errlen, "line %ld: unknown key \"%s\"", line, key);
			return -1;
		}
		if (rc)
			goto oom;
	}
	if (r < 0) {
		text_errorf(err, errlen, "line %ld: not a \"key: value\" line", line);
		return -1;
	}
	if (!h->id[0]) {
		text_errorf(err, errlen, "no \"household:\" line");
		return -1;
	}
	return check_canonical(lists, text, h, err, errlen);
oom:
	text_errorf(err, errlen, "out of memory");
	return -1;
}
