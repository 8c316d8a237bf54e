/* test_audit_what.c — core/audit_what: the history's "what" of a change to a household
 * file: a field by its Chinese name, a member's field after the member's name, a field
 * emptied, a step by its label (and not its case's lines), a record added or removed,
 * a new file, and no difference. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "core/audit_what.h"

static const char base[] =
	"household: H4418210000001\n"
	"address: 青竹村上围12号\n"
	"household_type: lifted 脱贫户\n"
	"\n[member 1]\nname: 李秀英\nrelation: head 户主\nphone: 138****1008\n"
	"\n[member 2]\nname: 王建国\nrelation: spouse 配偶\n"
	"\n[case C0000001]\nstate: lead\nlast_step_date: 2026-01-05\n"
	"\n[step C0000001.001]\ncase_id: C0000001\nstep: open\nto_state: lead\n";

static char *with(const char *from, const char *to)
{
	static char out[4096];
	const char *at = strstr(base, from);
	assert_non_null(at);
	snprintf(out, sizeof out, "%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
	return out;
}

static void what_is(const char *old, const char *new_text, const char *expected)
{
	char out[256];
	audit_what(old, new_text, out, sizeof out);
	assert_string_equal(out, expected);
}

static void test_fields(void **state)
{
	(void)state;
	what_is(base, with("上围12号", "上围十二号"), "家庭住址");
	what_is(base, with("lifted 脱贫户", "ordinary 一般农户"), "户类型");
	what_is(base, with("relation: spouse 配偶\n", "relation: spouse 配偶\nphone: 139****2000\n"),
	        "王建国 联系电话");
	what_is(base, with("address: 青竹村上围12号\n", ""), "家庭住址");   /* emptied: the line goes */
	what_is(base, with("上围12号\nhousehold_type: lifted 脱贫户", "下围\nhousehold_type: ordinary 一般农户"),
	        "家庭住址、户类型");
	what_is(base, base, "");
}

static void test_steps_and_records(void **state)
{
	(void)state;
	char next[4096];
	snprintf(next, sizeof next, "%s\n[step C0000001.002]\ncase_id: C0000001\nstep: visit\n"
	         "to_state: visited\n", with("state: lead\nlast_step_date: 2026-01-05",
	                                    "state: visited\nlast_step_date: 2026-01-06"));
	what_is(base, next, "入户核实");   /* the case's state and date follow the step */
	snprintf(next, sizeof next, "%s\n[step C0000001.002]\ncase_id: C0000001\nstep: township_pass\n",
	         base);
	what_is(base, next, "镇级审核通过");
	snprintf(next, sizeof next, "%s\n[visit V0000001]\ncase_id: C0000001\ndate: 2026-01-06\n", base);
	what_is(base, next, "走访");
	what_is(next, base, "删除走访");
	what_is(base, with("\n[member 2]\nname: 王建国\nrelation: spouse 配偶\n", ""), "移出成员 王建国");
	what_is(NULL, base, "新建户档案");
	what_is(base, NULL, "删除户档案");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_steps_and_records),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
