package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"firstset"
	"firstset/creditcode"
	"firstset/date"
	"firstset/district"
)

// recognitionConfig is what the recognition modes are told by their flags.
type recognitionConfig struct {
	cases, warmup, workers int
	enterprises, districts int
	experts, rounds        int
	noticeSize             int
	order                  string // stages or journey
	distinctFiles          bool
	attachBytes            int
	statePath              string
	publishedOn            string
	adminToken, reviewerTk string
	admin, reviewer        string // user:password, when no token is given
}

// recognitionState is what phase one leaves for phase two (publication
// on a server whose clock is past the notices' end).
type recognitionState struct {
	URL           string    `json:"url"`
	Prefix        string    `json:"prefix"`
	ReviewerToken string    `json:"reviewer_token"`
	Rounds        []int64   `json:"rounds"`
	Cases         int       `json:"cases"`
	Proposed      int       `json:"on_notice"`
	Notices       []int64   `json:"notices"`
	NoticeEndsOn  date.Date `json:"notice_ends_on"`
}

// recognitionSetup is the people and things phase one creates through the
// API before any case is declared.
type recognitionSetup struct {
	prefix, password string
	admin, reviewer  string // tokens
	categoryID       int64
	today            date.Date
	enterprises      []setupEnterprise
	districtToken    map[string]string
	expertToken      map[string]string // by username
	products         []int64           // product i belongs to enterprise i % len(enterprises)
	rounds           []*firstset.Round
	required         []string // the rounds' required checklist items
}

type setupEnterprise struct {
	id       int64
	district string
	username string
	token    string
}

// caseState is one case on its way.
type caseState struct {
	index   int // among every case of the run, warm-up included
	id      int64
	product int64
	ent     int
	round   int64
	experts []string
	failed  bool
}

// recognitionStage is one step of the journey for one case; it returns
// false if the case failed.
type recognitionStage struct {
	name string
	do   func(ctx context.Context, st *stats, i int, c *caseState) bool
}

func runRecognition(ctx context.Context, api *apiClient, cfg recognitionConfig) int {
	start := time.Now()
	setup, err := setupRecognition(ctx, api, cfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen: setup:", err)
		return 1
	}
	fmt.Printf("setup: %d enterprises in %d districts, %d experts, %d products, %d round(s), prefix %s, in %s\n",
		len(setup.enterprises), len(setup.districtToken), len(setup.expertToken), len(setup.products), len(setup.rounds),
		setup.prefix, time.Since(start).Round(time.Millisecond))

	all := make([]*caseState, cfg.warmup+cfg.cases)
	for i := range all {
		all[i] = &caseState{index: i, product: setup.products[i], ent: i % len(setup.enterprises), round: setup.rounds[i%len(setup.rounds)].ID}
	}
	var notices []*firstset.Notice
	var noticeMu sync.Mutex
	addNotice := func(n *firstset.Notice) {
		noticeMu.Lock()
		notices = append(notices, n)
		noticeMu.Unlock()
	}
	stages := setup.stages(api, cfg)
	if cfg.warmup > 0 {
		warm := newStats()
		el := runStages(ctx, api, setup, cfg, stages, all[:cfg.warmup], warm, nil, addNotice)
		fmt.Printf("warm-up: %d cases through every stage in %s, not counted (errors %d)\n", cfg.warmup, el.Round(time.Millisecond), warm.errors())
		warm.printFailures(os.Stdout)
	}
	warmNotices := len(notices)
	measured := all[cfg.warmup:]
	st := newStats()
	fmt.Printf("mode=recognition order=%s cases=%d workers=%d enterprises=%d districts=%d experts=%d notice-size=%d distinct-files=%v\n",
		cfg.order, cfg.cases, cfg.workers, cfg.enterprises, len(setup.districtToken), cfg.experts, cfg.noticeSize, cfg.distinctFiles)
	var elapsed time.Duration
	if cfg.order == "journey" {
		elapsed = runJourney(ctx, api, setup, cfg, stages, measured, st, addNotice)
		for _, s := range stages {
			fmt.Printf("  %-14s %s\n", s.name, st.line(s.name))
		}
		fmt.Printf("  %-14s %s\n", "notice", st.line("notice"))
	} else {
		elapsed = runStages(ctx, api, setup, cfg, stages, measured, st, os.Stdout, addNotice)
	}
	done := 0
	for _, n := range notices[warmNotices:] {
		done += len(n.CaseIDs)
	}
	fmt.Printf("whole journey (declare … notice): %d cases in %s = %.1f cases/s; %d calls failed, %d cases left behind\n",
		done, elapsed.Round(time.Millisecond), float64(done)/elapsed.Seconds(), st.errors(), cfg.cases-done)
	st.printFailures(os.Stdout)

	state := recognitionState{URL: api.base, Prefix: setup.prefix, ReviewerToken: setup.reviewer, Cases: cfg.cases + cfg.warmup}
	for _, r := range setup.rounds {
		state.Rounds = append(state.Rounds, r.ID)
	}
	for _, n := range notices {
		state.Notices = append(state.Notices, n.ID)
		state.Proposed += len(n.CaseIDs)
		state.NoticeEndsOn = date.Max(state.NoticeEndsOn, n.EndsOn)
	}
	if err := writeState(cfg.statePath, &state); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		return 1
	}
	fmt.Printf("%d cases on %d notices ending by %s; state in %s. For phase two restart the server with --demo --now %s and run -mode recognition-publish -state %s\n",
		state.Proposed, len(notices), state.NoticeEndsOn, cfg.statePath, state.NoticeEndsOn.AddDays(1), cfg.statePath)
	if st.errors() > 0 {
		return 1
	}
	return 0
}

func writeState(path string, s *recognitionState) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o600)
}

// runStages takes every case through one stage after another, each stage
// with all the workers, and prints each stage's rate (w nil: nothing).
func runStages(ctx context.Context, api *apiClient, setup *recognitionSetup, cfg recognitionConfig, stages []recognitionStage,
	list []*caseState, st *stats, w io.Writer, addNotice func(*firstset.Notice)) time.Duration {
	var total time.Duration
	report := func(name string, n int, el time.Duration) {
		total += el
		if w != nil {
			fmt.Fprintf(w, "  %-14s cases=%-5d elapsed=%-9s cases/s=%-7.1f %s\n", name, n, el.Round(time.Millisecond),
				float64(n)/el.Seconds(), st.line(name))
		}
	}
	for _, s := range stages {
		el := parallel(len(list), cfg.workers, func(i int) {
			c := list[i]
			if !c.failed && !s.do(ctx, st, i, c) {
				c.failed = true
			}
		})
		report(s.name, alive(list), el)
	}
	var ids []int64
	for _, c := range list {
		if !c.failed {
			ids = append(ids, c.id)
		}
	}
	batches := chunk(ids, cfg.noticeSize)
	el := parallel(len(batches), cfg.workers, func(i int) {
		if n := setup.notice(ctx, api, st, batches[i]); n != nil {
			addNotice(n)
		}
	})
	report("notice", len(ids), el)
	return total
}

// runJourney has each worker take one case at a time through every stage;
// a notice is made whenever enough cases are proposed, and of the rest at
// the end.
func runJourney(ctx context.Context, api *apiClient, setup *recognitionSetup, cfg recognitionConfig, stages []recognitionStage,
	list []*caseState, st *stats, addNotice func(*firstset.Notice)) time.Duration {
	var mu sync.Mutex
	var pending []int64
	start := time.Now()
	parallel(len(list), cfg.workers, func(i int) {
		c := list[i]
		for _, s := range stages {
			if !s.do(ctx, st, i, c) {
				c.failed = true
				return
			}
		}
		mu.Lock()
		pending = append(pending, c.id)
		var batch []int64
		if len(pending) >= cfg.noticeSize {
			batch, pending = pending, nil
		}
		mu.Unlock()
		if batch != nil {
			if n := setup.notice(ctx, api, st, batch); n != nil {
				addNotice(n)
			}
		}
	})
	if len(pending) > 0 {
		if n := setup.notice(ctx, api, st, pending); n != nil {
			addNotice(n)
		}
	}
	return time.Since(start)
}

func alive(list []*caseState) int {
	n := 0
	for _, c := range list {
		if !c.failed {
			n++
		}
	}
	return n
}

func chunk(ids []int64, size int) [][]int64 {
	var out [][]int64
	for len(ids) > 0 {
		n := min(size, len(ids))
		out = append(out, ids[:n])
		ids = ids[n:]
	}
	return out
}

// notice puts a batch of proposed cases on a notice starting today.
func (s *recognitionSetup) notice(ctx context.Context, api *apiClient, st *stats, ids []int64) *firstset.Notice {
	var n firstset.Notice
	if err := api.call(ctx, st, "notice", s.reviewer, "POST", "/api/v1/notices",
		map[string]any{"case_ids": ids, "starts_on": s.today}, &n); err != nil {
		return nil
	}
	return &n
}

// samplePDF is the small PDF attached to every item unless each upload is
// to be distinct.
var samplePDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// attachment is the content of case i's item j: the sample PDF, padded to
// attachBytes, with a line naming the upload when each is distinct.
func (s *recognitionSetup) attachment(cfg recognitionConfig, i, j int) []byte {
	b := append([]byte(nil), samplePDF...)
	if cfg.distinctFiles {
		b = fmt.Appendf(b, "%% loadgen %s case %d item %d\n", s.prefix, i, j)
	}
	for len(b) < cfg.attachBytes {
		b = append(b, "% filler 0123456789abcdefghijklmnopqrstuvwxyz\n"...)
	}
	return b
}

// stages are the journey's steps after setup, as in
// web/recognition_flow_test.go without its refusals: declare, texts, the
// required materials, submit, the district's approval, formal review, the
// draw, every drawn expert's score, expert review and the on-site check.
func (s *recognitionSetup) stages(api *apiClient, cfg recognitionConfig) []recognitionStage {
	casePath := func(c *caseState) string { return "/api/v1/recognitions/" + strconv.FormatInt(c.id, 10) }
	act := func(kind string, token func(c *caseState) string, action, opinion string) recognitionStage {
		return recognitionStage{kind, func(ctx context.Context, st *stats, i int, c *caseState) bool {
			body := map[string]any{"action": action}
			if opinion != "" {
				body["opinion"] = opinion
			}
			return api.call(ctx, st, kind, token(c), "POST", casePath(c)+"/actions", body, nil) == nil
		}}
	}
	ent := func(c *caseState) string { return s.enterprises[c.ent].token }
	reviewer := func(*caseState) string { return s.reviewer }
	office := func(c *caseState) string { return s.districtToken[s.enterprises[c.ent].district] }
	return []recognitionStage{
		{"declare", func(ctx context.Context, st *stats, i int, c *caseState) bool {
			var v struct {
				ID int64 `json:"id"`
			}
			err := api.call(ctx, st, "declare", ent(c), "POST", "/api/v1/recognitions",
				map[string]any{"round_id": c.round, "product_id": c.product}, &v)
			c.id = v.ID
			return err == nil
		}},
		{"texts", func(ctx context.Context, st *stats, i int, c *caseState) bool {
			return api.call(ctx, st, "texts", ent(c), "PUT", casePath(c), map[string]any{
				"innovation_claim":     "国内首创五轴联动控制算法，突破关键核心部件的自主设计与制造。",
				"technical_comparison": "定位精度优于国内同类产品 30%，主要性能指标达到国内先进水平。",
				"first_use":            "2026年首次销售给重庆某汽车厂，运行稳定。"}, nil) == nil
		}},
		{"attach", func(ctx context.Context, st *stats, i int, c *caseState) bool {
			for j, item := range s.required {
				b := s.attachment(cfg, c.index, j)
				if api.upload(ctx, st, "attach", ent(c), casePath(c)+"/attachments", item, fmt.Sprintf("材料%d.pdf", j+1),
					strings.NewReader(string(b)), int64(len(b)), nil) != nil {
					return false
				}
			}
			return true
		}},
		act("submit", ent, "submit", ""),
		act("district", office, "approve", "材料齐全，同意上报"),
		act("formal", reviewer, "approve", "形式审查通过"),
		{"draw", func(ctx context.Context, st *stats, i int, c *caseState) bool {
			var d firstset.Draw
			if api.call(ctx, st, "draw", s.reviewer, "POST", casePath(c)+"/experts/draw",
				map[string]any{"seed": fmt.Sprintf("%s-%d", s.prefix, c.id)}, &d) != nil {
				return false
			}
			c.experts = c.experts[:0]
			for _, e := range d.Experts {
				c.experts = append(c.experts, e.Username)
			}
			return len(c.experts) > 0
		}},
		{"score", func(ctx context.Context, st *stats, i int, c *caseState) bool {
			for k, name := range c.experts {
				token, ok := s.expertToken[name]
				if !ok {
					fmt.Fprintf(os.Stderr, "loadgen: expert %s drawn for case %d has no token\n", name, c.id)
					return false
				}
				body := map[string]any{"criteria": map[string]int{"innovation": 80 + k*3, "technology": 70 + k*5,
					"reliability": 90 - k*2, "market": 60 + k*7}, "comment": "同意"}
				if api.call(ctx, st, "score", token, "POST", casePath(c)+"/scores", body, nil) != nil {
					return false
				}
			}
			return true
		}},
		act("review", reviewer, "approve", "专家评审通过"),
		act("onsite", reviewer, "approve", "现场核查：生产线与申报一致"),
	}
}

// setupRecognition creates, through the API, what the cases need: a
// category of their own (so that only the experts made here can be drawn),
// its experts, enterprises with their users and products, a district
// office for each district used, and the round(s).
func setupRecognition(ctx context.Context, api *apiClient, cfg recognitionConfig) (*recognitionSetup, error) {
	s := &recognitionSetup{districtToken: map[string]string{}, expertToken: map[string]string{}, today: date.Today()}
	var rb [6]byte
	_, _ = rand.Read(rb[:])
	s.prefix = "lg" + strconv.FormatInt(time.Now().Unix()%1e6, 36) + hex.EncodeToString(rb[:2])
	s.password = "Lg#" + hex.EncodeToString(rb[2:]) + "Qz9"
	var err error
	if s.admin, err = tokenFor(api.base, cfg.adminToken, cfg.admin, firstset.RoleAdmin); err != nil {
		return nil, fmt.Errorf("admin: %w", err)
	}
	if s.reviewer, err = tokenFor(api.base, cfg.reviewerTk, cfg.reviewer, firstset.RoleReviewer); err != nil {
		return nil, fmt.Errorf("reviewer: %w", err)
	}
	st := newStats() // setup calls, reported only when they fail
	defer st.printFailures(os.Stderr)
	var cat firstset.Category
	if err := api.call(ctx, st, "setup", s.admin, "POST", "/api/v1/categories",
		map[string]any{"name": "压测装备" + s.prefix, "sort": 900}, &cat); err != nil {
		return nil, err
	}
	s.categoryID = cat.ID

	var codes []string
	for _, d := range district.All() {
		if _, err := strconv.Atoi(d.Code); err == nil && len(d.Code) == 6 {
			codes = append(codes, d.Code)
		}
	}
	codes = codes[:min(cfg.districts, len(codes))]
	rng := mrand.New(mrand.NewPCG(uint64(time.Now().UnixNano()), 11))
	var rngMu sync.Mutex
	s.enterprises = make([]setupEnterprise, cfg.enterprises)
	var firstErr error
	var errMu sync.Mutex
	firstDone := make(chan struct{})
	fail := func(err error) {
		errMu.Lock()
		if firstErr == nil {
			firstErr = err
		}
		errMu.Unlock()
	}
	parallel(cfg.enterprises, cfg.workers, func(i int) {
		if i == 0 {
			defer close(firstDone)
		} else {
			<-firstDone
		}
		code := codes[i%len(codes)]
		rngMu.Lock()
		credit := creditcode.Generate(rng, code)
		rngMu.Unlock()
		var e firstset.Enterprise
		if err := api.call(ctx, st, "setup", s.reviewer, "POST", "/api/v1/enterprises", map[string]any{
			"name": fmt.Sprintf("重庆压测%s装备制造有限公司%04d", s.prefix, i), "credit_code": credit, "district_code": code,
			"address": fmt.Sprintf("重庆市压测工业园区%d号", i+1), "contact_name": "张工", "contact_phone": "023-65801234",
			"contact_email": fmt.Sprintf("%s-%d@example.com", s.prefix, i)}, &e); err != nil {
			fail(err)
			return
		}
		if i == 0 {
			// The server's day (a demo's clock may be moved): the round
			// opens and the notices start on it.
			s.today = date.FromTime(e.CreatedAt)
		}
		s.enterprises[i] = setupEnterprise{id: e.ID, district: code, username: fmt.Sprintf("%s-e%04d", s.prefix, i)}
	})
	if firstErr != nil {
		return nil, firstErr
	}

	// The accounts: an enterprise user each, a district office per
	// district, the experts. Creating one hashes its password, as does
	// each login below, so a few at a time.
	type account struct {
		username string
		in       map[string]any
		token    *string
	}
	var accounts []account
	for i := range s.enterprises {
		e := &s.enterprises[i]
		accounts = append(accounts, account{e.username, map[string]any{"role": "enterprise", "enterprise_id": e.id,
			"name": "压测申报专员" + strconv.Itoa(i)}, &e.token})
	}
	officeTokens := make([]string, len(codes))
	for i, code := range codes {
		accounts = append(accounts, account{s.prefix + "-d" + code, map[string]any{"role": "district", "district_code": code,
			"name": code + " 经济信息主管部门（压测）"}, &officeTokens[i]})
	}
	expertTokens := make([]string, cfg.experts)
	expertIDs := make([]int64, cfg.experts)
	for i := range cfg.experts {
		accounts = append(accounts, account{fmt.Sprintf("%s-x%02d", s.prefix, i+1), map[string]any{"role": "expert",
			"name": fmt.Sprintf("压测专家%02d", i+1)}, &expertTokens[i]})
	}
	userIDs := make([]int64, len(accounts))
	parallel(len(accounts), min(cfg.workers, 4), func(i int) {
		a := accounts[i]
		a.in["username"], a.in["password"] = a.username, s.password
		var u firstset.User
		if err := api.call(ctx, st, "setup", s.admin, "POST", "/api/v1/users", a.in, &u); err != nil {
			fail(err)
		}
		userIDs[i] = u.ID
	})
	if firstErr != nil {
		return nil, firstErr
	}
	copy(expertIDs, userIDs[len(accounts)-cfg.experts:])
	parallel(cfg.experts, cfg.workers, func(i int) {
		if err := api.call(ctx, st, "setup", s.reviewer, "PUT", fmt.Sprintf("/api/v1/experts/%d", expertIDs[i]),
			map[string]any{"categories": []int64{s.categoryID}, "employer": "压测大学", "active": true}, nil); err != nil {
			fail(err)
		}
	})
	if firstErr != nil {
		return nil, firstErr
	}
	// Two logins at a time: each is an argon2id derivation, and parallel
	// attempts from one address count against its limit until they succeed.
	parallel(len(accounts), 2, func(i int) {
		role := firstset.Role(accounts[i].in["role"].(string))
		t, err := obtainToken(api.base, accounts[i].username, s.password, scopesOf(role))
		if err != nil {
			fail(fmt.Errorf("log in as %s: %w", accounts[i].username, err))
		}
		*accounts[i].token = t
	})
	if firstErr != nil {
		return nil, firstErr
	}
	for i, code := range codes {
		s.districtToken[code] = officeTokens[i]
	}
	for i := range cfg.experts {
		s.expertToken[accounts[len(accounts)-cfg.experts+i].username] = expertTokens[i]
	}

	n := cfg.cases + cfg.warmup
	s.products = make([]int64, n)
	parallel(n, cfg.workers, func(i int) {
		e := s.enterprises[i%len(s.enterprises)]
		var p firstset.Product
		if err := api.call(ctx, st, "setup", e.token, "POST", "/api/v1/products", map[string]any{
			"name": fmt.Sprintf("压测数控装备%s-%d", s.prefix, i), "model": fmt.Sprintf("LG-%d", i), "category_id": s.categoryID,
			"innovation_level": "provincial", "params": []map[string]string{{"name": "功率", "value": strconv.Itoa(10 + i%900), "unit": "kW"}},
			"patents": []string{}}, &p); err != nil {
			fail(err)
		}
		s.products[i] = p.ID
	})
	if firstErr != nil {
		return nil, firstErr
	}
	year, _, _ := s.today.Parts()
	for k := range cfg.rounds {
		var r firstset.Round
		if err := api.call(ctx, st, "setup", s.reviewer, "POST", "/api/v1/rounds", map[string]any{
			"title": fmt.Sprintf("%d年度首台（套）认定（压测 %s-%d）", year, s.prefix, k+1), "year": year,
			"opens_on": s.today, "closes_on": s.today.AddDays(30)}, &r); err != nil {
			return nil, err
		}
		s.rounds = append(s.rounds, &r)
	}
	for _, it := range s.rounds[0].Checklist {
		if it.Required {
			s.required = append(s.required, it.Item)
		}
	}
	return s, nil
}

// scopesOf is every scope a role's token may hold.
func scopesOf(r firstset.Role) []string {
	var out []string
	for _, sc := range firstset.ScopesForRole(r) {
		out = append(out, string(sc))
	}
	return out
}

// tokenFor is token if given, else a token made by logging in as
// user:password with every scope of role.
func tokenFor(base, token, login string, role firstset.Role) (string, error) {
	if token != "" {
		return token, nil
	}
	user, pass, ok := strings.Cut(login, ":")
	if !ok {
		return "", fmt.Errorf("give a token or user:password")
	}
	return obtainToken(base, user, pass, scopesOf(role))
}

// runRecognitionPublish is phase two: each round of phase one published
// (POST /api/v1/rounds/{id}/publish), then its publication read back.
func runRecognitionPublish(ctx context.Context, api *apiClient, cfg recognitionConfig) int {
	b, err := os.ReadFile(cfg.statePath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		return 1
	}
	var state recognitionState
	if err := json.Unmarshal(b, &state); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", cfg.statePath, err)
		return 1
	}
	on := state.NoticeEndsOn.AddDays(1)
	if cfg.publishedOn != "" {
		if on, err = date.Parse(cfg.publishedOn); err != nil {
			fmt.Fprintln(os.Stderr, "loadgen: -published-on:", err)
			return 2
		}
	}
	reviewer := state.ReviewerToken
	if cfg.reviewerTk != "" {
		reviewer = cfg.reviewerTk
	}
	st := newStats()
	published := make([]int, len(state.Rounds))
	el := parallel(len(state.Rounds), cfg.workers, func(i int) {
		var pub struct {
			Products []struct {
				Status string `json:"status"`
			} `json:"products"`
		}
		if api.call(ctx, st, "publish", reviewer, "POST", fmt.Sprintf("/api/v1/rounds/%d/publish", state.Rounds[i]),
			map[string]any{"document_number": fmt.Sprintf("渝经信装备〔%s〕%d号", state.Prefix, i+1), "published_on": on}, &pub) == nil {
			published[i] = len(pub.Products)
		}
	})
	total := 0
	for _, n := range published {
		total += n
	}
	fmt.Printf("mode=recognition-publish rounds=%d published_on=%s workers=%d\n", len(state.Rounds), on, cfg.workers)
	fmt.Printf("  %-14s cases=%-5d elapsed=%-9s cases/s=%-7.1f %s\n", "publish", total, el.Round(time.Millisecond),
		float64(total)/el.Seconds(), st.line("publish"))
	var read atomic.Int64
	el = parallel(len(state.Rounds), cfg.workers, func(i int) {
		var pub struct {
			Products []struct {
				Status string `json:"status"`
			} `json:"products"`
		}
		if api.call(ctx, st, "publication", "", "GET", fmt.Sprintf("/api/v1/rounds/%d/publication", state.Rounds[i]), nil, &pub) == nil {
			for _, p := range pub.Products {
				if p.Status == string(firstset.StatusRecognised) {
					read.Add(1)
				}
			}
		}
	})
	fmt.Printf("  %-14s recognised=%-5d elapsed=%-9s %s\n", "publication", read.Load(), el.Round(time.Millisecond), st.line("publication"))
	st.printFailures(os.Stdout)
	if total != state.Proposed || int(read.Load()) != state.Proposed {
		fmt.Printf("published %d and read back %d of the %d cases on notice\n", total, read.Load(), state.Proposed)
		return 1
	}
	return 0
}
