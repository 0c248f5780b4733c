package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"firstset"
	"firstset/cmd/firstset/certcli"
	"firstset/service"
)

// certCommand runs "firstset cert": verify works offline with a key file;
// key and rotate read or change the database's keys.
func certCommand(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "key" && args[0] != "rotate") {
		return certcli.Run(args, stdin, stdout, stderr, time.Now, nil)
	}
	fs := flag.NewFlagSet("cert "+args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "firstset cert %s: unexpected argument %q\n", args[0], fs.Arg(0))
		return 2
	}
	store, err := openStore(ctx, *dsn)
	if err != nil {
		fmt.Fprintf(stderr, "firstset cert %s: %v\n", args[0], err)
		return 1
	}
	defer store.Close()
	svc := service.New(store, service.DefaultConfig, nil)
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	if args[0] == "rotate" {
		id, err := svc.RotateSigningKey(sys)
		if err != nil {
			fmt.Fprintf(stderr, "firstset cert rotate: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "新的签名密钥 %s 已启用：此后签发的证书以它签名，此前的证书仍以原密钥核验。\n", id)
		return 0
	}
	return certcli.Key(nil, stdout, stderr, func() ([]byte, error) { return svc.CertificateKeys(sys) })
}
