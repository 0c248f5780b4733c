package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"firstset"
	"firstset/cmd/firstset/tendercli"
	"firstset/creditcode"
	"firstset/date"
	"firstset/service"
)

// catalogProducts stores one product in each state a lookup must tell
// apart and returns their ids.
func catalogProducts(t *testing.T, dsn string, today date.Date) (inForce, lapsed, draft int64) {
	t.Helper()
	store, err := openStore(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
	svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	cats, err := svc.Categories(ctx)
	must(err)
	if len(cats) == 0 {
		c, err := svc.CreateCategory(ctx, "智能制造装备", 1)
		must(err)
		cats = append(cats, *c)
	}
	ent, err := svc.CreateEnterprise(ctx, firstset.EnterpriseInput{Name: "重庆丁盾构装备有限公司",
		CreditCode: creditcode.Generate(rand.New(rand.NewPCG(3, 4)), "500107"), DistrictCode: "500107",
		Address: "九龙坡区某路9号", ContactName: "丁", ContactPhone: "023-61234568"})
	must(err)
	product := func(name string, recognizedOn date.Date) int64 {
		p, err := svc.CreateProduct(ctx, firstset.ProductInput{EnterpriseID: ent.ID, Name: name, Model: "DG-1",
			CategoryID: cats[0].ID, Description: "说明", InnovationLevel: firstset.LevelNational,
			Params: []firstset.Param{{Name: "刀盘直径", Value: "6.5", Unit: "m"}}})
		must(err)
		if !recognizedOn.IsZero() {
			_, err = svc.SetRecognition(ctx, p.ID, firstset.RecognitionInput{Status: firstset.StatusRecognised, RecognizedOn: recognizedOn})
			must(err)
		}
		return p.ID
	}
	return product("土压平衡盾构机", today.AddDays(-100)), product("旧款盾构机", today.AddYears(-4)), product("草稿盾构机", date.Date{})
}

func TestTenderCheckReadsProductFromDatabase(t *testing.T) {
	for _, db := range databases() {
		t.Run(db.name, func(t *testing.T) {
			dsn := db.dsn(t)
			today := tendercli.Today()
			inForce, lapsed, draft := catalogProducts(t, dsn, today)
			doc := filepath.Join(t.TempDir(), "招标文件.txt")
			if err := os.WriteFile(doc, []byte("投标人须提供产品市场占有率证明。\n中标人须按合同价的5%缴纳质量保证金。\n"), 0o600); err != nil {
				t.Fatal(err)
			}

			code, out := cli(t, "tender", "check", "--json", "--product", itoa(inForce), "--db", dsn, "--insured", doc)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, out)
			}
			var rep struct {
				FirstSet *struct {
					Product struct {
						Name, Enterprise, Certificate string
						RecognizedOn                  date.Date `json:"recognized_on"`
						Insured                       bool
					}
					Valid            bool
					DeemedMet        []string `json:"deemed_met"`
					NoQualityDeposit bool     `json:"no_quality_deposit"`
				} `json:"first_set"`
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			fs := rep.FirstSet
			if fs == nil || fs.Product.Name != "土压平衡盾构机" || fs.Product.Enterprise != "重庆丁盾构装备有限公司" ||
				!fs.Product.RecognizedOn.Equal(today.AddDays(-100)) || !fs.Product.Insured {
				t.Fatalf("first_set product: %+v", fs)
			}
			wantCert := "FS-" + itoa(inForce) + "-" + today.AddDays(-100).Time().Format("20060102")
			if fs.Product.Certificate != wantCert {
				t.Errorf("certificate %q, want %q", fs.Product.Certificate, wantCert)
			}
			if !fs.Valid || strings.Join(fs.DeemedMet, ",") != "MARKET_SHARE,PAST_PERFORMANCE" || !fs.NoQualityDeposit {
				t.Errorf("first_set: %+v", fs)
			}

			for _, c := range []struct {
				id      int64
				message string
			}{
				{lapsed, "到期"},
				{draft, "不在首台（套）目录中"},
				{999999, "不存在"},
			} {
				code, out := cli(t, "tender", "check", "--product", itoa(c.id), "--db", dsn, doc)
				if code != 2 || !strings.Contains(out, c.message) {
					t.Errorf("product %d: exit %d, want 2 mentioning %q: %s", c.id, code, c.message, out)
				}
			}
		})
	}
	code, out := cli(t, "tender", "check", "--product", "1", "--db", filepath.Join(t.TempDir(), "missing.db"), "-")
	if code != 1 || !strings.Contains(out, "missing.db") {
		t.Errorf("missing database file: exit %d: %s", code, out)
	}
}

// A check only reads: on a database that was never migrated it fails
// instead of creating the schema.
func TestTenderCheckLeavesSchemaAlone(t *testing.T) {
	for _, db := range databases() {
		t.Run(db.name, func(t *testing.T) {
			dsn := db.dsn(t)
			rawExec(t, db, dsn, "CREATE TABLE marker (id INTEGER)")
			code, out := cli(t, "tender", "check", "--product", "1", "--db", dsn, "-")
			if code == 0 {
				t.Errorf("check against an unmigrated database succeeded: %s", out)
			}
			tables := "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
			if db.name == "postgres" {
				tables = "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
			}
			conn, err := sql.Open(db.driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			var n int
			if err := conn.QueryRow(tables).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 1 {
				t.Errorf("the check changed the schema: %d tables, want only marker", n)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
