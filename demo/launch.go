package demo

import (
	"context"
	"fmt"

	"firstset"
	"firstset/date"
	"firstset/idnumber"
	"firstset/service"
)

// demoHonorees are the main R&D people the reviewer honours, one per
// presented product in turn; demoPending is the one the demo enterprise
// names and the reviewer has yet to confirm.
var demoHonorees = []struct{ name, id17, role string }{
	{"张明远", "50010319800312451", "项目负责人"},
	{"刘思佳", "50010819860704232", "总设计师"},
	{"陈国栋", "50011219750923171", "总工艺师"},
	{"黄晓雯", "50010619900115362", "试验验证负责人"},
}

var demoPending = struct{ name, id17, role string }{"周建华", "50010319820611375", "主任设计师"}

// demoID completes 17 digits with their GB 11643 check character.
func demoID(id17 string) string { return id17 + string(idnumber.CheckChar(id17)) }

// loadLaunch plans this year's launch event with the top candidates (and
// a product of the demo enterprise), honours one person per product with
// an issued certificate, and leaves one person the demo enterprise named
// waiting for the reviewer.
func loadLaunch(ctx context.Context, svc *service.Services, demoEnterprise int64) error {
	pp := &people{svc: svc}
	reviewer, err := pp.as(ctx, "reviewer")
	if err != nil {
		return err
	}
	ent, err := pp.as(ctx, "enterprise")
	if err != nil {
		return err
	}
	cands, err := svc.LaunchCandidates(reviewer, 50)
	if err != nil {
		return err
	}
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	// One product per enterprise, the demo enterprise's among them, so
	// the event awards several plaques.
	var ids []int64
	var own int64
	picked := map[int64]bool{}
	for _, c := range cands {
		p, err := svc.FindProductByID(sys, c.ProductID)
		if err != nil {
			return err
		}
		if picked[p.EnterpriseID] {
			continue
		}
		switch {
		case p.EnterpriseID == demoEnterprise:
			own = p.ID
		case len(ids) >= 3:
			continue
		}
		picked[p.EnterpriseID] = true
		ids = append(ids, p.ID)
	}
	if own == 0 {
		return fmt.Errorf("the demo enterprise has no product to present")
	}
	year, _, _ := date.FromTime(svc.Now()).Parts()
	e, err := svc.CreateLaunchEvent(reviewer, firstset.LaunchEventInput{Year: year, HeldOn: date.Of(year, 11, 18).String(),
		Place: "重庆国际博览中心", ProductIDs: ids})
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	for i, id := range ids {
		h := demoHonorees[i%len(demoHonorees)]
		if _, err := svc.AddHonoree(reviewer, e.ID, firstset.HonoreeInput{ProductID: id, Name: h.name,
			IDNumber: demoID(h.id17), Role: h.role}); err != nil {
			return fmt.Errorf("honour %s: %w", h.name, err)
		}
	}
	if _, err := svc.AddHonoree(ent, e.ID, firstset.HonoreeInput{ProductID: own, Name: demoPending.name,
		IDNumber: demoID(demoPending.id17), Role: demoPending.role}); err != nil {
		return fmt.Errorf("name %s: %w", demoPending.name, err)
	}
	return nil
}
