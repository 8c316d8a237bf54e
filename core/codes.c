/* codes.c — the shipped code tables (see codes.h) and look-ups over them. */
#include "core/codes.h"
#include "core/text.h"
#include "core/i18n.h"
#include <stdio.h>
#include <string.h>

#define TABLE(var, title, ...) \
	static const struct code var##_items[] = { __VA_ARGS__ }; \
	const struct code_table var = { title, var##_items, \
	                                (int)(sizeof var##_items / sizeof var##_items[0]) }

TABLE(codes_relation, N_("与户主关系"),
	{"head", NC_("code label", "户主")}, {"spouse", N_("配偶")}, {"son", N_("之子")}, {"daughter", N_("之女")},
	{"son_in_law", N_("之女婿")}, {"daughter_in_law", N_("之儿媳")}, {"grandson", N_("之孙子")},
	{"granddaughter", N_("之孙女")}, {"grandson_d", N_("之外孙子")}, {"granddaughter_d", N_("之外孙女")},
	{"father", N_("之父")}, {"mother", N_("之母")}, {"grandfather", N_("之祖父")},
	{"grandmother", N_("之祖母")}, {"brother", N_("之兄弟姐妹")}, {"other", N_("其他")});
TABLE(codes_sex, N_("性别"), {"M", N_("男")}, {"F", N_("女")});
TABLE(codes_health, N_("健康状况"),
	{"healthy", N_("健康")}, {"chronic", N_("长期慢性病")}, {"serious", N_("患有大病")},
	{"disabled", N_("残疾")});
TABLE(codes_labour, N_("劳动技能"),
	{"ordinary", N_("普通劳动力")}, {"skilled", N_("技能劳动力")}, {"weak", N_("弱劳动力或半劳动力")},
	{"lost", N_("丧失劳动力")}, {"none", N_("无劳动力")});
TABLE(codes_school_stage, N_("在校生状况"),
	{"preschool", N_("学前教育")}, {"primary", N_("小学")}, {"junior", N_("七年级")},
	{"junior8", N_("八年级")}, {"junior9", N_("九年级")}, {"senior", N_("普通高中")},
	{"vocational", N_("中职")}, {"college", N_("高职高专")}, {"university", N_("本科及以上")});
TABLE(codes_education, N_("文化程度"),
	{"illiterate", N_("文盲或半文盲")}, {"primary", N_("小学")}, {"junior", N_("初中")},
	{"senior", N_("高中")}, {"vocational", N_("中专")}, {"college", N_("大专")},
	{"university", N_("本科及以上")});
TABLE(codes_household_type, NC_("code label", "户类型"), {"lifted", N_("脱贫户")}, {"ordinary", N_("一般农户")});
TABLE(codes_category, NC_("code label", "监测对象类别"),
	{"unstable", N_("脱贫不稳定户")}, {"marginal", N_("边缘易致贫户")}, {"sudden", N_("突发严重困难户")});
TABLE(codes_risk, NC_("code label", "风险类型"),
	{"illness", N_("因病")}, {"disability", N_("因残")}, {"schooling", N_("因学")},
	{"disaster", N_("因自然灾害")}, {"accident", N_("因意外事故")}, {"industry", N_("因产业项目失败")},
	{"employment", N_("因务工就业不稳")}, {"no_labour", N_("缺劳动力")}, {"other", N_("其他")});
TABLE(codes_disaster, N_("灾害类型"),
	{"flood", N_("洪涝")}, {"geological", N_("地质")}, {"drought", N_("旱灾")}, {"biological", N_("生物")},
	{"weather", N_("气象")}, {"earthquake", N_("地震")}, {"other", N_("其他")});
TABLE(codes_source, N_("识别来源"),
	{"self", N_("农户自主申报")}, {"cadre", N_("基层干部排查")}, {"department", N_("部门筛查预警")});
TABLE(codes_department, N_("来源部门"),
	{"medical_insurance", N_("医保")}, {"health", N_("卫健")}, {"education", N_("教育")},
	{"emergency", N_("应急管理")}, {"civil_affairs", N_("民政")}, {"disabled_fed", N_("残联")},
	{"hrss", N_("人社")}, {"housing", N_("住建")}, {"water", N_("水利")});
TABLE(codes_warning_kind, N_("预警类型"),
	{"medical", N_("大额医疗支出")}, {"disaster", N_("自然灾害")}, {"disability", N_("新增残疾")},
	{"unemployment", N_("失业")}, {"dropout", N_("辍学")}, {"housing", N_("住房安全")},
	{"water", N_("饮水安全")}, {"other", N_("其他")});
TABLE(codes_measure_group, N_("帮扶措施"),
	{"industry", N_("产业")}, {"employment", N_("就业")}, {"finance", N_("金融")},
	{"public_job", N_("公益岗位")}, {"housing", N_("住房安全")}, {"water", N_("饮水安全")},
	{"health", N_("健康")}, {"compulsory_edu", N_("义务教育")}, {"other_edu", N_("其他教育")},
	{"social_security", N_("综合保障")}, {"social_help", N_("社会帮扶")}, {"relocation", N_("搬迁")},
	{"living", N_("生产生活条件")}, {"infrastructure", N_("基础设施")});
TABLE(codes_visit_method, N_("走访方式"), {"home", N_("入户")}, {"phone", N_("电话")}, {"wechat", N_("微信")});
TABLE(codes_yesno, N_("是否"), {"yes", N_("是")}, {"no", N_("否")});
TABLE(codes_disability, N_("残疾等级"), {"1", N_("一级")}, {"2", N_("二级")}, {"3", N_("三级")}, {"4", N_("四级")});
TABLE(codes_benefit, N_("其他保障"),
	{"pension", N_("城乡居民基本养老保险")}, {"disability_living", N_("困难残疾人生活补贴")},
	{"disability_care", N_("重度残疾人护理补贴")}, {"temporary", N_("临时救助")},
	{"orphan", N_("孤儿基本生活保障")}, {"other", N_("其他")});

const struct code *codes_find(const struct code_table *t, const char *s)
{
	for (int i = 0; i < t->count; i++)
		if (strcmp(t->items[i].code, s) == 0 || strcmp(t->items[i].label, s) == 0)
			return &t->items[i];
	return NULL;
}

const char *codes_label(const struct code_table *t, const char *code)
{
	for (int i = 0; i < t->count; i++)
		if (strcmp(t->items[i].code, code) == 0)
			return t->items[i].label;
	return NULL;
}

const char *codes_shown(const char *label)
{
	if (!label || !*label)
		return label;
	const char *t = i18n_ctx(I18N_CODE_LABEL, label);
	return t != label ? t : gettext(label);
}

void codes_choices(const struct code_table *t, char *out, int outlen)
{
	int len = 0;
	out[0] = '\0';
	for (int i = 0; i < t->count; i++) {
		int need = (int)strlen(t->items[i].label) + (i ? 1 : 0);
		if (len + need + 4 >= outlen) {
			snprintf(out + len, (size_t)(outlen - len), " ...");
			return;
		}
		len += snprintf(out + len, (size_t)(outlen - len), "%s%s", i ? " " : "", t->items[i].label);
	}
}

/* Length of a separator at s: ',' ';' (1 byte), '，' or '、' (3 bytes), else 0. */
static int separator_len(const char *s)
{
	if (*s == ',' || *s == ';')
		return 1;
	if (strncmp(s, "，", 3) == 0 || strncmp(s, "、", 3) == 0)
		return 3;
	return 0;
}

/* Copy s[0..n) into out with ASCII and U+3000 spaces trimmed at both ends. */
static void copy_trimmed(const char *s, size_t n, char *out, size_t outlen)
{
	while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
	while (n >= 3 && strncmp(s, "\u3000", 3) == 0) { s += 3; n -= 3; }
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
	while (n >= 3 && strncmp(s + n - 3, "\u3000", 3) == 0) n -= 3;
	if (n >= outlen)
		n = outlen - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}

int codes_parse_multi(const struct code_table *t, const char *text, int max_values,
                      char *out, int outlen, char *err, size_t errlen)
{
	char seen[64] = {0};
	int count = 0;
	const char *p = text;
	out[0] = '\0';
	while (*p) {
		const char *start = p;
		while (*p && !separator_len(p))
			p++;
		char part[128];
		copy_trimmed(start, (size_t)(p - start), part, sizeof part);
		if (*p)
			p += separator_len(p);
		if (!part[0])
			continue;
		const struct code *c = codes_find(t, part);
		if (!c) {
			text_errorf(err, errlen, "unknown %s \"%s\"", codes_shown(t->name), part);
			return -1;
		}
		int idx = (int)(c - t->items);
		if (idx < 64 && !seen[idx]) {
			seen[idx] = 1;
			count++;
		}
	}
	if (count > max_values) {
		text_errorf(err, errlen, "at most %d %s allowed, got %d", max_values,
		         codes_shown(t->name), count);
		return -1;
	}
	int len = 0;
	for (int i = 0; i < t->count && i < 64; i++) {
		if (!seen[i])
			continue;
		int w = snprintf(out + len, (size_t)(outlen - len), "%s%s", len ? "," : "",
		                 t->items[i].code);
		if (w < 0 || w >= outlen - len) {
			text_errorf(err, errlen, "too many %s", codes_shown(t->name));
			return -1;
		}
		len += w;
	}
	return count;
}

/* codes_labels_multi, each label passed through codes_shown when shown is set. */
static int labels_multi(const struct code_table *t, const char *codes, char *out, int outlen,
                        int shown)
{
	int len = 0;
	const char *p = codes;
	out[0] = '\0';
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		char code[64];
		if (n >= sizeof code)
			n = sizeof code - 1;
		memcpy(code, p, n);
		code[n] = '\0';
		const char *label = codes_label(t, code);
		int w = snprintf(out + len, (size_t)(outlen - len), "%s%s", len ? "、" : "",
		                 label ? (shown ? codes_shown(label) : label) : code);
		if (w < 0 || w >= outlen - len)
			return -1;
		len += w;
		p = comma ? comma + 1 : p + n;
	}
	return len;
}

int codes_labels_multi(const struct code_table *t, const char *codes, char *out, int outlen)
{
	return labels_multi(t, codes, out, outlen, 0);
}

int codes_shown_multi(const struct code_table *t, const char *codes, char *out, int outlen)
{
	return labels_multi(t, codes, out, outlen, 1);
}

/* Appended for the casework (core/workflow.c). */
TABLE(codes_elim_method, N_("消除方式"), {"assisted", N_("帮扶消除")}, {"natural", N_("自然消除")});

/* Appended for pairing assistance and tasks (core/pairing.c, core/task.c). */
TABLE(codes_unit_kind, N_("帮扶单位类型"),
	{"government", N_("党政机关")}, {"enterprise", N_("企业")}, {"university", N_("高校")},
	{"institute", N_("科研院所")},
	/* 百千万工程 (issue 11): 组团式帮扶 tells these apart; the first two stay for history */
	{"organ", N_("省直机关")}, {"public_institution", N_("事业单位")}, {"provincial_soe", N_("省属国企")},
	{"other_enterprise", N_("其他企业")}, {"social_org", N_("社会组织")});
TABLE(codes_pair_kind, N_("结对类型"), {"county", N_("对口帮扶")}, {"cadre", N_("帮扶责任人")});
TABLE(codes_pair_programme, N_("帮扶协作类型"),
	{"assistance", N_("对口帮扶协作")}, {"industry", N_("产业协作")}, {"other", N_("其他")},
	{"business_env", N_("营商环境")}, {"old_base", N_("老区苏区对口支援")}, {"east_west", N_("东西部协作")},
	{"town_support", N_("驻镇帮镇扶村")}, {"group", N_("组团式帮扶")});
TABLE(codes_task_kind, N_("任务类型"),
	{"visit", N_("走访")}, {"verification", N_("核实")}, {"measure", N_("落实措施")},
	{"paperwork", N_("材料报送")}, {"project", N_("项目")});
TABLE(codes_task_status, N_("任务状态"),
	{"open", N_("待办")}, {"in_progress", N_("办理中")}, {"done", N_("已办结")}, {"cancelled", N_("已取消")});
TABLE(codes_task_action, N_("任务日志"),
	{"add", N_("新建")}, {"start", N_("开始办理")}, {"done", N_("办结")}, {"cancel", N_("取消")},
	{"comment", N_("备注")}, {"resolve", N_("规则解除")},
	{"assign", N_("改派")}, {"due", N_("改期限")});

/* Appended for the 百千万工程 places (core/places.c). */
TABLE(codes_unit_level, N_("单位层级"), {"province", N_("省直")}, {"city", N_("市直")}, {"county", N_("县直")});
TABLE(codes_county_track, N_("县域类型"), {"lead", N_("创先")}, {"advance", N_("进位")}, {"weak", N_("消薄")});
TABLE(codes_town_class, N_("镇类型"),
	{"central", N_("中心镇")}, {"specialised", N_("专业镇")}, {"featured", N_("特色镇")},
	{"key_support", N_("重点帮扶")}, {"consolidate", N_("巩固提升")}, {"pilot", N_("先行示范")},
	{"central_sample", N_("中心镇样板")}, {"beautiful_sample", N_("美丽圩镇样板")});
TABLE(codes_indicator, N_("县域指标"),
	{"old_estates", N_("老旧小区改造开工(个)")}, {"black_water", N_("黑臭水体消除比例(%)")},
	{"sewage_capacity", N_("污水处理能力(吨/日)")}, {"new_pipes", N_("新建改造管网(公里)")},
	{"gdp_growth", N_("县域GDP增速(%)")}, {"collective_income", N_("村集体经济收入(元)")});
TABLE(codes_project_kind, N_("项目类型"),
	{"old_estates", N_("老旧小区")}, {"sewage", N_("污水处理")}, {"refuse", N_("垃圾处理")},
	{"black_water", N_("黑臭水体")}, {"pipes", N_("管网")}, {"farmhouse", N_("农房试点")},
	{"trad_village", N_("传统村落")}, {"industrial_park", N_("产业园区")}, {"prepared_food", N_("预制菜")},
	{"ocean_ranch", N_("海洋牧场")}, {"transport", N_("交通")}, {"energy", N_("能源")},
	{"transfer_park", N_("产业转移园区")}, {"industry_cluster", N_("特色产业集群")}, {"other", N_("其他")});
TABLE(codes_project_group, N_("工作专班"),
	{"county_economy", N_("县域经济/发展改革委")}, {"town_building", N_("城镇建设/住房城乡建设厅")},
	{"rural", N_("乡村振兴/农业农村厅")});
TABLE(codes_project_level, N_("项目层级"), {"county", N_("县级")}, {"town", N_("镇级")}, {"village", N_("村级")});
TABLE(codes_project_status, N_("项目状态"),
	{"planned", N_("谋划")}, {"approved", N_("已立项")}, {"building", N_("在建")}, {"completed", N_("已完工")},
	{"accepted", N_("已验收")}, {"suspended", N_("暂停")}, {"cancelled", N_("已取消")});
