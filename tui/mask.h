/* mask.h — who sees members' ID numbers and phone numbers in full in the UI.
 *
 * The rule (one function, mask_hides): an administrator sees them; a caseworker sees them
 * for households inside his own scope (the families he visits); everyone else — township
 * and county reviewers, auditors — sees them masked. Masked forms keep what staff need
 * to tell people apart and to recognise a number read out on the phone:
 *   ID number  first 4 and last 4 characters:  4418**********1008
 *   phone      first 3 and last 4 digits:      138****8000
 * Search still finds a household by the full ID digits (the store matches, the screen
 * masks). The command-line verbs (`:show`) print what the command line prints. */
#ifndef TUI_MASK_H
#define TUI_MASK_H
#include "core/access.h"
#include "core/model.h"
#include <stddef.h>

/* 1 when u sees h's members' ID and phone numbers masked. */
int mask_hides(const struct user *u, const struct household *h);
/* The masked form of a value of field f (MF_ID or MF_PHONE; other fields are copied). */
void mask_value(enum field_id f, const char *value, char *out, size_t n);

#endif
