package demo

import (
	"context"
	"fmt"
	"slices"

	"firstset"
	"firstset/money"
	"firstset/service"
)

// loadFinancing has the demo enterprise ask the demo bank and leasing
// firm for a loan on its recognised products, and the bank offer one
// guaranteed by the insurer's policy on one of them, when it has one; the
// leasing firm has yet to answer.
func loadFinancing(ctx context.Context, svc *service.Services) error {
	pp := &people{svc: svc}
	ent, err := pp.as(ctx, "enterprise")
	if err != nil {
		return err
	}
	bank, err := pp.as(ctx, "bank")
	if err != nil {
		return err
	}
	leasing, err := pp.as(ctx, "leasing")
	if err != nil {
		return err
	}
	insurer, err := pp.as(ctx, "insurer")
	if err != nil {
		return err
	}
	products, _, err := svc.FindProducts(ent, firstset.ProductFilter{Status: firstset.StatusRecognised, Limit: 100})
	if err != nil {
		return err
	}
	policies, _, err := svc.Policies(insurer, firstset.PolicyFilter{Limit: 500})
	if err != nil {
		return err
	}
	// The insured product first, so that the bank can name its policy.
	var ids []int64
	var policy string
	for _, pol := range policies {
		if slices.ContainsFunc(products, func(p *firstset.Product) bool { return p.ID == pol.ProductID }) {
			ids, policy = append(ids, pol.ProductID), pol.PolicyNumber
			break
		}
	}
	for _, p := range products {
		if len(ids) < 2 && !slices.Contains(ids, p.ID) {
			ids = append(ids, p.ID)
		}
	}
	r, err := svc.RequestFinancing(ent, firstset.FinancingRequestInput{Kind: firstset.FinancingLoan, Amount: money.Fen(8_000_000_00),
		Purpose: "首台（套）装备批量生产所需原材料采购和流动资金", ProductIDs: ids,
		InstitutionIDs: []int64{actorOf(bank).InstitutionID, actorOf(leasing).InstitutionID}})
	if err != nil {
		return fmt.Errorf("financing request: %w", err)
	}
	_, err = svc.OfferFinancing(bank, r.ID, firstset.FinancingOfferInput{Amount: money.Fen(6_000_000_00), RatePercent: "3.15",
		TermMonths: 36, PolicyNumber: policy, Note: "首台（套）低息贷款，以装备保险保单增信，免抵押。"})
	if err != nil {
		return fmt.Errorf("financing offer: %w", err)
	}
	return nil
}

func actorOf(ctx context.Context) *firstset.User { return firstset.ActorFromContext(ctx).User }
