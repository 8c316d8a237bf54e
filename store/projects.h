/* projects.h — what the project files of the store share (projects.c, project_change.c,
 * project_import.c, project_today.c, board.c). Nothing outside store/ includes this. */
#ifndef STORE_PROJECTS_H
#define STORE_PROJECTS_H
#include "store/entity.h"
#include "core/project.h"

extern const struct entity_kind entity_projects;

/* Resolve a project's references as a user typed them (place by code or name, kind and
 * group by code or label, unit by id or name, pair and tasks in u's scope) and check it;
 * refused unless u may write and the place lies in u's scope. A refusal names its field
 * in at (NULL: not wanted; PJF_NONE when it is about no one field). */
int project_resolve(struct store *s, const struct user *u, struct project *p,
                    struct project_fault *at);
/* Insert p's row, milestones and money (is_new), or replace them. */
int project_save(struct store *s, const struct project *p, int is_new);
/* Inside an open event: resolve, allocate the id, save and write the file of a new project. */
int project_add_in(struct store *s, const struct user *u, struct project *in,
                   struct project_fault *at);
/* A project in u's scope, unmasked (for changing it). */
int project_get(struct store *s, const struct user *u, const char *id, struct project *out);
/* Inside an open event: apply edit to project id and save it with its file. *changed is
 * 0 when the edit left the project as it was (nothing is written then). A refusal names
 * its field in at as project_resolve does (PJF_ID: no such project in u's scope); after
 * the edit's own refusal at is left as it is (an edit that names fields records them in
 * the same struct through its ctx). */
int project_change_in(struct store *s, const struct user *u, const char *id,
                      project_edit_fn edit, void *ctx, int *changed, struct project_fault *at);

/* today: the overdue milestones of the projects in u's scope (project_today.c). */
struct project_overdue { char project[PROJECT_ID_LEN], milestone[64], planned[DATE_LEN];
                         long days; char title[256]; };
int project_overdue_each(struct store *s, const struct user *u,
                         int (*fn)(void *ctx, const struct project_overdue *o), void *ctx);

#endif
