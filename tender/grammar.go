package tender

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Clause grammars: what a clause requires, written as the shape of a phrase
// (a subject word, a few characters, a head word) rather than as a list of
// sentences, so that wordings the vocabulary has never seen are caught. Each
// grammar runs only on a clause that holds one of its anchors (a keyword of
// kind kAnchor), which keeps the check linear and cheap.
type grammar struct {
	rule    RuleID
	anchors []string
	re      *regexp.Regexp
	heads   []string // words one of which every match holds: a cheap look before re runs
	// restricts: the match is itself a restriction of its part, whatever
	// negation it holds ("其他品牌不予接受").
	restricts bool
	// accept, when set, judges a match within its comma-separated part
	// (a number read from it, say); nil accepts every match.
	accept func(match, part string) bool
}

// near is "within a few characters, no comma or stop in between".
const near = `[^，,。；;：:！？]{0,8}`

// ordinal is a rank: 前三, 前10, 第一.
const ordinal = `(前|第)[一二两三四五六七八九十0-9０-９]+`

var grammars = []grammar{
	// The product's standing: counts of units sold, installed or in service,
	// and a rank by sales, installations or share.
	{rule: MarketShare, anchors: []string{"在役", "在用", "在运", "在网", "装机", "出货", "保有", "累计销售", "销售额", "销售量", "销量",
		"出口量", "销售收入", "销售业绩", "销售总额", "装机容量", "新增装机"},
		re: regexp.MustCompile(`(在役|在用|在运|在网|装机|出货|保有|累计销售|销售)(数量|台数|台套数|套数|总量|总台数)|` +
			`(出货|装机|保有|在役|售出)[^，,。；;：:]{1,4}数|` +
			`(在网|在役|在用)(运行|使用|服务)(数量|台数|台套数|套数|总量|总台数)|` +
			`(销量|销售额|销售量|销售总额|出货量|装机量|保有量|出口量|销售收入|销售业绩|装机容量|新增装机)` + near +
			`(排名|排行|名列|位列|位居|跻身|进入|居于|` + ordinal + `|首位|榜首|前列|前茅)`),
		heads: []string{"数", "总量", "排名", "排行", "名列", "位列", "位居", "跻身", "进入", "居于", "前", "第", "首位", "榜首"}},
	// A count of units used across a market: 全国同类电厂的使用台数, as
	// opposed to the units of one installation (同时运行台数为2台).
	{rule: MarketShare, anchors: []string{"使用台数", "使用数量", "应用台数", "应用数量", "投运台数", "投运数量", "安装台数", "安装数量", "运行台数", "运行数量", "用户数量", "用户数"},
		re:     regexp.MustCompile(`(使用|应用|投运|安装|运行|用户)(台数|台套数|数量|总量|数)`),
		heads:  []string{"台数", "数量", "总量", "数"},
		accept: acrossMarket},
	// A place on a ranked list: 入选“十大品牌”榜单, 位列行业十强.
	{rule: MarketShare, anchors: []string{"榜单", "排行榜", "品牌榜", "大品牌", "强企业", "强品牌", "十强", "百强", "五强", "三强", "二十强", "五十强"},
		re:     regexp.MustCompile(`榜单|排行榜|品牌榜|[一二三四五六七八九十百0-9]+大(品牌|企业|厂商|供应商|制造商)|[一二三四五六七八九十百0-9]+强(企业|品牌)?`),
		heads:  []string{"榜", "大", "强"},
		accept: notSizeRank},
	// Units already in use across a market: 国内已投入使用不少于50台（套）.
	{rule: MarketShare, anchors: []string{"投入使用", "投入运行", "已投运", "已售出", "累计投运", "累计应用", "开通运营", "投入运营", "装车", "装机运行", "累计装机",
		"累计量产", "量产使用", "累计使用"},
		re: regexp.MustCompile(`(投入使用|投入运行|投运|售出|在用|应用|开通运营|投入运营|装车|装机运行|装机|使用)[^，,。；;：:]{0,6}?(不少于|不低于|超过|达到|逾|累计)?[^，,。；;：:]{0,2}?` +
			`[0-9０-９一二两三四五六七八九十百千]+\s*(台|套|辆|列|组|部|座|条)|` +
			`[0-9０-９一二两三四五六七八九十百千]+\s*(台|套|辆|列|组|部|座|条)[^，,。；;：:]{0,6}(投入使用|投入运行|投运|开通运营|投入运营)`),
		heads:  []string{"台", "套", "辆", "列", "组", "部", "座", "条"},
		accept: manyUnitsAcrossMarket},
	// Lowest price wins: 最低…中标, 价低者得, 报价最低者中标.
	{rule: EvaluationMethod, anchors: []string{"最低", "低价", "价低"},
		re: regexp.MustCompile(`(最低|低价|价低)` + near + `(中标|成交|者得|中选|胜出|确定中标|为中标人|作为中标)|` +
			`(报价|价格|投标价|评标价)最低[^。；;！？]{0,24}(中标|成交|中选|胜出|确定为中标)|` +
			`(成交|中标|定标)(原则|规则|办法|方法)[^。；;！？]{0,30}(报价|价格)最低|` +
			`(最低报价|最低价格|报价最低|价格最低)[^，,。；;！？]{0,8}(确定|排序|排定)[^，,。；;！？]{0,6}(入围|中标|成交|顺序|名次)|(报价|价格)低者(优先|中标|成交|入围|得)`),
		heads: []string{"中标", "成交", "者得", "中选", "胜出", "最低", "优先", "入围", "顺序", "名次"}},
	// Ownership: a state, private or foreign owner, named as a kind of bidder.
	{rule: Ownership, anchors: []string{"国有", "国资", "民营", "私营", "外资", "外商", "集体", "央企", "国企", "民企", "私企", "外企", "港资", "台资", "港澳台"},
		re:    regexp.MustCompile(`(国有|国资|民营|私营|外资|外商|集体|央企|国企|民企|私企|外企|港资|台资|港澳台资?)(大型|中型|大中型|骨干|重点|重要)?(企业|控股|股权|背景|资本|独资|全资|性质|公司|所有|投资)`),
		heads: []string{"企业", "控股", "股权", "背景", "资本", "独资", "全资", "性质", "公司", "所有", "投资"}},
	// The short forms 国企, 民企, 私企, 外企, where they are words: not in
	// 中国企业, 居民企业 or 名录外企业.
	{rule: Ownership, anchors: []string{"国企", "民企", "私企", "外企"},
		re:     regexp.MustCompile(`(^|.)(国企|民企|私企|外企)(.|$)`),
		heads:  []string{"国企", "民企", "私企", "外企"},
		accept: shortOwnerWord},
	// One source: a maker's sole authorisation, the same maker as before,
	// a patent the bidder must own.
	{rule: Brand, anchors: []string{"授权", "代理", "同一", "专利"},
		re:    regexp.MustCompile(`(独家|唯一|排他)(总)?(授权|代理|经销)|同一(品牌|厂家|厂商|制造商|生产商|供应商|生产厂)|(特定|独有|独家|指定)` + near + `专利|专利(号|证书|权人为)`),
		heads: []string{"独家", "唯一", "排他", "同一", "特定", "独有", "指定", "专利号", "专利证书", "专利权人"}},
	// One source by exclusion: every other maker, brand or model is refused.
	{rule: Brand, anchors: []string{"其他品牌", "其它品牌", "其他厂家", "其它厂家", "其他厂商", "其他制造商", "其他生产商", "其他生产厂", "其他型号", "其它型号", "其他产地"},
		re: regexp.MustCompile(`其[他它](品牌|厂家|厂商|制造商|生产商|生产厂|型号|产地)` + near +
			`(不予|不接受|不认可|无效|拒绝|不允许|一律不|概不|不得(参与|参加|投标|使用|采用|替代|代替)|不能(参与|参加|投标|使用|采用|替代|代替))|` +
			`(不接受|不予接受|拒绝|不允许|不得使用|不得采用|不认可)[^，,。；;：:！？]{0,4}其[他它](品牌|厂家|厂商|制造商|生产商|生产厂|型号|产地)`),
		heads: []string{"不予", "不接受", "不认可", "无效", "拒绝", "不允许", "一律不", "概不", "不得", "不能"}, restricts: true},
	// One source kept: the bidder may not change the maker, brand or model
	// the buyer named (不得更换厂家, 不得另行选择供货厂家, 品牌型号不得变更).
	{rule: Brand, anchors: changeRefused(),
		re: regexp.MustCompile(`不(得|能|可|允许|予)[^，,。；;：:！？]{0,4}(更换|变更|替换|另行选择|另选|更改|改变)[^，,。；;：:！？]{0,4}(厂家|品牌|型号|制造商|生产厂|厂商|生产商)|` +
			`(厂家|品牌|型号|制造商|生产厂|厂商|生产商)[^，,。；;：:！？]{0,2}不(得|能|可|允许|予)(更换|变更|替换|更改|改变)`),
		heads: []string{"厂家", "品牌", "型号", "制造商", "生产厂", "厂商", "生产商"}, restricts: true},
	// Named makers as the only choice: 须为宝钢或首钢产品, 须从指定的东方电气、
	// 哈电集团、上海电气三家中选择.
	{rule: Brand, anchors: []string{"中选择", "中选用", "中选取", "之中选择", "范围内选择", "或", "、"},
		re: regexp.MustCompile(`(须|必须|应|只能|仅|均须|只)(为|由|采用|选用|使用)([\p{Han}A-Za-z]{2,8})(或|、|和)([\p{Han}A-Za-z]{2,8})(的)?(产品|生产|制造|品牌|供货|出品)|` +
			`(指定|限定|推荐|确定)的?[^，,。；;：:！？]{2,30}(中|之中|范围内)(选择|选用|选取|确定)`),
		heads:  []string{"产品", "生产", "制造", "品牌", "供货", "出品", "选择", "选用", "选取", "确定"},
		accept: namedMakers},
	// A named series or model by its code: 指定采用瓦锡兰W31系列, 须为NXT Ⅲ系列.
	{rule: Brand, anchors: []string{"系列", "型号为"},
		re:     regexp.MustCompile(`(指定|须为|必须为|须采用|必须采用|只能采用|应采用|仅限|限用|均采用|须选用|应为|采用|选用)[^，,。；;：:！？]{0,24}?[A-Za-z][A-Za-z0-9\-]*[ ]?[A-Za-z0-9\-ⅠⅡⅢⅣⅤ]*[ ]?[A-Za-z0-9\-ⅠⅡⅢⅣⅤ]*[ ]?(系列|型号)`),
		heads:  []string{"系列", "型号"},
		accept: namedSeries},
	// A named company's agent: 须为华岳精机股份有限公司授权的一级代理商.
	// One named company's products: 牵引电机须为中车株洲电机有限公司产品.
	{rule: Brand, anchors: []string{"有限公司产品", "有限公司生产", "有限公司制造", "有限公司的产品", "股份公司产品", "集团公司产品", "集团产品", "集团生产", "厂产品", "厂生产"},
		re:    regexp.MustCompile(`(须为|必须为|应为|须由|必须由|应由|只能为|只能由|仅限|均为|均由)[^，,。；;：:！？]{2,20}(有限公司|股份公司|集团公司|集团|厂)的?(产品|生产|制造|供货|出品)`),
		heads: []string{"产品", "生产", "制造", "供货", "出品"}},
	{rule: Brand, anchors: []string{"公司授权", "集团授权", "公司认可的", "公司指定的", "合作伙伴", "战略合作单位"},
		re: regexp.MustCompile(`(有限公司|股份公司|集团公司|集团)(授权|认可|指定)的?[^，,。；;：:！？]{0,6}(代理商|经销商|代理|经销|服务商|分销商)|` +
			`(有限公司|股份公司|集团公司|集团)的?(战略合作伙伴|合作伙伴|战略合作单位)`),
		heads: []string{"代理", "经销", "服务商", "分销商", "合作"}},
	// One source by likeness: the maker or brand must be the same as another.
	{rule: Brand, anchors: []string{"厂家保持一致", "品牌保持一致", "厂商保持一致", "制造商保持一致", "生产厂保持一致", "型号保持一致",
		"厂家一致", "品牌一致", "厂商一致", "制造商一致", "厂家相同", "品牌相同", "厂商相同", "制造商相同", "型完全相同", "型完全一致", "型相同", "型一致"},
		re:    regexp.MustCompile(`(与|和|同)[^，,。；;：:！？]{1,14}(厂家|品牌|厂商|制造商|生产商|生产厂|型号|[A-Z0-9]型)(完全|保持|相)?(一致|相同)`),
		heads: []string{"一致", "相同"}},
	// One source by name: the bidder must buy from one named company.
	{rule: Brand, anchors: []string{"公司采购", "公司购买", "公司订购", "公司购进", "集团采购", "集团购买", "厂采购", "厂购买", "只能从", "仅能从", "只从", "必须从", "须从", "只可从"},
		re:    regexp.MustCompile(`(从|向|自)[^，,。；;：:！？]{1,16}(公司|集团|厂)(采购|购买|订购|购进|进货)|(只能|仅能|只可|必须|须|只)从[^，,。；;：:！？]{2,12}(采购|购买|订购)`),
		heads: []string{"采购", "购买", "订购", "购进", "进货"}},
	// A record limited to one industry: 其他行业的业绩不予认可, 仅认可水电行业.
	{rule: Regional, anchors: []string{"其他行业", "其它行业", "非本行业", "别的行业", "仅认可", "仅限", "仅接受", "仅计", "仅承认",
		"其他地区", "其它地区", "其他区域", "其它区域", "其他省份", "其他省市", "其他地域", "其他集团", "其它集团", "其他系统", "行业业绩", "行业的业绩"},
		re: regexp.MustCompile(`(其他|其它|非本|别的|非[^，,。；;：:！？非]{1,6})(行业|地区|区域|省份|省市|地域|集团|系统)的?[^，,。；;：:！？]{0,8}(业绩|案例|项目|经验|实绩)[^，,。；;：:！？]{0,4}(不予|不认可|无效|不计|不作|不算|不视为|不被|不得)|` +
			`仅(认可|限|接受|计|承认)[^，,。；;：:！？]{0,24}(行业|系统内|管内|集团内|路局|辖区内)`),
		heads: []string{"不予", "不认可", "无效", "不计", "不作", "不算", "不视为", "不被", "不得", "行业", "系统内", "管内", "集团内", "路局", "辖区内"}, restricts: true},
	// A record with the buyer's own group: 向本公司或本公司下属单位供货的履约记录.
	{rule: Regional, anchors: []string{"向本公司", "为本公司", "给本公司", "在本公司", "向我公司", "为我公司", "向本集团", "为本集团", "向我集团",
		"向采购人", "为采购人", "给采购人", "在采购人", "向招标人", "为招标人", "给招标人", "在招标人"},
		re: regexp.MustCompile(`(向|为|给|在)(本公司|我公司|本集团|我集团|采购人|招标人)[^，,。；;：:！？]{0,12}(供货|供应|服务|实施|完成|履约)` +
			`[^，,。；;：:！？]{0,6}(业绩|记录|经历|经验|案例|项目)`),
		heads: []string{"业绩", "记录", "经历", "经验", "案例", "项目"}},
	// Place: the district or county of the project, local awards and marks.
	{rule: Regional, anchors: []string{"项目所在", "采购人所在", "著名商标", "知名商标", "省级", "市级", "区级", "县级"},
		re:    regexp.MustCompile(`(项目|采购人)所在(区县|区|县|市|省|地区)|(省|市|区|县)级` + near + `(奖|称号|商标|名牌|荣誉)|(著名|知名)商标`),
		heads: []string{"所在区", "所在县", "所在市", "所在省", "所在地区", "奖", "称号", "商标", "名牌", "荣誉"}},
	// The bidder's head count: many staff of a kind (技术人员不少于100名),
	// as opposed to the few a project needs (拟派3名工程师).
	{rule: Scale, anchors: []string{"技术人员", "研发人员", "专业人员", "管理人员", "在职人员", "在册人员", "正式员工", "人员总数", "总人数", "社保人数", "参保人数", "工程师"},
		re: regexp.MustCompile(`(人员|员工|人数|工程师)[^，,。；;：:！？]{0,8}?[0-9０-９一二两三四五六七八九十百千]+\s*(名|人)|` +
			`[0-9０-９]+\s*(名|人)(以上|及以上)?[^，,。；;：:！？]{0,8}(人员|员工|工程师)`),
		heads:  []string{"名", "人"},
		accept: enterpriseHeadcount},
	// Retention money for quality under another name: 质量保证保函, 质保款,
	// 缺陷责任保证金.
	{rule: QualityDeposit, anchors: []string{"质量保证", "质保", "保修", "缺陷责任", "质量保留", "质量扣留"},
		re:    regexp.MustCompile(`(质量保证|质量保修|质保|保修|缺陷责任期?)(保证金|保函|担保金?|金|款|押金|尾款|保留金|扣留金)|质量(保留|扣留)(金|款)|(质保期|保修期|缺陷责任期)[^，,。；;]{0,4}(保函|保证金|担保)`),
		heads: []string{"金", "保函", "担保", "款"}},
	// Part of the price kept until the warranty ends: 余款5%于质保期届满后付清.
	{rule: QualityDeposit, anchors: []string{"质保期", "保修期", "缺陷责任期"},
		re: regexp.MustCompile(`[0-9０-９]+(\.[0-9]+)?[%％][^，,。；;]{0,16}(质保期|保修期|缺陷责任期|质量保证期)[^，,。；;]{0,16}(届满|期满|结束|满|到期)[^，,。；;]{0,12}(支付|付清|退还|返还|结清)|` +
			`(质保期|保修期|缺陷责任期)[^，,。；;]{0,12}(届满|期满|结束|满后|到期)[^，,。；;]{0,8}(支付|付清|退还|返还|结清)[^，,。；;]{0,8}[0-9０-９]+(\.[0-9]+)?[%％]`),
		heads: []string{"支付", "付清", "退还", "返还", "结清"}},
	// Retention under a payment term's words: 扣留合同总价的3%直至质量保证期
	// 届满, 剩余10%作为设备运行质量担保.
	{rule: QualityDeposit, anchors: []string{"质量保证期", "质量保修期", "质量担保", "质保期", "保修期", "维修费用", "缺陷责任期"},
		re: regexp.MustCompile(`(扣留|预留|暂扣|保留|留存)[^，,。；;]{0,16}[0-9０-９]+(\.[0-9]+)?[%％][^。；;]{0,8}(直至|至|到)[^，,。；;]{0,6}(质保期|保修期|缺陷责任期|质量保证期|质量保修期)(届满|期满|结束)|` +
			`(质保期|保修期|缺陷责任期)内[^。；;]{0,20}(扣留|预留|暂扣|留存|保留)[^，,。；;]{0,12}[0-9０-９]+(\.[0-9]+)?[%％]|` +
			`[0-9０-９]+(\.[0-9]+)?[%％][^。；;]{0,4}(作为|作|留作|用作|用于)[^，,。；;]{0,12}(质量|质保|维修)(担保|保证|保障|费用)|` +
			`(扣留|预留|暂扣|留存)[^，,。；;]{0,14}[0-9０-９]+(\.[0-9]+)?[%％][^。；;]{0,30}(质保期|保修期|缺陷责任期|质量保证期|质量担保|维修费用)`),
		heads: []string{"届满", "期满", "结束", "担保", "保证", "保障", "费用", "质保期", "保修期", "责任期", "保证期"}},
	// Terms that differ by owner: 国有企业按1%缴纳，其他企业按3%缴纳.
	{rule: Ownership, anchors: []string{"其他企业", "其他投标人", "其他供应商", "其它企业"},
		re:    regexp.MustCompile(`(国有企业|国企|央企|中央企业|民营企业|外资企业|上市公司)[^。；;]{0,16}[0-9０-９]+(\.[0-9]+)?[%％][^。；;]{0,8}其[他它](企业|投标人|供应商)`),
		heads: []string{"其他", "其它"}, restricts: true},
	// A privilege for one kind of owner: 国有企业投标人可免于提供业绩证明.
	{rule: Ownership, anchors: []string{"国有企业", "国企", "央企", "中央企业", "民营企业", "外资企业", "上市公司"},
		re:    regexp.MustCompile(`(国有企业|国企|央企|中央企业|民营企业|外资企业|上市公司)(投标人|供应商|申请人|投标的|参与的)?[，,]?(可|可以)?(免于|免予|免除|免交|免缴|无需|无须|不需|不必)`),
		heads: []string{"免于", "免予", "免除", "免交", "免缴", "无需", "无须", "不需", "不必"}, restricts: true},
	// Proof from past customers: 用户满意度证明, 客户评价, 业主证明.
	{rule: PastPerformance, anchors: []string{"用户", "客户", "业主", "甲方", "使用单位", "使用方", "运用单位"},
		re: regexp.MustCompile(`(用户|客户|业主|甲方|使用单位|使用方|运用单位)[^，,。；;：:！？数量台]{0,6}` +
			`(证明|评价|反馈意见|推荐信|证言|表扬信|感谢信|好评|满意度[^，,。；;：:！？]{0,3}(证明|调查|测评|报告|评价|回访|表))|` +
			`(用户|客户|业主|甲方|使用单位|使用方|运用单位)(单位)?(出具|盖章|签署|签章)`),
		heads: []string{"证明", "评价", "反馈", "推荐", "证言", "表扬", "感谢", "好评", "满意度", "出具", "盖章", "签署", "签章"}},
	// A time in service as a record: 连续运行两年以上的记录, 稳定运行一年的实绩.
	{rule: PastPerformance, anchors: []string{"连续运行", "稳定运行", "安全运行", "无故障运行", "可靠运行", "成功运行", "累计运行",
		"连续使用", "稳定使用", "安全使用", "正常运行", "良好运行"},
		re: regexp.MustCompile(`(连续|稳定|安全|无故障|可靠|成功|累计|正常|良好)(运行|使用|投运)[^，,。；;：:！？]{0,3}` +
			`[0-9０-９一二两三四五六七八九十百千万]+(个月|年|小时|天|万小时)(以上|及以上)?的?(记录|实绩|经历|证明|经验|业绩|案例)`),
		heads: []string{"记录", "实绩", "经历", "证明", "经验", "业绩", "案例"}},
	// A list of work already done: 已交付的同类设备清单, 已完成的类似项目.
	{rule: PastPerformance, anchors: []string{"已交付", "已供货", "已完成", "已实施", "已投运", "已安装", "已承接", "已承担", "已供应", "已建成"},
		re: regexp.MustCompile(`已(经)?(交付|供货|完成|实施|投运|安装|承接|承担|供应|建成)(过)?的?[^，,。；;：:！？]{0,10}` +
			`(清单|名单|一览表|明细|项目|工程|案例|用户|设备)`),
		heads:  []string{"清单", "名单", "一览表", "明细", "项目", "工程", "案例", "用户", "设备"},
		accept: likeWork},
	// Use already in operation for a time: 须已在国内至少2条线路上载客运营满1年.
	{rule: PastPerformance, anchors: []string{"已在", "已经在", "已连续", "已稳定", "已安全", "已累计", "已运行", "已投运", "已使用", "已运营", "已无故障", "已运用"},
		re: regexp.MustCompile(`已(经)?在[^，,。；;：:]{1,24}(载客运营|商业运营|运营|运行|投运|使用|应用|挂网)(满|超过|达到|逾|累计)|` +
			`已(经)?(累计)?(连续|稳定|安全|无故障|可靠|成功|累计|正常)?(运行|使用|投运|运营|运用)(满|超过|达到|逾|累计|不少于)?[0-9０-９一二两三四五六七八九十百千万]+(个月|年|小时|天|万小时|万公里|公里|千米)`),
		heads: []string{"满", "超过", "达到", "逾", "累计", "月", "年", "小时", "天"}},
	// Time in operation at a named kind of site: 须在国内至少一个燃机电厂累计安全
	// 运行不少于两年.
	{rule: PastPerformance, anchors: []string{"运行不少于", "运行满", "使用满", "运营满", "投运满", "运行超过", "运行达到", "使用不少于", "运营不少于"},
		re: regexp.MustCompile(`在[^，,。；;：:]{1,20}(电厂|电站|项目|工程|线路|用户|现场|医院|工厂|企业|矿井|煤矿|港口|机场)[^，,。；;：:]{0,6}` +
			`(累计|连续)?(安全|稳定|可靠|正常)?(运行|投运|使用|运营)(不少于|满|超过|达到|逾)`),
		heads: []string{"不少于", "满", "超过", "达到", "逾"}},
	// Acceptance by a customer already passed: 已通过至少一家用户的竣工验收.
	{rule: PastPerformance, anchors: []string{"已通过", "已取得", "已获得", "已经通过"},
		re:    regexp.MustCompile(`已(经)?(通过|取得|获得)[^，,。；;：:！？]{0,10}(用户|业主|客户|使用单位)[^，,。；;：:！？]{0,4}(验收|认可|评价|好评)`),
		heads: []string{"验收", "认可", "评价", "好评"}},
	// Having supplied or served a kind of customer: 曾为大型电网公司供货.
	{rule: PastPerformance, anchors: []string{"曾为", "曾向", "曾给", "曾经为", "曾经向", "曾在"},
		re: regexp.MustCompile(`曾(经)?(为|向|给)[^，,。；;：:！？]{1,16}(供货|供应|配套|承接|承担|安装)|` +
			`曾(经)?在[^，,。；;：:！？]{1,16}(使用|应用|运行|投运|安装|供货)`),
		heads: []string{"供货", "供应", "配套", "承接", "承担", "安装", "使用", "应用", "运行", "投运"}},
}

// changeRefused are the anchors of a refusal to change a named source:
// 不得更换, 不允许变更….
func changeRefused() []string {
	var out []string
	for _, not := range []string{"不得", "不能", "不可", "不允许", "不予"} {
		for _, verb := range []string{"更换", "变更", "替换", "另行选择", "另选", "更改", "改变"} {
			out = append(out, not+verb)
		}
	}
	return out
}

// standardRange is a standard product range code: Y, Y2, YE3, YX3.
var standardRange = regexp.MustCompile(`^(Y|YE|YX)[0-9]*\s*(系列|型号)`)

// namedSeries accepts a series code that names a product line, not a
// standard rating (IP65, IE3, GB/T, DN100).
func namedSeries(m, _ string) bool {
	i := strings.IndexFunc(m, func(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' })
	if i < 0 {
		return false
	}
	code := strings.ToUpper(m[i:])
	if standardRange.MatchString(code) {
		return false // Y系列, YE3系列: the standard motor ranges
	}
	for _, std := range []string{"IP", "IE", "YE", "GB", "JB", "DL", "ISO", "IEC", "DN", "PN", "Y2", "Y3", "API", "ASME"} {
		if strings.HasPrefix(code, std) {
			return false
		}
	}
	return true
}

// genericGoods are words that name a kind of goods, not a maker.
var genericGoods = []string{"国产", "进口", "合资", "原装", "全新", "正品", "合格", "同类", "定型", "成熟", "节能", "环保", "自主", "国内", "国外",
	"首台", "新型", "标准", "通用", "主流", "知名", "优质", "品牌", "同一", "相同", "厂家", "制造商", "生产商", "企业", "本地", "当地"}

// namedMakers accepts named makers, not kinds of goods ("须为国产或进口产品").
func namedMakers(m, _ string) bool {
	if strings.Contains(m, "中选") || strings.Contains(m, "中确定") || strings.Contains(m, "范围内") {
		return true
	}
	for _, g := range genericGoods {
		if strings.Contains(m, g) {
			return false
		}
	}
	return true
}

// notSizeRank accepts a ranked list that is not the 500强 of size.
func notSizeRank(m, _ string) bool {
	return !strings.Contains(m, "500") && !strings.Contains(m, "五百")
}

// manyUnitsAcrossMarket accepts ten or more units counted across a market:
// a market standing, not the few installations of a record.
func manyUnitsAcrossMarket(m, part string) bool {
	if !acrossMarket(m, part) && !containsAny(part, "已投入", "已投运", "已售") {
		return false
	}
	i := strings.IndexFunc(m, func(r rune) bool {
		return r >= '0' && r <= '9' || r >= '０' && r <= '９' || isChineseNumeral(r)
	})
	return i >= 0 && leadingCount(m[i:]) >= 10
}

// shortOwnerWord accepts 国企, 民企, 私企 or 外企 matched with the characters
// around it when they do not make it part of other words.
func shortOwnerWord(m, _ string) bool {
	first, _ := utf8.DecodeRuneInString(m)
	last, _ := utf8.DecodeLastRuneInString(m)
	if last == '业' { // 中国企业, 省外企业: the 企 is 企业's
		return false
	}
	return !strings.ContainsRune("中全外本各美德英法日韩俄泰居农移", first)
}

// likeWork accepts work done when its part says it is like this project's
// or counts it: 同类, 类似, 近三年, 不少于.
func likeWork(_, part string) bool {
	return containsAny(part, "同类", "类似", "相同", "同型", "同规格", "近一", "近两", "近二", "近三", "近五", "近1", "近2", "近3", "近5",
		"以上", "不少于", "至少", "少于", "不足")
}

// acrossMarket accepts a count of units when its part says the count is
// taken across a market (全国, 国内, 同类, 行业, 累计…).
func acrossMarket(_, part string) bool {
	return containsAny(part, "全国", "国内", "全球", "国际", "省内", "同类", "同行业", "行业内", "累计", "市场", "用户处", "各地")
}

// enterpriseHeadcount accepts a staff count of 30 or more outside a
// project team's part: the bidder's size, not the staff a project needs.
func enterpriseHeadcount(m, part string) bool {
	if containsAny(part, "拟派", "项目", "现场", "驻场", "施工", "团队", "小组", "派驻", "投入") {
		return false
	}
	return leadingCount(m) >= 30
}

// leadingCount is the first whole number written in s, in Arabic or
// Chinese numerals (200, 一百, 三十), or -1.
func leadingCount(s string) int {
	start := strings.IndexFunc(s, func(r rune) bool {
		return r >= '0' && r <= '9' || r >= '０' && r <= '９' || isChineseNumeral(r)
	})
	if start < 0 {
		return -1
	}
	n, arabic := 0, false
	var zh strings.Builder
	for _, r := range s[start:] {
		switch {
		case r >= '0' && r <= '9':
			n, arabic = n*10+int(r-'0'), true
		case r >= '０' && r <= '９':
			n, arabic = n*10+int(r-'０'), true
		case isChineseNumeral(r) && !arabic:
			zh.WriteRune(r)
		default:
			return finishCount(n, arabic, zh.String())
		}
	}
	return finishCount(n, arabic, zh.String())
}

func finishCount(n int, arabic bool, zh string) int {
	if arabic {
		return n
	}
	if v, ok := parseChineseNumber(zh); ok && v < 1e9 {
		return int(v)
	}
	return -1
}

// referenceRe is a remark that takes back what its clause names: it is an
// example, a reference, information only, or an equivalent is accepted.
var referenceRe = regexp.MustCompile(`仅` + near + `(参考|示例|举例|例子|说明|了解)|供[^，,。；;：:！？]{0,4}(了解|参考)($|[，,。；;）)”"])|` +
	`不具(有|备)?` + near + `(排他|限制|强制)性|不构成` + near + `限制|` +
	`(相当|同等|等同)(或|及|和)?(更优|优于)|或(相当|同等|等同)于?[”"」）)]|` +
	`(自主|自行)(选择|选用|确定)|可(选用|选择|提供)` + near + `(相当|同等|更优|优于)|` +
	`不(计|计入|纳入|作为|作|列入|参与)` + near + `(分|评分|评审|评标|打分)`)

// exclusionRe is a negation whose scope is the bidder: "X不得参加", "X不具备
// 投标资格" bar X, they forbid nothing of the buyer.
var exclusionRe = regexp.MustCompile(`(投标人|供应商|申请人)不(得|能|可|应)(为|是)|投标文件(将)?不予(评审|受理|接收|接受)|` +
	`(不得|不能|不可|不予|不被|无权)(参加|参与|作为` + near + `(投标人|供应商|候选人)|投标$|投标[，。；]|中标|成交|入围|` +
	`进入` + near + `评审|推荐|通过|认可|接受其投标)|(不具备|不具有|丧失|取消)[^，,。；;]{0,6}(投标|参选|报名|应答|响应|竞标|比选)资格|将被(拒绝|否决|淘汰|取消)|` +
	`不(得|能|可|允许)(偏离|更换|变更|替换|更改|改变|另行选择|另选)`)

// customerRe names an owner as the customer served, not as the bidder:
// 为国有企业提供, 向央企供货.
var customerRe = regexp.MustCompile(`(为|向|给)` + near + `(国有|国企|央企|中央企业|民营|私营|外资|事业单位|集体)` + `[^，,。；;：:！？]{0,12}` +
	`(提供|供货|供应|服务|承接|实施|安装|配套)`)

// limitRe limits who may bid: 本项目限…参与, 仅限…投标.
var limitRe = regexp.MustCompile(`(本项目|本次招标|本次采购|本次|本标段|只|仅)限(于|定|为)?[^，,。；;：:！？]{1,16}(参与|参加|投标|报名|申请|响应)`)

// referenceHints and exclusionHints are words without which referenceRe and
// exclusionRe cannot match.
var (
	referenceHints = []string{"仅", "不具", "不构成", "相当", "同等", "等同", "自主", "自行", "可选", "可提供", "不计", "不纳入", "不作", "不列入", "不参与", "了解", "参考"}
	exclusionHints = []string{"不得", "不能", "不可", "不允许", "不予", "不被", "无权", "不具备", "不具有", "丧失", "取消", "将被"}
)
