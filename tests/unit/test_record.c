/* test_record.c — the canonical audit text of a household: exact bytes for a known
 * record, escaping, and parse(render(h)) giving the same record (same bytes again). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/record.h"
#include "core/user_text.h"

static void sample(struct household *h)
{
	memset(h, 0, sizeof *h);
	strcpy(h->id, "H4418210000001");
	household_set(h, HF_NO, "4418210001");
	household_set(h, HF_COUNTY, "441821");
	household_set(h, HF_TOWN, "迳头镇");
	household_set(h, HF_TOWNCODE, "441821107");
	household_set(h, HF_VILLAGE, "青竹村");
	household_set(h, HF_VILLCODE, "441821107202");
	household_set(h, HF_ADDRESS, "上围\n12号\\A");
	household_set(h, HF_TYPE, "lifted");
	household_set(h, HF_INCOME, "6800");
	struct member *m = household_add_member(h);
	member_set(m, MF_NAME, "李秀英");
	member_set(m, MF_ID, "441821196803121232");
	model_strset(&m->id_original, "441821680312123");
	model_strset(&m->birth, "1968-03-12");
	member_set(m, MF_RELATION, "head");
	member_set(m, MF_SEX, "M");
	member_set(m, MF_HEALTH, "chronic,disabled");
	struct hcase *c = household_add_case(h);
	strcpy(c->id, "C0000001");
	model_strset(&c->state, "assisting");
	case_set(c, CF_CATEGORY, "unstable");
	case_set(c, CF_RISKS, "illness,disability");
	case_set(c, CF_ELIMINATED, "no");
}

static const char expected[] =
	"household: H4418210000001\n"
	"household_no: 4418210001\n"
	"county_code: 441821 佛冈县\n"
	"town: 迳头镇\n"
	"town_code: 441821107\n"
	"village: 青竹村\n"
	"village_code: 441821107202\n"
	"address: 上围\\n12号\\\\A\n"
	"household_type: lifted 脱贫户\n"
	"income_per_capita: 6800\n"
	"\n[member 1]\n"
	"name: 李秀英\n"
	"id_number: 441821196803121232\n"
	"id_original: 441821680312123\n"
	"birth: 1968-03-12\n"
	"relation: head 户主\n"
	"sex: M 男\n"
	"health: chronic 长期慢性病, disabled 残疾\n"
	"\n[case C0000001]\n"
	"state: assisting\n"
	"category: unstable 脱贫不稳定户\n"
	"risks: illness 因病, disability 因残\n"
	"eliminated: no 否\n";

static void test_render_exact(void **state)
{
	(void)state;
	struct household h;
	struct buf b = {0};
	sample(&h);
	record_render(NULL, &h, &b);
	assert_string_equal(buf_str(&b), expected);
	buf_free(&b);
	household_free(&h);
}

static void test_round_trip(void **state)
{
	(void)state;
	struct household h, back = {0};
	struct buf a = {0}, b = {0};
	char err[256];
	sample(&h);
	record_render(NULL, &h, &a);
	assert_int_equal(record_parse(NULL, buf_str(&a), &back, err, sizeof err), 0);
	assert_string_equal(household_get(&back, HF_ADDRESS), "上围\n12号\\A");
	assert_string_equal(household_get(&back, HF_COUNTY), "441821");
	assert_string_equal(member_get(&back.members[0], MF_HEALTH), "chronic,disabled");
	assert_string_equal(back.members[0].id_original, "441821680312123");
	assert_string_equal(back.cases[0].id, "C0000001");
	assert_string_equal(back.cases[0].state, "assisting");
	record_render(NULL, &back, &b);
	assert_string_equal(buf_str(&a), buf_str(&b));
	buf_free(&a);
	buf_free(&b);
	household_free(&h);
	household_free(&back);
}

static void test_parse_errors(void **state)
{
	(void)state;
	struct household h = {0};
	char err[256];
	assert_int_equal(record_parse(NULL, "household: H1\ncolour: red\n", &h, err, sizeof err), -1);
	assert_string_equal(err, "line 2: unknown key \"colour\"");
	household_free(&h);
	memset(&h, 0, sizeof h);
	assert_int_equal(record_parse(NULL, "household: H1\nno colon here\n", &h, err, sizeof err), -1);
	assert_string_equal(err, "line 2: not a \"key: value\" line");
	household_free(&h);
	memset(&h, 0, sizeof h);
	assert_int_equal(record_parse(NULL, "household: H1\n\n[member 2]\n", &h, err, sizeof err), -1);
	assert_string_equal(err, "line 3: unexpected section [member 2]");
	household_free(&h);
	memset(&h, 0, sizeof h);
	assert_int_equal(record_parse(NULL, "household_no: 1\n", &h, err, sizeof err), -1);
	assert_string_equal(err, "no \"household:\" line");
	household_free(&h);
	memset(&h, 0, sizeof h);
	assert_int_equal(record_parse(NULL, "household: H1\naddress: bad \\q escape\n", &h, err, sizeof err), -1);
	household_free(&h);
}

static void test_empty_values_left_out(void **state)
{
	(void)state;
	struct buf b = {0};
	record_put(&b, "hamlet", "");
	record_put(&b, "hamlet", NULL);
	assert_int_equal(b.len, 0);
	record_put(&b, "note", "a\tb\r\n");
	assert_string_equal(buf_str(&b), "note: a\\tb\\r\\n\n");
	char out[16];
	assert_int_equal(record_unescape("a\\tb\\r\\n", out, sizeof out), 0);
	assert_string_equal(out, "a\tb\r\n");
	buf_free(&b);
}

/* A user's text: exact bytes, escaping, round trip, and what parse refuses. */
static void test_user_text(void **state)
{
	(void)state;
	struct user u = {0}, back;
	char err[200];
	struct buf out = {0};
	strcpy(u.login, "wang");
	strcpy(u.name, "王小明\n二");
	u.role = ROLE_TOWNSHIP;
	strcpy(u.scope, "441821107");
	user_render(&u, &out);
	assert_string_equal(out.s, "login: wang\nname: 王小明\\n二\nrole: township 镇级审核\n"
	                           "scope: 441821107\n");
	assert_int_equal(user_parse(out.s, &back, err, sizeof err), 0);
	assert_string_equal(back.login, "wang");
	assert_string_equal(back.name, "王小明\n二");
	assert_int_equal(back.role, ROLE_TOWNSHIP);
	assert_string_equal(back.scope, "441821107");
	assert_string_equal(back.disabled, "");

	strcpy(u.disabled, "2026-03-01");
	buf_reset(&out);
	user_render(&u, &out);
	assert_non_null(strstr(out.s, "disabled: 2026-03-01\n"));
	assert_int_equal(user_parse(out.s, &back, err, sizeof err), 0);
	assert_string_equal(back.disabled, "2026-03-01");
	struct buf again = {0};
	user_render(&back, &again);
	assert_string_equal(again.s, out.s);              /* the same bytes again */
	buf_free(&again);
	buf_free(&out);

	assert_int_equal(user_parse("login: a\nrole: king\n", &back, err, sizeof err), -1);
	assert_non_null(strstr(err, "line 2: unknown role king"));
	assert_int_equal(user_parse("login: a\ncolour: red\n", &back, err, sizeof err), -1);
	assert_non_null(strstr(err, "unknown key colour"));
	assert_int_equal(user_parse("name: 无登录名\n", &back, err, sizeof err), -1);
	assert_non_null(strstr(err, "malformed user record"));
	assert_int_equal(user_parse("login wang\n", &back, err, sizeof err), -1);
	/* a value too long for its field is refused, never cut */
	assert_int_equal(user_parse("login: a\nscope: 44182110720212345\n", &back, err, sizeof err), -1);
	assert_non_null(strstr(err, "line 2: scope is too long"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_exact),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_empty_values_left_out),
		cmocka_unit_test(test_user_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
