package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"firstset"
	"firstset/date"
	"firstset/money"
)

// incentiveConfig is what the allocate and ledger modes are told by their
// flags.
type incentiveConfig struct {
	reviewer, reviewerToken string // user:password, or a token
	finance, financeToken   string
	round                   int64
	runs                    int
	approve                 bool
	ledgerBy                string // mix, product, enterprise or round
}

// roundAnswer is a round as the report needs it.
type roundAnswer struct {
	ID       int64     `json:"id"`
	Title    string    `json:"title"`
	Status   string    `json:"status"`
	Budget   money.Fen `json:"budget_yuan"`
	ClosesOn date.Date `json:"closes_on"`
}

// allocationAnswer is what the allocation's requests answer, as far as
// the report needs it.
type allocationAnswer struct {
	RoundID     int64     `json:"round_id"`
	Status      string    `json:"status"`
	Budget      money.Fen `json:"budget_yuan"`
	Total       money.Fen `json:"total_yuan"`
	Allocations []struct {
		Amount money.Fen `json:"amount_yuan"`
	} `json:"allocations"`
}

func (a *allocationAnswer) describe() string {
	funded := 0
	for _, l := range a.Allocations {
		if l.Amount > 0 {
			funded++
		}
	}
	return fmt.Sprintf("%d lines, %d funded, total %s of budget %s yuan, status %s", len(a.Allocations), funded,
		a.Total.Grouped(), a.Budget.Grouped(), a.Status)
}

// runAllocate times a round's allocation end to end over the API: the
// reviewer's POST …/allocate, the proposal read back (GET …/allocation)
// and finance's send-back, -runs times, then finance's approval of the
// last proposal (unless -approve=false) and the approved allocation read
// back. The round is -round, or the closed, unapproved round with the most
// applications at the allocation stage (firstset seed --applications). With
// -runs 0 a proposal waiting for finance is approved as it stands.
func runAllocate(ctx context.Context, api *apiClient, cfg incentiveConfig) int {
	reviewer, err := tokenFor(api.base, cfg.reviewerToken, cfg.reviewer, firstset.RoleReviewer)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen: reviewer:", err)
		return 1
	}
	finance, err := tokenFor(api.base, cfg.financeToken, cfg.finance, firstset.RoleFinance)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen: finance:", err)
		return 1
	}
	st := newStats()
	r, waiting, err := allocationRound(ctx, api, st, reviewer, cfg.round)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		st.printFailures(os.Stderr)
		return 1
	}
	fmt.Printf("mode=allocate round=%d %q budget=%s yuan status=%s closes_on=%s applications at allocation=%d runs=%d approve=%v\n",
		r.ID, r.Title, r.Budget.Grouped(), r.Status, r.ClosesOn, waiting, cfg.runs, cfg.approve)
	path := fmt.Sprintf("/api/v1/incentive-rounds/%d", r.ID)
	sendBack := func(kind string) error {
		return api.call(ctx, st, kind, finance, "POST", path+"/send-back", map[string]string{"opinion": "压测：退回重新分配。"}, nil)
	}
	if r.Status == firstset.RoundProposed && cfg.runs > 0 {
		// A proposal left by an earlier run: back to the reviewer first.
		if err := sendBack("send-back (before)"); err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			return 1
		}
	}
	timed := func(kind string, fn func() error) (time.Duration, error) {
		t0 := time.Now()
		err := fn()
		return time.Since(t0), err
	}
	failed := false
	for i := 1; i <= cfg.runs && !failed; i++ {
		var res, read allocationAnswer
		dAlloc, err := timed("allocate", func() error { return api.call(ctx, st, "allocate", reviewer, "POST", path+"/allocate", nil, &res) })
		if err != nil {
			failed = true
			break
		}
		dRead, err := timed("allocation", func() error { return api.call(ctx, st, "allocation", reviewer, "GET", path+"/allocation", nil, &read) })
		if err != nil || len(read.Allocations) != len(res.Allocations) || read.Total != res.Total {
			fmt.Printf("  run %d: the allocation read back differs: %s against %s (%v)\n", i, read.describe(), res.describe(), err)
			failed = true
			break
		}
		line := fmt.Sprintf("  run %d: allocate %s (%s), allocation read %s", i, round(dAlloc), res.describe(), round(dRead))
		if i < cfg.runs || !cfg.approve {
			d, err := timed("send-back", func() error { return sendBack("send-back") })
			if err != nil {
				failed = true
			}
			line += fmt.Sprintf(", send-back %s", round(d))
		}
		fmt.Println(line)
	}
	if !failed && cfg.approve && (cfg.runs > 0 || r.Status == firstset.RoundProposed) {
		var res, read allocationAnswer
		d, err := timed("approve", func() error {
			return api.call(ctx, st, "approve", finance, "POST", path+"/approve", map[string]string{"opinion": "经审核，同意分配方案。"}, &res)
		})
		if err == nil {
			dRead, err := timed("allocation (approved)", func() error {
				return api.call(ctx, st, "allocation (approved)", finance, "GET", path+"/allocation", nil, &read)
			})
			if err == nil {
				fmt.Printf("  approve %s (%s), allocation read %s\n", round(d), res.describe(), round(dRead))
			}
		}
	}
	for _, kind := range st.order {
		fmt.Printf("  %-22s %s\n", kind, st.line(kind))
	}
	st.printFailures(os.Stdout)
	if st.errors() > 0 || failed {
		return 1
	}
	return 0
}

// allocationRound is round id, or the closed round not yet approved with
// the most applications at the allocation stage, and how many it has.
func allocationRound(ctx context.Context, api *apiClient, st *stats, token string, id int64) (*roundAnswer, int, error) {
	var list struct {
		Items []*roundAnswer `json:"items"`
	}
	if err := api.call(ctx, st, "setup", token, "GET", "/api/v1/incentive-rounds", nil, &list); err != nil {
		return nil, 0, err
	}
	today := date.Today()
	var best *roundAnswer
	most := -1
	for _, r := range list.Items {
		if id != 0 && r.ID != id {
			continue
		}
		if id == 0 && (r.Status == firstset.RoundApproved || !r.ClosesOn.Before(today)) {
			continue
		}
		var page struct {
			Total int `json:"total"`
		}
		if err := api.call(ctx, st, "setup", token, "GET",
			fmt.Sprintf("/api/v1/applications?round_id=%d&stage=allocation&per_page=1", r.ID), nil, &page); err != nil {
			return nil, 0, err
		}
		if page.Total > most {
			best, most = r, page.Total
		}
	}
	if best == nil || most <= 0 {
		if id != 0 {
			return nil, 0, fmt.Errorf("round %d not found, or none of its applications is at the allocation stage", id)
		}
		return nil, 0, fmt.Errorf("no closed, unapproved round has applications at the allocation stage (firstset seed --applications N makes one)")
	}
	return best, most, nil
}

// ledgerRequest sends GET /api/v1/ledger (page 1, 50 a page) filtered by a
// product, an enterprise or a round that has payments, drawn at random
// (from i, so every run sends the same requests): by is one of them, or
// mix for a third of each. The keys come from the ledger's own summaries.
func ledgerRequest(ctx context.Context, base, token, by string) (func(int) *http.Request, error) {
	api := &apiClient{base: strings.TrimRight(base, "/"), client: &http.Client{Timeout: time.Minute}}
	kinds := []string{"product", "enterprise", "round"}
	if by != "mix" {
		if !slices.Contains(kinds, by) {
			return nil, fmt.Errorf("-ledger-by must be mix, product, enterprise or round")
		}
		kinds = []string{by}
	}
	keys := map[string][]string{}
	for _, k := range kinds {
		var sum struct {
			Items []firstset.LedgerSummary `json:"items"`
		}
		if err := api.call(ctx, nil, "setup", token, "GET", "/api/v1/ledger/summary?by="+k, nil, &sum); err != nil {
			return nil, err
		}
		var payments int
		for _, s := range sum.Items {
			if s.Count > 0 {
				keys[k] = append(keys[k], s.Key)
				payments += s.Count
			}
		}
		if len(keys[k]) == 0 {
			return nil, fmt.Errorf("the ledger has no payments (firstset seed --payments N makes some)")
		}
		fmt.Printf("ledger: %d %ss with %d payments\n", len(keys[k]), k, payments)
	}
	return func(i int) *http.Request {
		r := rand.New(rand.NewPCG(uint64(i), 11))
		k := kinds[r.IntN(len(kinds))]
		list := keys[k]
		q := url.Values{k + "_id": {list[r.IntN(len(list))]}}
		req, _ := http.NewRequest("GET", base+"/api/v1/ledger?"+q.Encode(), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		return req
	}, nil
}
