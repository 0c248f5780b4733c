// Package tender checks tender documents against the rules that keep tenders
// open to first-set (首台（套）) equipment: 渝经信规范〔2024〕9号 第（四）条
// (M24-4), 渝府办发〔2018〕170号 第（十四）条 (O18-14) and the national
// regulations on unreasonable conditions and deposits.
//
// The package is pure: it takes lines of text and returns findings. Reading
// .docx or .html is the job of tender/extract.
//
// Offsets: Finding.Start and Finding.End count Unicode code points (runes)
// from the start of the line, 0-based, End exclusive, so Quote equals
// []rune(line)[Start:End].
package tender

import (
	"math/big"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"firstset/date"
)

// Finding is one clause that breaks one rule.
type Finding struct {
	Rule       RuleID   `json:"rule"`
	Severity   Severity `json:"severity"`
	Line       int      `json:"line"`  // 1-based line; for .docx the paragraph number
	Start      int      `json:"start"` // rune offset of the quote in the line
	End        int      `json:"end"`   // rune offset just past the quote
	Quote      string   `json:"quote"`
	Basis      []Basis  `json:"basis"`
	Suggestion string   `json:"suggestion"`
	// Why, when the finding rests on numbers (deposit ratios).
	Reason string `json:"reason,omitempty"`
	// What the checked first-set product changes about this finding.
	FirstSet string `json:"first_set,omitempty"`
	// Count is how many times the document says the same thing: the same
	// rule flagged the same text (a clause repeated in every lot, say).
	// Line, Start and End are where it is first said; Repeats lists the
	// next few places.
	Count   int     `json:"count"`
	Repeats []Place `json:"repeats,omitempty"`
}

// Place is where a repeated finding is said again.
type Place struct {
	Line  int `json:"line"`
	Start int `json:"start"`
	End   int `json:"end"`
}

// Report is the result of checking one document.
type Report struct {
	// Findings are in document order of their first place; identical ones
	// are listed once with their Count, and at most MaxFindings are listed.
	Findings []Finding `json:"findings"`
	Clauses  int       `json:"clauses"` // clauses read (sentences and table cells)
	// The largest estimated contract value (预算金额, 最高限价, 估算价…) the
	// document states, in yuan; empty when it states none.
	EstimatedPriceYuan string          `json:"estimated_price_yuan,omitempty"`
	FirstSet           *FirstSetReport `json:"first_set,omitempty"`
	// Occurrences counts every flagged place, listed or not.
	Occurrences int `json:"occurrences"`
	// Omitted counts the flagged places not in Findings because the list
	// reached MaxFindings, in all and by rule.
	Omitted       int            `json:"omitted"`
	OmittedByRule map[RuleID]int `json:"omitted_by_rule,omitempty"`
	MaxFindings   int            `json:"max_findings"`
}

// DefaultMaxFindings is how many different findings a report lists. A
// document with more needs rewriting, not a longer list, and the cap keeps
// the report of any document small.
const DefaultMaxFindings = 300

// maxRepeats is how many further places a repeated finding lists.
const maxRepeats = 4

// Options tune a check.
type Options struct {
	// Product, when set, is the first-set product whose bid is considered:
	// the report says what its certificate and insurance change.
	Product *Product
	// On is the day of the check, used to tell whether the product's
	// certificate is in force. The zero date skips that test.
	On date.Date
	// MaxFindings caps the findings listed; DefaultMaxFindings when zero.
	MaxFindings int
	// Paragraphs says the lines are a .docx's paragraphs, which the
	// report's own text then calls 段 rather than 行.
	Paragraphs bool
}

type checker struct {
	vocab *vocabulary
	ac    *automaton
	// trigger[kw] is true for keywords that can make a clause worth a look
	// (topics, amounts, waivers); most clauses carry only markers like 应.
	trigger []bool
	// maxWordLen is the longest keyword, in bytes.
	maxWordLen int
	// Small automata that tell whether a clause holds one of a few words:
	// the hints of referenceRe and exclusionRe, and each grammar's heads
	// (by index in grammars).
	referenceWords, exclusionWords *automaton
	heads                          []*automaton
}

func (c *checker) anyTrigger(ms []match) bool {
	for _, m := range ms {
		if c.trigger[m.kw] {
			return true
		}
	}
	return false
}

// anyKind reports a match tagged k.
func (c *checker) anyKind(ms []match, k kind) bool {
	for _, m := range ms {
		for _, t := range c.vocab.tags[m.kw] {
			if t.kind == k {
				return true
			}
		}
	}
	return false
}

var defaultChecker = sync.OnceValue(func() *checker {
	v := buildVocabulary()
	c := &checker{vocab: v, ac: newAutomaton(v.words), trigger: make([]bool, len(v.words)),
		referenceWords: newAutomaton(referenceHints),
		exclusionWords: newAutomaton(exclusionHints)}
	for _, g := range grammars {
		c.heads = append(c.heads, newAutomaton(g.heads))
	}
	for _, w := range v.words {
		c.maxWordLen = max(c.maxWordLen, len(w))
	}
	for id, tags := range v.tags {
		for _, t := range tags {
			switch t.kind {
			case kTopic, kWeakTopic, kIndustryTopic, kWaiver, kFirstSet, kBudget, kBidDeposit, kPerfDeposit, kAnchor:
				c.trigger[id] = true
			}
		}
	}
	return c
})

// CheckText checks a document given as one string; lines are split at "\n".
func CheckText(text string, opt Options) Report {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	return Check(strings.Split(text, "\n"), opt)
}

// Check checks a document given as its lines (line i+1 is lines[i]).
//
// Its cost is linear in the text: the estimated contract value, against
// which deposits are judged, is found in a first pass over the few lines
// that can state one, so every finding is made in document order in one
// pass and grouped as it is made; memory beyond the lines themselves is
// bounded by the findings listed.
func Check(lines []string, opt Options) Report {
	c := defaultChecker()
	maxFindings := opt.MaxFindings
	if maxFindings <= 0 {
		maxFindings = DefaultMaxFindings
	}
	st := &state{c: c, lines: lines, out: collector{max: maxFindings, index: map[groupKey]int{}}}
	st.findBudget()
	for i, line := range lines {
		st.checkLine(i, line)
	}
	st.applyDocumentWaiver(lineUnit(opt.Paragraphs))
	rep := Report{Findings: st.out.listed, Clauses: st.clauses, Occurrences: st.out.occurrences,
		Omitted: st.out.omitted, OmittedByRule: st.out.omittedByRule, MaxFindings: maxFindings}
	if rep.Findings == nil {
		rep.Findings = []Finding{}
	}
	if st.budget != nil {
		rep.EstimatedPriceYuan = yuanString(st.budget)
	}
	if opt.Product != nil {
		rep.FirstSet = firstSetReport(*opt.Product, opt.On, rep.Findings)
	}
	return rep
}

// groupKey is what makes two findings the same finding said twice.
type groupKey struct {
	rule          RuleID
	quote, reason string
}

// collector lists findings in the order they are made, once per groupKey,
// up to max; beyond that it only counts them.
type collector struct {
	max           int
	listed        []Finding
	index         map[groupKey]int
	occurrences   int
	omitted       int
	omittedByRule map[RuleID]int
}

func (c *collector) add(f Finding) {
	c.occurrences++
	k := groupKey{f.Rule, f.Quote, f.Reason}
	if i, ok := c.index[k]; ok {
		g := &c.listed[i]
		g.Count++
		if len(g.Repeats) < maxRepeats {
			g.Repeats = append(g.Repeats, Place{Line: f.Line, Start: f.Start, End: f.End})
		}
		return
	}
	if len(c.listed) >= c.max {
		c.omitted++
		if c.omittedByRule == nil {
			c.omittedByRule = map[RuleID]int{}
		}
		c.omittedByRule[f.Rule]++
		return
	}
	f.Count = 1
	c.index[k] = len(c.listed)
	c.listed = append(c.listed, f)
}

// state is one check in progress.
type state struct {
	c     *checker
	lines []string
	out   collector
	// findings of the line being checked, before its waivers are applied
	findings []Finding
	clauses  int
	budget   *big.Rat // largest estimated contract value stated, in yuan
	// largest contract price stated (合同价, 中标金额), in yuan: what a
	// performance deposit is measured against when the document states one
	contractPrice *big.Rat
	deposits      []depositMention // of the line being checked
	// The first line holding a clause that deems first-set products to
	// meet market share and performance requirements; 0 if none.
	waiverLine int
	// The first line holding a clause that exempts insured first-set
	// products from the quality deposit; 0 if none.
	depositWaiverLine int
	matches           []match // scratch, reused across lines
	// A rune count at a byte offset of one line, so that the rune offsets
	// of the findings of a long line are counted once, not from its start
	// for each.
	runeLine, runeByte, runeCount int
}

// runeOffset is the number of runes in lines[li][:b].
func (st *state) runeOffset(li, b int) int {
	if li != st.runeLine || b < st.runeByte {
		st.runeLine, st.runeByte, st.runeCount = li, 0, 0
	}
	st.runeCount += utf8.RuneCountInString(st.lines[li][st.runeByte:b])
	st.runeByte = b
	return st.runeCount
}

// depositMention is a bid or performance deposit with the quantity stated
// for it, judged once the whole document (and so its budget) has been read.
type depositMention struct {
	performance bool
	qty         quantity
	found       bool
	line        int // 0-based
	cs, ce      int // clause byte range in the line
	pos         int // byte offset of the deposit keyword
}

// clauseEndAt returns the byte length of the clause-ending mark (。；！？ or
// their ASCII forms) starting at line[i], or 0. It reads bytes, not runes:
// this loop touches every byte of the document.
func clauseEndAt(line string, i int) int {
	switch c := line[i]; {
	case c == ';' || c == '!' || c == '?':
		return 1
	case c == 0xE3 && i+2 < len(line) && line[i+1] == 0x80 && line[i+2] == 0x82: // 。
		return 3
	case c == 0xEF && i+2 < len(line) && line[i+1] == 0xBC:
		switch line[i+2] {
		case 0x9B, 0x81, 0x9F: // ；！？
			return 3
		}
	}
	return 0
}

func isSegmentEnd(r rune) bool {
	switch r {
	case '，', ',', '：', ':', '\t', '|', '｜':
		return true
	}
	return false
}

// maxClauseBytes bounds a clause. A "sentence" with no 。；！？ in 1,500
// bytes (about 500 Chinese characters) is read in pieces, cut at a comma
// where there is one: the analysis of a clause relates its keywords to
// each other, and a piece keeps that cheap whatever a line holds.
const maxClauseBytes = 1500

// clauses calls fn for each non-blank clause of line with the keyword
// matches inside it (ms are the line's matches, in order of their end).
func clauses(line string, ms []match, fn func(cs, ce int, ms []match)) {
	cs, mi := 0, 0
	emit := func(ce, next int) {
		mj := mi
		for mj < len(ms) && ms[mj].end <= ce {
			mj++
		}
		lo := mi
		for lo < mj && ms[lo].start < cs {
			lo++ // a keyword cut in two by a piece's end is no keyword
		}
		if strings.TrimSpace(line[cs:ce]) != "" {
			fn(cs, ce, ms[lo:mj])
		}
		mi, cs = mj, next
	}
	for i := 0; i <= len(line); {
		size := 1
		if i < len(line) {
			size = clauseEndAt(line, i)
		}
		if i == len(line) || size > 0 {
			emit(i, i+max(size, 1))
			i += max(size, 1)
			continue
		}
		if i-cs >= maxClauseBytes {
			// Rare: only here are commas looked for.
			if cut, n := lastComma(line[cs:i]); cut > 0 {
				emit(cs+cut, cs+cut+n)
			} else {
				for i > cs && !utf8.RuneStart(line[i]) {
					i--
				}
				emit(i, i)
			}
			continue
		}
		i++ // continuation bytes never look like a clause end
	}
}

// lastComma returns where the last comma or tab in s is and its length in
// bytes, or 0, 0.
func lastComma(s string) (at, size int) {
	at, size = -1, 0
	for _, c := range []string{"，", ",", "\t"} {
		if i := strings.LastIndex(s, c); i > at {
			at, size = i, len(c)
		}
	}
	return max(at, 0), size
}

// budgetAnchors are in every budget keyword (see TestBudgetAnchors): a line
// without one states no estimated value and is not scanned for it.
var budgetAnchors = []string{"预算", "限价", "控制价", "估算", "概算", "总投资", "预估", "采购总额", "采购金额", "合同价", "合同金额", "合同总价", "中标金额", "成交金额", "中标价", "成交价"}

// budgetChars are in every budget anchor (see TestBudgetAnchors), and are
// looked for first: three quick searches instead of six slow ones.
var budgetChars = []string{"算", "价", "资", "额", "估"}

// holdsChar reports whether s holds the three-byte character c. It searches
// for c's middle byte, a continuation byte that few characters share, where
// strings.Contains would stop at every character with c's lead byte (E4–E9
// lead almost every Chinese character).
func holdsChar(s, c string) bool {
	for i := 1; i+1 < len(s); {
		j := strings.IndexByte(s[i:len(s)-1], c[1])
		if j < 0 {
			return false
		}
		i += j
		if s[i-1] == c[0] && s[i+1] == c[2] {
			return true
		}
		i++
	}
	return false
}

// anchorsWith[c] are the budget anchors that hold budgetChars' c: a line
// that holds c is searched for those only.
var anchorsWith = func() map[string][]string {
	m := map[string][]string{}
	for _, c := range budgetChars {
		for _, a := range budgetAnchors {
			if strings.Contains(a, c) {
				m[c] = append(m[c], a)
			}
		}
	}
	return m
}()

// mayStateBudget reports whether line holds a budget anchor.
func mayStateBudget(line string) bool {
	for _, c := range budgetChars {
		if holdsChar(line, c) && containsAny(line, anchorsWith[c]...) {
			return true
		}
	}
	return false
}

// findBudget reads the largest estimated contract value the document
// states, before the findings are made, so that deposits can be judged
// where they are stated.
func (st *state) findBudget() {
	v := st.c.vocab
	for li, line := range st.lines {
		if !mayStateBudget(line) {
			continue
		}
		st.matches = st.c.ac.scan(line, st.matches[:0])
		clauses(line, st.matches, func(cs, ce int, ms []match) {
			for _, m := range ms {
				if !asciiWordBoundary(line, m.start, m.end) {
					continue
				}
				for _, t := range v.tags[m.kw] {
					switch t.kind {
					case kBudget:
						st.noteBudget(&st.budget, li, m.end, ce)
					case kContractPrice:
						st.noteBudget(&st.contractPrice, li, m.end, ce)
					}
				}
			}
		})
	}
}

func (st *state) checkLine(li int, line string) {
	if strings.TrimSpace(line) == "" {
		return
	}
	st.matches = st.c.ac.scan(line, st.matches[:0])
	st.findings, st.deposits = st.findings[:0], st.deposits[:0]
	var waiverHere, depositWaiverHere, referenceHere bool
	clauses(line, st.matches, func(cs, ce int, ms []match) {
		st.clauses++
		// "参考品牌：X、Y；上述品牌仅供参考": a remark that takes back what
		// the clauses before it named.
		triggered := st.c.anyTrigger(ms)
		if !referenceHere && triggered && st.c.anyKind(ms, kReference) && backReferenceRe.MatchString(line[cs:ce]) {
			referenceHere = true
		}
		// A question asks, it demands nothing: "问：是否须提供本地网点证明？"
		if isQuestion(line[ce:]) {
			return
		}
		if triggered {
			w, dw := st.checkClause(li, line, cs, ce, ms)
			waiverHere = waiverHere || w
			depositWaiverHere = depositWaiverHere || dw
		}
	})
	if waiverHere && st.waiverLine == 0 {
		st.waiverLine = li + 1
	}
	if depositWaiverHere && st.depositWaiverLine == 0 {
		st.depositWaiverLine = li + 1
	}
	if referenceHere {
		st.findings = slices.DeleteFunc(st.findings, func(f Finding) bool { return f.Rule == Brand })
	}
	if waiverHere || depositWaiverHere {
		// A waiver in the same paragraph covers the requirement it follows:
		// "须提供3个业绩。首台（套）产品视同满足。" or "质保金为5%。已投保的首台
		// （套）产品不再收取。"
		kept := st.findings[:0]
		for _, f := range st.findings {
			waived := waiverHere && (f.Rule == MarketShare || f.Rule == PastPerformance) ||
				depositWaiverHere && f.Rule == QualityDeposit
			if !waived {
				kept = append(kept, f)
			}
		}
		st.findings = kept
	}
	st.judgeDeposits()
	slices.SortStableFunc(st.findings, func(a, b Finding) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return slices.Index(Rules, a.Rule) - slices.Index(Rules, b.Rule)
	})
	for _, f := range st.findings {
		st.out.add(f)
	}
}

// segInfo is what one comma-separated part of a clause says.
type segInfo struct {
	start, end  int
	demand      bool
	restrict    bool
	score       bool
	negate      bool
	disclose    bool
	compat      bool
	personnel   bool
	ruleDemand  map[RuleID]bool
	threshold   bool // 不低于, 以上: a minimum is set
	lack        bool // 不能提供, 没有: the bidder lacks something
	specifyForm bool // 品牌：X or 型号为X, a value filled in by the buyer
	permit      bool // 均可, 亦可: may, not must
	aside       bool // "不限地域": a negation of another thing, deciding only its own part
	condition   bool // the part states a case (ends in 的): its consequence decides
}

type topicHit struct {
	rule RuleID
	seg  int
	word string
	pos  int // byte offset in the line
	// grammar: found by a clause grammar (grammar.go), not by a word; a
	// grammar's match for BRAND names one source by its shape.
	grammar bool
}

// checkClause analyses line[cs:ce] with the keyword matches inside it and
// records findings. It reports whether the clause is a first-set waiver of
// market-share and performance requirements, and whether it waives the
// quality deposit for first-set or insured products.
func (st *state) checkClause(li int, line string, cs, ce int, ms []match) (waives, waivesDeposit bool) {
	v := st.c.vocab
	clause := line[cs:ce]

	// Segments.
	var segs []segInfo
	ss := cs
	for i := cs; i <= ce; {
		r, size := rune(0), 1
		if i < ce {
			r, size = utf8.DecodeRuneInString(line[i:])
		}
		if i == ce || isSegmentEnd(r) {
			segs = append(segs, segInfo{start: ss, end: i})
			ss = i + size
		}
		i += size
	}
	segOf := func(pos int) int {
		k := sort.Search(len(segs), func(k int) bool { return pos < segs[k].end })
		return min(k, len(segs)-1)
	}

	// Keep only matches that stand as whole words and are not swallowed by
	// a longer marker (不得 inside 不得分) or a near miss (业绩 in 业绩考核).
	isMarker := func(k kind) bool { return k >= kDemand && k <= kPermit }
	hasMarker := func(m match) bool {
		for _, t := range v.tags[m.kw] {
			if isMarker(t.kind) {
				return true
			}
		}
		return false
	}
	// A near miss anywhere in the topic's comma-separated part voids it:
	// "重庆市公共资源交易网…注册", "投标价格最低的报价为评标基准价".
	// excludedIn[k] has the bit of each rule with a near miss in part k.
	// "由“综合评估法”变更为“最低投标价法”": what comes before the change is
	// the text replaced; its words neither find nor void a topic.
	oldFrom, oldTo := 0, 0
	if st.c.anyKind(ms, kAmend) {
		oldFrom, oldTo = amendmentAt(clause)
	}
	if oldTo > 0 {
		oldFrom, oldTo = oldFrom+cs, oldTo+cs
	}
	replaced := func(pos int) bool { return pos >= oldFrom && pos < oldTo }
	// A near miss in a parenthesised note ("（须提供报关单）") voids only
	// the topics of the note: excludedInNote[k] has those rules.
	var excludedIn, excludedInNote []uint16
	for _, o := range ms {
		if replaced(o.start) {
			continue
		}
		for _, t := range v.tags[o.kw] {
			if t.kind != kExclude {
				continue
			}
			if excludedIn == nil {
				excludedIn, excludedInNote = make([]uint16, len(segs)), make([]uint16, len(segs))
			}
			into := excludedIn
			if inNote(line[segs[segOf(o.start)].start:o.start]) {
				into = excludedInNote
			}
			for k := segOf(o.start); k < len(segs) && segs[k].start < o.end; k++ {
				into[k] |= ruleBit(t.rule)
			}
		}
	}
	excluded := func(m match, rule RuleID) bool {
		if excludedIn == nil {
			return false
		}
		k := segOf(m.start)
		return excludedIn[k]&ruleBit(rule) != 0 ||
			excludedInNote[k]&ruleBit(rule) != 0 && inNote(line[segs[k].start:m.start])
	}
	// swallowed reports a longer marker around ms[i]. Matches come in
	// order of their end, so one that holds ms[i] ends within the longest
	// keyword's length of it: only those are looked at.
	swallowed := func(i int) bool {
		m := ms[i]
		holds := func(o match) bool {
			return o.start <= m.start && o.end >= m.end && (o.end-o.start) > (m.end-m.start) && hasMarker(o)
		}
		for j := i - 1; j >= 0 && ms[j].end >= m.end; j-- {
			if holds(ms[j]) {
				return true
			}
		}
		for j := i + 1; j < len(ms) && ms[j].end <= m.start+st.c.maxWordLen; j++ {
			if holds(ms[j]) {
				return true
			}
		}
		return false
	}

	var (
		topics      []topicHit
		weak        []topicHit
		qualified   = map[RuleID]bool{}
		waiver      bool
		firstSet    bool
		afterAward  bool
		cond        bool
		negateAny   bool
		reference   bool
		anchored    uint32 // grammars (bits by index) with an anchor in the clause
		deposits    []match
		depositPerf []bool
		stops       []match // deposit and price keywords: where a deposit's amount ends
	)
	awardNamed := false // an after-award word other than 承诺
	aboutRecord := -1   // lazily: the clause is about 业绩 or 奖项
	// onRecord are place and industry words that make a condition regional
	// only when the clause asks for a record: "在本市…有成功运行案例".
	var onRecord []topicHit

	for mi, m := range ms {
		if !asciiWordBoundary(line, m.start, m.end) {
			continue
		}
		seg := segOf(m.start)
		sw := -1 // lazily computed "swallowed"
		for _, t := range v.tags[m.kw] {
			if isMarker(t.kind) && replaced(m.start) {
				continue
			}
			if isMarker(t.kind) {
				if sw < 0 {
					sw = 0
					if swallowed(mi) {
						sw = 1
					}
				}
				if sw == 1 {
					continue
				}
			}
			s := &segs[seg]
			switch t.kind {
			case kTopic, kWeakTopic:
				word := v.words[m.kw]
				// Who controls the bidder is its ownership whatever else the
				// part names ("实际控制人须为国有资产监督管理机构").
				if excluded(m, t.rule) && !(t.rule == Ownership && controlWords[word]) {
					continue
				}
				if replaced(m.start) {
					continue // the text an amendment replaces
				}
				// "该型号产品销售额": a product's sales are its market standing.
				if t.rule == Scale && strings.Contains(word, "销售") && productBefore(line[segs[seg].start:m.start]) {
					t.rule = MarketShare
				}
				// "（成立不足一年的，提供资信证明）": a note on how a case proves
				// a fact sets no size.
				if t.rule == Scale && inNote(line[segs[seg].start:m.start]) && (conditionPart(line[segs[seg].start:segs[seg].end]) || caseInNote(line[m.end:segs[seg].end])) {
					continue
				}
				// "所投型号", "投标品牌": the bidder's own offer, not one named.
				if t.rule == Brand && (ownOffer(line[cs:m.start], word) || ownMaker(line[segs[seg].start:m.start])) {
					continue
				}
				// 省级, 市级 name a level, not a place; a 省级 award is the
				// grammar's. "上海某某机电设备有限公司" is a name.
				if t.rule == Regional && (levelWords[word] || companyNameAfter(line[m.end:segs[seg].end])) {
					continue
				}
				// "单站规模", "装置规模": a project's size, not the bidder's.
				if t.rule == Scale && word == "规模" && !bidderSize(line[segs[seg].start:m.start]) {
					continue
				}
				// "华岳精机股份有限公司": a company's name, not a legal form asked for.
				if t.rule == Ownership && legalForms[word] && partOfName(line[cs:m.start]) {
					continue
				}
				// "ABB M3BP", "西门子S7-1500": a maker named with its model.
				if t.rule == Brand && modelCodeAt(line[m.end:ce]) {
					qualified[Brand] = true
				}
				h := topicHit{rule: t.rule, seg: seg, word: v.words[m.kw], pos: m.start}
				if t.kind == kTopic {
					topics = append(topics, h)
				} else {
					weak = append(weak, h)
				}
			case kQualifier:
				qualified[t.rule] = true
			case kIndustryTopic:
				// Industry-specific conditions are unlawful for 业绩 and 奖项
				// (第三十二条), not for every mention of an industry.
				if aboutRecord < 0 {
					aboutRecord = 0
					if containsAny(clause, "业绩", "奖", "荣誉") {
						aboutRecord = 1
					}
				}
				if !excluded(m, Regional) {
					h := topicHit{rule: Regional, seg: seg, word: v.words[m.kw], pos: m.start}
					if aboutRecord == 1 {
						topics = append(topics, h)
					} else {
						onRecord = append(onRecord, h)
					}
				}
			case kThreshold:
				s.demand, s.threshold = true, true
			case kRuleDemand:
				if s.ruleDemand == nil {
					s.ruleDemand = map[RuleID]bool{}
				}
				s.ruleDemand[t.rule] = true
			case kDemand:
				// "要求" closing a heading ("业绩要求") introduces, it does not ask.
				if v.words[m.kw] == "要求" && strings.TrimSpace(line[m.end:s.end]) == "" && (len(segs) == seg+1 || colonAt(line, s.end)) {
					continue
				}
				s.demand = true
			case kRestrict:
				s.demand, s.restrict = true, true
			case kScore:
				s.score = true
			case kNegate:
				s.negate, negateAny = true, true
			case kLack:
				s.lack = true
			case kPermit:
				// "（可采用银行保函）" permits a form, not the thing.
				if !inNote(line[s.start:m.start]) {
					s.permit = true
				}
			case kReference:
				s.negate, negateAny, reference = true, true, true
			case kWaiver:
				waiver = true
			case kFirstSet:
				firstSet = true
			case kDisclose:
				// "（以营业执照载明的日期为准）" says how a fact is proved.
				if !inNote(line[s.start:m.start]) {
					s.disclose = true
				}
			case kAfterAward:
				afterAward = true
				if v.words[m.kw] != "承诺" {
					awardNamed = true
				}
			case kConditional:
				cond = true
			case kCompat:
				s.compat = true
			case kPersonnel:
				s.personnel = true
			case kAnchor:
				anchored |= v.anchorOf[m.kw]
			case kBidDeposit, kPerfDeposit:
				deposits = append(deposits, m)
				depositPerf = append(depositPerf, t.kind == kPerfDeposit)
				stops = append(stops, m)
			case kBudget, kContractPrice:
				// "投标保证金：预算金额3000万元，投标保证金50万元": the
				// amount stated for the price is not the deposit's.
				if statesOwnAmount(line[:ce], m.end) {
					stops = append(stops, m)
				}
			}
		}
	}
	// A lack in a part that is a condition ("不能提供销量证明的") decides
	// nothing: the consequence does ("该项不得分", "不作限制"). Elsewhere it
	// negates ("本项目没有业绩要求").
	for k := range segs {
		if !segs[k].lack {
			continue
		}
		if conditionPart(line[segs[k].start:segs[k].end]) {
			segs[k].negate, segs[k].demand, segs[k].restrict = false, false, false
		} else {
			segs[k].negate, negateAny = true, true
		}
	}
	for k := range segs {
		sg := &segs[k]
		if sg.permit && !sg.score {
			sg.negate, negateAny = true, true
		}
		if sg.demand || sg.score || sg.negate || len(sg.ruleDemand) > 0 {
			sg.condition = !sg.lack && conditionPart(line[sg.start:sg.end])
		}
		sg.aside = sg.negate && !sg.demand && !sg.score && asideRe.MatchString(line[sg.start:sg.end])
	}
	// "不因投保首台（套）保险而免除": a waiver refused is a demand.
	insist := firstSet && insistRe.MatchString(clause)
	if insist {
		if loc := insistRe.FindStringIndex(clause); loc != nil {
			k := segOf(cs + loc[0])
			segs[k].negate, segs[k].demand = false, true
		}
		negateAny = false
		for _, sg := range segs {
			negateAny = negateAny || sg.negate
		}
	}
	discloses := false
	for _, sg := range segs {
		discloses = discloses || sg.disclose
	}
	for _, h := range weak {
		// "服务人员须具有5年以上施工经验" is staffing, not the product's record.
		if h.rule == PastPerformance && personnelBefore(segs, h.seg) {
			continue
		}
		// "销售数量不少于300台，须提供销售合同汇总表": the contracts prove
		// the market standing, they are no record asked for.
		if h.rule == PastPerformance && proofWords[h.word] && !countedRe.MatchString(line[segs[h.seg].start:segs[h.seg].end]) &&
			slices.ContainsFunc(topics, func(o topicHit) bool { return o.rule == MarketShare }) {
			continue
		}
		if qualified[h.rule] {
			topics = append(topics, h)
		} else if h.rule == Regional {
			onRecord = append(onRecord, h)
		}
	}
	// Grammars find topics the vocabulary does not list; a topic already
	// found for the rule makes its grammar moot.
	if anchored != 0 {
		for gi, g := range grammars {
			// A grammar that restricts still runs: it reads a negation its
			// rule's topic holds ("国有企业可免于提供…" privileges an owner).
			if anchored&(1<<uint(gi)) == 0 || !g.restricts && slices.ContainsFunc(topics, func(h topicHit) bool { return h.rule == g.rule }) {
				continue
			}
			if !st.c.heads[gi].containsAny(clause) {
				continue
			}
			for _, loc := range g.re.FindAllStringIndex(clause, 4) {
				m := match{start: cs + loc[0], end: cs + loc[1]}
				k := segOf(m.start)
				if replaced(m.start) || excluded(m, g.rule) || (g.accept != nil && !g.accept(clause[loc[0]:loc[1]], line[segs[k].start:segs[k].end])) {
					continue
				}
				if g.restricts {
					// "其他厂家的产品不予认可" shuts out all but one: its
					// negation restricts, it forbids nothing of the buyer.
					segs[k].negate, segs[k].demand, segs[k].restrict = false, true, true
				}
				topics = append(topics, topicHit{rule: g.rule, seg: k, word: clause[loc[0]:loc[1]], pos: m.start, grammar: true})
				break
			}
		}
	}
	// A place or an industry limits a record the clause asks for: "在川渝
	// 地区有已投运同类项目的得3分" is a local record (REGIONAL as well as
	// PAST_PERFORMANCE).
	onRecord = slices.DeleteFunc(onRecord, func(h topicHit) bool { return levelWords[h.word] })
	if len(onRecord) > 0 && slices.ContainsFunc(topics, func(h topicHit) bool { return h.rule == PastPerformance && !personnelBefore(segs, h.seg) }) {
		topics = append(topics, onRecord...)
	} else if len(onRecord) > 0 && slices.ContainsFunc(topics, func(h topicHit) bool { return h.rule == MarketShare }) {
		// A market standing measured in a place ("在西南地区保有量100台以上")
		// is local too; 行业内的市场份额 is the product's own market.
		for _, h := range onRecord {
			if !v.isIndustryWord(h.word) {
				topics = append(topics, h)
			}
		}
	}
	// "国内已投运的项目中累计在运台数不少于二十台": units counted across a
	// market are its standing; the projects they run in are no record asked
	// for unless the clause asks for proof of them.
	if slices.ContainsFunc(topics, func(h topicHit) bool { return h.rule == MarketShare }) && !containsAny(clause, "业绩", "案例", "用户", "证明", "合同", "记录", "报告", "运行满", "连续运行", "运营满", "使用满") {
		topics = slices.DeleteFunc(topics, func(h topicHit) bool { return h.rule == PastPerformance })
	}
	if len(topics) > 0 {
		// A reference remark scopes over the whole clause; a negation whose
		// object is the bidder ("X不得参加") restricts rather than forbids.
		// The regular expressions run only where a cheap look finds their words.
		if !reference && st.c.referenceWords.containsAny(clause) {
			// "其他地区业绩不计分" refuses the rest; it takes nothing back.
			if loc := referenceRe.FindStringIndex(clause); loc != nil {
				k := segOf(cs + loc[0])
				if !containsAny(line[segs[k].start:cs+loc[1]], "其他", "其它", "以外", "之外", "外的", "市外", "省外", "区外", "县外", "境外", "外地") {
					reference, negateAny = true, true
				}
			}
		}
		if st.c.exclusionWords.containsAny(clause) {
			if loc := exclusionRe.FindStringIndex(clause); loc != nil {
				k := segOf(cs + loc[0])
				segs[k].negate, segs[k].demand, segs[k].restrict = false, true, true
			}
		}
		// "本项目限国有企业参与": who may take part is limited.
		if strings.Contains(clause, "限") {
			if loc := limitRe.FindStringIndex(clause); loc != nil {
				k := segOf(cs + loc[0])
				segs[k].demand, segs[k].restrict = true, true
			}
		}
	}
	for k, m := range deposits {
		st.noteDeposit(li, line, cs, ce, m, stops, depositPerf[k])
	}
	// First-set products are deemed to meet the requirement: 视同满足, or a
	// first-set clause that waives (首台（套）产品无需提供 / 仅需提供证书即可).
	if !waiver && !insist && firstSet && (negateAny && !reinstatedByBut(line, segs) || softWaived(clause)) {
		waiver = true
	}
	// "须提供12个月的试验运行记录后，方可视同满足": a waiver on a condition
	// asks for the condition.
	if waiver && conditionalWaiver(clause) {
		waiver = false
	}
	waives = waiver && firstSet
	waivesDeposit = waives && containsAny(clause, "投保", "保证金", "质保金")
	if len(topics) == 0 {
		return waives, waivesDeposit
	}
	// "审查意见：…属于以不合理条件限制…，建议删除": an opinion on a clause
	// quotes it, it asks for nothing.
	if isOpinion(clause) {
		return waives, waivesDeposit
	}
	for k := range segs {
		if scoredByNumber(line[segs[k].start:segs[k].end]) {
			segs[k].score = true
		}
	}
	specChecked := map[int]bool{}
	for _, h := range topics {
		if h.rule == Brand && !specChecked[h.seg] {
			specChecked[h.seg] = true
			segs[h.seg].specifyForm = specifiesValue(line[segs[h.seg].start:segs[h.seg].end], line[segs[h.seg].end:ce])
		}
	}

	found := map[RuleID]Severity{}
	foundAt := map[RuleID]int{} // where the topic of each finding is
	demandedIn := map[RuleID][]bool{}
	demanded := func(k int, rule RuleID) bool {
		d, ok := demandedIn[rule]
		if !ok {
			d = demandedParts(segs, rule)
			demandedIn[rule] = d
		}
		// "业绩不作为资格条件，但在商务评分中按每项2分计分": 但 ends the
		// negation's scope, and what follows scores the topic.
		return d[k] || segs[k].negate && scoredAfterBut(line, segs, k)
	}
	// "关于“须在国内保有量不少于15套”的要求，予以删除": the requirement
	// quoted is removed.
	removes := containsAny(clause, "删除", "取消", "废止", "不再执行", "不再适用") && removalRe.MatchString(clause)
	for _, h := range topics {
		if _, done := found[h.rule]; done {
			continue
		}
		if removes && inQuote(line[cs:h.pos]) {
			continue
		}
		s := segs[h.seg]
		info := ruleInfos[h.rule]
		sev := info.severity
		switch h.rule {
		case MarketShare, PastPerformance:
			// A reference remark takes back what its clause names, unless
			// points are written out for it in the topic's own part.
			if waiver || (reference && !scoredByNumber(line[s.start:s.end])) {
				continue
			}
			if !demanded(h.seg, h.rule) {
				continue
			}
			// "中标人应定期进行用户回访": what the winner will do is no record
			// asked of bidders.
			// "投标人须承诺近三年装机容量排名前五": a promise about the past
			// is a claim asked of bidders; the winner's duties are not.
			if afterAward && awardNamed && !s.score && !s.restrict {
				continue
			}
			// "项目经理须具有8年以上…经验" is staff experience, not the
			// product's record; a manager's project record (业绩) is worth a look.
			if h.rule == PastPerformance && personnelBefore(segs, h.seg) {
				if containsAny(h.word, "经验", "经历", "履历") {
					continue
				}
				sev = Low
			}
		case QualityDeposit:
			if waiver || (firstSet && negateAny && !insist) || !demanded(h.seg, h.rule) {
				continue
			}
		case Brand:
			// 须与现有西门子系统兼容 fits what is there; 与指定的品牌保持一致 does not.
			// Asking for one patent, one maker's authorisation or one brand
			// (同一厂家, 独家代理: a grammar's match) is itself a restriction: a
			// demand suffices, and fitting an existing system excuses none.
			oneSource := namedSource[h.word] || h.grammar
			// 与现有变频器相同的品牌, 操作习惯: sameness is asked, not fit.
			compat := s.compat && !strings.HasPrefix(h.word, "指定") && !oneSource && !sameSourceAsked(clause)
			// "若为国产品牌，扣5分": a case that is scored is a preference.
			cond := cond && !scoredByNumber(clause)
			named := s.demand && oneSource
			// "按ABB M3BP型执行，不得偏离": a short part after the topic's
			// restricts it.
			restrictNext := h.seg+1 < len(segs) && !segs[h.seg+1].negate && (segs[h.seg+1].restrict &&
				segs[h.seg+1].end-segs[h.seg+1].start <= 30 || scoredByNumber(line[segs[h.seg+1].start:segs[h.seg+1].end]))
			// "选用非推荐品牌的，不因此扣分": a case whose consequence decides.
			if conditionPart(line[s.start:s.end]) && !demanded(h.seg, h.rule) {
				continue
			}
			if s.negate || reference || cond || compat || !(s.restrict || s.score || s.specifyForm || named || restrictNext) {
				continue
			}
			if s.disclose && !s.restrict && !s.specifyForm {
				continue
			}
		case Scale, Ownership:
			// "售后服务机构…成立满三年": what was founded is the bidder's
			// office, not the bidder; the place, not the size, is the condition.
			if h.rule == Scale && strings.HasPrefix(h.word, "成立") && branchBefore(line[s.start:h.pos]) {
				continue
			}
			// "销售收入排名前十": a rank is the market's standing, not size.
			if h.rule == Scale && rankedAfter(line[h.pos+len(h.word):s.end]) {
				continue
			}
			// "国有企业合格供应商名录": the register of state-owned buyers.
			if h.rule == Ownership && registryRe.MatchString(line[h.pos:s.end]) || h.rule == Ownership && buyerRe.MatchString(line[h.pos:s.end]) {
				continue
			}
			// "为大型国有企业提供同类设备": the owner named is a customer's.
			if h.rule == Ownership && servesCustomer(line[s.start:s.end]) {
				continue
			}
			// "填写基本情况表，包括注册资本": stating a fact is no condition.
			if discloses && !s.restrict && !s.score && !s.threshold {
				continue
			}
			if !demanded(h.seg, h.rule) {
				continue
			}
		case Regional:
			if afterAward && !s.score {
				continue
			}
			// "交货地点：重庆市璧山区": where the goods go, not who may bid.
			if containsAny(line[segs[max(0, h.seg-1)].start:h.pos], placeLabels...) {
				continue
			}
			if !demanded(h.seg, h.rule) {
				continue
			}
		case EvaluationMethod:
			// "得分相同的，按报价由低到高排序": a tie-break, not the method;
			// general goods and services may go to the lowest price.
			if tieBreak(line, segs[:h.seg]) || generalGoods(clause) || !demanded(h.seg, h.rule) {
				continue
			}
		default:
			continue
		}
		found[h.rule] = sev
		foundAt[h.rule] = h.pos
	}
	// "须为市场份额前三的品牌" restricts by market standing; the word 品牌
	// alone adds no second finding.
	if _, ok := found[Brand]; ok {
		if _, ms := found[MarketShare]; ms && onlyGenericBrand(topics) {
			delete(found, Brand)
		}
	}
	if len(found) > 0 {
		for _, r := range Rules {
			sev, ok := found[r]
			if !ok {
				continue
			}
			start, end, quote := st.quoteAround(li, cs, ce, foundAt[r])
			info := ruleInfos[r]
			st.findings = append(st.findings, Finding{
				Rule: r, Severity: sev, Line: li + 1, Start: start, End: end, Quote: quote,
				Basis: info.basis, Suggestion: info.suggestion,
			})
		}
	}
	return waives, waivesDeposit
}

// conditionPart reports a part that states a case: it ends in 的 or 者, or
// in 的 and whom the case is about ("未提供销量证明的", "业绩不足者",
// "缺少业绩证明的投标人").
func conditionPart(part string) bool {
	part = strings.TrimRight(part, " \t\u3000")
	if last, _ := utf8.DecodeLastRuneInString(part); !strings.ContainsRune("的者人商业位品备", last) {
		return false
	}
	for _, who := range []string{"", "投标人", "供应商", "申请人", "企业", "单位", "产品", "设备"} {
		if strings.HasSuffix(part, "的"+who) {
			return true
		}
	}
	return strings.HasSuffix(part, "者")
}

// branchBefore reports an office, branch or service point named in text,
// the part of a segment before a word of size: the subject of that word.
func branchBefore(text string) bool {
	return containsAny(text, "机构", "网点", "分公司", "子公司", "办事处", "服务站", "服务中心", "分支", "驻点", "门店")
}

func onlyGenericBrand(topics []topicHit) bool {
	for _, h := range topics {
		if h.rule == Brand && !genericBrandWords[h.word] {
			return false
		}
	}
	return true
}

// namedSource are brand topics that name one source by themselves.
var namedSource = map[string]bool{"专利号": true, "发明专利": true, "专利工艺": true, "独有的专利": true,
	"原产于": true, "产地为": true, "产地须": true, "产地必须": true, "统一品牌": true,
	"唯一授权": true, "同一品牌": true, "牌设备": true, "专利技术": true}

var genericBrandWords = map[string]bool{"品牌": true, "知名品牌": true, "一线品牌": true}

// demandedParts decides, for the topic of rule in each segment, whether it
// is asked for (required or scored) rather than forbidden or merely
// mentioned. The topic's own segment speaks first; otherwise the nearest
// segment with a marker decides, looking right before left ("类似业绩，每个
// 得2分"; "业绩证明，不作要求"). Two sweeps find the nearest marker on each
// side, so a clause of many parts costs no more than its parts.
func demandedParts(segs []segInfo, rule RuleID) []bool {
	says := func(s segInfo) (decided, yes bool) {
		switch {
		case s.negate:
			return true, false
		case s.demand || s.score || s.ruleDemand[rule]:
			return true, true
		}
		return false, false
	}
	n := len(segs)
	decided, yes := make([]bool, n), make([]bool, n)
	for k, s := range segs {
		decided[k], yes[k] = says(s)
	}
	// left[k], right[k]: the nearest decided segment before and after k, or
	// -1; a part that negates another thing ("不限地域") decides for no other.
	left, right := make([]int, n), make([]int, n)
	for k, last := 0, -1; k < n; k++ {
		left[k] = last
		if decided[k] && !segs[k].aside {
			last = k
		}
	}
	for k, next := n-1, -1; k >= 0; k-- {
		right[k] = next
		if decided[k] && !segs[k].aside {
			next = k
		}
	}
	out := make([]bool, n)
	for k := range segs {
		switch l, r := left[k], right[k]; {
		case decided[k] && segs[k].condition && r >= 0:
			// "符合资格条件的，亦可参加": the consequence decides a case.
			out[k] = yes[r]
		case decided[k]:
			out[k] = yes[k]
		case r >= 0 && (l < 0 || r-k <= k-l):
			out[k] = yes[r]
		case l >= 0:
			out[k] = yes[l]
		}
	}
	return out
}

// ruleBit is a rule's bit in a set of rules.
func ruleBit(r RuleID) uint16 { return 1 << uint(slices.Index(Rules, r)) }

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// softWaived spots the words that, next to 首台（套）, exempt it: 即可, 仅需, 除外.
func softWaived(clause string) bool {
	for _, w := range []string{"即可", "仅需", "只需", "除外", "除首台", "免于", "免收", "不受", "代替", "替代", "视作",
		"得满分", "计满分", "记满分", "按满分", "视为满分", "给予满分"} {
		if strings.Contains(clause, w) {
			return true
		}
	}
	return false
}

// scoredByNumber reports a score written as a number and 分: 得2分, 加0.5分, 最高五分.
func scoredByNumber(seg string) bool {
	for i := 0; i < len(seg); {
		j := strings.Index(seg[i:], "分")
		if j < 0 {
			return false
		}
		j += i
		prev, _ := utf8.DecodeLastRuneInString(seg[:j])
		if prev >= '0' && prev <= '9' || prev >= '０' && prev <= '９' || prev == '半' || (isChineseNumeral(prev) && prev != '万' && prev != '亿') {
			// 百分 in 百分之 is a percentage, not points; a weight of 0分
			// scores nothing.
			if !strings.HasPrefix(seg[j:], "分之") && !zeroPoints(seg[:j]) {
				return true
			}
		}
		i = j + len("分")
	}
	return false
}

// zeroPoints reports whether the number ending before 分 is a lone 0 or 零.
func zeroPoints(before string) bool {
	r, size := utf8.DecodeLastRuneInString(before)
	if r != '0' && r != '零' && r != '０' {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(before[:len(before)-size])
	return !(prev >= '0' && prev <= '9' || prev == '.' || isChineseNumeral(prev))
}

// specifiesValue reports "品牌：X", "型号为X", "产地：X" where the buyer fills in
// the value, as opposed to a blank for the bidder (品牌：＿＿).
func specifiesValue(seg, rest string) bool {
	for _, label := range []string{"品牌", "型号", "产地", "生产厂家", "制造商"} {
		i := strings.LastIndex(seg, label)
		if i < 0 {
			continue
		}
		after := seg[i+len(label):]
		if strings.HasPrefix(after, "为") || strings.HasPrefix(after, "是") {
			v := strings.TrimLeft(after[len("为"):], " ")
			return len(v) > 0 && !isBlank(v)
		}
		// 品牌——施耐德
		if v := strings.TrimLeft(after, "—－-~～ "); len(v) < len(after) {
			return len(v) > 0 && !isBlank(v)
		}
		if after == "" {
			// 品牌：X — the value is the next segment, after the colon.
			r, size := utf8.DecodeRuneInString(rest)
			if r == '：' || r == ':' {
				v := strings.TrimLeft(rest[size:], " ")
				return len(v) > 0 && !isBlank(v)
			}
		}
	}
	return false
}

func isBlank(v string) bool {
	r, _ := utf8.DecodeRuneInString(v)
	switch r {
	case '_', '＿', '（', '(', '/', '—', '-', '…', '无', '详', '见', '自', '由', '填', '投', '不':
		return true
	}
	return false
}

// asciiWordBoundary keeps "GE" from matching inside "GEAR".
func asciiWordBoundary(s string, start, end int) bool {
	isWord := func(b byte) bool {
		return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
	}
	if isWord(s[start]) && start > 0 && isWord(s[start-1]) {
		return false
	}
	if isWord(s[end-1]) && end < len(s) && isWord(s[end]) {
		return false
	}
	return true
}

// quoteSpan trims line[cs:ce] and returns its rune offsets in the line.
func (st *state) quoteSpan(li, cs, ce int) (start, end int, quote string) {
	line := st.lines[li]
	raw := line[cs:ce]
	trimmed := strings.TrimLeft(raw, " \t\u3000")
	cs += len(raw) - len(trimmed)
	quote = strings.TrimRight(trimmed, " \t\u3000")
	start = st.runeOffset(li, cs)
	end = start + utf8.RuneCountInString(quote)
	return start, end, quote
}

// maxQuoteRunes bounds a finding's quote: a longer clause is quoted by the
// comma-separated part holding the topic, or by a stretch around it.
const maxQuoteRunes = 200

// quoteAround quotes the clause line[cs:ce] for a finding whose topic
// starts at byte pos.
func (st *state) quoteAround(li, cs, ce, pos int) (start, end int, quote string) {
	line := st.lines[li]
	if utf8.RuneCountInString(line[cs:ce]) <= maxQuoteRunes {
		return st.quoteSpan(li, cs, ce)
	}
	from := segmentStart(line, cs, pos)
	to := pos
	for to < ce {
		r, size := utf8.DecodeRuneInString(line[to:])
		if isSegmentEnd(r) {
			break
		}
		to += size
	}
	if utf8.RuneCountInString(line[from:to]) > maxQuoteRunes {
		// Some context before the topic, the rest after it.
		lo := pos
		for k := 0; k < maxQuoteRunes/4 && lo > from; k++ {
			_, size := utf8.DecodeLastRuneInString(line[from:lo])
			lo -= size
		}
		hi := lo
		for k := 0; k < maxQuoteRunes && hi < to; k++ {
			_, size := utf8.DecodeRuneInString(line[hi:to])
			hi += size
		}
		from, to = lo, hi
	}
	return st.quoteSpan(li, from, to)
}

// applyDocumentWaiver: a document that states the first-set waiver once
// (视同满足市场占有率、应用业绩等要求, or 已投保的不再收取质量保证金) still asks
// other bidders for what it waives; M24-4 and O18-14 are then respected, so
// the requirement drops to low.
func (st *state) applyDocumentWaiver(unit string) {
	for i := range st.out.listed {
		f := &st.out.listed[i]
		switch {
		case (f.Rule == MarketShare || f.Rule == PastPerformance) && st.waiverLine > 0:
			f.Severity = Low
			f.FirstSet = "文件第" + itoa(st.waiverLine) + unit + "已载明首台（套）产品视同满足该要求（M24-4）；请确认该条款适用于本条。"
		case f.Rule == QualityDeposit && st.depositWaiverLine > 0:
			f.Severity = Low
			f.FirstSet = "文件第" + itoa(st.depositWaiverLine) + unit + "已载明已投保的首台（套）产品不再收取质量保证金（O18-14）；请确认该条款适用于本条。"
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// lineUnit is what a report calls a line: a .docx is numbered by paragraph.
func lineUnit(paragraphs bool) string {
	if paragraphs {
		return "段"
	}
	return "行"
}
