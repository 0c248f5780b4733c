package tender

import "strings"

// RuleID is the stable identifier of one kind of finding. The web and API
// layers key translations and statistics on it; never rename one.
type RuleID string

const (
	MarketShare      RuleID = "MARKET_SHARE"
	PastPerformance  RuleID = "PAST_PERFORMANCE"
	Regional         RuleID = "REGIONAL"
	Brand            RuleID = "BRAND"
	Scale            RuleID = "SCALE"
	Ownership        RuleID = "OWNERSHIP"
	QualityDeposit   RuleID = "QUALITY_DEPOSIT"
	ExcessiveDeposit RuleID = "EXCESSIVE_DEPOSIT"
	EvaluationMethod RuleID = "EVALUATION_METHOD"
)

// Rules lists every rule id in report order.
var Rules = []RuleID{MarketShare, PastPerformance, Regional, Brand, Scale, Ownership,
	QualityDeposit, ExcessiveDeposit, EvaluationMethod}

// Severity ranks a finding: high for a condition the texts forbid outright,
// medium where the buyer has a duty to justify or the texts say "原则上/一般",
// low where the clause is probably lawful but worth a second look.
type Severity string

const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
)

// Basis is one legal ground of a finding. ID is the clause id in
// policy.DefaultRegistry (M24-…, O18-…) for the two Chongqing documents and
// empty for national regulations.
type Basis struct {
	ID   string `json:"id,omitempty"`
	Cite string `json:"cite"`
	// Says why the ground applies, in the platform's words (not a quotation).
	Note string `json:"note,omitempty"`
}

var (
	basisM24 = Basis{ID: "M24-4", Cite: "渝经信规范〔2024〕9号 第（四）条",
		Note: "首台（套）产品提供证明材料即视同满足市场占有率、应用业绩等要求，不得设置歧视性评审标准"}
	basisO18 = Basis{ID: "O18-14", Cite: "渝府办发〔2018〕170号 第（十四）条",
		Note: "不得提出市场占有率、使用业绩等要求，不得超出实际需要或套用特定产品设置标准；已投保的一般不再收取质量保证金；原则上采用综合评估法"}
	basisTender32 = Basis{Cite: "《中华人民共和国招标投标法实施条例》第三十二条",
		Note: "以不合理条件限制、排斥潜在投标人或者投标人"}
	basisProcure20 = Basis{Cite: "《中华人民共和国政府采购法实施条例》第二十条",
		Note: "以不合理的条件对供应商实行差别待遇或者歧视待遇"}
	basisTender26 = Basis{Cite: "《中华人民共和国招标投标法实施条例》第二十六条",
		Note: "投标保证金不得超过招标项目估算价的2%"}
	basisTender58 = Basis{Cite: "《中华人民共和国招标投标法实施条例》第五十八条",
		Note: "履约保证金不得超过中标合同金额的10%"}
)

// ruleInfo is what a finding of a rule says besides where it is.
type ruleInfo struct {
	severity   Severity
	title      string // short Chinese name for the readable report
	basis      []Basis
	suggestion string
}

var ruleInfos = map[RuleID]ruleInfo{
	MarketShare: {High, "市场占有率或销量要求",
		[]Basis{basisM24, basisO18, basisTender32, basisProcure20},
		"删除以市场占有率、销量、保有量或排名设置的资格条件和评分项；可改为：“投标产品的技术性能应满足第×章技术要求。首台（套）重大技术装备仅需提供首台（套）产品证明材料，即视同满足市场占有率、应用业绩等要求。”"},
	PastPerformance: {High, "业绩或用户证明要求",
		[]Basis{basisM24, basisO18, basisTender32, basisProcure20},
		"删除以业绩、成功案例、运行记录或用户证明设置的资格条件和评分项；确需考察履约能力的，可改为：“投标人应提交满足本项目需要的技术方案、质量保证和售后服务措施。首台（套）重大技术装备提供首台（套）产品证明材料的，视同满足应用业绩要求。”"},
	Regional: {High, "地域或行业限制",
		[]Basis{basisO18, basisTender32, basisProcure20},
		"删除对注册地、本地分支机构、本地或特定行业业绩、地方奖项的要求和加分；售后服务可改为：“中标人应承诺在合同履行期间按第×章规定的响应时限提供售后服务。”"},
	Brand: {High, "指定品牌、型号、专利、产地或供应商",
		[]Basis{basisO18, basisTender32, basisProcure20},
		"删除品牌、型号、专利、原产地或特定供应商的限定，改用功能和性能指标描述，如：“投标产品的主要技术参数应不低于下表要求：……”"},
	Scale: {Medium, "企业规模条件",
		[]Basis{basisO18, basisTender32, basisProcure20},
		"删除注册资本、营业收入、资产、利润、人员数量或成立年限等规模条件和相应评分；资格条件以履行本合同所必需的能力为限。"},
	Ownership: {High, "所有制或组织形式限制",
		[]Basis{basisO18, basisTender32, basisProcure20},
		"删除对所有制形式或组织形式的限定和差别评分，可改为：“具有独立承担民事责任能力的法人、其他组织均可参加投标，不因所有制形式或组织形式区别对待。”"},
	QualityDeposit: {Medium, "质量保证金",
		[]Basis{basisO18},
		"对已投保的首台（套）重大技术装备不收取质量保证金，可改为：“投标产品为首台（套）重大技术装备并已投保首台（套）保险的，不再收取质量保证金。”"},
	ExcessiveDeposit: {High, "保证金比例超限",
		[]Basis{basisTender26, basisTender58},
		"将投标保证金降至不超过估算价的2%，履约保证金不超过中标合同金额的10%。"},
	EvaluationMethod: {Medium, "最低价评标",
		[]Basis{basisO18, basisM24},
		"首台（套）产品参与竞争的项目原则上采用综合评估法，可改为：“本项目采用综合评估法，对技术、商务和价格因素综合评审。”"},
}

// Title is the short Chinese name of a rule.
func (r RuleID) Title() string { return ruleInfos[r].title }

// kind says what a keyword tells the analysis about a clause.
type kind uint8

const (
	kTopic         kind = iota // the thing a rule is about (rule-specific)
	kWeakTopic                 // a topic only when one of the rule's qualifiers is also in the clause
	kIndustryTopic             // 本行业, 系统内: REGIONAL only for 业绩 and 奖项
	kQualifier                 // makes a weak topic count (rule-specific)
	kRuleDemand                // a demand marker only for its rule (收取 for deposits, 采用 for methods)
	kExclude                   // a near miss: a topic overlapping it is not a topic (rule-specific)
	kDemand                    // 须, 应, 要求, 不低于, 否则…无效: the clause asks for something
	kRestrict                  // a demand that also narrows the field: 须为, 仅限, 指定, 不接受
	kScore                     // 得分, 加分, 评分: the thing is scored
	kNegate                    // 不得, 不作为, 无需, 不限: the clause forbids or waives the thing
	kReference                 // 仅供参考, 相当于, 自主选择: what the clause names is an example, for the whole clause
	kWaiver                    // 视同满足: first-set products are deemed to meet it
	kFirstSet                  // 首台（套）, 已投保
	kDisclose                  // 注明, 填写: bidders state a fact, nothing is restricted
	kAfterAward                // 中标后, 承诺: an obligation of the winner, not a bar to bidding
	kConditional               // 如为, 若为: a rule for one case, not a restriction
	kCompat                    // 兼容, 接口: a named system is the existing one to fit
	kThreshold                 // 不低于, 以上: a demand that sets a minimum
	kPersonnel                 // 项目经理: experience of staff, not of the product
	kLack                      // 不能提供, 没有, 缺少: the bidder lacks the thing (a condition when its part ends in 的)
	kNeutral                   // 供应商, 须知: words whose inner 应 or 须 is no marker
	kPermit                    // 均可, 亦可, 可提供: a permission; it negates unless its part scores
	kAnchor                    // a word that makes a clause grammar of its rule worth running (grammar.go)
	kBudget                    // 预算金额, 最高限价: the estimated contract value follows
	kBidDeposit                // 投标保证金
	kPerfDeposit               // 履约保证金
	kContractPrice             // 合同价, 中标金额: what a performance deposit is measured against
	kAmend                     // 变更为, 修改为: the verb of an amendment, "由A变更为B"
)

type tag struct {
	kind kind
	rule RuleID
}

// vocabulary maps each keyword to what it signals. Built once; the automaton
// is compiled from its keys.
type vocabulary struct {
	words []string
	tags  [][]tag
	index map[string]int
	// anchorOf[id] has the bit of each grammar (index in grammars) whose
	// anchor the keyword is.
	anchorOf []uint32
}

func (v *vocabulary) add(k kind, rule RuleID, words ...string) {
	for _, w := range words {
		id, ok := v.index[w]
		if !ok {
			id = len(v.words)
			v.index[w] = id
			v.words = append(v.words, w)
			v.tags = append(v.tags, nil)
		}
		v.tags[id] = append(v.tags[id], tag{k, rule})
	}
}

func fields(s string) []string { return strings.Fields(s) }

// buildVocabulary is the rule book. Every word list is written to reason
// about clause structure — what is asked for, and whether it is asked for or
// forbidden — rather than to recognise particular sentences.
func buildVocabulary() *vocabulary {
	v := &vocabulary{index: map[string]int{}}

	// Clause structure, shared by all rules.
	v.add(kThreshold, "", fields(`达到 不低于 不少于 不小于 不得低于 不得少于 不得小于 不应低于 不应少于 不能低于 不能少于
		低于 少于 小于 不足 及以上 年以上 个以上 项以上 家以上 台以上 套以上 元以上 人以上 名以上 次以上 以上的 至少 最少 （含）以上 (含)以上 （含）及以上
		大于 高于 超过 ≥ >= ＞`)...)
	v.add(kDemand, "", fields(`须 必须 需 需要 应 应当 应该 确保 要求 提供 提交 出具 递交 具有 具备 拥有 满足
		否则 无效 废标 否决 不予受理 不予通过 不合格 不通过 资格 准入 入围 门槛 条件 前提 方可 方能 才能 才可
		取消 作为 加以 列为 纳入评 认定`)...)
	v.add(kRestrict, "", fields(`须为 必须为 必须是 应为 应是 均为 只能 仅限 限于 限定 只限 限为 仅 只接受 仅接受 指定
		采用 选用 使用 原装 不接受 不允许 谢绝 拒绝 排除 不得参加 不得参与 不得投标 不能参加 不能参与 不予接受
		或同等 或相当 或等同 或同档次 同等档次 同档次 相当于 参考品牌 推荐品牌 优先 生产的 制造的 供货的 出品的 指定由
		不得作为投标人 不能作为投标人 不具备投标资格 不具有投标资格
		限用 限选 只用 仅用 只选 仅选 只采购 仅采购 ★ ▲ 仅面向 只面向 限面向
		全部为 均须为 均应为 一律为 统一为 全部采用 一律采用 统一采用 均须采用 均应采用 一律使用 统一使用 全部使用 全部选用 统一选用`)...)
	v.add(kScore, "", fields(`得分 加分 扣分 计分 分值 评分 打分 评审因素 评分因素 评审标准 评分标准 评审项 评分项 不得分 不计分
		不予得分 不予计分 满分 权重 分数 折算
		优惠 折扣 让利 倾斜 照顾 加成 优先考虑 优先推荐 优先选择 扣除 分乘以`)...)
	v.add(kNegate, "", fields(`可替代 可代替 可以替代 可以代替 不受 不受限 不受限制 不得 不应 不宜 不能 不可 禁止 严禁 不要求 无需 无须 不需 不需要 不必 不作为 不作 不做 不设 不设置
		不限 不限制 不限定 不指定 不以 不将 不列入 不纳入 不计入 不考虑 不收取 不再收取 不再 免收 免于 免除 豁免 不区分 不论
		各类 平等 非必须 非强制 可不提供 可以不提供 不强制 不予收取 不予设置 不作要求 不做要求 不对 不因 不搞 杜绝 不会
		不属于 无关 不适用 不适用于 不采用 不使用 不选用 取消对 取消了 免予 免提供 删除 不再要求 仅供参考 作为参考 仅作参考 了解情况 不影响 自愿 可自愿 不一定 不享受 不给予 不予优惠 不予倾斜
		项取消 项删除 予以取消 予以删除 一并取消 一并删除 已取消 已删除 均取消
		未设置 未设 未将 未要求 未列入 未作 没有设置 不另扣 不另行扣留 不另扣除 不包含 不包括 不转为 不转作 不再转为 不予评审 不予审查 不予考虑 不予采纳 不作评审 不评审
		适用同一 一视同仁 同等对待 平等对待 同一资格条件 同一评审标准 相同的资格条件 相同的评审标准
		不预留 不另行预留 不再预留 不扣留 不扣除 不留存 不暂扣 不另行收取 不另收 不缴纳 无需缴纳 无须缴纳 免交 免缴`)...)
	// A permission is no demand: "亦可参加". Where its part scores, the
	// score stands: "制造商的业绩均可计分".
	v.add(kPermit, "", fields(`均可 亦可 也可 可提供 可以提供 可以采用 可采用 可以选用 可使用 可以使用 可为 可以为 可以是`)...)
	// A reference remark scopes over its whole clause, not only its own part:
	// "参考品牌：X、Y，仅供参考" names brands first and takes them back after.
	v.add(kReference, "", fields(`仅供参考 仅作参考 仅作为性能参考 作为性能参考 仅为示例 仅为说明 为示例
		同等档次及以上 同档次及以上 参考型号 参考规格 （参考） (参考) 或同等性能 同等性能及以上 或性能相当
		不具有排他性 不构成 自主选择 可选用 相当或更优 或更优 优于参考 同等产品 或相当于 相当于或优于 供评委了解
		不作为评分依据 不作为评标依据 不是本项目 并非`)...)
	v.add(kWaiver, "", fields(`已满足 即已满足 视作满足 认定已满足 视同满足 视同具备 视同具有 视同符合 视为满足 视为符合 视为具有 视为具备 视同`)...)
	v.add(kFirstSet, "", fields(`首台（套） 首台(套) 首台套 首台 已投保 投保了`)...)
	v.add(kDisclose, "", fields(`注明 标明 列明 写明 载明 填写 填报 如实 说明 告知 申报 声明 明示 介绍 描述 列出 标注 标识 报送 登记 公示 包括 基本信息 基本情况 信息表 情况表`)...)
	v.add(kAfterAward, "", fields(`中标后 成交后 签订合同后 合同签订后 签约后 承诺 履约期间 服务期内 合同履行期间 质保期内
		中标人 中标供应商 成交供应商 成交人 中标单位 成交单位`)...)
	v.add(kConditional, "", fields(`如为 如投 若为 若投 如果 如系 凡投 如所投 若所投 如采用 如涉及 若采用 若使用 如使用 如选用 若选用 如含 若含 如需 若需`)...)
	v.add(kCompat, "", fields(`兼容 适配 对接 接口 通讯协议 匹配 配套使用 保持一致 现有 原有 已建 扩容`)...)
	v.add(kPersonnel, "", fields(`项目经理 项目负责人 技术负责人 负责人 人员 工程师 总监 建造师 拟派`)...)
	// A lack is the bidder's: "不能提供销量证明的，不得分" penalises it, the
	// buyer forbids nothing. Where its part is a condition (ends in 的 or
	// 者) the consequence decides; elsewhere it negates.
	v.add(kLack, "", fields(`不能提供 无法提供 未能提供 不能出具 无法出具 未能出具 不能满足 无法满足 未能满足 不能达到 无法达到
		达不到 未达到 没有 缺少 缺乏 不具备 不具有 不满`)...)
	v.add(kNeutral, "", fields(`供应 响应 相应 对应 应用 适应 应急 反应 效应 感应 应答 应对 回应 顺应 应收 应付 应纳 照应 呼应
		须知 需求 所需 必需品 使用证明 使用报告 使用情况 使用业绩 使用寿命 使用说明 使用年限 使用环境 使用条件 使用单位 使用方 排除故障 条件下 条件允许
		作为一个 不作为时 资格审查方法 许可使用 许可证 认可使用`)...)
	v.add(kBudget, "", fields(`预算 预算金额 采购预算 项目预算 预算价 预算为 预算： 预算: 最高限价 最高投标限价 投标限价 招标控制价 控制价
		估算价 合同估算价 项目估算 投资估算 概算 项目总投资 预估采购总额 采购总额 预估金额 预估总额 预计采购金额 预估采购金额`)...)
	v.add(kBidDeposit, "", fields(`投标保证金 投标担保 磋商保证金 响应保证金 谈判保证金 报价保证金 比选保证金 竞价保证金 询价保证金 竞争性谈判保证金`)...)
	v.add(kPerfDeposit, "", fields(`履约保证金 履约担保 履约保函`)...)
	v.add(kContractPrice, "", fields(`合同价 合同金额 中标金额 合同总价 签约合同价 成交金额 合同价款 中标价 成交价`)...)

	// MARKET_SHARE: the product's standing in the market.
	v.add(kTopic, MarketShare, fields(`市场占有率 占有率 市场份额 市场占比 销量 销售量 销售数量 销售台数 销量排名 销售排名 市场排名
		行业排名 保有量 装机量 出货量 装机台数 在役数量 累计装机 累计装机容量 累计供货量 供货总量 累计销量 累计销售量 单项冠军 隐形冠军 冠军产品 销售额排名 行业前 行业第一 国内第一 全国第一 国内前 全国前 行业领先 龙头企业 排名前`)...)
	v.add(kWeakTopic, MarketShare, fields(`份额 排名 占比 第一名 前三名 前五名 前十名 前三 前五 前十 龙头 领先`)...)
	v.add(kQualifier, MarketShare, fields(`市场 行业 全国 国内 销售 销量 同类产品 国际 全球 品牌`)...)
	v.add(kExclude, MarketShare, fields(`工作份额 承担份额 出资份额 股权份额 份额比例 联合体 得分排名 评分排名 综合得分 排名第一的中标
		按得分 得分由高到低 价格排名 报价排名 技术领先 设计领先 投标人中排名 全部投标人中 所有投标人中 各投标人中 投标人之间 供应商中排名`)...)

	// PAST_PERFORMANCE: proof that the product was sold or used before.
	v.add(kTopic, PastPerformance, fields(`业绩 成功案例 应用案例 使用案例 工程案例 项目案例 典型案例 类似项目经验 同类项目经验
		类似工程经验 用户证明 使用证明 用户使用报告 使用报告 用户报告 用户意见 用户评价 用户名单 用户清单 运行业绩 投运业绩
		挂网运行 投运业绩 供货经验 应用经验 应用实例 工程实例 成功运行 稳定运行记录 安全运行记录 无故障运行记录 运行证明 供货证明
		应用证明 应用情况证明 投运证明 实绩 回访报告 回访记录 使用记录 应用记录 用户合同 客户合同 参考电厂 参考机组
		参考装置 参考电站 参考工程 参考生产线 样板装置 示范装置 可供考察 中标记录 成交记录 履约记录 合同业绩 使用情况证明 使用情况说明 使用情况报告 使用情况反馈 运行情况说明 运行情况报告 用户反馈 供货记录 运行良好 使用意见 用户使用 运行单位证明 使用良好 运行情况证明 良好证明`)...)
	v.add(kWeakTopic, PastPerformance, fields(`履约评价 业主评价 项目清单 案例 运行记录 运行经验 验收报告 验收单 供货合同 销售合同 合同复印件 中标通知书 成交通知书
		项目经验 工程经验 生产经验 制造经验 经验 实例 发票 投运 投入运行 投入使用 用户单位 验收证明 运行经历 单位证明 中应用 中使用 中投运 中运行
		经历 履历 承接过 承担过 完成过 实施过 供应过 供货过 服务过 做过
		商业运行 商业化运行 工业运行 工业化运行 商业化应用 工业化应用 产业化应用 批量应用 规模化应用 正式投运 并网运行 挂网试运行
		成熟应用 成熟运行 成功应用 批量使用 批量供货 广泛应用
		示范项目 样板工程 样板项目 标杆项目 标杆案例 落地案例 交付案例 示范案例 合作客户 客户名单 客户清单 服务客户 业主名单`)...)
	v.add(kQualifier, PastPerformance, fields(`类似 同类 近一年 近两年 近二年 近三年 近四年 近五年 近十年 近1年 近2年 近3年 近4年 近5年
		近年 最近 以往 曾 已在 已经 已有 已被 累计 成功 历史 过往 以来 用户 应用 投运 已完成 已实施 已供货 已运行 年以上 生产 制造
		承接 承担 完成 实施 交付 个以上 项以上 家以上 客户 业主
		每份 每个 每项 每提供 每具有 其他项目 其它项目 既往 此前 往年 试验运行 工业性试验 至少`)...)
	v.add(kExclude, PastPerformance, fields(`业绩考核 纳入业绩 业绩评价 虚假业绩 伪造业绩 业绩造假 弄虚作假 业绩公示 业绩信息公示 经营业绩
		真实性 虚假 业绩清单以 业绩表格式 验收报告格式 经验丰富的技术 经验丰富的专业 售后经验
		付款证明 财务状况 资信证明 纳税证明 社保证明 完税证明`)...)

	// REGIONAL: where the bidder is, or where its record comes from.
	for _, r := range regionWords() {
		v.add(kWeakTopic, Regional, r)
	}
	v.add(kIndustryTopic, Regional, fields(`本行业 行业内 系统内 本系统 本集团 集团内 行业协会 行业主管部门`)...)
	v.add(kQualifier, Regional, fields(`注册 分公司 分支机构 办事处 服务网点 售后网点 网点 办公场所 服务机构 服务站 常驻 驻点 纳税 缴纳社保 社保
		营业执照 企业 供应商 厂家 厂商 生产 制造 业绩 奖 荣誉 税务 增值税 税款 税收 名牌 著名商标 设立 设有 注册地 工商 行业主管 办公场所 经营场所
		备案 入库 名录 承接 经历 会员 协会 商会 信用评价 信用等级 诚信评价 信用评级`)...)
	// A price deduction for local bidders is a preference as much as a bar.
	v.add(kRuleDemand, Regional, fields(`价格扣除 上浮 加价 上调`)...)
	// Goods or bidders named by their place: a preference or a bar.
	v.add(kTopic, Regional, fields(`本地品牌 本地产品 本地生产 本地制造 本市生产 本市产品 本地企业 本市企业 本地供应商 本市供应商
		外地供应商 外地企业 市外供应商 市外企业 外省供应商 外省企业`)...)
	v.add(kExclude, Regional, fields(`本地化 本地部署 本地存储 本地备份 本地控制 本地操作 本地显示 本地保存 本地/远程 就地 本地调试
		本地升级 本地服务器 重庆市首台 本市首台 我市首台 交易网 交易平台 交易中心 公共资源 政府采购网 采购网 招标投标网
		项目所在地进行 所在地税务 所在地的法律 住所地 注册地址 生产地址 企业所在地 供应商所在地 所在地址
		采购云平台 云平台 电子卖场 电子商城 采购平台
		本市行政区域内的首台 行政监督部门 主管部门投诉 本地时间 安全生产 生产安全 规定 法律法规 气候 地质 交通运输`)...)

	// BRAND: a named brand, model, patent, origin or supplier.
	v.add(kTopic, Brand, fields(`品牌 牌子 原装进口 进口原装 进口产品 进口品牌 进口设备 进口配件 国外品牌 外国品牌 欧美品牌 国际品牌
		国际知名 一线品牌 知名品牌 合资品牌 原产地 专利号 专利技术 专有技术 同等档次 同档次 或同等 或相当 原厂生产
		指定的品牌 指定品牌 指定供应商 指定厂家 指定生产厂 特定供应商 特定厂家 原产于 产地为 产地须 产地必须
		独有的专利 专利工艺 发明专利 唯一授权 同一品牌 统一品牌 牌设备 唯一指定 独家指定 指定代理 指定经销`)...)
	v.add(kWeakTopic, Brand, fields(`型号 进口 产地 德国 日本 美国 瑞典 瑞士 意大利 法国 英国 韩国 丹麦 芬兰 奥地利 欧洲 原厂 公司生产
		德系 日系 美系 欧系 韩系 欧美系 欧美日 进口或合资 外资品牌
		厂生产 公司制造 厂制造 公司供货 集团生产 原设备制造商 原制造商 原生产厂家 原厂家 原生产厂`)...)
	v.add(kWeakTopic, Brand, brandNames()...)
	v.add(kQualifier, Brand, fields(`须为 必须为 必须是 应为 均为 只能 仅限 限于 限定 只限 仅 只接受 指定 采用 选用 使用 原装 生产 制造 限用 限选 只用 只选
		进口 原产 产的 品牌 型号 或同等 或相当 同等档次 参考 推荐 供货 出品 配置 系列`)...)
	v.add(kExclude, Brand, fields(`不接受进口 拒绝进口 谢绝进口 进口产品不 非进口 不得采购进口 不采购进口 进口产品的，应 进口货物
		报关 海关 商检 进口环节 品牌授权 型号规格表 型号和数量 品牌、型号 品牌和型号 品牌及型号 品牌型号 规格型号 型号、规格 实际选用
		德国标准 美国标准 日本标准 欧洲标准 国际标准 DIN ANSI ASME JIS 美国材料 品牌建设 品牌影响 自主品牌
		曾为 曾向 曾给 曾经为 曾经向 或同等安全 同等标准 同等效力 同等资质 同等条件`)...)

	// SCALE: the bidder's size or age.
	v.add(kTopic, Scale, fields(`注册资本 注册资金 实缴资本 资产总额 总资产 净资产 营业收入 营业额 主营业务收入 销售收入 销售额 年产值
		连续盈利 持续盈利 净利润 纳税额 纳税总额 员工人数 职工人数 员工总数 从业人数 成立年限 经营年限 企业规模 规模以上 500强 五百强
		大型企业 资产规模 年销售额 年销售收入 年营业 成立时间 成立日期 成立满 存续年限 存续时间`)...)
	v.add(kWeakTopic, Scale, fields(`成立 利润 产值 从业人员 员工 职工 规模 资产
		厂房面积 生产厂房 自有厂房 生产场地面积 办公面积 办公场所面积 经营场所面积 仓储面积 仓库面积`)...)
	v.add(kQualifier, Scale, fields(`年以上 满 不少于 不低于 不得低于 之前 以前 日前 年前 早于 不足 年限 人以上 名以上 以上 万元 亿元 ≥ >= 超过 大于 达到`)...)
	v.add(kExclude, Scale, fields(`中小企业 小微企业 监狱企业 残疾人福利 大中型企业划分 规模条件 企业划型 大型企业、中型 营业执照副本
		规模和性能 规模化 建设规模 项目规模 装机规模 工程规模 成立之日 依法成立 成立项目 成立专门 成立专项 成立工作 成立应急
		同等规模 同规模 相同规模 类似规模 相当规模 相近规模 同类规模 规模相当 规模相近 规模相同 规模类似 同等或以上规模 以上规模
		生产规模 供货规模 采购规模 合同规模 设备规模 系统规模 设计规模 装置规模 处理规模 产能规模`)...)

	// OWNERSHIP: who owns the bidder, or its legal form.
	v.add(kTopic, Ownership, fields(`国有企业 国有控股 国有独资 国有全资 央企 中央企业 民营企业 私营企业 外资企业 外商投资企业
		外商独资 中外合资 合资企业 集体企业 事业单位 上市公司 上市的公司 上市企业 主板上市 非公有制 公有制 所有制 企业性质 组织形式 个体工商户 合伙企业 非公企业
		国有参股 国资背景 国有资本 集体所有制 全民所有制 个体户 国有股东 国有出资 国资控股 个人独资企业 港澳台资企业 港资企业 台资企业 军工集团 军工企业 外资比例 外资持股 国有股比例 国资比例 外资股比 国有持股`)...)
	// A legal form is a topic only where the clause makes it a condition.
	v.add(kWeakTopic, Ownership, fields(`股份有限公司 有限责任公司 控股股东 实际控制人 出资人 股东性质 国资委`)...)
	v.add(kQualifier, Ownership, fields(`须为 应为 必须为 仅限 只接受 不具备投标资格 不具有投标资格`)...)
	v.add(kExclude, Ownership, fields(`供货经历 供货业绩 用户单位 法人证书 登记证书 国企采购 国企集中采购 国企集采 国有企业集中采购 国企招标 国企电子商城 国企非招标 国有企业非招标 各类所有制 不同所有制 其他所有制 国有资产 国有资金 国有企业采购 国有采购主体 国有平台`)...)

	// QUALITY_DEPOSIT: retention money for quality on the product.
	v.add(kTopic, QualityDeposit, fields(`质量保证金 质保金 质量保修金 保修金 质量担保金 质量押金 质量保函 质保保证金 质量履约金`)...)
	v.add(kRuleDemand, QualityDeposit, fields(`缴纳 交纳 预留 扣留 扣除 扣减 收取 退还 返还 无息 留存 暂扣 比例 %`)...)

	// EVALUATION_METHOD: lowest price wins.
	v.add(kTopic, EvaluationMethod, fields(`最低评标价法 经评审的最低投标价法 最低投标价法 最低价法 最低价中标 最低评标价 低价中标 最低价成交
		最低价评标 最低价评审 最低价原则 价格最低者 报价最低者 报价最低的 价格最低的 投标价最低 报价由低到高 价格由低到高
		由低到高 从低到高 最低报价中标 合理低价法 合理低价 最低投标价中标 价低者得`)...)
	v.add(kRuleDemand, EvaluationMethod, fields(`评审方式 评标方式 采用 评标方法 评标办法 评审方法 评审办法 评标 中标 成交 推荐 确定 排序 作为 定标 原则 中选 维持`)...)
	v.add(kExclude, EvaluationMethod, fields(`评标基准价 基准价 价格分 价格得分 满分 低于成本 成本价 异常低价 最低价格为 价格扣除 综合评分 综合评估
		得分由高到低 得分从高到低 按得分`)...)
	if len(grammars) > 32 {
		panic("tender: more grammars than bits in vocabulary.anchorOf")
	}
	for gi, g := range grammars {
		v.add(kAnchor, g.rule, g.anchors...)
		for _, w := range g.anchors {
			id := v.index[w]
			for len(v.anchorOf) <= id {
				v.anchorOf = append(v.anchorOf, 0)
			}
			v.anchorOf[id] |= 1 << uint(gi)
		}
	}
	v.add(kAmend, "", amendVerbs...)
	return v
}

// isIndustryWord reports a keyword tagged as an industry topic (本行业, 系统内).
func (v *vocabulary) isIndustryWord(w string) bool {
	id, ok := v.index[w]
	if !ok {
		return false
	}
	for _, t := range v.tags[id] {
		if t.kind == kIndustryTopic {
			return true
		}
	}
	return false
}

// regionWords are words that tie a condition to a place: the bidder's own
// place words and Chongqing's districts and counties (GB/T 2260 names in the
// project's district list), plus province-level names.
func regionWords() []string {
	words := fields(`本地 本市 本省 本区 本县 当地 项目所在地 市内 省内 县内 辖区内 省级 市级 区级 县级 在渝 驻渝 渝内 重庆 外地 外省 市外 省外 外埠
		主城 西部地区 川渝 成渝 西南地区 西北地区 华东地区 华南地区 华北地区 华中地区 东北地区 长三角 珠三角 京津冀 粤港澳`)
	districts := fields(`万州 涪陵 渝中 大渡口 江北 沙坪坝 九龙坡 南岸 北碚 綦江 大足 渝北 巴南 黔江 长寿 江津 合川 永川 南川
		璧山 铜梁 潼南 荣昌 开州 梁平 武隆 城口 丰都 垫江 忠县 云阳 奉节 巫山 巫溪 石柱 秀山 酉阳 彭水 两江新区 高新区`)
	provinces := fields(`北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西
		海南 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆`)
	return append(append(words, districts...), provinces...)
}

// brandNames are manufacturers whose names appear in equipment tenders; a
// name counts only with a brand qualifier (采用, 品牌, 型号…) in the clause.
func brandNames() []string {
	return fields(`西门子 施耐德 霍尼韦尔 罗克韦尔 艾默生 横河 三菱 欧姆龙 博世 力士乐 卡特彼勒 小松 日立 东芝 发那科 安川 库卡
		舍弗勒 费斯托 丹佛斯 格兰富 阿特拉斯 英格索兰 康明斯 利勃海尔 海德汉 倍加福 菲尼克斯 魏德米勒 恩德斯豪斯 福禄克
		通用电气 约克 开利 特灵 大金空调 奥的斯 通力电梯 迅达 蒂森 三一重工 徐工 中联重科 华为 思科 正泰 德力西 ABB SKF FAG NSK GE
		Siemens Schneider Honeywell Rockwell Emerson Yokogawa Bosch Rexroth Festo Danfoss Grundfos Cummins
		Mitsubishi Omron Fanuc Yaskawa KUKA Caterpillar Cisco Huawei`)
}
