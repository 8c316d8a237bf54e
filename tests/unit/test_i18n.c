/* test_i18n.c — core/i18n: which catalog an environment gets (Chinese unless the first
 * of LANGUAGE, LC_ALL, LC_MESSAGES, LANG that is set names English), and that an
 * error message passes the catalog (the build's, found beside the unit test binaries). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "core/i18n.h"
#include "core/text.h"

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

static void messages_follow_the_catalog(void **state)
{
	(void)state;
	char err[256];
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C", 1);
	unsetenv("LANGUAGE");
	i18n_init();
	assert_int_equal(i18n_english(), 0);
	text_errorf(err, sizeof err, "%s%stoo long (%zu characters, at most %zu)", "", "", 9, 5);
	assert_null(strstr(err, "too long"));          /* Chinese by default */
	assert_non_null(strstr(err, "9"));
	setenv("LANG", "en_US.UTF-8", 1);
	unsetenv("LANGUAGE");
	i18n_init();
	assert_int_equal(i18n_english(), 1);
	text_errorf(err, sizeof err, "%s%stoo long (%zu characters, at most %zu)", "", "", 9, 5);
	assert_string_equal(err, "too long (9 characters, at most 5)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pick),
		cmocka_unit_test(messages_follow_the_catalog),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
