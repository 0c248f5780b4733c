package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"firstset"
	"firstset/date"
	"firstset/service"
)

const tokenUsage = `usage: firstset token create [--db …] --user USERNAME --scopes all|S1,S2 [--name NAME] [--expires YYYY-MM-DD]`

// tokenCommand runs `firstset token create`: the operator's way to give an
// integration (an insurer's, a bank's) an API token acting for one user.
// Only the token goes to stdout, so $(firstset token create …) captures
// it; what it is goes to stderr. The token is audited like any other.
func tokenCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "create" {
		fmt.Fprintln(stderr, tokenUsage)
		return 2
	}
	fs := flag.NewFlagSet("token create", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := dbFlag(fs)
	username := fs.String("user", "", "the user the token acts for (required)")
	scopeList := fs.String("scopes", "", "all (every scope the user's role may hold), or a comma-separated list of: "+scopeNames())
	name := fs.String("name", "", `the token's name, as its owner sees it on the 访问令牌 page (default "运维签发 YYYY-MM-DD")`)
	expires := fs.String("expires", "", "the last day the token works, YYYY-MM-DD; it stops at the end of that day, Asia/Shanghai time (default: never)")
	if err := fs.Parse(args[1:]); err != nil {
		return 2
	}
	usageError := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "firstset token create: "+format+"\n%s\n", append(a, tokenUsage)...)
		return 2
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	if strings.TrimSpace(*username) == "" {
		return usageError("--user is required")
	}
	grant := firstset.TokenGrant{Username: *username, TokenInput: firstset.TokenInput{Name: *name}}
	switch s := strings.TrimSpace(*scopeList); s {
	case "":
		return usageError("--scopes is required: all, or a comma-separated list")
	case "all":
		grant.AllScopes = true
	default:
		for _, sc := range strings.Split(s, ",") {
			if sc = strings.TrimSpace(sc); sc == "" {
				return usageError("--scopes %q has an empty entry", s)
			}
			grant.Scopes = append(grant.Scopes, firstset.Scope(sc))
		}
	}
	if *expires != "" {
		d, err := date.Parse(*expires)
		if err != nil {
			return usageError("--expires %q is not a date YYYY-MM-DD", *expires)
		}
		end := firstset.TokenExpiry(d)
		grant.ExpiresAt = &end
	}

	db, err := openStore(ctx, *dsn)
	if err != nil {
		fmt.Fprintln(stderr, "firstset token create:", err)
		return 1
	}
	defer db.Close()
	svc := service.New(db, service.DefaultConfig, slog.New(slog.DiscardHandler))
	if grant.Name == "" {
		grant.Name = "运维签发 " + date.FromTime(svc.Now()).String()
	}
	token, secret, err := svc.IssueToken(firstset.NewContextWithActor(ctx, firstset.SystemActor()), grant)
	if err != nil {
		return tokenFailure(stderr, err)
	}
	fmt.Fprintln(stdout, secret)
	scopes := make([]string, len(token.Scopes))
	for i, sc := range token.Scopes {
		scopes[i] = string(sc)
	}
	until := "长期有效"
	if token.ExpiresAt != nil {
		until = "有效至 " + date.FromTime(*token.ExpiresAt).String() + "（北京时间）当日结束"
	}
	fmt.Fprintf(stderr, "已为用户 %s 签发访问令牌「%s」（编号 %d，前缀 %s），权限：%s；%s。令牌只显示这一次，请妥善保存；撤销请登录该用户的访问令牌页面或由管理员处理。\n",
		strings.ToLower(strings.TrimSpace(*username)), token.Name, token.ID, token.Prefix, strings.Join(scopes, ", "), until)
	return 0
}

// tokenFailure explains a refused grant, naming the flag at fault, and
// returns the exit code: 2 for bad input, 1 for anything else.
func tokenFailure(stderr io.Writer, err error) int {
	e, ok := firstset.AsError(err)
	if !ok || (e.Code != firstset.EINVALID && e.Code != firstset.ENOTFOUND) {
		fmt.Fprintln(stderr, "firstset token create:", err)
		return 1
	}
	fields := e.Fields
	if len(fields) == 0 {
		fields = []firstset.FieldError{{Field: e.Field, Message: e.Message}}
	}
	for _, f := range fields {
		flagName := map[string]string{"user": "--user", "scopes": "--scopes", "expires_at": "--expires", "name": "--name"}[f.Field]
		if flagName == "" {
			flagName = f.Field
		}
		fmt.Fprintf(stderr, "firstset token create: %s: %s\n", flagName, f.Message)
	}
	return 2
}

// scopeNames lists every scope, for the help text.
func scopeNames() string {
	names := make([]string, len(firstset.Scopes))
	for i, s := range firstset.Scopes {
		names[i] = string(s.Scope)
	}
	return strings.Join(names, ", ")
}
