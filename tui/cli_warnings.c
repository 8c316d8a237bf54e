/* cli_warnings.c — verbs on what comes in from and goes out to others: `import
 * warnings` (department warning files) and `notice` (a village's public-notice list). */
#include "tui/cli.h"
#include "core/i18n.h"
#include "core/mask.h"
#include "core/warning_file.h"
#include "core/workflow.h"
#include "tui/userfiles.h"
#include <stdlib.h>
#include <string.h>

struct outcome_ctx {
	const char *file;
	int unmatched;
	struct csv_out unmatched_csv;
	const struct code_lists *lists;
};

/* The outcome of a row in the user's language; unmatched rows also go to the unmatched
 * file, whose 结果 column is data (the same words whatever the language). */
static void print_outcome(void *ctx, const struct warning_row *w, const struct warning_result *r)
{
	struct outcome_ctx *o = ctx;
	char masked[32], said[256];
	mask_id(w->id_number, masked, sizeof masked);   /* printed as every ID number is */
	switch (r->what) {
	case WARNING_UNMATCHED:
		snprintf(said, sizeof said, "%s", _("unmatched: no household in your scope holds this ID number"));
		break;
	case WARNING_ALREADY:
		snprintf(said, sizeof said, _("already imported (household %s)"), r->household);
		break;
	case WARNING_ATTACHED:
		snprintf(said, sizeof said, _("attached to case %s of household %s"), r->case_id, r->household);
		break;
	case WARNING_OPENED:
		snprintf(said, sizeof said, _("opened lead %s on household %s (15-day clock from %s)"),
		         r->case_id, r->household, w->date);
		break;
	}
	printf("%s:%ld: %s %s: %s\n", o->file, w->line, masked, w->name, said);
	if (r->what != WARNING_UNMATCHED)
		return;
	const char *fields[] = {w->id_number, w->name, code_lists_label(o->lists, &codes_warning_kind, w->kind),
	                        w->amount, w->date, code_lists_label(o->lists, &codes_department, w->department),
	                        w->note, "查无此证件号码的农户（本人辖区内）"};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		csv_put_field(&o->unmatched_csv, fields[i] ? fields[i] : "", i == 0);
	csv_end_row(&o->unmatched_csv);
	o->unmatched++;
}

static int verb_import_warnings(struct cli *c)
{
	const char *file = c->a.pos[0];
	char *utf8 = NULL;
	size_t len;
	struct warning_row *rows = NULL;
	struct cli_report rep = {file, 0};
	struct outcome_ctx o = {file, 0, {0}, store_code_lists(c->s)};
	int defects, changed, rc = EXIT_FAIL;
	if (cli_read_utf8(file, c->a.encoding, &utf8, &len, NULL))
		return EXIT_FAIL;
	int n = warnings_read_csv(o.lists, utf8, len, store_today(c->s), &rows, &defects, cli_report_defect, &rep);
	if (n < 0 || defects) {
		fprintf(stderr, ngettext("bangfu: %s: %d defect: nothing was imported\n",
		                         "bangfu: %s: %d defects: nothing was imported\n", (unsigned long)defects),
		        file, defects);
		goto out;
	}
	char dflt[512];
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	snprintf(dflt, sizeof dflt, "department warnings from %s", base);   /* history text: never translated */
	const char *why = c->a.why && c->a.why[0] ? c->a.why : dflt;   /* never cut */
	csv_out_append(&o.unmatched_csv, "\xEF\xBB\xBF", 3);
	static const char header[] = "证件号码,姓名,预警类型,金额,发生日期,来源部门,说明,结果\r\n";
	csv_out_append(&o.unmatched_csv, header, sizeof header - 1);
	int src = store_import_warnings(c->s, &c->me, rows, n, why, print_outcome, &o, &changed);
	if (src) {
		cli_store_fail(c, src);
		goto out;
	}
	printf(ngettext("%d warning stored, ", "%d warnings stored, ", (unsigned long)changed), changed);
	printf(ngettext("%d row unmatched\n", "%d rows unmatched\n", (unsigned long)o.unmatched),
	       o.unmatched);
	if (o.unmatched) {
		char path[4096];
		snprintf(path, sizeof path, "%s.unmatched.csv", file);
		FILE *f = userfiles_fopen(path, "wb");
		if (!f || fwrite(o.unmatched_csv.buf, 1, o.unmatched_csv.len, f) != o.unmatched_csv.len) {
			fprintf(stderr, _("bangfu: %s: cannot write the unmatched rows\n"), path);
			if (f)
				fclose(f);
			goto out;
		}
		fclose(f);
		printf(_("unmatched rows for follow-up: %s\n"), path);
	}
	rc = EXIT_OK;
out:
	csv_out_free(&o.unmatched_csv);
	free(rows);
	free(utf8);
	return rc;
}

/* One line of the public notice: no ID number, phone, bank account or health. */
struct notice_ctx { int n; const struct code_lists *lists; };

static int notice_row(void *ctx, const struct household *h)
{
	struct notice_ctx *nc = ctx;
	for (int ci = 0; ci < h->ncases; ci++) {
		const struct hcase *cs = &h->cases[ci];
		enum wf_state st;
		if (workflow_state_parse(cs->state ? cs->state : "", &st) ||
		    (st != WF_VILLAGE_REVIEW && st != WF_ELIM_VILLAGE))
			continue;
		const char *head = "";
		for (int m = 0; m < h->nmembers; m++)
			if (strcmp(member_get(&h->members[m], MF_RELATION), "head") == 0)
				head = member_get(&h->members[m], MF_NAME);
		char cat[64];
		model_value_display(nc->lists, CF_CATEGORY, case_get(cs, CF_CATEGORY), cat, sizeof cat);
		printf("%d\t%s\t%s%s\t%d人\t%s\t%s\t%s 至 %s\n", ++nc->n, head, household_get(h, HF_VILLAGE),
		       household_get(h, HF_HAMLET), h->nmembers, cat,
		       st == WF_VILLAGE_REVIEW ? "拟纳入监测对象" : "拟风险消除",
		       case_get(cs, CF_NOTICE_START), case_get(cs, CF_NOTICE_END));
	}
	return 0;
}

static int verb_notice(struct cli *c)
{
	struct query q;
	char err[256], term[160];
	snprintf(term, sizeof term, "village:%s", c->a.pos[0]);
	if (query_parse(store_code_lists(c->s), term, &q, err, sizeof err))
		return cli_usage(c->verb, "%s", err);
	/* the notice is posted in the village: in Chinese whatever the language */
	printf("公示名单 (public notice) — %s\n序号\t户主\t村组\t人口\t类别\t事项\t公示期\n", c->a.pos[0]);
	struct notice_ctx nc = {0, store_code_lists(c->s)};
	int rc = store_household_list(c->s, &c->me, &q, NULL, 0, notice_row, &nc);
	if (rc)
		return cli_store_fail(c, rc);
	printf("共 %d 户。如有异议，请在公示期内向村委会反映。\n", nc.n);
	return EXIT_OK;
}

static const struct verb verbs[] = {
	{"import warnings", "FILE", "--encoding --why", 1, 1, NEED_USER,
	 N_("import a department warning file (预警线索) and match it to the register"),
	 N_("Each row is matched by ID number: on a household with an open case the warning is\n"
	 "attached to it; on another household a lead is opened (15-day clock from the\n"
	 "warning's date); unmatched rows are listed and written to FILE.unmatched.csv.\n"
	 "Importing the same file twice adds nothing the second time."),
	 verb_import_warnings},
	{"notice", "VILLAGE", "", 1, 1, NEED_USER,
	 N_("print a village's public-notice list (公示名单) for cases in review"),
	 N_("VILLAGE is a village code or name. The list holds no ID number, phone, bank account\n"
	 "or health information: head of household, place, size, category and notice dates."),
	 verb_notice},
};
const struct verb_table warning_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
