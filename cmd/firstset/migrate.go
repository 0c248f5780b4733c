package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

func migrateCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	db, err := openStore(ctx, *dsn)
	if err != nil {
		fmt.Fprintln(stderr, "firstset migrate:", err)
		return 1
	}
	defer db.Close()
	fmt.Fprintf(stdout, "数据库结构已是最新（%s）。\n", db.Dialect())
	return 0
}
