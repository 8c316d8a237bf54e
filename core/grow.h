/* grow.h — the one way an array grows: its capacity doubles from a first size until it
 * holds what is needed, so appends are amortised O(1). On an allocation failure the
 * array and its capacity are left as they were (the caller reports it).
 *
 *   if (GROW(l->v, l->cap, l->n + 1, 64)) return -1;   // room for one more
 *
 * GROW takes the capacity as an int, long or size_t lvalue. Arrays that share one
 * capacity (parallel arrays) use grow_cap once and grow_array for each. */
#ifndef CORE_GROW_H
#define CORE_GROW_H
#include <stddef.h>

/* The capacity for `need` elements: cap when it is enough, else cap (or `first` when
 * cap is 0) doubled until it is; 0 when that overflows `elem`-byte elements. */
size_t grow_cap(size_t cap, size_t need, size_t first, size_t elem);
/* Resize the array whose pointer is at arrp (a T ** passed as void *) to cap elements
 * of elem bytes. Returns 0, or -1 with the array untouched. */
int grow_array(void *arrp, size_t elem, size_t cap);

int grow_int(void *arrp, size_t elem, int *cap, size_t need, size_t first);
int grow_long(void *arrp, size_t elem, long *cap, size_t need, size_t first);
int grow_size(void *arrp, size_t elem, size_t *cap, size_t need, size_t first);

/* Make room for `need` elements in arr (an lvalue of pointer type) of capacity cap.
 * Returns 0, or -1 when memory runs out. New elements are not initialised. */
#define GROW(arr, cap, need, first)                                                      \
	_Generic((cap), int: grow_int, long: grow_long, size_t: grow_size)(                 \
		(void *)&(arr), sizeof *(arr), &(cap), (size_t)(need), (size_t)(first))

#endif
