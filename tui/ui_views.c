/* ui_views.c — the table of every view (VIEW_LIST in ui_view.h): the keymap's sections
 * and the help's headings. Apart from ui.c so that the help (a view itself) reads the
 * table without depending on the dispatch. */
#include "tui/ui_view.h"

#define VIEW_REF_(name) &view_##name##_ops,
const struct view_ops *const ui_views[] = { VIEW_LIST(VIEW_REF_) NULL };
#undef VIEW_REF_
