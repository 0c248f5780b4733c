package demo

import (
	"context"
	"fmt"
	"math/rand/v2"

	"firstset"
	"firstset/creditcode"
	"firstset/date"
	"firstset/service"
)

// demoBuyers are the demo's purchasing units, each with a buyer login.
var demoBuyers = []struct {
	login string
	in    firstset.BuyerInput
}{
	{"buyer", firstset.BuyerInput{Name: "重庆轨道交通（集团）有限公司", Kind: firstset.BuyerSOECity, DistrictCode: "500103", Supervisor: "市国资委"}},
	{"buyer2", firstset.BuyerInput{Name: "重庆两江新区建设投资有限公司", Kind: firstset.BuyerProjectOwner, DistrictCode: "500112", Supervisor: "两江新区管委会"}},
}

// loadBuyers registers the demo's purchasing units and returns each one's
// id by the login that acts for it.
func loadBuyers(ctx context.Context, svc *service.Services, rng *rand.Rand) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, d := range demoBuyers {
		in := d.in
		in.CreditCode = creditcode.Generate(rng, regionOf(in.DistrictCode))
		b, err := svc.CreateBuyer(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("buyer %s: %w", in.Name, err)
		}
		ids[d.login] = b.ID
	}
	return ids, nil
}

// loadPurchases records the demo buyers' purchases of recognised products
// over the last four months, their equipment totals, and (when the server
// has a font for PDFs) an issued public bulletin of the last quarter and
// a draft of this one waiting for the reviewer.
func loadPurchases(ctx context.Context, svc *service.Services) error {
	pp := &people{svc: svc}
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	list, _, err := svc.FindProducts(sys, firstset.ProductFilter{Status: firstset.StatusRecognised, Limit: 12})
	if err != nil {
		return err
	}
	today := date.FromTime(svc.Now())
	kinds := firstset.ProjectKinds
	methods := []firstset.ProcurementMethod{firstset.MethodPublicTender, firstset.MethodNegotiation, firstset.MethodInquiry, firstset.MethodConsultation}
	for i, login := range []string{"buyer", "buyer2"} {
		as, err := pp.as(ctx, login)
		if err != nil {
			return err
		}
		for j, p := range list {
			if j%2 != i {
				continue
			}
			on := today.AddDays(-10 - 11*j)
			if on.Before(p.RecognizedOn) {
				continue
			}
			m := methods[j%len(methods)]
			in := firstset.ProcurementInput{ProductID: p.ID, ProjectName: demoProjects[j%len(demoProjects)],
				ProjectKind: kinds[(i+j)%len(kinds)], ContractDate: on, Amount: fen(int64(600_000 + 150_000*j)),
				Method: m, UseStatus: firstset.UseContracted}
			if m.NeedsRecommendation() {
				in.Recommendation = "采购人书面推荐 2 家、评审专家书面推荐 3 家重庆市首台（套）装备企业参与。"
			}
			if j < 4 {
				in.DeliveredOn, in.AcceptedOn, in.UseStatus = on.AddDays(5), on.AddDays(8), firstset.UseInUse
				if in.AcceptedOn.After(today) {
					in.DeliveredOn, in.AcceptedOn, in.UseStatus = date.Date{}, date.Date{}, firstset.UseContracted
				}
			}
			if _, err := svc.CreateProcurement(as, in); err != nil {
				return fmt.Errorf("purchase of %s: %w", p.Name, err)
			}
		}
		for _, period := range []date.Date{today, today.AddDays(-92)} {
			y, m, _ := period.Parts()
			q := fmt.Sprintf("%dQ%d", y, (int(m)-1)/3+1)
			if _, err := svc.SetEquipmentTotal(as, firstset.EquipmentTotalInput{Period: q, Amount: fen(int64(9_000_000 + 4_000_000*i))}); err != nil {
				return fmt.Errorf("equipment total %s: %w", q, err)
			}
		}
	}
	reviewer, err := pp.as(ctx, "reviewer")
	if err != nil {
		return err
	}
	y, m, _ := today.Parts()
	quarter := (int(m)-1)/3 + 1
	last := fmt.Sprintf("%dQ%d", y, quarter-1)
	if quarter == 1 {
		last = fmt.Sprintf("%dQ4", y-1)
	}
	b, err := svc.ComposeBulletin(reviewer, firstset.BulletinInput{Period: last, Public: true})
	if firstset.ErrorCode(err) == firstset.EUNAVAILABLE {
		return nil // no font for PDFs: the reviewer composes them once one is installed
	}
	if err != nil {
		return fmt.Errorf("bulletin %s: %w", last, err)
	}
	if _, err := svc.IssueBulletin(reviewer, b.ID, "经审核，同意印发。"); err != nil {
		return fmt.Errorf("issue bulletin: %w", err)
	}
	if _, err := svc.ComposeBulletin(reviewer, firstset.BulletinInput{Period: fmt.Sprintf("%dQ%d", y, quarter)}); err != nil {
		return fmt.Errorf("bulletin of this quarter: %w", err)
	}
	return nil
}

var demoProjects = []string{"轨道交通18号线工程", "两江协同创新区基础设施项目", "果园港多式联运示范工程", "城市智慧水务改造项目", "西部科学城重大装备平台"}
