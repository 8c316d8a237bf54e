/* test_mask.c — the masked forms of ID and phone numbers, masking them in text (record
 * text, diffs, free text) and in a household, and who may reveal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/mask.h"

static void masked_text(const char *in, const char *want)
{
	struct buf b = {0};
	mask_text(in, &b);
	assert_non_null(buf_str(&b));
	if (strcmp(b.s, want) != 0)
		print_error("for  %s\n got  %s\n want %s\n", in, b.s, want);
	assert_string_equal(b.s, want);
	buf_free(&b);
}

static void test_forms(void **state)
{
	(void)state;
	char out[64];
	mask_id("441821197501011008", out, sizeof out);
	assert_string_equal(out, "4418**********1008");
	mask_id("44182120050817105X", out, sizeof out);
	assert_string_equal(out, "4418**********105X");
	mask_id("441821680312123", out, sizeof out);
	assert_string_equal(out, "4418*******2123");
	mask_phone("13800138000", out, sizeof out);
	assert_string_equal(out, "138****8000");
	mask_phone("0763-1234567", out, sizeof out);
	assert_string_equal(out, "076*****4567");
	mask_phone("12345", out, sizeof out);            /* short: only the last two kept */
	assert_string_equal(out, "***45");
	mask_phone("", out, sizeof out);
	assert_string_equal(out, "");
	mask_id("441821197501011008", out, 8);           /* no room: stars, never the value */
	assert_string_equal(out, "****");
	mask_value(MF_NAME, "李秀英", out, sizeof out);
	assert_string_equal(out, "李秀英");
	mask_value(MF_PHONE, "13800138000", out, sizeof out);
	assert_string_equal(out, "138****8000");
	assert_true(mask_is_masked("4418**********1008"));
	assert_false(mask_is_masked("441821197501011008"));
}

static void test_text_keys_and_diffs(void **state)
{
	(void)state;
	masked_text("id_number: 441821197501011008\nphone: 0763-1234567\nname: 李秀英\n",
	            "id_number: 4418**********1008\nphone: 076*****4567\nname: 李秀英\n");
	masked_text("@@ -3,2 +3,2 @@\n-phone: 13800138000\n+phone: 13900139000\n id_original: 441821680312123",
	            "@@ -3,2 +3,2 @@\n-phone: 138****8000\n+phone: 139****9000\n id_original: 4418*******2123");
	masked_text("@@ -21,7 +21,7 @@ phone: 0763-5551234\n",
	            "@@ -21,7 +21,7 @@ phone: 076*****1234\n");
	/* a long value is masked whole, not cut; only ASCII is kept (valid UTF-8 out) */
	masked_text("phone: 0763-12345678-8001-9999-1234567890\n", "phone: 076***************************7890\n");
	masked_text("phone: 电话\n", "phone: ******\n");
	/* codes and counts are not personal numbers */
	masked_text("village_code: 441821107202\nhousehold_no: 4418210001\nincome: 12000\n",
	            "village_code: 441821107202\nhousehold_no: 4418210001\nincome: 12000\n");
	masked_text("", "");
}

static void test_text_free(void **state)
{
	(void)state;
	masked_text("打电话13800138000问李𠀀(44182120050817105x)",
	            "打电话138****8000问李𠀀(4418**********105x)");
	masked_text("fingerprint: 441821197501011008|medical|2026-01-05",
	            "fingerprint: 4418**********1008|medical|2026-01-05");
	/* a 20-character disability certificate number starts with the ID number */
	masked_text("证号44182119750101100811", "证号4418************0811");
	/* 12 digits is no phone; a run inside a commit id is left alone */
	masked_text("138001380001 a13800138000f 1f2425c49a", "138001380001 a13800138000f 1f2425c49a");
	masked_text("12800138000 13800138000", "12800138000 138****8000");
}

static void test_household(void **state)
{
	(void)state;
	struct household h;
	memset(&h, 0, sizeof h);
	household_set(&h, HF_NO, "4418210001");
	household_set(&h, HF_ADDRESS, "上围12号 电话13800138000");
	struct member *m = household_add_member(&h);
	member_set(m, MF_NAME, "李秀英");
	member_set(m, MF_ID, "441821196803121232");
	member_set(m, MF_PHONE, "13800138001");
	model_strset(&m->id_original, "441821680312123");
	struct subrec *w = household_add_subrec(&h, SUB_WARNING);
	subrec_set(w, SUB_WARNING, "id", "W0000001");
	subrec_set(w, SUB_WARNING, "id_number", "441821196803121232");
	subrec_set(w, SUB_WARNING, "fingerprint", "441821196803121232|medical|2026-01-05");
	assert_int_equal(mask_household(&h), 0);
	assert_string_equal(household_get(&h, HF_NO), "4418210001");
	assert_string_equal(household_get(&h, HF_ADDRESS), "上围12号 电话138****8000");
	assert_string_equal(member_get(m, MF_NAME), "李秀英");
	assert_string_equal(member_get(m, MF_ID), "4418**********1232");
	assert_string_equal(member_get(m, MF_PHONE), "138****8001");
	assert_string_equal(m->id_original, "4418*******2123");
	assert_string_equal(subrec_get(w, SUB_WARNING, "id"), "W0000001");
	assert_string_equal(subrec_get(w, SUB_WARNING, "id_number"), "4418**********1232");
	assert_string_equal(subrec_get(w, SUB_WARNING, "fingerprint"), "4418**********1232|medical|2026-01-05");
	household_free(&h);
}

static void test_who_may_reveal(void **state)
{
	(void)state;
	assert_true(mask_may_reveal(ROLE_CASEWORKER));
	assert_true(mask_may_reveal(ROLE_TOWNSHIP));
	assert_true(mask_may_reveal(ROLE_COUNTY));
	assert_true(mask_may_reveal(ROLE_ADMIN));
	assert_false(mask_may_reveal(ROLE_AUDITOR));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_text_keys_and_diffs),
		cmocka_unit_test(test_text_free),
		cmocka_unit_test(test_household),
		cmocka_unit_test(test_who_may_reveal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
