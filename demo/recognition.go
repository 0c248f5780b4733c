package demo

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"time"

	"firstset"
	"firstset/cases"
	"firstset/date"
	"firstset/service"
)

// demoPDF is the material every demo declaration attaches: a small PDF.
var demoPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// ExpertCount is how many experts the demo pool holds; each category is
// served by at least expertsPerCategory of them.
const (
	ExpertCount        = 12
	expertsPerCategory = 7
)

// recognitionCase is one demo declaration and the stage it is driven to.
type recognitionCase struct {
	product string
	stage   cases.Stage
}

// recognitionCases put a case in every stage a person acts at.
var recognitionCases = []recognitionCase{
	{"数控卧式加工中心", cases.Draft},
	{"高速精密数控磨齿机", cases.DistrictReview},
	{"城轨车辆永磁同步牵引系统", cases.FormalReview},
	{"硬岩隧道掘进机主轴承", cases.ExpertReview},
	{"在线式光谱分析仪", cases.OnsiteCheck},
	{"智能变电站一体化监控系统", cases.Proposed},
	{"生活垃圾焚烧机械炉排炉", cases.Notice},
	{"船用LNG双燃料发动机", cases.Returned},
	{"丘陵山地联合收割机", cases.Rejected},
	{"风电机组智能变桨控制系统", cases.Withdrawn},
}

// people are the demo's actors for the recognition: the reviewer, an
// enterprise user per enterprise and a district office per district.
type people struct {
	svc        *service.Services
	reviewer   context.Context
	enterprise map[int64]context.Context
	district   map[string]context.Context
}

func (pp *people) as(ctx context.Context, username string) (context.Context, error) {
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	list, _, err := pp.svc.FindUsers(sys, firstset.UserFilter{Query: username})
	if err != nil {
		return nil, err
	}
	for _, u := range list {
		if u.Username == username {
			return firstset.NewContextWithActor(ctx, &firstset.Actor{User: u}), nil
		}
	}
	return nil, fmt.Errorf("no user %s", username)
}

// loadRecognition opens this year's round, fills the expert pool and
// drives a declaration into each stage.
func loadRecognition(ctx context.Context, svc *service.Services) error {
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	pp := &people{svc: svc, enterprise: map[int64]context.Context{}, district: map[string]context.Context{}}
	var err error
	if pp.reviewer, err = pp.as(ctx, "reviewer"); err != nil {
		return err
	}
	cats, err := svc.Categories(sys)
	if err != nil {
		return err
	}
	if err := loadExperts(ctx, svc, pp, cats); err != nil {
		return err
	}
	if err := loadPublishedBatch(ctx, svc, pp); err != nil {
		return fmt.Errorf("published batch: %w", err)
	}
	today := date.FromTime(svc.Now())
	year, _, _ := today.Parts()
	round, err := svc.CreateRound(pp.reviewer, firstset.RoundInput{
		Title: fmt.Sprintf("%d年度重庆市首台（套）重大技术装备认定", year), Year: year,
		OpensOn: today.AddDays(-20), ClosesOn: today.AddDays(60),
		NoticeText: "根据《重庆市首台（套）重大技术装备推广应用指导目录管理办法》，现组织开展本年度首台（套）重大技术装备认定申报。请申报企业于截止日期前在线提交申报材料，区县经济信息主管部门完成初审后报送市经济信息委。"})
	if err != nil {
		return fmt.Errorf("round: %w", err)
	}
	products, _, err := svc.FindProducts(sys, firstset.ProductFilter{Limit: 200})
	if err != nil {
		return err
	}
	var proposed []int64
	ended := map[cases.Stage]int64{}
	for _, rc := range recognitionCases {
		i := slices.IndexFunc(products, func(p *firstset.Product) bool { return p.Name == rc.product })
		if i < 0 {
			return fmt.Errorf("no demo product %s", rc.product)
		}
		id, err := driveCase(ctx, pp, round, products[i], rc.stage)
		if err != nil {
			return fmt.Errorf("case of %s: %w", rc.product, err)
		}
		if rc.stage == cases.Notice {
			proposed = append(proposed, id)
		}
		ended[rc.stage] = id
	}
	// The applicant of the rejected case rates it badly: a follow-up for
	// the reviewers to answer (好差评).
	if err := rate(ctx, pp, ended[cases.Rejected], 2, "退回理由不够具体，希望一次性告知需要补充的材料。"); err != nil {
		return fmt.Errorf("rating: %w", err)
	}
	if _, err := svc.CreateNotice(pp.reviewer, firstset.NoticeInput{CaseIDs: proposed, StartsOn: today}); err != nil {
		return fmt.Errorf("notice: %w", err)
	}
	return nil
}

// loadExperts creates the pool: the demo "expert" login, who covers every
// category (so it is drawn for the demo's case in expert review), and its
// colleagues, expert i covering the categories j with (i+j) mod 12 < 7:
// each category is served by at least seven.
func loadExperts(ctx context.Context, svc *service.Services, pp *people, cats []firstset.Category) error {
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	employers := []string{"重庆大学", "西南大学", "重庆邮电大学", "重庆交通大学", "中国汽车工程研究院", "重庆理工大学"}
	for i := range ExpertCount {
		username := "expert"
		if i > 0 {
			username = fmt.Sprintf("expert%02d", i+1)
			if _, err := svc.CreateUser(sys, firstset.UserInput{Username: username, Name: fmt.Sprintf("评审专家%02d", i+1),
				Role: firstset.RoleExpert, Password: Password}); err != nil {
				return fmt.Errorf("expert %s: %w", username, err)
			}
		}
		ectx, err := pp.as(ctx, username)
		if err != nil {
			return err
		}
		var covers []int64
		for j, c := range cats {
			if i == 0 || (i+j)%ExpertCount < expertsPerCategory {
				covers = append(covers, c.ID)
			}
		}
		if _, err := svc.SaveExpert(pp.reviewer, firstset.ExpertInput{UserID: firstset.ActorFromContext(ectx).ID(),
			Categories: covers, Employer: employers[i%len(employers)], Active: true}); err != nil {
			return fmt.Errorf("expert %s: %w", username, err)
		}
	}
	return nil
}

// applicant is an enterprise user of the product's enterprise, created
// for the demo when the enterprise has none.
func (pp *people) applicant(ctx context.Context, p *firstset.Product) (context.Context, error) {
	if c, ok := pp.enterprise[p.EnterpriseID]; ok {
		return c, nil
	}
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	list, _, err := pp.svc.FindUsers(sys, firstset.UserFilter{Role: firstset.RoleEnterprise, EnterpriseID: p.EnterpriseID})
	if err != nil {
		return nil, err
	}
	var u *firstset.User
	if len(list) > 0 {
		u = list[0]
	} else if u, err = pp.svc.CreateUser(sys, firstset.UserInput{Username: fmt.Sprintf("enterprise%d", p.EnterpriseID),
		Name: p.EnterpriseName + "申报专员", Role: firstset.RoleEnterprise, EnterpriseID: p.EnterpriseID, Password: Password}); err != nil {
		return nil, err
	}
	c := firstset.NewContextWithActor(ctx, &firstset.Actor{User: u})
	pp.enterprise[p.EnterpriseID] = c
	return c, nil
}

// office is the district office of a district, created for the demo when
// the district has none.
func (pp *people) office(ctx context.Context, district string) (context.Context, error) {
	if c, ok := pp.district[district]; ok {
		return c, nil
	}
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	list, _, err := pp.svc.FindUsers(sys, firstset.UserFilter{Role: firstset.RoleDistrict})
	if err != nil {
		return nil, err
	}
	var u *firstset.User
	for _, x := range list {
		if x.DistrictCode == district {
			u = x
		}
	}
	if u == nil {
		if u, err = pp.svc.CreateUser(sys, firstset.UserInput{Username: "district" + district, Name: district + " 经济信息主管部门",
			Role: firstset.RoleDistrict, DistrictCode: district, Password: Password}); err != nil {
			return nil, err
		}
	}
	c := firstset.NewContextWithActor(ctx, &firstset.Actor{User: u})
	pp.district[district] = c
	return c, nil
}

// driveCase declares p into round and takes it to stage, as the people
// who act at each stage would.
func driveCase(ctx context.Context, pp *people, round *firstset.Round, p *firstset.Product, stage cases.Stage) (int64, error) {
	svc := pp.svc
	ent, err := pp.applicant(ctx, p)
	if err != nil {
		return 0, err
	}
	c, err := svc.Declare(ent, firstset.DeclarationInput{RoundID: round.ID, ProductID: p.ID,
		InnovationClaim:     p.Name + "突破了关键核心部件的自主设计与制造，填补本市空白。",
		TechnicalComparison: "主要性能指标达到国内先进水平，部分指标优于进口同类产品。",
		FirstUse:            "首台（套）产品已于本年度交付本市用户单位投入使用，运行稳定。"})
	if err != nil {
		return 0, err
	}
	id := c.ID
	required := 0
	for _, it := range round.Checklist {
		if !it.Required {
			continue
		}
		required++
		if stage == cases.Draft && required > 2 {
			break // a draft still missing materials
		}
		if _, err := svc.AddAttachment(ent, id, it.Item, it.Item+".pdf", bytes.NewReader(demoPDF)); err != nil {
			return 0, err
		}
	}
	steps := map[cases.Stage][]string{
		cases.Draft:          nil,
		cases.Withdrawn:      {"submit", "withdraw"},
		cases.DistrictReview: {"submit"},
		cases.Returned:       {"submit", "district:approve", "return"},
		cases.Rejected:       {"submit", "district:approve", "reject"},
		cases.FormalReview:   {"submit", "district:approve"},
		cases.ExpertReview:   {"submit", "district:approve", "approve", "draw"},
		cases.OnsiteCheck:    {"submit", "district:approve", "approve", "draw", "scores", "approve"},
		cases.Proposed:       {"submit", "district:approve", "approve", "draw", "scores", "approve", "approve"},
		cases.Notice:         {"submit", "district:approve", "approve", "draw", "scores", "approve", "approve"},
	}
	opinions := map[string]string{
		"district:approve": "材料齐全，情况属实，同意推荐。",
		"approve":          "审查通过。",
		"return":           "请补充第三方检测报告的检测机构资质证明，并说明首台（套）销售合同的履约情况。",
		"reject":           "经形式审查，申报产品已有多家本市企业量产，不符合首台（套）认定条件。",
		"withdraw":         "",
	}
	for _, step := range steps[stage] {
		var err error
		switch step {
		case "submit", "withdraw":
			_, err = svc.Act(ent, id, firstset.ActionInput{Action: step, Opinion: opinions[step]})
		case "district:approve":
			var office context.Context
			if office, err = pp.office(ctx, p.DistrictCode); err == nil {
				_, err = svc.Act(office, id, firstset.ActionInput{Action: "approve", Opinion: opinions[step]})
			}
		case "draw":
			err = drawWithDemoExpert(ctx, pp, id)
		case "scores":
			err = scoreAll(ctx, pp, id, stage != cases.ExpertReview)
		default:
			_, err = svc.Act(pp.reviewer, id, firstset.ActionInput{Action: step, Opinion: opinions[step]})
		}
		if err != nil {
			return 0, fmt.Errorf("%s: %w", step, err)
		}
	}
	if stage == cases.ExpertReview {
		if err := scoreAll(ctx, pp, id, false); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// drawWithDemoExpert draws a case's experts with the first seed
// "演示-N" whose draw includes the demo "expert" login, so that it has a
// case to score.
func drawWithDemoExpert(ctx context.Context, pp *people, id int64) error {
	cand, err := pp.svc.DrawCandidates(pp.reviewer, id)
	if err != nil {
		return err
	}
	for n := 1; n <= 1000; n++ {
		seed := fmt.Sprintf("演示-%d-%d", id, n)
		if !slices.ContainsFunc(cases.DrawExperts(seed, cand.Candidates, 5), func(c firstset.Candidate) bool { return c.Username == "expert" }) {
			continue
		}
		_, err := pp.svc.DrawExperts(pp.reviewer, id, seed)
		return err
	}
	_, err = pp.svc.DrawExperts(pp.reviewer, id, "")
	return err
}

// scoreAll has the case's drawn experts score it: all of them, or (for a
// case left in expert review) two who are not the demo login.
func scoreAll(ctx context.Context, pp *people, id int64, all bool) error {
	v, err := pp.svc.Case(pp.reviewer, id)
	if err != nil {
		return err
	}
	done := 0
	for i, e := range v.Experts {
		if e.Status != firstset.AssignmentDrawn || (!all && (e.Username == "expert" || done == 2)) {
			continue
		}
		ectx, err := pp.as(ctx, e.Username)
		if err != nil {
			return err
		}
		if _, err := pp.svc.ScoreCase(ectx, id, firstset.ScoreInput{Criteria: map[string]int{
			"innovation": 78 + i*3, "technology": 82 + i, "reliability": 85 - i*2, "market": 75 + i*2},
			Comment: "技术路线清晰，创新点明确，建议通过。"}); err != nil {
			return err
		}
		done++
	}
	return nil
}

// loadPublishedBatch runs an earlier batch on a clock set a month back: a
// declaration driven to its notice then, and published today once the
// notice has ended, so the demo holds a published case and batch.
func loadPublishedBatch(ctx context.Context, svc *service.Services, pp *people) error {
	now := svc.Now
	defer func() { svc.Now = now }()
	svc.Now = func() time.Time { return now().AddDate(0, 0, -30) }
	then := date.FromTime(svc.Now())
	round, err := svc.CreateRound(pp.reviewer, firstset.RoundInput{Title: "首台（套）重大技术装备认定（上一批次）",
		Year: then.Time().Year(), OpensOn: then.AddDays(-10), ClosesOn: then.AddDays(5)})
	if err != nil {
		return err
	}
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	products, _, err := svc.FindProducts(sys, firstset.ProductFilter{Query: "医用电子直线加速器"})
	if err != nil || len(products) != 1 {
		return fmt.Errorf("no demo product for the published batch (%v)", err)
	}
	id, err := driveCase(ctx, pp, round, products[0], cases.Notice)
	if err != nil {
		return err
	}
	n, err := svc.CreateNotice(pp.reviewer, firstset.NoticeInput{CaseIDs: []int64{id}, StartsOn: then})
	if err != nil {
		return err
	}
	svc.Now = now
	published := n.EndsOn.AddDays(1)
	if today := date.FromTime(now()); published.After(today) {
		published = today
	}
	if _, err = svc.PublishRound(pp.reviewer, round.ID, firstset.PublishInput{DocumentNumber: "渝经信装备〔" +
		fmt.Sprint(then.Time().Year()) + "〕12号", PublishedOn: published}); err != nil {
		return err
	}
	return rate(ctx, pp, id, 5, "办理时限清楚，进度随时可查。")
}

// rate has a case's applicant rate it as a whole and its deciding stage.
func rate(ctx context.Context, pp *people, id int64, score int, comment string) error {
	v, err := pp.svc.Case(pp.reviewer, id)
	if err != nil {
		return err
	}
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	p, err := pp.svc.FindProductByID(sys, v.ProductID)
	if err != nil {
		return err
	}
	ent, err := pp.applicant(ctx, p)
	if err != nil {
		return err
	}
	_, err = pp.svc.Rate(ent, id, firstset.RatingInput{Score: score, Comment: comment, StageScore: score})
	return err
}
