/* users.c — bangfu users: rows in `users`, one audit file each (users/<login>.txt). */
#include "store/kinds.h"
#include "core/text.h"
#include <ctype.h>
#include <stdio.h>
#include <string.h>

int user_path(const char *login, char *out, size_t n)
{
	return snprintf(out, n, "users/%s.txt", login);
}

static void user_from_row(sqlite3_stmt *st, struct user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	snprintf(u->login, sizeof u->login, "%s", db_col_text(st, 1));
	snprintf(u->name, sizeof u->name, "%s", db_col_text(st, 2));
	access_role_parse(db_col_text(st, 3), &u->role);
	snprintf(u->scope, sizeof u->scope, "%s", db_col_text(st, 4));
	u->version = sqlite3_column_int64(st, 5);
	snprintf(u->disabled, sizeof u->disabled, "%s", db_col_text(st, 6));
}

#define USER_COLUMNS "id, login, name, role, scope, version, disabled"

int user_load(struct store *s, const char *login, struct user *out)
{
	sqlite3_stmt *st;
	if (db_cached(s, "SELECT " USER_COLUMNS " FROM users WHERE login = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		user_from_row(st, out);
	db_finalize(s, st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return store_fail(s, STORE_ENOTFOUND, "no bangfu user %s", login);
	return store_sqlfail(s, "reading users");
}

static int check_login(struct store *s, const char *login)
{
	size_t n = strlen(login);
	if (n == 0 || n > 32)
		return store_fail(s, STORE_EINVAL, "login: must be 1-32 characters");
	for (const char *p = login; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.')
			return store_fail(s, STORE_EINVAL, "login \"%s\": only letters, digits, _ - . "
			                  "(a Unix login name)", login);
	return 0;
}

int store_user_add(struct store *s, const struct user *actor, const char *login,
                   const char *name, enum role role, const char *scope, const char *why)
{
	char err[256], path[128];
	/* actor NULL only from store_init: the first administrator has no one above her */
	if (actor && !access_is_admin(actor))
		return store_fail(s, STORE_EDENIED, "only an administrator may add users (you are %s)",
		                  access_role_code(actor->role));
	if (check_login(s, login))
		return STORE_EINVAL;
	if (!name[0])
		return store_fail(s, STORE_EINVAL, "--name: must not be empty");
	if (text_check_input("--name", name, TEXT_MAX_NAME, 0, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	if (regions_scope_check(s, scope))
		return STORE_EINVAL;
	if (actor && !access_in_scope(actor, scope))
		return store_fail(s, STORE_EDENIED, "scope %s is outside your own scope %s", scope,
		                  actor->scope);
	struct user u = {.role = role};
	snprintf(u.login, sizeof u.login, "%s", login);
	snprintf(u.name, sizeof u.name, "%s", name);
	snprintf(u.scope, sizeof u.scope, "%s", scope);
	if (write_begin(s, actor, "user add", login, why))
		return STORE_EFAIL;
	int code = STORE_EFAIL;
	sqlite3_stmt *st;
	if (db_cached(s, "INSERT INTO users(login, name, role, scope) VALUES (?,?,?,?)", &st))
		goto fail;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, access_role_code(role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, scope, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	if (rc == SQLITE_CONSTRAINT) {
		code = store_fail(s, STORE_EINVAL, "user %s already exists", login);
		goto fail;
	}
	if (rc != SQLITE_DONE) {
		store_sqlfail(s, "adding the user");
		goto fail;
	}
	struct buf text = {0};
	user_render(&u, &text);
	user_path(login, path, sizeof path);
	rc = write_file(s, path, buf_str(&text));
	buf_free(&text);
	if (rc)
		goto fail;
	return write_commit(s);
fail:
	write_rollback(s);
	return code;
}

int store_user_list(struct store *s, const struct user *actor,
                    int (*fn)(void *ctx, const struct user *u), void *ctx)
{
	sqlite3_stmt *st;
	if (db_cached(s, "SELECT " USER_COLUMNS " FROM users ORDER BY login", &st))
		return STORE_EFAIL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct user u;
		user_from_row(st, &u);
		/* a user sees the users whose scope lies inside her own */
		if (!access_in_scope(actor, u.scope))
			continue;
		if (fn(ctx, &u))
			break;
	}
	db_finalize(s, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "listing users");
}

int users_expect_all(struct store *s, kind_emit_fn emit, void *ctx)
{
	sqlite3_stmt *st;
	struct buf text = {0};
	int rc = 0;
	if (db_cached(s, "SELECT " USER_COLUMNS " FROM users ORDER BY login", &st))
		return STORE_EFAIL;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		struct user u;
		char path[128];
		user_from_row(st, &u);
		buf_reset(&text);
		user_render(&u, &text);
		user_path(u.login, path, sizeof path);
		rc = buf_str(&text) ? emit(ctx, path, text.s) : store_fail(s, STORE_EFAIL, "out of memory");
	}
	db_finalize(s, st);
	buf_free(&text);
	return rc;
}

int users_restore(struct store *s, const char *path, const char *text)
{
	struct user u;
	char err[256];
	sqlite3_stmt *st;
	if (user_parse(text, &u, err, sizeof err))
		return store_fail(s, STORE_EFAIL, "%s: %s", path, err);
	if (db_cached(s, "INSERT INTO users(login, name, role, scope, disabled) VALUES (?,?,?,?,?)", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, u.login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, u.name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, access_role_code(u.role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, u.scope, -1, SQLITE_STATIC);
	db_bind_text(st, 5, u.disabled);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "restoring a user");
}

/* --- corrections: edit and disable (docs/casework.md "Corrections") --- */

/* The user `login` as the administrator actor may change her: an administrator, the
 * user's scope inside the actor's (outside reads as missing, no oracle). */
static int user_for_change(struct store *s, const struct user *actor, const char *login,
                           long expected_version, struct user *out)
{
	if (!access_is_admin(actor))
		return store_fail(s, STORE_EDENIED, "only an administrator may change users (you are %s)",
		                  access_role_code(actor->role));
	int rc = user_load(s, login, out);
	if (rc == STORE_ENOTFOUND || (!rc && !access_in_scope(actor, out->scope)))
		return store_fail(s, STORE_ENOTFOUND, "no bangfu user %s in your scope (%s)", login,
		                  actor->scope);
	if (!rc && expected_version > 0 && expected_version != out->version)
		return store_fail(s, STORE_ESTALE, "user %s was changed since you read it (your version "
		                  "%ld, now %ld): `bangfu audit log` shows what changed", login,
		                  expected_version, out->version);
	return rc;
}

/* Save u's row (its version moves on) and its file in the open event. */
static int user_save(struct store *s, struct user *u)
{
	sqlite3_stmt *st;
	char path[128];
	if (db_cached(s, "UPDATE users SET name = ?, role = ?, scope = ?, disabled = ?, "
	                  "version = version + 1 WHERE login = ? AND version = ?", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, u->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, access_role_code(u->role), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, u->scope, -1, SQLITE_STATIC);
	db_bind_text(st, 4, u->disabled);
	sqlite3_bind_text(st, 5, u->login, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, u->version);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	if (rc != SQLITE_DONE)
		return store_sqlfail(s, "saving the user");
	if (sqlite3_changes(s->db) == 0)
		return store_fail(s, STORE_ESTALE, "user %s was changed meanwhile", u->login);
	struct buf text = {0};
	user_render(u, &text);
	user_path(u->login, path, sizeof path);
	rc = buf_str(&text) ? write_file(s, path, text.s) : store_fail(s, STORE_EFAIL, "out of memory");
	buf_free(&text);
	return rc;
}

/* Apply the change to u, then save it as one event. */
static int user_change_in(struct store *s, const struct user *actor, const char *login,
                          const struct user_change *c, long expected_version, const char *verb,
                          const char *why)
{
	struct user u;
	char err[256];
	int rc = user_for_change(s, actor, login, expected_version, &u);
	if (rc)
		return rc;
	if (c->name && (!c->name[0] || text_check_input("--name", c->name, TEXT_MAX_NAME, 0, err,
	                                                  sizeof err)))
		return store_fail(s, STORE_EINVAL, "%s", c->name[0] ? err : "--name: must not be empty");
	if (c->role && access_role_parse(c->role, &u.role))
		return store_fail(s, STORE_EINVAL, "--role: unknown role \"%s\"", c->role);
	if (c->scope && regions_scope_check(s, c->scope))
		return STORE_EINVAL;
	if (c->scope && !access_in_scope(actor, c->scope))
		return store_fail(s, STORE_EDENIED, "scope %s is outside your own scope %s", c->scope,
		                  actor->scope);
	if (c->disable > 0 && strcmp(login, actor->login) == 0)
		return store_fail(s, STORE_EDENIED, "you cannot disable yourself: ask another "
		                  "administrator");
	if (c->disable > 0 && u.disabled[0])
		return store_fail(s, STORE_EINVAL, "user %s was already disabled on %s", login, u.disabled);
	if (c->disable < 0 && !u.disabled[0])
		return store_fail(s, STORE_EINVAL, "user %s is not disabled: nothing to enable", login);
	struct user before = u;
	if (c->name)
		snprintf(u.name, sizeof u.name, "%s", c->name);
	if (c->scope)
		snprintf(u.scope, sizeof u.scope, "%s", c->scope);
	if (c->disable)
		snprintf(u.disabled, sizeof u.disabled, "%s", c->disable > 0 ? s->today : "");
	if (!c->disable && strcmp(before.name, u.name) == 0 && before.role == u.role &&
	    strcmp(before.scope, u.scope) == 0)
		return store_fail(s, STORE_EINVAL, "user %s already reads so: nothing to change", login);
	if ((rc = write_begin(s, actor, verb, login, why)))
		return rc;
	if ((rc = user_save(s, &u))) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}

int store_user_change(struct store *s, const struct user *actor, const char *login,
                      const struct user_change *c, long expected_version, const char *why)
{
	int rc = write_open(s);
	return rc ? rc : write_close(s, user_change_in(s, actor, login, c, expected_version,
	                                               c->disable > 0   ? "user disable"
	                                               : c->disable < 0 ? "user enable"
	                                                                : "user edit",
	                                               why));
}
