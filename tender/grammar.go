package tender

import "regexp"

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
}

// near is "within a few characters, no comma or stop in between".
const near = `[^，,。；;：:！？]{0,8}`

var grammars = []grammar{
	// The product's standing: counts of units sold, installed or in service.
	{MarketShare, []string{"在役", "在用", "在运", "装机", "出货", "保有", "累计销售", "销售额", "销售量", "销量"},
		regexp.MustCompile(`(在役|在用|在运|装机|出货|保有|累计销售|销售)(数量|台数|台套数|总量|总台数)|(销量|销售额|销售量|出货量)` + near + `(排名|排行|名列|位列|前[一二三四五六七八九十0-9]+)`),
		[]string{"数量", "台数", "总量", "排名", "排行", "名列", "位列", "前"}},
	// Lowest price wins: 最低…中标, 价低者得, 报价最低者中标.
	{EvaluationMethod, []string{"最低", "低价", "价低"},
		regexp.MustCompile(`(最低|低价|价低)` + near + `(中标|成交|者得|确定中标|为中标人|作为中标)|(报价|价格|投标价)最低` + near + `(中标|成交|确定为中标)`),
		[]string{"中标", "成交", "者得"}},
	// Ownership: a state, private or foreign owner, named as a kind of bidder.
	{Ownership, []string{"国有", "国资", "民营", "私营", "外资", "外商", "集体", "央企"},
		regexp.MustCompile(`(国有|国资|民营|私营|外资|外商|集体|央企)(企业|控股|股权|背景|资本|独资|全资|性质|公司|所有)`),
		[]string{"企业", "控股", "股权", "背景", "资本", "独资", "全资", "性质", "公司", "所有"}},
	// One source: a maker's sole authorisation, the same maker as before,
	// a patent the bidder must own.
	{Brand, []string{"授权", "代理", "同一", "专利"},
		regexp.MustCompile(`(独家|唯一|排他)(授权|代理|经销)|同一(品牌|厂家|厂商|制造商|生产商|供应商)|(特定|独有|独家|指定)` + near + `专利|专利(号|证书|权人为)`),
		[]string{"独家", "唯一", "排他", "同一", "特定", "独有", "指定", "专利号", "专利证书", "专利权人"}},
	// Place: the district or county of the project, local awards and marks.
	{Regional, []string{"项目所在", "采购人所在", "著名商标", "知名商标", "省级", "市级", "区级", "县级"},
		regexp.MustCompile(`(项目|采购人)所在(区县|区|县|市|省|地区)|(省|市|区|县)级` + near + `(奖|称号|商标|名牌|荣誉)|(著名|知名)商标`),
		[]string{"所在区", "所在县", "所在市", "所在省", "所在地区", "奖", "称号", "商标", "名牌", "荣誉"}},
}

// referenceRe is a remark that takes back what its clause names: it is an
// example, a reference, information only, or an equivalent is accepted.
var referenceRe = regexp.MustCompile(`仅` + near + `(参考|示例|举例|例子|说明|了解)|` +
	`不具(有|备)?` + near + `(排他|限制|强制)性|不构成` + near + `限制|` +
	`(相当|同等|等同)(或|及|和)?(更优|优于)|或(相当|同等|等同)于?[”"」）)]|` +
	`(自主|自行)(选择|选用|确定)|可(选用|选择|提供)` + near + `(相当|同等|更优|优于)|` +
	`不(计|计入|纳入|作为)` + near + `(分|评分|评审|评标|打分)|供` + near + `(了解|参考)`)

// exclusionRe is a negation whose scope is the bidder: "X不得参加", "X不具备
// 投标资格" bar X, they forbid nothing of the buyer.
var exclusionRe = regexp.MustCompile(`(不得|不能|不可|不予)(参加|参与|作为投标人|投标$|投标[，。；])|(不具备|不具有)投标资格`)

// referenceHints and exclusionHints are words without which referenceRe and
// exclusionRe cannot match.
var (
	referenceHints = []string{"仅", "不具", "不构成", "相当", "同等", "等同", "自主", "自行", "可选", "可提供", "不计", "不纳入", "不作为", "了解", "参考"}
	exclusionHints = []string{"参加", "参与", "投标"}
)
