/* test_encoding.c — bringing input to UTF-8: detection of UTF-8 / GB18030 / UTF-16,
 * named encodings, and error messages with byte offset and line. Expected GB18030 and
 * UTF-16 bytes were produced with Python's own codecs, not with iconv. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "core/encoding.h"
#include "core/text.h"

#define ZHANG_SAN_GB  "\xD5\xC5\xC8\xFD"               /* 张三 */
#define ZHANG_SAN_U8  "\xE5\xBC\xA0\xE4\xB8\x89"

/* Convert a literal (embedded NULs allowed) and expect success with text `want`. */
static void converts(const char *in, size_t n, const char *enc, const char *want,
                     const char *want_used)
{
	char *out = NULL, err[200] = "";
	size_t outlen = 99;
	const char *used = NULL;
	int rc = encoding_to_utf8(in, n, enc, &out, &outlen, &used, err, sizeof err);
	if (rc != 0)
		print_error("encoding_to_utf8: %s\n", err);
	assert_int_equal(rc, 0);
	assert_non_null(out);
	assert_int_equal(outlen, strlen(want));
	assert_memory_equal(out, want, outlen + 1);     /* the NUL too */
	assert_true(text_valid_utf8(out, outlen));
	assert_string_equal(used, want_used);
	free(out);
}

static void fails(const char *in, size_t n, const char *enc, const char *msg)
{
	char *out = (char *)"x", err[200] = "";
	size_t outlen = 99;
	assert_int_equal(encoding_to_utf8(in, n, enc, &out, &outlen, NULL, err, sizeof err), -1);
	assert_null(out);
	assert_int_equal(outlen, 0);
	assert_string_equal(err, msg);
}

#define CONVERTS(lit, enc, want, used) converts((lit), sizeof(lit) - 1, (enc), (want), (used))
#define FAILS(lit, enc, msg) fails((lit), sizeof(lit) - 1, (enc), (msg))

static void test_gb18030_two_byte(void **state)
{
	(void)state;
	CONVERTS(ZHANG_SAN_GB, NULL, ZHANG_SAN_U8, "GB18030");
	CONVERTS(ZHANG_SAN_GB, "auto", ZHANG_SAN_U8, "GB18030");
	CONVERTS("\xD0\xD5\xC3\xFB\r\n" ZHANG_SAN_GB "\r\n", NULL, "姓名\r\n张三\r\n", "GB18030");
	CONVERTS("\xD0\xD5\xC3\xFB," ZHANG_SAN_GB "\n", "AUTO", "姓名,张三\n", "GB18030");
}

static void test_gb18030_four_byte(void **state)
{
	(void)state;
	CONVERTS("\x95\x32\x82\x36", NULL, "\xF0\xA0\x80\x80", "GB18030");  /* 𠀀 U+20000 */
	CONVERTS("\x94\x39\xFC\x36", "gb18030", "\xF0\x9F\x98\x80", "GB18030"); /* 😀 */
	CONVERTS("\xA8\xA6", "GB18030", "\xC3\xA9", "GB18030");          /* é */
	/* The GB18030 BOM (U+FEFF) is dropped. */
	CONVERTS("\x84\x31\x95\x33" ZHANG_SAN_GB, "gb18030", ZHANG_SAN_U8, "GB18030");
}

static void test_named_encodings(void **state)
{
	(void)state;
	CONVERTS(ZHANG_SAN_GB, "gbk", ZHANG_SAN_U8, "GBK");
	CONVERTS(ZHANG_SAN_GB, "GBK", ZHANG_SAN_U8, "GBK");
	CONVERTS(ZHANG_SAN_GB, "cp936", ZHANG_SAN_U8, "GBK");
	CONVERTS(ZHANG_SAN_GB, "Gb18030", ZHANG_SAN_U8, "GB18030");
	CONVERTS(ZHANG_SAN_GB, "GB-18030", ZHANG_SAN_U8, "GB18030");
	CONVERTS(ZHANG_SAN_U8, "utf-8", ZHANG_SAN_U8, "UTF-8");
	CONVERTS(ZHANG_SAN_U8, "UTF8", ZHANG_SAN_U8, "UTF-8");
	CONVERTS("\xEF\xBB\xBF" "a", "utf_8", "a", "UTF-8");
	CONVERTS("\x5F\x20\x4E\x09\x00\x0A", "UTF-16BE", "张三\n", "UTF-16BE");

	/* A name bangfu does not know goes to iconv; *used is the caller's string. */
	const char *big5 = "big5", *used = NULL;
	char *out = NULL, err[100];
	size_t len;
	assert_int_equal(encoding_to_utf8("\xA4\xA4", 2, big5, &out, &len, &used, err, sizeof err), 0);
	assert_string_equal(out, "中");
	assert_ptr_equal(used, big5);
	free(out);
}

static void test_utf8_taken_as_is(void **state)
{
	(void)state;
	CONVERTS("户编号,姓名\n1,张三\n", NULL, "户编号,姓名\n1,张三\n", "UTF-8");
	CONVERTS("\xEF\xBB\xBF户编号\r\n", NULL, "户编号\r\n", "UTF-8");   /* BOM dropped */
	CONVERTS("\xEF\xBB\xBF", NULL, "", "UTF-8");
	CONVERTS("\xEF\xBB\xBF\xEF\xBB\xBF" "a\xEF\xBB\xBF", NULL, "a\xEF\xBB\xBF", "UTF-8");
	CONVERTS("", NULL, "", "UTF-8");
	CONVERTS("plain ascii", NULL, "plain ascii", "UTF-8");
	CONVERTS("\xF0\xA0\x80\x80", NULL, "\xF0\xA0\x80\x80", "UTF-8");
	/* Embedded NULs survive (the length says so); the CSV reader rejects them. */
	char *out = NULL;
	size_t len = 0;
	assert_int_equal(encoding_to_utf8("a\0b", 3, NULL, &out, &len, NULL, NULL, 0), 0);
	assert_int_equal(len, 3);
	assert_memory_equal(out, "a\0b", 4);
	free(out);
}

static void test_utf16_with_bom(void **state)
{
	(void)state;
	CONVERTS("\xFF\xFE\x20\x5F\x09\x4E\x0A\x00", NULL, "张三\n", "UTF-16");
	CONVERTS("\xFE\xFF\x5F\x20\x4E\x09", NULL, "张三", "UTF-16");
}

static void test_gbk_euro_fallback(void **state)
{
	(void)state;
	/* 0x80 is the euro sign in Windows' GBK (CP936) but not in GB18030. */
	CONVERTS("\x80" ZHANG_SAN_GB, NULL, "\xE2\x82\xAC" ZHANG_SAN_U8, "GBK");
}

static void test_bad_gb18030(void **state)
{
	(void)state;
	/* "ab\r\n" (0-3), 张 (4-5), "\n" (6), "x" (7), then 0x81 0x20 at 8. */
	FAILS("ab\r\n\xD5\xC5\nx\x81\x20yz", NULL,
	      "line 3 (byte offset 8): invalid GB18030 bytes 81 20 79 7A");
	FAILS("\xFF", NULL, "line 1 (byte offset 0): invalid GB18030 bytes FF");
	FAILS("\xD5\xC5\xD5", NULL,
	      "line 1 (byte offset 2): incomplete GB18030 character at end of file (D5)");
	FAILS("\x80", "gb18030", "line 1 (byte offset 0): invalid GB18030 bytes 80");
	FAILS("a\n\n\xFF", "gbk", "line 3 (byte offset 3): invalid GBK bytes FF");
}

static void test_bad_utf8(void **state)
{
	(void)state;
	FAILS("ok\n\xFF", "utf-8", "line 2 (byte offset 3): invalid UTF-8 bytes FF");
	FAILS("\xC0\x80", "utf-8", "line 1 (byte offset 0): invalid UTF-8 bytes C0 80");
	FAILS("\xED\xA0\x80", "UTF-8", "line 1 (byte offset 0): invalid UTF-8 bytes ED A0 80");
	/* A UTF-8 BOM says UTF-8: a bad byte after it is an error, not a reason to guess. */
	FAILS("\xEF\xBB\xBF" ZHANG_SAN_GB, NULL,
	      "line 1 (byte offset 3): invalid UTF-8 bytes D5 C5 C8 FD");
	/* Plenty of good UTF-8, then one bad byte: a damaged UTF-8 file, not GB18030. */
	FAILS("户编号,姓名,证件号码\n1,张三,\xFF\n", NULL,
	      "line 2 (byte offset 39): invalid UTF-8 bytes FF 0A");
	/* Truncated at the very end. */
	FAILS("户编号,姓名,证件号码\xE4\xB8", NULL,
	      "line 1 (byte offset 29): invalid UTF-8 bytes E4 B8");
}

static void test_unknown_encoding_and_args(void **state)
{
	(void)state;
	FAILS("abc", "klingon", "unknown encoding 'klingon'");
	FAILS("abc", "x\x1b[2J", "unknown encoding 'x^[[2J'");
	char *out = NULL;
	char err[64];
	assert_int_equal(encoding_to_utf8(NULL, 5, NULL, &out, NULL, NULL, err, sizeof err), -1);
	assert_null(out);
	assert_int_equal(encoding_to_utf8(NULL, 0, NULL, &out, NULL, NULL, NULL, 0), 0);
	assert_string_equal(out, "");
	free(out);
}

/* A big GB18030 file: the output buffer grows as needed. */
static void test_large_input(void **state)
{
	(void)state;
	const size_t reps = 100000;
	char *in = malloc(reps * 7), *out = NULL, err[100];
	size_t len;
	assert_non_null(in);
	for (size_t i = 0; i < reps; i++)
		memcpy(in + 7 * i, "\x95\x32\x82\x36" "\xD5\xC5" "\n", 7);
	assert_int_equal(encoding_to_utf8(in, reps * 7, NULL, &out, &len, NULL, err, sizeof err), 0);
	assert_int_equal(len, reps * 8);
	assert_memory_equal(out + 8 * (reps - 1), "\xF0\xA0\x80\x80\xE5\xBC\xA0\n", 8);
	assert_int_equal(out[len], '\0');
	free(out);
	free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gb18030_two_byte),
		cmocka_unit_test(test_gb18030_four_byte),
		cmocka_unit_test(test_named_encodings),
		cmocka_unit_test(test_utf8_taken_as_is),
		cmocka_unit_test(test_utf16_with_bom),
		cmocka_unit_test(test_gbk_euro_fallback),
		cmocka_unit_test(test_bad_gb18030),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_unknown_encoding_and_args),
		cmocka_unit_test(test_large_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
