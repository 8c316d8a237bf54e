/* places.h — the 百千万工程 facts about places (docs/baiqianwan.md), pure: a county's
 * track (创先 / 进位 / 消薄), a town's classes (中心镇 / 专业镇 / 特色镇, 重点帮扶 /
 * 巩固提升 / 先行示范, and the 中心镇样板 / 美丽圩镇样板 samples), a county's 特色产业集群
 * names, and yearly figures (an indicator's target and actual, a village's collective
 * income) as exact decimals: parsed into integers scaled by 10^4, never floating point.
 * The store keeps tracks, classes and clusters as settings (track.CCCCCC,
 * town_class.TTTTTTTTT, cluster.CCCCCC) and figures as records (figures/...). */
#ifndef CORE_PLACES_H
#define CORE_PLACES_H
#include "core/code_lists.h"
#include "core/date.h"
#include "core/flatrec.h"
#include <stddef.h>

/* The SAMPLE weak-village line (yuan a year) when the setting weak_village_line is not
 * set: 10万元, the common 集体经济薄弱村 line; not a confirmed figure for any county. */
#define PLACES_WEAK_LINE_SAMPLE "100000"

/* The label of a county whose track is not (yet) set. */
#define PLACES_UNCLASSIFIED "未分类"

/* What a place setting key is: PLACE_NONE if key is not one of them. `code` is set to
 * the place code after the dot. */
enum place_key { PLACE_NONE, PLACE_TRACK, PLACE_TOWN_CLASS, PLACE_CLUSTER, PLACE_WEAK_LINE };
enum place_key places_key(const char *key, const char **code);

/* The canonical value of place setting `key` for what a user typed, into out: a track's
 * label (创先, or its code lead), a town's classes as labels joined by 、 in table order
 * (at most one of 中心镇/专业镇/特色镇 and one of 重点帮扶/巩固提升/先行示范), cluster names
 * joined by 、 (at most 5, each a name without separators), the weak-village line an
 * exact non-negative number of yuan. The key's code is checked for its form (6-digit
 * county, 9-digit town); the store checks it exists. 0, or -1 with the reason in err. */
int places_setting_value(const char *key, const char *value, char *out, size_t n,
                         char *err, size_t errlen);

/* Exact decimals: "12.5" -> 125000 (scale 10^4), at most 4 decimals, optional leading
 * '-', no thousands separators, |value| < 10^14. 0, or -1 with err. */
#define PLACES_SCALE 10000LL
int places_decimal_parse(const char *text, long long *out, char *err, size_t errlen);
/* The canonical text of a scaled value: no trailing zeros, no '.' for a whole number. */
void places_decimal_format(long long v, char *out, size_t n);

/* A yearly figure of a place: a county's indicator (target and actual) or a village's
 * collective income (actual). One per place, year and kind. */
struct figure {
	char id[16];              /* F0000001 */
	char place[16];           /* a county-level code (6 digits) or a village (12) */
	char place_name[128];     /* shown */
	char year[8];             /* YYYY */
	char kind[24];            /* codes_indicator (extendable: indicator.CODE) */
	char target[32];          /* canonical decimal, "" = not set */
	char actual[32];
	long version;
};
extern const struct flatrec_field places_figure_fields[];
extern const int places_figure_field_count;

/* Check a figure's own fields: place form, year 2000..2100, kind in the table in effect,
 * target and actual canonical decimals (normalised in place). 0 or -1 with err. */
int places_figure_check(const struct code_lists *l, struct figure *f, char *err, size_t errlen);

/* Is a village's collective income `actual` (canonical decimal) below `line`? 1, 0, or
 * -1 when either is not a number. */
int places_weak_village(const char *actual, const char *line);
/* Is f a village's collective income below `line` (a 薄弱村)? 1 or 0. */
int places_figure_weak(const struct figure *f, const char *line);
/* Has f's actual reached its target? 1 met, 0 below, -1 when either is not set (or not
 * a number): the county view's met / below and the board's 指标达标. */
int places_figure_met(const struct figure *f);

#endif
