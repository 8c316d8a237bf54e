/* i18n.h — the language bangfu speaks: every message passes gettext (docs/language.md).
 * Messages are written in English in the code and translated by the catalogs in
 * tui/po/: zh_CN (the default, for staff) and en (for administrators who set
 * LANG=en_US.UTF-8). The labels of the code tables are the national form's Chinese terms;
 * the en catalog gives their English names. */
#ifndef CORE_I18N_H
#define CORE_I18N_H
#include <libintl.h>

#define I18N_DOMAIN "bangfu"
#define _(s) gettext(s)
#define N_(s) (s)            /* marked for the catalog, translated where it is shown */

/* Which catalog a user gets from their environment: "en" when the first of LANGUAGE,
 * LC_ALL, LC_MESSAGES, LANG that is set and not empty names English ("en", "en_US.UTF-8",
 * "en_GB:zh_CN"), "zh_CN" otherwise (unset, C, POSIX, zh_CN.UTF-8, any other language). */
const char *i18n_pick(const char *language, const char *lc_all, const char *lc_messages,
                      const char *lang);

/* 1 when the messages are English (the en catalog), 0 for Chinese. */
int i18n_english(void);

#endif
