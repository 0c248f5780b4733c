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

// ownWords name the bidder's offer without naming a source.
var ownWords = map[string]bool{"型号": true, "品牌": true, "机型": true}

// ownOffer reports that before (the clause up to a brand word) ends in
// the words that make it the bidder's own: 所投型号, 投标品牌, 拟投机型.
func ownOffer(before, word string) bool {
	for _, w := range []string{"所投", "投标", "拟投", "所供", "所投产品", "所投设备", "投标产品", "本次投标", "同", "该", "本"} {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	// "所投CT机型号": a few characters naming the goods between, before a
	// word that names no source of its own.
	if !ownWords[word] {
		return false
	}
	for _, w := range []string{"所投", "拟投", "投标产品", "投标设备"} {
		if i := strings.LastIndex(before, w); i >= 0 {
			rest := before[i+len(w):]
			if utf8.RuneCountInString(rest) <= 5 && !strings.ContainsAny(rest, "，,。；;：:、的须应必为是采选用与指定均需要求") {
				return true
			}
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
var insistRe = regexp.MustCompile(`不(得)?因[^，,。；;]{0,20}(而|就)?(免除|豁免|减免|免收|免予|免交|免缴|不再收取|不收取)|` +
	`不(影响|改变)[^，,。；;]{0,12}(扣留|收取|缴纳|提交|预留)|不予(豁免|免除|减免)|不(能|得|可)(替代|代替|免除|抵扣|抵减)|不作为(免除|豁免|减免)|不论是否投保|均不(作)?例外|不作例外|即使[^。；;]{0,20}(仍须|仍应|仍需|也须|也应|仍然须)|互不替代`)

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

// backReferenceRe takes back what the clauses before it named: 上述品牌仅供
// 参考, 以上型号不构成限制.
var backReferenceRe = regexp.MustCompile(`(上述|以上|前述|所列)[^，,。；;]{0,10}(品牌|型号|厂家|产品|厂商)[^，,。；;]{0,10}(仅供参考|仅作参考|仅为参考|不构成|不作限制|不具有排他性|供参考)`)

// colonAt reports a colon at byte i of line: a part that ends in one is a
// heading or a label ("业绩要求：…").
func colonAt(line string, i int) bool {
	return strings.HasPrefix(line[i:], "：") || strings.HasPrefix(line[i:], ":")
}

// sameSourceRe asks for the same brand or maker as something else.
var sameSourceRe = regexp.MustCompile(`(相同|一致|同一)的?[^，,。；;]{0,6}(品牌|厂家|厂商|制造商)`)

// sameSourceAsked reports a clause that asks for sameness of source or
// habit rather than a technical fit: 与现有变频器相同的品牌, 操作习惯一致.
func sameSourceAsked(clause string) bool {
	return containsAny(clause, "习惯", "备品备件通用", "便于统一管理", "统一管理") || sameSourceRe.MatchString(clause)
}

// conditionalWaiver reports a waiver granted only after a condition: 提供运
// 行记录后，方可视同满足.
func conditionalWaiver(clause string) bool {
	for _, w := range []string{"方可视同", "才能视同", "方能视同", "才可视同", "后方可", "后，方可"} {
		if i := strings.Index(clause, w); i >= 0 && containsAny(clause[:i], "记录", "运行", "业绩证明", "用户", "案例", "使用证明") {
			return true
		}
	}
	return false
}

// countedRe counts documents: 不少于10份, 3个.
var countedRe = regexp.MustCompile(`[0-9０-９一二两三四五六七八九十]+\s*(份|个|项)`)

// isOpinion reports a clause that judges another (审查意见, 建议删除): it
// quotes a requirement, it makes none.
func isOpinion(clause string) bool {
	return containsAny(clause, "建议删除", "应予删除", "应当删除", "属于以不合理条件", "予以纠正", "责令改正", "建议修改为", "应予纠正",
		"建议改为", "建议调整为", "审查意见")
}

// scoredAfterBut reports a part after k that starts with 但 and scores:
// the negation of part k does not reach it.
func scoredAfterBut(line string, segs []segInfo, k int) bool {
	for j := k + 1; j < len(segs); j++ {
		part := strings.TrimLeft(line[segs[j].start:segs[j].end], " ")
		if strings.HasPrefix(part, "但") && (segs[j].score || scoredByNumber(part)) {
			return true
		}
	}
	return false
}

// productBefore reports that a sales word follows a product (该型号产品销售
// 额, 所投设备的年销售额): the product's sales, not the bidder's revenue.
func productBefore(before string) bool {
	before = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(before, "累计"), "年"), "的")
	return containsAny(before[max(0, len(before)-12):], "产品", "型号", "设备", "机型", "机组")
}

// asideRe is a short part that negates another dimension than the topic's:
// 不限地域, 不论行业, 不区分所有制.
var asideRe = regexp.MustCompile(`^\s*(且|并|但|均)?(不限|不论|不分|不区分|不限制)(地域|地区|区域|行业|所有制|品牌|规模|产地|国别|企业性质|来源)\s*$`)

// companyNameRe is the rest of a company's name after a place: 某某机电设备
// 有限公司.
var companyNameRe = regexp.MustCompile(`^[^，,。；;：:（）()的]{0,14}(有限公司|有限责任公司|股份公司|集团公司)`)

// companyNameAfter reports that a place word starts a company's name, not a
// condition: nothing but a name follows it up to 有限公司, no 注册, 设立 or 的.
func companyNameAfter(after string) bool {
	m := companyNameRe.FindString(after)
	return m != "" && !containsAny(m, "注册", "设立", "设有", "登记", "境内", "范围", "区域")
}

// removalRe removes a requirement the clause quotes: 关于“…”的要求，予以删除.
var removalRe = regexp.MustCompile(`(予以|现予|一并|已)?(删除|取消|废止|不再执行|不再适用)`)

// inQuote reports that the end of before is inside quotation marks.
func inQuote(before string) bool {
	open := strings.Count(before, "“") - strings.Count(before, "”")
	return open > 0 || strings.Count(before, "\"")%2 == 1
}

// reinstatedByBut reports a part after a negation that starts with 但 and
// asks for something: "不要求取得首台（套）认定，但须已有2个成功案例".
func reinstatedByBut(line string, segs []segInfo) bool {
	for _, sg := range segs {
		part := strings.TrimLeft(line[sg.start:sg.end], " ")
		if strings.HasPrefix(part, "但") && (sg.demand || sg.restrict || sg.score) && !sg.negate {
			return true
		}
	}
	return false
}

// caseInNote reports that the parenthesised note holding a word states a
// case (…的…) before it closes: "（成立不足一年的提供银行资信证明）".
func caseInNote(after string) bool {
	end := strings.IndexAny(after, "）)")
	if end < 0 {
		return false
	}
	return strings.Contains(after[:end], "的")
}
