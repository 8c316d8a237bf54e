/* pairing.c — units, town teams and pairs: field tables, checks and who may add them
 * (see pairing.h). */
#include "core/pairing.h"
#include "core/i18n.h"
#include "core/model.h"
#include "core/regions.h"
#include "core/text.h"
#include <stdio.h>
#include <string.h>

const struct flatrec_field pairing_unit_fields[] = {
	FLATREC(struct unit, "unit", id, NULL, FR_REQUIRED),
	FLATREC(struct unit, "name", name, NULL, FR_REQUIRED),
	FLATREC(struct unit, "kind", kind, &codes_unit_kind, FR_REQUIRED),
	FLATREC(struct unit, "level", level, &codes_unit_level, 0),
	FLATREC(struct unit, "region", region, NULL, FR_REQUIRED),
	FLATREC(struct unit, "end", end, NULL, 0),
};
const int pairing_unit_field_count = (int)(sizeof pairing_unit_fields / sizeof pairing_unit_fields[0]);

const struct flatrec_field pairing_team_fields[] = {
	FLATREC(struct team, "team", id, NULL, FR_REQUIRED),
	FLATREC(struct team, "town", town, NULL, FR_REQUIRED),
	FLATREC(struct team, "town_name", town_name, NULL, FR_SHOWN),
	FLATREC(struct team, "lead_unit", lead_unit, NULL, FR_REQUIRED),
	FLATREC(struct team, "lead_unit_name", lead_unit_name, NULL, FR_SHOWN),
	FLATREC(struct team, "member_units", member_units, NULL, 0),
	FLATREC(struct team, "member_unit_names", member_unit_names, NULL, FR_SHOWN),
	FLATREC(struct team, "leader", leader, NULL, 0),
	FLATREC(struct team, "round", round, NULL, 0),
	FLATREC(struct team, "start", start, NULL, FR_REQUIRED),
	FLATREC(struct team, "end", end, NULL, 0),
};
const int pairing_team_field_count = (int)(sizeof pairing_team_fields / sizeof pairing_team_fields[0]);

const struct flatrec_field pairing_pair_fields[] = {
	FLATREC(struct pair, "pair", id, NULL, FR_REQUIRED),
	FLATREC(struct pair, "kind", kind, &codes_pair_kind, FR_REQUIRED),
	FLATREC(struct pair, "helper", helper, NULL, FR_REQUIRED),
	FLATREC(struct pair, "helper_name", helper_name, NULL, FR_SHOWN),
	FLATREC(struct pair, "helped", helped, NULL, FR_REQUIRED),
	FLATREC(struct pair, "helped_name", helped_name, NULL, 0),
	FLATREC(struct pair, "programme", programme, &codes_pair_programme, 0),
	FLATREC(struct pair, "round", round, NULL, 0),
	FLATREC(struct pair, "start", start, NULL, FR_REQUIRED),
	FLATREC(struct pair, "end", end, NULL, 0),
	FLATREC(struct pair, "unit", unit, NULL, 0),
	FLATREC(struct pair, "unit_name", unit_name, NULL, FR_SHOWN),
	FLATREC(struct pair, "phone", phone, NULL, 0),
	FLATREC(struct pair, "region", region, NULL, FR_REQUIRED),
};
const int pairing_pair_field_count = (int)(sizeof pairing_pair_fields / sizeof pairing_pair_fields[0]);

static const struct code team_roles[] = {{"leader", N_("队长")}, {"member", N_("队员")}};
const struct code_table codes_team_role = {N_("工作队职务"), team_roles, 2};

const struct flatrec_field pairing_person_fields[] = {
	FLATREC(struct team_person, "person", id, NULL, FR_REQUIRED),
	FLATREC(struct team_person, "team", team, NULL, FR_REQUIRED),
	FLATREC(struct team_person, "name", name, NULL, FR_REQUIRED),
	FLATREC(struct team_person, "unit", unit, NULL, FR_REQUIRED),
	FLATREC(struct team_person, "unit_name", unit_name, NULL, FR_SHOWN),
	FLATREC(struct team_person, "role", role, &codes_team_role, FR_REQUIRED),
	FLATREC(struct team_person, "phone", phone, NULL, 0),
	FLATREC(struct team_person, "start", start, NULL, FR_REQUIRED),
	FLATREC(struct team_person, "end", end, NULL, 0),
	FLATREC(struct team_person, "login", login, NULL, 0),
	FLATREC(struct team_person, "region", region, NULL, FR_REQUIRED),
};
const int pairing_person_field_count =
	(int)(sizeof pairing_person_fields / sizeof pairing_person_fields[0]);

/* A phone as the national form takes a cadre's: a mobile or a landline. */
static int phone_check(const char *phone, char *err, size_t errlen)
{
	char why[160], norm[32];
	if (phone[0] && model_value_normalise(NULL, HF_CADRE_PHONE, phone, NULL, norm, (int)sizeof norm,
	                                      why, (int)sizeof why))
		return text_errorf(err, errlen, "phone: %s", why);
	return 0;
}

int pairing_person_check(const struct team_person *p, char *err, size_t errlen)
{
	if (flatrec_check_text("name", p->name, sizeof p->name, TEXT_MAX_NAME, 1, err, errlen))
		return -1;
	if (!p->team[0] || !p->unit[0])
		return text_errorf(err, errlen, "a team and the person's home unit are required");
	if (!codes_label(&codes_team_role, p->role))
		return text_errorf(err, errlen, "role \"%s\": give 队长 (leader) or 队员 (member)", p->role);
	if (phone_check(p->phone, err, errlen) ||
	    flatrec_check_text("login", p->login, sizeof p->login, TEXT_MAX_NAME, 0, err, errlen))
		return -1;
	return pairing_period_check(p->start, p->end, 0, err, errlen);
}

int pairing_may_add(const struct user *u, const char *region, const char *what,
                    char *err, size_t errlen)
{
	if (u->role != ROLE_ADMIN && u->role != ROLE_COUNTY)
		return text_errorf(err, errlen, "only an administrator or a county approver may add "
		                   "%s (you are %s %s)", what, access_role_code(u->role),
		                   access_role_label(u->role));
	if (!access_in_scope(u, region))
		return text_errorf(err, errlen, "%s in region %s is outside your scope %s", what,
		                   region, u->scope);
	return 0;
}

/* A day number for a period bound: a date, or (years_ok) a year as its first or last day. */
static int bound_days(const char *s, int years_ok, int is_end, long *out)
{
	char full[DATE_LEN];
	if (years_ok && strlen(s) == 4 && strspn(s, "0123456789") == 4) {
		snprintf(full, sizeof full, "%s-%s", s, is_end ? "12-31" : "01-01");
		return date_days(full, out);
	}
	return date_days(s, out);
}

int pairing_period_check(const char *start, const char *end, int years_ok,
                         char *err, size_t errlen)
{
	const char *form = years_ok ? "YYYY-MM-DD or a year YYYY" : "YYYY-MM-DD";
	long from, to;
	if (!start || !start[0])
		return text_errorf(err, errlen, "a start date is required (%s)", form);
	if (bound_days(start, years_ok, 0, &from) != 0)
		return text_errorf(err, errlen, "start \"%s\" is not a date (%s)", start, form);
	if (!end || !end[0])
		return 0;
	if (bound_days(end, years_ok, 1, &to) != 0)
		return text_errorf(err, errlen, "end \"%s\" is not a date (%s)", end, form);
	if (to < from)
		return text_errorf(err, errlen, "end %s is before start %s", end, start);
	return 0;
}

static int all_digits(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789") == n;
}

int pairing_unit_check(const struct code_lists *l, const struct unit *u, char *err, size_t errlen)
{
	char why[160], choices[256];
	if (flatrec_check_text(_("unit name"), u->name, sizeof u->name, TEXT_MAX_NAME, 1, err, errlen))
		return -1;
	if (strpbrk(u->name, ",") || strstr(u->name, "，") || strstr(u->name, "、"))
		return text_errorf(err, errlen, "unit name \"%s\": no , ， or 、 (they separate the "
		                   "units of a team)", u->name);
	if (!code_lists_label(l, &codes_unit_kind, u->kind)) {
		codes_choices(code_lists_table(l, &codes_unit_kind), choices, sizeof choices);
		return text_errorf(err, errlen, "unit kind \"%s\": give one of %s (or add one: "
		                   "setting unit_kind.CODE)", u->kind, choices);
	}
	if (u->level[0] && !codes_label(&codes_unit_level, u->level))
		return text_errorf(err, errlen, "unit level \"%s\": give province 省直, city 市直 or "
		                   "county 县直", u->level);
	if (access_scope_check(u->region, why, sizeof why))
		return text_errorf(err, errlen, "unit region: %s", why);
	if (u->end[0] && !date_valid(u->end))
		return text_errorf(err, errlen, "end \"%s\" is not a date (YYYY-MM-DD)", u->end);
	return 0;
}

/* Is unit id `id` among the ids joined by ',' in list? */
static int list_has(const char *list, const char *id)
{
	size_t n = strlen(id);
	for (const char *p = list; p && *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && strncmp(p, id, n) == 0)
			return 1;
		p = comma ? comma + 1 : p + len;
	}
	return 0;
}

static int check_members(const struct team *t, char *err, size_t errlen)
{
	char seen[sizeof t->member_units] = "";
	for (const char *p = t->member_units; *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char id[PAIRING_ID_LEN];
		if (len == 0 || len >= sizeof id)
			return text_errorf(err, errlen, "member units: \"%s\" is not a list of unit ids",
			                   t->member_units);
		memcpy(id, p, len);
		id[len] = '\0';
		if (strcmp(id, t->lead_unit) == 0)
			return text_errorf(err, errlen, "member units: %s is already the lead unit", id);
		if (list_has(seen, id))
			return text_errorf(err, errlen, "member units: %s is listed twice", id);
		snprintf(seen + strlen(seen), sizeof seen - strlen(seen), "%s%s", seen[0] ? "," : "", id);
		p = comma ? comma + 1 : p + len;
	}
	return 0;
}

int pairing_team_check(const struct team *t, char *err, size_t errlen)
{
	if (!all_digits(t->town, 9))
		return text_errorf(err, errlen, "town \"%s\": a team serves one town (9-digit code)",
		                   t->town);
	if (!t->lead_unit[0])
		return text_errorf(err, errlen, "a lead unit is required (--lead UNIT)");
	if (check_members(t, err, errlen) ||
	    flatrec_check_text("leader", t->leader, sizeof t->leader, TEXT_MAX_NAME, 1, err, errlen) ||
	    flatrec_check_text("round", t->round, sizeof t->round, TEXT_MAX_LINE, 0, err, errlen))
		return -1;
	return pairing_period_check(t->start, t->end, 0, err, errlen);
}

int pairing_outside_county(const char *code)
{
	return all_digits(code, 6) && strncmp(code, "44", 2) != 0 && strncmp(code, "11", 2) >= 0 &&
	       strncmp(code, "82", 2) <= 0 && strcmp(code + 2, "0000") != 0;
}

static int check_county_pair(const struct code_lists *l, const struct pair *p, char *err,
                             size_t errlen)
{
	char choices[256];
	int outside = pairing_outside_county(p->helped);
	if (!regions_is_county_level(p->helped) && !all_digits(p->helped, 9) && !outside)
		return text_errorf(err, errlen, "helped \"%s\" is not a county-level code (or a "
		                   "town, or a county outside Guangdong by its code)", p->helped);
	if (outside && flatrec_check_text(_("name of the county outside Guangdong (--name)"),
	                                  p->helped_name, sizeof p->helped_name, TEXT_MAX_NAME, 1,
	                                  err, errlen))
		return -1;
	if (strcmp(p->helper, p->helped) == 0)
		return text_errorf(err, errlen, "a county cannot pair with itself");
	if (!code_lists_label(l, &codes_pair_programme, p->programme)) {
		codes_choices(code_lists_table(l, &codes_pair_programme), choices, sizeof choices);
		return text_errorf(err, errlen, "programme \"%s\": give one of %s (or add one: "
		                   "setting programme.CODE)", p->programme, choices);
	}
	if (flatrec_check_text("round", p->round, sizeof p->round, TEXT_MAX_LINE, 0, err, errlen))
		return -1;
	return pairing_period_check(p->start, p->end, 1, err, errlen);
}

static int check_cadre_pair(const struct pair *p, char *err, size_t errlen)
{
	if (flatrec_check_text(_("cadre name"), p->helper, sizeof p->helper, TEXT_MAX_NAME, 1, err, errlen))
		return -1;
	if (!p->helped[0])
		return text_errorf(err, errlen, "a household is required");
	if (!p->unit[0])
		return text_errorf(err, errlen, "the cadre's unit is required (--unit UNIT)");
	if (phone_check(p->phone, err, errlen))
		return -1;
	return pairing_period_check(p->start, p->end, 0, err, errlen);
}

int pairing_pair_check(const struct code_lists *l, const struct pair *p, char *err, size_t errlen)
{
	if (strcmp(p->kind, "county") == 0)
		return check_county_pair(l, p, err, errlen);
	if (strcmp(p->kind, "cadre") == 0)
		return check_cadre_pair(p, err, errlen);
	return text_errorf(err, errlen, "pair kind \"%s\": give county (对口帮扶) or cadre "
	                   "(帮扶责任人)", p->kind);
}
