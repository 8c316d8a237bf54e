/* rules.c — monitoring rules: risk elimination, development measures, visit due dates
 * (see rules.h), and the refusal list every check in core/ fills. */
#include "core/rules.h"
#include "core/text.h"
#include "core/i18n.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* --- refusals ------------------------------------------------------------------- */

/* A reason cut to fit may end inside a multi-byte character: drop that partial tail. */
static void cut_utf8(char *s)
{
	size_t n = strlen(s), start = n;
	while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
		start--;
	if (start == 0)
		return;
	unsigned char lead = (unsigned char)s[start - 1];
	size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (start - 1) < need)
		s[start - 1] = '\0';
}

void refusal_clear(struct refusal *r)
{
	r->count = 0;
	r->dropped = 0;
}

void refusal_add(struct refusal *r, const char *fmt, ...)
{
	if (r->count >= REFUSAL_MAX) {
		r->dropped++;
		return;
	}
	char *text = r->reasons[r->count];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(text, REFUSAL_TEXT, fmt, ap);
	va_end(ap);
	if (n >= REFUSAL_TEXT)
		cut_utf8(text);
	r->count++;
}

int refusal_join(const struct refusal *r, const char *sep, char *out, int outlen)
{
	int len = 0;
	if (outlen <= 0)
		return 0;
	out[0] = '\0';
	for (int i = 0; i < r->count && len < outlen - 1; i++) {
		int w = snprintf(out + len, (size_t)(outlen - len), "%s%s", i ? sep : "",
		                 r->reasons[i]);
		len = w < outlen - len ? len + w : outlen - 1;
	}
	if (r->dropped && len < outlen - 1) {
		int w = snprintf(out + len, (size_t)(outlen - len), "%s(%d more)", sep, r->dropped);
		len = w < outlen - len ? len + w : outlen - 1;
	}
	return len;
}

int refusal_has(const struct refusal *r, const char *needle)
{
	for (int i = 0; i < r->count; i++)
		if (strstr(r->reasons[i], needle))
			return 1;
	return 0;
}

/* --- settings ------------------------------------------------------------------- */

void rules_settings_sample(struct rules_settings *s)
{
	s->visit_interval_days = RULES_SAMPLE_VISIT_INTERVAL;
	s->dev_measure_days = RULES_SAMPLE_DEV_MEASURE_DAYS;
	s->lead_warn_days = RULES_SAMPLE_LEAD_WARN_DAYS;
	s->due_soon_days = RULES_SAMPLE_DUE_SOON_DAYS;
}

int rules_settings_check(const struct rules_settings *s, char *err, size_t errlen)
{
	const struct { const char *name; int value; } items[] = {
		{N_("visit interval"), s->visit_interval_days},
		{N_("development measure delay"), s->dev_measure_days},
		{N_("lead warning age"), s->lead_warn_days},
		{N_("due-soon window"), s->due_soon_days},
	};
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
		if (items[i].value <= 0) {
			text_errorf(err, errlen, "%s must be a positive number of days, got %d",
			            _(items[i].name), items[i].value);
			return -1;
		}
	return 0;
}

/* --- household facts ------------------------------------------------------------ */

const char *const rules_labour_able_codes[RULES_LABOUR_ABLE_COUNT] = {"ordinary", "skilled",
                                                                      "weak"};

int rules_labour_able(const char *code)
{
	for (size_t i = 0; code && i < RULES_LABOUR_ABLE_COUNT; i++)
		if (strcmp(code, rules_labour_able_codes[i]) == 0)
			return 1;
	return 0;
}

int rules_measure_is_development_in(const char *groups, const char *group)
{
	if (!groups || !groups[0])
		groups = RULES_DEV_GROUPS_NATIONAL;
	size_t n = group ? strlen(group) : 0;
	for (const char *p = groups; n && *p; p += strcspn(p, ","), p += *p == ',')
		if (strcspn(p, ",") == n && strncmp(p, group, n) == 0)
			return 1;
	return 0;
}

int rules_measure_is_development(const char *group)
{
	return rules_measure_is_development_in(NULL, group);
}

int rules_measures_in_place(const struct household_facts *h, const char *as_of,
                            int development_only)
{
	long today, start;
	int n = 0;
	if (date_days(as_of, &today) != 0)
		return -1;
	for (int i = 0; i < h->measure_count; i++) {
		const struct measure_fact *m = &h->measures[i];
		if (date_days(m->start, &start) != 0 || start > today)
			continue;
		if (!development_only || rules_measure_is_development_in(h->dev_groups, m->group))
			n++;
	}
	return n;
}

/* --- risk elimination ----------------------------------------------------------- */

static void check_monitored_long_enough(const char *start, const char *as_of, int months,
                                        struct refusal *out)
{
	char earliest[DATE_LEN];
	long days;
	if (!date_valid(start)) {
		refusal_add(out, _("not yet approved by the county: monitoring has "
		            "no start date"));
		return;
	}
	if (date_add_months(start, months, earliest) != 0 ||
	    date_diff(earliest, as_of, &days) != 0)
		return;   /* as_of was checked by the caller */
	if (days < 0)
		refusal_add(out, _("monitored since %s, less than %d months: "
		            "elimination possible from %s"), start, months, earliest);
}

/* Stably above the line: the assessment before the latest also above its year's line,
 * made at least stable_months earlier. */
static void check_income_stable(const struct household_facts *h, struct refusal *out)
{
	if (h->income_assessments < 2)
		refusal_add(out, _("income not yet stably above the line: one "
		            "assessment; a second at least %d months later must also be above"),
		            h->stable_months);
	else if (!(h->prev_monitoring_line > 0 && h->prev_income_per_capita > h->prev_monitoring_line))
		refusal_add(out, _("income not stably above the line: the previous "
		            "assessment, %.2f, was not above its line %.2f"), h->prev_income_per_capita,
		            h->prev_monitoring_line);
	else if (h->income_months_apart < h->stable_months)
		refusal_add(out, _("income not yet stably above the line: the two "
		            "latest assessments are %ld months apart, %d needed"), h->income_months_apart,
		            h->stable_months);
}

static void check_income(const struct household_facts *h, struct refusal *out)
{
	if (h->monitoring_line <= 0)
		refusal_add(out, _("no monitoring line set for the year"));
	if (!h->has_income)
		refusal_add(out, _("no income assessed for the year"));
	else if (h->monitoring_line > 0 && !(h->income_per_capita > h->monitoring_line))
		refusal_add(out, _("per-capita income %.2f is not above the monitoring line %.2f"), h->income_per_capita, h->monitoring_line);
	else if (h->income_assessments > 0 && h->stable_months > 0)
		check_income_stable(h, out);
}

static void check_guarantees(const struct household_facts *h, struct refusal *out)
{
	const struct { int ok; const char *what; } items[] = {
		{h->housing_ok, N_("housing is not safe")},
		{h->school_ok, N_("a child is out of compulsory education")},
		{h->medical_ok, N_("a member lacks basic medical insurance")},
		{h->water_ok, N_("drinking water is not safe")},
		{h->costs_ok, N_("large rigid expenses are not resolved")},
	};
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
		if (!items[i].ok)
			refusal_add(out, "%s", _(items[i].what));
}

int rules_elimination_check(const struct household_facts *h, const char *monitoring_start,
                            const char *as_of, struct refusal *out)
{
	int before = out->count + out->dropped;
	if (!h) {
		refusal_add(out, _("household facts not given: elimination cannot be "
		            "checked"));
		return -1;
	}
	if (!date_valid(as_of)) {
		refusal_add(out, _("date \"%s\" is not a valid YYYY-MM-DD date"),
		            as_of ? as_of : "");
		return -1;
	}
	check_monitored_long_enough(monitoring_start, as_of,
	                            h->elim_min_months > 0 ? h->elim_min_months : RULES_ELIM_MIN_MONTHS,
	                            out);
	if (rules_measures_in_place(h, as_of, 0) < 1)
		refusal_add(out, _("no assistance measure in place: at least 1 needed"));
	check_income(h, out);
	check_guarantees(h, out);
	if (h->able_to_work < 1)
		refusal_add(out, _("no member able to work: such a household is not "
		            "eliminated"));
	return out->count + out->dropped > before ? -1 : 0;
}

int rules_household_flags(const struct household_facts *h, const char *as_of,
                          struct refusal *out)
{
	int before = out->count + out->dropped, social = 0;
	for (int i = 0; i < h->measure_count; i++)
		if (strcmp(h->measures[i].group, "social_security") == 0 && h->measures[i].start[0] &&
		    strcmp(h->measures[i].start, as_of) <= 0)
			social = 1;
	if (h->able_to_work < 1 && !social)
		refusal_add(out, "%s", _("no member able to work and no social security measure in place"));
	if (h->lifted && !h->has_cadre)
		refusal_add(out, "%s", _("former poor household without a responsible cadre"));
	if (h->workplace_missing)
		refusal_add(out, ngettext("%d member with months worked but no work place",
		                          "%d members with months worked but no work place",
		                          (unsigned long)h->workplace_missing), h->workplace_missing);
	return out->count + out->dropped - before;
}

static const struct { const char *code, *title; } flags[RULES_FLAG_COUNT] = {
	[RULES_FLAG_NO_SOCIAL] = {"no_social_security", "无劳动能力户未落实综合保障"},
	[RULES_FLAG_NO_CADRE] = {"no_cadre", "脱贫户未落实帮扶责任人"},
	[RULES_FLAG_WORKPLACE] = {"no_work_place", "务工地点未填"},
};

static int flag_ok(enum rules_flag f) { return f >= 0 && f < RULES_FLAG_COUNT; }
const char *rules_flag_code(enum rules_flag f) { return flag_ok(f) ? flags[f].code : "?"; }
const char *rules_flag_title(enum rules_flag f) { return flag_ok(f) ? flags[f].title : "?"; }

void rules_flag_counted(enum rules_flag f, long n, char *out, size_t len)
{
	unsigned long k = (unsigned long)n;
	switch (f) {
	case RULES_FLAG_NO_SOCIAL:
		snprintf(out, len, ngettext("%ld household with no member able to work and no social "
		                            "security measure in place",
		                            "%ld households with no member able to work and no social "
		                            "security measure in place", k), n);
		break;
	case RULES_FLAG_NO_CADRE:
		snprintf(out, len, ngettext("%ld former poor household without a responsible cadre",
		                            "%ld former poor households without a responsible cadre", k), n);
		break;
	case RULES_FLAG_WORKPLACE:
		snprintf(out, len, ngettext("%ld household with members who have months worked but no "
		                            "work place",
		                            "%ld households with members who have months worked but no "
		                            "work place", k), n);
		break;
	default:
		snprintf(out, len, "?");
	}
}

/* --- due dates ------------------------------------------------------------------ */

/* Fill out for something due `delay` days after `base`, seen from as_of. */
static int due_after(const char *base, int delay, const char *as_of, struct rules_due *out)
{
	long overdue;
	if (date_add_days(base, delay, out->due) != 0 ||
	    date_diff(out->due, as_of, &overdue) != 0)
		return -1;
	out->applies = 1;
	out->days_overdue = overdue;
	out->overdue = overdue > 0;
	return 0;
}

static void due_none(struct rules_due *out)
{
	memset(out, 0, sizeof *out);
}

int rules_visit_due(const char *last_visit, const char *monitoring_start,
                    int interval_days, const char *as_of, struct rules_due *out)
{
	due_none(out);
	if (interval_days <= 0 || !date_valid(as_of))
		return -1;
	const char *base = !date_empty(last_visit) ? last_visit : monitoring_start;
	if (date_empty(base))
		return 0;
	return due_after(base, interval_days, as_of, out);
}

int rules_dev_measure_due(const struct household_facts *h, const char *identified,
                          int days, const char *as_of, struct rules_due *out)
{
	due_none(out);
	if (days <= 0 || !date_valid(as_of))
		return -1;
	if (date_empty(identified) || h->able_to_work < 1 ||
	    rules_measures_in_place(h, as_of, 1) > 0)
		return 0;
	return due_after(identified, days, as_of, out);
}
