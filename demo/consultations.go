package demo

import (
	"context"
	"fmt"

	"firstset"
	"firstset/date"
	"firstset/service"
)

// loadConsultations marks two of the demo enterprise's recognised products
// dual-use and records a joint consultation (会商) on one of them.
func loadConsultations(ctx context.Context, svc *service.Services) error {
	pp := &people{svc: svc}
	reviewer, err := pp.as(ctx, "reviewer")
	if err != nil {
		return err
	}
	maker, err := pp.as(ctx, "enterprise")
	if err != nil {
		return err
	}
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	list, _, err := svc.FindProducts(sys, firstset.ProductFilter{EnterpriseID: firstset.ActorFromContext(maker).User.EnterpriseID,
		Status: firstset.StatusRecognised, Limit: 2})
	if err != nil {
		return err
	}
	if len(list) < 2 {
		return fmt.Errorf("consultations: %d recognised products of the demo enterprise", len(list))
	}
	yes := true
	for _, p := range list {
		if _, err := svc.MarkDualUse(reviewer, p.ID, firstset.DualUseInput{DualUse: &yes, Note: "可用于国防科技工业配套"}); err != nil {
			return fmt.Errorf("dual use %s: %w", p.Name, err)
		}
	}
	_, err = svc.CreateConsultation(reviewer, firstset.ConsultationInput{HeldOn: date.FromTime(svc.Now()).AddDays(-14),
		Subject: list[0].Name + "军民两用推广应用会商", Departments: []string{"市经济信息委", "市国防科工办", "市财政局"},
		ProductIDs: []int64{list[0].ID}, Decisions: "同意作为军民两用首台（套）装备推广应用；由市国防科工办对接配套需求，市经济信息委跟踪应用情况。"})
	return err
}
