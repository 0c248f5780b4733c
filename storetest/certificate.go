package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"firstset"
	"firstset/date"
)

// certificateTests check the CertificateStore and LifecycleStore contracts.
var certificateTests = []test{
	{"Certificates", testCertificates},
	{"SigningKeys", testSigningKeys},
	{"ProductEvents", testProductEvents},
	{"ExpireProductsOnce", testExpireProductsOnce},
	{"Reminders", testReminders},
}

// recognisedProduct stores a product recognised on day.
func recognisedProduct(t *testing.T, s firstset.Store, e *firstset.Enterprise, cat int64, name string, on date.Date) *firstset.Product {
	t.Helper()
	p := newProduct(e, cat, name, "M-1")
	p.Status, p.RecognizedOn = firstset.StatusRecognised, on
	return createProduct(t, s, p)
}

func testSigningKeys(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	update(t, s, func(tx firstset.Tx) error {
		return tx.CreateSigningKey(ctx, &firstset.SigningKey{ID: "k1", Public: make([]byte, 32), Private: []byte("pem"), Active: true, CreatedAt: now})
	})
	err := s.Update(ctx, func(tx firstset.Tx) error {
		return tx.CreateSigningKey(ctx, &firstset.SigningKey{ID: "k2", Public: make([]byte, 32), Private: []byte("pem2"), Active: true, CreatedAt: now})
	})
	wantCode(t, err, firstset.ECONFLICT, "active")
	// A key held in a file is stored without its private half, inactive.
	update(t, s, func(tx firstset.Tx) error {
		return tx.CreateSigningKey(ctx, &firstset.SigningKey{ID: "file", Public: make([]byte, 32), CreatedAt: now.Add(time.Hour)})
	})
	update(t, s, func(tx firstset.Tx) error {
		if err := tx.RetireSigningKey(ctx, "k1", now.Add(2*time.Hour)); err != nil {
			return err
		}
		return tx.CreateSigningKey(ctx, &firstset.SigningKey{ID: "k3", Public: make([]byte, 32), Private: []byte("pem3"), Active: true, CreatedAt: now.Add(3 * time.Hour)})
	})
	var keys []*firstset.SigningKey
	view(t, s, func(tx firstset.Tx) (err error) {
		keys, err = tx.SigningKeys(ctx)
		return err
	})
	if len(keys) != 3 || keys[0].ID != "k1" || keys[1].ID != "file" || keys[2].ID != "k3" {
		t.Fatalf("keys %+v", keys)
	}
	if keys[0].Active || keys[0].RetiredAt == nil || !keys[2].Active || string(keys[2].Private) != "pem3" || len(keys[1].Private) != 0 {
		t.Fatalf("key states: %+v %+v %+v", keys[0], keys[1], keys[2])
	}
}

func testCertificates(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	e := createEnterprise(t, s, newEnterprise(1, "500112"))
	cat := categoryID(t, s, "电力装备")
	on := date.MustParse("2026-03-01")
	p := recognisedProduct(t, s, e, cat, "风电主轴轴承", on)
	createProduct(t, s, newProduct(e, cat, "草稿装备", "D-1")) // never recognised: needs none
	update(t, s, func(tx firstset.Tx) error {
		return tx.CreateSigningKey(ctx, &firstset.SigningKey{ID: "k1", Public: make([]byte, 32), Active: true})
	})
	var missing []int64
	view(t, s, func(tx firstset.Tx) (err error) {
		missing, err = tx.ProductsWithoutCertificate(ctx, 10)
		return err
	})
	same(t, "without certificate", missing, []int64{p.ID})
	c := &firstset.Certificate{Number: "CQSTT-2026-0001", ProductID: p.ID, EnterpriseID: e.ID, KeyID: "k1", Token: "t1",
		ProductName: p.Name, Model: p.Model, EnterpriseName: e.Name, CreditCode: e.CreditCode, Category: "电力装备",
		InnovationLevel: firstset.LevelNational, DocumentNumber: "渝经信发〔2026〕1号", RecognizedOn: on,
		ValidUntil: date.MustParse("2029-02-28"), IssuedAt: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	update(t, s, func(tx firstset.Tx) error { return tx.CreateCertificate(ctx, c) })
	dup := *c
	dup.Number = "CQSTT-2026-0002"
	err := s.Update(ctx, func(tx firstset.Tx) error { return tx.CreateCertificate(ctx, &dup) })
	wantCode(t, err, firstset.ECONFLICT, "product_id")
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.CertificateByNumber(ctx, c.Number)
		if err != nil {
			return err
		}
		same(t, "certificate", *got, *c)
		cur, err := tx.CurrentCertificate(ctx, p.ID)
		if err != nil {
			return err
		}
		same(t, "current", cur.Number, c.Number)
		_, err = tx.CertificateByNumber(ctx, "CQSTT-2026-9999")
		wantCode(t, err, firstset.ENOTFOUND, "")
		missing, err = tx.ProductsWithoutCertificate(ctx, 10)
		same(t, "without certificate after issue", len(missing), 0)
		return err
	})
	// A new certificate replaces the current one.
	update(t, s, func(tx firstset.Tx) error {
		if err := tx.SupersedeCertificate(ctx, c.ID, dup.Number); err != nil {
			return err
		}
		return tx.CreateCertificate(ctx, &dup)
	})
	view(t, s, func(tx firstset.Tx) error {
		cur, err := tx.CurrentCertificate(ctx, p.ID)
		if err != nil {
			return err
		}
		same(t, "current after superseding", cur.Number, dup.Number)
		old, err := tx.CertificateByNumber(ctx, c.Number)
		same(t, "superseded by", old.SupersededBy, dup.Number)
		return err
	})
}

func testProductEvents(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	e := createEnterprise(t, s, newEnterprise(1, "500112"))
	p := recognisedProduct(t, s, e, categoryID(t, s, "电力装备"), "风电主轴轴承", date.MustParse("2026-03-01"))
	at := time.Date(2026, 4, 1, 2, 0, 0, 0, time.UTC)
	ev := []*firstset.ProductEvent{
		{ProductID: p.ID, At: at, Actor: "系统", Action: firstset.EventRecognise, StatusAfter: firstset.StatusRecognised,
			ValidUntilAfter: date.MustParse("2029-02-28"), Certificate: "CQSTT-2026-0001", CaseNumber: "RD-2026-000001"},
		{ProductID: p.ID, At: at.Add(time.Hour), ActorID: 7, Actor: "重庆市经济和信息化委员会", Action: string(firstset.AdjustRevoke),
			Reason: "弄虚作假", Document: "渝经信〔2026〕9号", StatusBefore: firstset.StatusRecognised, StatusAfter: firstset.StatusRevoked},
	}
	update(t, s, func(tx firstset.Tx) error {
		for _, x := range ev {
			if err := tx.AppendProductEvent(ctx, x); err != nil {
				return err
			}
		}
		return nil
	})
	view(t, s, func(tx firstset.Tx) error {
		got, err := tx.ProductEvents(ctx, p.ID)
		if err != nil {
			return err
		}
		if len(got) != 2 {
			t.Fatalf("%d events", len(got))
		}
		for i := range ev {
			same(t, "event", *got[i], *ev[i])
		}
		return nil
	})
}

// testExpireProductsOnce: expiry changes only products still recognised,
// reports each once even when run concurrently, and the catalog search sees
// the change.
func testExpireProductsOnce(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	e := createEnterprise(t, s, newEnterprise(1, "500112"))
	cat := categoryID(t, s, "电力装备")
	var ids []int64
	for i := range 20 {
		p := recognisedProduct(t, s, e, cat, "数控机床"+string(rune('A'+i)), date.MustParse("2022-01-01"))
		ids = append(ids, p.ID)
	}
	var dates []firstset.RecognitionDates
	view(t, s, func(tx firstset.Tx) (err error) {
		dates, err = tx.RecognisedProducts(ctx)
		return err
	})
	same(t, "recognised", len(dates), 20)
	var mu sync.Mutex
	counts := map[int64]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := s.Update(ctx, func(tx firstset.Tx) error {
				done, err := tx.ExpireProducts(ctx, ids, time.Now())
				if err != nil {
					return err
				}
				mu.Lock()
				for _, id := range done {
					counts[id]++
				}
				mu.Unlock()
				return nil
			})
			if err != nil {
				t.Errorf("expire: %v", err)
			}
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if counts[id] != 1 {
			t.Fatalf("product %d expired %d times", id, counts[id])
		}
	}
	view(t, s, func(tx firstset.Tx) error {
		page, err := tx.SearchCatalog(ctx, firstset.CatalogQuery{Query: "数控机床", Status: firstset.StatusRecognised, Limit: 100})
		if err != nil {
			return err
		}
		same(t, "recognised after expiry", page.Total, 0)
		page, err = tx.SearchCatalog(ctx, firstset.CatalogQuery{Query: "数控机床", Status: firstset.StatusExpired, Limit: 100})
		same(t, "expired in search", page.Total, 20)
		dates, err = tx.RecognisedProducts(ctx)
		same(t, "recognised left", len(dates), 0)
		return err
	})
	if getProduct(t, s, ids[0]).Status != firstset.StatusExpired {
		t.Fatal("product not expired")
	}
}

func testReminders(t *testing.T, s firstset.Store) {
	ctx := context.Background()
	e := createEnterprise(t, s, newEnterprise(1, "500112"))
	p := recognisedProduct(t, s, e, categoryID(t, s, "电力装备"), "风电主轴轴承", date.MustParse("2026-03-01"))
	until := date.MustParse("2029-02-28")
	record := func(days int, until date.Date) (first bool) {
		update(t, s, func(tx firstset.Tx) (err error) {
			first, err = tx.RecordReminder(ctx, p.ID, days, until, time.Now())
			return err
		})
		return first
	}
	if !record(90, until) || record(90, until) || !record(30, until) || !record(90, until.AddDays(30)) {
		t.Fatal("a reminder is recorded once per product, threshold and validity")
	}
}
