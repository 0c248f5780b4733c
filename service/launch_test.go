package service_test

import (
	"strings"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/money"
)

// TestLaunchRankingMaskingAndAudit: candidates are ranked by the rule the
// page explains (not yet presented, then purchases); the ID number is in
// full for the reviewer only and masked in the audit log; the certificate
// is dated by the services' clock.
func TestLaunchRankingMaskingAndAudit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		w := newIncentiveWorld(t, store)
		svc := w.svc
		if _, err := svc.CreateProcurement(w.buyer, firstset.ProcurementInput{ProductID: w.otherProduct.ID, ProjectName: "地铁工程",
			ProjectKind: firstset.ProjectKey, ContractDate: date.MustParse("2026-07-10"), Amount: money.Fen(50_000_000),
			Method: firstset.MethodPublicTender}); err != nil {
			t.Fatal(err)
		}
		cands := must(svc.LaunchCandidates(w.reviewer, 10))
		if len(cands) != 2 || cands[0].ProductID != w.otherProduct.ID || cands[0].Purchases != 1 || cands[1].ProductID != w.product.ID {
			t.Fatalf("ranking: %+v %+v", cands[0], cands[1])
		}
		if _, err := svc.LaunchCandidates(w.ent, 10); firstset.ErrorCode(err) != firstset.EFORBIDDEN {
			t.Errorf("an enterprise ranks: %v", err)
		}
		e := must(svc.CreateLaunchEvent(w.reviewer, firstset.LaunchEventInput{Year: 2026, HeldOn: "2026-11-18", Place: "重庆",
			ProductIDs: []int64{w.otherProduct.ID}}))
		// Once presented, a product goes behind those never presented.
		if cands = must(svc.LaunchCandidates(w.reviewer, 10)); cands[0].ProductID != w.product.ID || cands[1].Presented != 2026 {
			t.Errorf("after presenting: %+v", cands)
		}
		if _, err := svc.AddHonoree(w.ent, e.ID, firstset.HonoreeInput{ProductID: w.otherProduct.ID, Name: "某", IDNumber: "500103199001011232", Role: "x"}); err == nil {
			t.Error("an enterprise not on the event names someone")
		}
		w.at("2026-11-20")
		h := must(svc.AddHonoree(w.reviewer, e.ID, firstset.HonoreeInput{ProductID: w.otherProduct.ID, Name: "王研发",
			IDNumber: "500103199001011232", Role: "项目负责人"}))
		if h.IDNumber != "500103199001011232" || h.Status != firstset.HonoreeConfirmed {
			t.Errorf("the reviewer reads %+v", h)
		}
		v := must(svc.VerifyCertificate(w.sys, h.Certificate.Token))
		if !v.Valid || v.Honour.IssuedOn != "2026-11-20" || v.Honour.IDMasked != "500103********1232" {
			t.Errorf("verification: %+v", v.Honour)
		}
		entries := must(svc.FindAuditEntries(w.admin, firstset.AuditFilter{Entity: "launch_honoree"}))
		if len(entries) != 2 {
			t.Fatalf("audit entries: %d", len(entries))
		}
		for _, a := range entries {
			if strings.Contains(string(a.After), "500103199001011232") || !strings.Contains(string(a.After), "500103********1232") {
				t.Errorf("audit keeps %s", a.After)
			}
		}
		// Finance reads the event, masked.
		seen := must(svc.FindLaunchEventByID(w.finance, e.ID))
		if len(seen.Honorees) != 1 || seen.Honorees[0].IDNumber != "500103********1232" {
			t.Errorf("finance reads %+v", seen.Honorees)
		}
	})
}
