package tender

import (
	"strings"
	"testing"
)

// TestWhatWordsReferTo: each case pairs a wording with its near twin, so that
// the reading of what a word refers to is tested both ways.
func TestWhatWordsReferTo(t *testing.T) {
	cases := []struct {
		text string
		want string
	}{
		// A question asks; its answer decides.
		{"问：是否须提供本地服务网点证明？答：不需要。", ""},
		{"投标人须在本市设有售后服务网点。", "REGIONAL"},
		// An amendment's old text is replaced.
		{"补遗：评标办法由“综合评估法”变更为“经评审的最低投标价法”。", "EVALUATION_METHOD"},
		{"补遗：评标办法由“经评审的最低投标价法”变更为“综合评估法”。", ""},
		// A permission is no demand unless its part scores.
		{"事业单位、社会组织符合资格条件的，亦可参加本项目。", ""},
		{"投标人或制造商的同类供货业绩均可计分。", "PAST_PERFORMANCE"},
		// A refused waiver insists.
		{"首台（套）产品亦须缴纳合同价5%的质量保证金，不因投保首台（套）保险而免除。", "QUALITY_DEPOSIT"},
		{"已投保首台（套）保险的产品免除质量保证金。", ""},
		// A place limits a record the clause asks for, not a delivery.
		{"在川渝地区有已投运同类项目的得3分。", "PAST_PERFORMANCE,REGIONAL"},
		{"交货地点：重庆市璧山区采购人指定地点。", ""},
		// The bidder's own model, and a company's name, are not restrictions.
		{"所投型号近两年累计销量每满50台得1分。", "MARKET_SHARE"},
		{"投标人须为华岳精机股份有限公司授权的一级代理商。", "BRAND"},
		{"投标人须为股份有限公司。", "OWNERSHIP"},
		// A tie-break orders by price; a method chooses by it.
		{"得分相同的，按投标报价由低到高顺序排列。", ""},
		{"本项目定标原则：价低者得。", "EVALUATION_METHOD"},
		// Staff experience is not the product's record.
		{"拟派驻场工程师不少于3名，均须具有5年以上同类设备调试经验。", ""},
		// A performance deposit is measured against a stated contract price.
		{"签约合同价1500万元，履约保证金200万元。", "EXCESSIVE_DEPOSIT"},
		{"签约合同价1500万元，履约保证金150万元。", ""},
		{"投标保证金：预算金额3000万元，投标保证金50万元。", ""},
		{"中标人须提交合同价20%的履约保证金，另按合同价5%预留质量保证金。", "QUALITY_DEPOSIT,EXCESSIVE_DEPOSIT"},
		// One industry's or region's records only.
		{"具有烟草行业智能仓储系统业绩的得4分，其他行业业绩不得分。", "PAST_PERFORMANCE,REGIONAL"},
		{"类似业绩的行业不作限制。", ""},
		// A negation of another dimension leaves the topic scored.
		{"投标人近三年承接的同类设备业绩，不限地域，每项得1分。", "PAST_PERFORMANCE"},
		{"投标人近三年承接的同类设备业绩，不作要求。", ""},
		// A requirement quoted and removed; an opinion quoting one.
		{"澄清：关于“投标产品须在国内保有量不少于15套”的要求，予以删除。", ""},
		{"审查意见：第3.2项要求投标人“近三年销售额不低于2亿元”，属于以不合理条件限制潜在投标人，建议删除。", ""},
		// 但 ends a negation's scope.
		{"业绩不作为资格条件，但在商务评分中按每项2分计分。", "PAST_PERFORMANCE"},
		{"业绩不作为资格条件，也不作为评审因素。", ""},
		// A remark on the clauses before it; a reference marked in brackets.
		{"参考品牌：断路器 施耐德、ABB；上述品牌仅供参考，投标人可选用性能相当的产品。", ""},
		{"断路器须采用施耐德品牌。", "BRAND"},
		// Owners' privileges and differing terms.
		{"国有企业投标的，可免交投标保证金。", "OWNERSHIP"},
		{"投标保证金：国有企业按最高限价的1%缴纳，其他企业按最高限价的3%缴纳。", "OWNERSHIP,EXCESSIVE_DEPOSIT"},
		{"投标保证金按最高限价的1%缴纳。", ""},
		// A refused exemption insists.
		{"质量保函金额为合同价的5%，首台（套）产品不予豁免。", "QUALITY_DEPOSIT"},
		// Named makers and series.
		{"铁芯硅钢片须为宝钢或首钢产品。", "BRAND"},
		{"铁芯硅钢片须为全新或合格产品。", ""},
		{"电机须采用YE3系列高效电机。", ""},
		{"主推进柴油机指定采用瓦锡兰W31系列。", "BRAND"},
		{"电机防护等级须采用IP55系列标准。", ""},
	}
	for _, c := range cases {
		got := strings.Join(rulesOf(CheckText(c.text, Options{})), ",")
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.text, got, c.want)
		}
	}
}
