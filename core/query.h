/* query.h — the filter language of `bangfu list`, `export` and the UI's limit (`l`).
 *
 *   QUERY := TERM { ' ' TERM }       (all terms must hold)
 *   TERM  := KEY ':' VALUE           a field test
 *          | WORD                    a name fragment, ID digits, 户编号 or village name
 *   KEY   := county | town | village (codes, prefix match; or a name)
 *          | category | type | state | risk (codes or Chinese labels)
 *          | income< | income> (yuan)  e.g. "income<6000"
 *          | track (创先 进位 消薄 未分类: the county's 百千万 track)
 *          | town_class (中心镇 ... 美丽圩镇样板: one of the town's classes)
 *
 * Examples: "county:441821 category:边缘易致贫户", "张", "4418211968", "state:assisting". */
#ifndef CORE_QUERY_H
#define CORE_QUERY_H
#include <stddef.h>

enum qterm_kind {
	Q_TEXT, Q_COUNTY, Q_TOWN, Q_VILLAGE, Q_CATEGORY, Q_TYPE, Q_STATE, Q_RISK,
	Q_INCOME_BELOW, Q_INCOME_ABOVE, Q_RELOCATED, Q_DIBAO, Q_TEKUN, Q_DISABILITY, Q_CADRE,
	Q_TRACK, Q_TOWN_CLASS    /* value: the label the setting holds (track: "none" = 未分类) */
};

struct qterm { enum qterm_kind kind; char value[128]; };
struct query { struct qterm terms[16]; int n; };

/* Parse text into q, labels looked up in the tables in effect (lists; NULL: the shipped
 * tables). Returns 0, or -1 with a message naming the bad term. */
struct code_lists;
int query_parse(const struct code_lists *lists, const char *text, struct query *q, char *err,
                size_t errlen);

#endif
