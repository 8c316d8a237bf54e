/* project_change.c — changing a project (project set, milestone, money; the import's
 * updates): the project is read inside the write transaction, edited by the caller's
 * function, resolved and checked again as a new one is, saved whole and its file
 * rewritten — one audit event "project VERB: ID" whose reason is required. */
#include "store/projects.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int project_change_in(struct store *s, const struct user *u, const char *id,
                      project_edit_fn edit, void *ctx, int *changed, struct project_fault *at)
{
	struct project *p = calloc(2, sizeof *p), *before = p + 1;
	char err[512];
	int rc;
	*changed = 0;
	if (!p)
		return store_fail(s, STORE_EFAIL, "out of memory");
	if ((rc = project_get(s, u, id, p))) {
		project_fault(at, PJF_ID, NULL, rc);
		goto out;
	}
	*before = *p;
	if (edit(ctx, p, store_today(s), err, sizeof err)) {
		rc = store_fail(s, STORE_EINVAL, "project %s: %s", p->id, err);
		goto out;
	}
	snprintf(p->id, sizeof p->id, "%s", before->id);
	snprintf(p->created, sizeof p->created, "%s", before->created);
	if ((rc = project_resolve(s, u, p, at)))
		goto out;
	struct buf a = {0}, b = {0};
	project_render(before, &a);
	project_render(p, &b);
	*changed = !buf_str(&a) || !buf_str(&b) || strcmp(a.s, b.s) != 0;
	buf_free(&a);
	buf_free(&b);
	if (*changed && !(rc = project_save(s, p, 0)) &&
	    !(rc = entity_load(s, &entity_projects, p->id, p)))
		rc = entity_write_file(s, &entity_projects, p);
out:
	free(p);
	return rc;
}

int store_project_change(struct store *s, const struct user *u, const char *id, const char *verb,
                         project_edit_fn edit, void *ctx, const char *why)
{
	char err[512], full[48];
	int changed = 0;
	if (flatrec_check_text(_("reason (--why)"), why ? why : "", TEXT_MAX_REASON * 4 + 1,
	                       TEXT_MAX_REASON, 1, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	snprintf(full, sizeof full, "project %s", verb);
	int rc = write_open(s);
	if (rc || (rc = write_begin(s, u, full, id, why)))
		return write_close(s, rc);
	if ((rc = project_change_in(s, u, id, edit, ctx, &changed, NULL)))
		write_rollback(s);
	else if (!changed) {
		write_rollback(s);
		rc = store_fail(s, STORE_EINVAL, "project %s: nothing to change (it already reads so)", id);
	} else
		rc = write_commit(s);
	return write_close(s, rc);
}
