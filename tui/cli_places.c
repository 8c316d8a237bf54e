/* cli_places.c — the 百千万工程 verbs about places (docs/baiqianwan.md): a county's
 * yearly indicators and a village's collective income (`indicator set|list`), and the
 * counties with their tracks and 特色产业集群 (`county list`). Tracks, clusters and town
 * classes are settings (`bangfu setting set track.441821 创先 --why ...`). */
#include "tui/cli.h"
#include "core/i18n.h"
#include "core/regions.h"
#include <stdio.h>
#include <string.h>

static int verb_indicator_set(struct cli *c)
{
	struct figure f;
	const char *year = cli_opt(c, "--year");
	if (!c->a.why || !c->a.why[0])
		return cli_usage(c->verb, _("--why TEXT is required: every change says why"));
	if (!year)
		return cli_usage(c->verb, _("--year YYYY is required"));
	int rc = store_figure_set(c->s, &c->me, c->a.pos[0], year, c->a.pos[1], cli_opt(c, "--target"),
	                          cli_opt(c, "--actual"), c->a.why, &f);
	if (rc)
		return cli_store_fail(c, rc);
	printf(_("%s: %s %s %s %s target %s actual %s\n"), f.id, f.place, f.place_name, f.year, f.kind,
	       f.target[0] ? f.target : "-", f.actual[0] ? f.actual : "-");
	return EXIT_OK;
}

struct ilist { struct cli *c; char weak_line[32]; long n; };

static int print_figure(void *ctx, const struct figure *f)
{
	struct ilist *l = ctx;
	const char *label = code_lists_label(store_code_lists(l->c->s), &codes_indicator, f->kind);
	int weak = places_figure_weak(f, l->weak_line);
	printf(_("%s  %-12s %-10s %s  %-18s %-20s target %-10s actual %s%s\n"), f->id, f->place,
	       f->place_name, f->year, f->kind, label ? label : "?", f->target[0] ? f->target : "-",
	       f->actual[0] ? f->actual : "-", weak ? _("  薄弱村 (below weak_village_line)") : "");
	l->n++;
	return 0;
}

static int verb_indicator_list(struct cli *c)
{
	struct ilist l = {c, "", 0};
	int rc = store_weak_line(c->s, l.weak_line, sizeof l.weak_line);
	if (!rc)
		rc = store_figure_list(c->s, &c->me, c->a.npos ? c->a.pos[0] : NULL, cli_opt(c, "--year"),
	                           cli_opt(c, "--kind"), print_figure, &l);
	if (rc)
		return cli_store_fail(c, rc);
	fprintf(stderr, ngettext("%ld figure\n", "%ld figures\n", (unsigned long)l.n), l.n);
	return EXIT_OK;
}

/* Every county-level code in the caller's scope (or holding it: a town's clerk reads her
 * county's track) with its track and clusters. */
static int verb_county_list(struct cli *c)
{
	const char *want = cli_opt(c, "--track");
	const struct code *t = want ? codes_find(&codes_county_track, want) : NULL;
	if (want && !t && strcmp(want, PLACES_UNCLASSIFIED) != 0)
		return cli_usage(c->verb, _("--track 创先 | 进位 | 消薄 | %s"), PLACES_UNCLASSIFIED);
	long n = 0;
	for (int i = 0; i < ref_county_count; i++) {
		const struct ref_county *rc = &ref_counties[i];
		char track[32], key[32], clusters[256] = "";
		int mine = access_in_scope(&c->me, rc->code) || strncmp(c->me.scope, rc->code, 6) == 0;
		if (!mine || store_county_track(c->s, rc->code, track, sizeof track))
			continue;
		if (want && strcmp(track, t ? t->label : PLACES_UNCLASSIFIED) != 0)
			continue;
		snprintf(key, sizeof key, "cluster.%s", rc->code);
		if (store_setting_get(c->s, key, clusters, sizeof clusters))
			clusters[0] = '\0';
		printf("%s  %-8s %-6s %s\n", rc->code, rc->name, track, clusters);
		n++;
	}
	fprintf(stderr, ngettext("%ld county\n", "%ld counties\n", (unsigned long)n), n);
	return EXIT_OK;
}

static const struct verb verbs[] = {
	{"indicator set", "PLACE KIND", "--year --target --actual !--why", 2, 2, NEED_USER,
	 N_("set a yearly indicator's target and/or actual (县域指标, 村集体经济收入)"),
	 N_("PLACE: a county (code or name) or a village's 12-digit code. KIND: an indicator code\n"
	 "or label (`bangfu setting lists`: old_estates, black_water, sewage_capacity, new_pipes,\n"
	 "gdp_growth, collective_income; more with the setting indicator.CODE). --year YYYY;\n"
	 "--target and --actual exact decimals (at most 4 places, no separators). Administrators\n"
	 "and county approvers of the place. Each change is one commit with --why."),
	 verb_indicator_set},
	{"indicator list", "[PLACE]", "--year --kind", 0, 1, NEED_USER,
	 N_("list the yearly indicators and village incomes in your scope"),
	 N_("PLACE: a county name or a code prefix (county, town, village). A village whose\n"
	 "collective income is below the setting weak_village_line (sample 100000 yuan) is\n"
	 "marked 薄弱村."), verb_indicator_list},
	{"county list", "", "--track", 0, 0, NEED_USER,
	 N_("list the counties in your scope with their 百千万 track and 特色产业集群"),
	 N_("--track 创先 | 进位 | 消薄 | 未分类. Tracks and clusters are the settings\n"
	 "track.CCCCCC and cluster.CCCCCC."), verb_county_list},
};
const struct verb_table places_verbs = {verbs, (int)(sizeof verbs / sizeof verbs[0])};
