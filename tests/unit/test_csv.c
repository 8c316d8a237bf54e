/* test_csv.c — the RFC 4180 reader (records, physical line numbers, errors and
 * recovery) and the writer (quoting, CRLF, round trips, large files). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/csv.h"

struct fixture {
	struct csv_reader r;
	struct csv_record rec;
	char err[200];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (f == NULL)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	csv_record_free(&f->rec);
	free(f);
	return 0;
}

static void start(struct fixture *f, const char *buf, size_t len)
{
	csv_reader_init(&f->r, buf, len);
}

/* Read the next record and compare: `line`, then n fields. */
static void expect(struct fixture *f, long line, int n, ...)
{
	f->err[0] = '\0';
	int rc = csv_read(&f->r, &f->rec, f->err, sizeof f->err);
	if (rc != 1)
		print_error("csv_read: %d %s\n", rc, f->err);
	assert_int_equal(rc, 1);
	assert_int_equal(f->rec.line, line);
	assert_int_equal(f->rec.nfields, n);
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(f->rec.fields[i], va_arg(ap, const char *));
	va_end(ap);
}

static void expect_end(struct fixture *f)
{
	assert_int_equal(csv_read(&f->r, &f->rec, f->err, sizeof f->err), 0);
	assert_int_equal(f->rec.nfields, 0);
	assert_int_equal(csv_read(&f->r, &f->rec, f->err, sizeof f->err), 0);
}

static void expect_error(struct fixture *f, const char *msg)
{
	f->err[0] = '\0';
	assert_int_equal(csv_read(&f->r, &f->rec, f->err, sizeof f->err), -1);
	assert_string_equal(f->err, msg);
}

#define START(f, lit) start((f), (lit), sizeof(lit) - 1)

static void test_bom_crlf_quoted_newline_doubled_quote(void **state)
{
	struct fixture *f = *state;
	START(f, "\xEF\xBB\xBF姓名,备注\r\n"
	         "张三,\"第一行\r\n第二行\"\r\n"
	         "李四,\"他说\"\"你好\"\"\"\r\n"
	         "王五,\"a,b\"\r\n");
	expect(f, 1, 2, "姓名", "备注");              /* BOM not part of the first name */
	expect(f, 2, 2, "张三", "第一行\r\n第二行");
	expect(f, 4, 2, "李四", "他说\"你好\"");      /* line 4: the newline above counted */
	expect(f, 5, 2, "王五", "a,b");
	expect_end(f);
}

static void test_lf_and_blank_lines(void **state)
{
	struct fixture *f = *state;
	START(f, "\n\na,b\n\n\r\n\nc\n");
	expect(f, 3, 2, "a", "b");
	expect(f, 7, 1, "c");
	expect_end(f);
}

static void test_lone_cr_line_ends(void **state)
{
	struct fixture *f = *state;
	START(f, "a,1\rb,2\r\"x\ry\",3\rc,4");
	expect(f, 1, 2, "a", "1");
	expect(f, 2, 2, "b", "2");
	expect(f, 3, 2, "x\ry", "3");
	expect(f, 5, 2, "c", "4");
	expect_end(f);
}

static void test_empty_fields(void **state)
{
	struct fixture *f = *state;
	START(f, "a,,b\n,\n\"\"\n,\"\",\n\"\",x\na,");
	expect(f, 1, 3, "a", "", "b");
	expect(f, 2, 2, "", "");
	expect(f, 3, 1, "");                           /* a quoted empty field is a record */
	expect(f, 4, 3, "", "", "");
	expect(f, 5, 2, "", "x");
	expect(f, 6, 2, "a", "");                      /* trailing comma at the very end */
	expect_end(f);
}

static void test_no_final_newline_and_spaces_kept(void **state)
{
	struct fixture *f = *state;
	START(f, " a , b ,\"  c  \"");
	expect(f, 1, 3, " a ", " b ", "  c  ");
	expect_end(f);
}

static void test_lenient_quote_inside_plain_field(void **state)
{
	struct fixture *f = *state;
	START(f, "5\"3,ab\"\"c\n x\"y\",z\n");
	expect(f, 1, 2, "5\"3", "ab\"\"c");
	expect(f, 2, 2, " x\"y\"", "z");
	expect_end(f);
}

static void test_many_lines_in_one_field(void **state)
{
	struct fixture *f = *state;
	START(f, "h\r\n\"1\n2\r\n3\r4\n\",x\r\nnext\r\n");
	expect(f, 1, 1, "h");
	expect(f, 2, 2, "1\n2\r\n3\r4\n", "x");
	expect(f, 7, 1, "next");
	expect_end(f);
}

static void test_unterminated_quote(void **state)
{
	struct fixture *f = *state;
	START(f, "a\nb\nc\nd\ne,\"opened here\nstill open\nend of file\n");
	for (int i = 0; i < 4; i++)
		assert_int_equal(csv_read(&f->r, &f->rec, f->err, sizeof f->err), 1);
	expect_error(f, "line 7: quoted field never closed (opened at line 5)");
	assert_int_equal(f->r.err_line, 7);
	expect_end(f);

	START(f, "\"abc");
	expect_error(f, "line 1: quoted field never closed (opened at line 1)");
	expect_end(f);

	START(f, "\"abc\r\n");
	expect_error(f, "line 1: quoted field never closed (opened at line 1)");

	START(f, "x,\"\"\"");                           /* "" then an open quote */
	expect_error(f, "line 1: quoted field never closed (opened at line 1)");
}

static void test_text_after_closing_quote(void **state)
{
	struct fixture *f = *state;
	START(f, "a,\"b\"x,c\nd\n\"e\" ,f\n\"g\"张\n\"h\"\x01\nlast\n");
	expect_error(f, "line 1: unexpected 'x' after a closing quote");
	assert_int_equal(f->r.err_line, 1);
	assert_int_equal(f->r.line, 2);                /* moved past the bad line */
	expect(f, 2, 1, "d");                          /* reading goes on after an error */
	expect_error(f, "line 3: unexpected ' ' after a closing quote");
	expect_error(f, "line 4: unexpected '张' after a closing quote");
	expect_error(f, "line 5: unexpected byte 0x01 after a closing quote");
	expect(f, 6, 1, "last");
	expect_end(f);
}

static void test_error_line_after_quoted_newlines(void **state)
{
	struct fixture *f = *state;
	START(f, "\"a\nb\",1\n\"c\nd\"e\nok\n");
	expect(f, 1, 2, "a\nb", "1");
	expect_error(f, "line 4: unexpected 'e' after a closing quote");
	assert_int_equal(f->r.err_line, 4);
	expect(f, 5, 1, "ok");
	expect_end(f);
}

static void test_nul_byte(void **state)
{
	struct fixture *f = *state;
	static const char buf[] = "a\0b,c\n\"x\0\"\nok";
	start(f, buf, sizeof buf - 1);
	expect_error(f, "line 1: NUL byte in a field (binary or UTF-16 file?)");
	expect_error(f, "line 2: NUL byte in a field (binary or UTF-16 file?)");
	expect(f, 3, 1, "ok");
	expect_end(f);
}

static void test_empty_inputs(void **state)
{
	struct fixture *f = *state;
	start(f, "", 0);
	expect_end(f);
	start(f, NULL, 10);
	expect_end(f);
	START(f, "\xEF\xBB\xBF");
	expect_end(f);
	START(f, "\xEF\xBB\xBF\r\n\r\n");
	expect_end(f);
	START(f, "\xEF\xBB");                          /* not a whole BOM: a field */
	expect(f, 1, 1, "\xEF\xBB");
}

static void test_record_reuse(void **state)
{
	struct fixture *f = *state;
	START(f, "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20\nshort\n\"q\"\"\",b\n");
	expect(f, 1, 20, "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13",
	       "14", "15", "16", "17", "18", "19", "20");
	assert_true(f->rec.cap >= 20);
	expect(f, 2, 1, "short");
	assert_null(f->rec.fields[1]);                 /* the old strings were freed */
	expect(f, 3, 2, "q\"", "b");
	expect_end(f);
}

static void test_record_is_empty(void **state)
{
	struct fixture *f = *state;
	START(f, ",,,\n \t,\xE3\x80\x80,\"\"\na,,\n");
	expect(f, 1, 4, "", "", "", "");
	assert_true(csv_record_is_empty(&f->rec));
	expect(f, 2, 3, " \t", "\xE3\x80\x80", "");
	assert_true(csv_record_is_empty(&f->rec));
	expect(f, 3, 3, "a", "", "");
	assert_false(csv_record_is_empty(&f->rec));
}

/* --- writer ----------------------------------------------------------------------- */

static void test_writer_quoting(void **state)
{
	(void)state;
	struct csv_out o = {0};
	const char *row[] = {"plain", "张三", "a,b", "say \"hi\"", "two\nlines", "cr\rhere",
	                     " lead", "trail ", "", NULL, "in side"};
	for (size_t i = 0; i < sizeof row / sizeof row[0]; i++)
		assert_int_equal(csv_put_field(&o, row[i], i == 0), 0);
	assert_int_equal(csv_end_row(&o), 0);
	assert_string_equal(o.buf, "plain,张三,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
	                    "\"cr\rhere\",\" lead\",\"trail \",,,in side\r\n");
	assert_int_equal(o.len, strlen(o.buf));
	csv_out_free(&o);
	assert_null(o.buf);
}

static void test_writer_empty_single_field_row(void **state)
{
	struct fixture *f = *state;
	struct csv_out o = {0};
	assert_int_equal(csv_out_append(&o, "\xEF\xBB\xBF", 3), 0);
	assert_int_equal(csv_put_field(&o, "", 1), 0);   /* a one-column row, empty */
	assert_int_equal(csv_end_row(&o), 0);
	assert_int_equal(csv_put_field(&o, "x", 1), 0);
	assert_int_equal(csv_end_row(&o), 0);
	assert_int_equal(csv_put_field(&o, "", 1), 0);
	assert_int_equal(csv_end_row(&o), 0);
	assert_string_equal(o.buf, "\xEF\xBB\xBF\"\"\r\nx\r\n\"\"\r\n");
	start(f, o.buf, o.len);
	expect(f, 1, 1, "");
	expect(f, 2, 1, "x");
	expect(f, 3, 1, "");
	expect_end(f);
	csv_out_free(&o);
}

static void test_writer_bom_like_field_is_quoted(void **state)
{
	struct fixture *f = *state;
	struct csv_out o = {0};
	assert_int_equal(csv_put_field(&o, "\xEF\xBB\xBF" "x", 1), 0);
	assert_int_equal(csv_end_row(&o), 0);
	start(f, o.buf, o.len);
	expect(f, 1, 1, "\xEF\xBB\xBF" "x");
	csv_out_free(&o);
}

static void test_round_trip(void **state)
{
	struct fixture *f = *state;
	const char *fields[] = {"户编号", "\"", "\"\"", ",", "\r\n", "\r", "\n", " ", "  x",
	                        "a\"b,c\nd", "", "\t", "\xE3\x80\x80", "last"};
	const int n = (int)(sizeof fields / sizeof fields[0]);
	struct csv_out o = {0};
	for (int row = 0; row < 3; row++) {
		for (int i = 0; i < n; i++)
			assert_int_equal(csv_put_field(&o, fields[(i + row) % n], i == 0), 0);
		assert_int_equal(csv_end_row(&o), 0);
	}
	start(f, o.buf, o.len);
	for (int row = 0; row < 3; row++) {
		assert_int_equal(csv_read(&f->r, &f->rec, f->err, sizeof f->err), 1);
		assert_int_equal(f->rec.nfields, n);
		for (int i = 0; i < n; i++)   /* "\t", "\r" are written with the formula guard */
			assert_string_equal(csv_formula_unguard(f->rec.fields[i]), fields[(i + row) % n]);
	}
	expect_end(f);
	csv_out_free(&o);
}

/* Cells a spreadsheet would run as formulas get a leading quote; reading takes exactly
 * that quote off again, so every value comes back byte for byte. */
static void test_formula_guard(void **state)
{
	struct fixture *f = *state;
	static const struct { const char *value, *cell; } cases[] = {
		{"=1+1", "'=1+1"},
		{"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "\"'\r=1\""},
		{"-", "'-"},
		{"'=1", "''=1"},                  /* already quoted by hand: one more */
		{"''+x", "'''+x"},
		{"-500", "-500"},                 /* numbers are not formulas */
		{"+8613900139000", "+8613900139000"},
		{"-0.5", "-0.5"},
		{"'-500", "'-500"},
		{"'", "'"},
		{"'x", "'x"},
		{"a=1", "a=1"},
		{"张三", "张三"},
		{"", ""},
		{"=a,b", "\"'=a,b\""},
	};
	const size_t n = sizeof cases / sizeof cases[0];
	struct csv_out o = {0};
	for (size_t i = 0; i < n; i++) {
		struct csv_out one = {0};
		assert_int_equal(csv_put_field(&one, cases[i].value, 1), 0);
		if (strcmp(one.buf ? one.buf : "", cases[i].cell) != 0)
			fail_msg("\"%s\" written as \"%s\", want \"%s\"", cases[i].value, one.buf,
			         cases[i].cell);
		csv_out_free(&one);
		assert_int_equal(csv_put_field(&o, cases[i].value, 1), 0);
		assert_int_equal(csv_put_field(&o, "end", 0), 0);
		assert_int_equal(csv_end_row(&o), 0);
	}
	start(f, o.buf, o.len);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(csv_read(&f->r, &f->rec, f->err, sizeof f->err), 1);
		assert_string_equal(csv_formula_unguard(f->rec.fields[0]), cases[i].value);
	}
	expect_end(f);
	csv_out_free(&o);
	assert_int_equal(csv_formula_guard(NULL), 0);
}

/* 200k rows with a quoted multi-line field in each: one pass, right line numbers. */
static void test_large_file(void **state)
{
	struct fixture *f = *state;
	struct csv_out o = {0};
	char num[32];
	const long rows = 200000;
	for (long i = 0; i < rows; i++) {
		snprintf(num, sizeof num, "%ld", i);
		assert_int_equal(csv_put_field(&o, num, 1), 0);
		assert_int_equal(csv_put_field(&o, "张三", 0), 0);
		assert_int_equal(csv_put_field(&o, "note\nline two", 0), 0);
		assert_int_equal(csv_put_field(&o, "44182119680312001X", 0), 0);
		assert_int_equal(csv_end_row(&o), 0);
	}
	start(f, o.buf, o.len);
	long count = 0;
	while (csv_read(&f->r, &f->rec, f->err, sizeof f->err) == 1) {
		snprintf(num, sizeof num, "%ld", count);
		assert_string_equal(f->rec.fields[0], num);
		assert_int_equal(f->rec.line, 2 * count + 1);
		count++;
	}
	assert_int_equal(count, rows);
	assert_int_equal(f->r.line, 2 * rows + 1);
	csv_out_free(&o);
}

/* One 8 MB quoted field made of doubled quotes: linear, not quadratic. */
static void test_huge_field(void **state)
{
	struct fixture *f = *state;
	const size_t pairs = 4u << 20;
	char *buf = malloc(2 * pairs + 2);
	assert_non_null(buf);
	buf[0] = '"';
	memset(buf + 1, '"', 2 * pairs);
	buf[2 * pairs + 1] = '"';
	start(f, buf, 2 * pairs + 2);
	assert_int_equal(csv_read(&f->r, &f->rec, f->err, sizeof f->err), 1);
	assert_int_equal(strlen(f->rec.fields[0]), pairs);
	expect_end(f);
	free(buf);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_bom_crlf_quoted_newline_doubled_quote),
		T(test_lf_and_blank_lines),
		T(test_lone_cr_line_ends),
		T(test_empty_fields),
		T(test_no_final_newline_and_spaces_kept),
		T(test_lenient_quote_inside_plain_field),
		T(test_many_lines_in_one_field),
		T(test_unterminated_quote),
		T(test_text_after_closing_quote),
		T(test_error_line_after_quoted_newlines),
		T(test_nul_byte),
		T(test_empty_inputs),
		T(test_record_reuse),
		T(test_record_is_empty),
		T(test_writer_quoting),
		T(test_writer_empty_single_field_row),
		T(test_writer_bom_like_field_is_quoted),
		T(test_round_trip),
		T(test_formula_guard),
		T(test_large_file),
		T(test_huge_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
