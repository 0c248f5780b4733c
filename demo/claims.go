package demo

import (
	"context"
	"fmt"

	"firstset"
	"firstset/cases"
	"firstset/date"
	"firstset/money"
	"firstset/service"
)

// loadClaims puts the claims' fast track in motion on the demo
// enterprise's insured product: a claim just reported for the insurer to
// acknowledge, one being assessed, and one declined. None is paid, so the
// subsidies offered from the insurer's data stay as the incentives left
// them.
func loadClaims(ctx context.Context, svc *service.Services) error {
	pp := &people{svc: svc}
	insurer, err := pp.as(ctx, "insurer")
	if err != nil {
		return err
	}
	maker, err := pp.as(ctx, "enterprise")
	if err != nil {
		return err
	}
	own := firstset.ActorFromContext(maker).User.EnterpriseID
	list, _, err := svc.Policies(insurer, firstset.PolicyFilter{Limit: 100})
	if err != nil {
		return fmt.Errorf("policies: %w", err)
	}
	var pol *firstset.InsurancePolicy
	for _, p := range list {
		if p.EnterpriseID == own && (pol == nil || p.End.After(pol.End)) {
			pol = p
		}
	}
	if pol == nil {
		return fmt.Errorf("no policy of the demo enterprise")
	}
	today := date.FromTime(svc.Now())
	last := today.AddDays(-2)
	if pol.End.Before(last) {
		last = pol.End
	}
	claims := []struct {
		days        int
		description string
		steps       []firstset.ClaimActionInput
	}{
		{0, "测量中心数控系统主板烧毁，设备停机，现场联系人刘建华 13912345678。", nil},
		{-6, "用户现场吊装时测头组件碰撞损坏，已拍照留存，待查勘。",
			[]firstset.ClaimActionInput{{Action: string(cases.Acknowledge), Opinion: "已受理，安排查勘员两个工作日内到场。"}}},
		{-20, "设备运输途中外包装破损，到货后发现防护罩变形。", []firstset.ClaimActionInput{
			{Action: string(cases.Acknowledge)},
			{Action: string(cases.Assess), Opinion: "防护罩变形系运输所致，承运人已承担。", Amount: money.Fen(1_200_000)},
			{Action: string(cases.Decline), Opinion: "损失由承运人赔付，不属本保单保险责任（条款第六条）。"},
		}},
	}
	for _, c := range claims {
		occurred := last.AddDays(c.days)
		if occurred.Before(pol.Start) {
			occurred = pol.Start
		}
		rc, err := svc.ReportClaimCase(maker, firstset.ClaimCaseInput{PolicyNumber: pol.PolicyNumber, OccurredOn: occurred,
			Description: c.description})
		if err != nil {
			return fmt.Errorf("claim: %w", err)
		}
		for _, st := range c.steps {
			if _, err := svc.ActOnClaim(insurer, rc.ID, st); err != nil {
				return fmt.Errorf("claim %s %s: %w", rc.Number, st.Action, err)
			}
		}
	}
	return nil
}
