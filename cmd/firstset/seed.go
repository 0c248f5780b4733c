package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"firstset"
	"firstset/fixture"
)

// seedCommand fills a database with generated enterprises and products, for
// trying the catalog at scale and for load tests. The import is recorded in
// the audit log as one entry.
func seedCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	n := fs.Int("products", 100_000, "how many products to generate")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same data")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *n <= 0 || *n > 2_000_000 {
		fmt.Fprintln(stderr, "firstset seed: --products must be between 1 and 2000000")
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
	return 0
}
