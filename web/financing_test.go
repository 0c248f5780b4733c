package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/web/httpx"
)

// TestFinancingRequestsAndOffersFromOutside: an enterprise shares a
// request with a bank and a leasing firm; each sees the request and only
// its own answer, another bank, an insurer and another enterprise do not;
// the offers are checked (rate, term, a policy on the request's product),
// and the enterprise accepts one, after which nothing else moves.
func TestFinancingRequestsAndOffersFromOutside(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		runFinancingFlow(t, newTestEnvOn(t, store))
	})
}

// runFinancingFlow is the financing requests' flow, for its test and the
// OpenAPI test's coverage.
func runFinancingFlow(t *testing.T, env *testEnv) {
	bank := env.institution("重庆渝丰商业银行股份有限公司", firstset.InstitutionBank)
	lease := env.institution("重庆两江金融租赁有限公司", firstset.InstitutionLeasing)
	other := env.institution("重庆三峡银行股份有限公司", firstset.InstitutionBank)
	fund := env.institution("重庆产业引导基金", firstset.InstitutionFund)
	env.addUsers(
		firstset.UserInput{Username: "bank-a", Name: "渝丰银行客户经理", Role: firstset.RoleInsurer, InstitutionID: bank.ID},
		firstset.UserInput{Username: "lease-a", Name: "两江租赁业务员", Role: firstset.RoleInsurer, InstitutionID: lease.ID},
		firstset.UserInput{Username: "bank-c", Name: "三峡银行客户经理", Role: firstset.RoleInsurer, InstitutionID: other.ID},
		firstset.UserInput{Username: "ins-d", Name: "长嘉财产保险股份有限公司重庆分公司", Role: firstset.RoleInsurer},
	)
	insurerInst := env.institutionOf("ins-d")
	scopes := []firstset.Scope{firstset.ScopeFinancingRead, firstset.ScopeFinancingWrite}
	ent, entB := env.token("ent-a", scopes...), env.token("ent-b", scopes...)
	bankC, leaseC, otherC, insC := env.token("bank-a", scopes...), env.token("lease-a", scopes...),
		env.token("bank-c", scopes...), env.token("ins-d", scopes...)

	// A policy on the enterprise's recognised product, for the guarantee.
	reviewer := env.token("reviewer", firstset.ScopeInsuranceRead)
	wantStatus(t, "join", reviewer.sendJSON(http.MethodPost, "/api/v1/consortium/memberships",
		map[string]any{"institution_id": insurerInst, "joined_on": "2024-01-01"}, nil), http.StatusCreated)
	today := date.FromTime(env.svc.Now())
	wantStatus(t, "policy", env.token("ins-d", firstset.ScopeInsuranceWrite).sendJSON(http.MethodPost, "/api/v1/insurance/policies",
		map[string]any{"policy_number": "CJ-2026-001", "product_id": env.recA.ID, "start": today.AddDays(-30), "end": today.AddDays(335),
			"insured_amount_yuan": "10000000.00", "premium_yuan": "300000.00"}, nil), http.StatusCreated)
	wantStatus(t, "policy on another's product", env.token("ins-d", firstset.ScopeInsuranceWrite).sendJSON(http.MethodPost, "/api/v1/insurance/policies",
		map[string]any{"policy_number": "CJ-2026-002", "product_id": env.recB.ID, "start": today.AddDays(-30), "end": today.AddDays(335),
			"insured_amount_yuan": "10000000.00", "premium_yuan": "300000.00"}, nil), http.StatusCreated)

	var lenders httpx.ListResponse[firstset.Institution]
	decode(t, ent.get("/api/v1/financing-lenders"), &lenders)
	if lenders.Total != 3 || slices.ContainsFunc(lenders.Items, func(n firstset.Institution) bool { return n.ID == fund.ID }) {
		t.Fatalf("lenders %+v", lenders)
	}
	wantStatus(t, "a bank listing lenders", bankC.get("/api/v1/financing-lenders"), http.StatusForbidden)

	const path = "/api/v1/financing-requests"
	good := map[string]any{"kind": "loan", "amount_yuan": "5000000.00", "purpose": "首台（套）滚齿机批量生产的流动资金",
		"product_ids": []int64{env.recA.ID, env.draftA.ID}, "institution_ids": []int64{bank.ID, lease.ID}}
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for kk, vv := range good {
			m[kk] = vv
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	// Input refused naming its field.
	wantField(t, ent.sendJSON(http.MethodPost, path, with("kind", "bond"), nil), 422, "kind")
	wantField(t, ent.sendJSON(http.MethodPost, path, with("amount_yuan", "0"), nil), 422, "amount_yuan")
	wantField(t, ent.sendJSON(http.MethodPost, path, with("purpose", "  "), nil), 422, "purpose")
	wantField(t, ent.sendJSON(http.MethodPost, path, with("product_ids", []int64{}), nil), 422, "product_ids")
	wantField(t, ent.sendJSON(http.MethodPost, path, with("product_ids", []int64{env.recB.ID}), nil), 422, "product_ids")
	wantField(t, ent.sendJSON(http.MethodPost, path, with("institution_ids", nil), nil), 422, "institution_ids")
	wantField(t, ent.sendJSON(http.MethodPost, path, with("institution_ids", []int64{bank.ID, insurerInst}), nil), 422, "institution_ids")
	wantField(t, ent.sendJSON(http.MethodPost, path, with("institution_ids", []int64{fund.ID}), nil), 422, "institution_ids")
	wantField(t, ent.sendJSON(http.MethodPost, path, with("institution_ids", []int64{999999}), nil), 422, "institution_ids")
	// Only enterprises ask.
	wantStatus(t, "a bank asking", bankC.sendJSON(http.MethodPost, path, good, nil), http.StatusForbidden)
	wantStatus(t, "the public asking", env.public().sendJSON(http.MethodPost, path, good, nil), http.StatusUnauthorized)
	wantStatus(t, "a token without the scope", env.token("ent-a", firstset.ScopeCasesWrite).sendJSON(http.MethodPost, path, good, nil), http.StatusForbidden)

	w := ent.sendJSON(http.MethodPost, path, good, http.Header{"Idempotency-Key": {"fin-1"}})
	if w.Code != http.StatusCreated {
		t.Fatalf("request: %d %s", w.Code, w.Body)
	}
	var req firstset.FinancingRequest
	decode(t, w, &req)
	if req.ID == 0 || req.Status != firstset.FinancingOpen || len(req.Offers) != 2 || len(req.Products) != 2 ||
		req.Amount != 500000000 || req.Offers[0].Status != firstset.AnswerPending {
		t.Fatalf("created %+v", req)
	}
	one := idPath(path+"/{id}", req.ID)

	// Who sees it: the enterprise, the two lenders; nobody else.
	for who, c := range map[string]*client{"another bank": otherC, "an insurer": insC, "another enterprise": entB,
		"a reviewer (session)": env.login("reviewer")} {
		wantStatus(t, who+" reading", c.get(one), http.StatusNotFound)
	}
	wantStatus(t, "the public reading", env.public().get(one), http.StatusUnauthorized)
	wantStatus(t, "a reviewer listing", env.token("reviewer", firstset.ScopeCasesRead).get(path), http.StatusForbidden)
	var list httpx.ListResponse[firstset.FinancingRequest]
	decode(t, otherC.get(path), &list)
	if list.Total != 0 {
		t.Fatalf("another bank lists %+v", list)
	}
	decode(t, bankC.get(path+"?awaiting=1"), &list)
	if list.Total != 1 || len(list.Items[0].Offers) != 1 || list.Items[0].Offers[0].InstitutionID != bank.ID {
		t.Fatalf("the bank's awaiting list: %+v", list)
	}
	wantField(t, bankC.get(path+"?status=lost"), 400, "status")

	// The lenders answer; the enterprise may not answer for them, another
	// bank may not either.
	offers, interest, decline := one+"/offers", one+"/interest", one+"/decline"
	wantStatus(t, "the enterprise offering", ent.sendJSON(http.MethodPost, offers, map[string]any{"amount_yuan": "1.00",
		"rate_percent": "3.10", "term_months": 12}, nil), http.StatusForbidden)
	wantStatus(t, "another bank offering", otherC.sendJSON(http.MethodPost, offers, map[string]any{"amount_yuan": "1.00",
		"rate_percent": "3.10", "term_months": 12}, nil), http.StatusNotFound)
	wantField(t, bankC.sendJSON(http.MethodPost, interest, map[string]any{"note": ""}, nil), 422, "note")
	wantStatus(t, "interest", bankC.sendJSON(http.MethodPost, interest, map[string]any{"note": "对接人：张经理 023-63000000"}, nil), http.StatusOK)
	wantStatus(t, "interest twice", bankC.sendJSON(http.MethodPost, interest, map[string]any{"note": "again"}, nil), http.StatusConflict)
	offer := func(rate string, term int, policy string) map[string]any {
		m := map[string]any{"amount_yuan": "4000000.00", "rate_percent": rate, "term_months": term}
		if policy != "" {
			m["policy_number"] = policy
		}
		return m
	}
	for _, bad := range []struct {
		body  map[string]any
		field string
	}{
		{offer("3.1", 36, ""), "rate_percent"}, {offer("0.00", 36, ""), "rate_percent"}, {offer("100.00", 36, ""), "rate_percent"},
		{offer("三点一", 36, ""), "rate_percent"}, {offer("3.10", 0, ""), "term_months"}, {offer("3.10", 361, ""), "term_months"},
		{offer("3.10", 36, "CJ-2026-002"), "policy_number"}, {offer("3.10", 36, "NO-SUCH"), "policy_number"},
		{map[string]any{"amount_yuan": "0.00", "rate_percent": "3.10", "term_months": 36}, "amount_yuan"},
	} {
		wantField(t, bankC.sendJSON(http.MethodPost, offers, bad.body, nil), 422, bad.field)
	}
	w = bankC.sendJSON(http.MethodPost, offers, offer("3.85", 36, "CJ-2026-001"), nil)
	wantStatus(t, "bank offer", w, http.StatusCreated)
	var seen firstset.FinancingRequest
	decode(t, w, &seen)
	if len(seen.Offers) != 1 || seen.Offers[0].Rate != 385 || seen.Offers[0].Status != firstset.AnswerOffered ||
		seen.Offers[0].PolicyNumber != "CJ-2026-001" {
		t.Fatalf("the bank's offer: %+v", seen.Offers)
	}
	// A changed offer, until the enterprise decides.
	wantStatus(t, "bank offer changed", bankC.sendJSON(http.MethodPost, offers, offer("3.60", 36, "CJ-2026-001"), nil), http.StatusCreated)
	wantStatus(t, "lease offer", leaseC.sendJSON(http.MethodPost, offers, map[string]any{"amount_yuan": "5000000.00",
		"rate_percent": "4.20", "term_months": 60, "note": "以租代购，按季支付租金"}, nil), http.StatusCreated)

	// Each lender sees its own answer only; the enterprise sees both.
	decode(t, leaseC.get(one), &seen)
	if len(seen.Offers) != 1 || seen.Offers[0].InstitutionID != lease.ID {
		t.Fatalf("the leasing firm sees %+v", seen.Offers)
	}
	decode(t, ent.get(one), &seen)
	if len(seen.Offers) != 2 || seen.Offers[0].Rate != 360 || seen.Offers[1].Rate != 420 {
		t.Fatalf("the enterprise sees %+v", seen.Offers)
	}
	decode(t, bankC.get(path+"?awaiting=1"), &list)
	if list.Total != 0 {
		t.Fatalf("an offered request still awaits the bank: %+v", list)
	}

	// The enterprise accepts the bank's; the lessor's is lost, nothing moves
	// after.
	accept, withdraw := one+"/accept", one+"/withdraw"
	wantStatus(t, "a bank accepting", bankC.sendJSON(http.MethodPost, accept, map[string]any{"offer_id": seen.Offers[0].ID}, nil), http.StatusForbidden)
	wantStatus(t, "another enterprise accepting", entB.sendJSON(http.MethodPost, accept, map[string]any{"offer_id": seen.Offers[0].ID}, nil), http.StatusNotFound)
	wantField(t, ent.sendJSON(http.MethodPost, accept, map[string]any{"offer_id": 0}, nil), 422, "offer_id")
	wantField(t, ent.sendJSON(http.MethodPost, withdraw, map[string]any{"note": ""}, nil), 422, "note")
	w = ent.sendJSON(http.MethodPost, accept, map[string]any{"offer_id": seen.Offers[0].ID}, nil)
	wantStatus(t, "accept", w, http.StatusOK)
	decode(t, w, &seen)
	if seen.Status != firstset.FinancingGranted || seen.AcceptedOfferID != seen.Offers[0].ID ||
		seen.Offers[0].Status != firstset.AnswerAccepted || seen.Offers[1].Status != firstset.AnswerLost {
		t.Fatalf("accepted: %+v %+v %+v", seen, seen.Offers[0], seen.Offers[1])
	}
	wantStatus(t, "accept again", ent.sendJSON(http.MethodPost, accept, map[string]any{"offer_id": seen.Offers[1].ID}, nil), http.StatusConflict)
	wantStatus(t, "withdraw after", ent.sendJSON(http.MethodPost, withdraw, map[string]any{"note": "不需要了"}, nil), http.StatusConflict)
	wantStatus(t, "decline after", leaseC.sendJSON(http.MethodPost, decline, map[string]any{"note": "晚了"}, nil), http.StatusConflict)

	// A second request, declined by both, closes; a third, withdrawn.
	w = ent.sendJSON(http.MethodPost, path, with("kind", "pledge"), nil)
	wantStatus(t, "second request", w, http.StatusCreated)
	var second firstset.FinancingRequest
	decode(t, w, &second)
	two := idPath(path+"/{id}", second.ID)
	wantStatus(t, "bank declines", bankC.sendJSON(http.MethodPost, two+"/decline", map[string]any{"note": "质押物评估价值不足"}, nil), http.StatusOK)
	wantStatus(t, "bank offers after declining", bankC.sendJSON(http.MethodPost, two+"/offers", offer("3.10", 12, ""), nil), http.StatusConflict)
	decode(t, ent.get(two), &seen)
	if seen.Status != firstset.FinancingOpen {
		t.Fatalf("one decline closed the request: %+v", seen)
	}
	w = leaseC.sendJSON(http.MethodPost, two+"/decline", map[string]any{"note": "不开展质押业务"}, nil)
	wantStatus(t, "lessor declines", w, http.StatusOK)
	decode(t, ent.get(two), &seen)
	if seen.Status != firstset.FinancingClosed || !slices.ContainsFunc(seen.Offers, func(o *firstset.FinancingOffer) bool { return o.Note == "不开展质押业务" }) {
		t.Fatalf("declined by all: %+v", seen)
	}
	w = ent.sendJSON(http.MethodPost, path, with("kind", "lease"), nil)
	var third firstset.FinancingRequest
	decode(t, w, &third)
	w = ent.sendJSON(http.MethodPost, idPath(path+"/{id}/withdraw", third.ID), map[string]any{"note": "已通过其他渠道解决"}, nil)
	wantStatus(t, "withdraw", w, http.StatusOK)
	decode(t, w, &seen)
	if seen.Status != firstset.FinancingWithdrawn || seen.Offers[0].Status != firstset.AnswerLost {
		t.Fatalf("withdrawn: %+v", seen)
	}
	decode(t, ent.get(path+"?status=open"), &list)
	if list.Total != 0 {
		t.Fatalf("open requests left: %+v", list)
	}
	decode(t, ent.get(path), &list)
	if list.Total != 3 || list.Items[0].ID != third.ID {
		t.Fatalf("the enterprise's list: %+v", list)
	}
}

// TestFinancingThroughPages: the enterprise asks on the page, the bank
// sees the request waiting on its home page and offers, the leasing firm
// declines only once confirmed, and the enterprise's comparison lists the
// offers by rate and accepts one only once confirmed.
func TestFinancingThroughPages(t *testing.T) {
	env := newTestEnv(t)
	bank := env.institution("重庆渝丰商业银行股份有限公司", firstset.InstitutionBank)
	lease := env.institution("重庆两江金融租赁有限公司", firstset.InstitutionLeasing)
	env.addUsers(
		firstset.UserInput{Username: "bank-a", Name: "渝丰银行客户经理", Role: firstset.RoleInsurer, InstitutionID: bank.ID},
		firstset.UserInput{Username: "lease-a", Name: "两江租赁业务员", Role: firstset.RoleInsurer, InstitutionID: lease.ID},
	)
	ent, bankP, leaseP := env.login("ent-a"), env.login("bank-a"), env.login("lease-a")
	if !strings.Contains(ent.get("/").Body.String(), `href="/financing"`) {
		t.Error("the enterprise's navigation lacks 融资对接")
	}
	w := ent.postForm("/financing", url.Values{"kind": {"loan"}, "amount_yuan": {"500万"}, "purpose": {""}})
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请填写融资用途") {
		t.Fatalf("an incomplete request: %d", w.Code)
	}
	w = ent.postForm("/financing", url.Values{"kind": {"loan"}, "amount_yuan": {"500万"}, "purpose": {"流动资金"},
		"product_ids": {httpx.Itoa(env.recA.ID)}, "institution_ids": {httpx.Itoa(bank.ID), httpx.Itoa(lease.ID)}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("request: %d %s", w.Code, w.Body)
	}
	show := w.Header().Get("Location")
	if home := bankP.get("/").Body.String(); !strings.Contains(home, "融资需求待答复") {
		t.Error("the bank's home lacks the request awaiting its answer")
	}
	if w := bankP.postForm(show+"/offers", url.Values{"amount_yuan": {"400万"}, "rate_percent": {"3.1"}, "term_months": {"36"}}); w.Code != http.StatusUnprocessableEntity ||
		!strings.Contains(w.Body.String(), "两位小数") {
		t.Fatalf("a rate of one decimal: %d", w.Code)
	}
	if w := bankP.postForm(show+"/offers", url.Values{"amount_yuan": {"400万"}, "rate_percent": {"3.60"}, "term_months": {"36"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("offer: %d %s", w.Code, w.Body)
	}
	if w := leaseP.postForm(show+"/offers", url.Values{"amount_yuan": {"500万"}, "rate_percent": {"3.20"}, "term_months": {"60"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("lease offer: %d %s", w.Code, w.Body)
	}
	if w := leaseP.postForm(show+"/decline", url.Values{"note": {"额度已满"}}); w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("a refusal without the confirmation: %d", w.Code)
	}
	if w := bankP.postForm(show+"/accept", url.Values{"offer_id": {"1"}, "confirm": {"1"}}); w.Code != http.StatusForbidden {
		t.Fatalf("the bank accepting: %d", w.Code)
	}
	page := ent.get(show).Body.String()
	if i, j := strings.Index(page, "3.20%"), strings.Index(page, "3.60%"); i < 0 || j < 0 || i > j {
		t.Fatalf("the comparison is not by rate: %d %d", i, j)
	}
	var fr firstset.FinancingRequest
	decode(t, env.token("ent-a", firstset.ScopeFinancingRead).get("/api/v1"+strings.Replace(show, "/financing/", "/financing-requests/", 1)), &fr)
	lessor := fr.Offer(lease.ID)
	if w := ent.postForm(show+"/accept", url.Values{"offer_id": {httpx.Itoa(lessor.ID)}}); w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("an acceptance without the confirmation: %d", w.Code)
	}
	if w := ent.postForm(show+"/accept", url.Values{"offer_id": {httpx.Itoa(lessor.ID)}, "confirm": {"1"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("accept: %d %s", w.Code, w.Body)
	}
	if page := ent.get(show).Body.String(); !strings.Contains(page, "已获融资") || !strings.Contains(page, "未采纳") {
		t.Error("the accepted request's page")
	}
	if w := bankP.postForm(show+"/offers", url.Values{"amount_yuan": {"400万"}, "rate_percent": {"3.00"}, "term_months": {"36"}}); w.Code != http.StatusConflict {
		t.Fatalf("an offer after the acceptance: %d", w.Code)
	}
}
