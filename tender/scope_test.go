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
	}
	for _, c := range cases {
		got := strings.Join(rulesOf(CheckText(c.text, Options{})), ",")
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.text, got, c.want)
		}
	}
}
