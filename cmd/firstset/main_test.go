package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"firstset"
	"firstset/dbtest"
	"firstset/demo"
	"firstset/service"
	"firstset/sqlite"
)

// database is one place a test can put the platform's data.
type database struct {
	name string
	dsn  func(t *testing.T) string
	// driver and raw open the same database for tampering behind the
	// platform's back.
	driver string
}

func databases() []database {
	return []database{
		{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "firstset.db") }, "sqlite"},
		{"postgres", func(t *testing.T) string { return dbtest.NewPostgresDatabase(t) }, "pgx"},
	}
}

func cli(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, nil, &out, &errb)
	return code, out.String() + errb.String()
}

// seeded returns a database holding the demo data set, whose every change
// went through the services and so into the audit chain.
func seeded(t *testing.T, db database) string {
	t.Helper()
	dsn := db.dsn(t)
	store, err := openStore(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := demo.Load(context.Background(), service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))); err != nil {
		t.Fatal(err)
	}
	return dsn
}

func rawExec(t *testing.T, db database, dsn string, stmts ...string) {
	t.Helper()
	conn, err := sql.Open(db.driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, s := range stmts {
		if _, err := conn.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func entry(t *testing.T, dsn string, seq int64) *firstset.AuditEntry {
	t.Helper()
	store, err := openStore(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var list []*firstset.AuditEntry
	err = store.View(context.Background(), func(tx firstset.Tx) (err error) {
		list, err = tx.ListAudit(context.Background(), firstset.AuditFilter{AfterSeq: seq - 1, Limit: 1})
		return err
	})
	if err != nil || len(list) != 1 {
		t.Fatalf("read entry %d: %v", seq, err)
	}
	return list[0]
}

// insertSQL writes e as a row, the way someone with database access but
// not the platform's code would.
func insertSQL(e *firstset.AuditEntry) string {
	return fmt.Sprintf(`INSERT INTO audit_log (seq, at, actor_id, actor_name, action, entity, entity_id, before, after, prev_hash, hash)
		VALUES (%d, '%s', %d, '%s', '%s', '%s', %d, NULL, '%s', '%s', '%s')`,
		e.Seq, e.At.UTC().Format("2006-01-02T15:04:05.000000Z"), e.ActorID, e.ActorName, e.Action, e.Entity, e.EntityID, e.After, e.PrevHash, e.Hash)
}

// TestAuditVerifyFindsTampering edits, deletes, inserts and appends rows
// behind the platform's back and checks that `firstset audit verify`
// names the first entry that is no longer trustworthy.
func TestAuditVerifyFindsTampering(t *testing.T) {
	for _, db := range databases() {
		t.Run(db.name, func(t *testing.T) {
			dsn := seeded(t, db)
			code, out := cli(t, "audit", "verify", "--db", dsn)
			if code != 0 || !strings.Contains(out, "审计日志完好") {
				t.Fatalf("untouched chain: exit %d: %s", code, out)
			}
			cases := []struct {
				name   string
				tamper func(t *testing.T, dsn string)
				want   string
			}{
				{"edit", func(t *testing.T, dsn string) {
					rawExec(t, db, dsn, `UPDATE audit_log SET actor_name = 'someone' WHERE seq = 5`)
				}, "第 5 条记录被篡改或伪造"},
				{"delete", func(t *testing.T, dsn string) {
					rawExec(t, db, dsn, `DELETE FROM audit_log WHERE seq = 7`)
				}, "第 7 条记录起被删除"},
				{"insert", func(t *testing.T, dsn string) {
					// A careful forger renumbers the rows after the gap and
					// seals a new entry onto entry 9; entry 10 (now 11) still
					// links to entry 9, and that gives the forgery away.
					prev := entry(t, dsn, 9)
					forged := &firstset.AuditEntry{At: prev.At, ActorName: "system", Action: "update",
						Entity: "product", EntityID: 1, After: []byte(`{"status":"recognised"}`)}
					forged.Seal(prev)
					rawExec(t, db, dsn,
						`UPDATE audit_log SET seq = -seq WHERE seq >= 10`,
						`UPDATE audit_log SET seq = 1 - seq WHERE seq < 0`,
						insertSQL(forged))
				}, "第 11 条记录之前被插入了记录"},
				{"truncate", func(t *testing.T, dsn string) {
					rawExec(t, db, dsn, `DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)`)
				}, "起（链尾）被删除"},
				{"append", func(t *testing.T, dsn string) {
					store, _ := openStore(context.Background(), dsn)
					var head int64
					store.View(context.Background(), func(tx firstset.Tx) (err error) {
						head, _, err = tx.AuditHead(context.Background())
						return err
					})
					store.Close()
					last := entry(t, dsn, head)
					extra := &firstset.AuditEntry{At: last.At, ActorName: "system", Action: "delete", Entity: "product", EntityID: 2}
					extra.Seal(last)
					rawExec(t, db, dsn, insertSQL(extra))
				}, "为绕过审计私自追加的记录"},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					dsn := seeded(t, db)
					c.tamper(t, dsn)
					code, out := cli(t, "audit", "verify", "--db", dsn)
					if code != 1 || !strings.Contains(out, c.want) {
						t.Fatalf("exit %d, output %q; want exit 1 and %q", code, out, c.want)
					}
				})
			}
		})
	}
}

// TestBackupWhileServing copies the database while writers keep changing
// it; the copy opens, and its audit chain is whole.
func TestBackupWhileServing(t *testing.T) {
	for _, db := range databases() {
		t.Run(db.name, func(t *testing.T) {
			if db.name == "postgres" {
				if _, err := exec.LookPath("pg_dump"); err != nil {
					t.Skip("pg_dump is not installed")
				}
			}
			dsn := seeded(t, db)
			store, err := openStore(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
			ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
			ents, _, err := svc.FindEnterprises(ctx, firstset.EnterpriseFilter{Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			cats, _ := svc.Categories(ctx)
			var stop atomic.Bool
			var written atomic.Int64
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; !stop.Load(); i++ {
					_, err := svc.CreateProduct(ctx, firstset.ProductInput{EnterpriseID: ents[0].ID, Name: fmt.Sprintf("备份期间写入%d", i),
						Model: "B-1", CategoryID: cats[0].ID, InnovationLevel: firstset.LevelProvincial,
						Params: []firstset.Param{{Name: "功率", Value: "1"}}})
					if err != nil {
						t.Errorf("write during backup: %v", err)
						return
					}
					written.Add(1)
				}
			}()
			time.Sleep(100 * time.Millisecond)
			out := filepath.Join(t.TempDir(), "backup")
			code, msg := cli(t, "backup", "--db", dsn, out)
			time.Sleep(100 * time.Millisecond)
			stop.Store(true)
			wg.Wait()
			if code != 0 {
				t.Fatalf("backup: exit %d: %s", code, msg)
			}
			if written.Load() == 0 {
				t.Fatal("nothing was written while the backup ran")
			}
			copyDSN := out
			if db.name == "postgres" {
				copyDSN = dbtest.NewPostgresDatabase(t)
				if b, err := exec.Command("pg_restore", "--no-owner", "--dbname="+copyDSN, out).CombinedOutput(); err != nil {
					t.Fatalf("pg_restore: %v: %s", err, b)
				}
			} else {
				// The copy is a plain SQLite file that opens on its own.
				copyDB, err := sqlite.Open(out)
				if err != nil {
					t.Fatal(err)
				}
				copyDB.Close()
			}
			code, msg = cli(t, "audit", "verify", "--db", copyDSN)
			if code != 0 {
				t.Fatalf("the copy's audit chain: exit %d: %s", code, msg)
			}
			t.Logf("%d products written while copying; copy verified: %s", written.Load(), strings.TrimSpace(msg))
		})
	}
}

// TestSubcommandsAreWired runs the calculator, the tender checker and the
// draw of experts through the binary's own dispatch.
func TestSubcommandsAreWired(t *testing.T) {
	in := filepath.Join(t.TempDir(), "case.json")
	os.WriteFile(in, []byte(`{"product": {"recognized_on": "2024-06-01"},
		"purchase": {"contract_date": "2025-03-10", "paid_yuan": "12000000", "first_purchase": true}}`), 0o644)
	code, out := cli(t, "calc", "first-purchase-reward", in)
	if code != 0 || !strings.Contains(out, `"max_reward_yuan": "3600000.00"`) {
		t.Fatalf("calc: exit %d: %s", code, out)
	}
	os.WriteFile(in, []byte(`{"product": {"recognized_on": "2024-06-31"}}`), 0o644)
	if code, out := cli(t, "calc", "first-purchase-reward", in); code != 2 || !strings.Contains(out, "product.recognized_on") {
		t.Fatalf("calc with a bad date: exit %d: %s", code, out)
	}
	doc := filepath.Join(t.TempDir(), "tender.txt")
	os.WriteFile(doc, []byte("一、资格要求\n投标人须提供近三年同类产品业绩不少于5个，否则投标无效。\n"), 0o644)
	code, out = cli(t, "tender", "check", "--json", doc)
	if code != 0 || !strings.Contains(out, `"PAST_PERFORMANCE"`) {
		t.Fatalf("tender check: exit %d: %s", code, out)
	}
	list := filepath.Join(t.TempDir(), "candidates.json")
	os.WriteFile(list, []byte(`{"candidates": [{"user_id": 40, "username": "sun.qi"}, {"user_id": 12, "username": "wang.wu"}]}`), 0o644)
	code, out = cli(t, "experts", "draw", "--candidates", list, "--seed", "firstset-RD-2026-000123", "--n", "1")
	if code != 0 || !strings.Contains(out, `"user_id": 40`) || strings.Contains(out, `"user_id": 12`) {
		t.Fatalf("experts draw: exit %d: %s", code, out)
	}
	if code, _ := cli(t, "nonsense"); code != 2 {
		t.Fatalf("an unknown command exits %d, want 2", code)
	}
}
