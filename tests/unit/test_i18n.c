/* test_i18n.c — core/i18n: which catalog an environment gets (Chinese unless the first
 * of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set names English). That messages
 * follow the catalog is tests/e2e/language.sh's. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/i18n.h"

static void pick(void **state)
{
	(void)state;
	assert_string_equal(i18n_pick(NULL, NULL, NULL, NULL), "zh_CN");
	assert_string_equal(i18n_pick(NULL, NULL, NULL, "C"), "zh_CN");
	assert_string_equal(i18n_pick(NULL, NULL, NULL, "POSIX"), "zh_CN");
	assert_string_equal(i18n_pick(NULL, NULL, NULL, "zh_CN.UTF-8"), "zh_CN");
	assert_string_equal(i18n_pick(NULL, NULL, NULL, "fr_FR.UTF-8"), "zh_CN");
	assert_string_equal(i18n_pick(NULL, NULL, NULL, "en_US.UTF-8"), "en");
	assert_string_equal(i18n_pick(NULL, NULL, NULL, "en"), "en");
	assert_string_equal(i18n_pick(NULL, NULL, NULL, "en@quot"), "en");
	/* a name that only starts like English is not English */
	assert_string_equal(i18n_pick(NULL, NULL, NULL, "enx_XX"), "zh_CN");
	/* precedence: LANGUAGE, then LC_ALL, then LC_MESSAGES, then LANG; empty is unset */
	assert_string_equal(i18n_pick("en:zh_CN", "zh_CN.UTF-8", NULL, NULL), "en");
	assert_string_equal(i18n_pick("zh_CN:en", "en_US.UTF-8", NULL, NULL), "zh_CN");
	assert_string_equal(i18n_pick("", "en_US.UTF-8", "zh_CN.UTF-8", NULL), "en");
	assert_string_equal(i18n_pick(NULL, "", "en_GB.UTF-8", "zh_CN.UTF-8"), "en");
	assert_string_equal(i18n_pick(NULL, "C.UTF-8", NULL, "en_US.UTF-8"), "zh_CN");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pick),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
