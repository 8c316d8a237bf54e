/* settings.c — deployment settings, editable by an administrator and versioned like
 * everything else: rows in `settings`, one audit file (settings.txt) holding them all in
 * key order. Seeded at init with SAMPLE values that say so (the monitoring line is not a
 * confirmed Guangdong figure). Keys:
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
 *                             is a weak village (store/places.c, core/places.c) */
#include "store/kinds.h"
#include "core/record.h"
#include "core/regions.h"
#include "core/rules.h"
#include "core/text.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SETTINGS_PATH "settings.txt"

/* The county code of a visit_interval.CCCCCC key, else NULL. */
static const char *county_key(const char *key)
{
	if (strncmp(key, "visit_interval.", 15) != 0)
		return NULL;
	return strlen(key + 15) == 6 && strspn(key + 15, "0123456789") == 6 ? key + 15 : NULL;
}

/* 1 if key is one of the numeric families above. */
static int numeric_key(const char *key)
{
	static const char *const plain[] = {"visit_interval.default", "dev_measure_days",
	                                    "lead_warn_days", "due_soon_days",
	                                    "income_stable_months", "notice_days", "decision_days",
	                                    "elim_min_months"};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		if (strcmp(key, plain[i]) == 0)
			return 1;
	int year;
	char tail;
	if (sscanf(key, "monitoring_line.%4d%c", &year, &tail) == 1 && year >= 2000 && year <= 2100)
		return 1;
	return county_key(key) != NULL;
}

/* A numeric key must be one of the families above and its value a positive number. */
static int key_check(struct store *s, const char *key, const char *value)
{
	if (!numeric_key(key))
		return store_fail(s, STORE_EINVAL, "unknown setting \"%s\" (monitoring_line.YYYY, "
		                  "visit_interval.default, visit_interval.COUNTY, dev_measure_days, "
		                  "lead_warn_days, due_soon_days, income_stable_months, notice_days, decision_days, "
		                  "elim_min_months, dev_measure_groups, place.CODE, track.COUNTY, cluster.COUNTY, "
		                  "town_class.TOWN, weak_village_line, %s)", key, code_lists_keys_help);
	char *end;
	double v = strtod(value, &end);
	if (!*value || *end || v <= 0)
		return store_fail(s, STORE_EINVAL, "setting %s: \"%s\" must be a positive number", key, value);
	return 0;
}

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

/* dev_measure_groups: each comma-, space- or 、-separated item a measure group code or
 * label, written to out as codes joined by commas (no repeats). */
static int dev_groups_normalise(struct store *s, const char *value, char *out, size_t n)
{
	char item[64];
	size_t len = 0;
	out[0] = '\0';
	for (const char *p = value; *p;) {
		size_t k = strcspn(p, ", \t");
		if (strncmp(p, "、", 3) == 0 || !k) {
			p += strncmp(p, "、", 3) == 0 ? 3 : 1;
			continue;
		}
		const char *sep = strstr(p, "、");
		if (sep && (size_t)(sep - p) < k)
			k = (size_t)(sep - p);
		snprintf(item, sizeof item, "%.*s", (int)k, p);
		p += k;
		const struct code *g = codes_find(&codes_measure_group, item);
		if (!g)
			return store_fail(s, STORE_EINVAL, "setting dev_measure_groups: \"%s\" is not a "
			                  "measure group (产业 就业 金融 公益岗位 住房安全 饮水安全 健康 义务教育 "
			                  "其他教育 综合保障 社会帮扶 搬迁 生产生活条件 基础设施)", item);
		if (out[0] && rules_measure_is_development_in(out, g->code))
			continue;
		int w = snprintf(out + len, n - len, "%s%s", len ? "," : "", g->code);
		if (w < 0 || (size_t)w >= n - len)
			return store_fail(s, STORE_EINVAL, "setting dev_measure_groups: too long");
		len += (size_t)w;
	}
	return out[0] ? 0 : store_fail(s, STORE_EINVAL, "setting dev_measure_groups: name at "
	                                "least one measure group");
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
static int settings_text(struct store *s, struct buf *out)
{
	return store_setting_list(s, render_one, out);
}

static int put_row(struct store *s, const char *key, const char *value)
{
	sqlite3_stmt *st;
	if (db_cached(s, "INSERT INTO settings(key, value) VALUES (?,?) ON CONFLICT(key) DO "
	                  "UPDATE SET value = excluded.value, version = version + 1", &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, "saving a setting");
}

/* A list entry is checked against the lists as the open write transaction sees them
 * (write_begin read them again), so two administrators adding the same code at once
 * cannot both succeed; a numeric setting against its key family. */
static int setting_check(struct store *s, const char *key, const char *value)
{
	char err[512], canonical[512], region[16];
	if (places_setting_region(key, region, sizeof region))
		return places_setting(s, key, value, canonical, sizeof canonical);
	if (regions_is_place_key(key))
		return regions_place_setting(s, key, value);
	if (!code_lists_is_key(key))
		return key_check(s, key, value);
	if (code_lists_check(&s->lists, key, value, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "setting %s", err);
	return 0;
}

/* Check and write rows keys[i] = values[i] and the settings file as one event. */
static int write_settings(struct store *s, const struct user *u, const char *const *keys,
                          const char *const *values, int n, const char *why)
{
	struct buf text = {0};
	char groups[160];
	int rc = write_begin(s, u, "setting", keys[0], why);
	for (int i = 0; !rc && i < n; i++) {
		int dev = strcmp(keys[i], "dev_measure_groups") == 0;
		if (!(rc = dev ? dev_groups_normalise(s, values[i], groups, sizeof groups)
		               : setting_check(s, keys[i], values[i])))
			rc = put_row(s, keys[i], dev ? groups : values[i]);
	}
	if (!rc)
		rc = settings_text(s, &text);
	if (!rc)
		rc = buf_str(&text) ? write_file(s, SETTINGS_PATH, text.s)
		                    : store_fail(s, STORE_EFAIL, "out of memory");
	buf_free(&text);
	if (rc) {
		write_rollback(s);
		return rc;
	}
	return write_commit(s);
}

/* The region a setting applies to: the county of visit_interval.CCCCCC, else the whole
 * province (the monitoring line and every list entry). event_scope.c's SETTING_REGION
 * says the same in SQL, so a setting's event is seen by those who may change it. */
static void setting_region(const char *key, char *out, size_t n)
{
	const char *county = county_key(key);
	if (!places_setting_region(key, out, n))
		snprintf(out, n, "%s", county ? county : "44");
}

int store_setting_set(struct store *s, const struct user *u, const char *key, const char *value,
                      const char *why)
{
	char err[256], region[16];
	if (!access_is_admin(u))
		return store_fail(s, STORE_EDENIED, "only an administrator may change settings");
	if (text_check_input("setting value", value, TEXT_MAX_LINE, 0, err, sizeof err) ||
	    text_check_input("setting key", key, TEXT_MAX_LINE, 0, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "%s", err);
	char canonical[512];
	if (places_setting_region(key, region, sizeof region)) {   /* stored as bangfu writes it */
		int bad = places_setting(s, key, value, canonical, sizeof canonical);
		if (bad)
			return bad;
		value = canonical;
	}
	setting_region(key, region, sizeof region);
	if (!access_in_scope(u, region))
		return store_fail(s, STORE_EDENIED, "setting %s applies to %s: only an administrator "
		                  "whose scope holds it may change it (yours is %s)", key,
		                  strcmp(region, "44") == 0 ? "the whole province (44)" : region, u->scope);
	int rc = write_settings(s, u, &key, &value, 1, why);
	/* our own commit does not change data_version: take the new entry in now */
	return rc ? rc : settings_load_lists(s);
}

int settings_seed(struct store *s, const struct user *u, const char *year)
{
	char line_key[32], line[32], interval[16], dev[16], lead[16], soon[16];
	struct rules_settings r;
	rules_settings_sample(&r);
	snprintf(line_key, sizeof line_key, "monitoring_line.%.4s", year);
	snprintf(line, sizeof line, "%.0f", RULES_SAMPLE_MONITORING_LINE);
	snprintf(interval, sizeof interval, "%d", r.visit_interval_days);
	snprintf(dev, sizeof dev, "%d", r.dev_measure_days);
	snprintf(lead, sizeof lead, "%d", r.lead_warn_days);
	snprintf(soon, sizeof soon, "%d", r.due_soon_days);
	/* and the 22 county tracks published in 2023 (core/data/county_tracks_2023.csv) */
	char track_keys[128][16];
	const char *keys[5 + 128] = {line_key, "visit_interval.default", "dev_measure_days",
	                             "lead_warn_days", "due_soon_days"};
	const char *values[5 + 128] = {line, interval, dev, lead, soon};
	int n = 5;
	for (int i = 0; i < ref_county_count && n < 5 + 128; i++)
		if (ref_counties[i].track && ref_counties[i].track[0]) {
			snprintf(track_keys[n - 5], sizeof track_keys[n - 5], "track.%s", ref_counties[i].code);
			keys[n] = track_keys[n - 5];
			values[n++] = ref_counties[i].track;
		}
	return write_settings(s, u, keys, values, n,
	                      "SAMPLE settings, not confirmed Guangdong figures: an administrator "
	                      "sets the real monitoring line and visit intervals (the county tracks "
	                      "are the 22 published in November 2023)");
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
		if (!(rc = put_row(s, key, value)) && regions_is_place_key(key))
			rc = regions_place_setting(s, key, value);
	if (!rc && r != 0)
		rc = store_fail(s, STORE_EFAIL, "%s: line %ld: malformed setting", path, line);
	return rc ? rc : settings_load_lists(s);
}
