/* speak.h — for unit tests of translated text: speak(LANG) sets the messages'
 * language as bangfu's start-up does (tui/lang.c, not linked into the unit tests) with
 * the build's catalogs, found beside the test binary (build/tests/../locale). */
#ifndef TESTS_UNIT_SPEAK_H
#define TESTS_UNIT_SPEAK_H
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/i18n.h"

static void speak(const char *language)
{
	char exe[PATH_MAX], dir[PATH_MAX + 16];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	exe[n > 0 ? n : 0] = '\0';
	snprintf(dir, sizeof dir, "%s/../locale", dirname(exe));
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C.UTF-8", 1);
	setenv("LANGUAGE", language, 1);
	setlocale(LC_ALL, "C.UTF-8");
	bindtextdomain(I18N_DOMAIN, dir);
	bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
	textdomain(I18N_DOMAIN);
}

#endif
