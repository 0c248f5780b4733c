package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"firstset"
	"firstset/cases"
	"firstset/date"
	"firstset/upload"
)

// Casework runs what every kind of case shares: reading it as the caller may,
// taking actions through its kind's state machine, materials, to-do
// lists, notifications and ratings.
type Casework struct{ *env }

var _ firstset.CaseService = (*Casework)(nil)

func kindOf(c *firstset.Case) *cases.Kind { return cases.Named(c.Kind) }

// loadCase reads a case as actor a may see it: its assignment of a (when
// a is an expert) and the refusal when a may not see it.
func loadCase(ctx context.Context, tx firstset.Tx, a *firstset.Actor, id int64, forUpdate bool) (*firstset.Case, *firstset.CaseExpert, error) {
	c, err := tx.CaseByID(ctx, id, forUpdate)
	if err != nil {
		return nil, nil, caseNotFound(err)
	}
	var mine *firstset.CaseExpert
	if a.Role() == firstset.RoleExpert {
		ce, err := tx.CaseExpert(ctx, id, a.ID())
		switch {
		case err == nil && ce.Status != firstset.AssignmentDeclined:
			mine = ce
		case err != nil && firstset.ErrorCode(err) != firstset.ENOTFOUND:
			return nil, nil, err
		}
	}
	if err := firstset.CheckReadCase(a, c, mine != nil); err != nil {
		return nil, nil, err
	}
	return c, mine, nil
}

func caseNotFound(err error) error {
	if firstset.ErrorCode(err) == firstset.ENOTFOUND {
		return firstset.Errorf(firstset.ENOTFOUND, "办件不存在。")
	}
	return err
}

// Case returns the case as the caller may see it.
func (s *Casework) Case(ctx context.Context, id int64) (*firstset.CaseView, error) {
	a := actor(ctx)
	var v *firstset.CaseView
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		c, mine, err := loadCase(ctx, tx, a, id, false)
		if err != nil {
			return err
		}
		v, err = s.view(ctx, tx, a, c, mine)
		return err
	})
	return v, err
}

// CaseByNumber finds a case by the number people quote.
func (s *Casework) CaseByNumber(ctx context.Context, number string) (*firstset.CaseView, error) {
	a := actor(ctx)
	var v *firstset.CaseView
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		c, err := tx.CaseByNumber(ctx, strings.ToUpper(strings.TrimSpace(number)))
		if err != nil {
			return caseNotFound(err)
		}
		c, mine, err := loadCase(ctx, tx, a, c.ID, false)
		if err != nil {
			return err
		}
		v, err = s.view(ctx, tx, a, c, mine)
		return err
	})
	return v, err
}

// view builds what a may see of c.
func (s *env) view(ctx context.Context, tx firstset.Tx, a *firstset.Actor, c *firstset.Case, mine *firstset.CaseExpert) (*firstset.CaseView, error) {
	k := kindOf(c)
	v := s.summary(c)
	var err error
	if v.Timeline, err = tx.Events(ctx, c.ID); err != nil {
		return nil, err
	}
	if v.Attachments, err = tx.Attachments(ctx, c.ID); err != nil {
		return nil, err
	}
	party := firstset.CaseParty(a, c, mine != nil)
	staff := party == "reviewer" || a.Role() == firstset.RoleAdmin
	if staff || party == "district" {
		if v.Experts, err = tx.CaseExperts(ctx, c.ID); err != nil {
			return nil, err
		}
		if !staff {
			v.Experts = nil // a district office follows the case, not the experts
		}
	}
	if mine != nil {
		v.Criteria = s.cfg.Cases.Criteria
		v.MySheet = mine.Sheet
	}
	if party != "" && c.Open() {
		for _, t := range k.ActionsFor(cases.Stage(c.Stage), cases.Party(party)) {
			ca := firstset.CaseAction{Action: string(t.Action), Label: t.Label, Own: t.Own}
			for _, r := range t.Requires {
				ca.Requires = append(ca.Requires, string(r))
			}
			v.Actions = append(v.Actions, ca)
		}
	}
	if v.Actions == nil {
		v.Actions = []firstset.CaseAction{}
	}
	if party == "applicant" && (c.RoundID != 0 || firstset.IsIncentive(c.Kind)) {
		list, err := s.checklistOf(ctx, tx, c)
		if err != nil {
			return nil, err
		}
		v.Missing = missingFrom(list, v.Attachments)
	}
	if !c.Open() && (party == "applicant" || staff) {
		if v.Ratings, err = tx.RatingsOfCase(ctx, c.ID); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// summary is a case with its stage's label and whether it is overdue.
func (s *env) summary(c *firstset.Case) *firstset.CaseView {
	v := &firstset.CaseView{Case: c, Timeline: []*firstset.Event{}, Attachments: []*firstset.Attachment{}}
	if def, ok := kindOf(c).Stage(cases.Stage(c.Stage)); ok {
		v.StageLabel = def.Label
	}
	v.Overdue = c.Open() && !c.DueOn.IsZero() && date.FromTime(s.Now()).After(c.DueOn)
	return v
}

// Cases lists the cases the caller may see; with f.Waiting, those waiting
// for the caller.
func (s *Casework) Cases(ctx context.Context, f firstset.CaseFilter) ([]*firstset.CaseView, int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requireScope(a, firstset.ScopeCasesRead); err != nil {
		return nil, 0, err
	}
	if err := checkQuery(f.Query); err != nil {
		return nil, 0, err
	}
	if !scopeCaseFilter(a, &f) {
		return []*firstset.CaseView{}, 0, nil
	}
	var list []*firstset.Case
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		list, total, err = tx.ListCases(ctx, f)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	out := make([]*firstset.CaseView, len(list))
	for i, c := range list {
		out[i] = s.summary(c)
	}
	return out, total, nil
}

// scopeCaseFilter narrows f to what a may see (and, with f.Waiting, to
// what waits for a); false when a sees no cases at all.
func scopeCaseFilter(a *firstset.Actor, f *firstset.CaseFilter) bool {
	u := a.User
	f.NextRole, f.NextDistrict, f.ExpertID = "", "", 0
	switch u.Role {
	case firstset.RoleEnterprise:
		if u.EnterpriseID == 0 {
			return false
		}
		f.EnterpriseID, f.ExcludeOthersDrafts = u.EnterpriseID, true
		if f.Waiting {
			f.NextRole = firstset.RoleEnterprise
		}
	case firstset.RoleBuyer:
		f.ApplicantUserID = u.ID
		if f.Waiting {
			f.NextRole = firstset.RoleBuyer
		}
	case firstset.RoleFinance:
		f.Kinds, f.ExcludeDrafts = firstset.IncentiveKinds, true
		if f.Waiting {
			f.NextRole = firstset.RoleFinance
		}
	case firstset.RoleDistrict:
		if u.DistrictCode == "" {
			return false
		}
		f.DistrictCode, f.ExcludeDrafts = u.DistrictCode, true
		if f.Waiting {
			f.NextRole, f.NextDistrict = firstset.RoleDistrict, u.DistrictCode
		}
	case firstset.RoleReviewer:
		f.ExcludeDrafts = true
		if f.Waiting {
			f.NextRole = firstset.RoleReviewer
		}
	case firstset.RoleAdmin:
		f.ExcludeDrafts = true
		if f.Waiting {
			return false
		}
	case firstset.RoleExpert:
		f.ExpertID = u.ID
	default:
		return false
	}
	return true
}

// Act takes an action on a case through its kind's state machine.
func (s *Casework) Act(ctx context.Context, id int64, in firstset.ActionInput) (*firstset.CaseView, error) {
	a := actor(ctx)
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	var v *firstset.CaseView
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		c, mine, err := loadCase(ctx, tx, a, id, true)
		if err != nil {
			return err
		}
		// The input is judged once the caller is known to see the case.
		if err := checkActionInput(kindOf(c), &in); err != nil {
			return err
		}
		t, err := s.decide(a, c, mine, cases.Action(in.Action))
		if err != nil {
			return err
		}
		if t.Own {
			return firstset.FieldErrorf("action", "own_request", "“%s”请通过专门的功能办理（评分、资金分配、审批、拨付）。", t.Label)
		}
		if err := s.requirements(ctx, tx, c, t, in); err != nil {
			return err
		}
		if err := s.move(ctx, tx, c, t, in.Opinion, in.Items); err != nil {
			return err
		}
		v, err = s.view(ctx, tx, a, c, mine)
		return err
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// checkActionInput checks an action's input: a known action of the kind,
// taken through Act, with an opinion and items of bounded plain text.
func checkActionInput(k *cases.Kind, in *firstset.ActionInput) error {
	in.Opinion = clean(in.Opinion)
	var p firstset.Problems
	known := slices.ContainsFunc(k.Rules, func(t cases.Transition) bool { return string(t.Action) == in.Action })
	switch {
	case in.Action == "":
		p.Add("action", "required", "请选择要办理的操作。")
	case !known:
		p.Add("action", "invalid_action", "办件不支持操作 %q。", in.Action)
	}
	optionalLines(&p, "opinion", "意见", in.Opinion, 2000)
	for i, it := range in.Items {
		in.Items[i] = clean(it)
		optionalText(&p, "items", "补正事项", in.Items[i], 200)
	}
	if len(in.Items) > 50 {
		p.Add("items", "too_many", "补正事项最多 50 项。")
	}
	if err := p.Err(); err != nil {
		return err
	}
	switch cases.Action(in.Action) {
	case cases.Draw, cases.Score, cases.Announce, cases.Publish, cases.Uphold, cases.Allocate, cases.NoFunds, cases.Pay, cases.PayOff:
		// These carry more than an opinion and have their own requests.
		return firstset.FieldErrorf("action", "own_request", "“%s”请通过专门的功能办理（抽取专家、评分、公示、发布、异议答复）。", in.Action)
	}
	return nil
}

// decide asks c's state machine whether a may take action act.
func (s *env) decide(a *firstset.Actor, c *firstset.Case, mine *firstset.CaseExpert, act cases.Action) (cases.Transition, error) {
	party := firstset.CaseParty(a, c, mine != nil)
	if party == "" {
		return cases.Transition{}, firstset.Errorf(firstset.EFORBIDDEN, "您不是此办件的办理人，不能执行此操作。")
	}
	t, ref := kindOf(c).Decide(cases.Stage(c.Stage), act, cases.Party(party))
	if ref != nil {
		return cases.Transition{}, &firstset.Error{Code: ref.Code, Message: ref.Message, Field: "action"}
	}
	return t, nil
}

// requirements checks what transition t needs of c beyond the party's
// right to take it.
func (s *env) requirements(ctx context.Context, tx firstset.Tx, c *firstset.Case, t cases.Transition, in firstset.ActionInput) error {
	var p firstset.Problems
	for _, r := range t.Requires {
		if firstset.IsIncentive(c.Kind) && r != cases.NeedsOpinion && r != cases.NeedsItems && r != cases.NeedsReason {
			if err := s.incentiveRequirements(ctx, tx, c, r, &p); err != nil {
				return err
			}
			continue
		}
		switch r {
		case cases.NeedsOpinion:
			if in.Opinion == "" {
				p.Add("opinion", "required", "请填写%s意见。", t.Label)
			}
		case cases.NeedsItems:
			if in.Opinion == "" && len(in.Items) == 0 {
				p.Add("opinion", "required", "请写明需要补正的事项。")
			}
		case cases.NeedsReason:
			if in.Opinion == "" {
				p.Add("opinion", "required", "请填写%s的理由。", t.Label)
			}
		case cases.NeedsRoundOpen:
			r, err := tx.RoundByID(ctx, c.RoundID)
			if err != nil {
				return err
			}
			if today := date.FromTime(s.Now()); !r.OpenOn(today) {
				p.Add("round_id", "round_closed", "申报批次“%s”的申报时间为 %s 至 %s，现已不在申报期内。", r.Title, r.OpensOn, r.ClosesOn)
			}
		case cases.NeedsMaterials:
			if err := s.checkDeclaration(ctx, tx, c, &p); err != nil {
				return err
			}
		case cases.NeedsScores:
			if err := s.checkScores(ctx, tx, c, &p); err != nil {
				return err
			}
		}
	}
	return p.Err()
}

// checkDeclaration names at once everything a declaration still lacks
// (一次性告知): its texts and every required material.
func (s *env) checkDeclaration(ctx context.Context, tx firstset.Tx, c *firstset.Case, p *firstset.Problems) error {
	texts := []struct{ field, label, value string }{
		{"innovation_claim", "创新性说明", c.InnovationClaim},
		{"technical_comparison", "与国内外同类产品对比", c.TechnicalComparison},
		{"first_use", "首台套首次应用情况", c.FirstUse},
	}
	for _, t := range texts {
		if t.value == "" {
			p.Add(t.field, "required", "请填写%s。", t.label)
		}
	}
	r, err := tx.RoundByID(ctx, c.RoundID)
	if err != nil {
		return err
	}
	atts, err := tx.Attachments(ctx, c.ID)
	if err != nil {
		return err
	}
	for _, item := range missingFrom(r.Checklist, atts) {
		p.Add("materials", "missing_material", "缺少必需材料：%s。", item)
	}
	return nil
}

// checkScores requires every expert still drawn for c to have scored, and
// fills in c's score.
func (s *env) checkScores(ctx context.Context, tx firstset.Tx, c *firstset.Case, p *firstset.Problems) error {
	experts, err := tx.CaseExperts(ctx, c.ID)
	if err != nil {
		return err
	}
	var sheets []cases.Sheet
	waiting := 0
	for _, e := range experts {
		switch e.Status {
		case firstset.AssignmentDrawn:
			waiting++
		case firstset.AssignmentScored:
			sheets = append(sheets, e.Sheet.Scores)
		}
	}
	switch {
	case len(sheets) == 0 && waiting == 0:
		p.Add("experts", "not_drawn", "尚未抽取评审专家。")
		return nil
	case waiting > 0:
		p.Add("experts", "scores_pending", "还有 %d 位专家未提交评分。", waiting)
		return nil
	}
	score, err := cases.CaseScore(s.cfg.Cases.Criteria, sheets, s.cfg.Cases.TrimFrom)
	if err != nil {
		return fmt.Errorf("score case %d: %w", c.ID, err)
	}
	sc := firstset.Score(score)
	c.Score = &sc
	return nil
}

// move takes c through transition t: its stage, who acts next and by
// when, its end, the timeline event, the audit entry and the
// notifications of those it concerns.
func (s *env) move(ctx context.Context, tx firstset.Tx, c *firstset.Case, t cases.Transition, opinion string, items []string) error {
	a := actor(ctx)
	old := *c
	from := cases.Stage(c.Stage)
	to := t.To
	if t.Back {
		to = cases.Stage(c.ReturnedFrom)
		c.ReturnedFrom = ""
	}
	now := s.Now()
	if !t.Stays {
		if to == cases.Returned {
			c.ReturnedFrom = string(from)
		}
		c.Stage = string(to)
		c.StageSince = now
		if err := s.setNext(ctx, tx, c); err != nil {
			return err
		}
	}
	if t.Action == cases.Submit && c.SubmittedAt == nil {
		c.SubmittedAt = &now
	}
	c.UpdatedAt = now
	if err := tx.UpdateCase(ctx, c); err != nil {
		return err
	}
	e := &firstset.Event{CaseID: c.ID, At: now, ActorID: a.ID(), Actor: actorLabel(a), ActorRole: actorRole(a),
		Action: string(t.Action), FromStage: string(from), Opinion: opinion, Items: items}
	if !t.Stays {
		e.ToStage = string(to)
	}
	if err := tx.AppendEvent(ctx, e); err != nil {
		return err
	}
	if err := s.record(ctx, tx, string(t.Action), "case", c.ID, &old, c); err != nil {
		return err
	}
	if err := s.productFollows(ctx, tx, c); err != nil {
		return err
	}
	if err := s.afterMove(ctx, tx, c); err != nil {
		return err
	}
	if t.Stays {
		return nil
	}
	return s.notifyMove(ctx, tx, c, t, opinion)
}

// actorLabel is how an actor appears on a timeline.
func actorLabel(a *firstset.Actor) string {
	if a.IsPublic() {
		return "公众"
	}
	if a.IsSystem() {
		return firstset.SystemActorLabel
	}
	name := a.User.Name
	if name == "" {
		name = a.User.Username
	}
	return name + "（" + a.Role().Label() + "）"
}

// actorRole is the role an actor acts in on a timeline; none for the
// platform itself.
func actorRole(a *firstset.Actor) firstset.Role {
	if a.IsSystem() {
		return ""
	}
	return a.Role()
}

// setNext sets who acts next on c at its stage, and by when.
func (s *env) setNext(ctx context.Context, tx firstset.Tx, c *firstset.Case) error {
	k := kindOf(c)
	def, _ := k.Stage(cases.Stage(c.Stage))
	c.NextRole, c.NextDistrict, c.DueOn = k.RoleOf(def.Next), "", date.Date{}
	if def.Next == cases.District {
		c.NextDistrict = c.DistrictCode
	}
	if def.Terminal {
		now := s.Now()
		c.ClosedAt = &now
		c.NextRole = ""
		return nil
	}
	due, err := s.limitEnd(ctx, tx, def.Deadline, date.FromTime(s.Now()), "case", c.Number, "stage", c.Stage)
	c.DueOn = due
	return err
}

// limitEnd is the last day of the time limit that parameter param (in
// StageDays) gives, counted in working days from start; none when param
// names no limit. Without the calendar of a year the limit runs into, it
// cannot be counted: the workflow goes on without one rather than
// blocking, and the gap is logged with about.
func (s *env) limitEnd(ctx context.Context, tx firstset.Tx, param string, start date.Date, about ...any) (date.Date, error) {
	days := s.cfg.Cases.StageDays[param]
	if param == "" || days <= 0 {
		return date.Date{}, nil
	}
	due, err := s.deadline(ctx, tx, start, days)
	var nd *noCalendarError
	if errors.As(err, &nd) {
		s.log.Warn("time limit not set", append(about, "limit", param, "err", err)...)
		return date.Date{}, nil
	}
	return due, err
}

// productFollows keeps the product's status in step with its
// recognition case: declared while under review, back to draft when the
// case ends without recognition.
func (s *env) productFollows(ctx context.Context, tx firstset.Tx, c *firstset.Case) error {
	if c.Kind != cases.Recognition.Name {
		return nil
	}
	want := firstset.StatusDeclared
	switch cases.Stage(c.Stage) {
	case cases.Draft:
		return nil
	case cases.Rejected, cases.Withdrawn:
		want = firstset.StatusDraft
	case cases.Published:
		return nil // publication sets the recognition itself
	}
	p, err := tx.ProductByID(ctx, c.ProductID)
	if err != nil {
		return err
	}
	if p.Status == want || firstset.InCatalog(p.Status) {
		return nil
	}
	p.Status, p.UpdatedAt = want, s.Now()
	return tx.UpdateProduct(ctx, p)
}

// AddAttachment stores a file under a checklist item of a case.
func (s *Casework) AddAttachment(ctx context.Context, caseID int64, item, filename string, r io.Reader) (*firstset.Attachment, error) {
	a := actor(ctx)
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	item, filename = clean(item), cleanFilename(filename)
	var p firstset.Problems
	requireText(&p, "item", "材料名称", item, 100)
	optionalText(&p, "file", "文件名", filename, 200)
	if err := p.Err(); err != nil {
		return nil, err
	}
	// What the case allows is checked before the upload is read, and
	// again in the transaction that stores it.
	var it firstset.ChecklistItem
	check := func(tx firstset.Tx, forUpdate bool) (*firstset.Case, error) {
		c, mine, err := loadCase(ctx, tx, a, caseID, forUpdate)
		if err != nil {
			return nil, err
		}
		if err := s.canChangeMaterials(a, c, mine); err != nil {
			return nil, err
		}
		list, err := s.checklistOf(ctx, tx, c)
		if err != nil {
			return nil, err
		}
		i := slices.IndexFunc(list, func(x firstset.ChecklistItem) bool { return x.Item == item })
		if i < 0 {
			return nil, firstset.FieldErrorf("item", "unknown_item", "材料清单中没有“%s”。", item)
		}
		it = list[i]
		return c, nil
	}
	if err := s.store.View(ctx, func(tx firstset.Tx) error { _, err := check(tx, false); return err }); err != nil {
		return nil, err
	}
	limit := s.cfg.Cases.MaxAttachmentBytes
	if it.MaxBytes > 0 && it.MaxBytes < limit {
		limit = it.MaxBytes
	}
	sp, err := upload.Spool(r, limit, it.Types, "")
	if err != nil {
		var ue *upload.Error
		if errors.As(err, &ue) {
			fe := firstset.FieldErrorf("file", ue.Code, "%s", ue.Message)
			if ue.Code == "file_too_large" {
				fe.Code = firstset.ETOOLARGE
			}
			return nil, fe
		}
		return nil, fmt.Errorf("receive attachment: %w", err)
	}
	defer sp.Close()
	if filename == "" {
		filename = item
	}
	var att *firstset.Attachment
	store := func(tx firstset.Tx) error {
		c, err := check(tx, true)
		if err != nil {
			return err
		}
		reused := true
		b, err := tx.BlobByHash(ctx, c.EnterpriseID, sp.SHA256)
		if firstset.ErrorCode(err) == firstset.ENOTFOUND {
			reused = false
			b = &firstset.Blob{EnterpriseID: c.EnterpriseID, SHA256: sp.SHA256, Size: sp.Size, ContentType: sp.ContentType}
			content, err := sp.Open()
			if err != nil {
				return fmt.Errorf("reopen upload: %w", err)
			}
			defer content.Close()
			if err := tx.CreateBlob(ctx, b, content); err != nil {
				return err
			}
		} else if err != nil {
			return err
		}
		now := s.Now()
		att = &firstset.Attachment{CaseID: c.ID, Item: item, BlobID: b.ID, Filename: filename, Size: b.Size,
			SHA256: b.SHA256, ContentType: b.ContentType, Reused: reused, UploadedBy: a.ID(), UploadedAt: now}
		if err := tx.CreateAttachment(ctx, att); err != nil {
			return err
		}
		if err := tx.AppendEvent(ctx, &firstset.Event{CaseID: c.ID, At: now, ActorID: a.ID(), Actor: actorLabel(a),
			ActorRole: a.Role(), Action: "attach", FromStage: c.Stage, Opinion: item + "：" + filename,
			AttachmentIDs: []int64{att.ID}}); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "attachment", att.ID, nil, att)
	}
	err = s.store.Update(ctx, store)
	if firstset.ErrorCode(err) == firstset.ECONFLICT {
		// The same file arrived twice at once: the other upload's blob is
		// there now, and this one reuses it.
		err = s.store.Update(ctx, store)
	}
	if err != nil {
		return nil, err
	}
	return att, nil
}

// cleanFilename keeps the last element of a client's file name.
func cleanFilename(name string) string {
	name = clean(name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// canChangeMaterials refuses anyone but the applicant, and any stage but
// the applicant's own (a draft, a case returned for correction).
func (s *env) canChangeMaterials(a *firstset.Actor, c *firstset.Case, mine *firstset.CaseExpert) error {
	if firstset.CaseParty(a, c, mine != nil) != "applicant" {
		return firstset.Errorf(firstset.EFORBIDDEN, "只有申报企业可以上传或删除申报材料。")
	}
	if st := cases.Stage(c.Stage); st != cases.Draft && st != cases.Returned {
		return firstset.Errorf(firstset.EWRONGSTAGE, "办件已提交，只有草稿或退回补正的办件可以修改材料。")
	}
	return nil
}

// RemoveAttachment takes an attachment off a case; its content stays for
// reuse.
func (s *Casework) RemoveAttachment(ctx context.Context, caseID, attachmentID int64) error {
	a := actor(ctx)
	if err := firstset.CheckCaseWrite(a); err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx firstset.Tx) error {
		c, mine, err := loadCase(ctx, tx, a, caseID, true)
		if err != nil {
			return err
		}
		att, err := tx.AttachmentByID(ctx, attachmentID)
		if err != nil || att.CaseID != c.ID {
			return firstset.Errorf(firstset.ENOTFOUND, "材料不存在。")
		}
		if err := s.canChangeMaterials(a, c, mine); err != nil {
			return err
		}
		if err := tx.DeleteAttachment(ctx, att.ID); err != nil {
			return err
		}
		if err := tx.AppendEvent(ctx, &firstset.Event{CaseID: c.ID, At: s.Now(), ActorID: a.ID(), Actor: actorLabel(a),
			ActorRole: a.Role(), Action: "detach", FromStage: c.Stage, Opinion: att.Item + "：" + att.Filename,
			AttachmentIDs: []int64{att.ID}}); err != nil {
			return err
		}
		return s.record(ctx, tx, "delete", "attachment", att.ID, att, nil)
	})
}

// OpenAttachment streams an attachment to whoever may see its case.
func (s *Casework) OpenAttachment(ctx context.Context, caseID, attachmentID int64) (*firstset.Attachment, io.ReadCloser, error) {
	a := actor(ctx)
	var att *firstset.Attachment
	var b *firstset.Blob
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		c, _, err := loadCase(ctx, tx, a, caseID, false)
		if err != nil {
			return err
		}
		att, err = tx.AttachmentByID(ctx, attachmentID)
		if err != nil || att.CaseID != c.ID {
			return firstset.Errorf(firstset.ENOTFOUND, "材料不存在。")
		}
		b, err = tx.BlobByID(ctx, att.BlobID)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return att, &blobReader{ctx: ctx, store: s.store, blob: b}, nil
}

// blobReader reads a blob one chunk per read transaction, so a slow
// download holds neither the content in memory nor a transaction open.
type blobReader struct {
	ctx   context.Context
	store firstset.Store
	blob  *firstset.Blob
	next  int
	buf   []byte
}

func (r *blobReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		if r.next >= r.blob.Chunks {
			return 0, io.EOF
		}
		err := r.store.View(r.ctx, func(tx firstset.Tx) error {
			var err error
			r.buf, err = tx.BlobChunk(r.ctx, r.blob.ID, r.next)
			return err
		})
		if err != nil {
			return 0, fmt.Errorf("read blob %d chunk %d: %w", r.blob.ID, r.next, err)
		}
		r.next++
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

func (r *blobReader) Close() error { return nil }

// deadline is the last day of a period of n working days from start.
func (s *env) deadline(ctx context.Context, tx firstset.Tx, start date.Date, n int) (date.Date, error) {
	cal, err := s.calendar(ctx, tx)
	if err != nil {
		return date.Date{}, err
	}
	end, err := cal.Deadline(start, n)
	if err != nil {
		return date.Date{}, &noCalendarError{err}
	}
	return end, nil
}

// noCalendarError is a period that runs into a year without calendar data.
type noCalendarError struct{ err error }

func (e *noCalendarError) Error() string { return e.err.Error() }
func (e *noCalendarError) Unwrap() error { return e.err }
