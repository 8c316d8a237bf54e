/* pairing.h — pairing assistance (结对帮扶) as records: assistance units (帮扶单位),
 * town teams (驻镇工作队), county pairs (对口帮扶协作: a helper city, district or unit →
 * a helped county) and cadre pairs (帮扶责任人 → a household). Their field tables (the
 * canonical audit text, see flatrec.h), the checks on what a user enters, and who may add
 * them. Pure: the store looks names up and passes codes in.
 *
 * Who may add: an administrator, or a county approver (role county) whose scope holds
 * the record's region — a team's town, a county pair's helped county, a cadre pair's
 * household's village; a unit's home region. Everyone reads (see docs/pairing.md). */
#ifndef CORE_PAIRING_H
#define CORE_PAIRING_H
#include "core/access.h"
#include "core/date.h"
#include "core/flatrec.h"
#include <stddef.h>

#define PAIRING_ID_LEN 16

struct unit {
	char id[PAIRING_ID_LEN];     /* U0000001 */
	char name[256];
	char kind[24];               /* codes_unit_kind (extendable: unit_kind.CODE) */
	char level[16];              /* codes_unit_level: province 省直, city 市直, county 县直 ("" = not given) */
	char region[16];             /* its home region: 44, a city, county, town or village */
	char end[DATE_LEN];          /* the day it stopped helping ("" = still helping) */
	long version;
};

struct team {
	char id[PAIRING_ID_LEN];     /* TM0000001 */
	char town[64];               /* 9-digit town code: the team's region (as typed: or a name) */
	char town_name[128];         /* shown */
	char lead_unit[256];          /* a unit id (as typed: an id or a name) */
	char lead_unit_name[256];    /* shown */
	char member_units[512];      /* unit ids joined by ',' (the lead not among them) */
	char member_unit_names[1024];/* shown, joined by '、' */
	char leader[128];            /* 队长 */
	char round[32];              /* 轮次, e.g. 2023 */
	char start[DATE_LEN];
	char end[DATE_LEN];          /* "" = still serving */
	long version;
};

struct pair {
	char id[PAIRING_ID_LEN];     /* P0000001 */
	char kind[16];               /* codes_pair_kind: county, cadre */
	char helper[128];            /* county: a city/county code or a unit id; cadre: the cadre's name */
	char helper_name[256];       /* shown: the place's or unit's name (county pairs) */
	char helped[64];             /* county: a county-level code (in Guangdong, or outside it:
	                              * 东西部协作), or a town; cadre: a household id */
	char helped_name[128];       /* the place's name: looked up for a Guangdong code, kept as
	                              * given (--name) for a county outside Guangdong */
	char programme[24];          /* codes_pair_programme (county pairs; extendable: programme.CODE) */
	char round[32];
	char start[DATE_LEN];        /* county pairs may give years: 2023 */
	char end[DATE_LEN];
	char unit[256];              /* cadre pairs: the cadre's unit (id; as typed: id or name) */
	char unit_name[256];         /* shown */
	char phone[24];              /* cadre pairs: the cadre's phone */
	char region[16];             /* helped county, or the household's village */
	long version;
};

/* A person of a town team (驻镇工作队员): from a home unit, 队长 or 队员, with a phone
 * (masked wherever it is listed), start and end, and the bangfu login she uses if any. */
struct team_person {
	char id[PAIRING_ID_LEN];     /* TP0000001 */
	char team[PAIRING_ID_LEN];   /* TM0000001 */
	char name[128];
	char unit[256];              /* home unit id (as typed: an id or a name) */
	char unit_name[256];         /* shown */
	char role[16];               /* codes_team_role: leader 队长, member 队员 */
	char phone[24];
	char start[DATE_LEN];
	char end[DATE_LEN];          /* "" = still serving */
	char login[64];              /* a bangfu user, or "" */
	char region[16];             /* the team's town */
	long version;
};
extern const struct code_table codes_team_role;
extern const struct flatrec_field pairing_person_fields[];
extern const int pairing_person_field_count;
/* A person's own fields: name, unit and role given, phone a mobile or landline, period. */
int pairing_person_check(const struct team_person *p, char *err, size_t errlen);

extern const struct flatrec_field pairing_unit_fields[];
extern const int pairing_unit_field_count;
extern const struct flatrec_field pairing_team_fields[];
extern const int pairing_team_field_count;
extern const struct flatrec_field pairing_pair_fields[];
extern const int pairing_pair_field_count;

/* May u add a pairing record whose region is `region`? `what` names the record ("a town
 * team"). 0, or -1 with the refusal in err. */
int pairing_may_add(const struct user *u, const char *region, const char *what,
                    char *err, size_t errlen);

/* A period: start required, end optional and not before start. Each is YYYY-MM-DD, or
 * also a bare year YYYY when years_ok (county pairs run over years: 2023 to 2025; a
 * start year counts from 1 January, an end year to 31 December). 0 or -1 with err. */
int pairing_period_check(const char *start, const char *end, int years_ok,
                         char *err, size_t errlen);

/* The checks on a new record's own fields (codes, lengths, dates, team members unique
 * and not the lead); references (units, towns, households) are resolved by the store
 * first. 0, or -1 with the first problem in err. */
int pairing_unit_check(const struct code_lists *l, const struct unit *u, char *err, size_t errlen);
int pairing_team_check(const struct team *t, char *err, size_t errlen);
int pairing_pair_check(const struct code_lists *l, const struct pair *p, char *err, size_t errlen);

/* Is code a county-level code outside Guangdong (6 digits, a province other than 44,
 * not a province or city code's 0000 tail)? Such a county is named by the pair itself. */
int pairing_outside_county(const char *code);

#endif
