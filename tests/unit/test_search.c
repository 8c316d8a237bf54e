/* test_search.c — the search tokenizer and bangfu_match() (store/search.c) on an
 * in-memory FTS5 table: one and two Chinese characters, longer phrases, never across two
 * names, names joined by a middle dot, ID numbers by their last digits (X in either
 * case) and not by their first, quotes and oversize values, runs longer than the
 * tokenizer keeps and malformed UTF-8; bangfu_matches(rowid, v) agrees with the IN it
 * stands for, and search_cjk_only. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "store/internal.h"

static struct store s;

static int setup(void **state)
{
	(void)state;
	memset(&s, 0, sizeof s);
	if (sqlite3_open(":memory:", &s.db) != SQLITE_OK || search_register(&s))
		return -1;
	return sqlite3_exec(s.db, "CREATE VIRTUAL TABLE t USING fts5(doc, tokenize = 'bangfu');"
	                    "INSERT INTO t(rowid, doc) VALUES (1, '陈秀英 440103194608296191 李明 44010319460829619X'),"
	                    " (2, '阿依·买买提 440105200001011234'), (3, 'Li Wei 王芳'),"
	                    " (4, '张' || char(255) || '三 ' || X'E4B8' || '四')",
	                    NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	sqlite3_close(s.db);
	return 0;
}

/* the rowids matching v, as "1,2" ("" none); -1 on an SQL error */
static const char *hits(const char *v)
{
	static char out[64];
	sqlite3_stmt *st;
	out[0] = '\0';
	if (sqlite3_prepare_v2(s.db, "SELECT rowid FROM t WHERE t MATCH bangfu_match(?) ORDER BY rowid",
	                       -1, &st, NULL) != SQLITE_OK)
		return "prepare";
	sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%lld", out[0] ? "," : "",
		         sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? out : "error";
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(hits("陈"), "1");
	assert_string_equal(hits("秀英"), "1");
	assert_string_equal(hits("陈秀英"), "1");
	assert_string_equal(hits("秀"), "1");
	assert_string_equal(hits("明"), "1");
	assert_string_equal(hits("英李"), "");        /* two people's names do not join */
	assert_string_equal(hits("陈英"), "");        /* characters apart are no substring */
	assert_string_equal(hits("买买提"), "2");
	assert_string_equal(hits("依·买"), "2");       /* positions line up across the dot */
	assert_string_equal(hits("王芳"), "3");
	assert_string_equal(hits("wei"), "3");
	assert_string_equal(hits("芳李"), "");
}

static void test_id_digits(void **state)
{
	(void)state;
	assert_string_equal(hits("6191"), "1");
	assert_string_equal(hits("296191"), "1");
	assert_string_equal(hits("440103194608296191"), "1");
	assert_string_equal(hits("619x"), "1");
	assert_string_equal(hits("619X"), "1");
	assert_string_equal(hits("1234"), "2");
	assert_string_equal(hits("440103"), "");     /* by the end, not the start */
}

static void test_odd_input(void **state)
{
	(void)state;
	assert_string_equal(hits("a\"b"), "");
	assert_string_equal(hits("\"陈\" OR 李"), "");
	assert_string_equal(hits(""), "");
	char big[400];
	memset(big, '7', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_string_equal(hits(big), "");
	assert_string_equal(hits("张"), "4");        /* malformed bytes separate, no crash */
	assert_string_equal(hits("四"), "4");
	/* a run longer than the tokenizer keeps in one piece */
	char run[3 * 100 + 1] = "";
	for (int i = 0; i < 100; i++)
		strcat(run, i == 80 ? "鑫" : "田");
	char sql[512];
	snprintf(sql, sizeof sql, "INSERT INTO t(rowid, doc) VALUES (5, '%s')", run);
	assert_int_equal(sqlite3_exec(s.db, sql, NULL, NULL, NULL), SQLITE_OK);
	assert_string_equal(hits("鑫"), "5");
	assert_string_equal(hits("田鑫田"), "5");
}

/* bangfu_matches(rowid, v) over rowids 1..8 against the IN it replaces, both in one
 * statement run each (the second call on the same run reads the kept set) */
static void test_matches(void **state)
{
	(void)state;
	static const char *const values[] = {"陈", "秀英", "英李", "6191", "619x", "wei", "王芳",
	                                     "买买提", "", "\"陈\" OR 李", "440103"};
	assert_int_equal(sqlite3_exec(s.db, "CREATE VIRTUAL TABLE household_search USING "
	                              "fts5(doc, tokenize = 'bangfu'); INSERT INTO household_search"
	                              "(rowid, doc) SELECT rowid, doc FROM t; CREATE TABLE h(x);"
	                              "INSERT INTO h(rowid) VALUES (1),(2),(3),(4),(5),(6),(7),(8)",
	                              NULL, NULL, NULL), SQLITE_OK);
	for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(s.db, "SELECT (SELECT coalesce(group_concat(rowid), "
		        "'') FROM (SELECT rowid FROM h WHERE bangfu_matches(rowid, ?1) ORDER BY rowid)), "
		        "(SELECT coalesce(group_concat(rowid), '') FROM (SELECT rowid FROM h WHERE "
		        "rowid IN (SELECT rowid FROM household_search WHERE household_search MATCH "
		        "bangfu_match(?1)) ORDER BY rowid))", -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_text(st, 1, values[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal(sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
		assert_string_equal(sqlite3_column_text(st, 0), hits(values[i]));
		sqlite3_finalize(st);
	}
}

static void test_cjk_only(void **state)
{
	(void)state;
	assert_true(search_cjk_only("陈"));
	assert_true(search_cjk_only("扬仁东"));
	assert_false(search_cjk_only(""));
	assert_false(search_cjk_only("陈a"));
	assert_false(search_cjk_only("依·买"));
	assert_false(search_cjk_only("村 委"));
	assert_false(search_cjk_only("\xE4\xB8"));   /* a character cut short */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_id_digits),
		cmocka_unit_test(test_odd_input),
		cmocka_unit_test(test_matches),
		cmocka_unit_test(test_cjk_only),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
