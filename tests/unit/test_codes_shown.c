/* test_codes_shown.c — the code tables' labels as a person reads them (codes_shown):
 * the en catalog's English name under LANGUAGE=en, the Chinese label under zh_CN, while
 * what files and typed input use (codes_label, model_value_display, codes_find) stays
 * the Chinese label whatever the language. Uses the build's catalogs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "core/codes.h"
#include "core/i18n.h"
#include "core/model.h"
#include "core/workflow.h"
#include "tests/unit/speak.h"

static void english_under_en(void **state)
{
	(void)state;
	char out[256];
	speak("en");
	assert_string_equal(codes_shown(workflow_state_label(WF_ASSISTING)), "being assisted");
	assert_string_equal(codes_shown(codes_label(&codes_household_type, "lifted")),
	                    "formerly poor household");
	assert_string_equal(codes_shown(codes_label(&codes_category, "sudden")),
	                    "household in sudden severe difficulty");
	assert_string_equal(codes_shown(codes_label(&codes_measure_group, "social_security")),
	                    "comprehensive social security");
	assert_string_equal(codes_shown(codes_measure_group.name), "assistance measures");
	assert_int_equal(codes_shown_multi(&codes_risk, "illness,disability", out, sizeof out),
	                 (int)strlen("illness、disability"));
	assert_string_equal(out, "illness、disability");
	model_value_onscreen(NULL, CF_CATEGORY, "marginal", out, sizeof out);
	assert_string_equal(out, "marginal household at risk of poverty");
	/* files and typed input keep the Chinese label */
	model_value_display(NULL, CF_CATEGORY, "marginal", out, sizeof out);
	assert_string_equal(out, "边缘易致贫户");
	assert_string_equal(workflow_state_label(WF_ASSISTING), "帮扶中");
	assert_non_null(codes_find(&codes_category, "边缘易致贫户"));
	/* a label an administrator added, NULL and "" come back as they are */
	assert_string_equal(codes_shown("因老"), "因老");
	assert_null(codes_shown(NULL));
	assert_string_equal(codes_shown(""), "");
}

static void chinese_otherwise(void **state)
{
	(void)state;
	char out[256];
	speak("zh_CN");
	assert_string_equal(codes_shown(workflow_state_label(WF_ASSISTING)), "帮扶中");
	assert_string_equal(codes_shown(workflow_state_label(WF_ELIMINATED)), "已消除");
	assert_string_equal(codes_shown(codes_label(&codes_household_type, "lifted")), "脱贫户");
	codes_shown_multi(&codes_risk, "illness,disability", out, sizeof out);
	assert_string_equal(out, "因病、因残");
	model_value_onscreen(NULL, CF_CATEGORY, "marginal", out, sizeof out);
	assert_string_equal(out, "边缘易致贫户");
	assert_string_equal(codes_shown(codes_label(&codes_category, "sudden")), "突发严重困难户");
}

/* Every shipped label has an English name in the en catalog (a label without one would
 * show Chinese to an English reader). */
static void every_label_has_an_english_name(void **state)
{
	(void)state;
	const struct code_table *tables[] = {
		&codes_relation, &codes_sex, &codes_health, &codes_labour, &codes_school_stage,
		&codes_education, &codes_household_type, &codes_category, &codes_risk,
		&codes_disaster, &codes_source, &codes_department, &codes_warning_kind,
		&codes_measure_group, &codes_visit_method, &codes_yesno, &codes_disability,
		&codes_benefit, &codes_elim_method, &codes_unit_kind, &codes_pair_kind,
		&codes_pair_programme, &codes_task_kind, &codes_task_status, &codes_task_action,
		&codes_unit_level, &codes_county_track, &codes_town_class, &codes_indicator,
		&codes_project_kind, &codes_project_group, &codes_project_level,
		&codes_project_status,
	};
	/* the national form's column headers stay Chinese in English too (tui/po/en.cli.po):
	 * a label or title that is also a header shares its msgid, so it stays Chinese */
	static const char *const headers[] = {"户主", "户类型", "监测对象类别", "风险类型"};
	speak("en");
	for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		const struct code_table *t = tables[i];
		for (int k = -1; k < t->count; k++) {
			const char *label = k < 0 ? t->name : t->items[k].label;
			int header = 0;
			for (size_t h = 0; h < sizeof headers / sizeof headers[0]; h++)
				header |= strcmp(label, headers[h]) == 0;
			if (!header && strcmp(codes_shown(label), label) == 0)
				fail_msg("%s %s: no English name", t->name, label);
		}
	}
	for (int s = 0; s < WF_STATE_COUNT; s++)
		assert_string_not_equal(codes_shown(workflow_state_label((enum wf_state)s)),
		                        workflow_state_label((enum wf_state)s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(english_under_en),
		cmocka_unit_test(chinese_otherwise),
		cmocka_unit_test(every_label_has_an_english_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
