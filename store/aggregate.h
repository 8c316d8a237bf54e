/* aggregate.h — what aggregate.c (fetching counties, the run, verify) and
 * aggregate_apply.c (a county's new commits into the province's rows) share.
 * Nothing outside store/ includes this. */
#ifndef STORE_AGGREGATE_H
#define STORE_AGGREGATE_H
#include "store/internal.h"

/* One county of an aggregate: a row of aggregate_counties. */
struct county {
	long number;              /* its tag on case and sub-record ids: C0000001-<number> */
	char name[64];            /* refs/counties/<name> */
	char url[PATH_MAX];
	git_oid tip;              /* the last commit applied */
	int has_tip;
	git_oid fetched;          /* this run: the remote's main */
	int update;               /* this run: fetched is new and extends tip */
};

struct counties { struct county *c; int n; };

/* Apply the county's commits after its tip up to c->fetched: the files that changed
 * between the two trees become rows (rebuild's restore code), each commit an event. The
 * caller holds the transaction. all: every county, to name the other one of a clash. */
int aggregate_apply(struct store *s, const struct counties *all, struct county *c, FILE *report);

#endif
