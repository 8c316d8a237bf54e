/* fuzz_user.c — libFuzzer target for a user's audit text (core/user_text.c).
 * Properties: parsing never crashes or reads past the text; a text that parses renders
 * to one that parses back to the same user, and that renders to the same bytes again. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/user_text.h"
#include "tests/fuzz/fuzz_common.h"

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_user: property failed: %s\n", what);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), err[256];
	struct user u, back;
	struct buf once = {0}, twice = {0};
	if (!text)
		return 0;
	if (user_parse(text, &u, err, sizeof err) == 0) {
		check(u.login[0] != '\0', "a parsed user has a login");
		user_render(&u, &once);
		check(buf_str(&once) != NULL, "rendered");
		check(user_parse(once.s, &back, err, sizeof err) == 0, "the rendered text parses");
		check(!strcmp(u.login, back.login) && !strcmp(u.name, back.name) &&
		      u.role == back.role && !strcmp(u.scope, back.scope) &&
		      !strcmp(u.disabled, back.disabled), "parse(render(u)) is u");
		user_render(&back, &twice);
		check(buf_str(&twice) && strcmp(once.s, twice.s) == 0, "the same bytes again");
	} else {
		check(strstr(err, "line ") == err, "an error names its line");
	}
	buf_free(&once);
	buf_free(&twice);
	free(text);
	return 0;
}
