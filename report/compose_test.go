package report

import (
	"math"
	"slices"
	"strings"
	"testing"

	"firstset/date"
)

func TestShare(t *testing.T) {
	for _, c := range []struct {
		part, whole int64
		want        string
	}{
		{1, 3, "33.33"}, {2, 3, "66.67"}, {1, 8, "12.50"}, {0, 5, "0.00"}, {5, 5, "100.00"}, {7, 5, "140.00"},
		{1, 20000, "0.01"},                       // 0.005% is half: up
		{1, 20001, "0.00"},                       // just under half
		{1, 200, "0.50"},                         // exact
		{2, 40000, "0.01"},                       // 0.005% again
		{1, 6, "16.67"},                          // 16.666…
		{1, 7, "14.29"},                          // 14.2857…
		{5, 0, ""},                               // no total
		{0, 0, ""},                               //
		{1, -1, ""},                              // a negative total is no total
		{math.MaxInt64, math.MaxInt64, "100.00"}, // part×10000 needs 128 bits
		{math.MaxInt64 / 3, math.MaxInt64, "33.33"},
	} {
		if got := share(c.part, c.whole); got != c.want {
			t.Errorf("share(%d, %d) = %q, want %q", c.part, c.whole, got, c.want)
		}
	}
}

var (
	stems    = []string{"甲", "乙", "丙", "丁", "戊", "己"}
	branches = []string{"子", "丑", "寅", "卯"}
)

// buy is a purchase of the third quarter of 2026 unless changed.
func buy(buyer int64, product int64, day string, fen int64) Purchase {
	return Purchase{
		BuyerID: buyer, BuyerName: "采购单位" + stems[buyer-1], BuyerKind: "soe_city",
		DistrictCode: "500112", DistrictName: "渝北区", ProjectName: "某工程", ProjectKind: "key_project",
		ProductID: product, ProductName: "产品" + branches[product-1], EnterpriseName: "重庆某装备有限公司",
		ContractDate: date.MustParse(day), AmountFen: fen, Method: "public_tender",
	}
}

func tableNamed(t *testing.T, b *Bulletin, name string) Table {
	t.Helper()
	for _, tb := range b.Tables {
		if tb.Name == name {
			return tb
		}
	}
	t.Fatalf("no table %s", name)
	return Table{}
}

// rowOf is the row whose first cell is key.
func rowOf(t *testing.T, tb Table, key string) []string {
	t.Helper()
	for _, r := range tb.Rows {
		if r[0] == key {
			return r
		}
	}
	t.Fatalf("table %s has no row %s: %q", tb.Name, key, tb.Rows)
	return nil
}

func TestCompose(t *testing.T) {
	q3 := MustPeriod("2026Q3")
	gov := buy(2, 2, "2026-09-30", 20000) // the last day is inside
	gov.ProjectKind, gov.Method, gov.DistrictCode, gov.DistrictName = "government_investment", "single_source", "500103", "渝中区"
	platform := buy(3, 1, "2026-08-01", 1)
	platform.ProjectKind, platform.Method, platform.BuyerKind = "state_platform", "inquiry", "soe_district"
	purchases := []Purchase{
		buy(1, 1, "2026-07-01", 10000), // the first day is inside
		gov,
		platform,
		buy(4, 3, "2026-07-15", 5000),
		buy(5, 3, "2026-07-16", 700),
		buy(1, 2, "2026-06-30", 999_999), // the day before: ignored
		buy(1, 2, "2026-10-01", 999_999), // the day after: ignored
		{BuyerID: 1, ProjectKind: "nonsense", ContractDate: date.MustParse("2025-01-01")}, // outside, so never checked
	}
	totals := []EquipmentTotal{
		{BuyerID: 1, Period: "2026Q3", EquipmentTotalFen: 30000},                                            // 1/3
		{BuyerID: 2, Period: "2026Q3", EquipmentTotalFen: 30000},                                            // 2/3
		{BuyerID: 3, Period: "2026Q3", EquipmentTotalFen: 8},                                                // 1/8
		{BuyerID: 4, Period: "2026Q3", EquipmentTotalFen: 0},                                                // no share
		{BuyerID: 6, BuyerName: "未采购单位", BuyerKind: "government", Period: "2026Q3", EquipmentTotalFen: 100}, // bought nothing: 0.00
		{BuyerID: 1, Period: "2026Q2", EquipmentTotalFen: 1},                                                // another period: ignored
		{BuyerID: 1, Period: "2026", EquipmentTotalFen: 1},                                                  // a longer period: ignored
	}
	b, err := Compose(q3, slices.Values(purchases), totals, ExemptionCount{Requested: 4, Granted: 2, Refused: 1})
	if err != nil {
		t.Fatal(err)
	}
	if b.Title != "重庆市首台（套）重大技术装备推广应用情况通报（2026年第三季度）" {
		t.Errorf("title %q", b.Title)
	}
	want := Summary{Purchases: 5, AmountFen: 35701, Buyers: 5, Products: 3, Enterprises: 1, Districts: 2}
	if b.Summary != want {
		t.Errorf("summary %+v, want %+v", b.Summary, want)
	}

	buyers := tableNamed(t, b, "按采购单位")
	for name, w := range map[string][]string{
		"采购单位甲": {"市属国有企业", "1", "100.00", "300.00", "33.33"},
		"采购单位乙": {"市属国有企业", "1", "200.00", "300.00", "66.67"},
		"采购单位丙": {"区县属国有企业", "1", "0.01", "0.08", "12.50"},
		"采购单位丁": {"市属国有企业", "1", "50.00", "0.00", ""},
		"采购单位戊": {"市属国有企业", "1", "7.00", "", ""},
		"未采购单位": {"政府部门及事业单位", "0", "0.00", "1.00", "0.00"},
	} {
		if got := rowOf(t, buyers, name)[1:]; !slices.Equal(got, w) {
			t.Errorf("buyer %s: %q, want %q", name, got, w)
		}
	}
	if buyers.Rows[0][0] != "采购单位乙" {
		t.Errorf("buyers are not by amount, largest first: %q", buyers.Rows)
	}
	// The totals' share counts only the buyers with a total: (10000+20000+1+5000+0)/(30000+30000+8+0+100).
	if got, w := buyers.Totals, []string{"合计", "6 家", "5", "357.01", "601.08", share(35001, 60108)}; !slices.Equal(got, w) {
		t.Errorf("buyer totals %q, want %q", got, w)
	}

	kinds := tableNamed(t, b, "按项目类型")
	if got := rowOf(t, kinds, "重点建设工程"); !slices.Equal(got, []string{"重点建设工程", "3", "157.00", "43.98", "3"}) {
		t.Errorf("key projects %q", got)
	}
	if got := rowOf(t, kinds, "国有平台（企业）"); !slices.Equal(got, []string{"国有平台（企业）", "1", "0.01", "0.00", "1"}) {
		t.Errorf("platforms %q", got)
	}
	if !slices.Equal(kinds.Totals, []string{"合计", "5", "357.01", "100.00", "5"}) {
		t.Errorf("kind totals %q", kinds.Totals)
	}

	products := tableNamed(t, b, "按产品")
	if got := rowOf(t, products, "产品子"); !slices.Equal(got, []string{"产品子", "重庆某装备有限公司", "2", "100.01", "28.01"}) {
		t.Errorf("product 1 %q", got)
	}
	districts := tableNamed(t, b, "按区县")
	if districts.Rows[0][0] != "渝中区" || !slices.Equal(districts.Rows[1], []string{"渝北区", "4", "157.01", "43.98", "4"}) {
		t.Errorf("districts %q", districts.Rows)
	}
	methods := tableNamed(t, b, "按采购方式")
	if got := rowOf(t, methods, "单一来源采购"); !slices.Equal(got, []string{"单一来源采购", "1", "20.00", "200.00", "56.02"}) {
		t.Errorf("single source %q", got)
	}
	if got := rowOf(t, methods, "邀请招标"); !slices.Equal(got, []string{"邀请招标", "0", "0.00", "0.00", "0.00"}) {
		t.Errorf("invited %q", got)
	}
	ex := tableNamed(t, b, "容错免责")
	if !slices.Equal(ex.Rows[0], []string{"4", "2", "1", "1"}) {
		t.Errorf("exemptions %q", ex.Rows)
	}

	for _, w := range []string{"2026年第三季度", "5笔", "357.01元", "采购单位5家", "重点建设工程3笔、157.00元（占43.98%）",
		"单一来源采购1笔", "占比最高的是采购单位乙（66.67%）", "申请4件，予以免责2件，不予免责1件，办理中1件"} {
		if !strings.Contains(b.Narrative, w) {
			t.Errorf("the narrative lacks %q:\n%s", w, b.Narrative)
		}
	}
	if len(b.Charts) != 3 || b.Charts[0].Values[0] != 15700 || b.Charts[2].Values[5] != 1 {
		t.Errorf("charts %+v", b.Charts)
	}
}

// A year's bulletin sums a buyer's quarterly totals, unless it has one
// for the whole year.
func TestComposeYearTotals(t *testing.T) {
	year := MustPeriod("2026")
	purchases := []Purchase{buy(1, 1, "2026-01-01", 100), buy(2, 1, "2026-12-31", 100), buy(1, 1, "2027-01-01", 100)}
	totals := []EquipmentTotal{
		{BuyerID: 1, Period: "2026Q1", EquipmentTotalFen: 100}, {BuyerID: 1, Period: "2026Q4", EquipmentTotalFen: 200},
		{BuyerID: 2, Period: "2026Q1", EquipmentTotalFen: 100}, {BuyerID: 2, Period: "2026", EquipmentTotalFen: 800},
		{BuyerID: 2, Period: "2026H2", EquipmentTotalFen: 100},
	}
	b, err := Compose(year, slices.Values(purchases), totals, ExemptionCount{})
	if err != nil {
		t.Fatal(err)
	}
	buyers := tableNamed(t, b, "按采购单位")
	if got := rowOf(t, buyers, "采购单位甲"); !slices.Equal(got[3:], []string{"1.00", "3.00", "33.33"}) {
		t.Errorf("quarters summed: %q", got)
	}
	if got := rowOf(t, buyers, "采购单位乙"); !slices.Equal(got[3:], []string{"1.00", "8.00", "12.50"}) {
		t.Errorf("the year's own total: %q", got)
	}
	if b.Title != "重庆市首台（套）重大技术装备推广应用情况通报（2026年度）" || b.Summary.Purchases != 2 {
		t.Errorf("%s %+v", b.Title, b.Summary)
	}
	if !strings.Contains(b.Narrative, "本期未受理容错免责申请") {
		t.Error(b.Narrative)
	}
}

func TestComposeEmpty(t *testing.T) {
	b, err := Compose(MustPeriod("2026Q3"), slices.Values([]Purchase(nil)), nil, ExemptionCount{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.Narrative, "未登记首台（套）重大技术装备采购合同") {
		t.Error(b.Narrative)
	}
	kinds := tableNamed(t, b, "按项目类型")
	if !slices.Equal(kinds.Totals, []string{"合计", "0", "0.00", "", "0"}) {
		t.Errorf("empty totals %q", kinds.Totals)
	}
	for i := range b.Charts {
		if _, err := b.ChartSVG(i); err != nil {
			t.Errorf("chart %d of nothing: %v", i, err)
		}
	}
}

func TestComposeRefuses(t *testing.T) {
	q3 := MustPeriod("2026Q3")
	bad := func(mod func(*Purchase)) []Purchase {
		p := buy(1, 1, "2026-08-01", 100)
		mod(&p)
		return []Purchase{p}
	}
	for name, c := range map[string]struct {
		purchases []Purchase
		totals    []EquipmentTotal
		ex        ExemptionCount
		want      string
	}{
		"project kind": {purchases: bad(func(p *Purchase) { p.ProjectKind = "other" }), want: `unknown project kind "other"`},
		"method":       {purchases: bad(func(p *Purchase) { p.Method = "" }), want: "unknown procurement method"},
		"buyer kind":   {purchases: bad(func(p *Purchase) { p.BuyerKind = "private" }), want: "unknown buyer kind"},
		"negative":     {purchases: bad(func(p *Purchase) { p.AmountFen = -1 }), want: "negative amount"},
		"overflow": {purchases: []Purchase{buy(1, 1, "2026-08-01", math.MaxInt64), buy(1, 1, "2026-08-02", 1)},
			want: "more than an int64"},
		"total period":   {totals: []EquipmentTotal{{BuyerID: 1, Period: "2026Q9"}}, want: `period "2026Q9"`},
		"total negative": {totals: []EquipmentTotal{{BuyerID: 1, Period: "2026Q3", EquipmentTotalFen: -5}}, want: "negative"},
		"exemptions":     {ex: ExemptionCount{Requested: 1, Granted: 1, Refused: 1}, want: "must not exceed"},
	} {
		_, err := Compose(q3, slices.Values(c.purchases), c.totals, c.ex)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "2026Q3") {
			t.Errorf("%s: %v, want %q", name, err, c.want)
		}
	}
	if _, err := Compose(Period{}, nil, nil, ExemptionCount{}); err == nil {
		t.Error("no period")
	}
}
