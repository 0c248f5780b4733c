package policy

import (
	"fmt"
	"strings"
)

// ClauseID names a clause: the document prefix and the item number, such as
// "M24-2" for 渝经信规范〔2024〕9号 （二） or "O18-14" for 渝府办发〔2018〕170号 （十四）.
type ClauseID string

// The clauses the engine cites. Every one of them must be in the registry
// an Engine is built with.
const (
	M24FirstPurchase ClauseID = "M24-1"        // 首购首用奖励
	M24Premium       ClauseID = "M24-2"        // 保费补贴
	M24Talent        ClauseID = "M24-2-talent" // 同等条件下人才牵头研制优先
	O18Catalog       ClauseID = "O18-5"        // 检测评定、产品目录
	O18Funding       ClauseID = "O18-9"        // 首购首用风险补偿
)

// The two documents.
const (
	DocM24 = "渝经信规范〔2024〕9号"
	DocO18 = "渝府办发〔2018〕170号"
)

// Clause is one item of a policy document as people quote it.
type Clause struct {
	ID       ClauseID `json:"id"`
	Document string   `json:"document"` // document number, e.g. 渝经信规范〔2024〕9号
	Item     string   `json:"item"`     // e.g. 第（二）条
	Title    string   `json:"title"`
	Excerpt  string   `json:"excerpt"` // short quotation from the text; "……" marks an omission
}

// Citation renders the clause the way a reviewer writes it:
// "渝经信规范〔2024〕9号 第（二）条".
func (c Clause) Citation() string { return c.Document + " " + c.Item }

// Registry is an immutable set of clauses looked up by id.
type Registry struct {
	clauses []Clause
	byID    map[ClauseID]int
}

// NewRegistry checks that ids are unique and every field is filled.
func NewRegistry(clauses []Clause) (*Registry, error) {
	r := &Registry{clauses: make([]Clause, len(clauses)), byID: make(map[ClauseID]int, len(clauses))}
	copy(r.clauses, clauses)
	for i, c := range r.clauses {
		if c.ID == "" || c.Document == "" || c.Item == "" || c.Title == "" || c.Excerpt == "" {
			return nil, fmt.Errorf("clause %q: id, document, item, title and excerpt are all required", c.ID)
		}
		if _, dup := r.byID[c.ID]; dup {
			return nil, fmt.Errorf("clause %q appears twice", c.ID)
		}
		r.byID[c.ID] = i
	}
	return r, nil
}

// Lookup returns the clause with id.
func (r *Registry) Lookup(id ClauseID) (Clause, bool) {
	i, ok := r.byID[id]
	if !ok {
		return Clause{}, false
	}
	return r.clauses[i], true
}

// Cite renders the citations of ids joined as one reference; clauses of the
// same document share the document number: "渝经信规范〔2024〕9号 第（一）条、第（二）条".
// An unknown id is rendered as itself so that a gap shows instead of hiding.
func (r *Registry) Cite(ids ...ClauseID) string {
	var b strings.Builder
	lastDoc := ""
	for i, id := range ids {
		c, ok := r.Lookup(id)
		switch {
		case !ok:
			if i > 0 {
				b.WriteString("；")
			}
			b.WriteString(string(id))
			lastDoc = ""
		case c.Document == lastDoc:
			b.WriteString("、")
			b.WriteString(c.Item)
		default:
			if i > 0 {
				b.WriteString("；")
			}
			b.WriteString(c.Citation())
			lastDoc = c.Document
		}
	}
	return b.String()
}

// All returns the clauses in the order they were given.
func (r *Registry) All() []Clause {
	out := make([]Clause, len(r.clauses))
	copy(out, r.clauses)
	return out
}

// chineseItem writes n (1…99) the way the documents number their items:
// 第（十四）条.
func chineseItem(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	var s string
	switch {
	case n < 10:
		s = digits[n]
	case n == 10:
		s = "十"
	case n < 20:
		s = "十" + digits[n-10]
	default:
		s = digits[n/10] + "十" + digits[n%10]
	}
	return "第（" + s + "）条"
}

// DefaultRegistry holds the clauses of the two documents.
func DefaultRegistry() *Registry {
	r, err := NewRegistry(defaultClauses())
	if err != nil {
		panic(err) // the table below is fixed; a failure is a programming error caught by tests
	}
	return r
}

func defaultClauses() []Clause {
	m24 := []struct{ title, excerpt string }{
		{"给予首台（套）首购首用奖励", "重庆市首台（套）重大技术装备在有效期内（三年）可以享受首台（套）首购首用奖励，按照不超过实际支付额的30%，择优给予首购首用奖励，奖励资金最高500万元。"},
		{"给予首台（套）保费补贴奖励", "补贴按照不超过实际投保年度保费的80%且实际保险费率不超过3%的上限计算，单个产品年保费补贴不超过500万元，补贴时限按保险期限据实核算，原则上不超过3年，保险期应连续不间断。上一年度投保且未发生理赔的，当年和下一年度分别按70%、60%给予保费补贴（实际投保费率较上一年度同比例下降的除外）；如当年发生理赔的，下一年度按80%给予保费补贴。"},
		{"定期召开首台（套）新产品发布会", "每年举办一次首台（套）重大技术装备新产品发布会，为首台（套）产品研制企业颁发牌匾，对产品主要研发人员颁发荣誉证书"},
		{"落实支持首台（套）重大技术装备参与招标投标政策", "首台（套）重大技术装备参与我市招标投标活动，仅需提供首台（套）重大技术装备产品证明材料，即视同满足市场占有率、应用业绩等要求。"},
		{"鼓励国有平台加大首台（套）重大技术装备采购力度", "鼓励市属国有企业提高重庆市首台（套）重大技术装备产品和服务的采购、使用及推广比例……定期通报重点建设工程、政府投资项目和国有平台（企业）重庆市首台（套）重大技术装备产品使用情况。"},
		{"建立首台（套）重大技术装备采购容错纠错机制", "按照鼓励尝试、宽容失败的原则，制定重庆市首台（套）重大技术装备示范应用过失宽容等容错政策。"},
		{"落实金融扶持政策", "鼓励金融租赁公司按照市场化原则，为重庆市首台（套）重大技术装备产品研制企业提供融资服务。引导银行为重庆市首台（套）重大技术装备产品研制企业和示范应用项目提供低息贷款"},
	}
	o18 := []struct{ title, excerpt string }{
		{"指导思想", "推动我市首台（套）重大技术装备示范应用取得突破性进展，促进装备制造业优化升级。"},
		{"基本原则", "坚持政府引导与市场机制相结合。……坚持供给提升与需求牵引相结合。……坚持重点突破与协同推进相结合。……坚持争取支持与自主发展相结合。"},
		{"主要目标", "到2025年，建立起首台（套）重大技术装备推广应用长效机制，全面提升我市装备制造业综合实力。"},
		{"完善重大技术装备研发创新体系", "对接国家重大技术装备创新目录，编制我市重大技术装备创新目录……加强众创成果评定和供需对接"},
		{"建立健全首台（套）重大技术装备检测评定体系", "贯彻落实国家首台（套）重大技术装备评定办法，发布并动态调整通过评定的首台（套）重大技术装备产品目录，作为示范应用的依据。"},
		{"构建首台（套）重大技术装备示范应用体系", "依托重大工程建设和有条件的行业骨干企业等，建立首台（套）重大技术装备示范应用基地……对首台（套）重大技术装备示范效果开展评价"},
		{"推动军民两用技术和装备融合发展", "鼓励军工企业开展首台（套）重大技术装备示范应用。"},
		{"加强首台（套）重大技术装备知识产权运用和保护", "围绕首台（套）重大技术装备产业链和价值链，加快培育高价值专利。……严厉打击知识产权侵权假冒行为。"},
		{"加大资金支持力度", "对首购首用或远期约定购买经评定的首台（套）重大技术装备的企业，给予一定的风险补偿。"},
		{"落实税收政策", "企业购置首台（套）重大技术装备的，按规定享受固定资产加速折旧政策。"},
		{"优化金融支持和服务", "为符合条件的首台（套）重大技术装备企业提供融资服务。……引导有条件的商业银行建立首台（套）重大技术装备企业和项目贷款“绿色通道”"},
		{"增强保险“稳定器”作用", "继续实施首台（套）重大技术装备保险补偿政策。优化保险机构共保体的运行模式和机制……建立健全理赔快速通道"},
		{"发挥国有企业作用", "国有企业积极推进首台（套）重大技术装备产品和服务的采购、使用及推广，提高采购比例……建立首台（套）重大技术装备示范应用过失宽容机制"},
		{"强化法律法规保障", "在首台（套）重大技术装备投标时，招标单位不得提出市场占有率、使用业绩等要求……对于已投保的首台（套）重大技术装备，一般不再收取质量保证金。"},
		{"鼓励优先采购首台（套）重大技术装备", "在政府采购项目中，鼓励优先采购或远期约定购买首台（套）重大技术装备。"},
		{"加强组织实施领导", "按年度明确和分解重点任务，每年12月底前向市政府报告年度工作情况。"},
		{"完善配套政策措施", "抓紧完善我市相关配套政策措施，尽快形成完备的政策支撑体系。"},
		{"强化监督检查评估", "加强对政策落实和执行情况的督查检查、跟踪分析工作，适时开展第三方评估"},
		{"建立咨询保障机制", "搭建首台（套）重大技术装备示范应用信息服务平台……为有关部门、单位和企业提供信息咨询服务。"},
	}
	var out []Clause
	for i, c := range m24 {
		out = append(out, Clause{ID: ClauseID(fmt.Sprintf("M24-%d", i+1)), Document: DocM24, Item: chineseItem(i + 1), Title: c.title, Excerpt: c.excerpt})
	}
	// The talent paragraph follows item (二) without a number of its own and
	// applies to both rewards above it.
	out = append(out, Clause{
		ID: M24Talent, Document: DocM24, Item: "第（二）条后段（同等条件优先）",
		Title:   "同等条件下优先支持人才牵头研制的产品",
		Excerpt: "同等条件下，优先支持由入选国家相关引才计划人才牵头研制成功的首台（套）重大技术装备产品享受以上资金奖励。",
	})
	for i, c := range o18 {
		out = append(out, Clause{ID: ClauseID(fmt.Sprintf("O18-%d", i+1)), Document: DocO18, Item: chineseItem(i + 1), Title: c.title, Excerpt: c.excerpt})
	}
	return out
}
