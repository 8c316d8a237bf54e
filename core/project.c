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

/* --- which field a refusal is about ------------------------------------------------- */

int project_fault(struct project_fault *at, enum project_field field, const char *milestone, int rc)
{
	if (at) {
		at->field = field;
		snprintf(at->milestone, sizeof at->milestone, "%s", milestone ? milestone : "");
	}
	return rc;
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
                            struct project_fault *at, char *err, size_t errlen)
{
	if (flatrec_check_text(_("milestone name"), m->name, sizeof m->name, 20, 1, err, errlen))
		return project_fault(at, PJF_MS_NAME, m->name, -1);
	if (strpbrk(m->name, "[]"))
		return project_fault(at, PJF_MS_NAME, m->name,
		             text_errorf(err, errlen, "milestone \"%s\": no [ or ] in a name", m->name));
	if (!date_valid(m->planned))
		return project_fault(at, PJF_MS_PLANNED, m->name,
		             text_errorf(err, errlen, "milestone %s: planned date \"%s\" is not a date "
		                         "(YYYY-MM-DD)", m->name, m->planned));
	if (m->actual[0] && !date_valid(m->actual))
		return project_fault(at, PJF_MS_ACTUAL, m->name,
		             text_errorf(err, errlen, "milestone %s: actual date \"%s\" is not a date "
		                         "(YYYY-MM-DD)", m->name, m->actual));
	if (m->actual[0] && today && today[0] && strcmp(m->actual, today) > 0)
		return project_fault(at, PJF_MS_ACTUAL, m->name,
		             text_errorf(err, errlen, "milestone %s: actual date %s is after today (%s): "
		                         "record it when it happens", m->name, m->actual, today));
	return 0;
}

int project_milestone_set(struct project *p, const char *name, const char *planned,
                          const char *actual, const char *today, struct project_fault *at,
                          char *err, size_t errlen)
{
	struct project_milestone m = {0}, *have = project_milestone_find(p, name);
	if (have)
		m = *have;
	else if (p->nms >= PROJECT_MAX_MILESTONES)
		return project_fault(at, PJF_MS_NAME, name,
		             text_errorf(err, errlen, "a project holds at most %d milestones",
		                         PROJECT_MAX_MILESTONES));
	enum project_field too_long = strlen(name) >= sizeof m.name ? PJF_MS_NAME
	                            : planned && strlen(planned) >= sizeof m.planned ? PJF_MS_PLANNED
	                            : actual && strlen(actual) >= sizeof m.actual ? PJF_MS_ACTUAL
	                            : PJF_NONE;
	if (too_long != PJF_NONE)
		return project_fault(at, too_long, name,
		             text_errorf(err, errlen, "milestone %s: a value is too long", name));
	snprintf(m.name, sizeof m.name, "%s", name);
	if (planned)
		snprintf(m.planned, sizeof m.planned, "%s", planned);
	if (actual)
		snprintf(m.actual, sizeof m.actual, "%s", actual);
	if (!have && !m.planned[0])
		return project_fault(at, PJF_MS_PLANNED, name,
		             text_errorf(err, errlen, "milestone %s is new: give its planned date "
		                         "(--planned YYYY-MM-DD)", name));
	if (project_milestone_check(&m, today, at, err, errlen))
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

/* One amount of a year: what is the msgid naming it with the year ("%s planned"). */
static int set_amount(const char *what, enum project_field which, const char *year,
                      const char *text, char *field, struct project_fault *at, char *err,
                      size_t errlen)
{
	long long fen;
	char label[64];
	if (!text)
		return 0;
	if (!text[0]) {
		field[0] = '\0';
		return 0;
	}
	snprintf(label, sizeof label, _(what), year);
	if (project_money_parse(label, text, &fen, err, errlen))
		return project_fault(at, which, NULL, -1);
	project_money_format(fen, field);
	return 0;
}

static int year_ok(const char *year)
{
	return strlen(year) == 4 && strspn(year, "0123456789") == 4 && atoi(year) >= 2000 &&
	       atoi(year) <= 2100;
}

int project_money_set(struct project *p, const char *year, const char *planned,
                      const char *allocated, const char *spent, struct project_fault *at,
                      char *err, size_t errlen)
{
	if (!year_ok(year))
		return project_fault(at, PJF_YEAR, NULL,
		             text_errorf(err, errlen, "year \"%s\": give a year YYYY (2000-2100)", year));
	int i = 0;
	while (i < p->nmoney && strcmp(p->money[i].year, year) != 0)
		i++;
	struct project_money m = {0};
	if (i < p->nmoney)
		m = p->money[i];
	else if (p->nmoney >= PROJECT_MAX_YEARS)
		return project_fault(at, PJF_YEAR, NULL,
		             text_errorf(err, errlen, "a project holds money for at most %d years",
		                         PROJECT_MAX_YEARS));
	snprintf(m.year, sizeof m.year, "%s", year);
	/* TRANSLATORS: the money of a year (%s), named in a refusal: 2026 planned "12.345": ... */
	if (set_amount(N_("%s planned"), PJF_PLANNED, year, planned, m.planned, at, err, errlen) ||
	    set_amount(N_("%s allocated"), PJF_ALLOCATED, year, allocated, m.allocated, at, err, errlen) ||
	    set_amount(N_("%s spent"), PJF_SPENT, year, spent, m.spent, at, err, errlen))
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

/* s right-aligned in `cells` terminal cells (a Chinese character takes two). */
static void add_right(struct buf *out, const char *s, int cells)
{
	int pad = cells - text_width(s);
	buf_addf(out, " %*s%s", pad > 0 ? pad : 0, "", s);
}

static void money_line(struct buf *out, const char *year, const char *a, const char *b, const char *c)
{
	int pad = 6 - text_width(year);
	buf_addf(out, "  %s%*s", year, pad > 0 ? pad : 0, "");
	add_right(out, a[0] ? a : "-", 16);
	add_right(out, b[0] ? b : "-", 16);
	add_right(out, c[0] ? c : "-", 16);
	buf_adds(out, "\n");
}

/* The milestones, their names padded to the widest (in cells) so the dates line up. */
static void describe_milestones(const struct project *p, const char *today, struct buf *out)
{
	int wide = 8;
	buf_adds(out, p->nms ? _("milestones:\n") : _("milestones: none\n"));
	for (int i = 0; i < p->nms; i++)
		if (text_width(codes_shown(p->ms[i].name)) > wide)
			wide = text_width(codes_shown(p->ms[i].name));
	for (int i = 0; i < p->nms; i++) {
		const struct project_milestone *m = &p->ms[i];
		const char *name = codes_shown(m->name);   /* 立项 as "approval" in English */
		char padded[sizeof m->name + 64];
		long late = project_milestone_overdue(m, today);
		int pad = wide - text_width(name);
		snprintf(padded, sizeof padded, "%s%*s", name, pad > 0 ? pad : 0, "");
		if (late)
			buf_addf(out, ngettext("  %s planned %s  actual -  OVERDUE %ld day\n",
			                       "  %s planned %s  actual -  OVERDUE %ld days\n",
			                       (unsigned long)late), padded, m->planned, late);
		else
			buf_addf(out, _("  %s planned %s  actual %s\n"), padded, m->planned,
			         m->actual[0] ? m->actual : "-");
	}
}

static void describe_money(const struct project *p, struct buf *out)
{
	buf_adds(out, p->nmoney ? _("money (yuan):\n") : _("money (yuan): none\n"));
	if (p->nmoney)
		money_line(out, _("year"), _("planned"), _("allocated"), _("spent"));
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
		money_line(out, _("total"), pa, pb, pc);
	}
}

/* A shown name of the code tables, else the code as it is kept. */
static const char *shown_or(const char *label, const char *code)
{
	return label && label[0] ? codes_shown(label) : code;
}

void project_describe(const struct project *p, const char *today, struct buf *out)
{
	const char *level = codes_label(&codes_project_level, p->level);
	/* the lines shown only when the project has the field */
	const struct { const char *format, *value; } more[] = {
		{N_("responsible person: %s\n"), p->person},
		{N_("funding pair: %s\n"), p->pair},
		{N_("funding programme: %s\n"), p->programme},
		{N_("linked tasks: %s\n"), p->tasks},
	};
	buf_addf(out, _("project: %s\n"), p->id);
	buf_addf(out, _("title: %s\n"), p->title);
	buf_addf(out, _("place: %s %s (%s)\n"), p->place, p->place_name, shown_or(level, p->level));
	buf_addf(out, _("kind: %s\n"), shown_or(p->kind_name, p->kind));
	buf_addf(out, _("working group: %s\n"), shown_or(p->group_name, p->group));
	buf_addf(out, _("status: %s\n"),
	         shown_or(codes_label(&codes_project_status, p->status), p->status));
	if (p->unit[0])
		buf_addf(out, _("responsible unit: %s %s\n"), p->unit, p->unit_name);
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		if (more[i].value[0])
			buf_addf(out, _(more[i].format), more[i].value);
	buf_addf(out, _("created: %s\n"), p->created);
	describe_milestones(p, today, out);
	describe_money(p, out);
}

/* --- the whole project ------------------------------------------------------------- */

int project_check(const struct project *p, const struct code_table *kinds,
                  const struct code_table *groups, const char *today, struct project_fault *at,
                  char *err, size_t errlen)
{
	const char *level = project_level_of(p->place);
	char choices[256];
	if (flatrec_check_text(_("project title"), p->title, sizeof p->title, TEXT_MAX_TITLE, 1,
	                       err, errlen))
		return project_fault(at, PJF_TITLE, NULL, -1);
	if (flatrec_check_text(_("responsible person"), p->person, sizeof p->person, TEXT_MAX_NAME,
	                       0, err, errlen))
		return project_fault(at, PJF_PERSON, NULL, -1);
	if (flatrec_check_text(_("funding programme"), p->programme, sizeof p->programme, 20, 0,
	                       err, errlen))
		return project_fault(at, PJF_PROGRAMME, NULL, -1);
	if (!level)
		return project_fault(at, PJF_PLACE, NULL,
		             text_errorf(err, errlen, "place \"%s\": give a county (6 digits), town (9) "
		                         "or village (12) code", p->place));
	if (strcmp(level, p->level) != 0)
		return project_fault(at, PJF_PLACE, NULL,
		             text_errorf(err, errlen, "level %s does not agree with place %s (a %s)",
		                         shown_or(codes_label(&codes_project_level, p->level), p->level),
		                         p->place, shown_or(codes_label(&codes_project_level, level), level)));
	if (!codes_label(kinds ? kinds : &codes_project_kind, p->kind))
		return project_fault(at, PJF_KIND, NULL,
		             text_errorf(err, errlen, "kind \"%s\" is not a project kind (bangfu project "
		                         "add --help lists them)", p->kind));
	if (!codes_label(groups ? groups : &codes_project_group, p->group))
		return project_fault(at, PJF_GROUP, NULL,
		             text_errorf(err, errlen, "\"%s\" is not a working group (bangfu project add "
		                         "--help lists them)", p->group));
	if (!codes_label(&codes_project_status, p->status)) {
		codes_choices(&codes_project_status, choices, sizeof choices);
		return project_fault(at, PJF_STATUS, NULL,
		             text_errorf(err, errlen, "status \"%s\": give one of %s (or its code: bangfu "
		                         "project add --help)", p->status, choices));
	}
	if (!date_valid(p->created))
		return text_errorf(err, errlen, "created \"%s\" is not a date", p->created);
	for (int i = 0; i < p->nms; i++) {
		if (project_milestone_check(&p->ms[i], today, at, err, errlen))
			return -1;
		for (int k = 0; k < i; k++)
			if (strcmp(p->ms[k].name, p->ms[i].name) == 0)
				return project_fault(at, PJF_MS_NAME, p->ms[i].name,
				             text_errorf(err, errlen, "milestone %s is given twice",
				                         p->ms[i].name));
	}
	return 0;
}
