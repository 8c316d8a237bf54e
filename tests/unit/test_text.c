/* test_text.c — UTF-8 decoding, cell widths, fitting to a column, trimming, control
 * detection and sanitising. Byte sequences are spelled out in hex where the point of
 * the test is the encoding itself. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <stdlib.h>
#include "core/text.h"
#include "core/width_table.h"

/* Decode s (whole string) and expect `len` bytes used and code point `cp`. */
static void decodes(const char *s, int len, uint32_t cp)
{
	uint32_t got = 0;
	assert_int_equal(text_decode(s, strlen(s), &got), len);
	assert_int_equal(got, cp);
}

static void rejects(const char *s, size_t n)
{
	uint32_t got;
	assert_int_equal(text_decode(s, n, &got), -1);
	assert_false(text_valid_utf8(s, n));
}

static void test_decode_valid(void **state)
{
	(void)state;
	decodes("A", 1, 'A');
	decodes("\xC3\xA9", 2, 0xE9);                 /* é */
	decodes("\xE4\xB8\xAD", 3, 0x4E2D);           /* 中 */
	decodes("\xF0\xA0\x80\x80", 4, 0x20000);      /* 𠀀 CJK Ext B */
	decodes("\xED\x9F\xBF", 3, 0xD7FF);           /* just below the surrogates */
	decodes("\xEE\x80\x80", 3, 0xE000);           /* just above */
	decodes("\xF4\x8F\xBF\xBF", 4, 0x10FFFF);     /* the last code point */
	decodes("\xC2\x80", 2, 0x80);
	decodes("\xEF\xBF\xBF", 3, 0xFFFF);
	/* Only the first code point is decoded. */
	decodes("\xE5\xBC\xA0\xE4\xB8\x89", 3, 0x5F20);  /* 张三 */
	assert_true(text_valid_utf8("张三 abc 𠀀", strlen("张三 abc 𠀀")));
	assert_true(text_valid_utf8("", 0));
}

static void test_decode_invalid(void **state)
{
	(void)state;
	uint32_t cp;
	rejects("\xC0\x80", 2);                       /* overlong NUL */
	rejects("\xC1\xBF", 2);                       /* overlong */
	rejects("\xE0\x80\x80", 3);                   /* overlong */
	rejects("\xE0\x9F\xBF", 3);                   /* overlong U+07FF */
	rejects("\xF0\x80\x80\x80", 4);               /* overlong */
	rejects("\xF0\x8F\xBF\xBF", 4);               /* overlong U+FFFF */
	rejects("\xED\xA0\x80", 3);                   /* surrogate U+D800 */
	rejects("\xED\xBF\xBF", 3);                   /* surrogate U+DFFF */
	rejects("\xF4\x90\x80\x80", 4);               /* U+110000 */
	rejects("\xF5\x80\x80\x80", 4);
	rejects("\xFF", 1);
	rejects("\x80", 1);                           /* lone continuation */
	rejects("\xE4\xB8", 2);                       /* truncated */
	rejects("\xE4\xB8\x41", 3);                   /* bad continuation */
	rejects("\xF0\xA0\x80", 3);
	/* Truncation counts against n, not the NUL: a 3-byte char with n=2 is invalid. */
	assert_int_equal(text_decode("\xE4\xB8\xAD", 2, &cp), -1);
	assert_int_equal(text_decode("", 0, &cp), -1);
	assert_int_equal(text_decode(NULL, 4, &cp), -1);
	assert_false(text_valid_utf8("abc\xFF", 4));
}

static void test_cp_width(void **state)
{
	(void)state;
	assert_int_equal(text_cp_width('a'), 1);
	assert_int_equal(text_cp_width(0x4E2D), 2);   /* 中 */
	assert_int_equal(text_cp_width(0x3000), 2);   /* full-width space */
	assert_int_equal(text_cp_width(0x3001), 2);   /* 、 */
	assert_int_equal(text_cp_width(0x303F), 1);   /* the one narrow char in the block */
	assert_int_equal(text_cp_width(0x1100), 2);   /* Hangul leading jamo */
	assert_int_equal(text_cp_width(0x1160), 0);   /* Hangul medial jamo */
	assert_int_equal(text_cp_width(0xAC00), 2);   /* 가 */
	assert_int_equal(text_cp_width(0xD7A3), 2);
	assert_int_equal(text_cp_width(0xF900), 2);   /* compatibility ideograph */
	assert_int_equal(text_cp_width(0xFE30), 2);
	assert_int_equal(text_cp_width(0xFF01), 2);   /* ！ */
	assert_int_equal(text_cp_width(0xFF10), 2);   /* ０ */
	assert_int_equal(text_cp_width(0xFF61), 1);   /* half-width katakana punctuation */
	assert_int_equal(text_cp_width(0xFFE5), 2);   /* ￥ */
	assert_int_equal(text_cp_width(0x20000), 2);  /* 𠀀 */
	assert_int_equal(text_cp_width(0x2A6D6), 2);
	assert_int_equal(text_cp_width(0x30000), 2);  /* Ext G, plane 3 */
	assert_int_equal(text_cp_width(0x1F600), 2);  /* 😀 */
	assert_int_equal(text_cp_width(0x1F914), 2);  /* 🤔 */
	assert_int_equal(text_cp_width(0x0301), 0);   /* combining acute */
	assert_int_equal(text_cp_width(0x200B), 8);   /* zero-width space: shown <U+200B> */
	assert_int_equal(text_cp_width(0xFE0F), 0);   /* variation selector */
	assert_int_equal(text_cp_width(0xFEFF), 8);   /* BOM: shown <U+FEFF> */
	assert_int_equal(text_cp_width(0x00B7), 1);   /* · ambiguous */
	assert_int_equal(text_cp_width(0x2026), 1);   /* … ambiguous */
	assert_int_equal(text_cp_width(0x25CB), 1);   /* ○ ambiguous */
	assert_int_equal(text_cp_width(0x2500), 1);   /* ─ box drawing */
	assert_int_equal(text_cp_width(0x01), 2);     /* ^A */
	assert_int_equal(text_cp_width(0x7F), 2);     /* ^? */
	assert_int_equal(text_cp_width(0x85), 8);     /* <U+0085> */
	assert_int_equal(text_cp_width(0x202E), 8);   /* <U+202E> */
	/* from Unicode's tables (core/width_table.c), where the old hand list was wrong */
	assert_int_equal(text_cp_width(0x1F321), 1);  /* 🌡 thermometer: EAW N, text presentation */
	assert_int_equal(text_cp_width(0x1F32D), 2);  /* 🌭 hot dog: EAW W */
	assert_int_equal(text_cp_width(0x1F6D7), 2);  /* elevator (Unicode 13) */
	assert_int_equal(text_cp_width(0x0951), 0);   /* Devanagari stress sign udatta: Mn */
	assert_int_equal(text_cp_width(0x1AB0), 0);   /* combining doubled circumflex: Mn */
	assert_int_equal(text_cp_width(0x20DD), 0);   /* combining enclosing circle: Me */
	assert_int_equal(text_cp_width(0x0903), 1);   /* Devanagari visarga: Mc, spacing */
	assert_int_equal(text_cp_width(0xD7B0), 0);   /* Hangul jungseong O-YEO (V) */
	assert_int_equal(text_cp_width(0x3400), 2);   /* 㐀 CJK Extension A */
	assert_int_equal(text_cp_width(0x9FFF), 2);   /* end of the unified block */
	assert_int_equal(text_cp_width(0x31350), 2);  /* CJK Extension H */
	assert_int_equal(text_cp_width(0xFF5E), 2);   /* ～ full-width tilde */
	assert_int_equal(text_cp_width(0xFF65), 1);   /* ･ half-width middle dot */
	assert_int_equal(text_cp_width(0x302A), 0);   /* ideographic tone mark: Mn though EAW W */
	assert_int_equal(text_cp_width(0x4DC0), 1);   /* ䷀ hexagram: EAW N between two W blocks */
}

/* The generated ranges are sorted and do not overlap (text.c halves them). */
static void test_width_table_sorted(void **state)
{
	(void)state;
	const struct width_range *t[] = {width_zero, width_wide};
	size_t n[] = {width_zero_count, width_wide_count};
	for (int k = 0; k < 2; k++) {
		assert_true(n[k] > 100);
		for (size_t i = 0; i < n[k]; i++) {
			assert_true(t[k][i].lo <= t[k][i].hi);
			if (i)
				assert_true(t[k][i - 1].hi + 1 < t[k][i].lo);
		}
	}
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("张三"), 4);
	assert_int_equal(text_width("张三 Li"), 7);
	assert_int_equal(text_width("𠀀"), 2);
	assert_int_equal(text_width("e\xCC\x81"), 1);  /* e + combining acute */
	assert_int_equal(text_width("a\x01"), 3);
	assert_int_equal(text_width("\xFF"), 4);       /* <FF> */
	assert_int_equal(text_width("英德市·连樟村…"), 14);
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width(NULL), 0);
}

/* text_fit into a roomy buffer: check the text and the width returned. */
static void fits(const char *s, int cells, const char *want, int want_width)
{
	char out[64];
	int w = text_fit(s, cells, out, sizeof out);
	assert_string_equal(out, want);
	assert_int_equal(w, want_width);
	assert_int_equal(text_width(out), want_width);
}

static void test_fit(void **state)
{
	(void)state;
	fits("张三丰", 6, "张三丰", 6);
	fits("张三丰", 5, "张三", 4);                 /* 丰 would straddle the edge */
	fits("张三丰", 1, "", 0);
	fits("a张", 2, "a", 1);
	fits("a𠀀b", 2, "a", 1);                     /* non-BMP wide char at the edge */
	fits("a𠀀b", 3, "a𠀀", 3);
	fits("abc", 0, "", 0);
	fits("abc", -5, "", 0);
	fits("abc", 10, "abc", 3);
	fits("e\xCC\x81xyz", 1, "e\xCC\x81", 1);     /* a combining mark stays with its base */
	fits("a\tb", 10, "a^Ib", 4);
	fits("a\x01" "b", 2, "a", 1);               /* ^A never cut in half */
	fits("a\x1B[2J", 20, "a^[[2J", 6);          /* no escape sequence reaches the screen */
	fits("x\xE2\x80\xAEy", 20, "x<U+202E>y", 10);
	fits("\xFF" "ab", 20, "<FF>ab", 6);
	fits("\xFF" "ab", 3, "", 0);
	fits("一二三四五", 9, "一二三四", 8);
}

static void test_fit_small_buffer(void **state)
{
	(void)state;
	char out[5];
	/* Room for one 3-byte character and the NUL, not two. */
	assert_int_equal(text_fit("张三", 10, out, sizeof out), 2);
	assert_string_equal(out, "张");
	assert_int_equal(text_fit("abcdef", 10, out, sizeof out), 4);
	assert_string_equal(out, "abcd");
	assert_int_equal(text_fit("abc", 10, out, 0), 0);
	assert_int_equal(text_fit("abc", 10, out, 1), 0);
	assert_string_equal(out, "");
	assert_int_equal(text_fit(NULL, 10, out, sizeof out), 0);
	assert_string_equal(out, "");
}

static void trims(const char *s, const char *want)
{
	char buf[64];
	strcpy(buf, s);
	assert_ptr_equal(text_trim(buf), buf);
	assert_string_equal(buf, want);
}

static void test_trim(void **state)
{
	(void)state;
	trims("  张三\t\r\n", "张三");
	trims("\xE3\x80\x80张三\xE3\x80\x80", "张三");       /* U+3000 both ends */
	trims("\xE3\x80\x80 \t\xE3\x80\x80李 四 \xE3\x80\x80\n", "李 四");
	trims("a\xE3\x80\x80" "b", "a\xE3\x80\x80" "b"); /* inner kept */
	trims("   ", "");
	trims("\xE3\x80\x80", "");
	trims("", "");
	trims("x", "x");
	trims("\xE3\x80\x81", "\xE3\x80\x81");           /* 、 is not a space */
	trims("a\xE3\x80", "a\xE3\x80");                 /* a truncated U+3000 is left */
	assert_null(text_trim(NULL));
}

static void test_find_control(void **state)
{
	(void)state;
	assert_int_equal(text_find_control("张三 abc", 0), -1);
	assert_int_equal(text_find_control("a\tb", 0), 1);
	assert_int_equal(text_find_control("a\tb", 1), -1);
	assert_int_equal(text_find_control("a\tb\n", 1), 3);
	assert_int_equal(text_find_control("\x01", 0), 0);
	assert_int_equal(text_find_control("ab\x7F", 0), 2);
	assert_int_equal(text_find_control("张\xC2\x85", 0), 3);      /* C1 NEL */
	assert_int_equal(text_find_control("\xC2\x9F", 0), 0);
	assert_int_equal(text_find_control("\xC2\xA0", 0), -1);      /* NBSP is not one */
	assert_int_equal(text_find_control("a\xE2\x80\xA8", 0), 1);  /* U+2028 */
	assert_int_equal(text_find_control("a\xE2\x80\xA9", 0), 1);  /* U+2029 */
	assert_int_equal(text_find_control("x\xE2\x80\xAA", 0), 1);  /* U+202A */
	assert_int_equal(text_find_control("x\xE2\x80\xAEy", 0), 1); /* U+202E RLO */
	assert_int_equal(text_find_control("\xE2\x81\xA6", 0), 0);   /* U+2066 */
	assert_int_equal(text_find_control("\xE2\x81\xA9", 0), 0);   /* U+2069 */
	assert_int_equal(text_find_control("\xE2\x81\xA5", 0), -1);  /* U+2065 */
	assert_int_equal(text_find_control("\xE2\x80\x8B", 0), 0);   /* U+200B zero-width space */
	assert_int_equal(text_find_control("a\xEF\xBB\xBF", 0), 1);  /* U+FEFF */
	assert_int_equal(text_find_control("a\xC2\xAD", 0), 1);      /* U+00AD soft hyphen */
	assert_int_equal(text_find_control("\xE2\x80\x8F", 0), 0);   /* U+200F RLM */
	assert_int_equal(text_find_control("\xD8\x9C", 0), 0);        /* U+061C ALM */
	assert_int_equal(text_find_control("\xE2\x81\xA0", 0), 0);   /* U+2060 word joiner */
	assert_int_equal(text_find_control("\xF3\xA0\x80\x81", 0), 0); /* U+E0001 tag */
	assert_int_equal(text_find_control("\xE2\x80\xAF", 0), -1);  /* U+202F NNBSP is a space */
	assert_int_equal(text_find_control("\xEF\xB8\x8F", 0), -1);  /* U+FE0F variation selector */
	assert_int_equal(text_find_control("\xFF", 0), -1);          /* invalid, not a control */
	assert_int_equal(text_find_control("", 0), -1);
	assert_int_equal(text_find_control(NULL, 0), -1);
}

static void sanitizes(const char *s, const char *want)
{
	char out[128];
	assert_int_equal(text_sanitize(s, out, sizeof out), strlen(want));
	assert_string_equal(out, want);
}

static void test_sanitize(void **state)
{
	(void)state;
	sanitizes("张三", "张三");
	sanitizes("a\x01" "b\x7F", "a^Ab^?");
	sanitizes("\x1B[31mred", "^[[31mred");
	sanitizes("tab\there\n", "tab^Ihere^J");
	sanitizes("x\xE2\x80\xAEy", "x<U+202E>y");
	sanitizes("\xC2\x85", "<U+0085>");
	sanitizes("\xE2\x80\xA8", "<U+2028>");
	sanitizes("\xFF\xFE", "<FF><FE>");
	sanitizes("\xE4\xB8", "<E4><B8>");               /* truncated sequence */
	sanitizes("\xED\xA0\x80", "<ED><A0><80>");        /* surrogate */
	sanitizes("", "");
}

static void test_sanitize_small_buffer(void **state)
{
	(void)state;
	char out[4];
	/* Stops before a form that would not fit whole. */
	assert_int_equal(text_sanitize("a\x01", out, 4), 3);
	assert_string_equal(out, "a^A");
	assert_int_equal(text_sanitize("ab\x01", out, 4), 2);
	assert_string_equal(out, "ab");
	assert_int_equal(text_sanitize("张三", out, 4), 3);
	assert_string_equal(out, "张");
	assert_int_equal(text_sanitize("\xFF", out, 4), 0);
	assert_string_equal(out, "");
	assert_int_equal(text_sanitize("abc", out, 0), 0);
	assert_int_equal(text_sanitize(NULL, out, 4), 0);
	assert_string_equal(out, "");
}

/* The width of a string is the width of what text_fit shows for it. */
static void test_width_matches_fit(void **state)
{
	(void)state;
	const char *samples[] = {
		"张三", "a\x01\x7F", "x\xE2\x80\xAEy", "\xFF\xC0\x80", "e\xCC\x81", "𠀀😀·…",
		"\xC2\x85\xE2\x81\xA6", "英德市 连樟村",
	};
	char out[256], san[256];
	for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
		int w = text_fit(samples[i], 1000, out, sizeof out);
		assert_int_equal(w, text_width(samples[i]));
		text_sanitize(samples[i], san, sizeof san);
		assert_string_equal(out, san);
		assert_true(text_valid_utf8(san, strlen(san)));
		assert_int_equal(text_find_control(san, 0), -1);
	}
}

/* The bounded copy: whole when it fits, else cut before a whole character and said so. */
static void test_copy(void **state)
{
	(void)state;
	char out[8];
	assert_int_equal(text_copy(out, sizeof out, "abc"), 0);
	assert_string_equal(out, "abc");
	assert_int_equal(text_copy(out, sizeof out, "1234567"), 0);      /* exactly fits */
	assert_string_equal(out, "1234567");
	assert_int_equal(text_copy(out, sizeof out, "12345678"), -1);
	assert_string_equal(out, "1234567");
	assert_int_equal(text_copy(out, sizeof out, "ab张三李"), -1);     /* 2 + 3 + 3 + 3 bytes */
	assert_string_equal(out, "ab张");                                  /* not half of 三 */
	assert_int_equal(text_copy(out, sizeof out, NULL), 0);
	assert_string_equal(out, "");
}

static void test_errorf(void **state)
{
	(void)state;
	char err[9];
	assert_int_equal(text_errorf(err, sizeof err, "line %d: %s", 7, "ok"), -1);
	assert_string_equal(err, "line 7: ");
	/* "ab张三" (8 bytes) fits 9 bytes; cut to 7 it would end inside 三. */
	assert_int_equal(text_errorf(err, sizeof err, "ab%s", "张三"), -1);
	assert_string_equal(err, "ab张三");
	assert_int_equal(text_errorf(err, 8, "ab%s", "张三"), -1);
	assert_string_equal(err, "ab张");
	assert_int_equal(text_errorf(err, 6, "ab%s", "张三"), -1);
	assert_string_equal(err, "ab张");
	assert_int_equal(text_errorf(err, 5, "ab%s", "张三"), -1);
	assert_string_equal(err, "ab");
	assert_int_equal(text_errorf(err, 4, "ab%s", "𠀀"), -1);
	assert_string_equal(err, "ab");
	assert_int_equal(text_errorf(NULL, 10, "x"), -1);
	assert_int_equal(text_errorf(err, 0, "x"), -1);
}

/* text_check_input accepts s (0) or refuses it with a message containing want. */
static void input(const char *s, size_t max, int flags, const char *want)
{
	char err[200] = "";
	int rc = text_check_input("--why", s, max, flags, err, sizeof err);
	if (!want) {
		assert_int_equal(rc, 0);
		return;
	}
	assert_int_equal(rc, -1);
	if (!strstr(err, want))
		fail_msg("\"%s\" lacks \"%s\"", err, want);
	assert_true(strncmp(err, "--why: ", 7) == 0);   /* the field is named */
}

static void test_check_input(void **state)
{
	(void)state;
	input("张三 abc", 64, 0, NULL);
	input("", 64, 0, NULL);
	input(NULL, 64, 0, NULL);
	input("e\xCC\x81 \xF0\xA0\x80\x80", 64, 0, NULL);       /* combining mark, CJK Ext B */
	input("bad\x1B[31m", 64, 0, "control character ^[ (U+001B) at character 4");
	input("\x07", 64, 0, "^G (U+0007)");
	input("a\x7F", 64, 0, "^? (U+007F)");
	input("a\tb", 64, 0, "^I (U+0009)");
	input("a\tb\nc", 64, TEXT_MULTILINE, NULL);
	input("a\nb", 64, 0, "line break ^J (U+000A) at character 2 is not allowed (one line only)");
	input("a\r\nb", 64, TEXT_MULTILINE, "^M (U+000D)");  /* CR: never */
	input("\xC2\x9B" "2J", 64, 0, "control character U+009B at character 1");
	input("x\xE2\x80\xAEy", 64, 0, "text-direction control U+202E");
	input("\xE2\x81\xA6", 64, 0, "text-direction control U+2066");
	input("\xE2\x80\x8E", 64, 0, "text-direction control U+200E");
	input("\xD8\x9C", 64, 0, "text-direction control U+061C");
	input("何\xE2\x80\x8B旺", 64, 0, "invisible character U+200B at character 2");
	input("\xEF\xBB\xBF" "x", 64, 0, "invisible character U+FEFF");
	input("\xC2\xAD", 64, 0, "invisible character U+00AD");
	input("a\xE2\x80\xA8", 64, TEXT_MULTILINE, "line break U+2028");
	input("ab\xFF", 64, 0, "not valid UTF-8 (byte 3 is <FF>)");
	input("\xE4\xB8", 64, 0, "not valid UTF-8 (byte 1 is <E4>)");   /* cut short */
	input("\xED\xA0\x80", 64, 0, "not valid UTF-8");                /* surrogate */
	/* Characters, not bytes; never cut. */
	input("张张张", 3, 0, NULL);
	input("张张张张", 3, 0, "too long (4 characters, at most 3)");
	input("abcd\x1B", 3, 0, "too long (5 characters, at most 3)");  /* the length first */
	char *big = malloc(9u << 20);
	assert_non_null(big);
	memset(big, 'x', (9u << 20) - 1);
	big[(9u << 20) - 1] = '\0';
	input(big, TEXT_MAX_NAME, 0, "too long (9437183 characters, at most 64)");
	free(big);
	/* Without a field name the message starts with what is wrong. */
	char err[100];
	assert_int_equal(text_check_input(NULL, "\x01", 5, 0, err, sizeof err), -1);
	assert_string_equal(err, "control character ^A (U+0001) at character 1 is not allowed");
}

/* The stream sanitiser: what reaches emit. */
struct collected { char buf[512]; size_t len; int fail; };

static int collect(void *ctx, const char *p, size_t n)
{
	struct collected *c = ctx;
	if (c->fail)
		return -1;
	assert_true(c->len + n < sizeof c->buf);
	memcpy(c->buf + c->len, p, n);
	c->len += n;
	c->buf[c->len] = '\0';
	return 0;
}

/* Write s (n bytes) in pieces of `step` bytes, then finish: expect want. */
static void streams(const char *s, size_t n, size_t step, const char *want)
{
	struct text_stream st = {0};
	struct collected c = {{0}, 0, 0};
	for (size_t i = 0; i < n; i += step)
		assert_int_equal(text_stream_write(&st, s + i, n - i < step ? n - i : step, collect, &c), 0);
	assert_int_equal(text_stream_finish(&st, collect, &c), 0);
	if (strcmp(c.buf, want) != 0)
		fail_msg("step %zu: got \"%s\", want \"%s\"", step, c.buf, want);
}

/* Every way of cutting s into equal pieces gives the same output. */
static void streams_all(const char *s, size_t n, const char *want)
{
	for (size_t step = 1; step <= n + 1; step++)
		streams(s, n, step, want);
}
#define STREAMS(lit, want) streams_all(lit, sizeof lit - 1, want)

static void test_stream(void **state)
{
	(void)state;
	STREAMS("张三\tok\n", "张三\tok\n");                     /* tab and LF pass */
	STREAMS("\x1B[2J\x1B[31mred\n", "^[[2J^[[31mred\n");      /* CSI sequences */
	STREAMS("\x1B]0;pwned\x07title", "^[]0;pwned^Gtitle");      /* OSC window title */
	STREAMS("a\x9B" "2Jb", "a<9B>2Jb");                       /* raw 8-bit CSI byte */
	STREAMS("a\xC2\x9B" "2Jb", "a<U+009B>2Jb");               /* U+009B CSI */
	STREAMS("x\rover", "x^Mover");                            /* CR cannot overwrite */
	STREAMS("\xE2\x80\xAE" "evil", "<U+202E>evil");
	STREAMS("何\xE2\x80\x8B旺", "何<U+200B>旺");
	STREAMS("a\0b", "a^@b");                                  /* NUL */
	STREAMS("\xF0\xA0\x80\x80!", "\xF0\xA0\x80\x80!");      /* 4 bytes, split anywhere */
	STREAMS("\xE4\xB8x", "<E4><B8>x");                        /* a sequence broken off */
	STREAMS("\xE0\x80", "<E0><80>");                          /* overlong: never a prefix */
	STREAMS("ok\xE4\xB8", "ok<E4><B8>");                      /* cut short at the end */
	STREAMS("\xED\xA0\x80", "<ED><A0><80>");                  /* surrogate */
	/* A sequence split across two writes is held, not shown as <XX>. */
	struct text_stream st = {0};
	struct collected c = {{0}, 0, 0};
	assert_int_equal(text_stream_write(&st, "a\xE4", 2, collect, &c), 0);
	assert_string_equal(c.buf, "a");
	assert_int_equal(st.nheld, 1);
	assert_int_equal(text_stream_write(&st, "\xB8", 1, collect, &c), 0);
	assert_string_equal(c.buf, "a");
	assert_int_equal(text_stream_write(&st, "\xAD\n", 2, collect, &c), 0);
	assert_string_equal(c.buf, "a中\n");
	assert_int_equal(text_stream_write(&st, "", 0, collect, &c), 0);
	assert_int_equal(text_stream_finish(&st, collect, &c), 0);
	assert_string_equal(c.buf, "a中\n");
	/* A failing writer fails the write. */
	c.fail = 1;
	assert_int_equal(text_stream_write(&st, "x", 1, collect, &c), -1);
}

/* Output longer than the stream's batch buffer (8 KiB) arrives whole and in order: runs
 * of plain ASCII longer than it (passed as they are) and short ones between controls. */
struct big { char buf[80000]; size_t len; };

static int collect_big(void *ctx, const char *p, size_t n)
{
	struct big *b = ctx;
	assert_true(b->len + n <= sizeof b->buf);
	memcpy(b->buf + b->len, p, n);
	b->len += n;
	return 0;
}

static void test_stream_long(void **state)
{
	(void)state;
	static char in[40000], want[80000];
	static struct big got;
	size_t w = 0;
	for (size_t i = 0; i < sizeof in; i++) {
		in[i] = (i < 20000 ? i % 7 == 0 : i % 9001 == 0) ? '\x1B' : 'a';
		if (in[i] == 'a')
			want[w++] = 'a';
		else {
			want[w++] = '^';
			want[w++] = '[';
		}
	}
	struct text_stream st = {0};
	assert_int_equal(text_stream_write(&st, in, sizeof in, collect_big, &got), 0);
	assert_int_equal(got.len, w);
	assert_memory_equal(got.buf, want, w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_cp_width),
		cmocka_unit_test(test_width_table_sorted),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_fit_small_buffer),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_find_control),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_sanitize_small_buffer),
		cmocka_unit_test(test_width_matches_fit),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_errorf),
		cmocka_unit_test(test_check_input),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_stream_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
