/* test_support.c — the small core modules: regions (reference data, scope prefixes),
 * access (roles, scope checks), codes (tables, multi-values), strmap, buf (and
 * read_whole_file), grow, and the demo
 * generator (deterministic, valid, unique ID numbers). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/access.h"
#include "core/buf.h"
#include "core/demo.h"
#include "core/grow.h"
#include "core/idcard.h"
#include "core/record.h"
#include "core/regions.h"
#include "core/strmap.h"

static void test_regions(void **state)
{
	(void)state;
	assert_int_equal(ref_city_count, 21);
	assert_int_equal(ref_county_count, 122);
	assert_string_equal(regions_county("441821")->name, "佛冈县");
	assert_string_equal(regions_county("440606")->track, "创先");
	assert_string_equal(regions_county("440103")->track, "");
	assert_true(regions_is_county_level("441900"));
	assert_false(regions_is_county_level("441800"));
	assert_string_equal(regions_county_name("442000"), "中山市");
	/* a county by name, as the national system's exports write it */
	assert_string_equal(regions_county_by_name("佛冈县"), "441821");
	assert_string_equal(regions_county_by_name("清远市佛冈县"), "441821");
	assert_string_equal(regions_county_by_name("东莞市"), "441900");
	assert_null(regions_county_by_name("清远市"));
	assert_null(regions_county_by_name("广州市佛冈县"));
	assert_null(regions_county_by_name(""));
	assert_true(regions_code_in_scope("441821100201", "44"));
	assert_true(regions_code_in_scope("441821", "441800"));     /* city covers its counties */
	assert_false(regions_code_in_scope("441721", "441800"));
	assert_true(regions_code_in_scope("441821100201", "441821100"));
	assert_false(regions_code_in_scope("441821101203", "441821100"));
	assert_true(regions_code_in_scope("441900101", "441900"));

	/* the 2023 statistical codes: 1,757 towns and 26,842 villages, sorted, found by code */
	int towns = 0, villages = 0, zhen = 0, jiedao = 0, xiang = 0;
	for (int i = 0; i < ref_place_count; i++) {
		int len = (int)strlen(ref_places[i].code);
		towns += len == 9;
		villages += len == 12;
		zhen += ref_places[i].kind == 'z';
		jiedao += ref_places[i].kind == 'j';
		xiang += ref_places[i].kind == 'x';
		if (i)
			assert_true(strcmp(ref_places[i - 1].code, ref_places[i].code) < 0);
	}
	assert_int_equal(towns, 1757);
	assert_int_equal(villages, 26842);
	assert_int_equal(zhen, 1117);
	assert_int_equal(jiedao, 482);
	assert_int_equal(xiang, 11);
	assert_string_equal(regions_place_name(regions_place("441821103")), "龙山镇");
	assert_string_equal(regions_place_name(regions_place("441821107")), "迳头镇");
	assert_string_equal(regions_place_kind(regions_place("441821103")), "镇");
	assert_string_equal(regions_place_name(regions_place("441821100201")), "科旺村");
	assert_string_equal(regions_place_kind(regions_place("441821100201")), "村委会");
	assert_string_equal(regions_place_kind(regions_place("441821100004")), "居委会");
	assert_null(regions_place("441821999"));
	assert_non_null(regions_place("441900003"));         /* 东莞: towns under the city */
	assert_true(regions_code_exists("441821103201"));
	assert_false(regions_code_exists("441821900900"));
	const struct ref_place *first;
	int n = regions_places_under("441821", &first);
	assert_string_equal(first->code, "441821100");
	assert_true(n > 8 && strncmp(first[n - 1].code, "441821", 6) == 0);
	assert_true(regions_same_name("科旺村委会", "科旺村"));
	assert_true(regions_same_name("城东社区居民委员会", "城东社区"));
	assert_true(regions_same_name("山子背村村委会", "山子背村"));   /* not 山子背村村 */
	assert_true(regions_same_name("南村村民委员会", "南村"));
	assert_false(regions_same_name("南村村委会", "北村"));
	assert_false(regions_same_name("科旺村", "吉田村"));
	assert_false(regions_same_name("龙山镇", "白莲镇"));
	char place[256];
	regions_describe("441821103201", place, sizeof place);
	assert_string_equal(place, "佛冈县龙山镇关前村");
	regions_describe("441900003", place, sizeof place);
	assert_string_equal(place, "东莞市东城街道");
	regions_describe("441800", place, sizeof place);
	assert_string_equal(place, "清远市");
	regions_describe("441821999", place, sizeof place);
	assert_string_equal(place, "佛冈县");
}

static void test_access(void **state)
{
	(void)state;
	enum role r;
	char err[256];
	assert_int_equal(access_role_parse("township", &r), 0);
	assert_int_equal(r, ROLE_TOWNSHIP);
	assert_int_equal(access_role_parse("县级审批", &r), 0);
	assert_int_equal(r, ROLE_COUNTY);
	assert_int_equal(access_role_parse("boss", &r), -1);
	struct user u = {.role = ROLE_AUDITOR};
	strcpy(u.scope, "441821");
	assert_false(access_may_write(&u));
	assert_true(access_in_scope(&u, "441821100201"));
	assert_false(access_in_scope(&u, "441881"));
	assert_int_equal(access_scope_check("44", err, sizeof err), 0);
	assert_int_equal(access_scope_check("441800", err, sizeof err), 0);
	assert_int_equal(access_scope_check("441821103", err, sizeof err), 0);
	assert_int_equal(access_scope_check("441821103201", err, sizeof err), 0);
	assert_int_equal(access_scope_check("441821999", err, sizeof err), -1);
	assert_int_equal(access_scope_check("441821103999", err, sizeof err), -1);
	assert_int_equal(access_scope_check("45", err, sizeof err), -1);
	assert_int_equal(access_scope_check("449999", err, sizeof err), -1);
	assert_int_equal(access_scope_check("4418", err, sizeof err), -1);
}

static void test_codes(void **state)
{
	(void)state;
	char out[128], err[128];
	assert_int_equal(codes_parse_multi(&codes_risk, "因残，因病、 因病 ;其他", 5, out, sizeof out,
	                                   err, sizeof err), 3);
	assert_string_equal(out, "illness,disability,other");
	assert_int_equal(codes_parse_multi(&codes_risk, "因病,因残,因学,因意外事故,缺劳动力,其他", 5,
	                                   out, sizeof out, err, sizeof err), -1);
	assert_non_null(strstr(err, "at most 5"));
	assert_int_equal(codes_parse_multi(&codes_health, "健康,感冒", 8, out, sizeof out, err, sizeof err), -1);
	assert_non_null(strstr(err, "\"感冒\""));
	assert_true(codes_labels_multi(&codes_health, "chronic,disabled", out, sizeof out) > 0);
	assert_string_equal(out, "长期慢性病、残疾");
	assert_int_equal(codes_measure_group.count, 14);
}

static void test_strmap_and_buf(void **state)
{
	(void)state;
	struct strmap m = {0};
	long v;
	char key[32];
	for (long i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "k%ld", i);
		assert_int_equal(strmap_put(&m, key, i * 2), 0);
	}
	assert_int_equal(m.count, 5000);
	assert_true(strmap_get(&m, "k4321", &v));
	assert_int_equal(v, 8642);
	assert_false(strmap_get(&m, "k5000", &v));
	strmap_put(&m, "k1", 7);
	assert_true(strmap_get(&m, "k1", &v));
	assert_int_equal(v, 7);
	assert_int_equal(m.count, 5000);
	strmap_free(&m);

	struct buf b = {0};
	assert_string_equal(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_addf(&b, "%03d,", i);
	assert_int_equal(b.len, 4000);
	assert_int_equal(strncmp(buf_str(&b) + 3996, "999,", 4), 0);
	buf_reset(&b);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
}

/* Render n demo households from seed into one text. */
/* read_whole_file: every byte of a file longer than any one read, the cap and its edge,
 * an empty file, appending after what the buffer held. */
static void test_read_whole_file(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	for (int i = 0; i < 100000; i++)
		fputc('a' + i % 26, f);
	rewind(f);
	struct buf b = {0};
	buf_adds(&b, ">");
	assert_int_equal(read_whole_file(f, &b, 0), 0);
	assert_int_equal(b.len, 100001);
	assert_int_equal(b.s[1], 'a');
	assert_int_equal(b.s[100000], 'a' + 99999 % 26);
	assert_int_equal(b.s[100001], '\0');
	buf_free(&b);

	rewind(f);
	assert_int_equal(read_whole_file(f, &b, 70000), 1);      /* cut */
	assert_int_equal(b.len, 70000);
	buf_free(&b);
	rewind(f);
	assert_int_equal(read_whole_file(f, &b, 100000), 0);     /* exactly the cap: whole */
	assert_int_equal(b.len, 100000);
	buf_free(&b);
	fclose(f);

	f = tmpfile();
	assert_non_null(f);
	assert_int_equal(read_whole_file(f, &b, 0), 0);
	assert_non_null(b.s);
	assert_string_equal(b.s, "");
	buf_free(&b);
	fclose(f);
}

/* GROW: doubling from the first size, each capacity type, the contents kept, a capacity
 * already big enough left alone, overflow refused with the array untouched. */
static void test_grow(void **state)
{
	(void)state;
	int *a = NULL, icap = 0;
	for (int i = 0; i < 100; i++) {
		assert_int_equal(GROW(a, icap, i + 1, 8), 0);
		a[i] = i;
	}
	assert_int_equal(icap, 128);
	for (int i = 0; i < 100; i++)
		assert_int_equal(a[i], i);
	int *before = a;
	assert_int_equal(GROW(a, icap, 50, 8), 0);      /* enough: no change */
	assert_ptr_equal(a, before);
	assert_int_equal(icap, 128);
	free(a);

	long *l = NULL, lcap = 0;
	assert_int_equal(GROW(l, lcap, 3, 2), 0);
	assert_int_equal(lcap, 4);
	free(l);
	char **p = NULL;
	size_t scap = 0;
	assert_int_equal(GROW(p, scap, 1, 16), 0);
	assert_int_equal(scap, 16);
	assert_int_equal(GROW(p, scap, (size_t)-1, 16), -1);   /* overflow: untouched */
	assert_int_equal(scap, 16);
	assert_non_null(p);
	free(p);
	assert_int_equal(grow_cap(16, 17, 8, 1), 32);
	assert_int_equal(grow_cap(0, 5, 4, 1), 8);
	assert_int_equal(grow_cap(10, 10, 4, 1), 10);
	assert_int_equal(grow_cap(0, (size_t)-1 / 2, 4, 8), 0);
}

static void demo_text(unsigned long seed, int n, struct buf *out)
{
	struct demo d;
	demo_init(&d, seed, "2026-11-29");
	for (int i = 0; i < n; i++) {
		struct household h;
		assert_int_equal(demo_next(&d, &h), 0);
		snprintf(h.id, sizeof h.id, "H%d", i);
		record_render(NULL, &h, out);
		household_free(&h);
	}
	demo_free(&d);
}

static void test_demo(void **state)
{
	(void)state;
	struct buf a = {0}, b = {0}, c = {0};
	demo_text(5, 300, &a);
	demo_text(5, 300, &b);
	demo_text(6, 300, &c);
	assert_string_equal(buf_str(&a), buf_str(&b));         /* deterministic */
	assert_string_not_equal(buf_str(&a), buf_str(&c));     /* the seed matters */
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);

	struct demo d;
	struct strmap ids = {0};
	int sizes[8] = {0}, categories = 0, cases = 0, rural = 0;
	demo_init(&d, 1, "2026-11-29");
	for (int i = 0; i < 2000; i++) {
		struct household h;
		assert_int_equal(demo_next(&d, &h), 0);
		assert_true(h.synthetic);
		const struct ref_place *t = regions_place(household_get(&h, HF_TOWNCODE));
		const struct ref_place *v = regions_place(household_get(&h, HF_VILLCODE));
		assert_non_null(t);                                  /* real places only */
		assert_non_null(v);
		assert_string_equal(regions_place_name(t), household_get(&h, HF_TOWN));
		assert_string_equal(regions_place_name(v), household_get(&h, HF_VILLAGE));
		rural += v->kind == 'c';
		assert_true(h.nmembers >= 1 && h.nmembers <= 7);
		sizes[h.nmembers]++;
		for (int m = 0; m < h.nmembers; m++) {
			struct idcard id;
			char err[128];
			const char *num = member_get(&h.members[m], MF_ID);
			assert_int_equal(idcard_parse(num, "2026-11-29", &id, err, sizeof err), 0);
			long dummy;
			assert_false(strmap_get(&ids, num, &dummy));
			strmap_put(&ids, num, 1);
			assert_int_equal(member_get(&h.members[m], MF_SEX)[0], id.sex);
		}
		if (h.ncases) {
			cases++;
			if (strcmp(case_get(&h.cases[0], CF_CATEGORY), "sudden") == 0)
				categories |= 1;
			if (strcmp(case_get(&h.cases[0], CF_CATEGORY), "marginal") == 0)
				categories |= 2;
			if (strcmp(case_get(&h.cases[0], CF_CATEGORY), "unstable") == 0)
				categories |= 4;
		}
		household_free(&h);
	}
	assert_true(rural > 2000 * 3 / 4);                       /* mostly rural 村委会 */
	for (int n = 1; n <= 7; n++)
		assert_true(sizes[n] > 0);
	assert_int_equal(categories, 7);
	assert_true(cases > 100 && cases < 600);
	demo_free(&d);
	strmap_free(&ids);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regions),
		cmocka_unit_test(test_access),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_strmap_and_buf),
		cmocka_unit_test(test_read_whole_file),
		cmocka_unit_test(test_grow),
		cmocka_unit_test(test_demo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
