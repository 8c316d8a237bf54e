/* keys.h — the keymap: keys bound to actions per view, with a generic fallback. The
 * defaults are a text in the config syntax compiled into the binary; the user's file
 * $XDG_CONFIG_HOME/bangfu/keys (else ~/.config/bangfu/keys) is read after it in the same
 * syntax, one binding a line:
 *
 *     bind VIEW KEY ACTION      # VIEW: generic or a view name; ACTION "none" unbinds
 *
 * KEY is one character (j, G, ?, 。), ^X for Ctrl-X, or <Name>: <Up> <Down> <Left>
 * <Right> <PgUp> <PgDn> <Home> <End> <Enter> <Esc> <Tab> <Space> <Backspace> <Delete>
 * <Insert> <F1>..<F12>.
 *
 * A key is an int: a Unicode code point, or KEY_FN(curses key code) for special keys. */
#ifndef TUI_KEYS_H
#define TUI_KEYS_H
#include "tui/actions.h"
#include <stddef.h>
#include <stdint.h>

#define KEY_FN(k)   (0x200000 | (k))
#define KEY_IS_FN(k) ((k) & 0x200000)
#define KEY_CODE(k) ((k) & ~0x200000)
#define KEY_ENTER_ 13     /* Enter, however the terminal sends it */
#define KEY_ESC_   27
#define KEY_BS_    127    /* Backspace, however the terminal sends it */
/* Bracketed paste (the terminal marks pasted text with ESC [200~ ... ESC [201~ once
 * asked to): what is between the two is text, never keys. */
#define KEY_PASTE_BEGIN_ KEY_FN(KEY_MAX + 1)
#define KEY_PASTE_END_   KEY_FN(KEY_MAX + 2)

struct binding { char view[16]; int key; enum action action; };
struct keymap { struct binding *b; int n, cap; };

/* Reports one problem of a keymap text: origin:line: message. */
typedef void (*keymap_report_fn)(void *ctx, const char *origin, int line, const char *msg);

/* The compiled-in defaults, in the config syntax (printed in the help). */
extern const char keymap_defaults[];
/* The comments of the defaults (without "# "), marked for the catalog: the help screen
 * shows them in the reader's language. NULL-terminated. */
extern const char *const keymap_default_comments[];

/* Parse a keymap text into km (later lines override earlier ones). views is the
 * NULL-terminated list of view names a binding may name besides "generic". Returns the
 * number of problems (each reported). */
int keymap_parse(struct keymap *km, const char *text, const char *origin,
                 const char *const *views, keymap_report_fn report, void *ctx);
/* Read the user's file if it exists (its path in path_out when given). Returns the number
 * of problems, or -1 if it exists but cannot be read. */
int keymap_load_user(struct keymap *km, const char *const *views, keymap_report_fn report,
                     void *ctx, char *path_out, size_t n);
/* The action bound to key in view, else in generic; ACT_NONE if none. */
enum action keymap_lookup(const struct keymap *km, const char *view, int key);
/* The keys bound to action in exactly `view` ("generic" for the fallback), as their names
 * joined by spaces into out. Returns how many. */
int keymap_keys_of(const struct keymap *km, const char *view, enum action a, char *out, size_t n);
/* The key that runs action a in `view` now (a binding of the view, else a generic one
 * the view does not override), as the config syntax names it, into out; "" and 0 when
 * no key does. Returns 1 when found. */
int keymap_key_for(const struct keymap *km, const char *view, enum action a, char *out, size_t n);
void keymap_free(struct keymap *km);

/* Parse one key name; 0 or -1. */
int key_parse(const char *s, int *key);
/* The name of a key as the config syntax writes it. */
void key_describe(int key, char *out, size_t n);
/* Encode code point c as UTF-8 into out (NUL-terminated); returns its length. */
int key_utf8(uint32_t c, char out[5]);

#endif
