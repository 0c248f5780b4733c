package demo

import (
	"context"
	"fmt"

	"firstset"
	"firstset/date"
	"firstset/service"
)

// revokedProduct is the seed the reviewer revokes: its certificate then
// verifies as revoked.
const revokedProduct = "智能变电站一体化监控系统"

// shortenedProduct is the demo enterprise's product whose validity is
// shortened to end within 90 days.
const shortenedProduct = "五轴联动数控滚齿机"

// loadLifecycle adjusts the catalog as the city does: one recognition is
// revoked, and one of the demo enterprise's products has its validity
// shortened to end within 90 days, so the enterprise is reminded when the
// server's jobs first run.
func loadLifecycle(ctx context.Context, svc *service.Services, enterpriseID int64) error {
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	pp := &people{svc: svc}
	reviewer, err := pp.as(ctx, "reviewer")
	if err != nil {
		return err
	}
	products, _, err := svc.FindProducts(sys, firstset.ProductFilter{Status: firstset.StatusRecognised, Limit: 200})
	if err != nil {
		return err
	}
	revoked, shortened := false, false
	today := date.FromTime(svc.Now())
	year, _, _ := today.AddDays(-40).Parts()
	for _, p := range products {
		switch {
		case p.Name == revokedProduct:
			if _, err := svc.AdjustProduct(reviewer, p.ID, firstset.AdjustmentInput{Action: firstset.AdjustRevoke,
				Reason:   "企业申请材料中关键技术指标与第三方检测报告不符，经复核撤销认定。",
				Document: fmt.Sprintf("渝经信装备〔%d〕31号", year)}); err != nil {
				return fmt.Errorf("revoke %s: %w", p.Name, err)
			}
			revoked = true
		case p.Name == shortenedProduct && p.EnterpriseID == enterpriseID:
			if _, err := svc.AdjustProduct(reviewer, p.ID, firstset.AdjustmentInput{Action: firstset.AdjustSetValidUntil,
				Reason:     "企业主动申请：该型号将于明年停产，认定有效期相应缩短。",
				ValidUntil: today.AddDays(60)}); err != nil {
				return fmt.Errorf("shorten %s: %w", p.Name, err)
			}
			shortened = true
		}
	}
	if !revoked || !shortened {
		return fmt.Errorf("demo catalog lacks the products to adjust (revoked %v, shortened %v)", revoked, shortened)
	}
	return nil
}
