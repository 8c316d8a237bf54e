/* rules.h — the monitoring rules of 防止返贫动态监测 that do not depend on a case's
 * procedure step: when a household may have its risk eliminated (风险消除), when a
 * household with labour lacks a development measure, when the next visit is due.
 *
 * Every number that is local or changes by year (the monitoring line, the visit interval,
 * the development-measure delay, task warning windows) is an input: the caller reads it
 * from settings. The RULES_SAMPLE_* values only seed a new deployment's settings. The
 * national procedure's own numbers (6 months of monitoring before elimination) are named
 * constants here.
 *
 * Refusals list every reason, each in English with the Chinese term, e.g.
 * "per-capita income 5200.00 is not above the monitoring line 8000.00 (人均纯收入未超过监测线)". */
#ifndef CORE_RULES_H
#define CORE_RULES_H
#include "core/date.h"
#include <stddef.h>

/* --- refusals: the reasons an action may not be taken ---------------------------- */
#define REFUSAL_MAX 24       /* more reasons than this are counted in `dropped` */
#define REFUSAL_TEXT 512     /* bytes per reason (UTF-8; a longer one is cut) */

struct refusal {
	int count;                              /* reasons[0..count) are filled */
	int dropped;                            /* reasons that did not fit */
	char reasons[REFUSAL_MAX][REFUSAL_TEXT];
};

void refusal_clear(struct refusal *r);
/* Append one reason (printf format). */
void refusal_add(struct refusal *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The reasons joined by sep into out (always NUL-terminated, cut if out is short).
 * Returns the length written. */
int refusal_join(const struct refusal *r, const char *sep, char *out, int outlen);
/* 1 if some reason contains `needle` (tests and callers matching a kind of refusal). */
int refusal_has(const struct refusal *r, const char *needle);

/* --- settings ------------------------------------------------------------------- */
/* SAMPLE values, not confirmed Guangdong figures: they seed a new deployment's settings,
 * which an administrator edits. Nothing but the settings seeding may use them. */
#define RULES_SAMPLE_MONITORING_LINE 8000.0 /* SAMPLE yuan/person/year, NOT the official line */
#define RULES_SAMPLE_VISIT_INTERVAL  30     /* SAMPLE days between visits (per county) */
#define RULES_SAMPLE_DEV_MEASURE_DAYS 30    /* SAMPLE: development measure due after (days) */
#define RULES_SAMPLE_LEAD_WARN_DAYS  12     /* SAMPLE: task when a lead is this many days old */
#define RULES_SAMPLE_DUE_SOON_DAYS   7      /* SAMPLE: task when a visit/measure is due within */

/* National procedure: a household is monitored at least this long before elimination. */
#define RULES_ELIM_MIN_MONTHS 6
/* National default: income stably above the line means two assessments this many months
 * apart, both above (setting income_stable_months). */
#define RULES_INCOME_STABLE_MONTHS 6

/* The settings the rules read, resolved by the caller for one case (its county's visit
 * interval; the monitoring line travels with the income in struct household_facts). */
struct rules_settings {
	int visit_interval_days;   /* 走访周期, per county */
	int dev_measure_days;      /* a household with labour gets a development measure within */
	int lead_warn_days;        /* a lead this old (days) becomes a task before its 15-day limit */
	int due_soon_days;         /* visits/measures due within this many days become tasks */
};
/* Fill s with the RULES_SAMPLE_* values (for seeding settings and for tests). */
void rules_settings_sample(struct rules_settings *s);
/* Check settings are usable (all positive); 0, or -1 with a message. */
int rules_settings_check(const struct rules_settings *s, char *err, size_t errlen);

/* --- household facts ------------------------------------------------------------ */
struct measure_fact {
	char group[24];            /* codes_measure_group code: industry, employment, ... */
	char start[DATE_LEN];      /* the day it was put in place ("" = not yet) */
	char end[DATE_LEN];        /* "" = ongoing */
};

struct household_facts {
	int has_income;            /* an income assessment exists for the year */
	double income_per_capita;  /* yuan per person per year: (income - business costs) / size */
	double monitoring_line;    /* that year's line from settings, yuan per person per year */
	char line_year[8];         /* the year of that line: the latest assessment's, else the day's */
	/* "stably above the line" (core/income.h): with assessments recorded, the two latest
	 * must both be above their years' lines and assessed at least stable_months apart.
	 * income_assessments = 0: only the register's single figure (imported data) is
	 * known, judged as one assessment without the stability test. */
	int income_assessments;    /* assessments made on or before the day checked */
	double prev_income_per_capita, prev_monitoring_line;   /* the one before the latest */
	long income_months_apart;  /* whole months between the two latest assessment days */
	int stable_months;         /* setting income_stable_months (national default 6) */
	int elim_min_months;       /* setting elim_min_months; 0 = RULES_ELIM_MIN_MONTHS */
	int lifted;                /* a former poor household (脱贫户) */
	int has_cadre;             /* a 帮扶责任人 is recorded */
	int workplace_missing;     /* members with months worked > 0 and no work place */
	int housing_ok;            /* 住房安全有保障 */
	int school_ok;             /* 义务教育有保障: no child out of compulsory school */
	int medical_ok;            /* 基本医疗有保障: every member has basic medical insurance */
	int water_ok;              /* 饮水安全有保障 */
	int costs_ok;              /* large rigid expenses (大额刚性支出) resolved */
	int able_to_work;          /* members able to work (see rules_labour_able) */
	char dev_groups[160];      /* setting dev_measure_groups: the measure group codes that
	                            * count as development, comma-separated; "" = national */
	const struct measure_fact *measures;  /* owned by the caller */
	int measure_count;
	char last_visit[DATE_LEN]; /* date of the latest visit, "" if none */
};

/* 1 when a labour code (codes_labour) counts as able to work: ordinary, skilled, weak
 * (弱劳动力或半劳动力). lost and none do not. */
int rules_labour_able(const char *labour_code);
/* Those codes, for a reader that selects by them (store/today_flags.c). */
#define RULES_LABOUR_ABLE_COUNT 3
extern const char *const rules_labour_able_codes[RULES_LABOUR_ABLE_COUNT];
/* The national development groups (产业/就业/金融/公益岗位), comma-separated codes: the
 * default of setting dev_measure_groups. */
#define RULES_DEV_GROUPS_NATIONAL "industry,employment,finance,public_job"
/* 1 for the development groups (产业/就业/金融/公益岗位). */
int rules_measure_is_development(const char *group_code);
/* 1 if group_code is one of `groups` (comma-separated codes; NULL or "" = the national
 * ones). */
int rules_measure_is_development_in(const char *groups, const char *group_code);
/* Number of measures started on or before as_of (ended ones count: they were delivered);
 * development_only restricts to h->dev_groups. -1 if as_of is invalid. */
int rules_measures_in_place(const struct household_facts *h, const char *as_of,
                            int development_only);

/* Risk elimination (风险消除) as of date `as_of`, for a case monitored since
 * `monitoring_start` (the county approval date). Conditions: monitored at least
 * RULES_ELIM_MIN_MONTHS months; at least one measure in place; per-capita income above
 * the monitoring line; housing, compulsory education, basic medical insurance and
 * drinking water secured; large expenses resolved; at least one member able to work.
 * Returns 0 if all hold, else -1 with every unmet condition appended to out. */
int rules_elimination_check(const struct household_facts *h, const char *monitoring_start,
                            const char *as_of, struct refusal *out);

/* Flags on the record, not refusals (DOMAIN.md): a household with no member able to
 * work and no 综合保障 measure in place by as_of; a former poor household without a
 * 帮扶责任人; members with months worked but no work place. Each flag is appended to out
 * as a whole sentence in the user's language. Returns how many. */
int rules_household_flags(const struct household_facts *h, const char *as_of,
                          struct refusal *out);
/* The flags, in the order of store.h's TODAY_FLAG_*. */
enum rules_flag { RULES_FLAG_NO_SOCIAL, RULES_FLAG_NO_CADRE, RULES_FLAG_WORKPLACE, RULES_FLAG_COUNT };
/* A flag's stable name for scripts: no_social_security, no_cadre, no_work_place. */
const char *rules_flag_code(enum rules_flag f);
/* Its title, the national system's Chinese term (无劳动能力户未落实综合保障, ...): data that
 * exports write whatever the language, never translated. */
const char *rules_flag_title(enum rules_flag f);
/* What a person reads of flag f found on n households (`today`), one sentence in the
 * user's language ("3 former poor households without a responsible cadre"). */
void rules_flag_counted(enum rules_flag f, long n, char *out, size_t len);

/* A date something is due by, seen from as_of. */
struct rules_due {
	int applies;               /* 0: nothing is due (the other fields are empty/0) */
	char due[DATE_LEN];
	long days_overdue;         /* as_of - due: > 0 overdue, 0 due today, < 0 days left */
	int overdue;               /* days_overdue > 0 */
};

/* Next visit: last_visit + interval_days, or monitoring_start + interval_days when the
 * household was never visited (applies = 0 if both are empty). Returns 0, or -1 on an
 * invalid date or interval. */
int rules_visit_due(const char *last_visit, const char *monitoring_start,
                    int interval_days, const char *as_of, struct rules_due *out);

/* Development measure (发展类帮扶措施): a household with a member able to work and no
 * development measure in place by as_of is due one `days` after identification (the
 * county approval date); overdue = flagged, from day days+1. applies = 0 when the
 * household has no labour, already has one, or was not identified. Returns 0, or -1 on
 * an invalid date or delay. */
int rules_dev_measure_due(const struct household_facts *h, const char *identified,
                          int days, const char *as_of, struct rules_due *out);

#endif
