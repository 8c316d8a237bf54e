/* cli_register.c — the register verbs: import households, list, show, set (export:
 * cli_export.c). */
#include "tui/cli.h"
#include "core/workflow.h"
#include "core/access.h"
#include "core/i18n.h"
#include "tui/cli_export.h"
#include "tui/import_text.h"
#include "store/register_ahead.h"
#include "core/codes.h"
#include "core/record.h"
#include "core/strmap.h"
#include "core/regions.h"
#include "core/text.h"
#include "tui/out.h"
#include "tui/userfiles.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_report_defect(void *ctx, long line, const char *column, const char *msg)
{
	struct cli_report *r = ctx;
	char shown[256];
	if (column)
		text_sanitize(column, shown, sizeof shown);
	if (line > 0)
		fprintf(stderr, "%s:%ld: ", r->file, line);
	else
		fprintf(stderr, "%s: ", r->file);
	if (column)
		fprintf(stderr, "%s: ", shown);
	fprintf(stderr, "%s\n", msg);
	r->count++;
}

/* Households a piece of the file: what the check and the write hold parsed at a time
 * (docs/performance-write.md); a piece grows past it only to keep a household whole. */
#define IMPORT_PIECE 2000

/* What the check pass keeps of the whole file: counts, the 户编号 of the households
 * refused (the write pass skips them) and their rows for FILE.rejected.csv. */
struct import_check {
	int file_defects, store_defects, households, bad, year_column, income_column;
	struct strmap refused;
	struct csv_out rejected;
};

/* FILE.rejected.csv: the header, a 原因 (reason) column, and every row of every household
 * that was not imported; appended piece by piece. */
static void rejected_header(struct csv_out *csv, const struct register_batch *b)
{
	csv_out_append(csv, "\xEF\xBB\xBF", 3);
	for (int i = 0; i < b->nheader; i++)
		csv_put_field(csv, b->header[i], i == 0);
	csv_put_field(csv, "原因", b->nheader == 0);
	csv_end_row(csv);
}

static void rejected_rows(struct csv_out *csv, const struct register_batch *b)
{
	for (int r = 0; r < b->nrows; r++) {
		const struct register_row *row = &b->rows[r];
		if (row->household >= 0 && !b->bad[row->household])
			continue;
		for (int i = 0; i < row->nraw; i++)
			csv_put_field(csv, row->raw[i], i == 0);
		csv_put_field(csv, row->reason ? row->reason
		                                : _("another row of this household has a defect"), row->nraw == 0);
		csv_end_row(csv);
	}
}

static int write_rejected(const char *file, const struct csv_out *csv, char *out, size_t n)
{
	snprintf(out, n, "%s.rejected.csv", file);
	FILE *f = csv->buf ? userfiles_fopen(out, "wb") : NULL;
	int ok = f && fwrite(csv->buf, 1, csv->len, f) == csv->len;
	if (f && fclose(f) != 0)
		ok = 0;
	return ok ? 0 : -1;
}

/* An error line: to stderr, or held in fail (the one pass's reading thread: given on
 * after the reports before it). */
static void say_error(struct buf *fail, const char *line)
{
	if (fail)
		buf_adds(fail, line);
	else
		fputs(line, stderr);
}

/* The check pass over one piece: the file's defects (found while reading it), then,
 * unless a defect already refuses the file, the database's, looked up through chk (the
 * store itself, or, while the store's import is open, a second connection that sees
 * the database as it was before it: store_import_checker). The database's defects go to
 * report(rctx), an error line to fail (NULL: stderr). */
static int check_piece(struct cli *c, struct store *chk, struct register_batch *b,
                       struct import_check *k, register_report_fn report, void *rctx,
                       struct buf *fail)
{
	char line[1024];
	k->file_defects += b->defects;
	if (!k->file_defects || c->a.skip_bad) {
		int before = b->defects, src = store_import_check(chk, &c->me, b, report, rctx);
		if (src && chk == c->s)
			return cli_store_fail(c, src), -1;
		if (src) {   /* the message is the checker's */
			snprintf(line, sizeof line, "bangfu: %s\n", store_error(chk));
			return say_error(fail, line), -1;
		}
		k->store_defects += b->defects - before;
	}
	for (int i = 0; i < b->nhouseholds; i++) {
		k->households++;
		k->year_column |= b->income_years && b->income_years[i][0];
		if (b->bad[i] && (k->bad++, strmap_put(&k->refused, household_get(&b->households[i], HF_NO), 1)))
			return say_error(fail, _("bangfu: out of memory\n")), -1;
	}
	if (c->a.skip_bad)
		rejected_rows(&k->rejected, b);
	return 0;
}

/* The write pass over one piece: its good households, unless the file is no longer the
 * one checked (written to since, or a household refused now that was not refused
 * then). On any failure the transaction is rolled back: nothing is written. */
static int write_piece(struct cli *c, struct import_text *t, struct register_batch *b,
                       const struct import_check *k, struct cli_report *rep,
                       struct import_result *res)
{
	long refused;
	int changed = import_text_changed(t);
	for (int i = 0; i < b->nhouseholds; i++)
		if (!strmap_get(&k->refused, household_get(&b->households[i], HF_NO), &refused))
			changed |= b->bad[i];
		else
			b->bad[i] = 1;
	if (changed) {
		store_import_abort(c->s);
		fprintf(stderr, _("bangfu: %s changed while it was imported: nothing was imported\n"),
		        rep->file);
		return -1;
	}
	if (store_import_write(c->s, b, cli_report_defect, rep, res))
		return cli_store_fail(c, STORE_EFAIL), -1;
	return 0;
}

/* What a pass over the file does with each piece: check it, write it (the file checked
 * whole by a pass before), or both (one pass into an empty register: each piece written
 * as soon as it is checked, and the import given up at the first defect that refuses
 * the file, the rest still checked so that every defect is reported). */
enum { PASS_CHECK = 1, PASS_WRITE = 2, PASS_BOTH = 3 };

/* The one pass: the file read and checked a piece at a time on a thread of its own
 * (store/register_ahead.c), each piece written here as soon as it is checked. */
struct one_pass {
	struct cli *c;
	struct store *chk;
	struct register_stream *st;
	const char *year;
	struct import_check *k;
	struct ahead *ahead;
};

/* The reading thread's work: the next piece, read and checked (k is its own until the
 * pass ends); p->refused once a defect refuses the file. 1: the last piece. */
static int make_piece(void *ctx, struct ahead_piece *p)
{
	struct one_pass *o = ctx;
	if ((p->got = register_stream_next(o->st, IMPORT_PIECE, &p->b)) <= 0) {
		p->rc = p->got < 0 ? -2 : 0;
		return 1;
	}
	if (o->year)
		snprintf(p->b.income_year, sizeof p->b.income_year, "%.7s", o->year);
	p->total = register_stream_households(o->st);
	p->rc = check_piece(o->c, o->chk, &p->b, o->k, ahead_report, o->ahead, &p->fail);
	p->refused = (o->k->file_defects || o->k->store_defects) && !o->c->a.skip_bad;
	return p->rc != 0;
}

/* The writing side: each piece's good households while the file is still accepted; at
 * the first defect that refuses it, what was written is rolled back (no row, no pack)
 * and the rest of the file is only checked. */
static int write_pieces(struct cli *c, struct ahead *a, struct cli_report *rep,
                        struct import_result *res)
{
	int rc = 0, given_up = 0;
	struct ahead_piece *p;
	while (!rc && (p = ahead_next(a, cli_report_defect, rep))) {
		if (buf_str(&p->fail) && p->fail.len)
			fputs(p->fail.s, stderr);
		if (!res->total)   /* the households of the file, for the progress */
			res->total = p->total;
		if ((rc = p->rc) || p->got <= 0 || given_up)
			continue;
		if (p->refused) {
			store_import_abort(c->s);
			given_up = 1;
		} else if (store_import_write(c->s, &p->b, cli_report_defect, rep, res))
			rc = (cli_store_fail(c, STORE_EFAIL), -1);
	}
	return rc;
}

/* Read the file in pieces, doing `pass` with each (checks through chk). */
static int import_pass(struct cli *c, struct store *chk, struct import_text *t, int pass,
                       struct import_check *k, struct cli_report *rep, struct import_result *res)
{
	struct register_stream *st;
	struct register_batch b = {0};
	const char *year = cli_opt(c, "--income-year");
	struct one_pass o = {c, chk, NULL, year, k, NULL};
	if (pass == PASS_BOTH && ahead_start(&o.ahead, make_piece, &o, cli_report_defect, rep))
		return fprintf(stderr, _("bangfu: out of memory\n")), -1;
	int got, rc = register_stream_open(&st, store_code_lists(c->s), t->utf8, t->len,
	                                   store_today(c->s), 1, !(pass & PASS_CHECK),
	                                   o.ahead ? ahead_report : cli_report_defect,
	                                   o.ahead ? (void *)o.ahead : rep)
	              ? -2 : 0;   /* -2: the file cannot be read (reported) */
	if (st)
		register_stream_on_read(st, import_text_past, t);
	if ((pass & PASS_CHECK) && st) {
		k->file_defects += register_stream_head(st)->defects;
		k->income_column = register_stream_head(st)->present[HF_INCOME];
		rejected_header(&k->rejected, register_stream_head(st));
	}
	o.st = st;
	int one = o.ahead != NULL;
	if (one && rc == 0)
		rc = write_pieces(c, o.ahead, rep, res);
	ahead_free(o.ahead);   /* the reading thread ended before the stream is freed */
	while (!one && rc == 0 && (got = register_stream_next(st, IMPORT_PIECE, &b)) != 0) {
		if (got < 0)
			rc = -2;
		if (year)
			snprintf(b.income_year, sizeof b.income_year, "%.7s", year);
		if (res && !res->total)   /* the households of the file, for the progress */
			res->total = register_stream_households(st);
		if (got > 0 && (pass & PASS_CHECK))
			rc = check_piece(c, chk, &b, k, cli_report_defect, rep, NULL);
		if (got > 0 && pass == PASS_WRITE && (rc = write_piece(c, t, &b, k, rep, res)))
			rc = -1;
		register_batch_free(&b);
	}
	register_stream_free(st);
	return rc;
}

/* The check pass and the write pass, or one pass into an empty register (the checks
 * through a second connection that sees none of what the pass writes); 0 once every
 * good household is written in the open import, else -1 (reported, nothing written).
 * The import is begun here before the write pass unless it was begun already (why). */
static int import_passes(struct cli *c, struct import_text *t, int begun, const char *why,
                         struct import_check *k, struct cli_report *rep,
                         struct import_result *res)
{
	struct store *chk = NULL;
	const char *file = rep->file, *year = cli_opt(c, "--income-year");
	int one = begun && store_import_fresh(c->s), src;
	if (one && store_import_checker(c->s, &chk))
		return cli_store_fail(c, STORE_EFAIL), -1;
	int read = import_pass(c, one ? chk : c->s, t, one ? PASS_BOTH : PASS_CHECK, k, rep, res);
	store_close(chk);
	if (read == -1)
		return -1;   /* reported */
	if (read < 0) {
		fprintf(stderr, _("bangfu: %s: cannot be read as a register: nothing was imported\n"), file);
		return -1;
	}
	if (k->file_defects && !c->a.skip_bad) {
		fprintf(stderr, ngettext("bangfu: %s: %d defect: nothing was imported (fix it, or use "
		                         "--skip-bad to import the good households)\n",
		                         "bangfu: %s: %d defects: nothing was imported (fix them, or use "
		                         "--skip-bad to import the good households)\n",
		                         (unsigned long)k->file_defects), file, k->file_defects);
		return -1;
	}
	if (k->store_defects && !c->a.skip_bad) {
		fprintf(stderr, ngettext("bangfu: %d defect found: nothing was imported\n",
		                         "bangfu: %d defects found: nothing was imported\n",
		                         (unsigned long)k->store_defects), k->store_defects);
		return -1;
	}
	if (k->bad == k->households) {
		fprintf(stderr, _("bangfu: no household without defects: nothing was imported\n"));
		return -1;
	}
	if (!year && !k->year_column && k->income_column)
		printf(_("note: %s's 家庭人均纯收入 stays the register's figure, no assessment: give "
		       "--income-year YYYY to record it as that year's income assessment\n"), file);
	if (!begun && (src = store_import_begin(c->s, &c->me, 0, why, res)))
		return cli_store_fail(c, src), -1;
	res->total = k->households - k->bad;
	if (!one && import_pass(c, c->s, t, PASS_WRITE, k, rep, res))
		return -1;   /* reported */
	res->rejected = k->bad;
	return 0;
}

static int verb_import_households(struct cli *c)
{
	const char *file = c->a.pos[0];
	char dflt[512];
	int rc = EXIT_FAIL;
	struct import_text t;
	struct import_check k = {0};
	struct cli_report rep = {file, 0};
	struct import_result res = {0};
	if (import_text_open(&t, file, c->a.encoding))
		return EXIT_FAIL;
	const char *used = t.used;
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	snprintf(dflt, sizeof dflt, "import %s (%s)", base, used ? used : "UTF-8");
	const char *why = c->a.why && c->a.why[0] ? c->a.why : dflt;   /* never cut */
	const char *year = cli_opt(c, "--income-year");
	/* an administrator's import is begun first: into an empty register the file is
	 * checked and written in one pass; else a check pass (every row checked, nothing
	 * written, only what crosses households kept), then, only if the whole file is
	 * accepted, the write pass reads it again. Either way one transaction, given up
	 * whole at a refusal. Anyone else's file is checked first, as ever: its defects are
	 * reported, then the check refuses the user. */
	int src = 0, begun = access_is_admin(&c->me);
	if (begun && (src = store_import_begin(c->s, &c->me, 0, why, &res))) {
		cli_store_fail(c, src);
		goto out;
	}
	if (import_passes(c, &t, begun, why, &k, &rep, &res)) {
		store_import_abort(c->s);   /* (again, if the failure did): nothing is written */
		goto out;   /* reported */
	}
	if ((src = store_import_end(c->s, &res))) {
		cli_store_fail(c, src);
		goto out;
	}
	import_text_close(&t);
	if (res.households_new + res.households_updated == 0)
		printf(ngettext("nothing to change: the %d household of %s is already as it says [%s]\n",
		                "nothing to change: the %d households of %s are already as it says [%s]\n",
		                (unsigned long)res.households_unchanged),
		       res.households_unchanged, file, used ? used : "UTF-8");
	else {
		char unchanged[32] = "";
		if (res.households_unchanged)
			snprintf(unchanged, sizeof unchanged, _(", %d unchanged"), res.households_unchanged);
		int n = res.households_new + res.households_updated;
		printf(ngettext("imported %d household (%d new, %d updated%s), %d people from %s [%s]\n",
		                "imported %d households (%d new, %d updated%s), %d people from %s [%s]\n",
		                (unsigned long)n), n, res.households_new,
		       res.households_updated, unchanged, res.members, file, used ? used : "UTF-8");
	}
	if (res.incomes)
		printf(_("income assessments from 家庭人均纯收入: %d (%s%s%s)\n"), res.incomes,
		       k.year_column ? _("the file's 收入年度") : "", k.year_column && year ? _(", else ") : "",
		       year ? year : "");   /* the year as given: checked against the database */
	if (res.rejected) {
		char rejected[4096];
		if (write_rejected(file, &k.rejected, rejected, sizeof rejected)) {
			fprintf(stderr, _("bangfu: %s: could not write the rejected rows: %s\n"), rejected,
			        strerror(errno));
			goto out;
		}
		printf(ngettext("rejected %d household: its rows are in %s\n",
		                "rejected %d households: their rows are in %s\n", (unsigned long)res.rejected),
		       res.rejected, rejected);
	}
	rc = EXIT_OK;
out:
	strmap_free(&k.refused);
	csv_out_free(&k.rejected);
	import_text_close(&t);
	return rc;
}

/* Parse the positional words of a QUERY into q. */
static int parse_query(struct cli *c, int first, struct query *q)
{
	struct buf text = {0};
	char err[256];
	for (int i = first; i < c->a.npos; i++)
		buf_addf(&text, "%s%s", i > first ? " " : "", c->a.pos[i]);
	int rc = query_parse(store_code_lists(c->s), buf_str(&text) ? buf_str(&text) : "", q, err, sizeof err);
	buf_free(&text);
	if (rc)
		return cli_usage(c->verb, "%s", err);
	return 0;
}

/* --reveal needs --why: the reason goes into the access record. */
int cli_reveal_usage(struct cli *c)
{
	if (c->a.reveal && (!c->a.why || !c->a.why[0]))
		return cli_usage(c->verb, _("--reveal needs --why TEXT: who looked at full ID numbers "
		                 "and phones, and why, is recorded"));
	return 0;
}

#define LIST_PAGE 100

struct list_ctx { long n; const struct code_lists *lists; };

static int list_one(void *ctx, const struct household *h)
{
	struct list_ctx *l = ctx;
	const char *head = "";
	for (int i = 0; i < h->nmembers; i++)
		if (strcmp(member_get(&h->members[i], MF_RELATION), "head") == 0)
			head = member_get(&h->members[i], MF_NAME);
	const char *county = regions_county_name(household_get(h, HF_COUNTY));
	char place[256], size[8], kase[128] = "";
	snprintf(place, sizeof place, "%s%s%s", county ? county : "", household_get(h, HF_TOWN),
	         household_get(h, HF_VILLAGE));
	snprintf(size, sizeof size, "%d人", h->nmembers);
	if (h->ncases) {
		const struct hcase *cs = &h->cases[h->ncases - 1];
		char cat[64];
		enum wf_state st;
		const char *state = cs->state ? cs->state : "";
		model_value_onscreen(l->lists, CF_CATEGORY, case_get(cs, CF_CATEGORY), cat, sizeof cat);
		snprintf(kase, sizeof kase, "%s %s", cat, workflow_state_parse(state, &st) == 0
		         ? codes_shown(workflow_state_label(st)) : state);
	}
	const char *type = codes_shown(codes_label(&codes_household_type, household_get(h, HF_TYPE)));
	cli_put_cell(h->id, 14);
	cli_put_cell(head, 8);
	cli_put_cell(size, 4);
	cli_put_cell(place, 26);
	cli_put_cell(type ? type : "", 8);
	cli_put_cell(household_get(h, HF_INCOME), 7);
	fputs(kase, stdout);
	putchar('\n');
	l->n++;
	return ferror(stdout) != 0;   /* the reader has gone: stop */
}

static int verb_list(struct cli *c)
{
	struct query q;
	/* on a terminal a page by default (a million rows scroll by uselessly); into a pipe
	 * every row, streamed: under `head` the list ends with the pipe */
	int paged = !c->a.limit && isatty(STDOUT_FILENO);
	long limit = c->a.limit ? atol(c->a.limit) : paged ? LIST_PAGE : 0;
	if (parse_query(c, 0, &q))
		return EXIT_USAGE;
	if (cli_opt(c, "--format"))
		return cli_list_sheet(c, &q, limit);
	struct list_ctx l = {0, store_code_lists(c->s)};
	int rc = store_household_rows(c->s, &c->me, &q, NULL, limit, 0, list_one, &l);
	if (rc)
		return cli_store_fail(c, rc);
	fprintf(stderr, ngettext("%ld household%s\n", "%ld households%s\n", (unsigned long)l.n), l.n,
	        paged && l.n == LIST_PAGE ? _(" (the first page: --limit N for more, --limit 0 for all)") : "");
	return EXIT_OK;
}

/* A retired code of an older edition stays readable, marked (docs/design.md "Places"). */
static void show_retired(struct cli *c, const char *code, const char *note)
{
	if (code[0] && store_region_retired(c->s, code))
		printf(note, code);
}

/* The 百千万工程 facts of the household's places: its county's track, its town's classes. */
static void show_places(struct cli *c, const struct household *h)
{
	char track[64], key[32], classes[256];
	const char *county = household_get(h, HF_COUNTY);
	if (store_county_track(c->s, county, track, sizeof track) == 0)
		printf(_("track: %s (百千万工程 track of county %s)\n"), track, county);
	snprintf(key, sizeof key, "town_class.%s", household_get(h, HF_TOWNCODE));
	if (store_setting_get(c->s, key, classes, sizeof classes) == 0)
		printf(_("town_class: %s (town %s)\n"), classes, household_get(h, HF_TOWNCODE));
}

static int verb_show(struct cli *c)
{
	struct household h;
	struct buf text = {0};
	if (cli_opt(c, "--as-of"))
		return cli_show_as_of(c);
	if (cli_reveal_usage(c))
		return EXIT_USAGE;
	int rc = c->a.reveal ? store_household_reveal(c->s, &c->me, c->a.pos[0], c->a.why, &h)
	                     : store_household_find(c->s, &c->me, c->a.pos[0], &h);
	if (rc)
		return cli_store_fail(c, rc);
	if (cli_opt(c, "--format")) {
		rc = cli_show_sheet(c, &h);
		household_free(&h);
		return rc;
	}
	record_render(store_code_lists(c->s), &h, &text);
	printf(_("version: %ld\n%s"), h.version, buf_str(&text) ? text.s : "");
	show_retired(c, household_get(&h, HF_TOWNCODE),
	             _("note: town code %s is retired: not in the 2023 statistical codes\n"));
	show_retired(c, household_get(&h, HF_VILLCODE),
	             _("note: village code %s is retired: not in the 2023 statistical codes\n"));
	show_places(c, &h);
	buf_free(&text);
	household_free(&h);
	return EXIT_OK;
}

static int verb_set(struct cli *c)
{
	long member = 0, version = 0;
	if (!c->a.why || !c->a.why[0])
		return cli_usage(c->verb, _("--why TEXT is required: every change says why"));
	if (c->a.member && (member = atol(c->a.member)) <= 0)
		return cli_usage(c->verb, _("--member needs a member number (1, 2, ...)"));
	if (c->a.version && (version = atol(c->a.version)) <= 0)
		return cli_usage(c->verb, _("--version needs a version number"));
	int rc = store_household_set(c->s, &c->me, c->a.pos[0], (int)member, c->a.pos[1],
	                             c->a.pos[2], version, c->a.why);
	if (rc)
		return cli_store_fail(c, rc);
	printf(_("%s: %s set\n"), c->a.pos[0], c->a.pos[1]);
	return EXIT_OK;
}

static const struct verb verbs[] = {
	{"import households", "FILE", "--encoding --skip-bad --income-year --why", 1, 1, NEED_USER,
	 N_("import a household register CSV (one row per person)"),
	 N_("Reads FILE (UTF-8 with or without BOM, or GBK/GB18030; --encoding forces one), checks\n"
	 "every row and reports each defect as FILE:LINE: COLUMN: message. Nothing is written\n"
	 "unless the whole file is clean; with --skip-bad the good households are imported\n"
	 "and the rejected rows written to FILE.rejected.csv with a reason column.\n"
	 "The whole import is one audit event. --income-year YYYY: each household's\n"
	 "家庭人均纯收入 becomes an income assessment of that year (the rules compare it with\n"
	 "monitoring_line.YYYY, which must be set); a 收入年度 column gives the year per\n"
	 "household instead. Without either the figure stays a bare one."),
	 verb_import_households},
	{"list", "[QUERY]", "--limit --format", 0, 8, NEED_USER, N_("list households in your scope"),
	 N_("QUERY terms (all must hold): a name fragment, ID digits, a 户编号 prefix or a\n"
	 "village name; county:CODE|NAME town:... village:... category:边缘易致贫户\n"
	 "type:脱贫户 state:assisting risk:因病 income<6000 income>6000.\n"
	 "--format tsv|json|csv: one row per household with stable field names\n"
	 "(docs/scripting.md)."),
	 verb_list},
	{"show", "HOUSEHOLD", "--reveal --why --as-of --format", 1, 1, NEED_USER, N_("show one household with members and cases"),
	 N_("HOUSEHOLD is a bangfu id (H...), a national 户编号, or any member's ID number.\n"
	 "ID numbers and phones are masked; --reveal --why TEXT shows them in full (not for\n"
	 "auditors) and records who looked, when and why (audit reveals). --as-of DATE:\n"
	 "the record as it stood at the end of that day, from the audit history.\n"
	 "--format tsv|json|csv: its register rows, one per member (docs/scripting.md)."),
	 verb_show},
	{"set", "HOUSEHOLD FIELD VALUE", "!--why --member --version", 3, 3, NEED_USER,
	 N_("change one field of a household or (with --member N) of its Nth member"),
	 N_("FIELD is a register column name, Chinese or English (姓名/name, 联系电话/phone,\n"
	 "家庭人均纯收入/income_per_capita, ...). --why is required. --version V refuses\n"
	 "the change if the household is no longer at version V (someone else saved first)."),
	 verb_set},
};
const struct verb_table register_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
