/* workflow.h — the monitoring case (防止返贫监测对象) state machine: its states, the
 * transitions between them with the roles that may take each and what each requires,
 * and the 15-day clock from lead to county decision.
 *
 * Everything is pure: the caller (store/) loads the case into struct case_facts, says who
 * acts (struct user) and what was entered (struct move_input, with today's date), and
 * gets back either every reason for refusal or the case as it stands after the step.
 * Dates are "YYYY-MM-DD" strings naming the day a step happened (default: today); every
 * rule computes on those dates, never on the time of entry.
 *
 * The transition table lives in workflow.c (one row per step name); docs/casework.md
 * describes it for staff. */
#ifndef CORE_WORKFLOW_H
#define CORE_WORKFLOW_H
#include "core/access.h"
#include "core/date.h"
#include "core/rules.h"

/* National procedure numbers (not local settings). */
#define WORKFLOW_NOTICE_MIN_DAYS 5   /* public notice runs at least this many days, inclusive */
#define WORKFLOW_DECISION_DAYS 15    /* lead to county decision, normally at most */

/* The states: id, stable code, the role that acts on a case in this state (for the steps
 * whose role is "the owner"), and the state a send-back returns to. Their Chinese labels
 * are in workflow_states.c, where the catalog's extraction finds them. */
#define WF_STATES(X)                                                                   \
	X(LEAD,            "lead",            ROLE_CASEWORKER, NONE)    \
	X(VISITED,         "visited",         ROLE_CASEWORKER, LEAD)    \
	X(CHECKED,         "checked",         ROLE_CASEWORKER, VISITED) \
	X(VILLAGE_REVIEW,  "village_review",  ROLE_CASEWORKER, CHECKED) \
	X(TOWNSHIP_REVIEW, "township_review", ROLE_TOWNSHIP,   VILLAGE_REVIEW) \
	X(COUNTY_APPROVAL, "county_approval", ROLE_COUNTY,     TOWNSHIP_REVIEW) \
	X(ASSISTING,       "assisting",       ROLE_CASEWORKER, NONE)    \
	X(ELIM_REQUESTED,  "elim_requested",  ROLE_CASEWORKER, ASSISTING) \
	X(ELIM_VILLAGE,    "elim_village",    ROLE_CASEWORKER, ELIM_REQUESTED) \
	X(ELIM_TOWNSHIP,   "elim_township",   ROLE_TOWNSHIP,   ELIM_VILLAGE) \
	X(ELIM_COUNTY,     "elim_county",     ROLE_COUNTY,     ELIM_TOWNSHIP) \
	X(ELIMINATED,      "eliminated",      ROLE_COUNTY,     NONE)    \
	X(NOT_TAKEN,       "not_taken",       ROLE_CASEWORKER, NONE)    \
	X(REFERRED,        "referred",        ROLE_CASEWORKER, NONE)

#define WF_STATE_ENUM_(id, code, owner, prev) WF_##id,
enum wf_state { WF_NONE = -1, WF_STATES(WF_STATE_ENUM_) WF_STATE_COUNT };
#undef WF_STATE_ENUM_

#define WF_STATE_BIT(s) (1u << (s))

/* Special targets and roles in the transition table. */
#define WF_TO_SAME     (-2)          /* the state does not change (a flag or a new case) */
#define WF_TO_PREVIOUS (-3)          /* the state's previous step (send back) */
#define WF_TO_WITHDRAWN (-4)         /* the state before the latest step (withdraw) */
#define WF_ROLE_OWNER  (1u << 31)    /* the role owning the current state */

/* Transition flags: what a step needs, which rules it checks, what it records. */
enum {
	WF_NEED_REASON       = 1 << 0,  /* a reason (why) */
	WF_NEED_METHOD       = 1 << 1,  /* elimination method: codes_elim_method */
	WF_NEED_DEPARTMENT   = 1 << 2,  /* department referred to: codes_department */
	WF_NEED_NOTICE_START = 1 << 3,  /* the public notice's start date (end optional) */
	WF_TAKES_CONSENT     = 1 << 4,  /* records the consent date if given */
	WF_TAKES_NOTICE      = 1 << 5,  /* records notice start/end if given */
	WF_RULE_CONSENT      = 1 << 6,  /* consent must be signed by the step date */
	WF_RULE_NOTICE_DONE  = 1 << 7,  /* notice ran >= 5 days and ended by the step date */
	WF_RULE_GREEN        = 1 << 8,  /* green channel: sudden hardship, not yet on it */
	WF_RULE_ELIMINATION  = 1 << 9,  /* rules_elimination_check as of the step date */
	WF_SETS_LEAD         = 1 << 10, /* a new case: lead date = step date */
	WF_SETS_APPROVAL     = 1 << 11, /* approval date = step date (monitoring starts) */
	WF_SETS_CLOSED       = 1 << 12, /* closed date = step date */
	WF_REOPENS           = 1 << 13, /* clears the closed date */
	WF_CLEARS_NOTICE     = 1 << 14, /* a new review round starts */
	WF_SETS_GREEN        = 1 << 15, /* green-channel flag */
	WF_NEW_CASE          = 1 << 16, /* the caller opens a new case linked to this one */
	WF_WITHDRAWABLE      = 1 << 17, /* the one who took it may withdraw it (see below) */
	WF_RULE_WITHDRAW     = 1 << 18, /* withdraw: the latest step is the actor's own and
	                                   WF_WITHDRAWABLE, so the next level has not acted */
};

struct wf_transition {
	const char *name;      /* stable code: what `case move` takes and the audit text keeps */
	const char *label;     /* Chinese */
	unsigned from;         /* WF_STATE_BIT of each state it starts from; 0 = opens a case */
	int to;                /* enum wf_state, WF_TO_SAME or WF_TO_PREVIOUS */
	unsigned roles;        /* 1u << enum role, or WF_ROLE_OWNER; admin may always */
	unsigned flags;        /* WF_NEED_*, WF_TAKES_*, WF_RULE_*, WF_SETS_* ... */
	const char *help;      /* one line for --help and docs: what it requires */
};

/* What the store knows about a case when a step is tried. Dates "" when not recorded. */
struct case_facts {
	enum wf_state state;
	char category[24];              /* codes_category code: unstable, marginal, sudden */
	char region[16];                /* the household's village (or town) code: scope check */
	char lead_date[DATE_LEN];       /* 线索: the 15-day clock starts here */
	char last_step_date[DATE_LEN];  /* the latest step's date: a new step may not be earlier */
	char consent_date[DATE_LEN];    /* 承诺授权书 signed */
	char notice_start[DATE_LEN];    /* the current review round's public notice (公示) */
	char notice_end[DATE_LEN];
	char approval_date[DATE_LEN];   /* county approval: monitoring and its 6 months start */
	char closed_date[DATE_LEN];     /* not taken, referred or eliminated */
	int green_channel;              /* assistance recorded before approval (绿色通道) */
	/* the latest step recorded on the case (for withdraw): its name ("" if none), the
	 * state it started from, who took it and the day it happened */
	char last_step[24];
	enum wf_state last_from;
	char last_login[64];
	const struct household_facts *household;  /* for elimination steps; caller owns it */
	/* the procedure's numbers from settings (notice_days, decision_days); 0 = the national
	 * defaults WORKFLOW_NOTICE_MIN_DAYS and WORKFLOW_DECISION_DAYS */
	int notice_days, decision_days;
};
/* The numbers in effect for c (its settings, else the national defaults). */
int workflow_notice_days(const struct case_facts *c);
int workflow_decision_days(const struct case_facts *c);

/* What the acting user entered. NULL or "" = not given. */
struct code_lists;
struct move_input {
	const char *today;         /* the real date of entry (required): steps may not be later */
	const char *date;          /* the day the step happened; default today */
	const char *reason;        /* why (required by some steps, see the table) */
	const char *consent_date;  /* visit / check / village_review */
	const char *notice_start;  /* village_review, to_township (and the elim_ ones) */
	const char *notice_end;
	const char *method;        /* eliminate: assisted 帮扶消除 / natural 自然消除 */
	const char *department;    /* refer: a department code or label */
	const struct code_lists *lists;   /* the tables in effect (NULL: the shipped ones) */
};

/* The result of an allowed step. */
struct move_result {
	const struct wf_transition *transition;
	char date[DATE_LEN];       /* the day the step happened */
	enum wf_state from;        /* WF_NONE for open */
	struct case_facts next;    /* the case after the step (open: the new lead) */
	int new_case;              /* remark: open `linked` as a new case linked to this one */
	struct case_facts linked;
};

/* States. */
const char *workflow_state_code(enum wf_state s);    /* "lead", ... ("?" if out of range) */
const char *workflow_state_label(enum wf_state s);   /* "线索", ... (shown: codes_shown) */
/* Parse a state by code or label: 0 and *out, or -1. */
int workflow_state_parse(const char *s, enum wf_state *out);
enum role workflow_state_owner(enum wf_state s);
enum wf_state workflow_state_previous(enum wf_state s);  /* WF_NONE if none */
int workflow_is_monitored(enum wf_state s);   /* assisting through elim_county */
int workflow_is_closed(enum wf_state s);      /* eliminated, not_taken, referred */
/* 1 when measures may be recorded on the case: monitored, eliminated (continued
 * support), or on the green channel before approval. */
int workflow_may_record_measure(const struct case_facts *c);

/* The transition table. */
int workflow_transition_count(void);
const struct wf_transition *workflow_transition_at(int i);          /* NULL out of range */
const struct wf_transition *workflow_transition_find(const char *name); /* by name or label */
/* Roles (1u << enum role, admin excluded) that may take t from state s. */
unsigned workflow_transition_roles(const struct wf_transition *t, enum wf_state s);
/* The state t leads to from s (WF_NONE if t does not start from s). */
enum wf_state workflow_transition_target(const struct wf_transition *t, enum wf_state s);

/* May user u take step `transition` on case c with input in? Returns 0, or -1 with
 * EVERY reason in out: unknown step, wrong role, auditor, out of scope, wrong state,
 * invalid/future/out-of-order step date, missing reason/method/department, consent,
 * notice, green-channel and elimination rules. For "open", c describes the case to open
 * (region, category) and its state is ignored. */
int workflow_check(const struct case_facts *c, const struct user *u, const char *transition,
                   const struct move_input *in, struct refusal *out);
/* workflow_check, then the case after the step in res. Returns 0, or -1 (res untouched). */
int workflow_move(const struct case_facts *c, const struct user *u, const char *transition,
                  const struct move_input *in, struct move_result *res, struct refusal *out);
/* Withdraw (撤回): a reviewer takes back their own township pass or send-back while the
 * next level has not acted: the case's latest step must be a WF_WITHDRAWABLE one taken
 * by u (same login; an administrator too withdraws only their own). The withdrawal is a
 * step of its own ("withdraw", with a reason) returning the case to the state that step
 * started from; the history keeps both. Returns 0, or -1 with the reason in out. */
int workflow_withdraw_check(const struct case_facts *c, const struct user *u,
                            struct refusal *out);

/* The steps u may take on c now, judged on role, scope and state only (inputs and dates
 * are checked when the step is tried). Fills out[0..max) and returns the count. */
int workflow_offered(const struct case_facts *c, const struct user *u,
                     const struct wf_transition **out, int max);

/* The 15-day clock: days from the lead date to the county decision (approval, or the
 * closing of a lead not taken in / referred), or to as_of while undecided. */
struct wf_clock {
	long days;                 /* elapsed */
	int running;               /* no decision yet */
	int late;                  /* days > workflow_decision_days */
	char deadline[DATE_LEN];   /* lead date + workflow_decision_days */
};
/* Returns 0, or -1 if the lead date or as_of is invalid. */
int workflow_clock(const struct case_facts *c, const char *as_of, struct wf_clock *out);

#endif
