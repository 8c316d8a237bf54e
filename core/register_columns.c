/* register_columns.c — other names of register columns (see register_columns.h). The
 * first alias of a field marked NATIONAL is the name `export households --columns
 * national` writes. */
#include "core/register_columns.h"
#include <string.h>

struct alias { enum field_id f; const char *name; int national; };

static const struct alias aliases[] = {
	{HF_NO, "户编码", 0},
	{HF_COUNTY, "县(市、区)", 1}, {HF_COUNTY, "县(市、区)代码", 0}, {HF_COUNTY, "县区", 0},
	{HF_TOWN, "乡(镇)", 1}, {HF_TOWN, "乡镇(街道)", 0},
	{HF_TOWNCODE, "乡(镇)代码", 1},
	{HF_VILLAGE, "行政村(社区)", 1}, {HF_VILLAGE, "村(社区)", 0},
	{HF_VILLCODE, "行政村(社区)代码", 1},
	{HF_HAMLET, "自然村(组)", 1}, {HF_HAMLET, "村民小组", 0},
	{HF_INCOME, "家庭人均纯收入(元)", 1}, {HF_INCOME, "人均纯收入", 0},
	{HF_RELOCATED, "是否易地扶贫搬迁户", 1},
	{HF_PHONE, "户联系电话", 0},
	{MF_ID, "身份证号码", 0}, {MF_ID, "身份证号", 0}, {MF_ID, "证件号", 0},
	{MF_LABOUR, "劳动能力", 0},
	{MF_MONTHS, "务工时间(月)", 1},
	{MF_WORKPLACE, "务工所在地", 0},
	{MF_DISABILITY, "残疾级别", 0},
	{MF_DISCERT, "残疾证号码", 0},
	{MF_RESIDENT_INS, "是否参加城乡居民医疗保险", 0},
	{MF_DIBAO, "是否享受农村低保", 0},
	{MF_TEKUN, "是否特困供养人员", 0},
	{CF_CATEGORY, "监测类型", 0},
	{CF_IDENTIFIED, "纳入监测时间", 0},
	{CF_ELIMINATED, "是否风险消除", 0},
};

/* h with spaces (ASCII and U+3000) dropped and （ ） made ( ), into out. */
static void fold(const char *h, char *out, size_t n)
{
	size_t o = 0;
	while (*h && o + 1 < n) {
		if (*h == ' ' || *h == '\t') {
			h++;
		} else if (strncmp(h, "\xe3\x80\x80", 3) == 0) {        /* U+3000 */
			h += 3;
		} else if (strncmp(h, "\xef\xbc\x88", 3) == 0 || strncmp(h, "\xef\xbc\x89", 3) == 0) {
			out[o++] = h[2] == '\x88' ? '(' : ')';              /* （ ） */
			h += 3;
		} else {
			out[o++] = *h++;
		}
	}
	out[o] = '\0';
}

int register_year_column(const char *header)
{
	static const char *const names[] = {"收入年度", "核算年度", "年度"};
	char name[256];
	fold(header, name, sizeof name);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(name, names[i]) == 0)
			return 1;
	return 0;
}

int register_column_find(const char *header, const char **alias)
{
	char name[256], other[256];
	fold(header, name, sizeof name);
	*alias = NULL;
	int f = model_field_find(name);
	if (f >= 0)
		return f;
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
		fold(aliases[i].name, other, sizeof other);
		if (strcmp(name, other) == 0) {
			*alias = aliases[i].name;
			return (int)aliases[i].f;
		}
	}
	return -1;
}

const char *register_column_name(enum field_id f, int national)
{
	for (size_t i = 0; national && i < sizeof aliases / sizeof aliases[0]; i++)
		if (aliases[i].f == f && aliases[i].national)
			return aliases[i].name;
	return model_fields[f].zh;
}
