package tender

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

// Deposits are judged against the estimated contract value, which a tender
// states in another place (the notice's 预算金额 or 最高限价): Check reads
// it first (findBudget), and the mentions of a line are judged once the
// line has been read.

const (
	bidDepositCapPercent  = 2  // 招标投标法实施条例 第二十六条
	perfDepositCapPercent = 10 // 招标投标法实施条例 第五十八条
	quantityWindow        = 90 // bytes after a keyword in which its amount must start (~30 Chinese characters)
	shortLineRunes        = 40 // a table's value cell is a short line of its own
)

// noteBudget reads the amount after a budget or contract price keyword
// ending at from, and keeps it in *into when it is the largest yet.
func (st *state) noteBudget(into **big.Rat, li, from, ce int) {
	line := st.lines[li]
	q, ok := nextQuantity(line[:ce], from, quantityWindow)
	if !ok {
		q, ok = st.valueOnNextLine(li, line[from:ce])
	}
	if !ok || q.percent {
		return
	}
	if *into == nil || q.value.Cmp(*into) > 0 {
		*into = q.value
	}
}

// valueOnNextLine handles a label cell whose value is the next cell or
// paragraph ("投标保证金" | "人民币20万元"): only when nothing but
// punctuation follows the label and the next line is short.
func (st *state) valueOnNextLine(li int, rest string) (quantity, bool) {
	if strings.Trim(rest, " \t：:（）()元人民币") != "" || li+1 >= len(st.lines) {
		return quantity{}, false
	}
	next := st.lines[li+1]
	// A rune is at most 4 bytes: a longer line is not short, uncounted.
	if len(next) > 4*shortLineRunes || utf8.RuneCountInString(next) > shortLineRunes {
		return quantity{}, false
	}
	return nextQuantity(next, 0, len(next))
}

// noteDeposit records the quantity stated for the deposit keyword m. Its
// window stops at the next deposit keyword, so that "投标保证金：2万元，履约
// 保证金：合同价的15%" gives each deposit its own amount.
func (st *state) noteDeposit(li int, line string, cs, ce int, m match, all []match, perf bool) {
	end := ce
	for _, o := range all {
		if o.start >= m.end && o.start < end {
			end = o.start
		}
	}
	// The amount after the keyword in its sentence part ("履约保证金为合同价
	// 的15%"), else the one before it in its part ("提交合同价20%的履约保证
	// 金，另按5%预留质保金"), else the next within reach.
	q, ok := nextQuantity(line[:partEnd(line, m.end, end)], m.end, quantityWindow)
	if !ok {
		q, ok = lastQuantityBefore(line, segmentStart(line, cs, m.start), m.start)
	}
	if !ok {
		q, ok = nextQuantity(line[:end], m.end, quantityWindow)
	}
	if !ok && end == ce {
		q, ok = st.valueOnNextLine(li, line[m.end:ce])
	}
	// "国有企业按最高限价的1%缴纳，其他企业按3%缴纳": the deposit is the
	// largest rate its sentence states.
	if ok && q.percent {
		for from := q.end; from < end; {
			r, found := nextQuantity(line[:end], from, end-from)
			if !found {
				break
			}
			if r.percent && r.value.Cmp(q.value) > 0 {
				q = r
			}
			from = r.end
		}
	}
	st.deposits = append(st.deposits, depositMention{performance: perf, qty: q, found: ok, line: li, cs: cs, ce: ce, pos: m.start})
}

// judgeDeposits turns the line's deposits above their caps into findings. A
// percentage is compared directly; an amount is compared with the
// estimated value, and without one there is nothing to compare it with.
func (st *state) judgeDeposits() {
	seen := map[[2]int]bool{}
	for _, d := range st.deposits {
		if !d.found {
			continue
		}
		capPercent, name := int64(bidDepositCapPercent), "投标保证金"
		if d.performance {
			capPercent, name = perfDepositCapPercent, "履约保证金"
		}
		base, baseName := st.budget, "估算价"
		if d.performance && st.contractPrice != nil && st.contractPrice.Sign() > 0 {
			base, baseName = st.contractPrice, "合同价"
		}
		var reason string
		switch {
		case d.qty.percent:
			if d.qty.value.Cmp(new(big.Rat).SetInt64(capPercent)) <= 0 {
				continue
			}
			reason = name + "为" + percentString(d.qty.value) + "%，超过" + itoa(int(capPercent)) + "%的上限"
		case base != nil && base.Sign() > 0:
			limit := new(big.Rat).Mul(base, big.NewRat(capPercent, 100))
			if d.qty.value.Cmp(limit) <= 0 {
				continue
			}
			ratio := new(big.Rat).Quo(new(big.Rat).Mul(d.qty.value, big.NewRat(100, 1)), base)
			reason = name + yuanString(d.qty.value) + "元，为" + baseName + yuanString(base) + "元的" +
				ratio.FloatString(2) + "%，超过" + itoa(int(capPercent)) + "%（上限" + yuanString(limit) + "元）"
		default:
			continue
		}
		key := [2]int{d.line, d.cs}
		if seen[key] {
			continue // one finding per clause, even with two deposits over their caps
		}
		seen[key] = true
		info := ruleInfos[ExcessiveDeposit]
		basis := []Basis{basisTender26}
		if d.performance {
			basis = []Basis{basisTender58}
		}
		start, end, quote := st.quoteAround(d.line, d.cs, d.ce, d.pos)
		st.findings = append(st.findings, Finding{
			Rule: ExcessiveDeposit, Severity: info.severity, Line: d.line + 1, Start: start, End: end,
			Quote: quote, Basis: basis, Suggestion: info.suggestion, Reason: reason,
		})
	}
}

// statesOwnAmount reports a price keyword ending at from that is followed
// by an amount of its own ("预算金额3000万元，"), not by the base of a
// percentage ("预算金额1200万元的4%", "合同价的15%").
func statesOwnAmount(text string, from int) bool {
	q, ok := nextQuantity(text, from, 12)
	if !ok || q.percent {
		return false
	}
	rest := strings.TrimLeft(text[q.end:], " ）)")
	return !strings.HasPrefix(rest, "的") && !strings.HasPrefix(rest, "×") && !strings.HasPrefix(rest, "*")
}

// partEnd is where the sentence part from pos ends: the next comma (a
// colon does not end it, "履约保证金：合同价的15%"), or end.
func partEnd(line string, pos, end int) int {
	for i := pos; i < end; {
		r, size := utf8.DecodeRuneInString(line[i:])
		// A comma between digits groups thousands (300,000.00元).
		if r == '，' || r == ',' && !(i > 0 && isDigitByte(line[i-1]) && i+1 < len(line) && isDigitByte(line[i+1])) {
			return i
		}
		i += size
	}
	return end
}

// segmentStart is where the comma-separated part holding pos begins.
func segmentStart(line string, cs, pos int) int {
	for i := pos; i > cs; {
		r, size := utf8.DecodeLastRuneInString(line[:i])
		if isSegmentEnd(r) {
			return i
		}
		i -= size
	}
	return cs
}

// lastQuantityBefore is the last amount or percentage in line[from:to].
func lastQuantityBefore(line string, from, to int) (quantity, bool) {
	var last quantity
	found := false
	for from < to {
		q, ok := nextQuantity(line[:to], from, to-from)
		if !ok {
			break
		}
		last, found = q, true
		from = q.end
	}
	return last, found
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }
