/* codes.c — the shipped code tables (see codes.h) and look-ups over them. */
#include "core/codes.h"
#include <stdio.h>
#include <string.h>

#define TABLE(var, title, ...) \
	static const struct code var##_items[] = { __VA_ARGS__ }; \
	const struct code_table var = { title, var##_items, \
	                                (int)(sizeof var##_items / sizeof var##_items[0]) }

TABLE(codes_relation, "与户主关系",
	{"head", "户主"}, {"spouse", "配偶"}, {"son", "之子"}, {"daughter", "之女"},
	{"son_in_law", "之女婿"}, {"daughter_in_law", "之儿媳"}, {"grandson", "之孙子"},
	{"granddaughter", "之孙女"}, {"grandson_d", "之外孙子"}, {"granddaughter_d", "之外孙女"},
	{"father", "之父"}, {"mother", "之母"}, {"grandfather", "之祖父"},
	{"grandmother", "之祖母"}, {"brother", "之兄弟姐妹"}, {"other", "其他"});
TABLE(codes_sex, "性别", {"M", "男"}, {"F", "女"});
TABLE(codes_health, "健康状况",
	{"healthy", "健康"}, {"chronic", "长期慢性病"}, {"serious", "患有大病"},
	{"disabled", "残疾"});
TABLE(codes_labour, "劳动技能",
	{"ordinary", "普通劳动力"}, {"skilled", "技能劳动力"}, {"weak", "弱劳动力或半劳动力"},
	{"lost", "丧失劳动力"}, {"none", "无劳动力"});
TABLE(codes_school_stage, "在校生状况",
	{"preschool", "学前教育"}, {"primary", "小学"}, {"junior", "七年级"},
	{"junior8", "八年级"}, {"junior9", "九年级"}, {"senior", "普通高中"},
	{"vocational", "中职"}, {"college", "高职高专"}, {"university", "本科及以上"});
TABLE(codes_education, "文化程度",
	{"illiterate", "文盲或半文盲"}, {"primary", "小学"}, {"junior", "初中"},
	{"senior", "高中"}, {"vocational", "中专"}, {"college", "大专"},
	{"university", "本科及以上"});
TABLE(codes_household_type, "户类型", {"lifted", "脱贫户"}, {"ordinary", "一般农户"});
TABLE(codes_category, "监测对象类别",
	{"unstable", "脱贫不稳定户"}, {"marginal", "边缘易致贫户"}, {"sudden", "突发严重困难户"});
TABLE(codes_risk, "风险类型",
	{"illness", "因病"}, {"disability", "因残"}, {"schooling", "因学"},
	{"disaster", "因自然灾害"}, {"accident", "因意外事故"}, {"industry", "因产业项目失败"},
	{"employment", "因务工就业不稳"}, {"no_labour", "缺劳动力"}, {"other", "其他"});
TABLE(codes_disaster, "灾害类型",
	{"flood", "洪涝"}, {"geological", "地质"}, {"drought", "旱灾"}, {"biological", "生物"},
	{"weather", "气象"}, {"earthquake", "地震"}, {"other", "其他"});
TABLE(codes_source, "识别来源",
	{"self", "农户自主申报"}, {"cadre", "基层干部排查"}, {"department", "部门筛查预警"});
TABLE(codes_department, "来源部门",
	{"medical_insurance", "医保"}, {"health", "卫健"}, {"education", "教育"},
	{"emergency", "应急管理"}, {"civil_affairs", "民政"}, {"disabled_fed", "残联"},
	{"hrss", "人社"}, {"housing", "住建"}, {"water", "水利"});
TABLE(codes_warning_kind, "预警类型",
	{"medical", "大额医疗支出"}, {"disaster", "自然灾害"}, {"disability", "新增残疾"},
	{"unemployment", "失业"}, {"dropout", "辍学"}, {"housing", "住房安全"},
	{"water", "饮水安全"}, {"other", "其他"});
TABLE(codes_measure_group, "帮扶措施",
	{"industry", "产业"}, {"employment", "就业"}, {"finance", "金融"},
	{"public_job", "公益岗位"}, {"housing", "住房安全"}, {"water", "饮水安全"},
	{"health", "健康"}, {"compulsory_edu", "义务教育"}, {"other_edu", "其他教育"},
	{"social_security", "综合保障"}, {"social_help", "社会帮扶"}, {"relocation", "搬迁"},
	{"living", "生产生活条件"}, {"infrastructure", "基础设施"});
TABLE(codes_visit_method, "走访方式", {"home", "入户"}, {"phone", "电话"}, {"wechat", "微信"});
TABLE(codes_yesno, "是否", {"yes", "是"}, {"no", "否"});
TABLE(codes_disability, "残疾等级", {"1", "一级"}, {"2", "二级"}, {"3", "三级"}, {"4", "四级"});
TABLE(codes_benefit, "其他保障",
	{"pension", "城乡居民基本养老保险"}, {"disability_living", "困难残疾人生活补贴"},
	{"disability_care", "重度残疾人护理补贴"}, {"temporary", "临时救助"},
	{"orphan", "孤儿基本生活保障"}, {"other", "其他"});

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
			snprintf(err, errlen, "unknown %s \"%s\"", t->name, part);
			return -1;
		}
		int idx = (int)(c - t->items);
		if (idx < 64 && !seen[idx]) {
			seen[idx] = 1;
			count++;
		}
	}
	if (count > max_values) {
		snprintf(err, errlen, "at most %d %s allowed, got %d", max_values,
		         t->name, count);
		return -1;
	}
	int len = 0;
	for (int i = 0; i < t->count && i < 64; i++) {
		if (!seen[i])
			continue;
		int w = snprintf(out + len, (size_t)(outlen - len), "%s%s", len ? "," : "",
		                 t->items[i].code);
		if (w < 0 || w >= outlen - len) {
			snprintf(err, errlen, "too many %s", t->name);
			return -1;
		}
		len += w;
	}
	return count;
}

int codes_labels_multi(const struct code_table *t, const char *codes, char *out, int outlen)
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
		                 label ? label : code);
		if (w < 0 || w >= outlen - len)
			return -1;
		len += w;
		p = comma ? comma + 1 : p + n;
	}
	return len;
}

/* Appended for the casework (core/workflow.c). */
TABLE(codes_elim_method, "消除方式", {"assisted", "帮扶消除"}, {"natural", "自然消除"});

/* Appended for pairing assistance and tasks (core/pairing.c, core/task.c). */
TABLE(codes_unit_kind, "帮扶单位类型",
	{"government", "党政机关"}, {"enterprise", "企业"}, {"university", "高校"},
	{"institute", "科研院所"},
	/* 百千万工程 (issue 11): 组团式帮扶 tells these apart; the first two stay for history */
	{"organ", "省直机关"}, {"public_institution", "事业单位"}, {"provincial_soe", "省属国企"},
	{"other_enterprise", "其他企业"}, {"social_org", "社会组织"});
TABLE(codes_pair_kind, "结对类型", {"county", "对口帮扶"}, {"cadre", "帮扶责任人"});
TABLE(codes_pair_programme, "帮扶协作类型",
	{"assistance", "对口帮扶协作"}, {"industry", "产业协作"}, {"other", "其他"},
	{"business_env", "营商环境"}, {"old_base", "老区苏区对口支援"}, {"east_west", "东西部协作"},
	{"town_support", "驻镇帮镇扶村"}, {"group", "组团式帮扶"});
TABLE(codes_task_kind, "任务类型",
	{"visit", "走访"}, {"verification", "核实"}, {"measure", "落实措施"},
	{"paperwork", "材料报送"}, {"project", "项目"});
TABLE(codes_task_status, "任务状态",
	{"open", "待办"}, {"in_progress", "办理中"}, {"done", "已办结"}, {"cancelled", "已取消"});
TABLE(codes_task_action, "任务日志",
	{"add", "新建"}, {"start", "开始办理"}, {"done", "办结"}, {"cancel", "取消"},
	{"comment", "备注"}, {"resolve", "规则解除"},
	{"assign", "改派"}, {"due", "改期限"});

/* Appended for the 百千万工程 places (core/places.c). */
TABLE(codes_unit_level, "单位层级", {"province", "省直"}, {"city", "市直"}, {"county", "县直"});
TABLE(codes_county_track, "县域类型", {"lead", "创先"}, {"advance", "进位"}, {"weak", "消薄"});
TABLE(codes_town_class, "镇类型",
	{"central", "中心镇"}, {"specialised", "专业镇"}, {"featured", "特色镇"},
	{"key_support", "重点帮扶"}, {"consolidate", "巩固提升"}, {"pilot", "先行示范"},
	{"central_sample", "中心镇样板"}, {"beautiful_sample", "美丽圩镇样板"});
TABLE(codes_indicator, "县域指标",
	{"old_estates", "老旧小区改造开工(个)"}, {"black_water", "黑臭水体消除比例(%)"},
	{"sewage_capacity", "污水处理能力(吨/日)"}, {"new_pipes", "新建改造管网(公里)"},
	{"gdp_growth", "县域GDP增速(%)"}, {"collective_income", "村集体经济收入(元)"});
TABLE(codes_project_kind, "项目类型",
	{"old_estates", "老旧小区"}, {"sewage", "污水处理"}, {"refuse", "垃圾处理"},
	{"black_water", "黑臭水体"}, {"pipes", "管网"}, {"farmhouse", "农房试点"},
	{"trad_village", "传统村落"}, {"industrial_park", "产业园区"}, {"prepared_food", "预制菜"},
	{"ocean_ranch", "海洋牧场"}, {"transport", "交通"}, {"energy", "能源"},
	{"transfer_park", "产业转移园区"}, {"industry_cluster", "特色产业集群"}, {"other", "其他"});
TABLE(codes_project_group, "工作专班",
	{"county_economy", "县域经济/发展改革委"}, {"town_building", "城镇建设/住房城乡建设厅"},
	{"rural", "乡村振兴/农业农村厅"});
TABLE(codes_project_level, "项目层级", {"county", "县级"}, {"town", "镇级"}, {"village", "村级"});
TABLE(codes_project_status, "项目状态",
	{"planned", "谋划"}, {"approved", "已立项"}, {"building", "在建"}, {"completed", "已完工"},
	{"accepted", "已验收"}, {"suspended", "暂停"}, {"cancelled", "已取消"});
