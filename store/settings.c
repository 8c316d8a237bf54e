/* settings.c — deployment settings, editable by an administrator and versioned like
 * everything else: rows in `settings`, one audit file (settings.txt) holding them all in
 * key order; read here, changed in settings_set.c. Seeded at init with SAMPLE values
 * that say so (the monitoring line is not a confirmed Guangdong figure). Keys:
 *   monitoring_line.YYYY      yuan per person per year for that year
 *   visit_interval.default    days between visits
 *   visit_interval.CCCCCC     days between visits in county CCCCCC
 *   dev_measure_days, lead_warn_days, due_soon_days   task and flag windows (days)
 *   dev_measure_groups        the measure groups (codes or labels, comma-separated) that
 *                             count as development measures (national default 产业 就业
 *                             金融 公益岗位); stored as codes, province-wide
 *   income_stable_months      "stably above the line": the two latest income assessments
 *                             at least this many months apart (national default 6)
 *   notice_days, decision_days, elim_min_months   the procedure's numbers (national
 *                             defaults 5, 15, 6 when not set: some places count 20 days)
 *   category.CODE, risk.CODE, warning_kind.CODE, department.CODE, visit_method.CODE,
 *   source.CODE
 *                             an entry added to that list; the value is its Chinese
 *                             label (core/code_lists.h: entries are only ever added,
 *                             never changed or removed)
 *   place.CODE                a town (9 digits) or village (12) newer than the shipped
 *                             2023 codes; the value is its name (store/regions_store.c)
 *   track.CCCCCC              a county's 百千万 track: 创先, 进位 or 消薄 (the 22 published
 *                             in 2023 seeded at init); the province's
 *   cluster.CCCCCC            the county's 特色产业集群 names, joined by 、
 *   town_class.TTTTTTTTT      a town's classes (中心镇 ..., 重点帮扶 ..., samples) joined by 、
 *   weak_village_line         yuan a year: a village whose collective income is below it
 *                             is a weak village (store/places.c, core/places.c)
 *   history_layout            "village": households' files in the history are
 *                             households/COUNTY/TOWN/VILLAGE/ID.txt (written at init and by
 *                             `audit relayout`, store/relayout.c; never by `setting set`);
 *                             absent in an older register: households/COUNTY/TOWN/ID.txt */
#include "store/kinds.h"
#include "core/record.h"
#include "core/regions.h"
#include "core/rules.h"
#include "core/text.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct load_lists { struct store *s; int rc; };

/* Add a list entry not in s->lists yet; one already there is left where it is. */
static int load_entry(void *ctx, const char *key, const char *value)
{
	struct load_lists *ll = ctx;
	char err[512];
	if (!code_lists_is_key(key) || code_lists_contains(&ll->s->lists, key, value) ||
	    code_lists_add(&ll->s->lists, key, value, err, sizeof err) == 0)
		return 0;
	ll->rc = store_fail(ll->s, STORE_EFAIL, "setting %s", err);
	return 1;
}

void settings_dev_groups(struct store *s, char *out, size_t n)
{
	if (store_setting_get(s, "dev_measure_groups", out, n))
		out[0] = '\0';   /* not set: the national groups */
}

/* PRAGMA data_version: changes when another connection commits (-1 if unknown). */
static long data_version(struct store *s)
{
	sqlite3_stmt *st;
	long v = -1;
	if (db_cached(s, "PRAGMA data_version", &st))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(st, 0);
	db_finalize(s, st);
	return v;
}

long store_data_version(struct store *s)
{
	return data_version(s);
}

/* Only ever adds: entries are never changed or removed, and a label or table handed out
 * earlier (a prompt's Tab choices, a view's labels) must stay valid, so an entry already
 * read stays where it is and new ones go after it. A fresh store reads them in key order
 * (the order of settings.txt, as a rebuild does); a long-running one appends what others
 * added since. The order only decides how a new multi-value field lists its codes; the
 * stored value, not the table, is what the audit text shows. */
int settings_load_lists(struct store *s)
{
	struct load_lists ll = {s, 0};
	long version = data_version(s);
	int rc = store_setting_list(s, load_entry, &ll);
	if (!rc)
		rc = ll.rc;
	if (!rc)
		s->lists_data_version = version;
	return rc;
}

const struct code_lists *store_code_lists(struct store *s)
{
	long v = data_version(s);
	if (v < 0 || v != s->lists_data_version)
		settings_load_lists(s);   /* on failure the lists read before stay */
	return &s->lists;
}

int store_setting_get(struct store *s, const char *key, char *value, size_t n)
{
	int rc = db_lookup(s, value, n, "SELECT value FROM settings WHERE key = ?", key, NULL);
	return rc == STORE_ENOTFOUND ? store_fail(s, rc, "no setting %s", key) : rc;
}

enum history_layout store_history_layout(struct store *s)
{
	/* inside one write (an import's million households) read once: the write lock is
	 * held, and only settings_put_row changes it, which forgets what was read */
	if (s->event_id && s->layout_event == s->event_id)
		return (enum history_layout)s->layout;
	char v[16];
	s->layout = db_lookup(s, v, sizeof v, "SELECT value FROM settings WHERE key = ?",
	                      HISTORY_LAYOUT_KEY, NULL) == 0 && strcmp(v, "village") == 0
	            ? LAYOUT_VILLAGE : LAYOUT_TOWN;
	s->layout_event = s->event_id;
	return (enum history_layout)s->layout;
}

double store_setting_number(struct store *s, const char *key, const char *fallback_key,
                            double fallback)
{
	char v[64];
	if (store_setting_get(s, key, v, sizeof v) == 0 ||
	    (fallback_key && store_setting_get(s, fallback_key, v, sizeof v) == 0))
		return atof(v);
	return fallback;
}

int store_setting_list(struct store *s, int (*fn)(void *ctx, const char *key, const char *value),
                       void *ctx)
{
	sqlite3_stmt *st;
	if (db_cached(s, "SELECT key, value FROM settings ORDER BY key", &st))
		return STORE_EFAIL;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn(ctx, db_col_text(st, 0), db_col_text(st, 1)))
			break;
	db_finalize(s, st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_sqlfail(s, "listing settings");
}

static int render_one(void *ctx, const char *key, const char *value)
{
	record_put(ctx, key, value);
	return 0;
}

/* The settings file's canonical text: every key in order. */
int settings_text(struct store *s, struct buf *out)
{
	return store_setting_list(s, render_one, out);
}

int settings_put_row(struct store *s, const char *key, const char *value)
{
	sqlite3_stmt *st;
	if (db_cached(s, "INSERT INTO settings(key, value) VALUES (?,?) ON CONFLICT(key) DO "
	                  "UPDATE SET value = excluded.value, version = version + 1", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	if (rc != SQLITE_DONE)
		return store_sqlfail(s, "saving a setting");
	s->settings_gen++;
	s->layout_event = 0;   /* history_layout read again (store_history_layout) */
	/* a rule's setting: what `today` keeps is built again (store/today_keep.c) */
	return today_keep_setting(s, key);
}

int settings_expect_all(struct store *s, kind_emit_fn emit, void *ctx)
{
	struct buf text = {0};
	int rc = settings_text(s, &text);
	if (!rc && text.len)
		rc = emit(ctx, SETTINGS_PATH, buf_str(&text));
	buf_free(&text);
	return rc;
}

int settings_restore(struct store *s, const char *path, const char *text)
{
	char key[64], value[512];
	size_t pos = 0;
	long line = 0;
	int r, rc = 0;
	while (!rc && (r = record_next_line(text, &pos, &line, key, sizeof key, value, sizeof value)) == 1)
		if (!(rc = settings_put_row(s, key, value)) && regions_is_place_key(key))
			rc = regions_place_setting(s, key, value);
	if (!rc && r != 0)
		rc = store_fail(s, STORE_EFAIL, "%s: line %ld: malformed setting", path, line);
	return rc ? rc : settings_load_lists(s);
}
