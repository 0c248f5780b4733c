package service_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/money"
	"firstset/service"
)

// TestBulletinCountsExemptions: a bulletin reports the requests made in
// its period and the decisions taken in it; a decision in the next period
// counts there.
func TestBulletinCountsExemptions(t *testing.T) {
	font := bulletinFont(t)
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		w := newIncentiveWorld(t, store)
		cfg := service.DefaultConfig
		cfg.Documents.Font = font
		svc := service.New(store, cfg, slog.New(slog.DiscardHandler))
		svc.Now = w.clock
		u, err := svc.CreateUser(w.sys, firstset.UserInput{Username: "soe", Name: "市国资委", Role: firstset.RoleSOE, Password: "Very-Secret-Pass-1"})
		if err != nil {
			t.Fatal(err)
		}
		soe := firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: u})
		yes := map[string]bool{}
		for _, c := range firstset.ExemptionConditions {
			yes[c.Key] = true
		}
		w.at("2026-08-20")
		var ids []int64
		for range 3 {
			p, err := svc.CreateProcurement(w.buyer, firstset.ProcurementInput{ProductID: w.product.ID, ProjectName: "地铁工程",
				ProjectKind: firstset.ProjectKey, ContractDate: date.MustParse("2026-08-10"), Amount: money.Fen(100_000_00),
				Method: firstset.MethodPublicTender, UseStatus: firstset.UseFailed})
			if err != nil {
				t.Fatal(err)
			}
			e, err := svc.RequestExemption(w.buyer, firstset.ExemptionInput{ProcurementID: p.ID, Account: "试运行未达标。", Conditions: yes})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, e.ID)
		}
		w.at("2026-09-10")
		for i, d := range []firstset.ExemptionStatus{firstset.ExemptionGranted, firstset.ExemptionRefused} {
			if _, err := svc.DecideExemption(soe, ids[i], firstset.ExemptionDecision{Decision: d, Reason: "经审查。"}); err != nil {
				t.Fatal(err)
			}
		}
		// A regulator decides; the reviewer composing the bulletin never sees a request.
		if _, err := svc.FindExemptionByID(w.reviewer, ids[0]); firstset.ErrorCode(err) != firstset.ENOTFOUND {
			t.Errorf("the reviewer reads a request: %v", err)
		}
		w.at("2026-10-09")
		if _, err := svc.DecideExemption(soe, ids[2], firstset.ExemptionDecision{Decision: firstset.ExemptionGranted, Reason: "经审查。"}); err != nil {
			t.Fatal(err)
		}
		q3, err := svc.ComposeBulletin(w.reviewer, firstset.BulletinInput{Period: "2026Q3"})
		if err != nil {
			t.Fatal(err)
		}
		if want := "容错免责申请3件，予以免责1件，不予免责1件，办理中1件"; !strings.Contains(q3.Summary, want) {
			t.Errorf("Q3 summary %q lacks %q", q3.Summary, want)
		}
		var q4 firstset.ExemptionCount
		err = store.View(context.Background(), func(tx firstset.Tx) error {
			q4, err = tx.CountExemptions(context.Background(), date.MustParse("2026-10-01"), date.MustParse("2026-12-31"))
			return err
		})
		if err != nil || q4 != (firstset.ExemptionCount{Granted: 1}) {
			t.Errorf("Q4 counts %+v %v", q4, err)
		}
	})
}
