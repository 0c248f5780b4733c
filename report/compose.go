package report

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"math"
	"slices"
)

// Title is the bulletin's title for a period.
func Title(p Period) string {
	return "重庆市首台（套）重大技术装备推广应用情况通报（" + p.Label() + "）"
}

// Bulletin is a composed periodic bulletin: what the PDF and the workbook
// are laid out from. It holds aggregates only, never the purchases.
type Bulletin struct {
	Period     Period
	Title      string
	Narrative  string
	Summary    Summary
	Exemptions ExemptionCount
	Tables     []Table
	Charts     []Chart
}

// Summary is the period's totals.
type Summary struct {
	Purchases   int
	AmountFen   int64
	Buyers      int
	Products    int
	Enterprises int
	Districts   int
}

// tally is a count of purchases and their amount.
type tally struct {
	n      int
	amount int64
}

var errOverflow = errors.New("the amounts add up to more than an int64 of fen holds")

func (t *tally) add(fen int64) error {
	if fen > math.MaxInt64-t.amount {
		return errOverflow
	}
	t.n++
	t.amount += fen
	return nil
}

type set[K comparable] map[K]struct{}

func (s set[K]) add(k K) { s[k] = struct{}{} }

type buyerAgg struct {
	id         int64
	name, kind string
	tally
	total    int64 // the equipment total of the period
	hasTotal bool
	exact    bool // total came from a record of exactly the period
}

type productAgg struct {
	id               int64
	name, enterprise string
	tally
}

type districtAgg struct {
	code, name string
	tally
	buyers set[int64]
}

type kindAgg struct {
	tally
	buyers set[int64]
}

// composer holds the aggregates while the purchases stream by.
type composer struct {
	p           Period
	all         tally
	kinds       []kindAgg // by ProjectKinds
	methods     []tally   // by Methods
	buyers      map[int64]*buyerAgg
	products    map[int64]*productAgg
	districts   map[string]*districtAgg
	enterprises set[string]
}

// Compose aggregates the purchases whose contract date falls in p (the
// others are skipped), the buyers' equipment totals and the exemption
// counts into a bulletin. It reads purchases once and keeps no purchase.
//
// A buyer's equipment total for p is its record of exactly p when there
// is one, else the sum of its records of periods inside p (the four
// quarters of a year); records of other periods are ignored. A purchase
// with an unknown project kind, buyer kind or method, or a negative
// amount, is an error, as is a total of a malformed period: a bulletin
// must not quietly leave a figure out. A caller whose source can fail
// while iterating checks that error itself after Compose returns.
func Compose(p Period, purchases iter.Seq[Purchase], totals []EquipmentTotal, ex ExemptionCount) (*Bulletin, error) {
	if p.IsZero() {
		return nil, errors.New("compose bulletin: no period")
	}
	c := &composer{
		p:           p,
		kinds:       make([]kindAgg, len(ProjectKinds)),
		methods:     make([]tally, len(Methods)),
		buyers:      map[int64]*buyerAgg{},
		products:    map[int64]*productAgg{},
		districts:   map[string]*districtAgg{},
		enterprises: set[string]{},
	}
	for i := range c.kinds {
		c.kinds[i].buyers = set[int64]{}
	}
	var err error
	for pu := range purchases {
		if err = c.add(pu); err != nil {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("compose bulletin %s: %w", p, err)
	}
	for _, t := range totals {
		if err := c.addTotal(t); err != nil {
			return nil, fmt.Errorf("compose bulletin %s: %w", p, err)
		}
	}
	if ex.Requested < 0 || ex.Granted < 0 || ex.Refused < 0 || ex.Granted+ex.Refused > ex.Requested {
		return nil, fmt.Errorf("compose bulletin %s: exemptions %+v: granted and refused must not exceed requested", p, ex)
	}
	return c.bulletin(ex), nil
}

func (c *composer) add(pu Purchase) error {
	if !c.p.Contains(pu.ContractDate) {
		return nil
	}
	what := func(why string) error {
		return fmt.Errorf("purchase of product %d by buyer %d on %s: %s", pu.ProductID, pu.BuyerID, pu.ContractDate, why)
	}
	kind := indexOf(ProjectKinds, pu.ProjectKind)
	if kind < 0 {
		return what(fmt.Sprintf("unknown project kind %q", pu.ProjectKind))
	}
	method := indexOf(Methods, pu.Method)
	if method < 0 {
		return what(fmt.Sprintf("unknown procurement method %q", pu.Method))
	}
	if indexOf(BuyerKinds, pu.BuyerKind) < 0 {
		return what(fmt.Sprintf("unknown buyer kind %q", pu.BuyerKind))
	}
	if pu.AmountFen < 0 {
		return what("negative amount")
	}
	if err := c.all.add(pu.AmountFen); err != nil {
		return what(err.Error())
	}
	// Every part is at most the whole, which did not overflow.
	_ = c.kinds[kind].add(pu.AmountFen)
	c.kinds[kind].buyers.add(pu.BuyerID)
	_ = c.methods[method].add(pu.AmountFen)

	b := c.buyers[pu.BuyerID]
	if b == nil {
		b = &buyerAgg{id: pu.BuyerID}
		c.buyers[pu.BuyerID] = b
	}
	b.name, b.kind = pu.BuyerName, pu.BuyerKind // the latest record names it
	_ = b.add(pu.AmountFen)

	pr := c.products[pu.ProductID]
	if pr == nil {
		pr = &productAgg{id: pu.ProductID}
		c.products[pu.ProductID] = pr
	}
	pr.name, pr.enterprise = pu.ProductName, pu.EnterpriseName
	_ = pr.add(pu.AmountFen)

	d := c.districts[pu.DistrictCode]
	if d == nil {
		d = &districtAgg{code: pu.DistrictCode, name: pu.DistrictName, buyers: set[int64]{}}
		c.districts[pu.DistrictCode] = d
	}
	_ = d.add(pu.AmountFen)
	d.buyers.add(pu.BuyerID)

	c.enterprises.add(pu.EnterpriseName)
	return nil
}

func (c *composer) addTotal(t EquipmentTotal) error {
	q, err := ParsePeriod(t.Period)
	if err != nil {
		return fmt.Errorf("equipment total of buyer %d: %w", t.BuyerID, err)
	}
	if t.EquipmentTotalFen < 0 {
		return fmt.Errorf("equipment total of buyer %d for %s: negative amount", t.BuyerID, q)
	}
	if !c.p.Covers(q) {
		return nil
	}
	exact := q == c.p
	b := c.buyers[t.BuyerID]
	if b == nil {
		if indexOf(BuyerKinds, t.BuyerKind) < 0 {
			return fmt.Errorf("equipment total of buyer %d: unknown buyer kind %q", t.BuyerID, t.BuyerKind)
		}
		b = &buyerAgg{id: t.BuyerID, name: t.BuyerName, kind: t.BuyerKind}
		c.buyers[t.BuyerID] = b
	}
	switch {
	case b.exact && !exact: // the record of the whole period wins
		return nil
	case exact && !b.exact:
		b.total, b.exact = 0, true
	}
	if t.EquipmentTotalFen > math.MaxInt64-b.total {
		return fmt.Errorf("equipment totals of buyer %d: %w", t.BuyerID, errOverflow)
	}
	b.total += t.EquipmentTotalFen
	b.hasTotal = true
	return nil
}

func (c *composer) bulletin(ex ExemptionCount) *Bulletin {
	buyers := sortedValues(c.buyers, func(a, b *buyerAgg) int {
		return cmp.Or(cmp.Compare(b.amount, a.amount), cmp.Compare(a.name, b.name), cmp.Compare(a.id, b.id))
	})
	products := sortedValues(c.products, func(a, b *productAgg) int {
		return cmp.Or(cmp.Compare(b.amount, a.amount), cmp.Compare(a.name, b.name), cmp.Compare(a.id, b.id))
	})
	districts := sortedValues(c.districts, func(a, b *districtAgg) int {
		return cmp.Compare(a.code, b.code)
	})
	purchasingBuyers := 0
	for _, b := range buyers {
		if b.n > 0 {
			purchasingBuyers++
		}
	}
	bl := &Bulletin{
		Period:     c.p,
		Title:      Title(c.p),
		Exemptions: ex,
		Summary: Summary{
			Purchases: c.all.n, AmountFen: c.all.amount, Buyers: purchasingBuyers,
			Products: len(c.products), Enterprises: len(c.enterprises), Districts: len(c.districts),
		},
	}
	bl.Tables = []Table{
		c.kindTable(),
		buyerTable(buyers),
		productTable(products, c.all),
		districtTable(districts, c.all, purchasingBuyers),
		c.methodTable(),
		exemptionTable(ex),
	}
	bl.Charts = c.charts(districts)
	bl.Narrative = narrative(bl, c, buyers)
	return bl
}

func sortedValues[K comparable, V any](m map[K]V, order func(a, b V) int) []V {
	vs := make([]V, 0, len(m))
	for _, v := range m {
		vs = append(vs, v)
	}
	slices.SortFunc(vs, order)
	return vs
}

func (c *composer) kindTable() Table {
	t := Table{
		Title: "一、按项目类型的首台（套）产品采购情况",
		Name:  "按项目类型",
		Columns: []Column{{"项目类型", Text}, {"采购笔数", Count}, {"采购金额（元）", Yuan},
			{"金额占比（%）", Percent}, {"采购单位数", Count}},
	}
	all := set[int64]{}
	for i, k := range c.kinds {
		t.Rows = append(t.Rows, []string{ProjectKinds[i].Label, count(k.n), yuan(k.amount), share(k.amount, c.all.amount), count(len(k.buyers))})
		for b := range k.buyers {
			all.add(b)
		}
	}
	t.Totals = []string{"合计", count(c.all.n), yuan(c.all.amount), share(c.all.amount, c.all.amount), count(len(all))}
	t.Note = "注：同一采购单位在不同类型项目中采购的，分别计入各类型；合计行按单位去重。"
	return t
}

// buyerTable lists every buyer with a purchase or an equipment total in
// the period. The totals row's share is the first-set amount of the
// buyers that reported a total over the sum of those totals, so a buyer
// without one does not inflate it.
func buyerTable(buyers []*buyerAgg) Table {
	t := Table{
		Title: "二、采购单位首台（套）产品采购占比",
		Name:  "按采购单位",
		Columns: []Column{{"采购单位", Text}, {"单位类型", Text}, {"采购笔数", Count}, {"首台（套）采购金额（元）", Yuan},
			{"装备采购总额（元）", Yuan}, {"首台（套）占比（%）", Percent}},
	}
	var all tally
	var reported, reportedFirst, totals int64
	for _, b := range buyers {
		total, pct := "", ""
		if b.hasTotal {
			total, pct = yuan(b.total), share(b.amount, b.total)
			reported++
			reportedFirst += b.amount // at most the sum of all, which fits
			totals = satAdd(totals, b.total)
		}
		t.Rows = append(t.Rows, []string{b.name, LabelOf(BuyerKinds, b.kind), count(b.n), yuan(b.amount), total, pct})
		all.n += b.n
		all.amount += b.amount
	}
	sumTotals := ""
	if reported > 0 {
		sumTotals = yuan(totals)
	}
	t.Totals = []string{"合计", fmt.Sprintf("%d 家", len(buyers)), count(all.n), yuan(all.amount), sumTotals, share(reportedFirst, totals)}
	t.Note = "注：占比＝首台（套）采购金额÷同期装备采购总额×100%，四舍五入保留两位小数；未填报装备采购总额的单位不计占比，合计行占比只计填报单位。"
	return t
}

// satAdd adds amounts that were each checked; their sum across buyers
// saturates rather than wraps, which no real figure reaches.
func satAdd(a, b int64) int64 {
	if b > math.MaxInt64-a {
		return math.MaxInt64
	}
	return a + b
}

func productTable(products []*productAgg, all tally) Table {
	t := Table{
		Title:   "三、首台（套）产品采购情况",
		Name:    "按产品",
		Columns: []Column{{"产品名称", Text}, {"生产企业", Text}, {"采购笔数", Count}, {"采购金额（元）", Yuan}, {"金额占比（%）", Percent}},
	}
	for _, p := range products {
		t.Rows = append(t.Rows, []string{p.name, p.enterprise, count(p.n), yuan(p.amount), share(p.amount, all.amount)})
	}
	t.Totals = []string{"合计", fmt.Sprintf("%d 个产品", len(products)), count(all.n), yuan(all.amount), share(all.amount, all.amount)}
	return t
}

func districtTable(districts []*districtAgg, all tally, buyers int) Table {
	t := Table{
		Title:   "四、按区县的首台（套）产品采购情况",
		Name:    "按区县",
		Columns: []Column{{"区县", Text}, {"采购笔数", Count}, {"采购金额（元）", Yuan}, {"金额占比（%）", Percent}, {"采购单位数", Count}},
	}
	for _, d := range districts {
		name := d.name
		if name == "" {
			name = "未填区县"
		}
		t.Rows = append(t.Rows, []string{name, count(d.n), yuan(d.amount), share(d.amount, all.amount), count(len(d.buyers))})
	}
	t.Totals = []string{"合计", count(all.n), yuan(all.amount), share(all.amount, all.amount), count(buyers)}
	t.Note = "注：按采购单位所在区县统计。"
	return t
}

func (c *composer) methodTable() Table {
	t := Table{
		Title:   "五、按采购方式的首台（套）产品采购情况",
		Name:    "按采购方式",
		Columns: []Column{{"采购方式", Text}, {"采购笔数", Count}, {"笔数占比（%）", Percent}, {"采购金额（元）", Yuan}, {"金额占比（%）", Percent}},
	}
	for i, m := range c.methods {
		t.Rows = append(t.Rows, []string{Methods[i].Label, count(m.n), share(int64(m.n), int64(c.all.n)), yuan(m.amount), share(m.amount, c.all.amount)})
	}
	t.Totals = []string{"合计", count(c.all.n), share(int64(c.all.n), int64(c.all.n)), yuan(c.all.amount), share(c.all.amount, c.all.amount)}
	return t
}

func exemptionTable(ex ExemptionCount) Table {
	return Table{
		Title:   "六、容错免责办理情况",
		Name:    "容错免责",
		Columns: []Column{{"受理申请（件）", Count}, {"予以免责（件）", Count}, {"不予免责（件）", Count}, {"办理中（件）", Count}},
		Rows:    [][]string{{count(ex.Requested), count(ex.Granted), count(ex.Refused), count(ex.Requested - ex.Granted - ex.Refused)}},
	}
}

// topDistricts is how many districts the chart names; the rest are one
// bar.
const topDistricts = 10

func (c *composer) charts(districts []*districtAgg) []Chart {
	kinds := Chart{Title: "采购金额按项目类型分布", Kind: Pie, Unit: Yuan}
	for i, k := range c.kinds {
		kinds.Labels = append(kinds.Labels, ProjectKinds[i].Label)
		kinds.Values = append(kinds.Values, k.amount)
	}
	byAmount := slices.Clone(districts)
	slices.SortStableFunc(byAmount, func(a, b *districtAgg) int { return cmp.Compare(b.amount, a.amount) })
	dist := Chart{Title: "各区县首台（套）产品采购金额", Kind: Bar, Unit: Yuan}
	var rest int64
	for i, d := range byAmount {
		if i >= topDistricts {
			rest += d.amount
			continue
		}
		name := d.name
		if name == "" {
			name = "未填区县"
		}
		dist.Labels = append(dist.Labels, name)
		dist.Values = append(dist.Values, d.amount)
	}
	if len(byAmount) > topDistricts {
		dist.Title = fmt.Sprintf("采购金额前%d位的区县", topDistricts)
		dist.Labels = append(dist.Labels, "其他区县")
		dist.Values = append(dist.Values, rest)
	}
	methods := Chart{Title: "各采购方式的采购笔数", Kind: Bar, Unit: Count}
	for i, m := range c.methods {
		methods.Labels = append(methods.Labels, Methods[i].Label)
		methods.Values = append(methods.Values, int64(m.n))
	}
	return []Chart{kinds, dist, methods}
}
