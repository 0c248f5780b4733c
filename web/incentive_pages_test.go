package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
)

// demoUser is a demo account by username, as the services see it.
func demoUser(t *testing.T, env *testEnv, username string) context.Context {
	t.Helper()
	sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	list, _, err := env.svc.FindUsers(sys, firstset.UserFilter{Query: username})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range list {
		if u.Username == username {
			return as(u)
		}
	}
	t.Fatalf("no demo user %s", username)
	return nil
}

// TestIncentivePagesForEveryRole: on the demo, each role does its part of
// the incentives from the pages: the insurer sends a policy, the
// enterprise confirms an offer, the reviewer scores, finance pays (a
// payment over the allocation and one without the confirmation refused,
// nothing stored) and the ledger shows and exports it.
func TestIncentivePagesForEveryRole(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newDemoEnv(t, store)
		svc := env.svc
		today := date.FromTime(svc.Now())

		// The enterprise finds its offers on its home page.
		if w := env.login("enterprise").get("/"); !strings.Contains(w.Body.String(), "免申即享：待确认的保费补贴") ||
			!strings.Contains(w.Body.String(), `href="/subsidy-offers#offer-`) {
			t.Fatal("the enterprise's home page lacks its offers")
		}
		insurer := env.login("insurer")
		w := insurer.get("/insurance/policies")
		wantStatus(t, "policies", w, http.StatusOK)
		if !strings.Contains(w.Body.String(), "PICC-CQ-") || !strings.Contains(w.Body.String(), "报送保单") {
			t.Fatal("the insurer's page lacks its policies or the form")
		}
		products, _, err := svc.FindProducts(demoUser(t, env, "insurer"), firstset.ProductFilter{Limit: 200})
		if err != nil || len(products) == 0 {
			t.Fatalf("products %v", err)
		}
		form := url.Values{"policy_number": {"PAGE-1"}, "product_id": {fmt.Sprint(products[0].ID)},
			"start": {today.AddDays(-20).String()}, "end": {today.AddDays(-30).String()},
			"insured_amount_yuan": {"1000万"}, "premium_yuan": {"20万"}}
		w = insurer.postForm("/insurance/policies", form)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "早于起始日期") {
			t.Fatalf("an end before the start: %d", w.Code)
		}
		form.Set("end", today.AddDays(344).String())
		wantStatus(t, "policy", insurer.postForm("/insurance/policies", form), http.StatusSeeOther)
		if list, _, _ := svc.Policies(demoUser(t, env, "insurer"), firstset.PolicyFilter{}); !containsPolicy(list, "PAGE-1") {
			t.Fatal("the policy sent from the page is not stored")
		}

		ent := env.login("enterprise")
		offers, _, err := svc.Offers(demoUser(t, env, "enterprise"), firstset.OfferFilter{State: firstset.OfferOffered})
		if err != nil || len(offers) == 0 {
			t.Fatalf("offers %v", err)
		}
		w = ent.get("/subsidy-offers")
		wantStatus(t, "offers page", w, http.StatusOK)
		if !strings.Contains(w.Body.String(), offers[0].Amount.Grouped()) {
			t.Fatal("the offers page lacks the amount")
		}
		confirm := fmt.Sprintf("/subsidy-offers/%d/confirm", offers[0].ID)
		wantStatus(t, "confirm unticked", ent.postForm(confirm, url.Values{}), http.StatusUnprocessableEntity)
		w = ent.postForm(confirm, url.Values{"confirm": {"1"}})
		wantStatus(t, "confirm", w, http.StatusSeeOther)
		if !strings.HasPrefix(w.Header().Get("Location"), "/cases/") {
			t.Fatalf("confirmed to %s", w.Header().Get("Location"))
		}

		rev := demoUser(t, env, "reviewer")
		inReview, _, err := svc.Applications(rev, firstset.ApplicationFilter{CaseFilter: firstset.CaseFilter{Stages: []string{"review"}}})
		if err != nil || len(inReview) == 0 {
			t.Fatalf("in review %v", err)
		}
		reviewer := env.login("reviewer")
		page := fmt.Sprintf("/cases/%d", inReview[0].ID)
		if body := reviewer.get(page).Body.String(); !strings.Contains(body, "提交评分") || strings.Contains(body, `value="allocate"`) {
			t.Fatal("the reviewer's page should offer the score, not an own action")
		}
		w = reviewer.postForm(page+"/application-score", url.Values{"score": {"120"}})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "0 至 100") {
			t.Fatalf("a score of 120: %d", w.Code)
		}
		wantStatus(t, "score", reviewer.postForm(page+"/application-score", url.Values{"score": {"87.5"}}), http.StatusSeeOther)
		if v, _ := svc.Application(rev, inReview[0].ID); v.Score == nil || *v.Score != 8750 {
			t.Fatalf("the score stored: %v", v.Score)
		}

		fin := demoUser(t, env, "finance")
		approved, _, err := svc.Applications(fin, firstset.ApplicationFilter{CaseFilter: firstset.CaseFilter{Stages: []string{"approved"}}})
		if err != nil || len(approved) == 0 {
			t.Fatalf("approved %v", err)
		}
		app := approved[0]
		finance := env.login("finance")
		page = fmt.Sprintf("/cases/%d", app.ID)
		if !strings.Contains(finance.get(page).Body.String(), "登记拨付") {
			t.Fatal("finance's page lacks the payment form")
		}
		before, _ := svc.Ledger(fin, firstset.LedgerFilter{})
		pay := url.Values{"amount_yuan": {(*app.Allocated + 1).String()}, "paid_on": {today.String()}, "voucher": {"PAGE-V-1"}, "confirm": {"1"}}
		w = finance.postForm(page+"/disbursements", pay)
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "超过尚未拨付") {
			t.Fatalf("a payment over the allocation: %d", w.Code)
		}
		pay.Set("amount_yuan", app.Allocated.String())
		pay.Del("confirm")
		wantStatus(t, "unconfirmed payment", finance.postForm(page+"/disbursements", pay), http.StatusUnprocessableEntity)
		if after, _ := svc.Ledger(fin, firstset.LedgerFilter{}); after.Total != before.Total {
			t.Fatal("a refused payment was stored")
		}
		pay.Set("confirm", "1")
		wantStatus(t, "payment", finance.postForm(page+"/disbursements", pay), http.StatusSeeOther)
		if v, _ := svc.Application(fin, app.ID); v.Stage != "paid" {
			t.Fatalf("after paying the whole allocation: %s", v.Stage)
		}
		// The case's record names its steps in the workflow's own words.
		w = finance.get(page)
		for _, want := range []string{"拨付完毕", "待拨付 → 已拨付", "评分"} {
			if !strings.Contains(w.Body.String(), want) {
				t.Fatalf("the paid case's record lacks %q", want)
			}
		}
		if strings.Contains(w.Body.String(), "approved → paid") {
			t.Fatal("the record shows stage codes")
		}
		w = finance.get("/ledger")
		wantStatus(t, "ledger", w, http.StatusOK)
		after, _ := svc.Ledger(fin, firstset.LedgerFilter{})
		if !strings.Contains(w.Body.String(), "PAGE-V-1") || !strings.Contains(w.Body.String(), after.TotalPaid.Grouped()) {
			t.Fatal("the ledger page lacks the payment or the total")
		}
		w = finance.get("/ledger/export.xlsx")
		wantStatus(t, "export", w, http.StatusOK)
		if !strings.Contains(w.Header().Get("Content-Type"), "spreadsheetml") || w.Body.Len() < 1000 {
			t.Fatalf("export: %s %d bytes", w.Header().Get("Content-Type"), w.Body.Len())
		}
		wantStatus(t, "an insurer's ledger", insurer.get("/ledger"), http.StatusForbidden)
	})
}

func containsPolicy(list []*firstset.InsurancePolicy, number string) bool {
	for _, p := range list {
		if p.PolicyNumber == number {
			return true
		}
	}
	return false
}

// TestApplicationEditPage: the buyer fixes its returned reward from the
// page (the form filled from what is stored; a bad date refused in
// Chinese, nothing changed; the new amount recomputed), and no one else
// may open the form.
func TestApplicationEditPage(t *testing.T) {
	env := newDemoEnv(t, dbtest.SQLite(t))
	buyerCtx := demoUser(t, env, "buyer")
	list, _, err := env.svc.Applications(buyerCtx, firstset.ApplicationFilter{CaseFilter: firstset.CaseFilter{Stages: []string{"returned"}}})
	if err != nil || len(list) == 0 {
		t.Fatalf("no returned application for the buyer: %v", err)
	}
	app := list[0]
	page := fmt.Sprintf("/cases/%d", app.ID)
	edit := fmt.Sprintf("/applications/%d/edit", app.ID)
	buyer := env.login("buyer")
	if !strings.Contains(buyer.get(page).Body.String(), `href="`+edit+`"`) {
		t.Fatal("the returned case offers no edit link")
	}
	w := buyer.get(edit)
	wantStatus(t, "edit form", w, http.StatusOK)
	if !strings.Contains(w.Body.String(), `value="`+app.ContractDate.String()+`"`) || !strings.Contains(w.Body.String(), `value="`+app.ContractPaid.String()+`"`) {
		t.Fatal("the form is not filled from the stored application")
	}
	form := url.Values{"contract_date": {"2026-13-01"}, "paid_yuan": {"1000万"}, "buyer_name": {app.BuyerName}, "buyer_credit_code": {app.BuyerCreditCode}}
	w = buyer.postForm(fmt.Sprintf("/applications/%d", app.ID), form)
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "合同签订日期") {
		t.Fatalf("a bad date: %d", w.Code)
	}
	if v, _ := env.svc.Application(buyerCtx, app.ID); v.ContractPaid != app.ContractPaid {
		t.Fatal("a refused change was stored")
	}
	form.Set("contract_date", app.ContractDate.String())
	w = buyer.postForm(fmt.Sprintf("/applications/%d", app.ID), form)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("the change: %d %s", w.Code, w.Body.String())
	}
	v, _ := env.svc.Application(buyerCtx, app.ID)
	if v.ContractPaid.String() != "10000000.00" || v.MaxAmount.String() != "3000000.00" {
		t.Fatalf("after the change: paid %s, max %s", v.ContractPaid, v.MaxAmount)
	}
	for _, who := range []string{"enterprise", "reviewer", "finance"} {
		if w := env.login(who).get(edit); w.Code != http.StatusForbidden && w.Code != http.StatusNotFound {
			t.Errorf("%s opens the buyer's form: %d", who, w.Code)
		}
	}
}
