/* access.h — who may do what: the staff roles and their region scope. A user sees only
 * rows whose region code lies inside the scope (see regions_code_in_scope); the role
 * gates workflow transitions (core/workflow.c) and administrative verbs. */
#ifndef CORE_ACCESS_H
#define CORE_ACCESS_H
#include <stddef.h>

enum role {
	ROLE_CASEWORKER,  /* village cadre: opens leads, records visits and measures */
	ROLE_TOWNSHIP,    /* township reviewer */
	ROLE_COUNTY,      /* county approver */
	ROLE_AUDITOR,     /* reads everything in scope, changes nothing */
	ROLE_ADMIN,       /* users, settings, imports; may also do every casework step */
	ROLE_COUNT
};

struct user {
	long id;
	char login[64];
	char name[257];            /* up to TEXT_MAX_NAME characters of up to 4 bytes */
	enum role role;
	char scope[16];   /* region code: "44" province, 6-digit city/county, 9 town, 12 village */
	long version;
	char disabled[11];         /* YYYY-MM-DD it was disabled (can no longer act), or "" */
};

const char *access_role_code(enum role r);   /* "caseworker", "township", ... */
const char *access_role_label(enum role r);  /* "村级经办", "镇级审核", ... */
/* Parse a role by code or Chinese label; returns 0 and sets *out, -1 if unknown. */
int access_role_parse(const char *s, enum role *out);
/* 1 when the user's scope contains region code `code`. */
int access_in_scope(const struct user *u, const char *code);
/* 1 when the user may change data at all (everyone but the auditor). */
int access_may_write(const struct user *u);
/* 1 for administrative verbs (user add, settings, import). */
int access_is_admin(const struct user *u);
/* Check a scope code names a place: "44", a city, a county-level unit, or a 9/12-digit
 * town/village code under one. Returns 0, or -1 with a message. */
int access_scope_check(const char *scope, char *err, size_t errlen);

#endif
