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
/* Marked for the catalog with a context, for a word that is two things: a code label (户主,
 * the head of household, shown in English under en) and a column header of the national
 * form (户主, kept Chinese in both catalogs). codes_shown looks the context up first. */
#define NC_(ctx, s) (s)
#define I18N_CODE_LABEL "code label"

/* The translation of s under the context ctx (what pgettext does), or s when the catalog
 * has none. */
const char *i18n_ctx(const char *ctx, const char *s);

/* Which catalog a user gets from their environment: "en" when the first of LANGUAGE,
 * LC_ALL, LC_MESSAGES, LANG that is set and not empty names English ("en", "en_US.UTF-8",
 * "en_GB:zh_CN"), "zh_CN" otherwise (unset, C, POSIX, zh_CN.UTF-8, any other language). */
const char *i18n_pick(const char *language, const char *lc_all, const char *lc_messages,
                      const char *lang);

/* 1 when the messages are English (the en catalog), 0 for Chinese. */
int i18n_english(void);

#endif
