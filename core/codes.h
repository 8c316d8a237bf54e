/* codes.h — the fixed code tables of the register and the casework: each entry is a
 * stable English code (what the audit text and the database keep) and its Chinese label
 * (what staff read and what CSV files carry). Lists that a deployment may extend
 * (categories, risks, warning kinds) are also settings; these are the shipped defaults. */
#ifndef CORE_CODES_H
#define CORE_CODES_H
#include <stddef.h>

struct code { const char *code, *label; };
struct code_table { const char *name; const struct code *items; int count; };

extern const struct code_table codes_relation;       /* 与户主关系: head 户主, spouse 配偶, ... */
extern const struct code_table codes_sex;            /* M 男, F 女 */
extern const struct code_table codes_health;         /* 健康状况 (several allowed) */
extern const struct code_table codes_labour;         /* 劳动技能 */
extern const struct code_table codes_school_stage;   /* 在校生状况 */
extern const struct code_table codes_education;      /* 文化程度 */
extern const struct code_table codes_household_type; /* 户类型: lifted 脱贫户, ordinary 一般农户 */
extern const struct code_table codes_category;       /* 监测对象类别 */
extern const struct code_table codes_risk;           /* 风险类型 */
extern const struct code_table codes_disaster;       /* 自然灾害 subtype */
extern const struct code_table codes_source;         /* 识别来源 */
extern const struct code_table codes_department;     /* 预警部门 */
extern const struct code_table codes_warning_kind;   /* 预警类型 */
extern const struct code_table codes_measure_group;  /* 帮扶措施 14 groups */
extern const struct code_table codes_visit_method;   /* 走访方式 */
extern const struct code_table codes_yesno;          /* yes 是, no 否 */
extern const struct code_table codes_disability;     /* 残疾等级: 1 一级 .. 4 四级 */
extern const struct code_table codes_benefit;        /* 其他保障 (several allowed) */

/* Find an entry by code or by label (exact match after the caller trimmed it). */
const struct code *codes_find(const struct code_table *t, const char *code_or_label);
const char *codes_label(const struct code_table *t, const char *code); /* NULL if unknown */
/* A label (or a table's title) as a person reads it: its name in the user's language
 * (the en catalog's English name; Chinese, the label itself, by default). The label
 * stays what files, CSV, the audit text and typed input use: only what is shown to a
 * person passes here. NULL and "" come back as they are; an unknown label (one an
 * administrator added) is shown as it is. */
const char *codes_shown(const char *label);
/* The labels of t joined by spaces ("医保 卫健 ..."), cut short with "..." if out is too
 * small: the choices an error message offers. */
void codes_choices(const struct code_table *t, char *out, int outlen);

/* Split a multi-value field on ',' '，' '、' (and ';'), look every part up in t and write
 * the canonical codes joined by ',' (in table order, duplicates removed) into out.
 * Returns the number of values, or -1 with the unknown part named in err. */
int codes_parse_multi(const struct code_table *t, const char *text, int max_values,
                      char *out, int outlen, char *err, size_t errlen);
/* Render codes joined by ',' as their labels joined by '、' (unknown codes as is).
 * Returns the length written, or -1 if out is too small. */
int codes_labels_multi(const struct code_table *t, const char *codes, char *out, int outlen);
/* codes_labels_multi with each label as codes_shown gives it: for the screen, not files. */
int codes_shown_multi(const struct code_table *t, const char *codes, char *out, int outlen);

/* Appended for the casework (core/workflow.c). */
extern const struct code_table codes_elim_method;    /* 消除方式: assisted 帮扶消除, natural 自然消除 */

/* Appended for pairing assistance and tasks (core/pairing.c, core/task.c). */
extern const struct code_table codes_unit_kind;      /* 帮扶单位类型: government 党政机关, enterprise 企业, ... */
extern const struct code_table codes_pair_kind;      /* county 对口帮扶 (city/district → county), cadre 帮扶责任人 */
extern const struct code_table codes_pair_programme; /* 帮扶协作类型: assistance 对口帮扶协作, industry 产业协作, other 其他 */
extern const struct code_table codes_task_kind;      /* 任务类型: visit 走访, verification 核实, measure 落实措施, ... */
extern const struct code_table codes_task_status;    /* 任务状态: open 待办, in_progress 办理中, done 已办结, cancelled 已取消 */
extern const struct code_table codes_task_action;    /* 任务日志: add 新建, start 开始办理, done 办结, cancel 取消, comment 备注, resolve 规则解除 */

/* Appended for the 百千万工程 places (core/places.c, docs/baiqianwan.md). */
extern const struct code_table codes_unit_level;     /* 单位层级: province 省直, city 市直, county 县直 */
extern const struct code_table codes_county_track;   /* 县域类型: lead 创先, advance 进位, weak 消薄 */
extern const struct code_table codes_town_class;     /* 镇类型: 中心镇/专业镇/特色镇, 重点帮扶/巩固提升/先行示范, samples */
extern const struct code_table codes_indicator;      /* 县域指标 kinds (extendable: indicator.CODE) */
/* Appended for projects (core/project.c, docs/projects.md). Kind and working group are
 * lists an administrator extends (project_kind.CODE, project_group.CODE settings); a
 * working group's label is "专班/lead department". */
extern const struct code_table codes_project_kind;   /* 项目类型: old_estates 老旧小区, sewage 污水处理, ... */
extern const struct code_table codes_project_group;  /* 工作专班: county_economy 县域经济/发展改革委, ... */
extern const struct code_table codes_project_level;  /* 项目层级: county 县级, town 镇级, village 村级 */
extern const struct code_table codes_project_status; /* 项目状态: planned 谋划, approved 已立项, building 在建, ... */

#endif
