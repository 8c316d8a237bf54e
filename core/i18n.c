/* i18n.c — which catalog an environment asks for (i18n.h); tui/lang.c sets it up. */
#include "core/i18n.h"
#include <stdlib.h>
#include <string.h>

const char *i18n_pick(const char *language, const char *lc_all, const char *lc_messages,
                      const char *lang)
{
	const char *v[] = { language, lc_all, lc_messages, lang };
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		if (v[i] == NULL || v[i][0] == '\0')
			continue;
		return strncmp(v[i], "en", 2) == 0 && (v[i][2] == '\0' || strchr("_.@:", v[i][2]))
		       ? "en" : "zh_CN";
	}
	return "zh_CN";
}

int i18n_english(void)
{
	const char *l = getenv("LANGUAGE");
	return l != NULL && strcmp(l, "en") == 0;
}

const char *i18n_ctx(const char *ctx, const char *s)
{
	char key[256];
	size_t c = strlen(ctx), n = strlen(s);
	if (c + 1 + n + 1 > sizeof key)
		return s;
	memcpy(key, ctx, c);
	key[c] = '\004';     /* how msgfmt joins msgctxt and msgid */
	memcpy(key + c + 1, s, n + 1);
	const char *t = gettext(key);
	return t == key ? s : t;
}
