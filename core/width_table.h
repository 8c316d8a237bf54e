/* width_table.h — the cell-width ranges generated from Unicode's data by
 * core/data/gen_width.sh into core/width_table.c; read only by core/text.c. */
#ifndef CORE_WIDTH_TABLE_H
#define CORE_WIDTH_TABLE_H
#include <stddef.h>
#include <stdint.h>

struct width_range { uint32_t lo, hi; };

/* 0 cells: combining and enclosing marks (Mn, Me), format characters (Cf), Hangul
 * medial vowels and final consonants. Sorted, non-overlapping. */
extern const struct width_range width_zero[];
extern const size_t width_zero_count;
/* 2 cells: East Asian Width W and F. Sorted, non-overlapping. */
extern const struct width_range width_wide[];
extern const size_t width_wide_count;

#endif
