/* register_columns.h — the one table of other names a register column goes by: the
 * headers of the national monitoring system's exports (县(市、区), 乡(镇), 身份证号码, ...)
 * and common spellings of county 台账, each mapped to a field of core/model.h.
 * docs/formats.md lists them with where each name comes from. */
#ifndef CORE_REGISTER_COLUMNS_H
#define CORE_REGISTER_COLUMNS_H
#include "core/model.h"

/* The field a header names (its English key, its Chinese name, or an alias), -1 if none.
 * Spaces are ignored and full-width parentheses read as ASCII ones. *alias is set to the
 * alias matched, or NULL when the header is the field's own key or name. */
int register_column_find(const char *header, const char **alias);

/* 1 if a header names the year the file's 家庭人均纯收入 was counted for (收入年度,
 * 核算年度, 年度): not a field, it makes the figure an income assessment of that year. */
int register_year_column(const char *header);

/* The header export writes for field f: with national, the national system's name when
 * the table has one, else the field's Chinese name. */
const char *register_column_name(enum field_id f, int national);

#endif
