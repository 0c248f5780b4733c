package report

import (
	"fmt"
	"strings"

	"firstset/money"
)

// narrative is the bulletin's paragraph, written from the figures.
func narrative(b *Bulletin, c *composer, buyers []*buyerAgg) string {
	var s strings.Builder
	s.WriteString(b.Period.Label())
	sum := b.Summary
	if sum.Purchases == 0 {
		s.WriteString("，未登记首台（套）重大技术装备采购合同。")
	} else {
		fmt.Fprintf(&s, "，全市重点建设工程、政府投资项目和国有平台（企业）共采购首台（套）重大技术装备%d笔，合同金额合计%s元，涉及采购单位%d家、首台（套）产品%d个、生产企业%d家，分布于%d个区县。",
			sum.Purchases, money.Fen(sum.AmountFen).Grouped(), sum.Buyers, sum.Products, sum.Enterprises, sum.Districts)
		var parts []string
		for i, k := range c.kinds {
			if k.n > 0 {
				parts = append(parts, fmt.Sprintf("%s%d笔、%s元（占%s%%）", ProjectKinds[i].Label, k.n, money.Fen(k.amount).Grouped(), share(k.amount, sum.AmountFen)))
			}
		}
		s.WriteString("按项目类型，" + strings.Join(parts, "，") + "。")
		parts = parts[:0]
		for i, m := range c.methods {
			if m.n > 0 {
				parts = append(parts, fmt.Sprintf("%s%d笔", Methods[i].Label, m.n))
			}
		}
		s.WriteString("按采购方式，" + strings.Join(parts, "，") + "。")
	}
	var reported, first, total int64
	var top *buyerAgg
	for _, bu := range buyers {
		if !bu.hasTotal {
			continue
		}
		reported++
		first += bu.amount
		total = satAdd(total, bu.total)
		if bu.total > 0 && (top == nil || shareGreater(bu, top)) {
			top = bu
		}
	}
	if reported > 0 {
		fmt.Fprintf(&s, "填报同期装备采购总额的%d家单位，首台（套）采购金额合计占其装备采购总额的", reported)
		if pct := share(first, total); pct != "" {
			s.WriteString(pct + "%")
		} else {
			s.WriteString("—")
		}
		if top != nil && top.amount > 0 {
			fmt.Fprintf(&s, "，占比最高的是%s（%s%%）", top.name, share(top.amount, top.total))
		}
		s.WriteString("。")
	}
	ex := b.Exemptions
	if ex.Requested > 0 {
		fmt.Fprintf(&s, "本期受理首台（套）采购容错免责申请%d件，予以免责%d件，不予免责%d件", ex.Requested, ex.Granted, ex.Refused)
		if pending := ex.Requested - ex.Granted - ex.Refused; pending > 0 {
			fmt.Fprintf(&s, "，办理中%d件", pending)
		}
		s.WriteString("。")
	} else {
		s.WriteString("本期未受理容错免责申请。")
	}
	return s.String()
}

// shareGreater compares a.amount/a.total with b.amount/b.total exactly
// (both totals positive), the larger amount breaking a tie.
func shareGreater(a, b *buyerAgg) bool {
	c := money.CmpProducts([]int64{a.amount, b.total}, []int64{b.amount, a.total})
	return c > 0 || c == 0 && a.amount > b.amount
}
