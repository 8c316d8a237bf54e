/* model.h — the household register's entities and the one table of their fields.
 *
 * Every field of the register is described once, in FIELD_LIST below: its English key
 * (the CSV alias, the database column, the audit-text key), its Chinese column name (the
 * national export's header), the level it belongs to, its kind and code table. CSV
 * import/export, `bangfu set`, the canonical audit text and the SQL all walk this table,
 * so a new field is one line here (plus a migration).
 *
 * Values are kept as normalised UTF-8 strings: codes as their English code ("head",
 * "lifted"), money as a plain decimal ("6800", "6800.5"), dates as YYYY-MM-DD or YYYY-MM.
 * NULL and "" both mean "empty". */
#ifndef CORE_MODEL_H
#define CORE_MODEL_H
#include "core/code_lists.h"
#include <stddef.h>

enum field_level { LEVEL_HOUSEHOLD, LEVEL_MEMBER, LEVEL_CASE };
enum field_kind {
	FK_TEXT,      /* free text, no control characters */
	FK_NOTE,      /* free text that may hold tabs and line breaks (addresses, notes) */
	FK_NAME,      /* a person's or place's name: required non-empty when present */
	FK_NUMBER,    /* household number: letters/digits/-, no spaces */
	FK_COUNTY,    /* 6-digit county-level code (one of the 122, or 东莞/中山) */
	FK_TOWNCODE,  /* 9 digits under the county */
	FK_VILLCODE,  /* 12 digits under the town */
	FK_IDNUM,     /* GB 11643 ID number */
	FK_CODE,      /* one entry of a code table */
	FK_MULTI,     /* several entries of a code table */
	FK_INT,       /* integer with bounds */
	FK_MONEY,     /* yuan, up to 2 decimals, may be negative */
	FK_MONTH,     /* YYYYMM or YYYY-MM-DD, kept as YYYY-MM or YYYY-MM-DD */
	FK_PHONE,     /* 11-digit mobile or a landline */
	FK_MOBILE,    /* 11-digit mobile only (a member's phone, the monitoring contact's) */
	FK_DISCERT,   /* 残疾证号: 20 characters, the holder's 18-character ID and 2 digits */
	FK_YESNO,     /* 是 / 否 */
};

/* X(slot, key, chinese, level, kind, codes, flags) */
#define F_REQUIRED 1   /* must be non-empty */
#define F_NOCOLUMN 2   /* not a column of its level's table (kept elsewhere) */
#define F_READONLY 4   /* not settable with `bangfu set` (derived or an identity) */
#define F_NOCSV    8   /* not a register CSV column (kept by the case procedure) */
#define FIELD_LIST(X) \
	X(HF_NO,        "household_no",      "户编号",         LEVEL_HOUSEHOLD, FK_NUMBER,   NULL, F_REQUIRED) \
	X(HF_COUNTY,    "county_code",       "县区代码",       LEVEL_HOUSEHOLD, FK_COUNTY,   NULL, F_REQUIRED | F_READONLY) \
	X(HF_TOWN,      "town",              "乡镇",           LEVEL_HOUSEHOLD, FK_NAME,     NULL, F_REQUIRED | F_NOCOLUMN | F_READONLY) \
	X(HF_TOWNCODE,  "town_code",         "乡镇代码",       LEVEL_HOUSEHOLD, FK_TOWNCODE, NULL, F_READONLY) \
	X(HF_VILLAGE,   "village",           "行政村",         LEVEL_HOUSEHOLD, FK_NAME,     NULL, F_REQUIRED | F_NOCOLUMN | F_READONLY) \
	X(HF_VILLCODE,  "village_code",      "行政村代码",     LEVEL_HOUSEHOLD, FK_VILLCODE, NULL, F_READONLY) \
	X(HF_HAMLET,    "hamlet",            "自然村",         LEVEL_HOUSEHOLD, FK_TEXT,     NULL, 0) \
	X(HF_ADDRESS,   "address",           "家庭住址",       LEVEL_HOUSEHOLD, FK_NOTE,     NULL, 0) \
	X(HF_TYPE,      "household_type",    "户类型",         LEVEL_HOUSEHOLD, FK_CODE,     &codes_household_type, 0) \
	X(HF_INCOME,    "income_per_capita", "家庭人均纯收入", LEVEL_HOUSEHOLD, FK_MONEY,    NULL, 0) \
	X(HF_HOUSING,   "housing_ok",        "住房安全有保障", LEVEL_HOUSEHOLD, FK_YESNO,    &codes_yesno, 0) \
	X(HF_SCHOOL,    "school_ok",         "义务教育有保障", LEVEL_HOUSEHOLD, FK_YESNO,    &codes_yesno, 0) \
	X(HF_MEDICAL,   "medical_ok",        "基本医疗有保障", LEVEL_HOUSEHOLD, FK_YESNO,    &codes_yesno, 0) \
	X(HF_WATER,     "water_ok",          "饮水安全有保障", LEVEL_HOUSEHOLD, FK_YESNO,    &codes_yesno, 0) \
	X(HF_COSTS,     "costs_ok",          "大额支出已解决", LEVEL_HOUSEHOLD, FK_YESNO,    &codes_yesno, 0) \
	X(HF_RELOCATED, "relocated",         "是否易地搬迁户", LEVEL_HOUSEHOLD, FK_YESNO,    &codes_yesno, 0) \
	X(HF_PHONE,     "household_phone",   "家庭电话",       LEVEL_HOUSEHOLD, FK_PHONE,    NULL, 0) \
	X(HF_CONTACT,   "contact",           "监测联系人",     LEVEL_HOUSEHOLD, FK_NAME,     NULL, 0) \
	X(HF_CONTACT_PHONE, "contact_phone", "监测联系人电话", LEVEL_HOUSEHOLD, FK_MOBILE,   NULL, 0) \
	X(HF_CADRE,     "cadre",             "帮扶责任人",     LEVEL_HOUSEHOLD, FK_NAME,     NULL, 0) \
	X(HF_CADRE_PHONE, "cadre_phone",     "帮扶责任人电话", LEVEL_HOUSEHOLD, FK_PHONE,    NULL, 0) \
	X(MF_NAME,      "name",              "姓名",           LEVEL_MEMBER,    FK_NAME,     NULL, F_REQUIRED) \
	X(MF_ID,        "id_number",         "证件号码",       LEVEL_MEMBER,    FK_IDNUM,    NULL, F_REQUIRED) \
	X(MF_RELATION,  "relation",          "与户主关系",     LEVEL_MEMBER,    FK_CODE,     &codes_relation, F_REQUIRED) \
	X(MF_SEX,       "sex",               "性别",           LEVEL_MEMBER,    FK_CODE,     &codes_sex, F_READONLY) \
	X(MF_ETHNICITY, "ethnicity",         "民族",           LEVEL_MEMBER,    FK_TEXT,     NULL, 0) \
	X(MF_HEALTH,    "health",            "健康状况",       LEVEL_MEMBER,    FK_MULTI,    &codes_health, 0) \
	X(MF_LABOUR,    "labour",            "劳动技能",       LEVEL_MEMBER,    FK_CODE,     &codes_labour, 0) \
	X(MF_SCHOOL,    "school_stage",      "在校生状况",     LEVEL_MEMBER,    FK_CODE,     &codes_school_stage, 0) \
	X(MF_EDUCATION, "education",         "文化程度",       LEVEL_MEMBER,    FK_CODE,     &codes_education, 0) \
	X(MF_MONTHS,    "months_worked",     "务工月数",       LEVEL_MEMBER,    FK_INT,      NULL, 0) \
	X(MF_PHONE,     "phone",             "联系电话",       LEVEL_MEMBER,    FK_MOBILE,   NULL, 0) \
	X(MF_DISABILITY,"disability_class",  "残疾等级",       LEVEL_MEMBER,    FK_CODE,     &codes_disability, 0) \
	X(MF_DISCERT,   "disability_cert",   "残疾证号",       LEVEL_MEMBER,    FK_DISCERT,  NULL, 0) \
	X(MF_WORKPLACE, "work_place",        "务工地点",       LEVEL_MEMBER,    FK_TEXT,     NULL, 0) \
	X(MF_RESIDENT_INS, "resident_insurance", "是否参加城乡居民基本医疗保险", LEVEL_MEMBER, FK_YESNO, &codes_yesno, 0) \
	X(MF_EMPLOYEE_INS, "employee_insurance", "是否参加职工基本医疗保险", LEVEL_MEMBER, FK_YESNO, &codes_yesno, 0) \
	X(MF_DIBAO,     "dibao",             "是否享受低保",   LEVEL_MEMBER,    FK_YESNO,    &codes_yesno, 0) \
	X(MF_TEKUN,     "tekun",             "是否特困供养",   LEVEL_MEMBER,    FK_YESNO,    &codes_yesno, 0) \
	X(MF_BENEFITS,  "benefits",          "其他保障",       LEVEL_MEMBER,    FK_MULTI,    &codes_benefit, 0) \
	X(CF_CATEGORY,  "category",          "监测对象类别",   LEVEL_CASE,      FK_CODE,     &codes_category, 0) \
	X(CF_RISKS,     "risks",             "风险类型",       LEVEL_CASE,      FK_MULTI,    &codes_risk, 0) \
	X(CF_SOURCE,    "source",            "识别来源",       LEVEL_CASE,      FK_CODE,     &codes_source, 0) \
	X(CF_IDENTIFIED,"identified",        "识别监测时间",   LEVEL_CASE,      FK_MONTH,    NULL, 0) \
	X(CF_ELIMINATED,"eliminated",        "风险是否已消除", LEVEL_CASE,      FK_YESNO,    &codes_yesno, 0) \
	X(CF_LEAD,      "lead_date",         "线索日期",       LEVEL_CASE,      FK_MONTH,    NULL, F_NOCSV | F_READONLY) \
	X(CF_LAST_STEP, "last_step_date",    "最近环节日期",   LEVEL_CASE,      FK_MONTH,    NULL, F_NOCSV | F_READONLY) \
	X(CF_CONSENT,   "consent_date",      "承诺授权日期",   LEVEL_CASE,      FK_MONTH,    NULL, F_NOCSV | F_READONLY) \
	X(CF_NOTICE_START,"notice_start",    "公示开始",       LEVEL_CASE,      FK_MONTH,    NULL, F_NOCSV | F_READONLY) \
	X(CF_NOTICE_END,"notice_end",        "公示结束",       LEVEL_CASE,      FK_MONTH,    NULL, F_NOCSV | F_READONLY) \
	X(CF_APPROVAL,  "approval_date",     "县级审批日期",   LEVEL_CASE,      FK_MONTH,    NULL, F_NOCSV | F_READONLY) \
	X(CF_CLOSED,    "closed_date",       "结束日期",       LEVEL_CASE,      FK_MONTH,    NULL, F_NOCSV | F_READONLY) \
	X(CF_GREEN,     "green_channel",     "绿色通道",       LEVEL_CASE,      FK_YESNO,    &codes_yesno, F_NOCSV | F_READONLY) \
	X(CF_METHOD,    "elim_method",       "消除方式",       LEVEL_CASE,      FK_CODE,     &codes_elim_method, F_NOCSV | F_READONLY) \
	X(CF_DEPARTMENT,"department",        "转交部门",       LEVEL_CASE,      FK_CODE,     &codes_department, F_NOCSV | F_READONLY) \
	X(CF_LINKED,    "linked_case",       "关联案例",       LEVEL_CASE,      FK_TEXT,     NULL, F_NOCSV | F_READONLY) \
	X(CF_DISASTER,  "disaster",          "灾害类型",       LEVEL_CASE,      FK_CODE,     &codes_disaster, F_NOCSV | F_READONLY) \
	X(CF_NOTE,      "risk_note",         "风险说明",       LEVEL_CASE,      FK_NOTE,     NULL, F_NOCSV | F_READONLY)

enum field_id {
#define X(slot, key, zh, level, kind, codes, flags) slot,
	FIELD_LIST(X)
#undef X
	FIELD_COUNT
};
#define HF_FIRST HF_NO
#define HF_COUNT (MF_NAME - HF_NO)
#define MF_FIRST MF_NAME
#define MF_COUNT (CF_CATEGORY - MF_NAME)
#define CF_FIRST CF_CATEGORY
#define CF_COUNT (FIELD_COUNT - CF_CATEGORY)

struct field {
	const char *key, *zh;
	enum field_level level;
	enum field_kind kind;
	const struct code_table *codes;
	int flags;
};
extern const struct field model_fields[FIELD_COUNT];

/* Find a field by English key or Chinese name; -1 if none. */
int model_field_find(const char *name);

/* Whether field f may be edited (`bangfu set`, the UI's form) on a household (member 0)
 * or on one of its members (member > 0), and if not, why: the one rule both use, each
 * wording the answer for its own user. */
enum field_edit {
	FIELD_EDITABLE,
	FIELD_EDIT_CASE,          /* a case's field: it changes through the case procedure */
	FIELD_EDIT_ON_MEMBER,     /* a member's field asked of the household */
	FIELD_EDIT_ON_HOUSEHOLD,  /* a household field asked of a member */
	FIELD_EDIT_READONLY,      /* derived or an identity (F_READONLY) */
};
enum field_edit model_field_editable(enum field_id f, int member);

/* Normalise and check one raw value (already trimmed) for field `f` as of `today`, codes
 * looked up in the tables in effect (lists; NULL: the shipped tables).
 * On success writes the normalised value into out and returns 0; on error returns -1 with
 * a message (without the field name: the caller adds file, line and column). */
int model_value_normalise(const struct code_lists *lists, enum field_id f, const char *raw,
                          const char *today, char *out, int outlen, char *err, size_t errlen);
/* 1 when s has the shape of a disability certificate number (残疾证号): a valid
 * 18-character ID number followed by 2 digits (class and kind). */
int model_is_disability_cert(const char *s);
/* The value of field f as CSV shows it (codes as Chinese labels). */
int model_value_display(const struct code_lists *lists, enum field_id f, const char *value,
                        char *out, int outlen);
/* The same without a copy: the label, the value itself, or (several codes joined) buf,
 * for an export that shows every field of every row. */
const char *model_value_shown(const struct code_lists *lists, enum field_id f, const char *value,
                              char *buf, int buflen);
/* The value as a person reads it on screen: model_value_display with the labels through
 * codes_shown (English names under LANG=en_US.UTF-8). Never for files or CSV. */
int model_value_onscreen(const struct code_lists *lists, enum field_id f, const char *value,
                         char *out, int outlen);

struct member {
	char *v[MF_COUNT];        /* indexed by field - MF_FIRST */
	char *id_original;        /* 15-digit input when converted, else NULL */
	char *birth;              /* YYYY-MM-DD, derived from the ID */
};

/* A monitoring case as the register knows it. The casework issue adds the procedure's
 * steps; the register carries the national export's summary columns. */
struct hcase {
	char id[16];              /* C000123 */
	char *v[CF_COUNT];        /* indexed by field - CF_FIRST */
	char *state;              /* workflow state code: "assisting", "eliminated", ... */
};

/* Sub-records of a household kept in its audit file and in a table of their own: the
 * steps of its cases, its measures, visits and department warnings. Each kind is a
 * list of columns (SUBREC_LIST); v[0] is the record's id. */
#define SUBREC_LIST(X) \
	X(SUB_STEP,    "step",    "case_steps", "id", "case_id", "step", "from_state", "to_state", \
	  "happened", "entered", "login", "reason", "details") \
	X(SUB_MEASURE, "measure", "measures", "id", "case_id", "grp", "detail", "start_date", \
	  "end_date", "amount", "responsible", "green_channel") \
	X(SUB_VISIT,   "visit",   "visits", "id", "case_id", "date", "visitor", "method", "findings", \
	  "follow_up") \
	X(SUB_WARNING, "warning", "warnings", "id", "case_id", "fingerprint", "id_number", "name", \
	  "kind", "amount", "date", "department", "note", "outcome") \
	X(SUB_INCOME,  "income",  "incomes", "id", "case_id", "year", "assessed", "months", "wage", \
	  "business", "property", "transfer", "business_costs", "compliant_costs", "size", \
	  "per_capita")
enum subrec_kind {
#define X(kind, section, table, ...) kind,
	SUBREC_LIST(X)
#undef X
	SUB_COUNT
};
#define SUBREC_MAX_COLS 14
struct subrec_kind_info {
	const char *section;      /* "[measure M0000001]" in the audit text */
	const char *table;
	const char *cols[SUBREC_MAX_COLS];
	int ncols;
};
const struct subrec_kind_info *subrec_info(enum subrec_kind k);
/* Index of column `name` in kind k, -1 if none. */
int subrec_col(enum subrec_kind k, const char *name);

struct subrec { char *v[SUBREC_MAX_COLS]; };

/* A sub-record's columns after the case id as one line for people, code columns by
 * their labels in lists, fingerprint and ID number left out (subrec_show.c). Returns
 * the length written into out (n > 0). */
size_t subrec_show(const struct code_lists *lists, enum subrec_kind k, const struct subrec *r,
                   char *out, size_t n);

struct household {
	char id[20];              /* bangfu id: H + county code + 7 digits */
	long version;
	char *v[HF_COUNT];        /* indexed by field - HF_FIRST */
	int synthetic;            /* generated by `bangfu demo` */
	struct member *members;
	int nmembers;
	struct hcase *cases;
	int ncases;
	struct subrec *sub[SUB_COUNT];
	int nsub[SUB_COUNT];
};

/* Accessors: the value slot of a field in its entity (never NULL once set via these). */
const char *household_get(const struct household *h, enum field_id f);
const char *member_get(const struct member *m, enum field_id f);
const char *case_get(const struct hcase *c, enum field_id f);
/* Setters copy the value; return 0 or -1 on allocation failure. */
int household_set(struct household *h, enum field_id f, const char *value);
int member_set(struct member *m, enum field_id f, const char *value);
int case_set(struct hcase *c, enum field_id f, const char *value);
int model_strset(char **slot, const char *value);

struct member *household_add_member(struct household *h);
struct subrec *household_add_subrec(struct household *h, enum subrec_kind k);
/* Value of column `col` (by name) of a sub-record; "" if unset. */
const char *subrec_get(const struct subrec *r, enum subrec_kind k, const char *col);
int subrec_set(struct subrec *r, enum subrec_kind k, const char *col, const char *value);
struct hcase *household_add_case(struct household *h);
void household_free(struct household *h);   /* frees contents, not h itself */

/* Check the household-level integrity rules: exactly one 户主, at most one 配偶,
 * no ID twice. Each problem is passed to report(ctx, member index or -1, message).
 * Returns the number of problems. */
int household_check(const struct household *h,
                    void (*report)(void *ctx, int member, const char *msg), void *ctx);

/* The layout of households' files in the audit history (the setting history_layout,
 * store/relayout.c): one folder a town, or one a village under its town's folder. */
enum history_layout { LAYOUT_TOWN, LAYOUT_VILLAGE };

/* The audit path of a household from its codes: households/<county>/<town code>/<id>.txt,
 * or households/<county>/<town code>/<village code>/<id>.txt in the village layout. */
int household_path_of(enum history_layout layout, const char *county, const char *town,
                      const char *village, const char *id, char *out, int outlen);
/* The same for h. */
int household_path(const struct household *h, enum history_layout layout, char *out, int outlen);

#endif
