/* settings_set.c — changing the settings (settings.c reads them and holds their keys'
 * description): each value checked against its key family, the rows and the settings
 * file written as one audit event (`bangfu setting set`, and the SAMPLE values at init).
 * Apart from settings.c so that the write path (write.c), which reads the code lists
 * through settings.c, and the settings' own writes form no cycle. */
#include "store/kinds.h"
#include "core/regions.h"
#include "core/rules.h"
#include "core/text.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if (strcmp(key, HISTORY_LAYOUT_KEY) == 0)   /* init's and relayout's own (below) */
		return strcmp(value, "village") == 0 ? 0
		       : store_fail(s, STORE_EINVAL, "setting %s: only \"village\"", key);
	if (!code_lists_is_key(key))
		return key_check(s, key, value);
	if (code_lists_check(&s->lists, key, value, err, sizeof err))
		return store_fail(s, STORE_EINVAL, "setting %s", err);
	return 0;
}

int settings_file(struct store *s)
{
	struct buf text = {0};
	int rc = settings_text(s, &text);
	if (!rc)
		rc = buf_str(&text) ? write_file(s, SETTINGS_PATH, text.s)
		                    : store_fail(s, STORE_EFAIL, "out of memory");
	buf_free(&text);
	return rc;
}

/* Check and write rows keys[i] = values[i] and the settings file as one event. */
static int write_settings(struct store *s, const struct user *u, const char *const *keys,
                          const char *const *values, int n, const char *why)
{
	char groups[160];
	int rc = write_begin(s, u, "setting", keys[0], why);
	for (int i = 0; !rc && i < n; i++) {
		int dev = strcmp(keys[i], "dev_measure_groups") == 0;
		if (!(rc = dev ? dev_groups_normalise(s, values[i], groups, sizeof groups)
		               : setting_check(s, keys[i], values[i])))
			rc = settings_put_row(s, keys[i], dev ? groups : values[i]);
	}
	if (!rc)
		rc = settings_file(s);
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
	if (strcmp(key, HISTORY_LAYOUT_KEY) == 0)   /* the files must move with it */
		return store_fail(s, STORE_EINVAL, "setting %s is changed by `bangfu audit relayout` "
		                  "(which moves every household's file in the history with it)", key);
	if (text_check_input(_("setting value"), value, TEXT_MAX_LINE, 0, err, sizeof err) ||
	    text_check_input(_("setting key"), key, TEXT_MAX_LINE, 0, err, sizeof err))
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
		                  strcmp(region, "44") == 0 ? _("the whole province (44)") : region, u->scope);
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
	/* and a new register's history in the village layout (store/relayout.c); in the
	 * test-hooks build BANGFU_TEST_TOWN_LAYOUT makes one as older bangfu did (the town
	 * layout), for the tests of `audit relayout` */
	int n = 6;
#ifdef BANGFU_TEST_HOOKS
	const char *town = getenv("BANGFU_TEST_TOWN_LAYOUT");
	if (town && *town)
		n = 5;
#endif
	const int fixed = n;
	/* and the 22 county tracks published in 2023 (core/data/county_tracks_2023.csv) */
	char track_keys[128][16];
	const char *keys[6 + 128] = {line_key, "visit_interval.default", "dev_measure_days",
	                             "lead_warn_days", "due_soon_days", HISTORY_LAYOUT_KEY};
	const char *values[6 + 128] = {line, interval, dev, lead, soon, "village"};
	for (int i = 0; i < ref_county_count && n < fixed + 128; i++)
		if (ref_counties[i].track && ref_counties[i].track[0]) {
			snprintf(track_keys[n - fixed], sizeof track_keys[n - fixed], "track.%s",
			         ref_counties[i].code);
			keys[n] = track_keys[n - fixed];
			values[n++] = ref_counties[i].track;
		}
	return write_settings(s, u, keys, values, n,
	                      "SAMPLE settings, not confirmed Guangdong figures: an administrator "
	                      "sets the real monitoring line and visit intervals (the county tracks "
	                      "are the 22 published in November 2023)");
}

