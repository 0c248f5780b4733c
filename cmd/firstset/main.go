// Command firstset runs the first-set equipment policy platform: its web
// server and the operator's tools.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"firstset/cmd/firstset/expertscli"
	"firstset/cmd/firstset/tendercli"
)

const usage = `firstset — 首台套政策服务平台

Usage:
  firstset serve [--addr 127.0.0.1:8080] [--db ./data/firstset.db | postgres://…] [--demo]
  firstset migrate [--db …]
  firstset audit verify [--db …]
  firstset backup [--db …] FILE
  firstset seed [--db …] [--products 100000] [--applications N] [--payments N]   generated catalog (and incentive) data for load tests
  firstset token create [--db …] --user USERNAME --scopes all|S1,S2 [--name NAME] [--expires YYYY-MM-DD]
                 print a new API token for that user (for an integration); --expires is its last day, Asia/Shanghai
  firstset calc [--db DSN] premium-subsidy|first-purchase-reward|allocate FILE|-   the policy calculator (JSON in, JSON out; --db: with the parameters stored there)
  firstset tender check [--json] [--product-file F | --product ID [--db …]] [--insured] FILE
                 check a tender document (.txt .docx .html), optionally for a catalog product
  firstset experts draw --candidates FILE|- --seed S [--n 5]   recompute a case's draw of experts offline
  firstset cert verify --key KEYFILE TOKEN|URL|FILE.pdf|-   verify a certificate offline (KEYFILE: GET /api/v1/certificates/key)
  firstset cert key [--db …]      print the public key ring that verifies certificates
  firstset cert rotate [--db …]   make a new key sign new certificates (old ones still verify)

--addr and --db may also be given as FIRSTSET_ADDR and FIRSTSET_DB.
A --db beginning with postgres:// or postgresql:// selects PostgreSQL;
anything else is the path of an SQLite file.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches a command line; it returns the exit code: 0 success,
// 1 failure, 2 bad usage or bad input.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "serve":
		return serveCommand(ctx, args[1:], stdout, stderr)
	case "migrate":
		return migrateCommand(ctx, args[1:], stdout, stderr)
	case "audit":
		return auditCommand(ctx, args[1:], stdout, stderr)
	case "backup":
		return backupCommand(ctx, args[1:], stdout, stderr)
	case "seed":
		return seedCommand(ctx, args[1:], stdout, stderr)
	case "token":
		return tokenCommand(ctx, args[1:], stdout, stderr)
	case "calc":
		return calcCommand(ctx, args[1:], stdin, stdout, stderr)
	case "cert":
		return certCommand(ctx, args[1:], stdin, stdout, stderr)
	case "experts":
		return expertscli.Run(args[1:], stdin, stdout, stderr)
	case "tender":
		return tendercli.RunWith(args[1:], stdin, stdout, stderr, tenderProductLookup(ctx))
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "firstset: unknown command %q\n\n%s", args[0], usage)
	return 2
}
