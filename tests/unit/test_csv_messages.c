/* test_csv_messages.c — a CSV syntax error in the user's language (the build's catalogs):
 * "line N: ..." in English, "第 N 行：..." in Chinese, and csv_error_text takes the line
 * prefix off in both (the import reports print FILE:LINE: themselves). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "core/csv.h"
#include "tests/unit/speak.h"

/* Read the broken file; err gets csv_read's message, the return is csv_error_text's. */
static const char *read_broken(char *err, size_t errlen)
{
	static const char text[] = "a,b\n1,\"2\"x\n";
	struct csv_reader r;
	struct csv_record rec;
	memset(&rec, 0, sizeof rec);
	csv_reader_init(&r, text, sizeof text - 1);
	int rc;
	while ((rc = csv_read(&r, &rec, err, errlen)) > 0)
		;
	csv_record_free(&rec);
	assert_true(rc < 0);
	return csv_error_text(err);
}

static void english_prefix_taken_off(void **state)
{
	(void)state;
	char err[256];
	speak("en");
	const char *bare = read_broken(err, sizeof err);
	assert_int_equal(strncmp(err, "line 2: ", 8), 0);
	assert_string_equal(bare, err + 8);
	assert_string_equal(csv_error_text("no line here"), "no line here");
}

static void chinese_prefix_taken_off(void **state)
{
	(void)state;
	char err[256];
	speak("zh_CN");
	const char *bare = read_broken(err, sizeof err);
	assert_int_equal(strncmp(err, "第 2 行：", strlen("第 2 行：")), 0);
	assert_string_equal(bare, err + strlen("第 2 行："));
	assert_string_equal(csv_error_text("line 2: x"), "line 2: x");  /* not this language's */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(english_prefix_taken_off),
		cmocka_unit_test(chinese_prefix_taken_off),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
