package tender

import (
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"firstset/date"
)

func rulesOf(rep Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, string(f.Rule))
	}
	return out
}

func TestOffsetsAreRunesWithinTheLine(t *testing.T) {
	lines := []string{
		"第二章 投标人须知",
		"  1. 投标文件应密封。2. 投标人须具有近三年类似业绩；3. 其他。",
	}
	rep := Check(lines, Options{})
	if len(rep.Findings) != 1 {
		t.Fatalf("findings %v", rulesOf(rep))
	}
	f := rep.Findings[0]
	if f.Line != 2 || f.Rule != PastPerformance {
		t.Fatalf("got %+v", f)
	}
	if got := string([]rune(lines[1])[f.Start:f.End]); got != f.Quote || f.Quote != "2. 投标人须具有近三年类似业绩" {
		t.Errorf("quote %q, runes[%d:%d] = %q", f.Quote, f.Start, f.End, got)
	}
	if rep.Clauses != 4 {
		t.Errorf("clauses %d, want 4", rep.Clauses)
	}
}

func TestNegationScopeAndWaivers(t *testing.T) {
	cases := []struct {
		text string
		want string
	}{
		// The segment with the topic decides; else the nearest marked segment.
		{"类似业绩，每个得2分", "PAST_PERFORMANCE"},
		{"业绩证明，本项目不作要求", ""},
		{"投标人须提供营业执照，但无需提供业绩证明", ""},
		{"未提供业绩证明的，不得分", "PAST_PERFORMANCE"},
		{"不得以业绩作为加分条件", ""},
		{"不具备类似业绩的投标人不得参加投标", "PAST_PERFORMANCE"},
		// A waiver for first-set products in the same paragraph covers it.
		{"投标人须提供三个类似业绩。首台（套）产品视同满足此项要求。", ""},
		{"投标人须提供三个类似业绩，首台（套）产品提供证书即可", ""},
		{"质保金为合同价的5%。已投保首台（套）保险的产品不再收取质保金。", ""},
		{"质保金为合同价的5%。首台（套）产品视同满足业绩要求。", "QUALITY_DEPOSIT"},
		{"服务人员须具有5年以上现场安装经验", ""},
		{"拟派项目经理须具有2个类似项目业绩", "PAST_PERFORMANCE"},
		// Headings introduce, they do not require.
		{"三、业绩要求", ""},
		// 不接受 restricts the ones it names.
		{"本项目不接受民营企业投标", "OWNERSHIP"},
		{"本项目不接受进口产品投标", ""},
	}
	for _, c := range cases {
		got := strings.Join(rulesOf(CheckText(c.text, Options{})), ",")
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.text, got, c.want)
		}
	}
}

func TestDocumentWideWaiverLowersSeverity(t *testing.T) {
	rep := CheckText("投标人须具有近三年类似业绩。\n其他内容。\n首台（套）重大技术装备提供证明材料即视同满足市场占有率、应用业绩等要求。", Options{})
	if len(rep.Findings) != 1 || rep.Findings[0].Severity != Low || !strings.Contains(rep.Findings[0].FirstSet, "第3行") {
		t.Fatalf("got %+v", rep.Findings)
	}
}

// TestWaiverNamesParagraphs: a .docx is numbered by paragraph, and the
// report's own text says 段 as the page and the export do.
func TestWaiverNamesParagraphs(t *testing.T) {
	rep := Check([]string{"投标人须具有近三年类似业绩。", "首台（套）重大技术装备提供证明材料即视同满足市场占有率、应用业绩等要求。"},
		Options{Paragraphs: true})
	if len(rep.Findings) != 1 || !strings.Contains(rep.Findings[0].FirstSet, "文件第2段已载明") {
		t.Fatalf("%+v", rep.Findings)
	}
}

func TestDocumentWideDepositWaiverLowersSeverity(t *testing.T) {
	rep := CheckText("付款方式：验收款95%，质保金5%，质保期满后无息支付。\n已投保首台（套）重大技术装备综合保险的，不再收取质量保证金。", Options{})
	if len(rep.Findings) != 1 || rep.Findings[0].Rule != QualityDeposit || rep.Findings[0].Severity != Low {
		t.Fatalf("got %+v", rep.Findings)
	}
}

func TestDepositsAgainstEstimatedPrice(t *testing.T) {
	cases := []struct {
		text   string
		want   bool
		reason string
	}{
		{"本项目预算金额300万元。投标保证金6万元。", false, ""},
		{"本项目预算金额300万元。投标保证金6.5万元。", true, "2.17%"},
		{"投标保证金：贰拾万元整。最高限价：玖佰万元。", true, "2.22%"},
		{"投标保证金20万元。", false, ""}, // no estimated price to compare with
		{"履约保证金为合同金额的10%。", false, ""},
		{"履约保证金为合同金额的百分之十五。", true, "15%"},
		{"投标保证金不超过估算价的2%。", false, ""},
		{"投标保证金：人民币2万元，履约保证金：合同价的15%。", true, "15%"},
		{"投标保证金应于2025年6月30日前提交。本项目预算金额100万元。", false, ""},
	}
	for _, c := range cases {
		rep := CheckText(c.text, Options{})
		var found *Finding
		for i := range rep.Findings {
			if rep.Findings[i].Rule == ExcessiveDeposit {
				found = &rep.Findings[i]
			}
		}
		if (found != nil) != c.want {
			t.Errorf("%s: finding %v, want %v", c.text, found != nil, c.want)
			continue
		}
		if found != nil && !strings.Contains(found.Reason, c.reason) {
			t.Errorf("%s: reason %q lacks %q", c.text, found.Reason, c.reason)
		}
	}
}

func TestQuantities(t *testing.T) {
	cases := []struct {
		text    string
		percent bool
		value   string // as a rational
	}{
		{"人民币20万元", false, "200000"},
		{"300万元", false, "3000000"},
		{"贰拾万元整", false, "200000"},
		{"壹佰伍拾万元", false, "1500000"},
		{"1.5亿元", false, "150000000"},
		{"200,000.00元", false, "200000"},
		{"¥ 50000", false, "50000"},
		{"合同价的5%", true, "5"},
		{"2.5％", true, "5/2"},
		{"百分之十五", true, "15"},
		{"2024年投标保证金8万元", false, "80000"},
	}
	for _, c := range cases {
		q, ok := nextQuantity(c.text, 0, len(c.text))
		want, _ := new(big.Rat).SetString(c.value)
		if !ok || q.percent != c.percent || q.value.Cmp(want) != 0 {
			t.Errorf("%s: got %v %v %v, want percent=%v %s", c.text, ok, q.percent, q.value, c.percent, c.value)
		}
	}
	for _, text := range []string{"近三年", "3个", "十五年", "2024年6月"} {
		if q, ok := nextQuantity(text, 0, len(text)); ok {
			t.Errorf("%s: read %v as a quantity", text, q.value)
		}
	}
	if got := yuanString(big.NewRat(1, 200)); got != "0.01" {
		t.Errorf("half a fen rounds up: got %s", got)
	}
}

func TestASCIIBrandNeedsWordBoundary(t *testing.T) {
	if got := rulesOf(CheckText("须采用GEAR型号或同等档次的传动装置", Options{})); strings.Join(got, ",") != "BRAND" {
		// 或同等档次 still names a reference product; GE inside GEAR is not a brand.
		t.Errorf("got %v", got)
	}
	if got := rulesOf(CheckText("须采用GEAR传动装置", Options{})); len(got) != 0 {
		t.Errorf("GEAR matched GE: %v", got)
	}
}

func TestProductValidityAndJSON(t *testing.T) {
	// The checker takes the validity its caller gives; it has no rule of
	// its own, so no validity given is unknown, not three years.
	p := Product{Name: "盾构机", Certificate: "C-1", RecognizedOn: date.MustParse("2024-06-01")}
	if rep := CheckText("投标人须提供近三年类似业绩。", Options{Product: &p, On: date.MustParse("2026-02-01")}); rep.FirstSet == nil ||
		!rep.FirstSet.ValidUntil.IsZero() || !strings.Contains(strings.Join(rep.FirstSet.Notes, ""), "未登记有效期") {
		t.Fatalf("no valid_until given: %+v", rep.FirstSet)
	}
	p.ValidUntil = date.MustParse("2026-01-31")
	rep := CheckText("投标人须提供近三年类似业绩。", Options{Product: &p, On: date.MustParse("2026-02-01")})
	if rep.FirstSet == nil || rep.FirstSet.Valid || len(rep.FirstSet.DeemedMet) != 0 || rep.FirstSet.ValidUntil != p.ValidUntil {
		t.Fatalf("the given valid_until decides: %+v", rep.FirstSet)
	}
	if !strings.Contains(rep.Findings[0].FirstSet, "不在有效期") {
		t.Errorf("note %q", rep.Findings[0].FirstSet)
	}
	b, err := json.Marshal(CheckText("无关内容。", Options{}))
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"findings":[],"clauses":1,"occurrences":0,"omitted":0,"max_findings":300}` {
		t.Errorf("empty report JSON %s", b)
	}
	// Unknown dates are left out, not null (the OpenAPI schema has them
	// as optional strings).
	b, err = json.Marshal(CheckText("无关内容。", Options{Product: &Product{Name: "盾构机", Certificate: "C-1"}}))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"valid_until"`, `"checked_on"`} {
		if strings.Contains(string(b), key) {
			t.Errorf("report without dates has %s: %s", key, b)
		}
	}
}

func TestEveryRuleHasBasisAndSuggestion(t *testing.T) {
	for _, r := range Rules {
		info := ruleInfos[r]
		if len(info.basis) == 0 || info.suggestion == "" || info.title == "" || info.severity == "" {
			t.Errorf("%s: incomplete %+v", r, info)
		}
	}
}

// TestClauseModelStructure pins the structural readings added on
// 2026-12-03: who lacks or is barred, which source a brand clause names,
// numbers read from a head count, what a founding date is of.
func TestClauseModelStructure(t *testing.T) {
	cases := []struct {
		text string
		want string
	}{
		// A lack in a part that states a case: the consequence decides.
		{"不能提供销量排名证明的，该项不得分", "MARKET_SHARE"},
		{"对不能提供业绩的投标人，本项目不作限制", ""},
		{"缺少同类业绩证明材料的投标人，评标委员会将不予推荐", "PAST_PERFORMANCE"},
		{"本项目没有业绩要求", ""},
		// A bar on the bidder is a restriction, a prohibition on the buyer is not.
		{"民营企业不能作为本项目的投标人", "OWNERSHIP"},
		{"招标人不得限定投标人的所有制形式", ""},
		// One source: fitting an existing system does not excuse the same maker.
		{"须使用与原有系统同一厂家的设备，以保证兼容", "BRAND"},
		{"设备接口须与采购人现有西门子PLC系统兼容", ""},
		{"投标人须从某某重工有限公司采购主机，其他厂家的主机不予认可", "BRAND"},
		// A head count is the bidder's size only when it is large and not a project team's.
		{"企业技术人员不少于100名，须附社保证明", "SCALE"},
		{"拟派项目团队成员不少于8人，其中高级工程师不少于2名", ""},
		{"投标人须配备不少于3名持证电工", ""},
		// A branch's founding is no age of the bidder; a project's size no size of it.
		{"在本市有固定售后服务机构且成立满三年的，得2分", "REGIONAL"},
		{"投标单位应具有不少于三个同规模工程的成功实施经验", "PAST_PERFORMANCE"},
		// Units counted across a market, not in one installation.
		{"投标产品在全国同类电厂的使用台数不少于30台", "MARKET_SHARE"},
		{"水泵应满足两用一备，同时运行台数为2台", ""},
		// Short forms of owners are words only where they stand alone.
		{"仅限国企参与本次投标", "OWNERSHIP"},
		{"供应商应为本市企业名录内企业，名录外企业投标无效", "REGIONAL"},
	}
	for _, c := range cases {
		got := strings.Join(rulesOf(CheckText(c.text, Options{})), ",")
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.text, got, c.want)
		}
	}
}

func TestLeadingCount(t *testing.T) {
	for s, want := range map[string]int{"不少于100名": 100, "一百名": 100, "三十人": 30, "５０人": 50, "人员": -1, "200名以上": 200} {
		if got := leadingCount(s); got != want {
			t.Errorf("leadingCount(%q) = %d, want %d", s, got, want)
		}
	}
}
