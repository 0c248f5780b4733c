// Command loadgen measures a running firstset server on this machine: it
// sends a bounded number of requests from a fixed number of workers and
// reports throughput and latency percentiles. It only talks to loopback
// addresses, so a mistyped URL never turns it on someone else's server.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"firstset"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "server base URL (loopback only)")
	mode := flag.String("mode", "catalog", "catalog: GET /api/v1/catalog with a fixed mix of queries; catalog-random: random two-character queries, filters and pages, so few repeat; create: POST /api/v1/products; verify: POST /api/v1/certificates/verify with the certificates of the catalog's first page; "+
		"recognition: -n recognition cases through every stage up to the notice (phase one); recognition-publish: the rounds of phase one published (phase two); upload: attachment uploads of -upload-mb each; "+
		"allocate: a round's allocation, -runs times, then its approval; ledger: GET /api/v1/ledger by random products, enterprises and rounds with payments")
	workers := flag.Int("c", 16, "concurrent workers")
	total := flag.Int("n", 20000, "requests to send in all (recognition: cases, default 2000; upload: uploads, default 8)")
	maxDur := flag.Duration("max", 60*time.Second, "stop after this long even if requests remain (catalog and create modes)")
	token := flag.String("token", os.Getenv("FIRSTSET_TOKEN"), "API token for create mode (env FIRSTSET_TOKEN)")
	login := flag.String("login", "", "user:password to log in as and create a token with, for create mode")
	category := flag.Int64("category", 1, "category id for created products")
	warm := flag.Int("warmup", 500, "requests sent first and not counted (recognition: cases, default 50; upload: uploads, default 1)")
	keyed := flag.Bool("idempotency-key", false, "create, recognition and upload modes: send every POST with an Idempotency-Key of its own")
	var rc recognitionConfig
	flag.StringVar(&rc.admin, "admin", "admin:Demo@2026cq", "recognition, upload: administrator user:password to log in as (creates the category and the accounts)")
	flag.StringVar(&rc.reviewer, "reviewer", "reviewer:Demo@2026cq", "recognition, upload, allocate: reviewer user:password to log in as (enterprises, experts' profiles, rounds, every reviewer's step; the allocation)")
	flag.StringVar(&rc.adminToken, "admin-token", os.Getenv("FIRSTSET_ADMIN_TOKEN"), "instead of -admin: an administrator's token with every scope (firstset token create --user admin --scopes all)")
	flag.StringVar(&rc.reviewerTk, "reviewer-token", os.Getenv("FIRSTSET_REVIEWER_TOKEN"), "instead of -reviewer: a reviewer's token with every scope (recognition, upload, allocate)")
	flag.IntVar(&rc.enterprises, "enterprises", 200, "recognition: enterprises created (each with an enterprise user); the cases' products are spread over them")
	flag.IntVar(&rc.districts, "districts", 10, "recognition: districts the enterprises are in, each with a district office created")
	flag.IntVar(&rc.experts, "experts", 7, "recognition: experts created for the cases' category (a category created for the run; 5 are drawn per case)")
	flag.IntVar(&rc.rounds, "rounds", 1, "recognition: rounds the cases are spread over (phase two publishes each)")
	flag.IntVar(&rc.noticeSize, "notice-size", 100, "recognition: cases per notice (at most 1000)")
	flag.StringVar(&rc.order, "order", "stages", "recognition: stages (every case through one stage, then the next: a rate per stage) or journey (each worker takes one case through every stage)")
	flag.BoolVar(&rc.distinctFiles, "distinct-files", false, "recognition: every attachment of its own content (stored), instead of one small PDF (stored once per enterprise, then reused)")
	flag.IntVar(&rc.attachBytes, "attach-bytes", 0, "recognition: pad each attachment to this many bytes")
	flag.StringVar(&rc.statePath, "state", "loadgen-recognition.json", "recognition: where phase one writes the rounds, notices and reviewer token that phase two reads")
	flag.StringVar(&rc.publishedOn, "published-on", "", "recognition-publish: the publication date (default: the day after the last notice ends)")
	var uc uploadConfig
	flag.IntVar(&uc.megabyte, "upload-mb", 20, "upload: bytes of filler after \"%PDF-1.4\\n\", in 10^6")
	flag.IntVar(&uc.rssPID, "rss-pid", 0, "upload: the server's pid, to sample its VmRSS in /proc/PID/status during the measured uploads")
	flag.DurationVar(&uc.rssEvery, "rss-every", 50*time.Millisecond, "upload: how often to sample VmRSS")
	var ic incentiveConfig
	flag.StringVar(&ic.finance, "finance", "finance:Demo@2026cq", "allocate, ledger: finance user:password to log in as (approves, sends back, reads the ledger)")
	flag.StringVar(&ic.financeToken, "finance-token", os.Getenv("FIRSTSET_FINANCE_TOKEN"), "instead of -finance: a finance token with every scope")
	flag.Int64Var(&ic.round, "round", 0, "allocate: the round (default: the closed, unapproved round with the most applications at the allocation stage)")
	flag.IntVar(&ic.runs, "runs", 3, "allocate: allocations timed, each sent back by finance but the last (0: approve the proposal waiting for finance, if any)")
	flag.BoolVar(&ic.approve, "approve", true, "allocate: finance approves the last allocation (it cannot be run again: seed anew, or copy the database first)")
	flag.StringVar(&ic.ledgerBy, "ledger-by", "mix", "ledger: product, enterprise, round, or mix (a third of each)")
	flag.Usage = func() {
		fmt.Fprint(flag.CommandLine.Output(), usage)
		flag.PrintDefaults()
	}
	flag.Parse()
	set := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })

	u, err := url.Parse(*base)
	if err != nil || !isLoopback(u.Hostname()) {
		fmt.Fprintln(os.Stderr, "loadgen: -url must be an http URL on a loopback address")
		os.Exit(2)
	}
	var next func(i int) *http.Request
	switch *mode {
	case "recognition", "recognition-publish", "upload":
		os.Exit(runAPIMode(*mode, *base, *workers, *total, *warm, *keyed, set, rc, uc))
	case "allocate":
		ic.reviewer, ic.reviewerToken = rc.reviewer, rc.reviewerTk
		api := &apiClient{base: strings.TrimRight(*base, "/"), run: rand.Uint64(),
			client: &http.Client{Timeout: 30 * time.Minute}}
		os.Exit(runAllocate(context.Background(), api, ic))
	case "ledger":
		tk, err := tokenFor(*base, ic.financeToken, ic.finance, firstset.RoleFinance)
		if err == nil {
			next, err = ledgerRequest(context.Background(), *base, tk, ic.ledgerBy)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(1)
		}
	case "verify":
		if next, err = verifyRequest(*base); err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(1)
		}
	case "catalog":
		next = catalogRequest(*base)
	case "catalog-random":
		next = randomCatalogRequest(*base)
	case "create":
		if *token == "" && *login != "" {
			user, pass, _ := strings.Cut(*login, ":")
			t, err := obtainToken(*base, user, pass, []string{"products:write", "products:read", "catalog:read"})
			if err != nil {
				fmt.Fprintln(os.Stderr, "loadgen:", err)
				os.Exit(1)
			}
			*token = t
		}
		if *token == "" {
			fmt.Fprintln(os.Stderr, "loadgen: create mode needs -token")
			os.Exit(2)
		}
		next = createRequest(*base, *token, *category, *keyed)
	default:
		fmt.Fprintln(os.Stderr, "loadgen: unknown -mode", *mode)
		os.Exit(2)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *workers * 2}, Timeout: 10 * time.Second}
	run(client, next, *workers, *warm, time.Minute)
	res := run(client, next, *workers, *total, *maxDur)
	res.print(os.Stdout, *mode, *workers)
	if res.errors > 0 {
		os.Exit(1)
	}
}

// obtainToken logs in through the login form and creates a token with
// scopes on the tokens page, as a person would.
func obtainToken(base, user, pass string, scopes []string) (string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	formToken := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)
	// The login form comes from the login page, with its pre-session.
	resp, err := c.Get(base + "/login")
	if err != nil {
		return "", fmt.Errorf("open the login page: %w", err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := formToken.FindSubmatch(page)
	if m == nil {
		return "", fmt.Errorf("no form token on the login page")
	}
	resp, err = c.PostForm(base+"/login", url.Values{"csrf_token": {string(m[1])}, "username": {user}, "password": {pass}})
	if err != nil {
		return "", fmt.Errorf("log in: %w", err)
	}
	resp.Body.Close()
	resp, err = c.Get(base + "/tokens")
	if err != nil {
		return "", fmt.Errorf("open the tokens page: %w", err)
	}
	page, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if m = formToken.FindSubmatch(page); m == nil {
		return "", fmt.Errorf("no form token on the tokens page (is %s right?)", user)
	}
	resp, err = c.PostForm(base+"/tokens", url.Values{"csrf_token": {string(m[1])}, "name": {"loadgen"},
		"scopes": scopes})
	if err != nil {
		return "", fmt.Errorf("create a token: %w", err)
	}
	page, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	secret := regexp.MustCompile(`fst_[A-Za-z0-9_-]+`).Find(page)
	if secret == nil {
		return "", fmt.Errorf("the tokens page showed no new token (status %d)", resp.StatusCode)
	}
	return string(secret), nil
}

const usage = `loadgen measures a firstset server on this machine (loopback addresses only).

Recognition workflow (docs/BENCHMARKS.md, "Recognition workflow"), against a server started with
serve --demo (admin and reviewer log in with the demo password; or pass -admin-token/-reviewer-token):

  phase one: loadgen -url URL -mode recognition -n 2000 -c 8 [-order stages|journey] [-distinct-files]
    creates through the API a category, -experts experts for it, -enterprises enterprises with a user
    each, a district office per district, one product per case and -rounds rounds opening today; then
    drives -warmup uncounted cases and -n measured cases through declare, texts, the required
    attachments, submit, district approval, formal review, the draw, every drawn expert's score,
    expert review, the on-site check and notices of -notice-size cases; reports cases/s per stage and
    for the whole journey, and p50/p90/p99 of each call. Writes -state.
  phase two, once the notices have ended: restart the server on the same database with
    serve --demo --now DAY (DAY as phase one prints: the day after the last notice ends), then
    loadgen -url URL -mode recognition-publish -state FILE: publishes every round, reads each
    publication back.

Uploads: loadgen -url URL -mode upload -c 8 -n 8 -upload-mb 20 [-rss-pid PID] [-idempotency-key]
  uploads distinct PDFs ("%PDF-1.4\n" and -upload-mb×10^6 bytes of filler) as attachments of draft
  cases, reports MB/s, and with -rss-pid the server's VmRSS sampled every -rss-every.

Incentives (docs/BENCHMARKS.md, "Incentives: allocation and ledger"), against a server on a database
that serve --demo started (the demo's reviewer and finance log in) and firstset seed --applications N
--payments M then filled:

  loadgen -url URL -mode allocate [-runs 3] [-approve=false] [-round ID]
    finds the closed, unapproved round with the most applications at the allocation stage (or -round),
    then -runs times: the reviewer's POST /api/v1/incentive-rounds/{id}/allocate, GET …/allocation and
    finance's POST …/send-back (but after the last run); then finance's POST …/approve and GET
    …/allocation. Prints each call's duration, the lines, the funded ones and the total.
  loadgen -url URL -mode ledger -c 8 -n 20000 [-ledger-by mix|product|enterprise|round]
    finance's GET /api/v1/ledger?product_id=… / enterprise_id=… / round_id=…, a random key with
    payments each (from GET /api/v1/ledger/summary), reported like the catalog modes.

Flags:
`

// runAPIMode runs the recognition and upload modes, which set up what they
// need through the API and time each kind of call.
func runAPIMode(mode, base string, workers, total, warm int, keyed bool, set map[string]bool, rc recognitionConfig, uc uploadConfig) int {
	api := &apiClient{base: strings.TrimRight(base, "/"), keyed: keyed, run: rand.Uint64(),
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers * 2}, Timeout: 10 * time.Minute}}
	rc.workers = workers
	ctx := context.Background()
	switch mode {
	case "recognition":
		rc.cases, rc.warmup = 2000, 50
		if set["n"] {
			rc.cases = total
		}
		if set["warmup"] {
			rc.warmup = warm
		}
		if rc.cases < 1 || rc.enterprises < 1 || rc.districts < 1 || rc.experts < 5 || rc.rounds < 1 ||
			rc.noticeSize < 1 || rc.noticeSize > 1000 || (rc.order != "stages" && rc.order != "journey") {
			fmt.Fprintln(os.Stderr, "loadgen: recognition needs -n ≥ 1, -enterprises, -districts, -rounds ≥ 1, -experts ≥ 5, -notice-size 1..1000, -order stages|journey")
			return 2
		}
		return runRecognition(ctx, api, rc)
	case "recognition-publish":
		return runRecognitionPublish(ctx, api, rc)
	}
	uc.recognitionConfig = rc
	uc.uploads, uc.warmup = 8, 1
	if set["n"] {
		uc.uploads = total
	}
	if set["warmup"] {
		uc.warmup = warm
	}
	return runUpload(ctx, api, uc)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// queries mix what people type into the catalog: two-character words,
// longer phrases, model fragments, rare terms and filters.
var queries = []string{
	"q=机床", "q=机器人", "q=数控", "q=盾构机", "q=变频器", "q=柴油机", "q=转向架", "q=风力发电",
	"q=智能", "q=装备", "q=激光", "q=手术", "q=拖拉机", "q=换流阀", "q=五轴联动", "q=永磁同步",
	"q=重庆", "q=YK", "q=CK6", "q=泵", "q=高精度激光跟踪仪", "q=不存在的装备名称",
	"category=3", "district=500107", "level=national", "q=机床&district=500112", "q=电&level=international",
	"page=5", "q=系统&page=3", "",
}

func catalogRequest(base string) func(int) *http.Request {
	return func(i int) *http.Request {
		q := queries[i%len(queries)]
		r, _ := http.NewRequest("GET", base+"/api/v1/catalog?"+escape(q), nil)
		return r
	}
}

// equipmentWords are words of equipment names; a random query is two
// neighbouring characters of one, so hits range from many to none.
var equipmentWords = []rune("数控机床加工中心工业机器人盾构机变频器柴油机转向架风力发电机组激光跟踪仪手术机器人拖拉机换流阀永磁同步电机" +
	"压缩机齿轮箱液压泵阀门锅炉焚烧炉起重机叉车挖掘机装载机注塑机印刷机包装机纺织机光谱分析仪检测设备智能控制系统")

func randomCatalogRequest(base string) func(int) *http.Request {
	return func(i int) *http.Request {
		r := rand.New(rand.NewPCG(uint64(i), 7))
		j := r.IntN(len(equipmentWords) - 1)
		v := url.Values{"q": {string(equipmentWords[j : j+2])}}
		switch r.IntN(4) {
		case 0:
			v.Set("category", fmt.Sprint(1+r.IntN(14)))
		case 1:
			v.Set("level", []string{"international", "national", "provincial"}[r.IntN(3)])
		}
		if p := 1 + r.IntN(5); p > 1 {
			v.Set("page", fmt.Sprint(p))
		}
		req, _ := http.NewRequest("GET", base+"/api/v1/catalog?"+v.Encode(), nil)
		return req
	}
}

// escape percent-encodes the values of a raw query written for reading.
func escape(q string) string {
	v, _ := url.ParseQuery(q)
	return v.Encode()
}

// verifyRequest posts certificate tokens to the public verification: the
// certificates of the first catalog page's products, each verified in
// turn, one in eight changed in one character (answered valid: false).
func verifyRequest(base string) (func(int) *http.Request, error) {
	resp, err := http.Get(base + "/api/v1/catalog?per_page=50")
	if err != nil {
		return nil, err
	}
	var page struct {
		Items []struct{ ID int64 } `json:"items"`
	}
	err = json.NewDecoder(resp.Body).Decode(&page)
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	var tokens []string
	for _, it := range page.Items {
		resp, err := http.Get(fmt.Sprintf("%s/api/v1/products/%d/certificate", base, it.ID))
		if err != nil {
			return nil, err
		}
		var c struct{ Token string }
		err = json.NewDecoder(resp.Body).Decode(&c)
		resp.Body.Close()
		if err == nil && c.Token != "" {
			tokens = append(tokens, c.Token)
		}
	}
	if len(tokens) == 0 {
		return nil, fmt.Errorf("no certificates on the catalog's first page")
	}
	return func(i int) *http.Request {
		tok := tokens[i%len(tokens)]
		if i%8 == 7 {
			b := []byte(tok)
			b[i%len(b)] ^= 1
			tok = string(b)
		}
		body, _ := json.Marshal(map[string]string{"token": tok})
		r, _ := http.NewRequest("POST", base+"/api/v1/certificates/verify", bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		return r
	}, nil
}

// createRequest posts a product; keyed, each request carries a key never
// used before (warm-up and measured requests alike), so none is a replay.
func createRequest(base, token string, category int64, keyed bool) func(int) *http.Request {
	run := rand.Uint64()
	var sent atomic.Int64
	return func(i int) *http.Request {
		body := fmt.Sprintf(`{"name":"压测装备%d","model":"LG-%d","category_id":%d,"innovation_level":"provincial",`+
			`"params":[{"name":"功率","value":"%d","unit":"kW"}],"patents":[]}`, i, rand.IntN(1e9), category, 10+i%900)
		r, _ := http.NewRequest("POST", base+"/api/v1/products", bytes.NewReader([]byte(body)))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Authorization", "Bearer "+token)
		if keyed {
			r.Header.Set("Idempotency-Key", fmt.Sprintf("loadgen-%x-%d", run, sent.Add(1)))
		}
		return r
	}
}

type result struct {
	latencies []time.Duration
	errors    int64
	elapsed   time.Duration
	firstErr  string
}

func run(client *http.Client, next func(int) *http.Request, workers, total int, maxDur time.Duration) *result {
	ctx, cancel := context.WithTimeout(context.Background(), maxDur)
	defer cancel()
	var counter, errs atomic.Int64
	var mu sync.Mutex
	res := &result{}
	per := make([][]time.Duration, workers)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(counter.Add(1)) - 1
				if i >= total {
					return
				}
				req := next(i).WithContext(ctx)
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode >= 400 {
						err = fmt.Errorf("%s %s: status %d", req.Method, req.URL.Path, resp.StatusCode)
					}
				}
				if err != nil {
					if ctx.Err() != nil {
						return
					}
					errs.Add(1)
					mu.Lock()
					if res.firstErr == "" {
						res.firstErr = err.Error()
					}
					mu.Unlock()
					continue
				}
				per[w] = append(per[w], time.Since(t0))
			}
		}(w)
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	for _, l := range per {
		res.latencies = append(res.latencies, l...)
	}
	slices.Sort(res.latencies)
	res.errors = errs.Load()
	return res
}

func (r *result) pct(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.latencies)-1) * p)
	return r.latencies[i]
}

func (r *result) print(w io.Writer, mode string, workers int) {
	n := len(r.latencies)
	fmt.Fprintf(w, "mode=%s workers=%d requests=%d errors=%d elapsed=%s\n", mode, workers, n, r.errors, r.elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "throughput: %.0f requests/s\n", float64(n)/r.elapsed.Seconds())
	fmt.Fprintf(w, "latency: p50=%s p90=%s p99=%s max=%s\n", round(r.pct(0.50)), round(r.pct(0.90)), round(r.pct(0.99)), round(r.pct(1)))
	if r.firstErr != "" {
		fmt.Fprintln(w, "first error:", strings.TrimSpace(r.firstErr))
	}
}

func round(d time.Duration) time.Duration {
	if d < time.Millisecond {
		return d.Round(time.Microsecond)
	}
	return d.Round(10 * time.Microsecond)
}
