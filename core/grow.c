/* grow.c — growing arrays by doubling (see grow.h). */
#include "core/grow.h"
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t grow_cap(size_t cap, size_t need, size_t first, size_t elem)
{
	if (need <= cap)
		return cap;
	size_t c = cap ? cap : first ? first : 1;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			return 0;
		c *= 2;
	}
	return elem && c > SIZE_MAX / elem ? 0 : c;
}

int grow_array(void *arrp, size_t elem, size_t cap)
{
	void *arr, *grown;
	if (elem && cap > SIZE_MAX / elem)
		return -1;
	memcpy(&arr, arrp, sizeof arr);
	if (!(grown = realloc(arr, cap * elem)))
		return -1;
	memcpy(arrp, &grown, sizeof grown);
	return 0;
}

/* Grow the array to hold need elements; *cap (at most max) becomes its capacity. */
static int grow_to(void *arrp, size_t elem, size_t *cap, size_t need, size_t first, size_t max)
{
	if (need <= *cap)
		return 0;
	size_t c = grow_cap(*cap, need, first, elem);
	if (!c || c > max || grow_array(arrp, elem, c))
		return -1;
	*cap = c;
	return 0;
}

int grow_int(void *arrp, size_t elem, int *cap, size_t need, size_t first)
{
	size_t c = *cap > 0 ? (size_t)*cap : 0;
	if (grow_to(arrp, elem, &c, need, first, INT_MAX))
		return -1;
	*cap = (int)c;
	return 0;
}

int grow_long(void *arrp, size_t elem, long *cap, size_t need, size_t first)
{
	size_t c = *cap > 0 ? (size_t)*cap : 0;
	if (grow_to(arrp, elem, &c, need, first, LONG_MAX))
		return -1;
	*cap = (long)c;
	return 0;
}

int grow_size(void *arrp, size_t elem, size_t *cap, size_t need, size_t first)
{
	return grow_to(arrp, elem, cap, need, first, SIZE_MAX);
}
