/* audit_what.h — what a change did to a household's audit file, in a few words for the
 * history's "what" column: the fields it changed by their Chinese names (家庭住址, a
 * member's 联系电话 after the member's name), the step it took by the step's label
 * (入户核实, 镇级审核通过), or the record it added (走访, 帮扶措施), read from the file's text
 * before and after (core/record.h's line format). */
#ifndef CORE_AUDIT_WHAT_H
#define CORE_AUDIT_WHAT_H
#include <stddef.h>

/* Describe the change from old_text (NULL: the file was new) to new_text (NULL: it was
 * removed) into out, items joined by "、"; "" when the texts hold no difference. */
void audit_what(const char *old_text, const char *new_text, char *out, size_t n);

#endif
