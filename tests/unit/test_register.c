/* test_register.c — the register CSV check (defects by line and column, grouping by
 * 户编号, household rules), value normalisation through the field table, the export
 * rows, and the query language. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/query.h"
#include "core/register.h"

#define TODAY "2026-11-29"
#define HEADER "户编号,county_code,乡镇,行政村,姓名,证件号码,与户主关系,性别,家庭人均纯收入,监测对象类别,风险类型\n"

struct seen { char lines[32][256]; int n; };

static void collect(void *ctx, long line, const char *column, const char *msg)
{
	struct seen *s = ctx;
	if (s->n < 32)
		snprintf(s->lines[s->n++], sizeof s->lines[0], "%ld: %s: %s", line,
		         column ? column : "-", msg);
}

static int has(const struct seen *s, const char *text)
{
	for (int i = 0; i < s->n; i++)
		if (strstr(s->lines[i], text))
			return 1;
	for (int i = 0; i < s->n; i++)
		print_message("  reported: %s\n", s->lines[i]);
	print_message("  missing:  %s\n", text);
	return 0;
}

static int check(const char *csv, struct register_batch *b, struct seen *s)
{
	memset(b, 0, sizeof *b);
	memset(s, 0, sizeof *s);
	return register_read_csv(NULL, csv, strlen(csv), TODAY, b, collect, s);
}

static void test_good_file(void **state)
{
	(void)state;
	struct register_batch b;
	struct seen s;
	const char *csv = HEADER
		"1,441821,迳头镇,青竹村,李秀英,441821197501011008,户主,女,6800,脱贫不稳定户,因病、因残\n"
		"1,441821,迳头镇,青竹村,王建国,441821680312123,配偶,,6800,脱贫不稳定户,因残，因病\n"
		"2,441821,迳头镇,青竹村,张三,441821198005051013,户主,男,12500.50,,\n";
	assert_int_equal(check(csv, &b, &s), 0);
	assert_int_equal(b.defects, 0);
	assert_int_equal(b.nhouseholds, 2);
	assert_int_equal(b.households[0].nmembers, 2);
	assert_string_equal(member_get(&b.households[0].members[1], MF_ID), "441821196803121232");
	assert_string_equal(b.households[0].members[1].id_original, "441821680312123");
	assert_string_equal(member_get(&b.households[0].members[1], MF_SEX), "M");
	assert_int_equal(b.households[0].ncases, 1);
	assert_string_equal(case_get(&b.households[0].cases[0], CF_RISKS), "illness,disability");
	assert_string_equal(household_get(&b.households[1], HF_INCOME), "12500.5");
	assert_int_equal(b.households[1].ncases, 0);
	/* the export writes labels, in the import's columns */
	struct buf out = {0};
	register_csv_rows(NULL, &b.households[0], &out);
	assert_non_null(strstr(buf_str(&out), ",户主,女,"));
	assert_non_null(strstr(buf_str(&out), ",因病、因残,"));
	buf_free(&out);
	register_batch_free(&b);
}

/* A 收入年度 column: each household's year, checked, the same on every row of one. */
static void test_income_year_column(void **state)
{
	(void)state;
	struct register_batch b;
	struct seen s;
	const char *csv = "户编号,county_code,乡镇,行政村,姓名,证件号码,与户主关系,家庭人均纯收入, 收入　年度\n"
		"1,441821,迳头镇,青竹村,李秀英,441821197501011008,户主,6800,2025\n"
		"1,441821,迳头镇,青竹村,王建国,441821680312123,配偶,6800,2025\n"
		"2,441821,迳头镇,青竹村,张三,441821198005051013,户主,12500,\n";
	assert_int_equal(check(csv, &b, &s), 0);
	assert_int_equal(b.defects, 0);
	assert_true(has(&s, "taken as the year of 家庭人均纯收入"));
	assert_false(b.warnings);
	assert_string_equal(b.income_years[0], "2025");
	assert_string_equal(b.income_years[1], "");
	register_batch_free(&b);
	const char *bad = "户编号,county_code,乡镇,行政村,姓名,证件号码,与户主关系,家庭人均纯收入,年度\n"
		"1,441821,迳头镇,青竹村,李秀英,441821197501011008,户主,6800,2025\n"
		"1,441821,迳头镇,青竹村,王建国,441821680312123,配偶,6800,2024\n"
		"2,441821,迳头镇,青竹村,张三,441821198005051013,户主,12500,2027\n";
	assert_int_equal(check(bad, &b, &s), 0);
	assert_int_equal(b.defects, 2);
	assert_true(has(&s, "3: 年度: household-level value \"2024\" differs from \"2025\""));
	assert_true(has(&s, "4: 年度: \"2027\" is not a year from 2000 to this one"));
	register_batch_free(&b);
}

static void test_defects_named(void **state)
{
	(void)state;
	struct register_batch b;
	struct seen s;
	const char *csv = HEADER
		"1,441821,迳头镇,青竹村,李秀英,441821197501011008,户主,男,6800,,\n"        /* 2 sex */
		"1,441821,迳头镇,青竹村,王五,441821197501011008,户主,,6900,,\n"             /* 3 dup, head, income */
		"2,449999,迳头镇,青竹村,赵\x01六,441821198005051013,户主,,abc,火星户,\n"   /* 4 */
		"3,441821,迳头镇,青竹村,钱七,441821198005051013,之子,,,,因病\n";             /* 5 */
	assert_int_equal(check(csv, &b, &s), 0);
	assert_true(has(&s, "2: 性别: sex 男 disagrees with the ID number"));
	assert_true(has(&s, "3: 证件号码: ID number 441821197501011008 already on line 2"));
	assert_true(has(&s, "3: 家庭人均纯收入: household-level value \"6900\" differs"));
	assert_true(has(&s, "3: 与户主关系: household 1 has 2 heads of household"));
	assert_true(has(&s, "4: county_code: unknown county code \"449999\""));
	assert_true(has(&s, "4: 姓名: control character"));
	assert_true(has(&s, "4: 家庭人均纯收入: \"abc\" is not a number"));
	assert_true(has(&s, "4: 监测对象类别: unknown 监测对象类别 \"火星户\""));
	assert_true(has(&s, "5: 风险类型: given but 监测对象类别 (category) is empty"));
	assert_true(has(&s, "household 3 has 0 heads of household"));
	assert_true(b.bad[0] && b.bad[1] && b.bad[2]);
	register_batch_free(&b);
}

static void test_header_problems(void **state)
{
	(void)state;
	struct register_batch b;
	struct seen s;
	assert_int_equal(check("姓名,colour\n张三,red\n", &b, &s), -1);
	assert_true(has(&s, "1: colour: unknown column, ignored"));
	assert_true(has(&s, "required column 户编号 (household_no) is missing"));
	assert_true(has(&s, "required column 证件号码 (id_number) is missing"));
	register_batch_free(&b);
	assert_int_equal(check("", &b, &s), -1);
	assert_true(has(&s, "empty file"));
	register_batch_free(&b);
	assert_int_equal(check(HEADER, &b, &s), -1);
	assert_true(has(&s, "no data rows"));
	register_batch_free(&b);
}

/* The cross-field rules of the national form: each is a defect naming the column. */
static void test_cross_field(void **state)
{
	(void)state;
	struct register_batch b;
	struct seen s;
	const char *csv = "户编号,county_code,乡镇,行政村,姓名,证件号码,与户主关系,务工月数,务工地点,"
		"是否参加城乡居民基本医疗保险,是否参加职工基本医疗保险,残疾证号\n"
		"1,441821,迳头镇,青竹村,李秀英,441821197501011008,户主,0,东莞,是,否,\n"
		"2,441821,迳头镇,青竹村,张三,441821198005051013,户主,6,东莞,是,是,\n"
		"3,441821,迳头镇,青竹村,王五,441821198005051013X,户主,,,,,\n"
		"4,441821,迳头镇,青竹村,赵六,11010519491231002X,户主,,,否,是,44182119750101100811\n"
		"5,441821,迳头镇,青竹村,钱七,441821199002022019,户主,3,广州,否,是,44182119900202201911\n";
	assert_int_equal(check(csv, &b, &s), 0);
	assert_true(has(&s, "work place given but no months worked"));
	assert_true(has(&s, "exactly one of the two"));
	assert_true(has(&s, "does not begin with the member's ID number"));
	assert_int_equal(b.defects, 4);   /* row 3: ID has 19 characters; row 5 is clean */
	assert_true(b.bad[0] && b.bad[1] && b.bad[2] && b.bad[3] && !b.bad[4]);
	register_batch_free(&b);
	const char *cert = "户编号,county_code,乡镇,行政村,姓名,证件号码,与户主关系\n"
		"1,441821,迳头镇,青竹村,李秀英,44182119750101100811,户主\n";
	assert_int_equal(check(cert, &b, &s), 0);
	assert_true(has(&s, "证件号码: \"44182119750101100811\" is a 20-character disability certificate"));
	register_batch_free(&b);
}

static void normalised(enum field_id f, const char *raw, const char *want)
{
	char out[256], err[256] = "";
	int rc = model_value_normalise(NULL, f, raw, TODAY, out, sizeof out, err, sizeof err);
	if (rc)
		print_message("%s: %s\n", raw, err);
	assert_int_equal(rc, 0);
	assert_string_equal(out, want);
}

static void refused(enum field_id f, const char *raw)
{
	char out[256], err[256];
	assert_int_equal(model_value_normalise(NULL, f, raw, TODAY, out, sizeof out, err, sizeof err), -1);
	assert_true(err[0] != '\0');
}

static void test_normalise(void **state)
{
	(void)state;
	normalised(HF_INCOME, "6800.00", "6800");
	normalised(HF_INCOME, "0068.50", "68.5");
	normalised(HF_INCOME, "-0", "0");
	refused(HF_INCOME, "6,800");
	refused(HF_INCOME, "1.234");
	normalised(CF_IDENTIFIED, "202305", "2023-05");
	normalised(CF_IDENTIFIED, "2023-05-17", "2023-05-17");
	refused(CF_IDENTIFIED, "2023-02-30");
	refused(CF_IDENTIFIED, "2027-01");
	normalised(MF_PHONE, "13800138000", "13800138000");
	refused(MF_PHONE, "0763-5551234");          /* a member's phone is an 11-digit mobile */
	normalised(HF_PHONE, "0763-5551234", "0763-5551234");   /* the household's may be a landline */
	refused(HF_CONTACT_PHONE, "0763-5551234");
	normalised(HF_CONTACT_PHONE, "13800138000", "13800138000");
	refused(MF_PHONE, "1380013800");
	normalised(MF_DISCERT, "11010519491231002x11", "11010519491231002X11");
	refused(MF_DISCERT, "11010519491231002X");
	refused(MF_DISCERT, "11010519491231002X1A");
	refused(MF_ID, "11010519491231002X11");    /* a certificate number in the ID column */
	normalised(MF_DISABILITY, "二级", "2");
	normalised(MF_BENEFITS, "临时救助、城乡居民基本养老保险", "pension,temporary");
	normalised(HF_RELOCATED, "是", "yes");
	normalised(MF_RELATION, "户主", "head");
	normalised(MF_RELATION, "spouse", "spouse");
	refused(MF_RELATION, "老板");
	normalised(MF_MONTHS, "12", "12");
	refused(MF_MONTHS, "13");
	normalised(HF_ADDRESS, "一巷\n二号", "一巷\n二号");
	refused(HF_HAMLET, "一巷\n二号");
	refused(MF_NAME, "");
	normalised(HF_COUNTY, "441900", "441900");   /* 东莞: no county level */
	refused(HF_COUNTY, "441800");               /* a city with counties is not one */
	assert_int_equal(model_field_find("证件号码"), MF_ID);
	assert_int_equal(model_field_find("id_number"), MF_ID);
	assert_int_equal(model_field_find("colour"), -1);
}

static void test_query(void **state)
{
	(void)state;
	struct query q;
	char err[256];
	assert_int_equal(query_parse(NULL, "  张　county:441821 category:边缘易致贫户 income<6000", &q, err, sizeof err), 0);
	assert_int_equal(q.n, 4);
	assert_int_equal(q.terms[0].kind, Q_TEXT);
	assert_string_equal(q.terms[0].value, "张");
	assert_int_equal(q.terms[1].kind, Q_COUNTY);
	assert_int_equal(q.terms[2].kind, Q_CATEGORY);
	assert_string_equal(q.terms[2].value, "marginal");
	assert_int_equal(q.terms[3].kind, Q_INCOME_BELOW);
	assert_int_equal(query_parse(NULL, "colour:red", &q, err, sizeof err), -1);
	assert_non_null(strstr(err, "unknown filter"));
	assert_int_equal(query_parse(NULL, "category:富裕户", &q, err, sizeof err), -1);
	assert_int_equal(query_parse(NULL, "income<abc", &q, err, sizeof err), -1);
	assert_int_equal(query_parse(NULL, "county:", &q, err, sizeof err), -1);
	assert_int_equal(query_parse(NULL, "", &q, err, sizeof err), 0);
	assert_int_equal(q.n, 0);
}

/* --- a household read again, merged into the one bangfu keeps ---------------------- */

#define HEADER_PHONE "户编号,county_code,乡镇,行政村,姓名,证件号码,与户主关系,性别,家庭人均纯收入," \
                     "监测对象类别,风险类型,联系电话\n"

struct notes { char text[2048]; int n; };

static void note(void *ctx, const char *column, const char *msg)
{
	struct notes *n = ctx;
	size_t len = strlen(n->text);
	snprintf(n->text + len, sizeof n->text - len, "%s: %s\n", column, msg);
	n->n++;
}

/* bangfu's household 1: two members (one from a 15-digit number), a case in its
 * procedure with a step and a procedure date the file cannot carry. */
static void kept_household(struct household *kept)
{
	struct register_batch b;
	struct seen s;
	const char *csv = HEADER_PHONE
		"1,441821,迳头镇,青竹村,李秀英,441821197501011008,户主,女,6800,边缘易致贫户,因病,13800138000\n"
		"1,441821,迳头镇,青竹村,王建国,441821680312123,配偶,男,6800,边缘易致贫户,因病,\n";
	assert_int_equal(check(csv, &b, &s), 0);
	assert_int_equal(b.defects, 0);
	*kept = b.households[0];
	memset(&b.households[0], 0, sizeof b.households[0]);
	register_batch_free(&b);
	snprintf(kept->id, sizeof kept->id, "H4418210000001");
	snprintf(kept->cases[0].id, sizeof kept->cases[0].id, "C0000001");
	model_strset(&kept->cases[0].state, "visited");
	case_set(&kept->cases[0], CF_LEAD, "2026-11-01");
	struct subrec *step = household_add_subrec(kept, SUB_STEP);
	subrec_set(step, SUB_STEP, "id", "C0000001.001");
	subrec_set(step, SUB_STEP, "step", "open");
}

static void test_merge(void **state)
{
	struct household kept;
	struct register_batch b;
	struct seen s;
	struct notes n = {"", 0};
	kept_household(&kept);
	/* the file: a new phone and income, 王建国 by his 18-digit number, a new member, the
	 * case columns saying something else; no 民族 column at all */
	const char *csv = HEADER_PHONE
		"1,441821,迳头镇,青竹村,李秀英,441821197501011008,户主,女,7200,脱贫不稳定户,因病,13900000000\n"
		"1,441821,迳头镇,青竹村,王建国,441821196803121232,配偶,男,7200,脱贫不稳定户,因病,\n"
		"1,441821,迳头镇,青竹村,王小明,441821201001011019,之子,男,7200,脱贫不稳定户,因病,\n";
	assert_int_equal(check(csv, &b, &s), 0);
	assert_int_equal(b.defects, 0);
	assert_true(b.present[MF_PHONE]);
	assert_false(b.present[MF_ETHNICITY]);
	member_set(&kept.members[0], MF_ETHNICITY, "汉族");
	assert_int_equal(register_merge(&kept, &b.households[0], b.present, note, &n), 0);
	/* the register data of the file */
	assert_string_equal(household_get(&kept, HF_INCOME), "7200");
	assert_int_equal(kept.nmembers, 3);
	assert_string_equal(member_get(&kept.members[0], MF_PHONE), "13900000000");
	assert_string_equal(member_get(&kept.members[2], MF_NAME), "王小明");
	/* what the file does not carry stays */
	assert_string_equal(member_get(&kept.members[0], MF_ETHNICITY), "汉族");
	assert_string_equal(kept.members[1].id_original, "441821680312123");
	/* the casework stays; the differing case column is noted, not applied */
	assert_int_equal(kept.ncases, 1);
	assert_string_equal(kept.cases[0].state, "visited");
	assert_string_equal(case_get(&kept.cases[0], CF_CATEGORY), "marginal");
	assert_string_equal(case_get(&kept.cases[0], CF_LEAD), "2026-11-01");
	assert_int_equal(kept.nsub[SUB_STEP], 1);
	assert_int_equal(n.n, 1);
	assert_non_null(strstr(n.text, "监测对象类别: 监测对象类别 (category) is \"unstable\" in the "
	                              "file but \"marginal\" in case C0000001: not applied"));
	register_batch_free(&b);
	/* a member the file leaves out leaves */
	const char *fewer = HEADER
		"1,441821,迳头镇,青竹村,李秀英,441821197501011008,户主,女,7200,边缘易致贫户,因病\n";
	assert_int_equal(check(fewer, &b, &s), 0);
	assert_int_equal(register_merge(&kept, &b.households[0], b.present, NULL, NULL), 0);
	assert_int_equal(kept.nmembers, 1);
	assert_string_equal(member_get(&kept.members[0], MF_PHONE), "13900000000");  /* no column */
	register_batch_free(&b);
	household_free(&kept);
}

static void test_merge_starts_a_case(void **state)
{
	struct household kept = {0};
	struct register_batch b;
	struct seen s;
	const char *csv = HEADER
		"2,441821,迳头镇,青竹村,张三,441821198005051013,户主,男,5000,边缘易致贫户,因病\n";
	assert_int_equal(check(csv, &b, &s), 0);
	snprintf(kept.id, sizeof kept.id, "H4418210000002");
	household_set(&kept, HF_NO, "2");
	assert_int_equal(register_merge(&kept, &b.households[0], b.present, NULL, NULL), 0);
	assert_int_equal(kept.ncases, 1);
	assert_string_equal(case_get(&kept.cases[0], CF_CATEGORY), "marginal");
	assert_int_equal(kept.nmembers, 1);
	register_batch_free(&b);
	household_free(&kept);
}

/* Which fields `set` and the form may edit, at which level: the one rule. */
static void test_field_editable(void **state)
{
	(void)state;
	assert_int_equal(model_field_editable(MF_PHONE, 1), FIELD_EDITABLE);
	assert_int_equal(model_field_editable(MF_PHONE, 0), FIELD_EDIT_ON_MEMBER);
	assert_int_equal(model_field_editable(HF_HAMLET, 0), FIELD_EDITABLE);
	assert_int_equal(model_field_editable(HF_HAMLET, 2), FIELD_EDIT_ON_HOUSEHOLD);
	assert_int_equal(model_field_editable(HF_COUNTY, 0), FIELD_EDIT_READONLY);
	assert_int_equal(model_field_editable(MF_SEX, 1), FIELD_EDIT_READONLY);
	assert_int_equal(model_field_editable(CF_NOTE, 0), FIELD_EDIT_CASE);
	assert_int_equal(model_field_editable(CF_NOTE, 1), FIELD_EDIT_CASE);
	/* every field is one of these, and the editable ones are exactly those not F_READONLY */
	for (int f = 0; f < FIELD_COUNT; f++) {
		int member = model_fields[f].level == LEVEL_MEMBER;
		enum field_edit e = model_field_editable((enum field_id)f, member);
		if (model_fields[f].level != LEVEL_CASE)
			assert_int_equal(e == FIELD_EDITABLE, !(model_fields[f].flags & F_READONLY));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_field_editable),
		cmocka_unit_test(test_income_year_column),
		cmocka_unit_test(test_defects_named),
		cmocka_unit_test(test_header_problems),
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_cross_field),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_merge_starts_a_case),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
