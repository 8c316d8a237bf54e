/* user_text.c — a user's audit text, rendered and parsed (see user_text.h). */
#include "core/user_text.h"
#include "core/text.h"
#include "core/record.h"
#include <stdio.h>
#include <string.h>

void user_render(const struct user *u, struct buf *out)
{
	record_put(out, "login", u->login);
	record_put(out, "name", u->name);
	buf_addf(out, "role: %s %s\n", access_role_code(u->role), access_role_label(u->role));
	record_put(out, "scope", u->scope);
	if (u->disabled[0])
		record_put(out, "disabled", u->disabled);
}

int user_parse(const char *text, struct user *u, char *err, size_t errlen)
{
	char key[64], value[512];
	size_t pos = 0;
	long line = 0;
	int r;
	memset(u, 0, sizeof *u);
	const struct record_text texts[] = {
		{"login", u->login, sizeof u->login},  {"name", u->name, sizeof u->name},
		{"scope", u->scope, sizeof u->scope},  {"disabled", u->disabled, sizeof u->disabled},
	};
	while ((r = record_next_line(text, &pos, &line, key, sizeof key, value, sizeof value)) == 1) {
		int put = record_text_put(texts, sizeof texts / sizeof texts[0], key, value);
		if (put < 0) {                   /* refused, never cut */
			text_errorf(err, errlen, "line %ld: %s is too long", line, key);
			return -1;
		}
		if (put == 0 && strcmp(key, "role") == 0) {
			char *sp = strchr(value, ' ');
			if (sp)
				*sp = '\0';
			if (access_role_parse(value, &u->role)) {
				text_errorf(err, errlen, "line %ld: unknown role %s", line, value);
				return -1;
			}
		} else if (put == 0) {
			text_errorf(err, errlen, "line %ld: unknown key %s", line, key);
			return -1;
		}
	}
	if (r != 0 || !u->login[0]) {
		text_errorf(err, errlen, "line %ld: malformed user record", line);
		return -1;
	}
	return 0;
}
