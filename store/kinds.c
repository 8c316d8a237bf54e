/* kinds.c — the table of record kinds in the audit tree (see kinds.h). */
#include "store/kinds.h"
#include <string.h>

const struct record_kind record_kinds[] = {
	{"households/", households_expect_all, households_restore},
	{"users/", users_expect_all, users_restore},
	{"settings.txt", settings_expect_all, settings_restore},
	{"units/", units_expect_all, units_restore},
	{"teams/", teams_expect_all, teams_restore},
	{"pairs/", pairs_expect_all, pairs_restore},
	{"tasks/", tasks_expect_all, tasks_restore},
	{"figures/", figures_expect_all, figures_restore},
	{"team_people/", people_expect_all, people_restore},
	{"access/", access_expect_all, access_restore},
	{"projects/", projects_expect_all, projects_restore},
};
const int record_kind_count = (int)(sizeof record_kinds / sizeof record_kinds[0]);

const struct record_kind *kind_for_path(const char *path)
{
	for (int i = 0; i < record_kind_count; i++)
		if (strncmp(path, record_kinds[i].prefix, strlen(record_kinds[i].prefix)) == 0)
			return &record_kinds[i];
	return NULL;
}
