package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"firstset/cmd/firstset/calccli"
	"firstset/service"
)

// calcCommand runs the calculator with the policy's own parameters, or,
// given --db first, with the parameters stored in that database (the
// changes administrators made), as the platform computes.
func calcCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) < 2 || args[0] != "--db" {
		return calccli.Run(args, stdin, stdout, stderr)
	}
	dsn := args[1]
	if !isPostgres(dsn) {
		// Opening a missing SQLite file would create an empty database.
		if _, err := os.Stat(dsn); err != nil {
			fmt.Fprintln(stderr, "calc: open database:", err)
			return calccli.ExitBadInput
		}
	}
	store, err := openDB(ctx, dsn)
	if err != nil {
		fmt.Fprintln(stderr, "calc:", err)
		return calccli.ExitBadInput
	}
	defer store.Close()
	svc := service.New(store, service.DefaultConfig, nil)
	if err := svc.LoadParameters(ctx); err != nil {
		fmt.Fprintln(stderr, "calc: stored parameters:", err)
		return calccli.ExitFailure
	}
	return calccli.RunWith(svc.Engine(), args[2:], stdin, stdout, stderr)
}
