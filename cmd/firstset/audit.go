package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"firstset/service"
)

// auditCommand runs `firstset audit verify`: it walks the hash chain and
// reports the first entry edited, inserted or deleted out of order. It
// exits 1 when the chain is broken, so it can guard a cron job.
func auditCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(stderr, "usage: firstset audit verify [--db …]")
		return 2
	}
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	db, err := openStore(ctx, *dsn)
	if err != nil {
		fmt.Fprintln(stderr, "firstset audit verify:", err)
		return 1
	}
	defer db.Close()
	v, err := service.VerifyChain(ctx, db)
	if err != nil {
		fmt.Fprintln(stderr, "firstset audit verify:", err)
		return 1
	}
	if v.Problem != nil {
		fmt.Fprintf(stdout, "审计日志校验失败：第 %d 条记录%s（%s）。此前 %d 条记录完好。\n",
			v.Problem.Seq, problemLabel(v.Problem.Kind), v.Problem.Detail, v.Checked)
		return 1
	}
	fmt.Fprintf(stdout, "审计日志完好：共 %d 条记录，哈希链连续。\n", v.Checked)
	return 0
}

func problemLabel(kind string) string {
	switch kind {
	case "edited":
		return "被篡改或伪造"
	case "inserted":
		return "之前被插入了记录，或顺序被打乱"
	case "deleted":
		return "起被删除"
	case "truncated":
		return "起（链尾）被删除"
	case "appended":
		return "为绕过审计私自追加的记录"
	}
	return kind
}
