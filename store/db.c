/* db.c — the SQLite side of the store: opening with the pragmas the design needs (WAL,
 * synchronous=FULL, foreign keys, busy timeout), the numbered migrations kept in
 * PRAGMA user_version, error helpers and a few statement helpers. */
#include "store/internal.h"
#include "core/i18n.h"
#include <assert.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

/* Migration N takes the schema from user_version N-1 to N. Never edit a shipped one:
 * add the next. */
/* Migration 14's triggers keeping today_rule_counts: a row counts while it is a rule's
 * (kind >= 0) and its task, if any, is not closed (a count gone to 0 stays, as 0). Level
 * 0 the province, 1 a county, 2 a village. */
#define TODAY_COUNTED(r) "(" r ".kind >= 0 AND coalesce(" r ".status, '') NOT IN ('done', 'cancelled'))"
#define TODAY_COUNT_AT(r, sign, level, place) \
	" INSERT INTO today_rule_counts VALUES (" level ", " place ", " r ".kind, " r ".show_from, " \
	r ".due, " r ".until, " sign "1) ON CONFLICT DO UPDATE SET n = n " sign " 1;"
#define TODAY_COUNT_STEP(r, sign) \
	TODAY_COUNT_AT(r, sign, "0", "'', '', ''") \
	TODAY_COUNT_AT(r, sign, "1", "coalesce(" r ".county_code, ''), '', ''") \
	TODAY_COUNT_AT(r, sign, "2", "coalesce(" r ".county_code, ''), coalesce(" r ".town_code, ''), " \
	               "coalesce(" r ".village_code, '')")
#define TODAY_COUNT_TRIGGER(name, event, r, sign) \
	"CREATE TRIGGER today_rule_counts_" name " AFTER " event " ON today_rules WHEN " \
	TODAY_COUNTED(r) " BEGIN" TODAY_COUNT_STEP(r, sign) " END;"
#define TODAY_COUNT_FILL(level, place, group) \
	"INSERT INTO today_rule_counts SELECT " level ", " place ", kind, show_from, due, until, " \
	"count(*) FROM today_rules h WHERE " TODAY_COUNTED("h") " GROUP BY " group ";"

static const char *const migrations[] = {
	/* 1: the register, users, settings and the outbox */
	"CREATE TABLE regions(code TEXT PRIMARY KEY, level INTEGER NOT NULL, name TEXT NOT NULL,"
	"  parent TEXT, kind TEXT, track TEXT, synthetic INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX regions_parent ON regions(parent, name);"
	"CREATE TABLE households(id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 1,"
	"  household_no TEXT NOT NULL UNIQUE, county_code TEXT NOT NULL,"
	"  town_code TEXT NOT NULL REFERENCES regions(code),"
	"  village_code TEXT NOT NULL REFERENCES regions(code),"
	"  hamlet TEXT, address TEXT, household_type TEXT, income_per_capita TEXT,"
	"  synthetic INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX households_order ON households(county_code, town_code, village_code, household_no);"
	"CREATE TABLE members(household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL, name TEXT NOT NULL, id_number TEXT NOT NULL UNIQUE,"
	"  id_original TEXT, birth TEXT, relation TEXT NOT NULL, sex TEXT, ethnicity TEXT,"
	"  health TEXT, labour TEXT, school_stage TEXT, education TEXT, months_worked TEXT,"
	"  phone TEXT, PRIMARY KEY(household_id, seq));"
	"CREATE INDEX members_name ON members(name);"
	"CREATE TABLE cases(id TEXT PRIMARY KEY,"
	"  household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL, state TEXT NOT NULL, category TEXT, risks TEXT, source TEXT,"
	"  identified TEXT, eliminated TEXT, version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX cases_household ON cases(household_id, seq);"
	"CREATE TABLE users(id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
	"  role TEXT NOT NULL, scope TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE events(id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL,"
	"  uid INTEGER NOT NULL, login TEXT NOT NULL, name TEXT NOT NULL, verb TEXT NOT NULL,"
	"  subject TEXT NOT NULL, reason TEXT NOT NULL, commit_id TEXT);"
	"CREATE TABLE event_files(event_id INTEGER NOT NULL REFERENCES events(id),"
	"  path TEXT NOT NULL, text TEXT, PRIMARY KEY(event_id, path));"
	"CREATE INDEX event_files_path ON event_files(path, event_id);",

	/* 2: the casework — the procedure's dates on each case and its steps, measures,
	 * visits, department warnings; pairing assistance (units, town teams, pairs) and
	 * tasks with their comment log. `region` columns hold the village/town/county code
	 * that decides who may see a row. */
	"ALTER TABLE cases ADD COLUMN lead_date TEXT;"
	"ALTER TABLE cases ADD COLUMN last_step_date TEXT;"
	"ALTER TABLE cases ADD COLUMN consent_date TEXT;"
	"ALTER TABLE cases ADD COLUMN notice_start TEXT;"
	"ALTER TABLE cases ADD COLUMN notice_end TEXT;"
	"ALTER TABLE cases ADD COLUMN approval_date TEXT;"
	"ALTER TABLE cases ADD COLUMN closed_date TEXT;"
	"ALTER TABLE cases ADD COLUMN green_channel TEXT;"
	"ALTER TABLE cases ADD COLUMN elim_method TEXT;"
	"ALTER TABLE cases ADD COLUMN department TEXT;"
	"ALTER TABLE cases ADD COLUMN linked_case TEXT;"
	"ALTER TABLE cases ADD COLUMN disaster TEXT;"
	"ALTER TABLE cases ADD COLUMN risk_note TEXT;"
	"CREATE INDEX cases_state ON cases(state, lead_date);"
	"ALTER TABLE households ADD COLUMN housing_ok TEXT;"
	"ALTER TABLE households ADD COLUMN school_ok TEXT;"
	"ALTER TABLE households ADD COLUMN medical_ok TEXT;"
	"ALTER TABLE households ADD COLUMN water_ok TEXT;"
	"ALTER TABLE households ADD COLUMN costs_ok TEXT;"
	/* a household's sub-records (core/model.h SUBREC_LIST): id first, then columns */
	"CREATE TABLE case_steps(id TEXT PRIMARY KEY,"
	"  household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,"
	"  case_id TEXT NOT NULL, step TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL,"
	"  happened TEXT NOT NULL, entered TEXT NOT NULL, login TEXT NOT NULL, reason TEXT,"
	"  details TEXT);"
	"CREATE INDEX case_steps_case ON case_steps(case_id, id);"
	"CREATE INDEX case_steps_household ON case_steps(household_id);"
	"CREATE TABLE measures(id TEXT PRIMARY KEY,"
	"  household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,"
	"  case_id TEXT, grp TEXT NOT NULL, detail TEXT, start_date TEXT NOT NULL, end_date TEXT,"
	"  amount TEXT, responsible TEXT, green_channel TEXT);"
	"CREATE INDEX measures_household ON measures(household_id, start_date);"
	"CREATE TABLE visits(id TEXT PRIMARY KEY,"
	"  household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,"
	"  case_id TEXT, date TEXT NOT NULL, visitor TEXT NOT NULL, method TEXT NOT NULL,"
	"  findings TEXT, follow_up TEXT);"
	"CREATE INDEX visits_household ON visits(household_id, date);"
	"CREATE TABLE warnings(id TEXT PRIMARY KEY,"
	"  household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,"
	"  case_id TEXT, fingerprint TEXT NOT NULL UNIQUE, id_number TEXT NOT NULL, name TEXT,"
	"  kind TEXT NOT NULL, amount TEXT, date TEXT NOT NULL, department TEXT, note TEXT,"
	"  outcome TEXT NOT NULL);"
	"CREATE INDEX warnings_household ON warnings(household_id);"
	"CREATE TABLE units(id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,"
	"  region TEXT NOT NULL DEFAULT '44', version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE teams(id TEXT PRIMARY KEY, town_code TEXT NOT NULL, lead_unit TEXT NOT NULL,"
	"  member_units TEXT, leader TEXT, round TEXT, start_date TEXT, end_date TEXT,"
	"  version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE pairs(id TEXT PRIMARY KEY, kind TEXT NOT NULL, helper TEXT NOT NULL,"
	"  helped TEXT NOT NULL, programme TEXT, round TEXT, start_date TEXT, end_date TEXT,"
	"  region TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
	"CREATE TABLE tasks(id TEXT PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL,"
	"  owner TEXT NOT NULL, household_id TEXT, case_id TEXT, town_code TEXT, pair_id TEXT,"
	"  region TEXT NOT NULL, due TEXT, status TEXT NOT NULL, rule_key TEXT UNIQUE,"
	"  created TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX tasks_owner ON tasks(owner, status, due);"
	"CREATE TABLE task_log(task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL, at INTEGER NOT NULL, login TEXT NOT NULL, text TEXT NOT NULL,"
	"  PRIMARY KEY(task_id, seq));",

	/* 3: pairing and tasks — a cadre pair's unit and phone, what each task log entry
	 * did (add, start, done, cancel, comment, resolve), and the indexes the scoped
	 * lists use. */
	"ALTER TABLE pairs ADD COLUMN unit TEXT;"
	"ALTER TABLE pairs ADD COLUMN phone TEXT;"
	"ALTER TABLE task_log ADD COLUMN action TEXT NOT NULL DEFAULT 'comment';"
	"CREATE INDEX pairs_region ON pairs(region, kind);"
	"CREATE INDEX teams_town ON teams(town_code);"
	"CREATE INDEX tasks_region ON tasks(region, status, due);",

	/* 4: name search scans a covering index (name, household) instead of the members
	 * table: 0.40 s -> 0.07 s for a name fragment over 100,000 households. */
	"DROP INDEX IF EXISTS members_name;"
	"CREATE INDEX IF NOT EXISTS members_name_household ON members(name, household_id);",

	/* 5: access records — who revealed which households' full ID numbers and phones,
	 * when and why (store/reveal.c; one audit file access/YYYY-MM/E<event>.txt each). */
	"CREATE TABLE access_log(path TEXT PRIMARY KEY, event_id INTEGER NOT NULL,"
	"  date TEXT NOT NULL, time TEXT, login TEXT NOT NULL, name TEXT, role TEXT, what TEXT,"
	"  why TEXT, households INTEGER NOT NULL, text TEXT NOT NULL);"
	"CREATE INDEX access_log_date ON access_log(date, login);"
	"CREATE TABLE access_households(path TEXT NOT NULL, household_id TEXT NOT NULL,"
	"  PRIMARY KEY(path, household_id));",

	/* 6: the whole national form — household phone, relocation flag, monitoring contact
	 * and 帮扶责任人; member disability, work place, insurances and benefits; income as
	 * yearly assessments (core/model.h SUBREC_LIST "income"). */
	"ALTER TABLE households ADD COLUMN relocated TEXT;"
	"ALTER TABLE households ADD COLUMN household_phone TEXT;"
	"ALTER TABLE households ADD COLUMN contact TEXT;"
	"ALTER TABLE households ADD COLUMN contact_phone TEXT;"
	"ALTER TABLE households ADD COLUMN cadre TEXT;"
	"ALTER TABLE households ADD COLUMN cadre_phone TEXT;"
	"ALTER TABLE members ADD COLUMN disability_class TEXT;"
	"ALTER TABLE members ADD COLUMN disability_cert TEXT;"
	"ALTER TABLE members ADD COLUMN work_place TEXT;"
	"ALTER TABLE members ADD COLUMN resident_insurance TEXT;"
	"ALTER TABLE members ADD COLUMN employee_insurance TEXT;"
	"ALTER TABLE members ADD COLUMN dibao TEXT;"
	"ALTER TABLE members ADD COLUMN tekun TEXT;"
	"ALTER TABLE members ADD COLUMN benefits TEXT;"
	"CREATE TABLE incomes(id TEXT PRIMARY KEY,"
	"  household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,"
	"  case_id TEXT, year TEXT NOT NULL, assessed TEXT NOT NULL, months TEXT, wage TEXT,"
	"  business TEXT, property TEXT, transfer TEXT, business_costs TEXT, compliant_costs TEXT,"
	"  size TEXT NOT NULL, per_capita TEXT NOT NULL);"
	"CREATE INDEX incomes_household ON incomes(household_id, year);",

	/* 7: no copy of what git holds: once an event's commit is on the branch, the texts
	 * of its files are dropped from event_files and each file's blob id is kept (text
	 * NULL, blob set); a removal is text and blob NULL. Verify compares the blob ids;
	 * history, diffs and rebuild read git (store/audit.c prune_files). */
	"ALTER TABLE event_files ADD COLUMN blob TEXT;",

	/* 8: search through an index (store/search.c): per household one FTS5 row (rowid =
	 * households.rowid) of its members' names and ID numbers, tokenized into CJK
	 * unigrams + bigrams and reversed ID digits, kept by household_save in the writer's
	 * transaction (no triggers: they would make every tool that writes members need
	 * the tokenizer); villages by name through an index on village_code; the tasks of
	 * a household through an index. */
	"CREATE VIRTUAL TABLE household_search USING fts5(doc, tokenize = 'bangfu');"
	"INSERT INTO household_search(rowid, doc) SELECT h.rowid, (SELECT group_concat(name || ' ' "
	"  || id_number, ' ') FROM members WHERE household_id = h.id) FROM households h;"
	"CREATE INDEX IF NOT EXISTS households_village ON households(village_code);"
	"CREATE INDEX IF NOT EXISTS tasks_household ON tasks(household_id);"
	/* the dashboard's counters (store/counts.c): dim is county.X or village.X for X in
	 * type, state, category of the latest case; region the county or village code */
	"CREATE TABLE household_counts(dim TEXT NOT NULL, region TEXT NOT NULL, k TEXT NOT NULL,"
	"  n INTEGER NOT NULL, PRIMARY KEY(dim, region, k)) WITHOUT ROWID;"
	"CREATE TEMP TABLE hc AS SELECT h.county_code AS county, h.village_code AS village,"
	"  coalesce(h.household_type, '') AS type, coalesce(c.state, '') AS state,"
	"  coalesce(c.category, '') AS category FROM households h LEFT JOIN cases c"
	"  ON c.household_id = h.id AND c.seq = (SELECT max(seq) FROM cases WHERE household_id = h.id);"
	"INSERT INTO household_counts SELECT 'county.type', county, type, count(*) FROM hc GROUP BY 2, 3;"
	"INSERT INTO household_counts SELECT 'county.state', county, state, count(*) FROM hc GROUP BY 2, 3;"
	"INSERT INTO household_counts SELECT 'county.category', county, category, count(*) FROM hc GROUP BY 2, 3;"
	"INSERT INTO household_counts SELECT 'village.type', village, type, count(*) FROM hc GROUP BY 2, 3;"
	"INSERT INTO household_counts SELECT 'village.state', village, state, count(*) FROM hc GROUP BY 2, 3;"
	"INSERT INTO household_counts SELECT 'village.category', village, category, count(*) FROM hc GROUP BY 2, 3;"
	"DROP TABLE hc;",

	/* 9: a disabled user can no longer act but stays in the history (store/users.c). */
	"ALTER TABLE users ADD COLUMN disabled TEXT;",

	/* 10 (branch bqwplaces, issue 11): the 百千万工程 places — a unit's level (省直/市直/
	 * 县直) and end date; a county pair's helped name (a county outside Guangdong, or a
	 * town); yearly figures (a county's indicators with target and actual, a village's
	 * collective income), one per place, year and kind (store/places.c); the people of a
	 * town team (store/team_people.c). */
	"ALTER TABLE units ADD COLUMN level TEXT;"
	"ALTER TABLE units ADD COLUMN end_date TEXT;"
	"ALTER TABLE pairs ADD COLUMN helped_name TEXT;"
	"CREATE TABLE figures(id TEXT PRIMARY KEY, place TEXT NOT NULL, year TEXT NOT NULL,"
	"  kind TEXT NOT NULL, target TEXT, actual TEXT, version INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE(place, year, kind));"
	"CREATE TABLE team_people(id TEXT PRIMARY KEY, team TEXT NOT NULL, name TEXT NOT NULL,"
	"  unit TEXT NOT NULL, role TEXT NOT NULL, phone TEXT, start_date TEXT NOT NULL,"
	"  end_date TEXT, login TEXT, region TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX team_people_team ON team_people(team, id);",
	/* 11 (branch bqwprojects) projects of the 百千万工程 (store/projects.c): one row each,
	 * its milestones and its money per year (amounts in fen, exact integers; NULL = not
	 * given); one audit file projects/NNNN/PJ0000001.txt each. */
	"CREATE TABLE projects(id TEXT PRIMARY KEY, title TEXT NOT NULL, level TEXT NOT NULL,"
	"  place TEXT NOT NULL, kind TEXT NOT NULL, grp TEXT NOT NULL, unit TEXT, person TEXT,"
	"  pair_id TEXT, programme TEXT, status TEXT NOT NULL, tasks TEXT, created TEXT NOT NULL);"
	"CREATE INDEX projects_place ON projects(place, status);"
	"CREATE TABLE project_milestones(project_id TEXT NOT NULL REFERENCES projects(id)"
	"  ON DELETE CASCADE, seq INTEGER NOT NULL, name TEXT NOT NULL, planned TEXT NOT NULL,"
	"  actual TEXT, PRIMARY KEY(project_id, seq));"
	"CREATE INDEX project_milestones_due ON project_milestones(planned) WHERE actual IS NULL;"
	"CREATE TABLE project_money(project_id TEXT NOT NULL REFERENCES projects(id)"
	"  ON DELETE CASCADE, year TEXT NOT NULL, planned INTEGER, allocated INTEGER,"
	"  spent INTEGER, PRIMARY KEY(project_id, year));",
	/* 12 (branch perf): the rule items `today` derived last per scope, stamped with the
	 * date and the last event id (store/today_cache.c); a cache, not in the history. */
	"CREATE TABLE today_cache(key TEXT NOT NULL, seq INTEGER NOT NULL, due TEXT, days INTEGER,"
	"  kind TEXT, rule TEXT, task TEXT, owner TEXT, status TEXT, household TEXT, case_id TEXT,"
	"  title TEXT, PRIMARY KEY(key, seq)) WITHOUT ROWID;"
	"CREATE TABLE today_cache_mark(key TEXT PRIMARY KEY, stamp TEXT NOT NULL) WITHOUT ROWID;",
	/* 13 (branch today1m): what `today` lists, kept per case and household as dates in
	 * the writer's transaction (store/today_keep.c) instead of per scope: the rule tasks
	 * a case may give (listed from show_from until `until`; until 0000-00-00 for a kept
	 * task whose rule no longer applies), clustered by show_from so a day's list is one
	 * range, with their kept task (id, owner, status: kept by the triggers on tasks);
	 * the household flags; today_kept.built = 0 makes the next `today` build them all
	 * (here: an existing register). */
	"DROP TABLE today_cache; DROP TABLE today_cache_mark;"
	"CREATE TABLE today_rules(show_from TEXT NOT NULL, key TEXT NOT NULL, kind INTEGER NOT NULL,"
	"  case_id TEXT NOT NULL, household TEXT NOT NULL, state TEXT NOT NULL, county_code TEXT,"
	"  town_code TEXT, village_code TEXT, due TEXT NOT NULL, until TEXT NOT NULL, task TEXT,"
	"  owner TEXT, status TEXT, PRIMARY KEY(show_from, key)) WITHOUT ROWID;"
	"CREATE UNIQUE INDEX today_rules_key ON today_rules(key);"
	"CREATE TRIGGER today_rules_task_add AFTER INSERT ON tasks WHEN NEW.rule_key IS NOT NULL"
	"  BEGIN UPDATE today_rules SET task = NEW.id, owner = NEW.owner, status = NEW.status"
	"  WHERE key = NEW.rule_key; END;"
	"CREATE TRIGGER today_rules_task_change AFTER UPDATE OF owner, status ON tasks"
	"  WHEN NEW.rule_key IS NOT NULL"
	"  BEGIN UPDATE today_rules SET task = NEW.id, owner = NEW.owner, status = NEW.status"
	"  WHERE key = NEW.rule_key; END;"
	"CREATE INDEX today_rules_household ON today_rules(household);"
	/* the kept rule tasks to resolve: gone or ended rows whose task is still to do */
	"CREATE INDEX today_rules_gone ON today_rules(until) WHERE status IN ('open', 'in_progress');"
	"CREATE INDEX today_rules_county ON today_rules(county_code);"
	"CREATE INDEX today_rules_town ON today_rules(town_code);"
	"CREATE INDEX today_rules_village ON today_rules(village_code);"
	"CREATE TABLE today_flags(flag INTEGER NOT NULL, household TEXT NOT NULL, county_code TEXT,"
	"  town_code TEXT, village_code TEXT, until TEXT NOT NULL, PRIMARY KEY(flag, household))"
	"  WITHOUT ROWID;"
	"CREATE INDEX today_flags_household ON today_flags(household);"
	"CREATE INDEX today_flags_county ON today_flags(flag, county_code);"
	"CREATE INDEX today_flags_town ON today_flags(flag, town_code);"
	"CREATE INDEX today_flags_village ON today_flags(flag, village_code);"
	/* per flag, county (level 0) or village (level 1) and end day: how many households */
	"CREATE TABLE today_flag_counts(level INTEGER NOT NULL, flag INTEGER NOT NULL,"
	"  county_code TEXT NOT NULL, town_code TEXT NOT NULL, village_code TEXT NOT NULL,"
	"  until TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY(level, flag, county_code,"
	"  town_code, village_code, until)) WITHOUT ROWID;"
	"CREATE TABLE today_kept(built INTEGER NOT NULL);"
	"INSERT INTO today_kept SELECT NOT EXISTS (SELECT 1 FROM households);",
	/* 14 (branch perf_edit): region names in a search index of their own (store/search.c:
	 * rowid = regions.rowid, kept by regions_store.c as a row is added or renamed), so a
	 * name search finds the villages it names without reading every region's name */
	"CREATE VIRTUAL TABLE region_search USING fts5(name, tokenize = 'bangfu', columnsize = 0);"
	"INSERT INTO region_search(rowid, name) SELECT rowid, name FROM regions;",
	/* 15 (branch perf_today): `today` without a pass over the user's own rule tasks or
	 * the rows of its day (store/today_list.c, today.c): her rule tasks and the kept rows
	 * she owns, each in rule key order, so the tasks the rows list are taken away by one
	 * merge of two indexes (owner and status mirrored into the rows by the triggers of
	 * 13); the rows still without a task that have not ended (most of them still to come:
	 * the ended ones, 37,628 at 1M, are never read). A first page
	 * without reading the day's rows: the rows by due date (the list's order), and how
	 * many rows there are in the province (level 0), per county (1) and per village (2)
	 * by rule and dates, as long as their task is not closed — kept by triggers on
	 * today_rules, so no write can miss them (the rows share their dates: 3,544 province
	 * counts for 13,527 rows at 100k). */
	"CREATE INDEX tasks_owner_rule ON tasks(owner, status, rule_key);"
	"CREATE INDEX today_rules_owner ON today_rules(owner, status, key, until, county_code,"
	"  town_code, village_code);"
	"CREATE INDEX today_rules_untasked ON today_rules(until, show_from, task, county_code,"
	"  town_code, village_code) WHERE task IS NULL;"
	"CREATE INDEX today_rules_due ON today_rules(due, until, status);"
	"CREATE TABLE today_rule_counts(level INTEGER NOT NULL, county_code TEXT NOT NULL,"
	"  town_code TEXT NOT NULL, village_code TEXT NOT NULL, kind INTEGER NOT NULL,"
	"  show_from TEXT NOT NULL, due TEXT NOT NULL, until TEXT NOT NULL, n INTEGER NOT NULL,"
	"  PRIMARY KEY(level, county_code, town_code, village_code, kind, show_from, due, until))"
	"  WITHOUT ROWID;"
	TODAY_COUNT_TRIGGER("add", "INSERT", "NEW", "+")
	TODAY_COUNT_TRIGGER("drop", "DELETE", "OLD", "-")
	/* a task closed (or opened again): its row leaves (rejoins) the counts */
	"CREATE TRIGGER today_rule_counts_close AFTER UPDATE OF status ON today_rules WHEN "
	TODAY_COUNTED("OLD") " AND NOT " TODAY_COUNTED("NEW") " BEGIN" TODAY_COUNT_STEP("OLD", "-") " END;"
	"CREATE TRIGGER today_rule_counts_open AFTER UPDATE OF status ON today_rules WHEN "
	TODAY_COUNTED("NEW") " AND NOT " TODAY_COUNTED("OLD") " BEGIN" TODAY_COUNT_STEP("NEW", "+") " END;"
	TODAY_COUNT_FILL("0", "'', '', ''", "5, 6, 7, 8")
	TODAY_COUNT_FILL("1", "coalesce(county_code, ''), '', ''", "2, 5, 6, 7, 8")
	TODAY_COUNT_FILL("2", "coalesce(county_code, ''), coalesce(town_code, ''), coalesce(village_code, '')",
	                 "2, 3, 4, 5, 6, 7, 8"),
	/* 16 (branch perf_import3): the members' ID numbers unique through an index of its
	 * own name (members_id_number) instead of the table's inline UNIQUE, so that an
	 * import or the demo into an empty register can drop it and make it again at its
	 * end, one sort of every ID number instead of an insert at a random place a member
	 * (store/defer.c; at 1M the index outgrew the page cache). The same columns in the
	 * same order, every row kept (rowids too); members has no trigger and no table
	 * refers to it. */
	"CREATE TABLE members_new(household_id TEXT NOT NULL REFERENCES households(id)"
	"  ON DELETE CASCADE, seq INTEGER NOT NULL, name TEXT NOT NULL, id_number TEXT NOT NULL,"
	"  id_original TEXT, birth TEXT, relation TEXT NOT NULL, sex TEXT, ethnicity TEXT,"
	"  health TEXT, labour TEXT, school_stage TEXT, education TEXT, months_worked TEXT,"
	"  phone TEXT, disability_class TEXT, disability_cert TEXT, work_place TEXT,"
	"  resident_insurance TEXT, employee_insurance TEXT, dibao TEXT, tekun TEXT, benefits TEXT,"
	"  PRIMARY KEY(household_id, seq));"
	"INSERT INTO members_new(rowid, household_id, seq, name, id_number, id_original, birth,"
	"  relation, sex, ethnicity, health, labour, school_stage, education, months_worked, phone,"
	"  disability_class, disability_cert, work_place, resident_insurance, employee_insurance,"
	"  dibao, tekun, benefits) SELECT rowid, household_id, seq, name, id_number, id_original,"
	"  birth, relation, sex, ethnicity, health, labour, school_stage, education, months_worked,"
	"  phone, disability_class, disability_cert, work_place, resident_insurance,"
	"  employee_insurance, dibao, tekun, benefits FROM members;"
	"DROP TABLE members;"
	"ALTER TABLE members_new RENAME TO members;"
	"CREATE UNIQUE INDEX members_id_number ON members(id_number);"
	"CREATE INDEX members_name_household ON members(name, household_id);",
	/* 17: a member's 15-digit ID number as first given (id_original, set only when it
	 * was converted), found through an index of its own: household_find looks a key up
	 * as an ID number OR an original one, and without it the OR read every member (a
	 * `show` at 1M took 450 ms). Partial: most members have none. */
	"CREATE INDEX members_id_original ON members(id_original) WHERE id_original IS NOT NULL;",
	/* 18 (branch search5): households.rowid the register-order key (store/household_key.c:
	 * the village's code << 23 and a slot in 户编号 order), so that rowid order is the
	 * register's and a scope a key range; household_search made again with the new
	 * rowids, in their order. The old rowids (at most the number of households ever
	 * added) lie far below every key (a 12-digit code << 23), so no new key meets one.
	 * Every row moves, and with it its entry in every index of the table: the two
	 * indexes that may go are made again after it (one sort each), and a larger page
	 * cache meanwhile keeps the two that must stay (id, household_no) in memory. */
	"PRAGMA cache_size=-262144;"
	"DROP INDEX households_order;"
	"DROP INDEX households_village;"
	KEYS_SET("1") ";"
	"CREATE INDEX households_order ON households(county_code, town_code, village_code, household_no);"
	"CREATE INDEX households_village ON households(village_code);"
	"DROP TABLE household_search;"
	"CREATE VIRTUAL TABLE household_search USING fts5(doc, tokenize = 'bangfu');"
	"INSERT INTO household_search(household_search, rank) VALUES ('hashsize', 16777216);"
	"INSERT INTO household_search(rowid, doc) " SEARCH_DOC "ORDER BY h.rowid;"
	"INSERT INTO household_search(household_search, rank) VALUES ('hashsize', 1048576);"
	"PRAGMA cache_size=" DB_CACHE ";",
};
#define MIGRATION_COUNT ((int)(sizeof migrations / sizeof migrations[0]))

int store_fail(struct store *s, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->err, sizeof s->err, _(fmt), ap);
	va_end(ap);
	s->disk_full = 0;
	return code;
}

void store_note(struct store *s, const char *fmt, ...)
{
	size_t len = strlen(s->notes);
	if (len + 2 >= sizeof s->notes)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->notes + len, sizeof s->notes - len - 1, _(fmt), ap);
	va_end(ap);
	strcat(s->notes, "\n");
}

const char *store_notices(const struct store *s)
{
	return s ? s->notes : "";
}

void store_notices_clear(struct store *s)
{
	if (s)
		s->notes[0] = '\0';
}

int store_disk_full(const struct store *s)
{
	return s->disk_full || strstr(s->err, strerror(ENOSPC));
}

/* "disk full (12 KiB free in DIR)": how much room the data directory's disk has left. */
static void disk_full_words(const struct store *s, char *out, size_t n)
{
	struct statvfs v;
	if (statvfs(s->dir, &v) != 0) {
		snprintf(out, n, _("disk full (in %s)"), s->dir);
		return;
	}
	double kib = (double)v.f_bavail * (double)v.f_frsize / 1024.0;
	snprintf(out, n, _("disk full (%.0f %s free in %s)"), kib >= 10240 ? kib / 1024.0 : kib,
	         kib >= 10240 ? _("MiB") : _("KiB"), s->dir);
}

static int sql_disk_full(const struct store *s)
{
	int code = sqlite3_errcode(s->db);
	return code == SQLITE_FULL || (code == SQLITE_IOERR && sqlite3_system_errno(s->db) == ENOSPC);
}

/* The words for the SQLite failure just seen and what a staff member can do about it:
 * SQLite's own message, except for the ones that would only puzzle a user (a
 * constraint's table and column names, "database is locked", "disk I/O error"). */
static void sql_words(const struct store *s, const char *raw, char *out, size_t n)
{
	int code = sqlite3_errcode(s->db);
	char full[PATH_MAX + 64];
	if (sql_disk_full(s)) {
		disk_full_words(s, full, sizeof full);
		snprintf(out, n, _("%s: free space and retry; nothing was written"), full);
	} else if (code == SQLITE_CONSTRAINT)
		snprintf(out, n, "%s", _("it clashes with a record saved at the same moment: reload and try again"));
	else if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		snprintf(out, n, "%s", _("another bangfu kept the database busy for a minute: retry"));
	else if (code == SQLITE_READONLY)
		snprintf(out, n, _("%s (no write permission on the data directory)"), raw);
	else
		snprintf(out, n, "%s", raw);
}

int store_sqlfail(struct store *s, const char *what)
{
	char words[PATH_MAX + 256];
	sql_words(s, sqlite3_errmsg(s->db), words, sizeof words);
	store_fail(s, STORE_EFAIL, "%s: %s", _(what), words);
	s->disk_full = sql_disk_full(s);
	return STORE_EFAIL;
}

/* A file the store writes itself (a pack, audit_packw.c) could not be written: errno's
 * words after what, or for a full disk SQLite's (how much is free, and where), so that an
 * import or demo refused for want of room says so whichever write met the full disk
 * first (branch import5: with 16 KiB pages a pack's write could come first). */
int store_errnofail(struct store *s, const char *what)
{
	int e = errno;
	char full[PATH_MAX + 64], words[PATH_MAX + 256];
	if (e != ENOSPC)
		return store_fail(s, STORE_EFAIL, "%s: %s", what, strerror(e));
	disk_full_words(s, full, sizeof full);
	snprintf(words, sizeof words, _("%s: free space and retry; nothing was written"), full);
	store_fail(s, STORE_EFAIL, "%s: %s", what, words);
	s->disk_full = 1;
	return STORE_EFAIL;
}

int store_gitfail(struct store *s, const char *what)
{
	const git_error *e = git_error_last();
	const char *msg = e && e->message ? e->message : _("unknown libgit2 error");
	char full[PATH_MAX + 64] = "";
	if (strstr(msg, strerror(ENOSPC)))
		disk_full_words(s, full, sizeof full);
	store_fail(s, STORE_EFAIL, "audit history: %s: %s%s%s", _(what), msg,
	           full[0] ? "; " : "", full);
	s->disk_full = full[0] != '\0';
	return STORE_EFAIL;
}

int db_exec(struct store *s, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		char words[PATH_MAX + 256];
		sql_words(s, msg ? msg : "error", words, sizeof words);
		int rc = store_fail(s, STORE_EFAIL, "database: %s", words);
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

int db_run(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	if (db_cached(s, sql, &st))
		return STORE_EFAIL;
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_sqlfail(s, "running a statement");
}

int db_run_id(struct store *s, const char *sql, const char *id, const char *what)
{
	sqlite3_stmt *st;
	if (db_cached(s, sql, &st))
		return STORE_EFAIL;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	db_finalize(s, st);
	return rc == SQLITE_DONE ? 0 : store_sqlfail(s, what);
}

/* A statement of the caller's own (db_finalize finalizes it): for SQL run once. */
int db_prepare(struct store *s, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return store_sqlfail(s, "preparing a query");
	return 0;
}

/* Loading one household runs about ten statements; preparing each anew cost more than
 * running it. Statements are kept per SQL text; one still in use (a loop that calls a
 * function running the same SQL) is not handed out twice: a fresh one is prepared. */
/* Kept statement i handed out, reset. */
static int hand_out(struct store *s, int i, sqlite3_stmt **st)
{
	*st = s->stmts[i].st;
	sqlite3_reset(*st);
	sqlite3_clear_bindings(*st);
	return 0;
}

/* Prepare sql and keep it under its text and key (NULL: found by its text only). */
static int prepare_kept(struct store *s, const char *sql, const void *key, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		return store_sqlfail(s, "preparing a query");
	int n = s->nstmts;
	if (n < (int)(sizeof s->stmts / sizeof s->stmts[0]) && (s->stmts[n].sql = strdup(sql))) {
		s->stmts[n].st = *st;
		s->stmts[n].key = key;
		s->nstmts++;
	}
	return 0;
}

int db_cached(struct store *s, const char *sql, sqlite3_stmt **st)
{
	for (int i = 0; i < s->nstmts; i++)
		if (strcmp(s->stmts[i].sql, sql) == 0 && !sqlite3_stmt_busy(s->stmts[i].st))
			return hand_out(s, i, st);
	return prepare_kept(s, sql, NULL, st);
}

int db_cached_built(struct store *s, const void *key, void (*build)(const void *ctx, struct buf *sql),
                    const void *ctx, sqlite3_stmt **st)
{
	for (int i = 0; i < s->nstmts; i++)
		if (s->stmts[i].key == key && !sqlite3_stmt_busy(s->stmts[i].st))
			return hand_out(s, i, st);
	struct buf sql = {0};
	build(ctx, &sql);
	int rc = buf_str(&sql) ? prepare_kept(s, sql.s, key, st)
	                       : store_fail(s, STORE_EFAIL, "out of memory");
	buf_free(&sql);
	return rc;
}

int db_cached_buf(struct store *s, struct buf *sql, sqlite3_stmt **st)
{
	int rc = buf_str(sql) ? db_cached(s, sql->s, st) : store_fail(s, STORE_EFAIL, "out of memory");
	buf_free(sql);
	return rc;
}

void db_finalize(struct store *s, sqlite3_stmt *st)
{
	assert(st != NULL);
	for (int i = 0; i < s->nstmts; i++)
		if (s->stmts[i].st == st) {
			sqlite3_reset(st);
			return;
		}
	sqlite3_finalize(st);
}

int db_lookup(struct store *s, char *out, size_t n, const char *sql, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	if (db_cached(s, sql, &st))
		return STORE_EFAIL;
	va_start(ap, sql);
	const char *param;
	for (int i = 1; (param = va_arg(ap, const char *)) != NULL; i++)
		sqlite3_bind_text(st, i, param, -1, SQLITE_TRANSIENT);
	va_end(ap);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && out)
		snprintf(out, n, "%s", db_col_text(st, 0));
	db_finalize(s, st);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? STORE_ENOTFOUND : store_sqlfail(s, "reading the database");
}

void db_close_statements(struct store *s)
{
	for (int i = 0; i < s->nstmts; i++) {
		/* ownership: every statement db_cached handed out was given back (db_finalize) */
		assert(!sqlite3_stmt_busy(s->stmts[i].st));
		sqlite3_finalize(s->stmts[i].st);
		free(s->stmts[i].sql);
	}
	s->nstmts = 0;
}

/* Close the connection. A WAL of fewer than DB_WAL_KEEP_FRAMES frames is left as it is:
 * no checkpoint, so no sync of the WAL and of bangfu.db, no truncation, and the next
 * writer appends to it without a new header (and its sync). Its frames are durable: each
 * edit's COMMIT synced them (synchronous=FULL); the commit ids written after it
 * (synchronous=NORMAL) are synced by the next COMMIT or checkpoint, and a power cut that
 * takes them is made good from the history (audit.c backfill_commit_ids). A longer WAL
 * is folded into bangfu.db, synced and emptied by the last connection to close, as every
 * close did before. The next process's open reads the kept frames into its wal-index
 * (SQLite's recovery, 4 KiB a frame read and checksummed: about 0.2 ms of CPU at 157
 * frames). So bangfu.db alone no longer holds every saved change after a clean close:
 * it does with its -wal (docs/performance.md, "An edit under 10 ms, a third time"). */
void db_close(struct store *s)
{
	struct stat sb;
	long keep = DB_WAL_KEEP_FRAMES;
#ifdef BANGFU_TEST_HOOKS
	const char *e = getenv("BANGFU_TEST_WAL_KEEP");   /* 0: every close checkpoints */
	if (e && *e)
		keep = atol(e);
#endif
	/* the connection's own -wal, whatever its database is called (a province's too) */
	const char *wal = sqlite3_filename_wal(sqlite3_db_filename(s->db, "main"));
	if (wal && stat(wal, &sb) == 0 && sb.st_size < 32 + keep * (24 + 4096))
		sqlite3_db_config(s->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
	sqlite3_close_v2(s->db);
	s->db = NULL;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v && v[0])
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

const char *db_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

static int migrate(struct store *s)
{
	sqlite3_stmt *st;
	int version = 0;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return store_sqlfail(s, "reading the schema version");
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version > MIGRATION_COUNT)
		return store_fail(s, STORE_EFAIL, "database schema %d is newer than this bangfu "
		                  "(knows %d): upgrade bangfu", version, MIGRATION_COUNT);
	for (; version < MIGRATION_COUNT; version++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d;", version + 1);
		if (db_exec(s, "BEGIN IMMEDIATE") || db_exec(s, migrations[version]) ||
		    db_exec(s, pragma) || db_exec(s, "COMMIT")) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return STORE_EFAIL;
		}
	}
	return 0;
}

int db_open(struct store *s, const char *file, int create)
{
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/%s", s->dir, file);
	/* NOMUTEX: a connection is only ever used by the one thread of its store, so it
	 * need not lock a mutex for every call (an export makes tens of millions) */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	/* SQLite would create the file 0644 (less the umask), so the group could not write
	 * it; its -wal and -shm files take the database file's mode. */
	int fd = create ? open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0660) : -1;
	if (fd >= 0)
		close(fd);
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK)
		return store_fail(s, STORE_EFAIL, "%s: %s", path,
		                  s->db ? sqlite3_errmsg(s->db) : _("cannot open"));
	/* a writer waits its turn: eight clerks saving at once queue for milliseconds each;
	 * only a writer stuck for a minute is refused */
	sqlite3_busy_timeout(s->db, DB_BUSY_MS);
	sqlite3_extended_result_codes(s->db, 0);
	/* A persistent WAL (SQLITE_FCNTL_PERSIST_WAL): kept with its frames at close while it
	 * is short, else checkpointed and emptied (journal_size_limit=0) by the last
	 * connection, which truncates the -wal to nothing instead of unlinking it, so no
	 * process creates the -wal or changes the directory (db_close; docs/performance.md,
	 * "An edit under 10 ms, a third time"; docs/performance-write.md, "A WAL kept").
	 * recursive_triggers: a row an INSERT OR REPLACE takes away fires its DELETE
	 * triggers (SQLite fires them only with this set), so today_rule_counts, kept by
	 * triggers on today_rules, stays right whichever way a row is replaced; no trigger
	 * of the schema fires itself, so nothing else changes (tests/unit/test_today_counts). */
	int persist = 1;
	sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	/* a new file's page size, before journal_mode=WAL writes its first page (branch
	 * import5); SQLite leaves the page size of a file that has pages as it is */
	if (create && db_exec(s, "PRAGMA page_size=" DB_PAGE_SIZE))
		return STORE_EFAIL;
	if (db_exec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
	               "PRAGMA recursive_triggers=ON; PRAGMA journal_size_limit=0; "
	               "PRAGMA cache_size=" DB_CACHE ";") ||
	    search_register(s) || event_files_register(s))
		return STORE_EFAIL;
	return migrate(s);
}
