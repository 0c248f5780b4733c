package tender

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// What a clause's words refer to: the bidder's own offer or a name given to
// it, a company's name or a legal form, the old text of an amendment or the
// new, a question or a demand. Each is read from the few characters around a
// topic, not from a list of sentences.

// isQuestion reports a clause that ends in a question mark (rest is the
// line from the clause's end): a question in a Q&A asks, it demands nothing.
func isQuestion(rest string) bool {
	return strings.HasPrefix(rest, "？") || strings.HasPrefix(rest, "?")
}

// ownOffer reports that before (the clause up to a brand word) ends in
// the words that make it the bidder's own: 所投型号, 投标品牌, 拟投机型.
func ownOffer(before string) bool {
	for _, w := range []string{"所投", "投标", "拟投", "所供", "所投产品", "所投设备", "投标产品", "本次投标", "同", "该", "本"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// legalForms are ownership words that are also the tail of a company name.
var legalForms = map[string]bool{"股份有限公司": true, "有限责任公司": true}

// partOfName reports that a legal form follows a name (华岳精机股份有限公司)
// rather than a verb (须为股份有限公司): before ends in a Chinese character
// or letter that is not 为, 是, 系 or 属.
func partOfName(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	if r == utf8.RuneError || strings.ContainsRune("为是系属的", r) {
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// controlWords are the ownership words that name who controls the bidder.
var controlWords = map[string]bool{"实际控制人": true, "控股股东": true, "出资人": true}

// modelCodeAt reports a model code right after a maker's name: "ABB M3BP",
// "西门子S7-1500": Latin capitals or digits, at least three, after at most
// one space.
func modelCodeAt(after string) bool {
	after = strings.TrimPrefix(after, " ")
	n := 0
	for _, r := range after {
		if r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' && n > 0 {
			n++
			continue
		}
		break
	}
	return n >= 3
}

// amendVerbs are the verbs of an amendment, "由A变更为B"; amendRe finds
// them.
var (
	amendVerbs = []string{"变更为", "调整为", "修改为", "更改为", "修订为", "改为"}
	amendRe    = regexp.MustCompile(`(变更|调整|修改|更改|修订|改)为`)
)

// amendmentAt is the byte range in clause of A in "由A变更为B", the text
// an amendment replaces, or 0, 0.
func amendmentAt(clause string) (from, to int) {
	from = strings.Index(clause, "由")
	if from < 0 {
		// 原条款“A”修改为“B”, 评分表中“A”评分项修改为“B”: the old text
		// starts at its quote.
		from = strings.IndexAny(clause, "“\"")
		if from < 0 {
			return 0, 0
		}
	}
	loc := amendRe.FindStringIndex(clause[from:])
	if loc == nil {
		return 0, 0
	}
	return from, from + loc[0]
}

// levelWords name a level of government, not a place: 省级重点工程 is no
// local record (a 省级 award is, see the grammars).
var levelWords = map[string]bool{"省级": true, "市级": true, "区级": true, "县级": true}

// placeLabels introduce where goods go or work is done, which a place then
// fills in.
var placeLabels = []string{"交货地点", "交付地点", "安装地点", "供货地点", "服务地点", "实施地点", "项目地点", "建设地点", "交货地址", "送货地点", "使用地点"}

// insistRe refuses a waiver: "不因投保首台（套）保险而免除".
var insistRe = regexp.MustCompile(`不(得)?因[^，,。；;]{0,20}(而|就)?(免除|豁免|减免|免收|免予|免交|免缴|不再收取|不收取)`)

// personnelBefore reports staff named in segment k or before it in the
// clause: "拟派技术人员不少于3名，均须具有5年以上经验" is about staff.
func personnelBefore(segs []segInfo, k int) bool {
	for i := 0; i <= k && i < len(segs); i++ {
		if segs[i].personnel {
			return true
		}
	}
	return false
}

// rankedAfter reports a rank right after a word of size, before the next
// 且 or 并: "营业收入排名前十" ranks, "营业收入不低于3亿元且销售额位居前十"
// sets a size.
func rankedAfter(after string) bool {
	for _, stop := range []string{"且", "并", "同时", "和", "及"} {
		if i := strings.Index(after, stop); i >= 0 {
			after = after[:i]
		}
	}
	// "在本次全部投标人中排名前三": a rank among the bidders is their size.
	if containsAny(after, "投标人中", "供应商中", "投标人之间") {
		return false
	}
	return containsAny(after, "排名", "排行", "位居", "位列", "名列", "前十", "前三", "前五")
}

// registryRe is a register kept by state-owned buyers, which an owner word
// names: 国有企业合格供应商名录, 国企采购平台.
var registryRe = regexp.MustCompile(`^(国有企业|国企|央企|中央企业)[^，,。；;]{0,6}(合格供应商|供应商名录|供应商库|名录|采购平台|电子商城|采购商城)`)

// buyerRe is a state-owned buyer's procurement, which an owner word names:
// 国企非招标采购, 国企集中采购.
var buyerRe = regexp.MustCompile(`^.?(国有企业|国企|央企|中央企业)(非招标|集中|招标|电子|自行)?(采购|集采|招标)`)

// ownMakerRe is the maker of the bidder's own offer: 所投设备制造商的原厂配件.
var ownMakerRe = regexp.MustCompile(`所投[^，,。；;：:]{0,6}(制造商|生产商|厂家|厂商|生产厂)`)

// ownMaker reports that part (a segment up to a brand word) names the
// maker of the bidder's own offer.
func ownMaker(part string) bool {
	return strings.Contains(part, "所投") && ownMakerRe.MatchString(part)
}

// bidderSize reports that 规模 is the bidder's: after 企业, 公司, 经营,
// 资产, 人员 or 投标人(的), or standing alone.
func bidderSize(before string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	if r == utf8.RuneError || !unicode.Is(unicode.Han, r) {
		return true
	}
	for _, w := range []string{"企业", "公司", "经营", "资产", "人员", "投标人", "供应商", "投标人的", "供应商的", "企业的", "公司的"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// proofWords are documents that prove a fact; next to a market standing
// they prove that, not a record.
var proofWords = map[string]bool{"销售合同": true, "供货合同": true, "合同复印件": true, "发票": true, "中标通知书": true,
	"成交通知书": true, "验收单": true, "验收证明": true}

// generalGoods reports a clause about general goods or services, for which
// the lowest price may decide (the policy's 综合评估法 is for first-set
// equipment): 通用办公家具, 不涉及重大技术装备.
func generalGoods(clause string) bool {
	return containsAny(clause, "不涉及重大技术装备", "不涉及首台", "通用办公", "通用服务", "通用货物", "通用类", "办公用品", "办公家具")
}

// tieBreak reports a part before the topic that states a tie: "得分相同的".
func tieBreak(line string, before []segInfo) bool {
	for _, sg := range before {
		if part := line[sg.start:sg.end]; containsAny(part, "相同", "并列", "相等", "一致") && conditionPart(part) {
			return true
		}
	}
	return false
}

// servesCustomer reports an owner named as the customer served (为国有企业
// 提供同类设备), not as what the bidder must be (须为国有企业).
func servesCustomer(part string) bool {
	for _, loc := range customerRe.FindAllStringIndex(part, 4) {
		r, _ := utf8.DecodeLastRuneInString(part[:loc[0]])
		if !strings.ContainsRune("须应必均仅只限是成作视认应当", r) {
			return true
		}
	}
	return false
}

// inNote reports that the end of before (a part up to a word) is inside a
// parenthesised note: an opening bracket not yet closed.
func inNote(before string) bool {
	depth := 0
	for _, r := range before {
		switch r {
		case '（', '(':
			depth++
		case '）', ')':
			depth = max(0, depth-1)
		}
	}
	return depth > 0
}
