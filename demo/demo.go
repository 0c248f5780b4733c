// Package demo fills an empty database with a realistic data set: Chongqing
// manufacturers with their equipment at every stage of recognition, and one
// account for each role, so the platform can be tried straight away.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"firstset"
	"firstset/creditcode"
	"firstset/date"
	"firstset/patent"
	"firstset/service"
)

// Password is the demo accounts' password. It is printed at start-up;
// nobody should run the demo data set where others can reach it.
const Password = "Demo@2026cq"

// seedYear is the year the seeds' recognition dates are written from.
const seedYear = 2026

// Login is one demo account.
type Login struct {
	Role     firstset.Role
	Username string
	Password string
}

type enterpriseSeed struct {
	name, district, address, contact, phone, legal string
	products                                       []productSeed
}

type productSeed struct {
	name, model, category string
	level                 firstset.InnovationLevel
	talent                string // the talent programme, if talent-led
	params                []firstset.Param
	status                firstset.ProductStatus
	recognized            string
	description           string
}

func p(name, value, unit string) firstset.Param {
	return firstset.Param{Name: name, Value: value, Unit: unit}
}

var enterprises = []enterpriseSeed{
	{"重庆渝江数控机床有限公司", "500107", "重庆市九龙坡区西彭工业园区铝城大道88号", "刘建华", "023-65801234", "王国栋", []productSeed{
		{"五轴联动数控滚齿机", "YK3150-5X", "智能制造装备", firstset.LevelNational, "", []firstset.Param{p("最大加工模数", "8", "mm"), p("最大工件直径", "500", "mm"), p("定位精度", "0.005", "mm")}, firstset.StatusRecognised, "2024-06-01", "面向新能源汽车齿轮的高效干切滚齿机，实现五轴联动与在机测量。"},
		{"高速精密数控磨齿机", "YW7232CNC", "智能制造装备", firstset.LevelProvincial, "", []firstset.Param{p("最大工件直径", "320", "mm"), p("齿形精度", "ISO 3", "级")}, firstset.StatusExpired, "2022-03-15", "用于精密减速器齿轮的成形磨削。"},
		{"数控卧式加工中心", "HMC-800i", "智能制造装备", firstset.LevelProvincial, "", []firstset.Param{p("工作台尺寸", "800×800", "mm"), p("主轴转速", "12000", "r/min")}, firstset.StatusDraft, "", "四轴卧式加工中心，配自动交换工作台。"},
		{"数控立式车铣复合中心", "VTM-1250", "智能制造装备", firstset.LevelProvincial, "", []firstset.Param{p("最大车削直径", "1250", "mm"), p("C 轴分度精度", "±5", "″")}, firstset.StatusDraft, "", "一次装夹完成车、铣、钻、镗的立式复合加工中心。"},
		{"精密数控螺纹磨床", "SK7432", "智能制造装备", firstset.LevelProvincial, "", []firstset.Param{p("最大磨削长度", "1500", "mm"), p("螺距精度", "0.003", "mm/300mm")}, firstset.StatusRecognised, "2024-01-15", "滚珠丝杠与精密螺纹的数控成形磨削。"},
		{"智能柔性制造单元", "FMC-630", "智能制造装备", firstset.LevelProvincial, "", []firstset.Param{p("托盘数量", "12", "个"), p("换型时间", "15", "min")}, firstset.StatusRecognised, "2025-05-20", "加工中心、机器人与立体料库组成的无人值守柔性制造单元。"},
		{"数控齿轮测量中心", "GMC-650", "智能制造装备", firstset.LevelNational, "", []firstset.Param{p("最大测量直径", "650", "mm"), p("齿距测量精度", "1.5", "μm")}, firstset.StatusRecognised, "2024-09-01", "齿轮齿形、齿向和齿距的四轴联动精密测量。"},
		{"重型数控落地铣镗床", "TK6920", "智能制造装备", firstset.LevelNational, "", []firstset.Param{p("镗轴直径", "200", "mm"), p("立柱横向行程", "20000", "mm")}, firstset.StatusRecognised, "2024-10-15", "水电、核电大型零件的重型铣镗加工。"},
		{"数控精密主轴单元", "SPU-24K", "智能制造装备", firstset.LevelProvincial, "", []firstset.Param{p("最高转速", "24000", "r/min"), p("径向跳动", "1", "μm")}, firstset.StatusRecognised, "2025-02-10", "高速加工中心用电主轴单元。"},
	}},
	{"重庆山城轨道交通装备有限公司", "500112", "重庆市渝北区空港工业园区宝环路26号", "陈晓峰", "023-67451122", "周正", []productSeed{
		{"跨座式单轨车辆转向架", "KZ-ZX200", "轨道交通装备", firstset.LevelInternational, "国家海外高层次人才引进计划", []firstset.Param{p("最高运行速度", "100", "km/h"), p("轴重", "11", "t"), p("最小曲线半径", "50", "m")}, firstset.StatusRecognised, "2024-11-20", "适应山地城市大坡度、小半径线路的单轨转向架。"},
		{"城轨车辆永磁同步牵引系统", "YCQ-PMSM-190", "轨道交通装备", firstset.LevelNational, "", []firstset.Param{p("额定功率", "190", "kW"), p("系统效率", "96.5", "%")}, firstset.StatusDeclared, "", "永磁同步电机及其牵引变流器成套系统。"},
	}},
	{"重庆长风船舶动力股份有限公司", "500102", "重庆市涪陵区李渡工业园区聚龙大道15号", "黄丽", "023-72286655", "杨长风", []productSeed{
		{"大功率船用中速柴油机", "CF8L320", "船舶及海洋工程装备", firstset.LevelNational, "", []firstset.Param{p("额定功率", "4400", "kW"), p("额定转速", "750", "r/min"), p("燃油消耗率", "183", "g/kWh")}, firstset.StatusRecognised, "2025-03-18", "满足 IMO Tier III 排放要求的长江船舶主机。"},
		{"船用LNG双燃料发动机", "CF6DF280", "船舶及海洋工程装备", firstset.LevelNational, "", []firstset.Param{p("额定功率", "2600", "kW"), p("燃气模式热效率", "47", "%")}, firstset.StatusDraft, "", "长江内河船舶用液化天然气与柴油双燃料主机。"},
	}},
	{"重庆两江智能电气有限公司", "LJ", "重庆市两江新区水土高新技术产业园云汉大道5号", "赵敏", "13908361234", "孙立新", []productSeed{
		{"高压大容量柔性直流换流阀", "LJ-VSC-500", "电力装备", firstset.LevelInternational, "国家高层次人才特殊支持计划", []firstset.Param{p("额定直流电压", "±500", "kV"), p("额定容量", "3000", "MW")}, firstset.StatusRecognised, "2024-09-10", "用于远距离大容量输电的模块化多电平换流阀。"},
		{"智能变电站一体化监控系统", "LJ-iSCS3000", "电力装备", firstset.LevelProvincial, "", []firstset.Param{p("接入间隔数", "256", "个"), p("遥信分辨率", "1", "ms")}, firstset.StatusRevoked, "2023-04-12", "变电站监控、保护、计量一体化装置。"},
	}},
	{"重庆缙云医疗器械有限公司", "500109", "重庆市北碚区蔡家岗街道嘉德大道99号", "吴倩", "023-68229900", "郑思远", []productSeed{
		{"腹腔镜手术机器人", "JY-SR2", "医疗装备", firstset.LevelNational, "国家海外高层次人才引进计划", []firstset.Param{p("机械臂数量", "4", "条"), p("运动精度", "0.1", "mm")}, firstset.StatusRecognised, "2025-07-01", "多孔腹腔镜手术机器人系统。"},
		{"医用电子直线加速器", "JY-LA6", "医疗装备", firstset.LevelNational, "", []firstset.Param{p("X 射线能量", "6", "MV"), p("多叶光栅叶片数", "120", "片")}, firstset.StatusDraft, "", "用于肿瘤精准放射治疗的医用电子直线加速器。"},
	}},
	{"重庆丘陵农业机械有限公司", "500151", "重庆市铜梁区高新区金砂路12号", "蒋勇", "023-45621177", "唐建", []productSeed{
		{"丘陵山地履带式智能拖拉机", "QL-TD904", "农机装备", firstset.LevelNational, "", []firstset.Param{p("额定功率", "66.2", "kW"), p("最大爬坡度", "25", "°"), p("导航精度", "±2.5", "cm")}, firstset.StatusRecognised, "2024-12-05", "适用于坡地作业的自动导航履带拖拉机。"},
		{"丘陵山地联合收割机", "QL-SG45", "农机装备", firstset.LevelProvincial, "", []firstset.Param{p("喂入量", "4.5", "kg/s"), p("整机质量", "2800", "kg")}, firstset.StatusDraft, "", "适应小地块、陡坡作业的履带式水稻联合收割机。"},
	}},
	{"重庆渝州盾构装备有限公司", "500113", "重庆市巴南区界石组团麻柳沿江开发区8号", "邓超", "023-66210088", "罗大江", []productSeed{
		{"大直径泥水平衡盾构机", "YZ-DN15800", "工程机械", firstset.LevelNational, "", []firstset.Param{p("开挖直径", "15.8", "m"), p("最大推力", "210000", "kN")}, firstset.StatusRecognised, "2024-08-28", "用于长江穿越隧道的超大直径盾构机。"},
		{"硬岩隧道掘进机主轴承", "YZ-MB8000", "工程机械", firstset.LevelInternational, "", []firstset.Param{p("外径", "8", "m"), p("设计寿命", "10000", "h")}, firstset.StatusDraft, "", "国产化大型掘进机主轴承。"},
	}},
	{"重庆綦风新能源装备有限公司", "500110", "重庆市綦江区工业园区通惠大道66号", "冯雪", "023-48661234", "何志强", []productSeed{
		{"山地型大容量风力发电机组", "QF-6.25MW-200", "电力装备", firstset.LevelProvincial, "", []firstset.Param{p("额定功率", "6.25", "MW"), p("风轮直径", "200", "m")}, firstset.StatusRecognised, "2025-01-15", "适应低风速复杂山地的风电机组。"},
		{"风电机组智能变桨控制系统", "QF-PCS3", "电力装备", firstset.LevelProvincial, "", []firstset.Param{p("变桨速率", "8", "°/s"), p("防护等级", "IP65", "")}, firstset.StatusDraft, "", "基于载荷预测的独立变桨控制系统。"},
	}},
	{"重庆高新精密仪器有限公司", "GX", "重庆市高新区西永微电园曾家大道33号", "许静", "18623051234", "曾明", []productSeed{
		{"高精度激光跟踪仪", "GX-LT600", "仪器仪表", firstset.LevelNational, "国家高层次人才特殊支持计划", []firstset.Param{p("测量范围", "60", "m"), p("空间测量精度", "15+6", "μm/m")}, firstset.StatusRecognised, "2024-04-20", "大尺寸精密测量的激光跟踪仪。"},
		{"在线式光谱分析仪", "GX-OES300", "仪器仪表", firstset.LevelProvincial, "", []firstset.Param{p("波长范围", "130-800", "nm")}, firstset.StatusDeclared, "", "冶金过程在线成分分析。"},
	}},
	{"重庆万州环保装备有限公司", "500101", "重庆市万州区经开区高峰园玉龙大道18号", "谭伟", "023-58331234", "牟刚", []productSeed{
		{"生活垃圾焚烧机械炉排炉", "WZ-LP750", "节能环保装备", firstset.LevelProvincial, "", []firstset.Param{p("日处理量", "750", "t/d"), p("热灼减率", "≤3", "%")}, firstset.StatusExpired, "2023-06-30", "适应高水分生活垃圾的往复式炉排炉。"},
	}},
}

// Load fills an empty database and returns the demo logins. A database that
// already has users is left as it is and no logins are returned.
func Load(ctx context.Context, svc *service.Services) ([]Login, error) {
	ctx = firstset.NewContextWithActor(ctx, firstset.SystemActor())
	_, n, err := svc.FindUsers(ctx, firstset.UserFilter{Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("demo: count users: %w", err)
	}
	if n > 0 {
		return nil, nil
	}
	cats, err := svc.Categories(ctx)
	if err != nil {
		return nil, fmt.Errorf("demo: categories: %w", err)
	}
	catID := map[string]int64{}
	for _, c := range cats {
		catID[c.Name] = c.ID
	}
	rng := rand.New(rand.NewPCG(2024, 4))
	var firstEnterprise int64
	for i, es := range enterprises {
		e, err := svc.CreateEnterprise(ctx, firstset.EnterpriseInput{
			Name: es.name, CreditCode: creditcode.Generate(rng, regionOf(es.district)), DistrictCode: es.district,
			Address: es.address, ContactName: es.contact, ContactPhone: es.phone, LegalRepresentative: es.legal,
			ContactEmail: fmt.Sprintf("contact%02d@example.com", i+1),
		})
		if err != nil {
			return nil, fmt.Errorf("demo: enterprise %s: %w", es.name, err)
		}
		if i == 0 {
			firstEnterprise = e.ID
		}
		for _, ps := range es.products {
			if err := loadProduct(ctx, svc, rng, e.ID, catID, ps); err != nil {
				return nil, fmt.Errorf("demo: product %s: %w", ps.name, err)
			}
		}
	}
	buyers, err := loadBuyers(ctx, svc, rng)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	institutions, err := loadInstitutions(ctx, svc, rng)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	var logins []Login
	for _, u := range Users() {
		u.Password = Password
		if u.Role == firstset.RoleEnterprise {
			u.EnterpriseID = firstEnterprise
		}
		if u.Role == firstset.RoleBuyer {
			u.BuyerID = buyers[u.Username]
		}
		if u.Role == firstset.RoleInsurer {
			u.InstitutionID = institutions[u.Username]
		}
		if _, err := svc.CreateUser(ctx, u); err != nil {
			return nil, fmt.Errorf("demo: user %s: %w", u.Username, err)
		}
		logins = append(logins, Login{Role: u.Role, Username: u.Username, Password: Password})
	}
	if err := loadLifecycle(ctx, svc, firstEnterprise); err != nil {
		return nil, fmt.Errorf("demo: catalog adjustments: %w", err)
	}
	if err := loadRecognition(ctx, svc); err != nil {
		return nil, fmt.Errorf("demo: recognition: %w", err)
	}
	if err := loadIncentives(ctx, svc); err != nil {
		return nil, fmt.Errorf("demo: incentives: %w", err)
	}
	if err := loadPurchases(ctx, svc); err != nil {
		return nil, fmt.Errorf("demo: purchases: %w", err)
	}
	if err := loadLaunch(ctx, svc, firstEnterprise); err != nil {
		return nil, fmt.Errorf("demo: launch event: %w", err)
	}
	if err := loadAccountability(ctx, svc); err != nil {
		return nil, fmt.Errorf("demo: accountability: %w", err)
	}
	if err := loadInspections(ctx, svc, rng); err != nil {
		return nil, fmt.Errorf("demo: inspections: %w", err)
	}
	if err := loadClaims(ctx, svc); err != nil {
		return nil, fmt.Errorf("demo: claims: %w", err)
	}
	if err := loadProgrammes(ctx, svc); err != nil {
		return nil, fmt.Errorf("demo: programmes: %w", err)
	}
	if err := loadConsultations(ctx, svc); err != nil {
		return nil, fmt.Errorf("demo: consultations: %w", err)
	}
	if err := loadFinancing(ctx, svc); err != nil {
		return nil, fmt.Errorf("demo: financing: %w", err)
	}
	if err := loadArticles(ctx, svc); err != nil {
		return nil, fmt.Errorf("demo: articles: %w", err)
	}
	return logins, nil
}

// regionOf is the six-digit region code a credit code carries; the
// functional zones register under their host districts.
func regionOf(code string) string {
	switch code {
	case "LJ":
		return "500112"
	case "GX":
		return "500106"
	case "WS":
		return "500110"
	}
	return code
}

func loadProduct(ctx context.Context, svc *service.Services, rng *rand.Rand, enterpriseID int64, catID map[string]int64, ps productSeed) error {
	cat, ok := catID[ps.category]
	if !ok {
		return fmt.Errorf("no category %q", ps.category)
	}
	in := firstset.ProductInput{
		EnterpriseID: enterpriseID, Name: ps.name, Model: ps.model, CategoryID: cat,
		Description: ps.description, Params: ps.params, InnovationLevel: ps.level,
		TalentLed: ps.talent != "", TalentProgram: ps.talent,
		Patents: []string{NewPatent(rng, 2019+rng.IntN(5)), NewPatent(rng, 2019+rng.IntN(5))},
	}
	prod, err := svc.CreateProduct(ctx, in)
	if err != nil {
		return err
	}
	if ps.status == firstset.StatusDraft {
		return nil
	}
	rec := firstset.RecognitionInput{Status: ps.status}
	if ps.recognized != "" {
		// The seeds are dated as seen from 2026; they move with the calendar
		// so that what is recognised stays within its validity.
		year, _, _ := date.Today().Parts()
		rec.RecognizedOn = date.MustParse(ps.recognized).AddYears(year - seedYear)
	}
	if ps.status == firstset.StatusRevoked {
		// Recognised first; the reviewer revokes it later (loadLifecycle),
		// as the city does, so its history shows both.
		rec.Status = firstset.StatusRecognised
	}
	_, err = svc.SetRecognition(ctx, prod.ID, rec)
	return err
}

// NewPatent returns a valid, random invention patent number of year.
func NewPatent(rng *rand.Rand, year int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d1%07d", year, rng.IntN(10000000))
	digits := b.String()
	return "ZL" + digits + "." + string(patent.CheckDigit(digits))
}

// Users are the demo accounts, one for each role (and the bank and the
// leasing firm besides the insurer); the enterprise user acts for the
// first enterprise.
func Users() []firstset.UserInput {
	return []firstset.UserInput{
		{Username: "admin", Name: "平台管理员", Role: firstset.RoleAdmin},
		{Username: "reviewer", Name: "李审核（市经济信息委）", Role: firstset.RoleReviewer},
		{Username: "enterprise", Name: "刘建华（渝江数控）", Role: firstset.RoleEnterprise},
		{Username: "district", Name: "九龙坡区经济信息委", Role: firstset.RoleDistrict, DistrictCode: "500107"},
		{Username: "expert", Name: "张教授（评审专家）", Role: firstset.RoleExpert},
		{Username: "finance", Name: "王会计（市财政局）", Role: firstset.RoleFinance},
		{Username: "buyer", Name: "重庆轨道集团采购部", Role: firstset.RoleBuyer},
		{Username: "buyer2", Name: "两江建投项目部", Role: firstset.RoleBuyer},
		{Username: "tender", Name: "市发展改革委招标处", Role: firstset.RoleTender},
		{Username: "soe", Name: "市国资委规划处", Role: firstset.RoleSOE},
		// The second insurer's (a former consortium member), the bank's
		// and the leasing firm's before the insurer's, which
		// stays the last of its role (the tests take it as the insurer).
		{Username: "insurer2", Name: "渝安财险首台套业务部", Role: firstset.RoleInsurer},
		{Username: "bank", Name: "渝丰银行普惠金融部", Role: firstset.RoleInsurer},
		{Username: "leasing", Name: "两江金融租赁业务部", Role: firstset.RoleInsurer},
		{Username: "insurer", Name: "首台套共保体（示例保险公司）", Role: firstset.RoleInsurer},
	}
}
