/* demo.c — a deterministic, realistic, clearly synthetic register for demonstrations,
 * tests and benchmarks: households in real villages (the 2023 statistical codes compiled
 * into core/regions; mostly rural 村委会, some 社区; one in 25 in a town of 东莞 or 中山,
 * directly under the city), plausible Cantonese-region names, valid unique ID numbers, households of 1-7 people, and a share of monitoring
 * cases of every category. The same seed gives the same households, byte for byte. */
#include "core/demo.h"
#include "core/date.h"
#include "core/idcard.h"
#include "core/regions.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const surnames[] = {
	"陈", "李", "黄", "张", "梁", "林", "刘", "吴", "罗", "何", "郑", "杨", "曾", "钟",
	"谢", "叶", "邓", "冯", "蔡", "许", "彭", "苏", "卢", "廖", "赖", "温", "邱", "朱",
	"潘", "欧阳", "司徒", "丘"};
static const char *const given_chars[] = {
	"伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
	"杰", "娟", "涛", "明", "超", "霞", "平", "刚", "桂", "华", "玉", "兰", "金", "凤",
	"春", "梅", "建", "国", "文", "志", "海", "荣", "德", "福", "嘉", "俊", "怡", "婷",
	"晓", "燕", "佳", "欣", "子", "浩", "宇", "锦", "辉", "坤", "妹", "娣", "添", "旺"};
#define COUNT(a) ((int)(sizeof a / sizeof a[0]))

static uint64_t next(struct demo *d)
{
	/* xorshift64*: small, fast, the same on every platform */
	d->rng ^= d->rng >> 12;
	d->rng ^= d->rng << 25;
	d->rng ^= d->rng >> 27;
	return d->rng * 2685821657736338717ULL;
}
static int pick(struct demo *d, int n) { return (int)(next(d) % (uint64_t)n); }
static int chance(struct demo *d, int percent) { return pick(d, 100) < percent; }

void demo_init(struct demo *d, unsigned long seed, const char *today)
{
	memset(d, 0, sizeof *d);
	d->seed = seed;
	d->rng = seed * 2654435761UL + 88172645463325252ULL;
	snprintf(d->today, sizeof d->today, "%s", today);
	sscanf(today, "%d", &d->year);
}

/* A county's village-level places (12-digit codes) as indexes into the places under it,
 * the rural 村委会 among them apart: found once, then a draw is an index (the walk over
 * every place of the county for each household was a third of the generation). */
struct demo_county {
	char code[8];
	const struct ref_place *first;
	int villages, rural;
	int *village_at, *rural_at;
};

void demo_free(struct demo *d)
{
	idmap_free(&d->ids);
	for (int i = 0; i < d->ncounties; i++) {
		free(d->counties[i].village_at);
		free(d->counties[i].rural_at);
	}
	free(d->counties);
	d->counties = NULL;
	d->ncounties = 0;
}

/* Counties of 粤东西北 hold most rural households: weight them three to one. */
static const struct ref_county *pick_county(struct demo *d)
{
	for (;;) {
		const struct ref_county *c = &ref_counties[pick(d, ref_county_count)];
		const struct ref_city *city = regions_city(c->city_code);
		int rural = city && strcmp(city->region, "珠三角") != 0;
		if (rural || chance(d, 33))
			return c;
	}
}

static void person_name(struct demo *d, const char *surname, char *out, size_t n)
{
	if (chance(d, 25))
		snprintf(out, n, "%s%s", surname, given_chars[pick(d, COUNT(given_chars))]);
	else
		snprintf(out, n, "%s%s%s", surname, given_chars[pick(d, COUNT(given_chars))],
		         given_chars[pick(d, COUNT(given_chars))]);
}

/* A valid ID number for someone born in `year`, of sex 'M'/'F', issued in `county`,
 * unique within this demo run. */
static int make_id(struct demo *d, const char *county, int year, char sex, char *out)
{
	for (int attempt = 0; attempt < 1000; attempt++) {
		/* never 29 February: a seeded demo makes the same people whatever the year */
		int month = 1 + pick(d, 12);
		int day = 1 + pick(d, month == 2 ? 28 : date_month_days(year, month));
		int seq = pick(d, 500) * 2 + (sex == 'M');
		char first17[18];
		if (snprintf(first17, sizeof first17, "%.6s%04d%02d%02d%03d", county, year, month, day,
		             seq) != 17)
			return -1;                  /* a year outside 1000-9999: no ID number */
		snprintf(out, 19, "%s%c", first17, idcard_check_char(first17));
		long dummy;
		if (!idmap_get(&d->ids, out, &dummy))
			return idmap_put(&d->ids, out, 1);
	}
	return -1;
}

static int add_member(struct demo *d, struct household *h, const char *relation,
                      const char *name, int birth_year, char sex)
{
	struct member *m = household_add_member(h);
	char id[19], sx[2] = {sex, 0}, birth[11];
	if (!m || make_id(d, household_get(h, HF_COUNTY), birth_year, sex, id))
		return -1;
	snprintf(birth, sizeof birth, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
	int age = d->year - birth_year;
	const char *labour = age < 16 ? "none" : age > 70 ? "lost" : chance(d, 8) ? "weak"
	                   : chance(d, 20) ? "skilled" : "ordinary";
	const char *health = chance(d, 78) ? "healthy" : chance(d, 50) ? "chronic"
	                   : chance(d, 50) ? "serious" : "disabled";
	char months[4] = "";
	if (age >= 18 && age <= 60 && chance(d, 60))
		snprintf(months, sizeof months, "%d", 3 + pick(d, 10));
	char phone[12] = "";
	if (age >= 18 && chance(d, 85))
		snprintf(phone, sizeof phone, "1%d%09d", 3 + pick(d, 7), pick(d, 1000000000));
	const char *edu = NULL, *school = NULL;
	if (age >= 6 && age <= 18)
		school = age < 12 ? "primary" : age < 15 ? "junior" : "senior";
	else if (age > 18)
		edu = age > 60 ? (chance(d, 50) ? "illiterate" : "primary")
		    : chance(d, 40) ? "junior" : chance(d, 50) ? "primary" : "senior";
	if (member_set(m, MF_NAME, name) || member_set(m, MF_ID, id) ||
	    member_set(m, MF_RELATION, relation) || member_set(m, MF_SEX, sx) ||
	    member_set(m, MF_ETHNICITY, chance(d, 97) ? "汉族" : "瑶族") ||
	    member_set(m, MF_HEALTH, health) || member_set(m, MF_LABOUR, labour) ||
	    member_set(m, MF_SCHOOL, school) || member_set(m, MF_EDUCATION, edu) ||
	    member_set(m, MF_MONTHS, months) || member_set(m, MF_PHONE, phone) ||
	    model_strset(&m->birth, birth))
		return -1;
	return 0;
}

static int add_people(struct demo *d, struct household *h)
{
	const char *surname = surnames[pick(d, COUNT(surnames))];
	char name[32];
	int size = 1 + pick(d, 7);
	int head_year = d->year - 25 - pick(d, 55);
	char head_sex = chance(d, 80) ? 'M' : 'F';
	person_name(d, surname, name, sizeof name);
	if (add_member(d, h, "head", name, head_year, head_sex))
		return -1;
	int n = 1;
	if (n < size && chance(d, 80)) {
		person_name(d, surnames[pick(d, COUNT(surnames))], name, sizeof name);
		if (add_member(d, h, "spouse", name, head_year - 3 + pick(d, 7), head_sex == 'M' ? 'F' : 'M'))
			return -1;
		n++;
	}
	if (n < size && head_year > d->year - 55 && chance(d, 40)) {
		person_name(d, surname, name, sizeof name);
		if (add_member(d, h, chance(d, 50) ? "mother" : "father", name, head_year - 22 - pick(d, 10),
		               chance(d, 50) ? 'F' : 'M'))
			return -1;
		n++;
	}
	for (; n < size; n++) {
		char sex = chance(d, 52) ? 'M' : 'F';
		int year = head_year + 20 + pick(d, 15);
		if (year >= d->year)   /* born last year at the latest: never a future date */
			year = d->year - 1 - pick(d, 3);
		person_name(d, surname, name, sizeof name);
		if (add_member(d, h, sex == 'M' ? "son" : "daughter", name, year, sex))
			return -1;
	}
	return 0;
}

/* A monitored household's measure (most get a development one) and its latest visit
 * (most within the sample 30-day interval, some overdue). Ids are the store's to give. */
static int add_followup(struct demo *d, struct household *h, int identified_year)
{
	static const char *const groups[] = {"industry", "employment", "finance", "public_job",
	                                     "health", "social_security"};
	static const char *const details[] = {"种养产业奖补", "安排就近务工", "小额信贷贴息",
	                                      "乡村公益岗位", "医疗救助", "纳入低保"};
	static const char *const findings[] = {"生活稳定，收入持续", "病情好转，需继续关注",
	                                       "务工收入稳定", "房屋已修缮"};
	static const char *const methods[] = {"home", "phone", "wechat"};
	char start[11], visit[11], amount[12];
	if (chance(d, 85)) {
		int g = pick(d, COUNT(groups));
		struct subrec *m = household_add_subrec(h, SUB_MEASURE);
		if (snprintf(start, sizeof start, "%04d-%02d-%02d", identified_year + 1, 1 + pick(d, 12),
		             1 + pick(d, 28)) >= (int)sizeof start)
			return -1;
		snprintf(amount, sizeof amount, "%d", 500 + pick(d, 50) * 100);
		if (!m || subrec_set(m, SUB_MEASURE, "grp", groups[g]) ||
		    subrec_set(m, SUB_MEASURE, "detail", details[g]) ||
		    subrec_set(m, SUB_MEASURE, "start_date", start) ||
		    subrec_set(m, SUB_MEASURE, "amount", amount) ||
		    subrec_set(m, SUB_MEASURE, "responsible", "镇帮扶工作站"))
			return -1;
	}
	if (chance(d, 90)) {
		/* a visit 0-44 days ago: about a third fall due within the sample interval */
		struct subrec *v = household_add_subrec(h, SUB_VISIT);
		if (date_add_days(d->today, -pick(d, 45), visit) || !v ||
		    subrec_set(v, SUB_VISIT, "date", visit) ||
		    subrec_set(v, SUB_VISIT, "visitor", "帮扶干部") ||
		    subrec_set(v, SUB_VISIT, "method", methods[pick(d, 3)]) ||
		    subrec_set(v, SUB_VISIT, "findings", findings[pick(d, COUNT(findings))]))
			return -1;
	}
	return 0;
}

static int add_case(struct demo *d, struct household *h)
{
	static const char *const risk_sets[] = {
		"illness", "illness,disability", "schooling", "disaster", "accident",
		"industry", "employment", "no_labour", "illness,no_labour", "schooling,employment"};
	static const char *const sources[] = {"self", "cadre", "department"};
	struct hcase *c = household_add_case(h);
	if (!c)
		return -1;
	const char *category = strcmp(household_get(h, HF_TYPE), "lifted") == 0 ? "unstable"
	                     : chance(d, 75) ? "marginal" : "sudden";
	int eliminated = chance(d, 35);
	char identified[8];
	int year = d->year - 1 - pick(d, 4);
	if (snprintf(identified, sizeof identified, "%04d-%02d", year, 1 + pick(d, 12)) >=
	    (int)sizeof identified)
		return -1;
	if (!eliminated && add_followup(d, h, year))
		return -1;
	if (case_set(c, CF_CATEGORY, category) ||
	    case_set(c, CF_RISKS, risk_sets[pick(d, COUNT(risk_sets))]) ||
	    case_set(c, CF_SOURCE, sources[pick(d, 3)]) || case_set(c, CF_IDENTIFIED, identified) ||
	    case_set(c, CF_ELIMINATED, eliminated ? "yes" : "no") ||
	    model_strset(&c->state, eliminated ? "eliminated" : "assisting"))
		return -1;
	return 0;
}

/* The villages of county, found at its first draw; NULL when out of memory. */
static const struct demo_county *county_villages(struct demo *d, const char *county)
{
	for (int i = 0; i < d->ncounties; i++)
		if (strcmp(d->counties[i].code, county) == 0)
			return &d->counties[i];
	struct demo_county *more = realloc(d->counties, (size_t)(d->ncounties + 1) * sizeof *more);
	if (!more)
		return NULL;
	d->counties = more;
	struct demo_county *c = &more[d->ncounties];
	memset(c, 0, sizeof *c);
	snprintf(c->code, sizeof c->code, "%s", county);
	int n = regions_places_under(county, &c->first);
	c->village_at = malloc((size_t)(n + 1) * sizeof *c->village_at);
	c->rural_at = malloc((size_t)(n + 1) * sizeof *c->rural_at);
	if (!c->village_at || !c->rural_at) {
		free(c->village_at);
		free(c->rural_at);
		return NULL;
	}
	d->ncounties++;
	for (int i = 0; i < n; i++)
		if (strlen(c->first[i].code) == 12) {
			c->village_at[c->villages++] = i;
			if (c->first[i].kind == 'c')
				c->rural_at[c->rural++] = i;
		}
	return c;
}

/* A real village of the county: a rural 村委会 nine times in ten where the county has
 * any, else any village-level place. */
static const struct ref_place *pick_village(struct demo *d, const char *county)
{
	const struct demo_county *c = county_villages(d, county);
	if (!c)
		return NULL;
	int want_rural = chance(d, 90) && c->rural;     /* one draw either way: the stream stays */
	int k = pick(d, want_rural ? c->rural : c->villages);
	return &c->first[want_rural ? c->rural_at[k] : c->village_at[k]];
}

/* 东莞 (4419) and 中山 (4420) have no counties: their towns lie directly under the city.
 * One household in 25 lives there, in place of the county drawn (no draw of its own, so
 * the rest of the stream stays as it was). */
static const char *county_of(const struct demo *d, const struct ref_county *drawn)
{
	static const char *const city_towns[] = {"441900", "442000"};
	return d->count % 25 == 12 ? city_towns[(d->count / 25) % 2] : drawn->code;
}

int demo_next(struct demo *d, struct household *h)
{
	const char *county = county_of(d, pick_county(d));
	const struct ref_place *v = pick_village(d, county), *t;
	char town_code[10], number[24], income[16];
	if (!v)
		return -1;
	snprintf(town_code, sizeof town_code, "%.9s", v->code);
	if (!(t = regions_place(town_code)))
		return -1;
	if (snprintf(number, sizeof number, "%s%04ld", v->code, ++d->count) >= (int)sizeof number)
		return -1;
	int lifted = chance(d, 35);
	snprintf(income, sizeof income, "%d", 4000 + pick(d, lifted ? 12000 : 30000));
	memset(h, 0, sizeof *h);
	h->synthetic = 1;
	if (household_set(h, HF_NO, number) || household_set(h, HF_COUNTY, county) ||
	    household_set(h, HF_TOWNCODE, town_code) ||
	    household_set(h, HF_TOWN, regions_place_name(t)) ||
	    household_set(h, HF_VILLCODE, v->code) ||
	    household_set(h, HF_VILLAGE, regions_place_name(v)) ||
	    household_set(h, HF_TYPE, lifted ? "lifted" : "ordinary") ||
	    household_set(h, HF_INCOME, income) ||
	    household_set(h, HF_HOUSING, chance(d, 92) ? "yes" : "no") ||
	    household_set(h, HF_SCHOOL, chance(d, 97) ? "yes" : "no") ||
	    household_set(h, HF_MEDICAL, chance(d, 95) ? "yes" : "no") ||
	    household_set(h, HF_WATER, chance(d, 95) ? "yes" : "no") ||
	    household_set(h, HF_COSTS, chance(d, 90) ? "yes" : "no") || add_people(d, h) ||
	    (chance(d, lifted ? 20 : 6) && add_case(d, h)))
		return -1;
	return 0;
}
