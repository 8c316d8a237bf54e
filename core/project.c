/* project.c — a project's canonical text, money in exact fen, and the milestone rules
 * (see project.h). */
#include "core/project.h"
#include "core/i18n.h"
#include "core/codes.h"
#include "core/record.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const project_milestone_names[4] = {N_("立项"), N_("开工"), N_("完工"),
                                              N_("验收")};

const struct flatrec_field project_fields[] = {
	FLATREC(struct project, "project", id, NULL, FR_REQUIRED),
	FLATREC(struct project, "title", title, NULL, FR_REQUIRED),
	FLATREC(struct project, "level", level, &codes_project_level, FR_REQUIRED),
	FLATREC(struct project, "place", place, NULL, FR_REQUIRED),
	FLATREC(struct project, "place_name", place_name, NULL, FR_SHOWN),
	FLATREC(struct project, "kind", kind, NULL, FR_REQUIRED),
	FLATREC(struct project, "kind_name", kind_name, NULL, FR_SHOWN),
	FLATREC(struct project, "group", group, NULL, FR_REQUIRED),
	FLATREC(struct project, "group_name", group_name, NULL, FR_SHOWN),
	FLATREC(struct project, "unit", unit, NULL, 0),
	FLATREC(struct project, "unit_name", unit_name, NULL, FR_SHOWN),
	FLATREC(struct project, "person", person, NULL, 0),
	FLATREC(struct project, "pair", pair, NULL, 0),
	FLATREC(struct project, "programme", programme, NULL, 0),
	FLATREC(struct project, "status", status, &codes_project_status, FR_REQUIRED),
	FLATREC(struct project, "tasks", tasks, NULL, 0),
	FLATREC(struct project, "created", created, NULL, FR_REQUIRED),
};
const int project_field_count = (int)(sizeof project_fields / sizeof project_fields[0]);

const struct flatrec_field project_milestone_fields[] = {
	FLATREC(struct project_milestone, "name", name, NULL, FR_REQUIRED),
	FLATREC(struct project_milestone, "planned", planned, NULL, FR_REQUIRED),
	FLATREC(struct project_milestone, "actual", actual, NULL, 0),
};
const int project_milestone_field_count =
	(int)(sizeof project_milestone_fields / sizeof project_milestone_fields[0]);

const struct flatrec_field project_money_fields[] = {
	FLATREC(struct project_money, "year", year, NULL, FR_REQUIRED),
	FLATREC(struct project_money, "planned", planned, NULL, 0),
	FLATREC(struct project_money, "allocated", allocated, NULL, 0),
	FLATREC(struct project_money, "spent", spent, NULL, 0),
};
const int project_money_field_count =
	(int)(sizeof project_money_fields / sizeof project_money_fields[0]);

/* --- money ------------------------------------------------------------------------- */

#define WAN "\xe4\xb8\x87"       /* 万 */
#define YUAN "\xe5\x85\x83"      /* 元 */

int project_money_parse(const char *what, const char *text, long long *fen, char *err, size_t errlen)
{
	char s[64];
	size_t n = strlen(text);
	if (n == 0 || n >= sizeof s)
		return text_errorf(err, errlen, "%s: give an amount in yuan (e.g. 1200000, "
		                   "1,200,000.50 or 120万)", what);
	memcpy(s, text, n + 1);
	if (n >= 3 && strcmp(s + n - 3, YUAN) == 0)
		s[n -= 3] = '\0';
	int wan = n >= 3 && strcmp(s + n - 3, WAN) == 0;
	if (wan)
		s[n -= 3] = '\0';
	int decimals = wan ? 6 : 2;   /* fen: 1 万 = 1,000,000 fen */
	long long whole = 0, frac = 0;
	int digits = 0, nfrac = -1, group = -1;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (nfrac >= 0) {
				if (++nfrac > decimals)
					return text_errorf(err, errlen, "%s \"%s\": at most %d decimal places",
					                   what, text, decimals);
				frac = frac * 10 + (*p - '0');
			} else {
				if (whole > PROJECT_FEN_MAX)
					return text_errorf(err, errlen, "%s \"%s\" is too large", what, text);
				whole = whole * 10 + (*p - '0');
				if (group >= 0)
					group++;
			}
			digits++;
		} else if (*p == ',' && nfrac < 0 && digits > 0 && (group < 0 || group == 3)) {
			group = 0;   /* thousands separators: groups of exactly three digits */
		} else if (*p == '.' && nfrac < 0 && digits > 0) {
			nfrac = 0;
		} else {
			return text_errorf(err, errlen, "%s \"%s\": not an amount in yuan (digits, "
			                   "optional , and . and two decimals; 万 for ten thousand)",
			                   what, text);
		}
	}
	if (!digits || nfrac == 0 || (group >= 0 && group != 3))
		return text_errorf(err, errlen, "%s \"%s\": not an amount in yuan", what, text);
	for (int i = nfrac < 0 ? 0 : nfrac; i < decimals; i++)
		frac *= 10;
	long long unit = wan ? 1000000 : 100;
	if (whole > PROJECT_FEN_MAX / unit)
		return text_errorf(err, errlen, "%s \"%s\" is too large", what, text);
	*fen = whole * unit + frac;
	if (*fen > PROJECT_FEN_MAX)
		return text_errorf(err, errlen, "%s \"%s\" is too large", what, text);
	return 0;
}

void project_money_format(long long fen, char out[PROJECT_MONEY_LEN])
{
	snprintf(out, PROJECT_MONEY_LEN, "%lld.%02lld", fen / 100, fen % 100);
}

int project_money_fen(const char *text, long long *fen)
{
	char err[8];
	*fen = 0;
	return text[0] ? project_money_parse("", text, fen, err, sizeof err) : 0;
}

/* --- the text ---------------------------------------------------------------------- */

const char *project_level_of(const char *place)
{
	size_t n = strspn(place, "0123456789");
	if (place[n])
		return NULL;
	return n == 6 ? "county" : n == 9 ? "town" : n == 12 ? "village" : NULL;
}

void project_render(const struct project *p, struct buf *out)
{
	flatrec_render(NULL, project_fields, project_field_count, p, out);
	for (int i = 0; i < p->nms; i++) {
		buf_addf(out, "\n[milestone %d]\n", i + 1);
		flatrec_render(NULL, project_milestone_fields, project_milestone_field_count, &p->ms[i], out);
	}
	for (int i = 0; i < p->nmoney; i++) {
		buf_addf(out, "\n[money %d]\n", i + 1);
		flatrec_render(NULL, project_money_fields, project_money_field_count, &p->money[i], out);
	}
}

enum section { SEC_FIELDS, SEC_MS, SEC_MONEY };

/* Open the next section named by header (its number must follow the last one's). */
static int open_section(struct project *p, const char *header, long line, enum section *sec,
                        char *err, size_t errlen)
{
	int n = 0;
	if (sscanf(header, "milestone %d", &n) == 1 && n == p->nms + 1 && !p->nmoney &&
	    p->nms < PROJECT_MAX_MILESTONES) {
		*sec = SEC_MS;
		p->nms++;
	} else if (sscanf(header, "money %d", &n) == 1 && n == p->nmoney + 1 &&
	           p->nmoney < PROJECT_MAX_YEARS) {
		*sec = SEC_MONEY;
		p->nmoney++;
	} else {
		return text_errorf(err, errlen, "line %ld: expected [milestone %d] or [money %d]",
		                   line, p->nms + 1, p->nmoney + 1);
	}
	return 0;
}

static int check_sections(const struct project *p, char *err, size_t errlen)
{
	char why[128];
	for (int i = 0; i < p->nms; i++)
		if (flatrec_check_required(project_milestone_fields, project_milestone_field_count,
		                           &p->ms[i], why, sizeof why))
			return text_errorf(err, errlen, "[milestone %d]: %s", i + 1, why);
	for (int i = 0; i < p->nmoney; i++)
		if (flatrec_check_required(project_money_fields, project_money_field_count,
		                           &p->money[i], why, sizeof why))
			return text_errorf(err, errlen, "[money %d]: %s", i + 1, why);
	return flatrec_check_required(project_fields, project_field_count, p, err, errlen);
}

int project_parse(const char *text, struct project *p, char *err, size_t errlen)
{
	char key[64], value[1024], why[256];
	size_t pos = 0;
	long line = 0;
	int r;
	enum section sec = SEC_FIELDS;
	while ((r = record_next_line(text, &pos, &line, key, sizeof key, value, sizeof value)) > 0) {
		if (r == 2) {
			if (open_section(p, key, line, &sec, err, errlen))
				return -1;
			continue;
		}
		int rc = sec == SEC_MS
		       ? flatrec_set(NULL, project_milestone_fields, project_milestone_field_count,
		                     &p->ms[p->nms - 1], key, value, why, sizeof why)
		       : sec == SEC_MONEY
		       ? flatrec_set(NULL, project_money_fields, project_money_field_count,
		                     &p->money[p->nmoney - 1], key, value, why, sizeof why)
		       : flatrec_set(NULL, project_fields, project_field_count, p, key, value, why, sizeof why);
		if (rc == 1)
			return text_errorf(err, errlen, "line %ld: unknown key %s", line, key);
		if (rc)
			return text_errorf(err, errlen, "line %ld: %s", line, why);
	}
	if (r < 0)
		return text_errorf(err, errlen, "line %ld: malformed line", line);
	return check_sections(p, err, errlen);
}

/* --- milestones -------------------------------------------------------------------- */

struct project_milestone *project_milestone_find(struct project *p, const char *name)
{
	for (int i = 0; i < p->nms; i++)
		if (strcmp(p->ms[i].name, name) == 0)
			return &p->ms[i];
	return NULL;
}

int project_milestone_check(const struct project_milestone *m, const char *today,
                            char *err, size_t errlen)
{
	if (flatrec_check_text("milestone", m->name, sizeof m->name, 20, 1, err, errlen))
		return -1;
	if (strpbrk(m->name, "[]"))
		return text_errorf(err, errlen, "milestone \"%s\": no [ or ] in a name", m->name);
	if (!date_valid(m->planned))
		return text_errorf(err, errlen, "milestone %s: planned date \"%s\" is not a date "
		                   "(YYYY-MM-DD)", m->name, m->planned);
	if (m->actual[0] && !date_valid(m->actual))
		return text_errorf(err, errlen, "milestone %s: actual date \"%s\" is not a date "
		                   "(YYYY-MM-DD)", m->name, m->actual);
	if (m->actual[0] && today && today[0] && strcmp(m->actual, today) > 0)
		return text_errorf(err, errlen, "milestone %s: actual date %s is after today (%s): "
		                   "record it when it happens", m->name, m->actual, today);
	return 0;
}

int project_milestone_set(struct project *p, const char *name, const char *planned,
                          const char *actual, const char *today, char *err, size_t errlen)
{
	struct project_milestone m = {0}, *have = project_milestone_find(p, name);
	if (have)
		m = *have;
	else if (p->nms >= PROJECT_MAX_MILESTONES)
		return text_errorf(err, errlen, "a project holds at most %d milestones",
		                   PROJECT_MAX_MILESTONES);
	if (strlen(name) >= sizeof m.name || (planned && strlen(planned) >= sizeof m.planned) ||
	    (actual && strlen(actual) >= sizeof m.actual))
		return text_errorf(err, errlen, "milestone %s: a value is too long", name);
	snprintf(m.name, sizeof m.name, "%s", name);
	if (planned)
		snprintf(m.planned, sizeof m.planned, "%s", planned);
	if (actual)
		snprintf(m.actual, sizeof m.actual, "%s", actual);
	if (!have && !m.planned[0])
		return text_errorf(err, errlen, "milestone %s is new: give its planned date "
		                   "(--planned YYYY-MM-DD)", name);
	if (project_milestone_check(&m, today, err, errlen))
		return -1;
	if (have)
		*have = m;
	else
		p->ms[p->nms++] = m;
	return 0;
}

long project_milestone_overdue(const struct project_milestone *m, const char *today)
{
	long days;
	if (m->actual[0] || date_diff(m->planned, today, &days) || days <= 0)
		return 0;
	return days;
}

int project_overdue_count(const struct project *p, const char *today)
{
	int n = 0;
	if (strcmp(p->status, "cancelled") == 0)
		return 0;
	for (int i = 0; i < p->nms; i++)
		n += project_milestone_overdue(&p->ms[i], today) > 0;
	return n;
}

/* --- money per year ---------------------------------------------------------------- */

static int set_amount(const char *what, const char *year, const char *text, char *field,
                      char *err, size_t errlen)
{
	long long fen;
	char label[48];
	if (!text)
		return 0;
	if (!text[0]) {
		field[0] = '\0';
		return 0;
	}
	snprintf(label, sizeof label, "%s %s", year, what);
	if (project_money_parse(label, text, &fen, err, errlen))
		return -1;
	project_money_format(fen, field);
	return 0;
}

static int year_ok(const char *year)
{
	return strlen(year) == 4 && strspn(year, "0123456789") == 4 && atoi(year) >= 2000 &&
	       atoi(year) <= 2100;
}

int project_money_set(struct project *p, const char *year, const char *planned,
                      const char *allocated, const char *spent, char *err, size_t errlen)
{
	if (!year_ok(year))
		return text_errorf(err, errlen, "year \"%s\": give a year YYYY (2000-2100)", year);
	int i = 0;
	while (i < p->nmoney && strcmp(p->money[i].year, year) != 0)
		i++;
	struct project_money m = {0};
	if (i < p->nmoney)
		m = p->money[i];
	else if (p->nmoney >= PROJECT_MAX_YEARS)
		return text_errorf(err, errlen, "a project holds money for at most %d years",
		                   PROJECT_MAX_YEARS);
	snprintf(m.year, sizeof m.year, "%s", year);
	if (set_amount("planned", year, planned, m.planned, err, errlen) ||
	    set_amount("allocated", year, allocated, m.allocated, err, errlen) ||
	    set_amount("spent", year, spent, m.spent, err, errlen))
		return -1;
	if (i == p->nmoney) {   /* years in order */
		while (i > 0 && strcmp(p->money[i - 1].year, year) > 0) {
			p->money[i] = p->money[i - 1];
			i--;
		}
		p->nmoney++;
	}
	p->money[i] = m;
	return 0;
}

void project_money_totals(const struct project *p, long long *planned, long long *allocated,
                          long long *spent)
{
	long long v;
	*planned = *allocated = *spent = 0;
	for (int i = 0; i < p->nmoney; i++) {
		*planned += project_money_fen(p->money[i].planned, &v) ? 0 : v;
		*allocated += project_money_fen(p->money[i].allocated, &v) ? 0 : v;
		*spent += project_money_fen(p->money[i].spent, &v) ? 0 : v;
	}
}

/* --- describing ------------------------------------------------------------------- */

static void money_line(struct buf *out, const char *year, const char *a, const char *b, const char *c)
{
	buf_addf(out, "  %-6s %16s %16s %16s\n", year, a[0] ? a : "-", b[0] ? b : "-", c[0] ? c : "-");
}

void project_describe(const struct project *p, const char *today, struct buf *out)
{
	const char *status = codes_label(&codes_project_status, p->status);
	const char *level = codes_label(&codes_project_level, p->level);
	buf_addf(out, "project: %s\ntitle: %s\nplace: %s %s (%s %s)\nkind: %s %s\n"
	         "working group: %s %s\nstatus: %s %s\n", p->id, p->title, p->place, p->place_name,
	         p->level, level ? level : "", p->kind, p->kind_name, p->group, p->group_name,
	         p->status, status ? status : "");
	const char *rel[][2] = {{"unit", p->unit}, {"unit name", p->unit_name}, {"person", p->person},
	                        {"pair", p->pair}, {"programme", p->programme}, {"tasks", p->tasks}};
	for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++)
		if (rel[i][1][0])
			buf_addf(out, "%s: %s\n", rel[i][0], rel[i][1]);
	buf_addf(out, "created: %s\nmilestones:%s\n", p->created, p->nms ? "" : " none");
	for (int i = 0; i < p->nms; i++) {
		long late = project_milestone_overdue(&p->ms[i], today);
		int pad = 8 - (int)text_width(p->ms[i].name);   /* cells, not bytes: 立项 is 4 */
		buf_addf(out, "  %s%*s planned %s  actual %-10s", p->ms[i].name, pad > 0 ? pad : 0, "",
		         p->ms[i].planned, p->ms[i].actual[0] ? p->ms[i].actual : "-");
		if (late)
			buf_addf(out, "  OVERDUE %ldd", late);
		buf_adds(out, "\n");
	}
	buf_addf(out, "money (yuan):%s\n", p->nmoney ? "" : " none");
	if (p->nmoney)
		money_line(out, "year", "planned", "allocated", "spent");
	for (int i = 0; i < p->nmoney; i++)
		money_line(out, p->money[i].year, p->money[i].planned, p->money[i].allocated,
		           p->money[i].spent);
	if (p->nmoney > 1) {
		long long a, b, c;
		char pa[PROJECT_MONEY_LEN], pb[PROJECT_MONEY_LEN], pc[PROJECT_MONEY_LEN];
		project_money_totals(p, &a, &b, &c);
		project_money_format(a, pa);
		project_money_format(b, pb);
		project_money_format(c, pc);
		money_line(out, "total", pa, pb, pc);
	}
}

/* --- the whole project ------------------------------------------------------------- */

int project_check(const struct project *p, const struct code_table *kinds,
                  const struct code_table *groups, const char *today, char *err, size_t errlen)
{
	const char *level = project_level_of(p->place);
	if (flatrec_check_text("title", p->title, sizeof p->title, TEXT_MAX_TITLE, 1, err, errlen) ||
	    flatrec_check_text("person", p->person, sizeof p->person, TEXT_MAX_NAME, 0, err, errlen) ||
	    flatrec_check_text("programme", p->programme, sizeof p->programme, 20, 0, err, errlen))
		return -1;
	if (!level)
		return text_errorf(err, errlen, "place \"%s\": give a county (6 digits), town (9) or "
		                   "village (12) code", p->place);
	if (strcmp(level, p->level) != 0)
		return text_errorf(err, errlen, "level %s does not agree with place %s (a %s)",
		                   p->level, p->place, level);
	if (!codes_label(kinds ? kinds : &codes_project_kind, p->kind))
		return text_errorf(err, errlen, "kind \"%s\" is not a project kind (bangfu project add "
		                   "--help lists them)", p->kind);
	if (!codes_label(groups ? groups : &codes_project_group, p->group))
		return text_errorf(err, errlen, "\"%s\" is not a working group (bangfu project add "
		                   "--help lists them)", p->group);
	if (!codes_label(&codes_project_status, p->status))
		return text_errorf(err, errlen, "status \"%s\": give planned, approved, building, "
		                   "completed, accepted, suspended or cancelled", p->status);
	if (!date_valid(p->created))
		return text_errorf(err, errlen, "created \"%s\" is not a date", p->created);
	for (int i = 0; i < p->nms; i++) {
		if (project_milestone_check(&p->ms[i], today, err, errlen))
			return -1;
		for (int k = 0; k < i; k++)
			if (strcmp(p->ms[k].name, p->ms[i].name) == 0)
				return text_errorf(err, errlen, "milestone %s is given twice", p->ms[i].name);
	}
	return 0;
}
