package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

// backupCommand writes a consistent copy of the database while servers keep
// running against it.
func backupCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: firstset backup [--db …] FILE")
		return 2
	}
	db, err := openStore(ctx, *dsn)
	if err != nil {
		fmt.Fprintln(stderr, "firstset backup:", err)
		return 1
	}
	defer db.Close()
	if err := db.Backup(ctx, fs.Arg(0)); err != nil {
		fmt.Fprintln(stderr, "firstset backup:", err)
		return 1
	}
	fmt.Fprintf(stdout, "备份已写入 %s。\n", fs.Arg(0))
	return 0
}
