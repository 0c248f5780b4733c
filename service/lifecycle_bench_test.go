package service_test

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"testing"
	"time"

	"firstset"
	"firstset/creditcode"
	"firstset/date"
	"firstset/dbtest"
	"firstset/document"
	"firstset/service"
)

// recognisedWithoutCertificates stores n products recognised on day,
// straight through the store (no certificate, no audit), in batches.
func recognisedWithoutCertificates(b *testing.B, store firstset.Store, n int, day date.Date, seed uint64) []int64 {
	b.Helper()
	ctx := context.Background()
	var ids []int64
	err := store.Update(ctx, func(tx firstset.Tx) error {
		e := &firstset.Enterprise{Name: fmt.Sprintf("重庆基准装备有限公司%d", seed), CreditCode: creditcode.Generate(rand.New(rand.NewPCG(seed, 1)), "500107"),
			DistrictCode: "500107", Address: "重庆市九龙坡区某路1号", ContactName: "张三", ContactPhone: "13800001111"}
		return tx.CreateEnterprise(ctx, e)
	})
	if err != nil {
		b.Fatal(err)
	}
	var entID, catID int64
	err = store.View(ctx, func(tx firstset.Tx) error {
		list, _, err := tx.ListEnterprises(ctx, firstset.EnterpriseFilter{Query: fmt.Sprintf("基准装备有限公司%d", seed)})
		if err != nil || len(list) == 0 {
			return fmt.Errorf("enterprise: %v", err)
		}
		entID = list[0].ID
		cats, err := tx.Categories(ctx)
		catID = cats[0].ID
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for start := 0; start < n; start += 500 {
		err := store.Update(ctx, func(tx firstset.Tx) error {
			for i := start; i < min(n, start+500); i++ {
				p := &firstset.Product{EnterpriseID: entID, Name: fmt.Sprintf("基准装备%06d", i), Model: "B-1", CategoryID: catID,
					InnovationLevel: firstset.LevelProvincial, Status: firstset.StatusRecognised, RecognizedOn: day,
					Params: []firstset.Param{{Name: "功率", Value: "1", Unit: "kW"}}}
				if err := tx.CreateProduct(ctx, p); err != nil {
					return err
				}
				ids = append(ids, p.ID)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return ids
}

// BenchmarkCertificateIssue is one certificate issued (signed, stored,
// audited, in batches of 200 a transaction) and laid out as its PDF.
func BenchmarkCertificateIssue(b *testing.B) {
	path, err := document.FindFont("")
	if err != nil {
		b.Skip(err)
	}
	font, err := document.LoadFont(path)
	if err != nil {
		b.Fatal(err)
	}
	for _, db := range []struct {
		name string
		open func(testing.TB) firstset.Store
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}} {
		b.Run(db.name, func(b *testing.B) {
			store := db.open(b)
			cfg := service.DefaultConfig
			cfg.Documents.Font = font
			svc := service.New(store, cfg, slog.New(slog.DiscardHandler))
			sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
			ids := recognisedWithoutCertificates(b, store, b.N, date.MustParse("2026-03-01"), 1)
			b.ResetTimer()
			n, err := svc.IssueMissingCertificates(sys)
			if err != nil || n != b.N {
				b.Fatalf("issued %d of %d: %v", n, b.N, err)
			}
			size := 0
			for _, id := range ids {
				pdf, _, err := svc.CertificatePDF(sys, id, func(t string) string { return "https://example.gov.cn/verify?t=" + t })
				if err != nil {
					b.Fatal(err)
				}
				size += len(pdf)
			}
			b.ReportMetric(float64(size)/float64(b.N), "pdf-bytes")
		})
	}
}

// BenchmarkExpire10000 is one expiry run over 10,000 products whose
// validity has passed.
func BenchmarkExpire10000(b *testing.B) {
	for _, db := range []struct {
		name string
		open func(testing.TB) firstset.Store
	}{{"sqlite", dbtest.SQLite}, {"postgres", dbtest.Postgres}} {
		b.Run(db.name, func(b *testing.B) {
			for i := range b.N {
				b.StopTimer()
				store := db.open(b)
				svc := service.New(store, service.DefaultConfig, slog.New(slog.DiscardHandler))
				svc.Now = func() time.Time { return time.Date(2030, 1, 1, 1, 0, 0, 0, time.UTC) }
				recognisedWithoutCertificates(b, store, 10000, date.MustParse("2024-05-01"), uint64(i+2))
				sys := firstset.NewContextWithActor(context.Background(), firstset.SystemActor())
				b.StartTimer()
				n, err := svc.ExpireDue(sys)
				if err != nil || n != 10000 {
					b.Fatalf("expired %d: %v", n, err)
				}
			}
		})
	}
}
