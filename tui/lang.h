/* lang.h — setting up the language of the process (tui/lang.c). */
#ifndef TUI_LANG_H
#define TUI_LANG_H

/* Set the locale from the environment (C.UTF-8 where the named one is not installed),
 * choose the catalog with i18n_pick and bind the text domain to the installed catalogs
 * (LOCALEDIR), or to the build tree's when bangfu runs uninstalled and unprivileged. */
void i18n_init(void);

#endif
