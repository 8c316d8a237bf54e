/* test_search.c — the search tokenizer and bangfu_match() (store/search.c) on an
 * in-memory FTS5 table: one and two Chinese characters, longer phrases, never across two
 * names, names joined by a middle dot, ID numbers by their last digits (X in either
 * case) and not by their first, quotes and oversize values, runs longer than the
 * tokenizer keeps and malformed UTF-8; bangfu_matches(rowid, v) agrees with the IN it
 * stands for, and search_cjk_only; the dense walk's look into a search row
 * (search_doc_has) finds what the index finds, and bangfu_matches(rowid, v, limit), which
 * reads rows while a page is near and gathers after, agrees with the IN in every order. */
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

/* Documents for the walk: names, a name with a middle dot, ID numbers, a run of 70
 * characters the tokenizer cuts after the 64th (甲 its 64th, 乙 its 65th), malformed bytes. */
static const char *const walk_docs[] = {
	"陈秀英 440103194608296191 李明 44010319460829619X", "王芳 440105200001011234",
	"阿依·买买提 440105200001011235 陈芳", "Li Wei 陈",
	"田田田田田田田田田田田田田田田田田田田田田田田田田田田田田田田田"
	"田田田田田田田田田田田田田田田田田田田田田田田田田田田田田田田甲"
	"乙田田田田田", "张" "\xff" "三 " "\xe4\xb8" "四 秀",
};
static const char *const walk_values[] = {"陈", "秀英", "陈秀英", "英李", "芳", "买买提", "甲乙",
                                          "田甲", "乙田", "田", "三", "秀", "明", "王芳李"};

static void test_doc_has(void **state)
{
	(void)state;
	size_t nd = sizeof walk_docs / sizeof *walk_docs;
	char sql[512];
	for (size_t d = 0; d < nd; d++) {
		snprintf(sql, sizeof sql, "DELETE FROM t WHERE rowid = 9; INSERT INTO t(rowid, doc) "
		         "VALUES (9, '%s')", walk_docs[d]);
		assert_int_equal(sqlite3_exec(s.db, sql, NULL, NULL, NULL), SQLITE_OK);
		for (size_t i = 0; i < sizeof walk_values / sizeof *walk_values; i++) {
			const char *v = walk_values[i];
			assert_true(search_walkable(v));
			int indexed = strstr(hits(v), "9") != NULL;
			assert_int_equal(search_doc_has(walk_docs[d], (int)strlen(walk_docs[d]), v,
			                                (int)strlen(v)), indexed);
		}
	}
	assert_int_equal(sqlite3_exec(s.db, "DELETE FROM t WHERE rowid = 9", NULL, NULL, NULL), SQLITE_OK);
	assert_false(search_walkable("陈a"));
	assert_false(search_walkable("1234"));
	assert_false(search_walkable(""));
	assert_false(search_walkable("田田田田田田田田田田田田田田田田田"));   /* 17: gathered */
	/* the run is cut where the tokenizer cuts it: 甲 ends the first piece */
	assert_false(search_doc_has(walk_docs[4], (int)strlen(walk_docs[4]), "甲乙", 6));
	assert_true(search_doc_has(walk_docs[4], (int)strlen(walk_docs[4]), "田甲", 6));
}

/* bangfu_matches(rowid, v, limit) against the IN over 20,000 households whose documents
 * repeat walk_docs (each a sixth of the register: dense enough that a page of one or a
 * few is walked, one of 40 or all gathered), in an order unrelated to the rowids, for
 * pages of every size; a limit the statement does not keep to (the function is told 3,
 * the statement wants 200) gathers after its walk. */
static void test_walk(void **state)
{
	(void)state;
	size_t nd = sizeof walk_docs / sizeof *walk_docs;
	assert_int_equal(sqlite3_exec(s.db, "CREATE TABLE households(x); CREATE VIRTUAL TABLE wdocs "
	                              "USING fts5(doc, tokenize = 'bangfu')", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(s.db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	for (int i = 1; i <= 20000; i++) {
		char sql[600];
		snprintf(sql, sizeof sql, "INSERT INTO households(rowid, x) VALUES (%d, %d);"
		         "INSERT INTO wdocs(rowid, doc) VALUES (%d, '%s')", i, (i * 7919) % 20011, i,
		         walk_docs[(size_t)(i * 31 % 97) % nd]);
		assert_int_equal(sqlite3_exec(s.db, sql, NULL, NULL, NULL), SQLITE_OK);
	}
	assert_int_equal(sqlite3_exec(s.db, "COMMIT; DROP TABLE IF EXISTS household_search;"
	                              "ALTER TABLE wdocs RENAME TO household_search", NULL, NULL, NULL),
	                 SQLITE_OK);
	static const int limits[][2] = {{1, 1}, {3, 3}, {7, 7}, {40, 40}, {-1, -1}, {3, 200}};
	for (size_t i = 0; i < sizeof walk_values / sizeof *walk_values; i++)
		for (size_t k = 0; k < sizeof limits / sizeof *limits; k++) {
			sqlite3_stmt *st;
			assert_int_equal(sqlite3_prepare_v2(s.db, "SELECT (SELECT coalesce(group_concat("
			        "rowid), '') FROM (SELECT rowid FROM households WHERE bangfu_matches(rowid, "
			        "?1, ?2) ORDER BY x LIMIT ?3)), (SELECT coalesce(group_concat(rowid), '') "
			        "FROM (SELECT rowid FROM households WHERE rowid IN (SELECT rowid FROM "
			        "household_search WHERE household_search MATCH bangfu_match(?1)) ORDER BY x "
			        "LIMIT ?3))", -1, &st, NULL), SQLITE_OK);
			sqlite3_bind_text(st, 1, walk_values[i], -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 2, limits[k][0]);
			sqlite3_bind_int(st, 3, limits[k][1]);
			assert_int_equal(sqlite3_step(st), SQLITE_ROW);
			assert_string_equal(sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
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
		cmocka_unit_test(test_doc_has),
		cmocka_unit_test(test_walk),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
