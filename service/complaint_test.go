package service_test

import (
	"context"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
)

// TestComplaintLimitsAndCounts: the acceptance and handling limits are
// counted in working days from the day of each step, a step taken over a
// stale read is a conflict, and a period counts the complaints filed in
// it and those answered in it.
func TestComplaintLimitsAndCounts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		w := newIncentiveWorld(t, store)
		svc := w.svc
		u, err := svc.CreateUser(w.sys, firstset.UserInput{Username: "tender", Name: "市发展改革委招标处", Role: firstset.RoleTender, Password: "Very-Secret-Pass-1"})
		if err != nil {
			t.Fatal(err)
		}
		sup := firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: u})
		file := func() *firstset.Complaint {
			t.Helper()
			c, err := svc.FileComplaint(w.ent, firstset.ComplaintInput{ProductID: w.product.ID, BuyerID: w.buyerOrg.ID,
				TenderTitle: "盾构机采购招标文件", Account: "以业绩排斥首台（套）产品。",
				Clauses: "投标人须提供近三年不少于3个同类项目业绩。"})
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		w.at("2026-07-15") // a Wednesday
		c := file()
		if c.DueOn != date.MustParse("2026-07-20") || c.ClauseFinds != 1 {
			t.Errorf("acceptance limit %v (want 2026-07-20), findings %d", c.DueOn, c.ClauseFinds)
		}
		second, third := file(), file()
		w.at("2026-07-16")
		accepted, err := svc.ActOnComplaint(sup, c.ID, firstset.ComplaintActionInput{Action: "accept"})
		if err != nil {
			t.Fatal(err)
		}
		if accepted.DueOn != date.MustParse("2026-08-27") {
			t.Errorf("handling limit %v, want 2026-08-27 (30 working days from 2026-07-16)", accepted.DueOn)
		}
		// A supervisor acting on what it read before the acceptance.
		err = store.Update(context.Background(), func(tx firstset.Tx) error {
			stale := *c
			stale.Status = firstset.ComplaintRejected
			return tx.UpdateComplaint(context.Background(), &stale, firstset.ComplaintSubmitted)
		})
		if firstset.ErrorCode(err) != firstset.ECONFLICT {
			t.Errorf("stale step: %v, want a conflict", err)
		}
		if _, err := svc.ActOnComplaint(sup, second.ID, firstset.ComplaintActionInput{Action: "reject", Opinion: "超过投诉期限。"}); err != nil {
			t.Fatal(err)
		}
		w.at("2026-10-12")
		if _, err := svc.ActOnComplaint(sup, c.ID, firstset.ComplaintActionInput{Action: "uphold", Opinion: "投诉成立。"}); err != nil {
			t.Fatal(err)
		}
		var q3, q4 firstset.ComplaintCount
		err = store.View(context.Background(), func(tx firstset.Tx) error {
			if q3, err = tx.CountComplaints(context.Background(), date.MustParse("2026-07-01"), date.MustParse("2026-09-30")); err != nil {
				return err
			}
			q4, err = tx.CountComplaints(context.Background(), date.MustParse("2026-10-01"), date.MustParse("2026-12-31"))
			return err
		})
		if err != nil || q3 != (firstset.ComplaintCount{Filed: 3, Rejected: 1}) || q4 != (firstset.ComplaintCount{Upheld: 1}) {
			t.Errorf("Q3 %+v, Q4 %+v, %v", q3, q4, err)
		}
		open, n, err := svc.FindComplaints(sup, firstset.ComplaintFilter{Open: true})
		if err != nil || n != 1 || open[0].ID != third.ID || !open[0].Overdue {
			t.Errorf("open list: %d %v", n, err)
		}
	})
}
