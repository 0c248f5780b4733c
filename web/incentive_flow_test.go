package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/money"
	"firstset/service"
)

// incentiveEnv is the recognition environment with the people the
// incentives need besides: finance, two insurers, and a product of
// enterprise A recognised on 2024-06-01 that the first insurer insures.
type incentiveEnv struct {
	*recognitionEnv
	product *firstset.Product
	// other is a product of enterprise B, recognised on 2025-01-01.
	other *firstset.Product
}

func newIncentiveEnv(t *testing.T, store firstset.Store, adjust func(*service.Config)) *incentiveEnv {
	t.Helper()
	env := &incentiveEnv{recognitionEnv: newRecognitionEnvConfig(t, store, adjust)}
	env.at("2026-08-03") // a Monday
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("seed: %v", err)
		}
	}
	for _, u := range []firstset.UserInput{
		{Username: "finance", Name: "市财政局经建处", Role: firstset.RoleFinance},
		{Username: "insurer", Name: "首台套共保体甲保险公司", Role: firstset.RoleInsurer},
		{Username: "insurer-2", Name: "乙保险公司", Role: firstset.RoleInsurer},
	} {
		u.Password = testPassword
		if u.Role == firstset.RoleInsurer {
			u.InstitutionID = env.institution(u.Name, firstset.InstitutionInsurer).ID
		}
		_, err := env.svc.CreateUser(ctx, u)
		must(err)
	}
	recognised := func(e *firstset.Enterprise, name string, on date.Date) *firstset.Product {
		p, err := env.svc.CreateProduct(ctx, firstset.ProductInput{EnterpriseID: e.ID, Name: name, Model: "INS-" + name,
			CategoryID: env.catA.ID, Description: name + "的说明", InnovationLevel: firstset.LevelNational,
			Params: []firstset.Param{{Name: "额定功率", Value: "200", Unit: "kW"}}})
		must(err)
		p, err = env.svc.SetRecognition(ctx, p.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised, RecognizedOn: on})
		must(err)
		return p
	}
	env.product = recognised(env.entA, "甲五轴加工中心", mustDate(t, "2024-06-01"))
	env.other = recognised(env.entB, "乙盾构机", mustDate(t, "2025-01-01"))
	return env
}

// at moves the services' clock to ten in the morning of day (Shanghai).
func (env *incentiveEnv) at(day string) {
	env.t.Helper()
	env.clock = mustDate(env.t, day).Time().Add(10 * time.Hour)
}

func (env *incentiveEnv) today() date.Date { return date.FromTime(env.clock) }

func mustDate(t *testing.T, s string) date.Date {
	t.Helper()
	d, err := date.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// applicationJSON is what the tests read of an application.
type applicationJSON struct {
	ID          int64            `json:"id"`
	Number      string           `json:"number"`
	Kind        string           `json:"kind"`
	Stage       string           `json:"stage"`
	NextRole    string           `json:"next_role"`
	RoundID     int64            `json:"round_id"`
	MaxAmount   money.Fen        `json:"max_amount_yuan"`
	Allocated   *money.Fen       `json:"allocated_yuan"`
	Disbursed   money.Fen        `json:"disbursed_yuan"`
	Eligible    bool             `json:"eligible"`
	Explanation []map[string]any `json:"explanation"`
	Timeline    []struct {
		Action string `json:"action"`
	} `json:"timeline"`
	Disbursements []firstset.Disbursement `json:"disbursements"`
}

// roundJSON is what the tests read of an incentive round.
type roundJSON struct {
	ID           int64      `json:"id"`
	Status       string     `json:"status"`
	PassScore    float64    `json:"pass_score"`
	FrozenAt     *time.Time `json:"frozen_at"`
	NoticeEndsOn date.Date  `json:"notice_ends_on"`
}

type offerJSON struct {
	ID        int64     `json:"id"`
	ProductID int64     `json:"product_id"`
	RoundID   int64     `json:"round_id"`
	Amount    money.Fen `json:"amount_yuan"`
	Years     []struct {
		Start   date.Date `json:"start"`
		Subsidy money.Fen `json:"subsidy_yuan"`
	} `json:"years"`
	State string `json:"state"`
}

type ledgerJSON struct {
	Items     []firstset.Disbursement `json:"items"`
	Total     int                     `json:"total"`
	TotalPaid money.Fen               `json:"total_paid_yuan"`
}

// incentiveResult is what runIncentiveFlow leaves for the extras.
type incentiveResult struct {
	subsidyRound, rewardRound int64
	subsidy, reward           int64
	offer                     int64
	policy                    string
}

// TestIncentiveEndToEnd drives both incentives over the API on both
// databases: a premium subsidy offered from an insurer's data and
// confirmed (免申即享), a buyer's first-purchase reward confirmed by the
// manufacturer; both reviewed, allocated (once sent back), approved, on
// notice and paid, with the ledger and the outsiders' view checked.
func TestIncentiveEndToEnd(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		runIncentiveFlow(t, newIncentiveEnv(t, store, nil))
	})
}

func runIncentiveFlow(t *testing.T, env *incentiveEnv) incentiveResult {
	var out incentiveResult
	finance, reviewer, admin := env.api("finance"), env.api("reviewer"), env.api("admin")
	insurer, insurer2 := env.api("insurer"), env.api("insurer-2")
	entA, entB, buyer := env.api("ent-a"), env.api("ent-b"), env.api("buyer")
	districtA, public := env.api("district-a"), env.public()

	// Finance opens a round of each incentive.
	round := func(kind string, budget string) roundJSON {
		t.Helper()
		w := finance.postJSON("/api/v1/incentive-rounds", map[string]any{"kind": kind, "year": 2026, "budget_yuan": budget,
			"method": "rank_order", "pass_score": 60, "opens_on": "2026-08-01", "closes_on": "2026-08-31"})
		wantStatus(t, "open "+kind, w, http.StatusCreated)
		var r roundJSON
		decode(t, w, &r)
		if r.ID == 0 || r.Status != firstset.RoundOpen || r.PassScore != 60 {
			t.Fatalf("round: %s", w.Body.String())
		}
		return r
	}
	subsidyRound := round(firstset.IncentiveSubsidy, "5000000.00")
	rewardRound := round(firstset.IncentiveReward, "10000000.00")
	out.subsidyRound, out.rewardRound = subsidyRound.ID, rewardRound.ID
	wantError(t, "a reviewer opens a round", reviewer.postJSON("/api/v1/incentive-rounds", map[string]any{"kind": firstset.IncentiveReward,
		"year": 2026, "budget_yuan": "1.00", "opens_on": "2026-08-01", "closes_on": "2026-08-31"}), http.StatusForbidden, firstset.EFORBIDDEN)
	wantError(t, "a pass score of text", finance.postJSON("/api/v1/incentive-rounds", map[string]any{"kind": firstset.IncentiveReward,
		"year": 2026, "budget_yuan": "1.00", "pass_score": true, "opens_on": "2026-08-01", "closes_on": "2026-08-31"}),
		http.StatusBadRequest, "wrong_type")

	// The consortium: the first insurer is a member, the second is not.
	wantError(t, "a non-member sends a policy", insurer.postJSON("/api/v1/insurance/policies", map[string]any{"policy_number": "X-1",
		"product_id": env.product.ID, "start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "1.00", "premium_yuan": "1.00"}),
		http.StatusForbidden, firstset.EFORBIDDEN)
	wantStatus(t, "join the consortium", admin.sendJSON(http.MethodPost, "/api/v1/consortium/memberships",
		map[string]any{"institution_id": env.institutionOf("insurer"), "joined_on": "2024-01-01"}, nil), http.StatusCreated)

	// Three policy years and a claim in the first.
	years := []struct{ number, start, end, premium string }{
		{"PA-2024-001", "2024-07-01", "2025-06-30", "500000.00"},
		{"PA-2025-001", "2025-07-01", "2026-06-30", "480000.00"},
		{"PA-2026-001", "2026-07-01", "2027-06-30", "470000.00"}, // corrected below
	}
	send := func(number, start, end, premium string, header http.Header) *httptest.ResponseRecorder {
		return insurer.sendJSON(http.MethodPost, "/api/v1/insurance/policies", map[string]any{"policy_number": number,
			"product_id": env.product.ID, "start": start, "end": end, "insured_amount_yuan": "20000000.00", "premium_yuan": premium}, header)
	}
	for i, y := range years {
		key := http.Header{"Idempotency-Key": {fmt.Sprintf("policy-%d", i)}}
		w := send(y.number, y.start, y.end, y.premium, key)
		wantStatus(t, "send "+y.number, w, http.StatusCreated)
		again := send(y.number, y.start, y.end, y.premium, key)
		if again.Code != http.StatusCreated || again.Header().Get("Idempotent-Replayed") != "true" || again.Body.String() != w.Body.String() {
			t.Fatalf("a retry with the same key: %d %q %s", again.Code, again.Header().Get("Idempotent-Replayed"), again.Body.String())
		}
		wantStatus(t, "the same policy again", send(y.number, y.start, y.end, y.premium, nil), http.StatusOK)
	}
	w := insurer.sendJSON(http.MethodPost, "/api/v1/insurance/policies", map[string]any{"policy_number": "PA-2026-002",
		"credit_code": env.entA.CreditCode, "model": "INS-甲五轴加工中心", "start": "2027-07-01", "end": "2028-06-30",
		"insured_amount_yuan": "20000000.00", "premium_yuan": "450000.00"}, nil)
	wantStatus(t, "a policy by credit code and model", w, http.StatusCreated)
	var byCode firstset.InsurancePolicy
	decode(t, w, &byCode)
	if byCode.ProductID != env.product.ID {
		t.Fatalf("policy by credit code names product %d, want %d", byCode.ProductID, env.product.ID)
	}
	w = send("PA-2026-001", "2026-07-01", "2027-06-30", "460000.00", nil)
	wantStatus(t, "a changed premium", w, http.StatusCreated)
	var pol firstset.InsurancePolicy
	decode(t, w, &pol)
	if pol.Version != 2 || pol.Premium != 46000000 {
		t.Fatalf("changed policy: %s", w.Body.String())
	}
	countPolicies := func(c *client) int {
		t.Helper()
		w := c.get("/api/v1/insurance/policies")
		wantStatus(t, "policies", w, http.StatusOK)
		var l struct {
			Total int `json:"total"`
		}
		decode(t, w, &l)
		return l.Total
	}
	if n := countPolicies(insurer); n != 4 {
		t.Fatalf("the insurer has %d policies, want 4 (every retry stored nothing)", n)
	}
	w = insurer.postJSON("/api/v1/insurance/policies/PA-2024-001/claims", map[string]any{"occurred_on": "2024-12-01", "amount_yuan": "100000.00"})
	wantStatus(t, "claim", w, http.StatusCreated)
	wantStatus(t, "the same claim again", insurer.postJSON("/api/v1/insurance/policies/PA-2024-001/claims",
		map[string]any{"occurred_on": "2024-12-01", "amount_yuan": "100000.00"}), http.StatusOK)
	wantError(t, "a claim outside the policy", insurer.postJSON("/api/v1/insurance/policies/PA-2024-001/claims",
		map[string]any{"occurred_on": "2025-12-01", "amount_yuan": "1.00"}), http.StatusUnprocessableEntity, "outside_policy")
	w = insurer.get("/api/v1/insurance/policies/PA-2024-001")
	wantStatus(t, "read the policy", w, http.StatusOK)
	decode(t, w, &pol)
	if len(pol.Claims) != 1 {
		t.Fatalf("claims of the policy: %s", w.Body.String())
	}
	out.policy = "PA-2024-001"
	wantError(t, "another insurer's policy", insurer2.get("/api/v1/insurance/policies/PA-2024-001"), http.StatusNotFound, firstset.ENOTFOUND)
	if n := countPolicies(insurer2); n != 0 {
		t.Fatalf("another insurer lists %d policies", n)
	}
	if n := countPolicies(finance); n != 4 {
		t.Fatalf("finance lists %d policies, want 4", n)
	}

	// The offer equals, fen for fen, what the calculator gives.
	w = entA.get(fmt.Sprintf("/api/v1/subsidy-offers?product_id=%d", env.product.ID))
	wantStatus(t, "offers", w, http.StatusOK)
	var offers struct {
		Items []offerJSON `json:"items"`
		Total int         `json:"total"`
	}
	decode(t, w, &offers)
	if offers.Total != 1 || offers.Items[0].State != firstset.OfferOffered || offers.Items[0].RoundID != subsidyRound.ID {
		t.Fatalf("offers: %s", w.Body.String())
	}
	offer := offers.Items[0]
	out.offer = offer.ID
	w = public.postJSON("/api/v1/calc/premium-subsidy", `{"product": {"recognized_on": "2024-06-01"}, "policy_years": [
	  {"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "20000000", "premium_yuan": "500000", "claim": true},
	  {"start": "2025-07-01", "end": "2026-06-30", "insured_amount_yuan": "20000000", "premium_yuan": "480000", "claim": false},
	  {"start": "2026-07-01", "end": "2027-06-30", "insured_amount_yuan": "20000000", "premium_yuan": "460000", "claim": false}]}`)
	wantStatus(t, "calculator", w, http.StatusOK)
	var calc struct {
		Years []struct {
			Start   date.Date `json:"start"`
			Rate    string    `json:"rate"`
			Subsidy money.Fen `json:"subsidy_yuan"`
		} `json:"years"`
		Total money.Fen `json:"total_subsidy_yuan"`
	}
	decode(t, w, &calc)
	if offer.Amount != calc.Total || len(offer.Years) != len(calc.Years) {
		t.Fatalf("offer %s yuan in %d years, the calculator %s in %d: %+v", offer.Amount, len(offer.Years), calc.Total, len(calc.Years), offer)
	}
	for i := range calc.Years {
		if offer.Years[i].Start != calc.Years[i].Start || offer.Years[i].Subsidy != calc.Years[i].Subsidy {
			t.Fatalf("year %d: offer %+v, calculator %+v", i, offer.Years[i], calc.Years[i])
		}
	}
	// With the claim, the second year stays at the first rung (80%).
	if want := money.Fen(48000000 * 80 / 100); calc.Years[1].Subsidy != want {
		t.Fatalf("the second year's subsidy is %s, want %s (80%% after a claim)", calc.Years[1].Subsidy, want)
	}
	wantStatus(t, "read the offer", entA.get(fmt.Sprintf("/api/v1/subsidy-offers/%d", offer.ID)), http.StatusOK)
	wantError(t, "another enterprise's offer", entB.get(fmt.Sprintf("/api/v1/subsidy-offers/%d", offer.ID)), http.StatusNotFound, firstset.ENOTFOUND)
	w = entB.get(fmt.Sprintf("/api/v1/subsidy-offers?product_id=%d", env.product.ID))
	decode(t, w, &offers)
	if offers.Total != 0 {
		t.Fatalf("another enterprise sees %d offers", offers.Total)
	}

	// The enterprise confirms: an application at the district's review.
	w = entA.postJSON(fmt.Sprintf("/api/v1/subsidy-offers/%d/confirm", offer.ID), map[string]any{})
	wantStatus(t, "confirm the offer", w, http.StatusOK)
	var confirmed struct {
		ApplicationID int64           `json:"application_id"`
		State         string          `json:"state"`
		Application   applicationJSON `json:"application"`
	}
	decode(t, w, &confirmed)
	if confirmed.State != firstset.OfferConfirmed || confirmed.Application.Stage != "district_review" ||
		confirmed.Application.ID != confirmed.ApplicationID || confirmed.Application.MaxAmount != calc.Total {
		t.Fatalf("confirmed: %s", w.Body.String())
	}
	wantError(t, "confirm twice", entA.postJSON(fmt.Sprintf("/api/v1/subsidy-offers/%d/confirm", offer.ID), map[string]any{}),
		http.StatusConflict, firstset.EWRONGSTAGE)
	subsidy := confirmed.ApplicationID
	out.subsidy = subsidy
	spath := fmt.Sprintf("/api/v1/applications/%d", subsidy)
	act := func(c *client, path, action, opinion string) applicationJSON {
		t.Helper()
		w := c.postJSON(path+"/actions", map[string]any{"action": action, "opinion": opinion})
		wantStatus(t, action+" "+path, w, http.StatusOK)
		var a applicationJSON
		decode(t, w, &a)
		return a
	}
	if a := act(districtA, spath, "approve", "保单数据属实，同意上报。"); a.Stage != "review" {
		t.Fatalf("after the district: %s", a.Stage)
	}
	wantError(t, "approve before scoring", reviewer.postJSON(spath+"/actions", map[string]any{"action": "approve", "opinion": "同意"}),
		http.StatusUnprocessableEntity, "not_scored")
	wantError(t, "a score over 100", reviewer.postJSON(spath+"/scores", map[string]any{"score": 101}), http.StatusUnprocessableEntity, "invalid")
	wantStatus(t, "score", reviewer.postJSON(spath+"/scores", map[string]any{"score": 85.5}), http.StatusOK)
	if a := act(reviewer, spath, "approve", "评审通过。"); a.Stage != "allocation" {
		t.Fatalf("after the review: %s", a.Stage)
	}

	// The buyer's reward: applied for, materials attached, submitted, confirmed.
	w = buyer.postJSON("/api/v1/applications", map[string]any{"round_id": rewardRound.ID, "product_id": env.product.ID,
		"contract_date": "2026-03-10", "paid_yuan": "12000000.00", "buyer_name": "重庆轨道交通（集团）有限公司"})
	wantStatus(t, "apply for the reward", w, http.StatusCreated)
	var reward applicationJSON
	decode(t, w, &reward)
	if reward.Stage != "draft" || reward.Number == "" || !reward.Eligible || reward.MaxAmount <= 0 || len(reward.Explanation) == 0 {
		t.Fatalf("reward application: %s", w.Body.String())
	}
	out.reward = reward.ID
	rpath := fmt.Sprintf("/api/v1/applications/%d", reward.ID)
	wantError(t, "submit without materials", buyer.postJSON(rpath+"/actions", map[string]any{"action": "submit"}),
		http.StatusUnprocessableEntity, "missing_material")
	for _, item := range []string{"采购合同", "付款发票", "验收报告"} {
		wantStatus(t, "attach "+item, buyer.upload(rpath+"/attachments", item, item+".pdf", testPDF(item)), http.StatusCreated)
	}
	w = buyer.get(rpath)
	var withAtt struct {
		Attachments []firstset.Attachment `json:"attachments"`
	}
	decode(t, w, &withAtt)
	if len(withAtt.Attachments) != 3 {
		t.Fatalf("attachments: %s", w.Body.String())
	}
	w = buyer.get(fmt.Sprintf("%s/attachments/%d", rpath, withAtt.Attachments[0].ID))
	wantStatus(t, "download a material", w, http.StatusOK)
	if a := act(buyer, rpath, "submit", ""); a.Stage != "confirmation" || a.NextRole != "enterprise" {
		t.Fatalf("submitted reward: %+v", a)
	}
	wantError(t, "a second reward for the product", buyer.postJSON("/api/v1/applications", map[string]any{"round_id": rewardRound.ID,
		"product_id": env.product.ID, "contract_date": "2026-03-10", "paid_yuan": "1000.00"}), http.StatusConflict, firstset.ECONFLICT)
	if w := buyer.postJSON("/api/v1/applications", map[string]any{"round_id": rewardRound.ID, "product_id": env.product.ID,
		"contract_date": "2026-03-10", "paid_yuan": "1000.00"}); !strings.Contains(w.Body.String(), reward.Number) {
		t.Fatalf("the refusal does not name %s: %s", reward.Number, w.Body.String())
	}
	if a := act(entA, rpath, "confirm", "确认首购首用属实。"); a.Stage != "district_review" {
		t.Fatalf("after the manufacturer: %s", a.Stage)
	}
	act(districtA, rpath, "approve", "同意上报。")
	wantStatus(t, "score the reward", reviewer.postJSON(rpath+"/scores", map[string]any{"score": "90"}), http.StatusOK)
	act(reviewer, rpath, "approve", "评审通过。")

	// From outside: the other enterprise and the public.
	wantError(t, "another enterprise's application", entB.get(spath), http.StatusNotFound, firstset.ENOTFOUND)
	wantError(t, "another enterprise's reward", entB.get(rpath), http.StatusNotFound, firstset.ENOTFOUND)
	wantError(t, "the public lists applications", public.get("/api/v1/applications"), http.StatusUnauthorized, firstset.EUNAUTHORIZED)
	wantError(t, "the public reads the ledger", public.get("/api/v1/ledger"), http.StatusUnauthorized, firstset.EUNAUTHORIZED)
	wantError(t, "results before approval", public.get(fmt.Sprintf("/api/v1/incentive-rounds/%d/results", subsidyRound.ID)),
		http.StatusNotFound, firstset.ENOTFOUND)

	// After the rounds close: allocated, sent back once, allocated again, approved.
	wantError(t, "allocate before the round closes", reviewer.postJSON(fmt.Sprintf("/api/v1/incentive-rounds/%d/allocate", subsidyRound.ID), map[string]any{}),
		http.StatusConflict, firstset.EWRONGSTAGE)
	env.at("2026-09-01")
	type allocationJSON struct {
		Allocations []struct {
			ApplicationID int64     `json:"application_id"`
			Rank          int       `json:"rank"`
			Amount        money.Fen `json:"amount_yuan"`
			Reason        string    `json:"reason"`
		} `json:"allocations"`
		Total  money.Fen `json:"total_yuan"`
		Status string    `json:"status"`
	}
	allocate := func(id int64) allocationJSON {
		t.Helper()
		w := reviewer.postJSON(fmt.Sprintf("/api/v1/incentive-rounds/%d/allocate", id), map[string]any{})
		wantStatus(t, "allocate", w, http.StatusOK)
		var a allocationJSON
		decode(t, w, &a)
		if len(a.Allocations) != 1 || a.Allocations[0].Rank != 1 || a.Status != firstset.RoundProposed {
			t.Fatalf("allocation: %s", w.Body.String())
		}
		return a
	}
	al := allocate(subsidyRound.ID)
	if al.Allocations[0].ApplicationID != subsidy || al.Allocations[0].Amount != calc.Total || al.Total != calc.Total ||
		al.Allocations[0].Reason != "FUNDED" {
		t.Fatalf("subsidy allocation: %+v", al)
	}
	wantError(t, "send back without a reason", finance.postJSON(fmt.Sprintf("/api/v1/incentive-rounds/%d/send-back", subsidyRound.ID),
		map[string]any{}), http.StatusUnprocessableEntity, "required")
	w = finance.postJSON(fmt.Sprintf("/api/v1/incentive-rounds/%d/send-back", subsidyRound.ID), map[string]any{"opinion": "请核对保费发票后重新分配。"})
	wantStatus(t, "send back", w, http.StatusOK)
	var sentBack roundJSON
	decode(t, w, &sentBack)
	if sentBack.Status != firstset.RoundOpen || sentBack.FrozenAt == nil {
		t.Fatalf("sent back: %s", w.Body.String())
	}
	wantError(t, "approve a round sent back", finance.postJSON(fmt.Sprintf("/api/v1/incentive-rounds/%d/approve", subsidyRound.ID), map[string]any{}),
		http.StatusConflict, firstset.EWRONGSTAGE)
	wantError(t, "edit a frozen round", finance.sendJSON(http.MethodPut, fmt.Sprintf("/api/v1/incentive-rounds/%d", subsidyRound.ID),
		map[string]any{"kind": firstset.IncentiveSubsidy, "year": 2026, "budget_yuan": "6000000.00", "opens_on": "2026-08-01", "closes_on": "2026-08-31"}, nil),
		http.StatusConflict, firstset.ECONFLICT)
	allocate(subsidyRound.ID)
	wantStatus(t, "read the allocation", finance.get(fmt.Sprintf("/api/v1/incentive-rounds/%d/allocation", subsidyRound.ID)), http.StatusOK)
	// The approval's body may be left out.
	w = finance.request(http.MethodPost, fmt.Sprintf("/api/v1/incentive-rounds/%d/approve", subsidyRound.ID), nil, nil)
	wantStatus(t, "approve with no body", w, http.StatusOK)
	rew := allocate(rewardRound.ID)
	if rew.Allocations[0].ApplicationID != reward.ID || rew.Allocations[0].Amount != reward.MaxAmount {
		t.Fatalf("reward allocation: %+v (max %s)", rew, reward.MaxAmount)
	}
	wantStatus(t, "approve the rewards", finance.postJSON(fmt.Sprintf("/api/v1/incentive-rounds/%d/approve", rewardRound.ID),
		map[string]any{"opinion": "同意。"}), http.StatusOK)

	// The public notice lists both.
	for _, x := range []struct {
		round  int64
		number string
		amount money.Fen
	}{{subsidyRound.ID, confirmed.Application.Number, calc.Total}, {rewardRound.ID, reward.Number, reward.MaxAmount}} {
		w = public.get(fmt.Sprintf("/api/v1/incentive-rounds/%d/results", x.round))
		wantStatus(t, "results", w, http.StatusOK)
		var res struct {
			Round roundJSON             `json:"round"`
			Items []firstset.ResultLine `json:"items"`
			Total money.Fen             `json:"total_yuan"`
		}
		decode(t, w, &res)
		if len(res.Items) != 1 || res.Items[0].Number != x.number || res.Total != x.amount || res.Round.NoticeEndsOn.IsZero() {
			t.Fatalf("results: %s", w.Body.String())
		}
		if x.round == subsidyRound.ID {
			// Payments wait for the notice's end.
			wantError(t, "pay during the notice", finance.postJSON("/api/v1/disbursements", map[string]any{"application_id": subsidy,
				"amount_yuan": "1.00", "paid_on": env.today(), "voucher": "V-0"}), http.StatusConflict, firstset.EWRONGSTAGE)
			env.clock = res.Round.NoticeEndsOn.AddDays(1).Time().Add(10 * time.Hour)
		}
	}

	// Paid in two parts; a payment over the allocation is refused.
	half := calc.Total / 2
	pay := func(app int64, amount money.Fen, voucher string) *httptest.ResponseRecorder {
		return finance.postJSON("/api/v1/disbursements", map[string]any{"application_id": app, "amount_yuan": amount,
			"paid_on": env.today(), "voucher": voucher, "bank_reference": "BR-" + voucher})
	}
	wantStatus(t, "pay the first part", pay(subsidy, half, "V-1"), http.StatusCreated)
	w = entA.get(spath)
	var a applicationJSON
	decode(t, w, &a)
	if a.Stage != "partially_paid" || a.Disbursed != half || len(a.Disbursements) != 1 {
		t.Fatalf("after the first part: %s", w.Body.String())
	}
	ledger := func(c *client, query string) ledgerJSON {
		t.Helper()
		w := c.get("/api/v1/ledger?" + query)
		wantStatus(t, "ledger "+query, w, http.StatusOK)
		var l ledgerJSON
		decode(t, w, &l)
		return l
	}
	before := ledger(finance, "")
	w = pay(subsidy, calc.Total-half+1, "V-X")
	wantError(t, "pay over the allocation", w, http.StatusUnprocessableEntity, "over_allocation")
	var refusal struct {
		Error struct {
			Field string `json:"field"`
		} `json:"error"`
	}
	decode(t, w, &refusal)
	if refusal.Error.Field != "amount_yuan" {
		t.Fatalf("the refusal names %q, want amount_yuan", refusal.Error.Field)
	}
	if after := ledger(finance, ""); after.Total != before.Total || after.TotalPaid != before.TotalPaid {
		t.Fatalf("a refused payment changed the ledger: %+v → %+v", before, after)
	}
	wantStatus(t, "pay the rest", pay(subsidy, calc.Total-half, "V-2"), http.StatusCreated)
	wantStatus(t, "pay the reward", pay(reward.ID, reward.MaxAmount, "V-3"), http.StatusCreated)
	for _, x := range []struct {
		path  string
		c     *client
		total money.Fen
	}{{spath, entA, calc.Total}, {rpath, buyer, reward.MaxAmount}} {
		decode(t, x.c.get(x.path), &a)
		if a.Stage != "paid" || a.Disbursed != x.total {
			t.Fatalf("%s: stage %s, paid %s", x.path, a.Stage, a.Disbursed)
		}
	}

	// The ledger's views agree.
	all := calc.Total + reward.MaxAmount
	for _, q := range []string{fmt.Sprintf("product_id=%d", env.product.ID), fmt.Sprintf("enterprise_id=%d", env.entA.ID), ""} {
		if l := ledger(finance, q); l.TotalPaid != all || l.Total != 3 {
			t.Fatalf("ledger %q: %d payments, %s paid, want 3 and %s", q, l.Total, l.TotalPaid, all)
		}
	}
	if l := ledger(finance, fmt.Sprintf("round_id=%d", subsidyRound.ID)); l.TotalPaid != calc.Total || l.Total != 2 {
		t.Fatalf("ledger of the subsidy round: %+v", l)
	}
	if l := ledger(finance, "year=2026&kind="+firstset.IncentiveReward); l.TotalPaid != reward.MaxAmount {
		t.Fatalf("ledger of the rewards: %+v", l)
	}
	if l := ledger(entA, ""); l.TotalPaid != all {
		t.Fatalf("the enterprise's ledger: %+v", l)
	}
	if l := ledger(buyer, ""); l.TotalPaid != reward.MaxAmount || l.Total != 1 {
		t.Fatalf("the buyer's ledger: %+v", l)
	}
	if l := ledger(entB, fmt.Sprintf("product_id=%d", env.product.ID)); l.Total != 0 || l.TotalPaid != 0 {
		t.Fatalf("another enterprise sees the ledger: %+v", l)
	}
	for _, by := range []string{"product", "enterprise", "round", "year"} {
		w := finance.get("/api/v1/ledger/summary?by=" + by)
		wantStatus(t, "summary by "+by, w, http.StatusOK)
		var sum struct {
			Items []firstset.LedgerSummary `json:"items"`
		}
		decode(t, w, &sum)
		var total money.Fen
		for _, s := range sum.Items {
			total += s.Paid
		}
		if total != all {
			t.Fatalf("summary by %s totals %s, want %s: %s", by, total, all, w.Body.String())
		}
	}

	// The stored result replays unchanged.
	for _, p := range []string{spath, rpath} {
		w = entA.get(p + "/replay")
		wantStatus(t, "replay", w, http.StatusOK)
		var rp firstset.Replay
		decode(t, w, &rp)
		if !rp.Unchanged || rp.MaxAmount != rp.StoredMax {
			t.Fatalf("replay of %s: %s", p, w.Body.String())
		}
	}
	return out
}

// exerciseIncentiveExtras calls what the journey does not: listings,
// edits, a declined offer and a recomputation, an attachment removed,
// experts drawn for a round that uses them, and the ledger's export.
func exerciseIncentiveExtras(t *testing.T, env *incentiveEnv, res incentiveResult) {
	t.Helper()
	finance, reviewer, admin := env.api("finance"), env.api("reviewer"), env.api("admin")
	entA, entB, buyer, districtB := env.api("ent-a"), env.api("ent-b"), env.api("buyer"), env.api("district-b")

	wantStatus(t, "rounds", entA.get("/api/v1/incentive-rounds?kind=premium_subsidy&year=2026"), http.StatusOK)
	wantStatus(t, "round", buyer.get(fmt.Sprintf("/api/v1/incentive-rounds/%d", res.rewardRound)), http.StatusOK)
	wantStatus(t, "applications", reviewer.get(fmt.Sprintf("/api/v1/applications?kind=premium_subsidy&round_id=%d&stage=paid", res.subsidyRound)), http.StatusOK)
	w := finance.get("/api/v1/applications?waiting=true&offset=0&limit=10")
	wantStatus(t, "to-do", w, http.StatusOK)
	wantStatus(t, "members", entA.get("/api/v1/consortium/memberships"), http.StatusOK)
	wantStatus(t, "recompute", admin.postJSON("/api/v1/subsidy-offers/recompute", map[string]any{}), http.StatusOK)
	w = finance.get("/api/v1/ledger/export?year=2026")
	wantStatus(t, "ledger export", w, http.StatusOK)
	if !strings.HasPrefix(w.Body.String(), "PK") {
		t.Fatalf("the export is not a workbook")
	}

	// A later round, scored by drawn experts: edited before it freezes,
	// a reward applied for, a material removed, the experts drawn.
	env.at("2026-10-12")
	w = finance.postJSON("/api/v1/incentive-rounds", map[string]any{"kind": firstset.IncentiveReward, "year": 2026, "title": "2026年度补充批次",
		"budget_yuan": "3000000.00", "pass_score": "70", "uses_experts": true, "opens_on": "2026-10-01", "closes_on": "2026-11-30"})
	wantStatus(t, "a supplementary round", w, http.StatusCreated)
	var extra roundJSON
	decode(t, w, &extra)
	w = finance.sendJSON(http.MethodPut, fmt.Sprintf("/api/v1/incentive-rounds/%d", extra.ID), map[string]any{"kind": firstset.IncentiveReward,
		"year": 2026, "title": "2026年度补充批次", "budget_yuan": "4000000.00", "method": "pro_rata", "pass_score": 65,
		"uses_experts": true, "opens_on": "2026-10-01", "closes_on": "2026-11-30"}, nil)
	wantStatus(t, "edit the round", w, http.StatusOK)
	w = buyer.postJSON("/api/v1/applications", map[string]any{"round_id": extra.ID, "product_id": env.other.ID,
		"contract_date": "2026-02-01", "paid_yuan": "5000000.00"})
	wantStatus(t, "apply", w, http.StatusCreated)
	var app applicationJSON
	decode(t, w, &app)
	path := fmt.Sprintf("/api/v1/applications/%d", app.ID)
	wantStatus(t, "rewrite the contract", buyer.sendJSON(http.MethodPut, path, map[string]any{"contract_date": "2026-02-01",
		"paid_yuan": "6000000.00", "buyer_name": "重庆某医院"}, nil), http.StatusOK)
	w = buyer.upload(path+"/attachments", "其他材料", "其他.pdf", testPDF("其他材料"))
	wantStatus(t, "attach", w, http.StatusCreated)
	var att firstset.Attachment
	decode(t, w, &att)
	wantError(t, "another enterprise removes it", entB.request(http.MethodDelete, fmt.Sprintf("%s/attachments/%d", path, att.ID), nil, nil),
		http.StatusNotFound, firstset.ENOTFOUND)
	wantStatus(t, "remove", buyer.request(http.MethodDelete, fmt.Sprintf("%s/attachments/%d", path, att.ID), nil, nil), http.StatusNoContent)
	for _, item := range []string{"采购合同", "付款发票", "验收报告"} {
		wantStatus(t, "attach "+item, buyer.upload(path+"/attachments", item, item+".pdf", testPDF("extra"+item)), http.StatusCreated)
	}
	wantStatus(t, "submit", buyer.postJSON(path+"/actions", map[string]any{"action": "submit"}), http.StatusOK)
	wantStatus(t, "confirm", entB.postJSON(path+"/actions", map[string]any{"action": "confirm", "opinion": "属实"}), http.StatusOK)
	wantStatus(t, "district", districtB.postJSON(path+"/actions", map[string]any{"action": "approve", "opinion": "同意"}), http.StatusOK)
	wantError(t, "the reviewer scores a round of experts", reviewer.postJSON(path+"/scores", map[string]any{"score": 80}),
		http.StatusForbidden, firstset.EFORBIDDEN)
	w = reviewer.postJSON(path+"/experts/draw", map[string]any{"seed": "2026-奖励-补充"})
	wantStatus(t, "draw", w, http.StatusOK)
	var draw firstset.Draw
	decode(t, w, &draw)
	if len(draw.Experts) == 0 {
		t.Fatalf("draw: %s", w.Body.String())
	}
	wantStatus(t, "an expert scores", env.api(draw.Experts[0].Username).postJSON(path+"/scores", map[string]any{"score": 88}), http.StatusOK)

	// A 2027 subsidy round: enterprise B's insurer data is offered, and declined.
	w = finance.postJSON("/api/v1/incentive-rounds", map[string]any{"kind": firstset.IncentiveSubsidy, "year": 2027,
		"budget_yuan": "3000000.00", "opens_on": "2026-10-01", "closes_on": "2027-08-31"})
	wantStatus(t, "a 2027 subsidy round", w, http.StatusCreated)
	var next roundJSON
	decode(t, w, &next)
	wantStatus(t, "insure B's product", env.api("insurer").postJSON("/api/v1/insurance/policies", map[string]any{"policy_number": "PB-2026-001",
		"product_id": env.other.ID, "start": "2026-07-01", "end": "2027-06-30", "insured_amount_yuan": "10000000.00", "premium_yuan": "300000.00"}),
		http.StatusCreated)
	wantStatus(t, "recompute", finance.postJSON("/api/v1/subsidy-offers/recompute", map[string]any{}), http.StatusOK)
	w = entB.get(fmt.Sprintf("/api/v1/subsidy-offers?round_id=%d&state=offered", next.ID))
	var offers struct {
		Items []offerJSON `json:"items"`
	}
	decode(t, w, &offers)
	if len(offers.Items) != 1 {
		t.Fatalf("offers of the 2027 round: %s", w.Body.String())
	}
	w = entB.postJSON(fmt.Sprintf("/api/v1/subsidy-offers/%d/decline", offers.Items[0].ID), map[string]any{"reason": "本年度不申请。"})
	wantStatus(t, "decline", w, http.StatusOK)
	var declined offerJSON
	decode(t, w, &declined)
	if declined.State != firstset.OfferDeclined {
		t.Fatalf("declined: %s", w.Body.String())
	}
}
