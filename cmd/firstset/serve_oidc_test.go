package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"firstset/web"
)

func TestServeRefusesAnIncompleteIdentityProvider(t *testing.T) {
	for _, c := range []struct {
		args    []string
		message string
	}{
		{[]string{"--oidc-issuer", "https://idp.example.gov.cn"}, "needs --oidc-client-id"},
		{[]string{"--oidc-client-id", "firstset"}, "need --oidc-issuer"},
		{[]string{"--oidc-issuer", "http://idp.example.gov.cn", "--oidc-client-id", "firstset"}, "must be https"},
		{[]string{"--oidc-issuer", "idp.example.gov.cn", "--oidc-client-id", "firstset"}, "not an absolute URL"},
	} {
		var out, errs syncBuffer
		args := append([]string{"serve", "--db", filepath.Join(t.TempDir(), "fs.db")}, c.args...)
		if code := run(context.Background(), args, nil, &out, &errs); code != 2 || !strings.Contains(errs.String(), c.message) {
			t.Errorf("%v: exit %d, want 2 with %q: %s", c.args, code, c.message, errs.String())
		}
	}
}

func TestCheckOIDCAcceptsALocalTrialProvider(t *testing.T) {
	for _, issuer := range []string{"", "https://idp.example.gov.cn/realms/cq", "http://127.0.0.1:5556/dex", "http://localhost:8081"} {
		c := web.OIDCConfig{Issuer: issuer}
		if issuer != "" {
			c.ClientID = "firstset"
		}
		if err := checkOIDC(c); err != nil {
			t.Errorf("%q: %v", issuer, err)
		}
	}
}
