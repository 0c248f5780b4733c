package service

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"firstset"
	"firstset/cases"
	"firstset/creditcode"
	"firstset/date"
	"firstset/document"
	"firstset/policy"
	"firstset/upload"
)

// Recognition runs the yearly recognition: rounds, declarations, the
// expert pool and draws, scores, notices with objections, publication.
type Recognition struct{ *env }

var _ firstset.RecognitionService = (*Recognition)(nil)

var (
	pdf, png, jpeg, docx, xlsx = upload.PDF, upload.PNG, upload.JPEG, upload.DOCX, upload.XLSX
	scans                      = []string{pdf, png, jpeg}
)

// StandardChecklist is the materials a declaration attaches unless its
// round says otherwise (the 2018 opinions （五）: 申报材料).
func (s *Recognition) StandardChecklist() []firstset.ChecklistItem {
	max := s.cfg.Cases.MaxAttachmentBytes
	return []firstset.ChecklistItem{
		{Item: "申报书", Required: true, Types: []string{pdf, docx}, MaxBytes: max},
		{Item: "营业执照", Required: true, Types: scans, MaxBytes: max},
		{Item: "知识产权证明", Required: true, Types: scans, MaxBytes: max},
		{Item: "第三方检测或鉴定报告", Required: true, Types: []string{pdf}, MaxBytes: max},
		{Item: "首台（套）销售合同及发票", Required: true, Types: scans, MaxBytes: max},
		{Item: "用户使用证明", Required: false, Types: []string{pdf, png, jpeg, docx}, MaxBytes: max},
		{Item: "主要技术参数对比表", Required: false, Types: []string{pdf, docx, xlsx}, MaxBytes: max},
	}
}

// CreateRound opens a declaration round.
func (s *Recognition) CreateRound(ctx context.Context, in firstset.RoundInput) (*firstset.Round, error) {
	a := actor(ctx)
	if err := firstset.CheckManageRecognition(a); err != nil {
		return nil, err
	}
	in.Title, in.NoticeText = clean(in.Title), clean(in.NoticeText)
	var p firstset.Problems
	requireText(&p, "title", "批次名称", in.Title, 100)
	optionalLines(&p, "notice_text", "申报通知", in.NoticeText, 10000)
	if in.Year < 2018 || in.Year > 2100 {
		p.Add("year", "out_of_range", "年度须在 2018 至 2100 之间。")
	}
	switch {
	case in.OpensOn.IsZero():
		p.Add("opens_on", "required", "请填写申报开始日期。")
	case in.ClosesOn.IsZero():
		p.Add("closes_on", "required", "请填写申报截止日期。")
	case in.ClosesOn.Before(in.OpensOn):
		p.Add("closes_on", "date_order", "申报截止日期 %s 早于开始日期 %s。", in.ClosesOn, in.OpensOn)
	}
	if in.Checklist == nil {
		in.Checklist = s.StandardChecklist()
	}
	s.checkChecklist(&p, in.Checklist)
	if len(in.CategoryIDs) > 200 {
		p.Add("category_ids", "too_many", "类别最多 200 个。")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	now := s.Now()
	r := &firstset.Round{Title: in.Title, Year: in.Year, OpensOn: in.OpensOn, ClosesOn: in.ClosesOn,
		CategoryIDs: uniqueIDs(in.CategoryIDs), NoticeText: in.NoticeText, Checklist: in.Checklist,
		CreatedBy: a.ID(), CreatedAt: now, UpdatedAt: now}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		if err := checkCategories(ctx, tx, "category_ids", r.CategoryIDs); err != nil {
			return err
		}
		if err := tx.CreateRound(ctx, r); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "round", r.ID, nil, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

func (s *Recognition) checkChecklist(p *firstset.Problems, list []firstset.ChecklistItem) {
	if len(list) == 0 || len(list) > 50 {
		p.Add("checklist", "out_of_range", "材料清单须有 1 至 50 项。")
		return
	}
	seen := map[string]bool{}
	for i := range list {
		it := &list[i]
		it.Item = clean(it.Item)
		requireText(p, "checklist", "材料名称", it.Item, 100)
		if seen[it.Item] {
			p.Add("checklist", "duplicate", "材料“%s”重复。", it.Item)
		}
		seen[it.Item] = true
		if len(it.Types) == 0 {
			it.Types = upload.AllTypes
		}
		for _, t := range it.Types {
			if !slices.Contains(upload.AllTypes, t) {
				p.Add("checklist", "invalid_type", "材料“%s”的文件类型 %q 不受支持。", it.Item, t)
			}
		}
		if it.MaxBytes == 0 {
			it.MaxBytes = s.cfg.Cases.MaxAttachmentBytes
		}
		if it.MaxBytes < 1 || it.MaxBytes > s.cfg.Cases.MaxAttachmentBytes {
			p.Add("checklist", "out_of_range", "材料“%s”的大小上限须在 1 字节至 %d MB 之间。", it.Item, s.cfg.Cases.MaxAttachmentBytes>>20)
		}
	}
}

func uniqueIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	out = slices.Compact(out)
	if out == nil {
		out = []int64{}
	}
	return out
}

// checkCategories refuses ids that are not categories, naming field.
func checkCategories(ctx context.Context, tx firstset.Tx, field string, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	cats, err := tx.Categories(ctx)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !slices.ContainsFunc(cats, func(c firstset.Category) bool { return c.ID == id }) {
			return firstset.FieldErrorf(field, "unknown_category", "类别 %d 不存在。", id)
		}
	}
	return nil
}

// Round returns a round; rounds are public.
func (s *Recognition) Round(ctx context.Context, id int64) (*firstset.Round, error) {
	var r *firstset.Round
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		r, err = tx.RoundByID(ctx, id)
		return err
	})
	return r, err
}

// Rounds lists the rounds, newest first; rounds are public.
func (s *Recognition) Rounds(ctx context.Context) ([]*firstset.Round, error) {
	var list []*firstset.Round
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		list, err = tx.ListRounds(ctx)
		return err
	})
	return list, err
}

func checkDeclarationTexts(p *firstset.Problems, in *firstset.DeclarationInput) {
	in.InnovationClaim, in.TechnicalComparison, in.FirstUse = clean(in.InnovationClaim), clean(in.TechnicalComparison), clean(in.FirstUse)
	optionalLines(p, "innovation_claim", "创新性说明", in.InnovationClaim, 5000)
	optionalLines(p, "technical_comparison", "与国内外同类产品对比", in.TechnicalComparison, 5000)
	optionalLines(p, "first_use", "首台套首次应用情况", in.FirstUse, 5000)
}

// Declare opens a recognition case in draft.
func (s *Recognition) Declare(ctx context.Context, in firstset.DeclarationInput) (*firstset.CaseView, error) {
	a := actor(ctx)
	if err := a.RequireRole(firstset.RoleEnterprise); err != nil {
		return nil, err
	}
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	var p firstset.Problems
	if in.RoundID <= 0 {
		p.Add("round_id", "required", "请选择申报批次。")
	}
	if in.ProductID <= 0 {
		p.Add("product_id", "required", "请选择申报的装备。")
	}
	checkDeclarationTexts(&p, &in)
	if err := p.Err(); err != nil {
		return nil, err
	}
	var v *firstset.CaseView
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		r, err := tx.RoundByID(ctx, in.RoundID)
		if err != nil {
			return firstset.FieldErrorf("round_id", "unknown_round", "申报批次不存在。")
		}
		today := date.FromTime(s.Now())
		if !r.OpenOn(today) {
			return firstset.FieldErrorf("round_id", "round_closed", "申报批次“%s”的申报时间为 %s 至 %s，现已不在申报期内。", r.Title, r.OpensOn, r.ClosesOn)
		}
		prod, err := tx.ProductByID(ctx, in.ProductID)
		if err != nil || prod.EnterpriseID != a.User.EnterpriseID {
			return firstset.FieldErrorf("product_id", "unknown_product", "装备不存在。")
		}
		if !r.Accepts(prod.CategoryID) {
			return firstset.FieldErrorf("product_id", "category_not_accepted", "申报批次“%s”不受理“%s”类装备。", r.Title, prod.CategoryName)
		}
		if prod.Status == firstset.StatusRecognised {
			return firstset.FieldErrorf("product_id", "already_recognised", "装备“%s”已认定为首台（套），在有效期内无需重复申报。", prod.Name)
		}
		year, _, _ := today.Parts()
		seq, err := tx.NextCaseSeq(ctx, cases.Recognition.Prefix, year)
		if err != nil {
			return err
		}
		now := s.Now()
		c := &firstset.Case{Number: cases.Number(cases.Recognition.Prefix, year, seq), Kind: cases.Recognition.Name,
			Year: year, Seq: seq, RoundID: r.ID, EnterpriseID: prod.EnterpriseID, ProductID: prod.ID,
			Stage: string(cases.Recognition.Start), NextRole: firstset.RoleEnterprise, StageSince: now,
			InnovationClaim: in.InnovationClaim, TechnicalComparison: in.TechnicalComparison, FirstUse: in.FirstUse,
			CreatedAt: now, UpdatedAt: now}
		if err := tx.CreateCase(ctx, c); err != nil {
			return err
		}
		if c, err = tx.CaseByID(ctx, c.ID, false); err != nil {
			return err
		}
		if err := tx.AppendEvent(ctx, &firstset.Event{CaseID: c.ID, At: now, ActorID: a.ID(), Actor: actorLabel(a),
			ActorRole: a.Role(), Action: "create", ToStage: c.Stage, Opinion: "创建申报（" + r.Title + "）"}); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "create", "case", c.ID, nil, c); err != nil {
			return err
		}
		v, err = s.view(ctx, tx, a, c, nil)
		return err
	})
	return v, err
}

// UpdateDeclaration rewrites a draft's or a returned case's texts.
func (s *Recognition) UpdateDeclaration(ctx context.Context, caseID int64, in firstset.DeclarationInput) (*firstset.CaseView, error) {
	a := actor(ctx)
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	var p firstset.Problems
	checkDeclarationTexts(&p, &in)
	if err := p.Err(); err != nil {
		return nil, err
	}
	var v *firstset.CaseView
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		c, mine, err := loadCase(ctx, tx, a, caseID, true)
		if err != nil {
			return err
		}
		if err := s.canChangeMaterials(a, c, mine); err != nil {
			return err
		}
		old := *c
		c.InnovationClaim, c.TechnicalComparison, c.FirstUse = in.InnovationClaim, in.TechnicalComparison, in.FirstUse
		c.UpdatedAt = s.Now()
		if err := tx.UpdateCase(ctx, c); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "update", "case", c.ID, &old, c); err != nil {
			return err
		}
		v, err = s.view(ctx, tx, a, c, mine)
		return err
	})
	return v, err
}

// SaveExpert writes an expert's profile in the pool.
func (s *Recognition) SaveExpert(ctx context.Context, in firstset.ExpertInput) (*firstset.Expert, error) {
	a := actor(ctx)
	if err := firstset.CheckManageRecognition(a); err != nil {
		return nil, err
	}
	in.Employer, in.EmployerCreditCode, in.DistrictCode = clean(in.Employer), strings.ToUpper(clean(in.EmployerCreditCode)), clean(in.DistrictCode)
	var p firstset.Problems
	optionalText(&p, "employer", "工作单位", in.Employer, 100)
	if in.EmployerCreditCode != "" {
		if _, err := creditcode.Validate(in.EmployerCreditCode); err != nil {
			p.Add("employer_credit_code", "invalid_credit_code", "工作单位的统一社会信用代码有误：%v", err)
		}
	}
	if len(in.Categories) == 0 {
		p.Add("categories", "required", "请至少选择一个专业类别。")
	}
	if len(in.ConflictEnterprises) > 200 {
		p.Add("conflict_enterprises", "too_many", "回避企业最多 200 家。")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	var e *firstset.Expert
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		u, err := tx.UserByID(ctx, in.UserID)
		if err != nil || u.Role != firstset.RoleExpert {
			return firstset.FieldErrorf("user_id", "not_expert", "用户不存在或不是评审专家角色。")
		}
		if in.DistrictCode == "" {
			in.DistrictCode = u.DistrictCode
		}
		if err := checkCategories(ctx, tx, "categories", in.Categories); err != nil {
			return err
		}
		old, err := tx.ExpertByUserID(ctx, u.ID)
		if err != nil && firstset.ErrorCode(err) != firstset.ENOTFOUND {
			return err
		}
		e = &firstset.Expert{UserID: u.ID, Username: u.Username, Name: u.Name, Categories: uniqueIDs(in.Categories),
			Employer: in.Employer, EmployerCreditCode: in.EmployerCreditCode, DistrictCode: in.DistrictCode,
			Active: in.Active, ConflictEnterprises: uniqueIDs(in.ConflictEnterprises), UpdatedAt: s.Now()}
		if err := tx.PutExpert(ctx, e); err != nil {
			return err
		}
		action := "update"
		if old == nil {
			action = "create"
		}
		return s.record(ctx, tx, action, "expert", u.ID, old, e)
	})
	return e, err
}

// Expert reads an expert's profile: reviewers, administrators, the expert.
func (s *Recognition) Expert(ctx context.Context, userID int64) (*firstset.Expert, error) {
	a := actor(ctx)
	if a.ID() != userID || a.Role() != firstset.RoleExpert {
		if err := firstset.CheckReadRecognition(a); err != nil {
			return nil, err
		}
	}
	var e *firstset.Expert
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		e, err = tx.ExpertByUserID(ctx, userID)
		return err
	})
	return e, err
}

// Experts lists the pool.
func (s *Recognition) Experts(ctx context.Context, f firstset.ExpertFilter) ([]*firstset.Expert, int, error) {
	if err := firstset.CheckReadRecognition(actor(ctx)); err != nil {
		return nil, 0, err
	}
	if err := checkQuery(f.Query); err != nil {
		return nil, 0, err
	}
	var list []*firstset.Expert
	var total int
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		list, total, err = tx.ListExperts(ctx, f)
		return err
	})
	return list, total, err
}

// candidates is the list a draw for c draws from now: active experts of
// its category without a conflict, not yet drawn for it.
func candidates(ctx context.Context, tx firstset.Tx, c *firstset.Case) ([]firstset.Candidate, error) {
	pool, _, err := tx.ListExperts(ctx, firstset.ExpertFilter{CategoryID: c.CategoryID, ActiveOnly: true})
	if err != nil {
		return nil, err
	}
	assigned, err := tx.CaseExperts(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	f := cases.DrawFor{CategoryID: c.CategoryID, ApplicantID: c.EnterpriseID, ApplicantCreditCode: c.CreditCode}
	for _, e := range assigned {
		f.Exclude = append(f.Exclude, e.UserID)
	}
	in := make([]cases.PoolExpert, len(pool))
	for i, e := range pool {
		in[i] = cases.PoolExpert{UserID: e.UserID, Username: e.Username, Active: e.Active, Categories: e.Categories,
			EmployerCreditCode: e.EmployerCreditCode, ConflictEnterprises: e.ConflictEnterprises}
	}
	return cases.Candidates(in, f), nil
}

// DrawCandidates is the candidate list a draw would draw from now.
func (s *Recognition) DrawCandidates(ctx context.Context, caseID int64) (*firstset.Draw, error) {
	a := actor(ctx)
	if err := firstset.CheckReadRecognition(a); err != nil {
		return nil, err
	}
	var d *firstset.Draw
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		c, _, err := loadCase(ctx, tx, a, caseID, false)
		if err != nil {
			return err
		}
		list, err := candidates(ctx, tx, c)
		if err != nil {
			return err
		}
		d = &firstset.Draw{CaseID: c.ID, N: s.cfg.Cases.DrawN, Candidates: list, CandidatesSHA256: cases.CandidatesHash(list),
			Experts: []firstset.Candidate{}}
		return nil
	})
	return d, err
}

// DrawExperts draws the experts a case still lacks with seed (random when
// empty) and records the draw.
func (s *Recognition) DrawExperts(ctx context.Context, caseID int64, seed string) (*firstset.Draw, error) {
	a := actor(ctx)
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	seed = strings.TrimSpace(seed)
	var p firstset.Problems
	optionalText(&p, "seed", "随机种子", seed, cases.MaxSeedLen)
	if err := p.Err(); err != nil {
		return nil, err
	}
	if seed == "" {
		var err error
		if seed, err = cases.NewSeed(rand.Reader); err != nil {
			return nil, fmt.Errorf("draw seed: %w", err)
		}
	}
	var d *firstset.Draw
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		c, mine, err := loadCase(ctx, tx, a, caseID, true)
		if err != nil {
			return err
		}
		t, err := s.decide(a, c, mine, cases.Draw)
		if err != nil {
			return err
		}
		assigned, err := tx.CaseExperts(ctx, c.ID)
		if err != nil {
			return err
		}
		active := 0
		for _, e := range assigned {
			if e.Status != firstset.AssignmentDeclined {
				active++
			}
		}
		need := s.cfg.Cases.DrawN - active
		if need <= 0 {
			return firstset.Errorf(firstset.ECONFLICT, "本办件已抽取 %d 位专家，无需再抽取。", active)
		}
		d, err = s.drawInto(ctx, tx, c, seed, need, 0)
		if err != nil {
			return err
		}
		return s.move(ctx, tx, c, t, drawOpinion(d), nil)
	})
	return d, err
}

func drawOpinion(d *firstset.Draw) string {
	names := make([]string, len(d.Experts))
	for i, e := range d.Experts {
		names[i] = e.Username
	}
	return fmt.Sprintf("随机种子 %s，候选专家 %d 名（名单 SHA-256 %s），抽中 %d 名：%s。", d.Seed, len(d.Candidates),
		d.CandidatesSHA256, len(d.Experts), strings.Join(names, "、"))
}

// drawInto draws n experts for c from its candidates now, records the
// draw and the assignments, and tells the experts drawn.
func (s *env) drawInto(ctx context.Context, tx firstset.Tx, c *firstset.Case, seed string, n int, replaces int64) (*firstset.Draw, error) {
	list, err := candidates(ctx, tx, c)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, firstset.Errorf(firstset.EINVALID, "专家库中没有可抽取的“%s”类专家（已排除回避和已抽取的专家）。", c.CategoryName)
	}
	now := s.Now()
	d := &firstset.Draw{CaseID: c.ID, Seed: seed, N: n, Candidates: list, CandidatesSHA256: cases.CandidatesHash(list),
		Experts: cases.DrawExperts(seed, list, n), Replaces: replaces, DrawnBy: actor(ctx).ID(), CreatedAt: now}
	if err := tx.CreateDraw(ctx, d); err != nil {
		return nil, err
	}
	var users []*firstset.User
	for _, e := range d.Experts {
		if err := tx.AddCaseExpert(ctx, &firstset.CaseExpert{CaseID: c.ID, UserID: e.UserID, DrawID: d.ID,
			Status: firstset.AssignmentDrawn, DrawnAt: now}); err != nil {
			return nil, err
		}
		u, err := tx.UserByID(ctx, e.UserID)
		if err != nil {
			return nil, err
		}
		users = append(users, u)
	}
	if err := s.record(ctx, tx, "draw", "case", c.ID, nil, d); err != nil {
		return nil, err
	}
	due := ""
	if !c.DueOn.IsZero() {
		due = "，请于 " + c.DueOn.String() + " 前完成评分"
	}
	return d, s.notify(ctx, tx, users, c, "待评审：办件 "+c.Number,
		fmt.Sprintf("您被抽取为办件 %s（%s）的评审专家%s；如与申报企业存在利害关系，请声明回避。", c.Number, c.ProductName, due))
}

// Draws lists a case's draws, for reviewers and administrators.
func (s *Recognition) Draws(ctx context.Context, caseID int64) ([]*firstset.Draw, error) {
	a := actor(ctx)
	if err := firstset.CheckReadRecognition(a); err != nil {
		return nil, err
	}
	var list []*firstset.Draw
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		if _, _, err := loadCase(ctx, tx, a, caseID, false); err != nil {
			return err
		}
		var err error
		list, err = tx.Draws(ctx, caseID)
		return err
	})
	return list, err
}

// DeclineCase is a drawn expert declaring a conflict: they are replaced by
// a draw with the original seed from the rest.
func (s *Recognition) DeclineCase(ctx context.Context, caseID int64, reason string) (*firstset.Draw, error) {
	a := actor(ctx)
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	reason = clean(reason)
	var d *firstset.Draw
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		c, mine, err := loadCase(ctx, tx, a, caseID, true)
		if err != nil {
			return err
		}
		if _, err := s.decide(a, c, mine, cases.Score); err != nil {
			return err
		}
		var p firstset.Problems
		if reason == "" {
			p.Add("reason", "required", "请说明回避理由。")
		}
		optionalLines(&p, "reason", "回避理由", reason, 500)
		if err := p.Err(); err != nil {
			return err
		}
		if mine.Status != firstset.AssignmentDrawn {
			return firstset.Errorf(firstset.ECONFLICT, "您已提交评分，不能再声明回避。")
		}
		old := *mine
		mine.Status, mine.Reason = firstset.AssignmentDeclined, reason
		if err := tx.UpdateCaseExpert(ctx, mine); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "decline", "case", c.ID, &old, mine); err != nil {
			return err
		}
		if err := tx.AppendEvent(ctx, &firstset.Event{CaseID: c.ID, At: s.Now(), ActorID: a.ID(), Actor: actorLabel(a),
			ActorRole: a.Role(), Action: "decline", FromStage: c.Stage, Opinion: "专家声明回避，按原随机种子补抽。"}); err != nil {
			return err
		}
		draws, err := tx.Draws(ctx, c.ID)
		if err != nil {
			return err
		}
		seed := ""
		for _, dr := range draws {
			if dr.ID == mine.DrawID {
				seed = dr.Seed
			}
		}
		// The replacement is the platform's act, recorded as such; the
		// expert who declined sees the case no more.
		sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
		d, err = s.drawInto(sys, tx, c, seed, 1, a.ID())
		if err != nil {
			return err
		}
		return s.move(sys, tx, c, cases.Transition{Action: cases.Draw, Label: "补抽专家", Stays: true, By: cases.Reviewer}, drawOpinion(d), nil)
	})
	return d, err
}

// Criteria is the experts' scoring sheet.
func (s *Recognition) Criteria() []firstset.Criterion { return slices.Clone(s.cfg.Cases.Criteria) }

// ScoreCase records a drawn expert's sheet; once every drawn expert has
// scored, the case's score is computed.
func (s *Recognition) ScoreCase(ctx context.Context, caseID int64, in firstset.ScoreInput) (*firstset.CaseView, error) {
	a := actor(ctx)
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	var v *firstset.CaseView
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		c, mine, err := loadCase(ctx, tx, a, caseID, true)
		if err != nil {
			return err
		}
		t, err := s.decide(a, c, mine, cases.Score)
		if err != nil {
			return err
		}
		sheet, err := s.readSheet(in)
		if err != nil {
			return err
		}
		old := *mine
		sheet.ScoredAt = s.Now()
		mine.Status, mine.Sheet = firstset.AssignmentScored, sheet
		if err := tx.UpdateCaseExpert(ctx, mine); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "score", "case", c.ID, &old, mine); err != nil {
			return err
		}
		var p firstset.Problems
		if err := s.checkScores(ctx, tx, c, &p); err != nil {
			return err
		}
		if err := s.move(ctx, tx, c, t, "", nil); err != nil { // stores the score once complete
			return err
		}
		if len(p) == 0 {
			reviewers, err := usersOf(ctx, tx, firstset.RoleReviewer, 0, "")
			if err != nil {
				return err
			}
			if err := s.notify(ctx, tx, reviewers, c, "专家评分完成：办件 "+c.Number, "办件 "+c.Number+" 的专家评分已全部提交，得分 "+c.Score.String()+"。"); err != nil {
				return err
			}
		}
		v, err = s.view(ctx, tx, a, c, mine)
		return err
	})
	return v, err
}

// readSheet checks an expert's sheet: every criterion, by id or name,
// scored 0 to 100, and nothing else.
func (s *env) readSheet(in firstset.ScoreInput) (*firstset.ScoreSheet, error) {
	var p firstset.Problems
	sheet := &firstset.ScoreSheet{Scores: map[string]int{}, Comment: clean(in.Comment)}
	optionalLines(&p, "comment", "评审意见", sheet.Comment, 2000)
	for key, v := range in.Criteria {
		i := slices.IndexFunc(s.cfg.Cases.Criteria, func(c firstset.Criterion) bool { return c.ID == key || c.Name == key })
		if i < 0 {
			p.Add("criteria."+key, "unknown_criterion", "评分表中没有“%s”一项。", key)
			continue
		}
		c := s.cfg.Cases.Criteria[i]
		if _, dup := sheet.Scores[c.ID]; dup {
			p.Add("criteria."+key, "duplicate", "“%s”重复评分。", c.Name)
		}
		if v < 0 || v > 100 {
			p.Add("criteria."+key, "out_of_range", "“%s”须为 0 至 100 分。", c.Name)
		}
		sheet.Scores[c.ID] = v
	}
	for _, c := range s.cfg.Cases.Criteria {
		if _, ok := sheet.Scores[c.ID]; !ok && !p.Has("criteria."+c.ID) && !p.Has("criteria."+c.Name) {
			p.Add("criteria."+c.ID, "required", "请为“%s”评分。", c.Name)
		}
	}
	slices.SortFunc(p, func(a, b firstset.FieldError) int { return strings.Compare(a.Field, b.Field) })
	return sheet, p.Err()
}

// noticeDays is the notice period in force on day d.
func (s *env) noticeDays(d date.Date) (int, error) {
	r, ok := s.engine().Params().InForce(d, policy.ParamNoticeWorkingDays)
	if !ok {
		return 0, firstset.FieldErrorf("starts_on", "no_rule", "%s 时尚无公示期的规定。", d)
	}
	return r.Int(policy.ParamNoticeWorkingDays), nil
}

// CreateNotice puts proposed cases on a public notice.
func (s *Recognition) CreateNotice(ctx context.Context, in firstset.NoticeInput) (*firstset.NoticeView, error) {
	a := actor(ctx)
	if err := firstset.CheckManageRecognition(a); err != nil {
		return nil, err
	}
	in.Title = clean(in.Title)
	var p firstset.Problems
	optionalText(&p, "title", "公示标题", in.Title, 100)
	today := date.FromTime(s.Now())
	switch {
	case in.StartsOn.IsZero():
		p.Add("starts_on", "required", "请填写公示开始日期。")
	case in.StartsOn.Before(today):
		p.Add("starts_on", "in_past", "公示开始日期 %s 早于今天（%s）。", in.StartsOn, today)
	}
	ids := uniqueIDs(in.CaseIDs)
	switch {
	case len(ids) == 0:
		p.Add("case_ids", "required", "请选择列入公示的办件。")
	case len(ids) > 1000:
		p.Add("case_ids", "too_many", "一次公示最多 1000 件。")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	days, err := s.noticeDays(in.StartsOn)
	if err != nil {
		return nil, err
	}
	var nv *firstset.NoticeView
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		end, err := s.deadline(ctx, tx, in.StartsOn, days)
		var nd *noCalendarError
		if errors.As(err, &nd) {
			return firstset.FieldErrorf("starts_on", "no_calendar", "%s", nd.err.Error())
		} else if err != nil {
			return err
		}
		y, _, _ := in.StartsOn.Parts()
		if in.Title == "" {
			in.Title = fmt.Sprintf("%d年重庆市首台（套）重大技术装备拟认定名单公示", y)
		}
		n := &firstset.Notice{Title: in.Title, StartsOn: in.StartsOn, EndsOn: end, CreatedBy: a.ID(), CreatedAt: s.Now()}
		if err := tx.CreateNotice(ctx, n); err != nil {
			return err
		}
		opinion := fmt.Sprintf("列入公示：%s（%s 至 %s，%d 个工作日）", n.Title, n.StartsOn, n.EndsOn, days)
		for _, id := range ids {
			c, mine, err := loadCase(ctx, tx, a, id, true)
			if err != nil {
				return firstset.FieldErrorf("case_ids", "unknown_case", "办件 %d 不存在。", id)
			}
			t, err := s.decide(a, c, mine, cases.Announce)
			if err != nil {
				return firstset.FieldErrorf("case_ids", firstset.ErrorCode(err), "办件 %s：%s", c.Number, err.(*firstset.Error).Message)
			}
			c.NoticeID = n.ID
			if err := s.move(ctx, tx, c, t, opinion, nil); err != nil {
				return err
			}
			n.CaseIDs = append(n.CaseIDs, c.ID)
		}
		if err := s.record(ctx, tx, "create", "notice", n.ID, nil, n); err != nil {
			return err
		}
		nv, err = s.noticeView(ctx, tx, a, n)
		return err
	})
	return nv, err
}

// noticeView is a notice as a reads it: the public sees the cases still
// on it; reviewers also the objections.
func (s *env) noticeView(ctx context.Context, tx firstset.Tx, a *firstset.Actor, n *firstset.Notice) (*firstset.NoticeView, error) {
	today := date.FromTime(s.Now())
	v := &firstset.NoticeView{Notice: n, Entries: []firstset.NoticeEntry{},
		Ongoing: !today.Before(n.StartsOn) && !today.After(n.EndsOn), Ended: today.After(n.EndsOn)}
	list, _, err := tx.ListCases(ctx, firstset.CaseFilter{NoticeID: n.ID})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(list, func(a, b *firstset.Case) int { return int(a.ID - b.ID) })
	staff := a.Role() == firstset.RoleReviewer || a.Role() == firstset.RoleAdmin
	for _, c := range list {
		if c.Stage == string(cases.Rejected) && !staff {
			continue // taken off the list by an upheld objection
		}
		v.Entries = append(v.Entries, firstset.NoticeEntry{CaseID: c.ID, Number: c.Number, Stage: c.Stage,
			EnterpriseName: c.EnterpriseName, ProductName: c.ProductName, ProductModel: c.ProductModel,
			CategoryName: c.CategoryName, DistrictCode: c.DistrictCode})
	}
	if staff {
		if v.Objections, err = tx.ListObjections(ctx, n.ID, false); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// Notice returns a notice; notices are public.
func (s *Recognition) Notice(ctx context.Context, id int64) (*firstset.NoticeView, error) {
	a := actor(ctx)
	var v *firstset.NoticeView
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		n, err := tx.NoticeByID(ctx, id)
		if err != nil {
			return err
		}
		v, err = s.noticeView(ctx, tx, a, n)
		return err
	})
	return v, err
}

// Notices lists the notices, newest first; public.
func (s *Recognition) Notices(ctx context.Context) ([]*firstset.NoticeView, error) {
	a := actor(ctx)
	var out []*firstset.NoticeView
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		list, err := tx.ListNotices(ctx)
		if err != nil {
			return err
		}
		for _, n := range list {
			v, err := s.noticeView(ctx, tx, a, n)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// RaiseObjection records the public's objection to a case on an ongoing
// notice, at most ObjectionsPerHour an hour from one address.
func (s *Recognition) RaiseObjection(ctx context.Context, noticeID int64, in firstset.ObjectionInput) (*firstset.Objection, error) {
	a := actor(ctx)
	in.Name, in.Contact, in.Text = clean(in.Name), clean(in.Contact), clean(in.Text)
	var p firstset.Problems
	requireText(&p, "name", "姓名或单位", in.Name, 50)
	requireText(&p, "contact", "联系方式", in.Contact, 100)
	if checkText(&p, "text", "异议内容", in.Text, 0) {
		checkLength(&p, "text", "异议内容", in.Text, 2000, true)
	}
	if in.CaseID <= 0 {
		p.Add("case_id", "required", "请选择提出异议的办件。")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	var o *firstset.Objection
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		n, err := tx.NoticeByID(ctx, noticeID)
		if err != nil {
			return err
		}
		today := date.FromTime(s.Now())
		if today.Before(n.StartsOn) || today.After(n.EndsOn) {
			return firstset.Errorf(firstset.EWRONGSTAGE, "公示期为 %s 至 %s，现不在公示期内，不能提出异议。", n.StartsOn, n.EndsOn)
		}
		c, err := tx.CaseByID(ctx, in.CaseID, true)
		if err != nil || c.NoticeID != n.ID || c.Stage != string(cases.Notice) {
			return firstset.FieldErrorf("case_id", "not_on_notice", "该办件不在本次公示名单中。")
		}
		count, err := tx.CountObjectionsFrom(ctx, a.IP, s.Now().Add(-time.Hour))
		if err != nil {
			return err
		}
		if count >= s.cfg.Cases.ObjectionsPerHour {
			return firstset.Errorf(firstset.ERATELIMITED, "提交过于频繁：同一网络地址每小时最多提出 %d 条异议，请稍后再试。", s.cfg.Cases.ObjectionsPerHour)
		}
		now := s.Now()
		o = &firstset.Objection{NoticeID: n.ID, CaseID: c.ID, Name: in.Name, Contact: in.Contact, Text: in.Text,
			IP: a.IP, Status: firstset.ObjectionOpen, CreatedAt: now, CaseNumber: c.Number}
		if err := tx.CreateObjection(ctx, o); err != nil {
			return err
		}
		// The objector's identity is for the reviewers only.
		if err := tx.AppendEvent(ctx, &firstset.Event{CaseID: c.ID, At: now, Actor: "公众", Action: "object",
			FromStage: c.Stage, Opinion: fmt.Sprintf("收到公示异议（编号 %d），待审核人员核实答复。", o.ID)}); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "create", "objection", o.ID, nil, o); err != nil {
			return err
		}
		reviewers, err := usersOf(ctx, tx, firstset.RoleReviewer, 0, "")
		if err != nil {
			return err
		}
		return s.notify(ctx, tx, reviewers, c, "待办：公示异议 "+c.Number, "公示中的办件 "+c.Number+"（"+c.ProductName+"）收到异议，请核实答复。")
	})
	return o, err
}

// AnswerObjection is a reviewer's answer: dismissed, or upheld and the
// case off the list (rejected with the reason).
func (s *Recognition) AnswerObjection(ctx context.Context, id int64, in firstset.AnswerInput) (*firstset.Objection, error) {
	a := actor(ctx)
	if err := firstset.CheckManageRecognition(a); err != nil {
		return nil, err
	}
	in.Reason = clean(in.Reason)
	var p firstset.Problems
	if in.Decision != firstset.ObjectionDismissed && in.Decision != firstset.ObjectionUpheld {
		p.Add("decision", "invalid_decision", "请选择“异议不成立”（dismissed）或“异议成立”（upheld）。")
	}
	if in.Reason == "" {
		p.Add("reason", "required", "请填写答复理由。")
	}
	optionalLines(&p, "reason", "答复理由", in.Reason, 2000)
	if err := p.Err(); err != nil {
		return nil, err
	}
	var o *firstset.Objection
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		var err error
		if o, err = tx.ObjectionByID(ctx, id, true); err != nil {
			return err
		}
		if o.Status != firstset.ObjectionOpen {
			return firstset.Errorf(firstset.ECONFLICT, "该异议已答复。")
		}
		old := *o
		now := s.Now()
		o.Status, o.Reason, o.AnsweredBy, o.AnsweredAt = in.Decision, in.Reason, a.ID(), &now
		if err := tx.UpdateObjection(ctx, o); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "answer", "objection", o.ID, &old, o); err != nil {
			return err
		}
		c, mine, err := loadCase(ctx, tx, a, o.CaseID, true)
		if err != nil {
			return err
		}
		if in.Decision == firstset.ObjectionDismissed {
			return tx.AppendEvent(ctx, &firstset.Event{CaseID: c.ID, At: now, ActorID: a.ID(), Actor: actorLabel(a),
				ActorRole: a.Role(), Action: "dismiss", FromStage: c.Stage,
				Opinion: fmt.Sprintf("异议（编号 %d）经核实不成立：%s", o.ID, in.Reason)})
		}
		if c.Stage != string(cases.Notice) {
			return nil // already off the list through another objection
		}
		t, err := s.decide(a, c, mine, cases.Uphold)
		if err != nil {
			return err
		}
		return s.move(ctx, tx, c, t, fmt.Sprintf("异议（编号 %d）成立：%s", o.ID, in.Reason), nil)
	})
	return o, err
}

// Objections lists objections for reviewers.
func (s *Recognition) Objections(ctx context.Context, openOnly bool) ([]*firstset.Objection, error) {
	if err := firstset.CheckReadRecognition(actor(ctx)); err != nil {
		return nil, err
	}
	var list []*firstset.Objection
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		list, err = tx.ListObjections(ctx, 0, openOnly)
		return err
	})
	return list, err
}

// PublishRound publishes a round's catalog batch in one transaction: each
// case on an ended notice without an open objection is published, its
// product recognised from the publication date.
func (s *Recognition) PublishRound(ctx context.Context, roundID int64, in firstset.PublishInput) (*firstset.Publication, error) {
	a := actor(ctx)
	if err := firstset.CheckManageRecognition(a); err != nil {
		return nil, err
	}
	in.DocumentNumber = clean(in.DocumentNumber)
	var p firstset.Problems
	requireText(&p, "document_number", "文号", in.DocumentNumber, 50)
	today := date.FromTime(s.Now())
	switch {
	case in.PublishedOn.IsZero():
		p.Add("published_on", "required", "请填写发布日期。")
	case in.PublishedOn.After(today):
		p.Add("published_on", "in_future", "发布日期 %s 晚于今天（%s）。", in.PublishedOn, today)
	case in.PublishedOn.Before(policy.FirstRecognitionDay):
		p.Add("published_on", "too_early", "发布日期早于本市首台（套）政策印发日 %s。", policy.FirstRecognitionDay)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	var pub *firstset.Publication
	// A whole round of cases: a transaction of its own.
	err := s.store.Update(firstset.BulkWrite(ctx), func(tx firstset.Tx) error {
		r, err := tx.RoundByID(ctx, roundID)
		if err != nil {
			return err
		}
		if !r.PublishedOn.IsZero() {
			return firstset.Errorf(firstset.ECONFLICT, "申报批次“%s”已于 %s 发布（%s）。", r.Title, r.PublishedOn, r.DocumentNumber)
		}
		list, _, err := tx.ListCases(ctx, firstset.CaseFilter{RoundID: r.ID, Stages: []string{string(cases.Notice)}})
		if err != nil {
			return err
		}
		if len(list) == 0 {
			return firstset.Errorf(firstset.EINVALID, "申报批次“%s”没有公示中的办件可以发布。", r.Title)
		}
		open, err := tx.ListObjections(ctx, 0, true)
		if err != nil {
			return err
		}
		notices := map[int64]*firstset.Notice{}
		var pr firstset.Problems
		for _, c := range list {
			n := notices[c.NoticeID]
			if n == nil {
				if n, err = tx.NoticeByID(ctx, c.NoticeID); err != nil {
					return err
				}
				notices[n.ID] = n
			}
			if !today.After(n.EndsOn) {
				pr.Add("notice", "notice_ongoing", "办件 %s 的公示至 %s 结束，公示期满后才能发布。", c.Number, n.EndsOn)
			} else if !in.PublishedOn.After(n.EndsOn) {
				pr.Add("published_on", "date_order", "发布日期 %s 须晚于公示结束日 %s。", in.PublishedOn, n.EndsOn)
			}
			if slices.ContainsFunc(open, func(o *firstset.Objection) bool { return o.CaseID == c.ID }) {
				pr.Add("objections", "objection_open", "办件 %s 尚有未答复的异议。", c.Number)
			}
		}
		if err := pr.Err(); err != nil {
			return err
		}
		oldRound := *r
		r.DocumentNumber, r.PublishedOn, r.UpdatedAt = in.DocumentNumber, in.PublishedOn, s.Now()
		if err := tx.UpdateRound(ctx, r); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "publish", "round", r.ID, &oldRound, r); err != nil {
			return err
		}
		pub = &firstset.Publication{Round: r}
		opinion := fmt.Sprintf("列入首台（套）重大技术装备目录（%s，%s 发布）", r.DocumentNumber, r.PublishedOn)
		var key document.SigningKey
		for _, listed := range list {
			c, mine, err := loadCase(ctx, tx, a, listed.ID, true)
			if err != nil {
				return err
			}
			t, err := s.decide(a, c, mine, cases.Publish)
			if err != nil {
				return err
			}
			if err := s.move(ctx, tx, c, t, opinion, nil); err != nil {
				return err
			}
			old, err := tx.ProductByID(ctx, c.ProductID)
			if err != nil {
				return err
			}
			np := *old
			np.Status, np.RecognizedOn, np.ValidUntil, np.UpdatedAt = firstset.StatusRecognised, r.PublishedOn, date.Date{}, s.Now()
			if err := tx.UpdateProduct(ctx, &np); err != nil {
				return err
			}
			type change struct {
				*firstset.Product
				Case     string `json:"case"`
				Document string `json:"document_number"`
			}
			if err := s.record(ctx, tx, "set_recognition", "product", np.ID, old, change{&np, c.Number, r.DocumentNumber}); err != nil {
				return err
			}
			if key.ID == "" {
				if key, err = s.signingKey(ctx, tx); err != nil {
					return err
				}
			}
			cert, err := s.issueCertificate(ctx, tx, key, &np, r.DocumentNumber)
			if err != nil {
				return err
			}
			if err := s.appendProductEvent(ctx, tx, &firstset.ProductEvent{ProductID: np.ID, Action: firstset.EventRecognise,
				Reason: r.Title, Document: r.DocumentNumber, StatusBefore: old.Status, StatusAfter: np.Status,
				ValidUntilAfter: cert.ValidUntil, Certificate: cert.Number, CaseNumber: c.Number}); err != nil {
				return err
			}
			pub.Products = append(pub.Products, s.withValidity(&np))
		}
		return nil
	})
	return pub, err
}

// Publication is a published batch with its products; public.
func (s *Recognition) Publication(ctx context.Context, roundID int64) (*firstset.Publication, error) {
	var pub *firstset.Publication
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		r, err := tx.RoundByID(ctx, roundID)
		if err != nil {
			return err
		}
		if r.PublishedOn.IsZero() {
			return firstset.Errorf(firstset.ENOTFOUND, "该批次尚未发布。")
		}
		list, _, err := tx.ListCases(ctx, firstset.CaseFilter{RoundID: r.ID, Stages: []string{string(cases.Published)}})
		if err != nil {
			return err
		}
		slices.SortFunc(list, func(a, b *firstset.Case) int { return int(a.ID - b.ID) })
		pub = &firstset.Publication{Round: r, Products: []*firstset.Product{}}
		for _, c := range list {
			p, err := tx.ProductByID(ctx, c.ProductID)
			if err != nil {
				return err
			}
			pub.Products = append(pub.Products, s.withValidity(p))
		}
		return nil
	})
	return pub, err
}
