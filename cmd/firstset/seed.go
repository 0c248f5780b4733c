package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"firstset"
	"firstset/date"
	"firstset/fixture"
)

// seedCommand fills a database with generated enterprises and products, for
// trying the catalog at scale and for load tests; with --applications or
// --payments, incentive rounds over those products too (fixture.LoadIncentives):
// a closed premium-subsidy round with its applications waiting for the
// allocation, and approved rounds with their payments, dated before today
// (the clock of a server started without --now). Each import is recorded in
// the audit log as one entry.
func seedCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	n := fs.Int("products", 100_000, "how many products to generate")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same data")
	apps := fs.Int("applications", 0, "also generate a premium-subsidy round of this year, closed ten days ago, with this many applications at the allocation stage (scored, reviewed) and a budget of 60 % of what they may get (0: none)")
	payments := fs.Int("payments", 0, "also generate approved incentive rounds of this and the two years before with this many disbursements, about two an application (0: none)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *n <= 0 || *n > 2_000_000 {
		fmt.Fprintln(stderr, "firstset seed: --products must be between 1 and 2000000")
		return 2
	}
	if *apps < 0 || *apps > 1_000_000 || *payments < 0 || *payments > 10_000_000 {
		fmt.Fprintln(stderr, "firstset seed: --applications must be between 0 and 1000000, --payments between 0 and 10000000")
		return 2
	}
	db, err := openStore(ctx, *dsn)
	if err != nil {
		fmt.Fprintln(stderr, "firstset seed:", err)
		return 1
	}
	defer db.Close()
	start := time.Now()
	data := fixture.Generate(*n, *seed)
	if err := fixture.Load(ctx, db, data); err != nil {
		fmt.Fprintln(stderr, "firstset seed:", err)
		return 1
	}
	summary, _ := json.Marshal(map[string]any{"enterprises": len(data.Enterprises), "products": len(data.Products), "seed": *seed})
	err = db.Update(ctx, func(tx firstset.Tx) error {
		a := firstset.SystemActor()
		return tx.AppendAudit(ctx, &firstset.AuditEntry{At: time.Now(), ActorID: a.ID(), ActorName: a.Name(),
			Action: "bulk_import", Entity: "catalog", After: summary})
	})
	if err != nil {
		fmt.Fprintln(stderr, "firstset seed:", err)
		return 1
	}
	fmt.Fprintf(stdout, "已生成 %s，用时 %s。\n", data.Summary(), time.Since(start).Round(time.Millisecond))
	if *apps == 0 && *payments == 0 {
		return 0
	}
	start = time.Now()
	sum, err := fixture.LoadIncentives(ctx, db, data, fixture.IncentiveSpec{Applications: *apps, Payments: *payments,
		Today: date.Today(), Seed: *seed})
	if err != nil {
		fmt.Fprintln(stderr, "firstset seed:", err)
		return 1
	}
	summary, _ = json.Marshal(map[string]any{"applications": sum.Waiting, "payments": sum.Payments, "seed": *seed,
		"allocation_round": sum.AllocationRound, "approved_rounds": len(sum.ApprovedRounds)})
	err = db.Update(ctx, func(tx firstset.Tx) error {
		a := firstset.SystemActor()
		return tx.AppendAudit(ctx, &firstset.AuditEntry{At: time.Now(), ActorID: a.ID(), ActorName: a.Name(),
			Action: "bulk_import", Entity: "incentives", After: summary})
	})
	if err != nil {
		fmt.Fprintln(stderr, "firstset seed:", err)
		return 1
	}
	fmt.Fprintf(stdout, "已生成奖补数据：%s，用时 %s。\n", sum, time.Since(start).Round(time.Millisecond))
	return 0
}
