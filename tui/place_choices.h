/* place_choices.h — Tab choices of town and village names for the list's limit prompt. */
#ifndef TUI_PLACE_CHOICES_H
#define TUI_PLACE_CHOICES_H

/* "town:NAME" and "village:NAME" for every town and village of the 2023 codes in scope,
 * NULL-terminated, in one allocation (free() it); NULL when out of memory. */
const char **place_choices(const char *scope);

#endif
