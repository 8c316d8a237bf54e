/* project.h — a project (项目) of the 百千万工程: title, level and place (a county, town or
 * village code), kind and working group (专班; both lists an administrator extends),
 * responsible unit and person, the pair or programme that funds it, status, linked
 * tasks, its milestones (立项, 开工, 完工, 验收 or custom: planned and actual dates) and its
 * money per year (planned, allocated, spent: exact yuan, kept as fen, never floating
 * point). The canonical audit text (flatrec.h field tables, one `[milestone N]` and one
 * `[money N]` section each), money parsing and printing, and the milestone rules. Pure:
 * the store resolves places, units, pairs and tasks and passes codes in. */
#ifndef CORE_PROJECT_H
#define CORE_PROJECT_H
#include "core/date.h"
#include "core/flatrec.h"

#define PROJECT_ID_LEN 16
#define PROJECT_MAX_MILESTONES 16
#define PROJECT_MAX_YEARS 16
#define PROJECT_MONEY_LEN 24         /* "123456789012.34" */
#define PROJECT_FEN_MAX 100000000000000LL   /* 1e12 yuan: more is a typing error */

/* The four milestones every project may record; others are custom names. */
extern const char *const project_milestone_names[4];   /* 立项 开工 完工 验收 */

struct project_milestone {
	char name[64];
	char planned[DATE_LEN];
	char actual[DATE_LEN];           /* "" = not reached yet */
};

struct project_money {
	char year[8];                    /* "2025" */
	char planned[PROJECT_MONEY_LEN]; /* canonical yuan, "1200000.00"; "" = not given */
	char allocated[PROJECT_MONEY_LEN];
	char spent[PROJECT_MONEY_LEN];
};

struct project {
	char id[PROJECT_ID_LEN];         /* PJ0000001 */
	char title[256];
	char level[16];                  /* codes_project_level: from the place's code length */
	char place[128];                 /* county (6), town (9) or village (12 digits): the scope;
	                                  * as given (a code or a place name) until resolved */
	char place_name[128];            /* shown */
	char kind[64];                   /* codes_project_kind, extended by project_kind.CODE
	                                  * (as typed: a code or label) */
	char kind_name[64];              /* shown */
	char group[64];                  /* codes_project_group, extended by project_group.CODE */
	char group_name[64];             /* shown: "县域经济/发展改革委" */
	char unit[PROJECT_ID_LEN];       /* responsible unit id, "" = none */
	char unit_name[256];             /* shown */
	char person[128];                /* 责任人 */
	char pair[PROJECT_ID_LEN];       /* funding pair id, "" = none */
	char programme[64];              /* funding programme by name, "" = none */
	char status[16];                 /* codes_project_status */
	char tasks[256];                 /* linked task ids joined by ',' */
	char created[DATE_LEN];
	struct project_milestone ms[PROJECT_MAX_MILESTONES];
	int nms;
	struct project_money money[PROJECT_MAX_YEARS];
	int nmoney;
};

extern const struct flatrec_field project_fields[];
extern const int project_field_count;
extern const struct flatrec_field project_milestone_fields[];
extern const int project_milestone_field_count;
extern const struct flatrec_field project_money_fields[];
extern const int project_money_field_count;

/* The field of a project a refusal is about, so that a sheet can name its column without
 * reading the message (store/project_import.c): the checks below fill in a
 * struct project_fault when given one (NULL: not wanted). */
enum project_field {
	PJF_NONE, PJF_ID, PJF_TITLE, PJF_PLACE, PJF_KIND, PJF_GROUP, PJF_UNIT, PJF_PERSON,
	PJF_PAIR, PJF_PROGRAMME, PJF_STATUS, PJF_TASKS, PJF_YEAR, PJF_PLANNED, PJF_ALLOCATED,
	PJF_SPENT, PJF_MS_NAME, PJF_MS_PLANNED, PJF_MS_ACTUAL,
};
struct project_fault {
	enum project_field field;
	char milestone[64];              /* for PJF_MS_*: the milestone's name */
};
/* Record field (and, for a milestone's field, its name) in at unless at is NULL, and
 * return rc: `return project_fault(at, PJF_KIND, NULL, text_errorf(err, ...));`. */
int project_fault(struct project_fault *at, enum project_field field, const char *milestone, int rc);

/* Money a user types, in yuan: "1200000", "1,200,000.50", "120万" or "1.5万元" (万 = 10,000
 * yuan), at most two decimal places of yuan (six of 万), not negative. 0 and *fen, or -1
 * with the reason in err naming `what` (words in the user's language: "2026 年计划投资"). */
int project_money_parse(const char *what, const char *text, long long *fen, char *err, size_t errlen);
/* fen as canonical yuan: "1200000.00". */
void project_money_format(long long fen, char out[PROJECT_MONEY_LEN]);
/* A canonical (or typed) amount back to fen; "" is 0. -1 if it does not parse. */
int project_money_fen(const char *text, long long *fen);

/* The level of a place code: county (6 digits), town (9), village (12); NULL otherwise. */
const char *project_level_of(const char *place);

/* Render and parse the canonical text (sections after the fields). p zeroed by the
 * parser's caller. 0, or -1 with a message naming the line. */
void project_render(const struct project *p, struct buf *out);
int project_parse(const char *text, struct project *p, char *err, size_t errlen);

/* The milestone named name, or NULL. */
struct project_milestone *project_milestone_find(struct project *p, const char *name);
/* Record milestone name's planned and/or actual date (NULL = keep, "" = clear the actual
 * date): the checks of project_milestone_check, then the project's milestone is added
 * (planned required then) or changed. 0 or -1 with err (and the field in at). */
int project_milestone_set(struct project *p, const char *name, const char *planned,
                          const char *actual, const char *today, struct project_fault *at,
                          char *err, size_t errlen);
/* A milestone's own rules: a name (one line, no '[' or ']'), a real planned date, an
 * actual date that is real and not after today. 0 or -1 with err (and the field in at). */
int project_milestone_check(const struct project_milestone *m, const char *today,
                            struct project_fault *at, char *err, size_t errlen);
/* Days milestone m is overdue on today: > 0 when its planned date has passed and it
 * has no actual date, else 0. */
long project_milestone_overdue(const struct project_milestone *m, const char *today);
/* Overdue milestones of p on today (none for a cancelled project). */
int project_overdue_count(const struct project *p, const char *today);

/* Set year's money (each NULL = keep, "" = clear; amounts as project_money_parse reads
 * them). Spending may run ahead of what is allocated (money comes late), so no rule ties
 * the three. 0 or -1 with err (and the field in at). */
int project_money_set(struct project *p, const char *year, const char *planned,
                      const char *allocated, const char *spent, struct project_fault *at,
                      char *err, size_t errlen);
/* Sums over every year, in fen. */
void project_money_totals(const struct project *p, long long *planned, long long *allocated,
                          long long *spent);

/* A project as `project show` prints it and the UI shows it on Enter, in the user's
 * language (names as codes_shown gives them): its fields, milestones (overdue ones
 * marked with their days on today) and money per year with the totals. For people only:
 * scripts read `project list --format tsv|json` or the sheet. */
void project_describe(const struct project *p, const char *today, struct buf *out);

/* The checks on a project's own fields once the store has resolved its references:
 * title, level agreeing with the place, status, created, every milestone and money row.
 * kinds/groups: the lists in effect (the store's, extended); NULL = shipped tables.
 * 0 or -1 with err (and the field in at). */
int project_check(const struct project *p, const struct code_table *kinds,
                  const struct code_table *groups, const char *today, struct project_fault *at,
                  char *err, size_t errlen);

#endif
