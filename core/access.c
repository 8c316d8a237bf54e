/* access.c — roles and region scope (see access.h). */
#include "core/access.h"
#include "core/text.h"
#include "core/i18n.h"
#include "core/regions.h"
#include <stdio.h>
#include <string.h>

static const struct { const char *code, *label; } roles[ROLE_COUNT] = {
	[ROLE_CASEWORKER] = {"caseworker", N_("村级经办")},
	[ROLE_TOWNSHIP]   = {"township", N_("镇级审核")},
	[ROLE_COUNTY]     = {"county", N_("县级审批")},
	[ROLE_AUDITOR]    = {"auditor", N_("审计查阅")},
	[ROLE_ADMIN]      = {"admin", N_("系统管理")},
};

const char *access_role_code(enum role r)  { return r < ROLE_COUNT ? roles[r].code : "?"; }
const char *access_role_label(enum role r) { return r < ROLE_COUNT ? roles[r].label : "?"; }

int access_role_parse(const char *s, enum role *out)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (strcmp(s, roles[i].code) == 0 || strcmp(s, roles[i].label) == 0) {
			*out = (enum role)i;
			return 0;
		}
	return -1;
}

int access_in_scope(const struct user *u, const char *code)
{
	return regions_code_in_scope(code, u->scope);
}

int access_may_write(const struct user *u) { return u->role != ROLE_AUDITOR; }
int access_is_admin(const struct user *u)  { return u->role == ROLE_ADMIN; }

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

int access_scope_check(const char *scope, char *err, size_t errlen)
{
	size_t n = strlen(scope);
	if (!all_digits(scope) || (n != 2 && n != 6 && n != 9 && n != 12)) {
		text_errorf(err, errlen, "scope \"%s\" must be 44, a 6-digit city or county "
		         "code, or a 9/12-digit town/village code", scope);
		return -1;
	}
	if (n == 2) {
		if (strcmp(scope, "44") != 0) {
			text_errorf(err, errlen, "scope \"%s\": only 44 (Guangdong) is served", scope);
			return -1;
		}
		return 0;
	}
	char county[7];
	memcpy(county, scope, 6);
	county[6] = '\0';
	if (n == 6 && regions_city(county))
		return 0;
	if (!regions_is_county_level(county)) {
		text_errorf(err, errlen, "scope \"%s\": %s is not a Guangdong city or county",
		         scope, county);
		return -1;
	}
	if (n > 6 && !regions_place(scope)) {
		text_errorf(err, errlen, "scope \"%s\": no %s has this code in %s (2023 "
		         "statistical codes)", scope, n == 9 ? _("town") : _("village"),
		         regions_county_name(county));
		return -1;
	}
	return 0;
}
