package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"firstset"
	"firstset/creditcode"
	"firstset/service"
)

// TestMain lets a test run this binary's main as a process of its own
// (see startServer): the test binary re-executed with serveChild set is
// the firstset command, so a test can kill it as an operator's kill -9
// would, without building it again.
func TestMain(m *testing.M) {
	if os.Getenv(serveChild) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

const serveChild = "FIRSTSET_TEST_RUN_MAIN"

// server is a firstset serve process.
type server struct {
	cmd  *exec.Cmd
	base string
	out  *syncBuffer
}

// startServer runs `firstset serve` on dsn in a process of its own and
// waits until it listens.
func startServer(t *testing.T, dsn string, env ...string) *server {
	t.Helper()
	return startServerArgs(t, []string{"--db", dsn}, env...)
}

// startServerArgs is startServer with serve's arguments given.
func startServerArgs(t *testing.T, args []string, env ...string) *server {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(append(os.Environ(), serveChild+"=1"), env...)
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, out: out}
	t.Cleanup(func() { s.kill() })
	addr := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			s.base = "http://" + m[1]
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s", out.String())
		}
	}
}

// kill ends the process at once, as kill -9 does: nothing is flushed or
// finished.
func (s *server) kill() {
	if s.cmd.ProcessState != nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	_ = s.cmd.Wait()
}

// crashFixture is an enterprise user's API token on a fresh database.
func crashFixture(t *testing.T, dsn string) (token string, enterpriseID, categoryID int64) {
	t.Helper()
	ctx := context.Background()
	store, err := openStore(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	cats, err := svc.Categories(sys)
	if err != nil || len(cats) == 0 {
		t.Fatalf("categories: %v %v", cats, err)
	}
	e, err := svc.CreateEnterprise(sys, firstset.EnterpriseInput{Name: "重庆断电测试装备有限公司",
		CreditCode: creditcode.Generate(rand.New(rand.NewPCG(8, 2)), "500107"), DistrictCode: "500107",
		Address: "九龙坡区某路8号", ContactName: "测试联系人", ContactPhone: "023-61234568"})
	if err != nil {
		t.Fatal(err)
	}
	u, err := svc.CreateUser(sys, firstset.UserInput{Username: "crash", Name: "断电测试", Role: firstset.RoleEnterprise,
		EnterpriseID: e.ID, Password: "Cq-Equip#2026-kill"})
	if err != nil {
		t.Fatal(err)
	}
	_, secret, err := svc.CreateToken(firstset.NewContextWithActor(ctx, &firstset.Actor{User: u}),
		firstset.TokenInput{Name: "断电测试", Scopes: []firstset.Scope{firstset.ScopeProductsWrite, firstset.ScopeProductsRead}})
	if err != nil {
		t.Fatal(err)
	}
	return secret, e.ID, cats[0].ID
}

// answer is what a keyed create got back.
type answer struct {
	status   int
	id       int64
	replayed bool
	code     string
	message  string
}

func postKeyed(client *http.Client, base, token string, key int, categoryID int64) (answer, error) {
	body := fmt.Sprintf(`{"name":"断电装备%03d","model":"K-%d","category_id":%d,"innovation_level":"provincial",`+
		`"params":[{"name":"功率","value":"%d","unit":"kW"}],"patents":[]}`, key, key, categoryID, 10+key)
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/products", strings.NewReader(body))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Idempotency-Key", fmt.Sprintf("crash-%03d", key))
	resp, err := client.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, err
	}
	a := answer{status: resp.StatusCode, replayed: resp.Header.Get("Idempotent-Replayed") == "true"}
	var v struct {
		ID    int64 `json:"id"`
		Error struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return answer{}, fmt.Errorf("answer %d %q: %w", resp.StatusCode, raw, err)
	}
	a.id, a.code, a.message = v.ID, v.Error.Code, v.Error.Message
	return a, nil
}

// A server killed with kill -9 while keyed creates are under way stores
// each of them once, however they are retried after it restarts: every
// retry gets the first answer again, or (when the change committed but the
// answer died with the process) a refusal naming what was stored, or, for
// a request that never committed, its first answer now. Before the key was
// claimed in the change's own transaction, retries stored some products
// twice.
func TestKilledServerStoresKeyedCreatesOnce(t *testing.T) {
	for _, db := range databases() {
		t.Run(db.name, func(t *testing.T) {
			dsn := db.dsn(t)
			token, enterpriseID, categoryID := crashFixture(t, dsn)
			// A claim committed before the crash and never answered is
			// called unfinished once it is this old.
			wait := "FIRSTSET_IDEMPOTENCY_WAIT=1s"
			srv := startServer(t, dsn, wait)

			const keys, workers = 150, 16
			first := make([]*answer, keys)
			var next, answered atomic.Int64
			killed := make(chan struct{})
			var kill sync.Once
			client := &http.Client{Timeout: 10 * time.Second}
			var wg sync.WaitGroup
			for range workers {
				wg.Go(func() {
					for {
						k := int(next.Add(1)) - 1
						if k >= keys {
							return
						}
						a, err := postKeyed(client, srv.base, token, k, categoryID)
						if err != nil {
							select {
							case <-killed:
								return // the server is gone
							default:
								t.Errorf("key %d before the kill: %v", k, err)
								return
							}
						}
						if a.status != http.StatusCreated {
							t.Errorf("key %d before the kill: %+v", k, a)
						}
						first[k] = &a
						if answered.Add(1) == keys/3 {
							kill.Do(func() { close(killed); srv.kill() })
						}
					}
				})
			}
			wg.Wait()
			kill.Do(func() { close(killed); srv.kill() })
			if n := answered.Load(); n >= keys {
				t.Fatalf("all %d creates were answered before the kill", n)
			}

			atKill := storedProducts(t, dsn, enterpriseID)
			t.Logf("at the kill: %d stored, %d answered", len(atKill), answered.Load())
			srv = startServer(t, dsn, wait)
			retries := make([]answer, keys)
			retryClient := &http.Client{Timeout: 30 * time.Second}
			next.Store(0)
			for range workers {
				wg.Go(func() {
					for {
						k := int(next.Add(1)) - 1
						if k >= keys {
							return
						}
						a, err := postKeyed(retryClient, srv.base, token, k, categoryID)
						if err != nil {
							t.Errorf("retry of key %d: %v", k, err)
						}
						retries[k] = a
					}
				})
			}
			wg.Wait()
			srv.kill()

			stored := storedProducts(t, dsn, enterpriseID)
			var replayed, unfinished, fresh int
			for k := range keys {
				name := fmt.Sprintf("断电装备%03d", k)
				ids := stored[name]
				if len(ids) != 1 {
					t.Errorf("key %d stored as %v, want once", k, ids)
					continue
				}
				id, r := ids[0], retries[k]
				switch {
				case r.status == http.StatusCreated && r.replayed:
					replayed++
				case r.status == http.StatusConflict && r.code == "idempotency_unfinished":
					unfinished++
					if !strings.Contains(r.message, fmt.Sprint(id)) {
						t.Errorf("key %d: the refusal does not name product %d: %q", k, id, r.message)
					}
					if first[k] != nil {
						t.Errorf("key %d was answered before the kill, yet its answer is unfinished", k)
					}
					continue
				case r.status == http.StatusCreated && first[k] == nil:
					fresh++
				default:
					t.Errorf("key %d: retry answered %+v (first answer %+v)", k, r, first[k])
					continue
				}
				if r.id != id || (first[k] != nil && first[k].id != id) {
					t.Errorf("key %d: stored as %d, first answer %+v, retry %+v", k, id, first[k], r)
				}
			}
			t.Logf("%d answered before the kill; retries: %d replayed, %d unfinished, %d stored now",
				answered.Load(), replayed, unfinished, fresh)
		})
	}
}

// storedProducts are the ids of an enterprise's products by name.
func storedProducts(t *testing.T, dsn string, enterpriseID int64) map[string][]int64 {
	t.Helper()
	ctx := context.Background()
	store, err := openStore(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	byName := map[string][]int64{}
	err = store.View(ctx, func(tx firstset.Tx) error {
		list, _, err := tx.ListProducts(ctx, firstset.ProductFilter{EnterpriseID: enterpriseID}, "")
		for _, p := range list {
			byName[p.Name] = append(byName[p.Name], p.ID)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return byName
}
