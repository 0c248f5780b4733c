package service

import (
	"context"
	"strings"

	"firstset"
	"firstset/cases"
	"firstset/date"
)

// Exemptions takes state-owned buyers' fault-tolerance exemption requests
// (容错免责) and their regulators' decisions. The workflow is the state
// machine cases.Exemption.
type Exemptions struct{ *env }

var _ firstset.ExemptionService = (*Exemptions)(nil)

// RequestExemption files a buyer's request about one of its own purchases
// whose first use failed.
func (s *Exemptions) RequestExemption(ctx context.Context, in firstset.ExemptionInput) (*firstset.Exemption, error) {
	a := actor(ctx)
	if err := firstset.CheckRequestExemption(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketWrite); err != nil {
		return nil, err
	}
	var e *firstset.Exemption
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		b, err := tx.BuyerByID(ctx, a.User.BuyerID)
		if err != nil {
			return err
		}
		if !b.Kind.StateOwned() {
			return firstset.Errorf(firstset.EFORBIDDEN, "容错免责适用于国有采购主体，%s（%s）不在其列。", b.Name, b.Kind.Label())
		}
		if in.ProcurementID <= 0 {
			return firstset.FieldErrorf("procurement_id", "required", "请选择申请容错免责的采购记录。")
		}
		// Another buyer's purchase reads as absent: requests never tell
		// one buyer of another's records.
		p, err := tx.ProcurementByID(ctx, in.ProcurementID)
		if isNotFound(err) || err == nil && p.BuyerID != b.ID {
			return firstset.NotFound("采购记录")
		}
		if err != nil {
			return err
		}
		var probs firstset.Problems
		if p.UseStatus != firstset.UseFailed && p.UseStatus != firstset.UseStopped {
			probs.Add("procurement_id", "not_failed", "采购记录的使用状态为“%s”；只有“应用未成功”或“停用”的采购可以申请容错免责，请先更新使用状态。", p.UseStatus.Label())
		}
		account := strings.TrimSpace(in.Account)
		if account == "" {
			probs.Add("account", "required", "请填写情况说明：发生了什么、造成的影响和已采取的措施。")
		} else {
			optionalLines(&probs, "account", "情况说明", account, 5000)
		}
		conditions := checkConditions(&probs, in.Conditions)
		if err := probs.Err(); err != nil {
			return err
		}
		now := s.Now()
		seq, err := tx.NextCaseSeq(ctx, cases.Exemption.Prefix, now.In(date.Shanghai).Year())
		if err != nil {
			return err
		}
		e = &firstset.Exemption{Number: cases.Number(cases.Exemption.Prefix, now.In(date.Shanghai).Year(), seq),
			ProcurementID: p.ID, BuyerID: b.ID, Account: account, Conditions: conditions,
			Status: firstset.ExemptionStatus(cases.Exemption.Start), RequestedOn: date.FromTime(now),
			CreatedBy: a.ID(), CreatedAt: now, UpdatedAt: now}
		if err := tx.CreateExemption(ctx, e); err != nil {
			return err
		}
		if e, err = tx.ExemptionByID(ctx, e.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, "submit", "exemption", e.ID, nil, e)
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// checkConditions reads the checklist: every condition answered, none
// unknown, and the measures' precondition met.
func checkConditions(probs *firstset.Problems, in map[string]bool) map[string]bool {
	out := map[string]bool{}
	for k := range in {
		if firstset.ExemptionConditionLabel(k) == k {
			probs.Add("conditions."+k, "unknown_condition", "未知的容错条件 %q。", k)
		}
	}
	for _, c := range firstset.ExemptionConditions {
		v, ok := in[c.Key]
		switch {
		case !ok:
			probs.Add("conditions."+c.Key, "required", "请说明是否满足条件：%s。", c.Label)
		case c.Precondition && !v:
			probs.Add("conditions."+c.Key, "precondition_not_met",
				"容错免责以“%s”为前提（渝经信规范〔2024〕9号 第（六）条），不满足的不予受理。", c.Label)
		default:
			out[c.Key] = v
		}
	}
	return out
}

// DecideExemption grants or refuses a submitted request, with reasons.
func (s *Exemptions) DecideExemption(ctx context.Context, id int64, in firstset.ExemptionDecision) (*firstset.Exemption, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketWrite); err != nil {
		return nil, err
	}
	var e *firstset.Exemption
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.ExemptionByID(ctx, id)
		if err != nil {
			return err
		}
		if !firstset.SeesExemption(a, old) {
			return firstset.NotFound("容错免责申请")
		}
		if err := firstset.CheckDecideExemption(a, old); err != nil {
			return err
		}
		var act cases.Action
		switch in.Decision {
		case firstset.ExemptionGranted:
			act = cases.Grant
		case firstset.ExemptionRefused:
			act = cases.Refuse
		default:
			return firstset.FieldErrorf("decision", "invalid_decision", "认定结果须为 granted（予以免责）或 refused（不予免责）。")
		}
		t, ref := cases.Exemption.Decide(cases.Stage(old.Status), act, cases.Regulator)
		if ref != nil {
			return firstset.Errorf(ref.Code, "%s", ref.Message)
		}
		var probs firstset.Problems
		reason := strings.TrimSpace(in.Reason)
		if reason == "" {
			probs.Add("reason", "required", "请填写认定理由。")
		} else {
			optionalLines(&probs, "reason", "认定理由", reason, 5000)
		}
		if err := probs.Err(); err != nil {
			return err
		}
		now := s.Now()
		e = new(firstset.Exemption)
		*e = *old
		e.Status, e.Reason, e.DecidedBy, e.DecidedAt, e.DecidedOn = firstset.ExemptionStatus(t.To), reason, a.ID(), &now, date.FromTime(now)
		e.UpdatedAt = now
		if err := tx.DecideExemption(ctx, e); err != nil {
			return err
		}
		if e, err = tx.ExemptionByID(ctx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, string(act), "exemption", e.ID, old, e)
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// FindExemptionByID returns a request to whoever may see it; ENOTFOUND
// to anyone else.
func (s *Exemptions) FindExemptionByID(ctx context.Context, id int64) (*firstset.Exemption, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketRead); err != nil {
		return nil, err
	}
	var e *firstset.Exemption
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		e, err = tx.ExemptionByID(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !firstset.SeesExemption(a, e) {
		return nil, firstset.NotFound("容错免责申请")
	}
	return e, nil
}

// FindExemptions lists the requests the caller may see: a buyer its own,
// the SOE regulator the SOEs', a district office its district's SOEs'.
func (s *Exemptions) FindExemptions(ctx context.Context, f firstset.ExemptionFilter) ([]*firstset.Exemption, int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requireScope(a, firstset.ScopeMarketRead); err != nil {
		return nil, 0, err
	}
	if err := firstset.CheckListExemptions(a); err != nil {
		return nil, 0, err
	}
	if f.Status != "" && !f.Status.Valid() {
		return nil, 0, firstset.FieldErrorf("status", "invalid_status", "状态须为 submitted、granted 或 refused。")
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit, 20, 500)
	switch a.Role() {
	case firstset.RoleBuyer:
		f.BuyerID = a.User.BuyerID
	case firstset.RoleSOE:
		f.BuyerKinds = []firstset.BuyerKind{firstset.BuyerSOECity, firstset.BuyerSOEDistrict}
	case firstset.RoleDistrict:
		f.BuyerKinds, f.DistrictCode = []firstset.BuyerKind{firstset.BuyerSOEDistrict}, a.User.DistrictCode
	}
	var list []*firstset.Exemption
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		list, total, err = tx.ListExemptions(ctx, f)
		return err
	})
	return list, total, err
}
