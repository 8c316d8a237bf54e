/* lang.c — the process's language at start: the locale, the catalog (core/i18n.h
 * i18n_pick) and where the catalogs are read from (docs/language.md). */
#include "tui/lang.h"
#include "core/i18n.h"
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* The build tree's catalogs (BUILD_LOCALEDIR, compiled in), used only when the
 * process is not setgid or setuid (AT_SECURE) and they exist: a privileged bangfu reads
 * catalogs from LOCALEDIR alone, since a translated message is a printf format. */
static const char *catalog_dir(void)
{
#ifdef BUILD_LOCALEDIR
	struct stat st;
	if (!getauxval(AT_SECURE) &&
	    stat(BUILD_LOCALEDIR "/zh_CN/LC_MESSAGES/" I18N_DOMAIN ".mo", &st) == 0)
		return BUILD_LOCALEDIR;
#endif
	return LOCALEDIR;
}

void i18n_init(void)
{
	if (!setlocale(LC_ALL, ""))
		setlocale(LC_ALL, "C.UTF-8");
	/* gettext ignores LANGUAGE in the C locale: messages need at least C.UTF-8. */
	const char *msgs = setlocale(LC_MESSAGES, NULL);
	if (msgs == NULL || strcmp(msgs, "C") == 0 || strcmp(msgs, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	const char *lang = i18n_pick(getenv("LANGUAGE"), getenv("LC_ALL"),
	                             getenv("LC_MESSAGES"), getenv("LANG"));
	setenv("LANGUAGE", lang, 1);
	bindtextdomain(I18N_DOMAIN, catalog_dir());
	bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
	textdomain(I18N_DOMAIN);
}
