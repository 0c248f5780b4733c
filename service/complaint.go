package service

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"firstset"
	"firstset/cases"
	"firstset/date"
	"firstset/tender"
)

// Complaints takes first-set makers' complaints about tender documents
// (招标投诉) and the tender supervisor's handling of them. The workflow is
// the state machine cases.Complaint.
type Complaints struct{ *env }

var _ firstset.ComplaintService = (*Complaints)(nil)

// MaxComplaintClauses bounds the quoted clauses of a complaint, in bytes.
const MaxComplaintClauses = 16 << 10

// FileComplaint files a complaint: an enterprise's about a tender that
// shuts out one of its recognised products, or one the supervisor
// received in writing, for the enterprise it names.
func (s *Complaints) FileComplaint(ctx context.Context, in firstset.ComplaintInput) (*firstset.Complaint, error) {
	a := actor(ctx)
	if err := firstset.CheckFileComplaint(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeCasesWrite); err != nil {
		return nil, err
	}
	var probs firstset.Problems
	// The supervisor names the maker by its product (enterprise_id, when
	// given, must be the product's maker); an enterprise files for itself.
	enterpriseID := a.User.EnterpriseID
	if firstset.CanHandleComplaint(a) {
		enterpriseID = in.EnterpriseID
	} else if in.TenderCheckID != 0 {
		probs.Add("tender_check_id", "supervisor_only", "招标文件检查记录由市发展改革委在办理时关联。")
	}
	if in.ProductID <= 0 {
		probs.Add("product_id", "required", "请选择受到限制的首台（套）装备。")
	}
	in.TenderTitle, in.TenderNumber, in.BuyerName = clean(in.TenderTitle), clean(in.TenderNumber), clean(in.BuyerName)
	requireText(&probs, "tender_title", "招标文件名称", in.TenderTitle, 200)
	optionalText(&probs, "tender_number", "项目编号", in.TenderNumber, 60)
	if in.BuyerID == 0 {
		requireText(&probs, "buyer_name", "被投诉的采购单位", in.BuyerName, 100)
	}
	account := strings.TrimSpace(in.Account)
	if account == "" {
		probs.Add("account", "required", "请填写投诉事项及理由：哪些条款限制了首台（套）产品，违反了哪项规定。")
	} else {
		optionalLines(&probs, "account", "投诉事项及理由", account, 5000)
	}
	clauses := strings.TrimSpace(in.Clauses)
	if len(clauses) > MaxComplaintClauses {
		probs.Add("clauses", "too_long", "引用的招标文件条款超过 %d KB，请只摘录有争议的条款。", MaxComplaintClauses>>10)
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	var c *firstset.Complaint
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		// Another enterprise's product reads as unknown: a complaint never
		// tells one maker of another's declarations.
		p, err := tx.ProductByID(ctx, in.ProductID)
		if isNotFound(err) || err == nil && firstset.RoleEnterprise == a.Role() && p.EnterpriseID != enterpriseID {
			return firstset.FieldErrorf("product_id", "unknown_product", "所选装备不存在或不属于本企业。")
		}
		if err != nil {
			return err
		}
		if enterpriseID != 0 && p.EnterpriseID != enterpriseID {
			return firstset.FieldErrorf("enterprise_id", "not_the_maker", "所选装备“%s”不是该企业的产品。", p.Name)
		}
		ent, err := tx.EnterpriseByID(ctx, p.EnterpriseID)
		if err != nil {
			return err
		}
		p = s.withValidity(p)
		today := date.FromTime(s.Now())
		tp, err := tenderProduct(p, today)
		if err != nil {
			return firstset.FieldErrorf("product_id", "not_first_set",
				"装备“%s”不在有效期内的首台（套）目录中（%s），不能据此投诉。", p.Name, p.Status.Label())
		}
		c = &firstset.Complaint{EnterpriseID: ent.ID, ProductID: p.ID, BuyerName: in.BuyerName,
			TenderTitle: in.TenderTitle, TenderNumber: in.TenderNumber, Clauses: clauses, Account: account,
			Status: firstset.ComplaintStatus(cases.Complaint.Start), FiledOn: today, CreatedBy: a.ID()}
		if in.BuyerID != 0 {
			if err := linkBuyer(ctx, tx, c, in.BuyerID); err != nil {
				return err
			}
		}
		if err := s.linkTenderCheck(ctx, tx, c, in.TenderCheckID); err != nil {
			return err
		}
		if clauses != "" {
			rep := tender.Check(strings.Split(clauses, "\n"), tender.Options{On: today, Product: &tp})
			if c.ClauseReport, err = json.Marshal(rep); err != nil {
				return fmt.Errorf("complaint clause report: %w", err)
			}
			c.ClauseFinds = len(rep.Findings)
		}
		now := s.Now()
		c.CreatedAt, c.UpdatedAt = now, now
		if c.DueOn, err = s.stageDue(ctx, tx, cases.Stage(c.Status)); err != nil {
			return err
		}
		seq, err := tx.NextCaseSeq(ctx, cases.Complaint.Prefix, now.In(date.Shanghai).Year())
		if err != nil {
			return err
		}
		c.Number = cases.Number(cases.Complaint.Prefix, now.In(date.Shanghai).Year(), seq)
		if err := tx.CreateComplaint(ctx, c); err != nil {
			return err
		}
		if c, err = tx.ComplaintByID(ctx, c.ID); err != nil {
			return err
		}
		// The audit keeps the complaint's outline, not the quoted text.
		return s.record(ctx, tx, "submit", "complaint", c.ID, nil, complaintOutline(c))
	})
	if err != nil {
		return nil, err
	}
	return s.withOverdue(c), nil
}

// linkTenderCheck links saved check id (none for 0) to c; a check of
// another buyer than the one complained about is refused.
func (s *Complaints) linkTenderCheck(ctx context.Context, tx firstset.Tx, c *firstset.Complaint, id int64) error {
	if id == 0 {
		return nil
	}
	tc, err := tx.TenderCheckByID(ctx, id)
	if isNotFound(err) {
		return firstset.FieldErrorf("tender_check_id", "unknown_tender_check", "招标文件检查记录 %d 不存在。", id)
	}
	if err != nil {
		return err
	}
	if c.BuyerID != 0 && tc.BuyerID != c.BuyerID {
		return firstset.FieldErrorf("tender_check_id", "other_buyer", "该检查记录属于%s，不是被投诉的采购单位。", tc.BuyerName)
	}
	c.TenderCheckID = tc.ID
	return nil
}

// linkBuyer names buyer id as the one complained about, which lets its
// users see the complaint.
func linkBuyer(ctx context.Context, tx firstset.Tx, c *firstset.Complaint, id int64) error {
	b, err := tx.BuyerByID(ctx, id)
	if isNotFound(err) {
		return firstset.FieldErrorf("buyer_id", "unknown_buyer", "所选采购单位不存在。")
	}
	if err != nil {
		return err
	}
	c.BuyerID, c.BuyerName = b.ID, b.Name
	return nil
}

// stageDue is the last day of stage st's time limit. A limit "自收到投诉
// 之日起" leaves out the day itself (民法典 第二百零一条: 开始的当日不计入),
// unlike a notice period, whose first day is the day it is published.
func (s *Complaints) stageDue(ctx context.Context, tx firstset.Tx, st cases.Stage) (date.Date, error) {
	def, _ := cases.Complaint.Stage(st)
	return s.limitEnd(ctx, tx, def.Deadline, date.FromTime(s.Now()).AddDays(1), "complaint stage", st)
}

// ActOnComplaint takes an action on a complaint: the supervisor accepts
// or refuses it, then upholds or dismisses it, each refusal and answer
// with its reasons; the complainant may withdraw it while it is open.
func (s *Complaints) ActOnComplaint(ctx context.Context, id int64, in firstset.ComplaintActionInput) (*firstset.Complaint, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeCasesWrite); err != nil {
		return nil, err
	}
	var c *firstset.Complaint
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.ComplaintByID(ctx, id)
		if err != nil {
			return err
		}
		if !firstset.SeesComplaint(a, old) {
			return firstset.NotFound("招标投诉")
		}
		var party cases.Party
		switch {
		case firstset.CanHandleComplaint(a):
			party = cases.Supervisor
		case firstset.CanWithdrawComplaint(a, old):
			party = cases.Applicant
		default:
			return firstset.Errorf(firstset.EFORBIDDEN, "招标投诉由市发展改革委办理。")
		}
		act := cases.Action(strings.TrimSpace(in.Action))
		if act == "" {
			return firstset.FieldErrorf("action", "required", "请选择办理操作。")
		}
		t, ref := cases.Complaint.Decide(cases.Stage(old.Status), act, party)
		if ref != nil {
			return firstset.Errorf(ref.Code, "%s", ref.Message)
		}
		opinion := strings.TrimSpace(in.Opinion)
		var probs firstset.Problems
		if len(t.Requires) > 0 && opinion == "" {
			probs.Add("opinion", "required", "请填写%s的理由和处理意见。", t.Label)
		}
		optionalLines(&probs, "opinion", "处理意见", opinion, 5000)
		if in.TenderCheckID != 0 && party != cases.Supervisor {
			probs.Add("tender_check_id", "supervisor_only", "招标文件检查记录由市发展改革委关联。")
		}
		if in.BuyerID != 0 && party != cases.Supervisor {
			probs.Add("buyer_id", "supervisor_only", "被投诉的采购单位由市发展改革委关联。")
		}
		if err := probs.Err(); err != nil {
			return err
		}
		now := s.Now()
		c = new(firstset.Complaint)
		*c = *old
		if in.BuyerID != 0 {
			if err := linkBuyer(ctx, tx, c, in.BuyerID); err != nil {
				return err
			}
		}
		if err := s.linkTenderCheck(ctx, tx, c, in.TenderCheckID); err != nil {
			return err
		}
		c.Status = firstset.ComplaintStatus(t.To)
		if c.DueOn, err = s.stageDue(ctx, tx, t.To); err != nil {
			return err
		}
		switch {
		case act == cases.Accept:
			c.AcceptedBy, c.AcceptedAt = a.ID(), &now
		case act != cases.Withdraw:
			c.Answer, c.AnsweredBy, c.AnsweredAt, c.AnsweredOn = opinion, a.ID(), &now, date.FromTime(now)
		}
		c.UpdatedAt = now
		if err := tx.UpdateComplaint(ctx, c, old.Status); err != nil {
			return err
		}
		if c, err = tx.ComplaintByID(ctx, id); err != nil {
			return err
		}
		after := complaintOutline(c)
		if opinion != "" {
			after["opinion"] = opinion
		}
		return s.record(ctx, tx, string(act), "complaint", c.ID, complaintOutline(old), after)
	})
	if err != nil {
		return nil, err
	}
	return s.withOverdue(c), nil
}

// complaintOutline is what the audit keeps of a complaint.
func complaintOutline(c *firstset.Complaint) map[string]any {
	return map[string]any{"number": c.Number, "status": c.Status, "enterprise_id": c.EnterpriseID,
		"product_id": c.ProductID, "buyer_id": c.BuyerID, "buyer_name": c.BuyerName, "tender_title": c.TenderTitle,
		"tender_check_id": c.TenderCheckID, "due_on": c.DueOn, "answer": c.Answer}
}

// withOverdue marks c overdue when its open stage's time limit has passed.
func (s *Complaints) withOverdue(c *firstset.Complaint) *firstset.Complaint {
	c.Overdue = c.Status.Open() && !c.DueOn.IsZero() && date.FromTime(s.Now()).After(c.DueOn)
	return c
}

// FindComplaintByID returns a complaint to whoever may see it; ENOTFOUND
// to anyone else.
func (s *Complaints) FindComplaintByID(ctx context.Context, id int64) (*firstset.Complaint, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeCasesRead); err != nil {
		return nil, err
	}
	var c *firstset.Complaint
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		c, err = tx.ComplaintByID(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !firstset.SeesComplaint(a, c) {
		return nil, firstset.NotFound("招标投诉")
	}
	return s.withOverdue(c), nil
}

// FindComplaints lists the complaints the caller may see: an enterprise
// its own, a buyer those about its tenders, the supervisor all.
func (s *Complaints) FindComplaints(ctx context.Context, f firstset.ComplaintFilter) ([]*firstset.Complaint, int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requireScope(a, firstset.ScopeCasesRead); err != nil {
		return nil, 0, err
	}
	if err := firstset.CheckListComplaints(a); err != nil {
		return nil, 0, err
	}
	if f.Status != "" && !f.Status.Valid() {
		return nil, 0, firstset.FieldErrorf("status", "invalid_status", "状态须为 submitted、accepted、upheld、dismissed、rejected 或 withdrawn。")
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit, 20, 500)
	switch a.Role() {
	case firstset.RoleEnterprise:
		f.EnterpriseID = a.User.EnterpriseID
	case firstset.RoleBuyer:
		f.BuyerID = a.User.BuyerID
	}
	var list []*firstset.Complaint
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		list, total, err = tx.ListComplaints(ctx, f)
		return err
	})
	for _, c := range list {
		s.withOverdue(c)
	}
	return list, total, err
}
