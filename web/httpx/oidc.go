package httpx

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"firstset"
)

// OIDCConfig names the city's unified identity provider (统一身份认证) and
// the platform's registration with it; a zero one means none.
type OIDCConfig struct {
	Issuer       string
	ClientID     string
	ClientSecret string
}

// OIDCCallbackPath is where the provider sends the browser back; the
// redirect URL registered with it is this path on the public address.
const OIDCCallbackPath = "/login/oidc/callback"

// OIDC is the platform as a relying party of the provider: the
// authorization code flow with PKCE, state and nonce.
type OIDC struct {
	cfg    OIDCConfig
	client *http.Client

	mu       sync.Mutex
	provider *oidc.Provider
	verifier *oidc.IDTokenVerifier
}

// NewOIDC returns the relying party of cfg, nil when cfg names no issuer.
func NewOIDC(cfg OIDCConfig) *OIDC {
	if cfg.Issuer == "" {
		return nil
	}
	// A provider that hangs must not hold a login request for long.
	return &OIDC{cfg: cfg, client: &http.Client{Timeout: 10 * time.Second}}
}

// Issuer is the configured provider's issuer.
func (o *OIDC) Issuer() string { return o.cfg.Issuer }

const errOIDCUnavailable = "统一身份认证服务暂时无法访问，请稍后再试，或使用账号密码登录。"

// discover reads the provider's metadata the first time it is needed, so
// that the platform starts while the provider is down; a failure is tried
// again on the next sign-in.
func (o *OIDC) discover(ctx context.Context) (*oidc.Provider, *oidc.IDTokenVerifier, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.provider != nil {
		return o.provider, o.verifier, nil
	}
	p, err := oidc.NewProvider(oidc.ClientContext(ctx, o.client), o.cfg.Issuer)
	if err != nil {
		return nil, nil, &firstset.Error{Code: firstset.EUNAVAILABLE, Message: errOIDCUnavailable,
			Err: fmt.Errorf("oidc discovery: %w", err)}
	}
	// The verifier checks the signature against the provider's keys, the
	// issuer, the audience (our client id) and the expiry.
	o.provider, o.verifier = p, p.Verifier(&oidc.Config{ClientID: o.cfg.ClientID})
	return o.provider, o.verifier, nil
}

func (o *OIDC) oauth2Config(p *oidc.Provider, redirectURL string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     o.cfg.ClientID,
		ClientSecret: o.cfg.ClientSecret,
		Endpoint:     p.Endpoint(),
		RedirectURL:  redirectURL,
		Scopes:       []string{oidc.ScopeOpenID, "profile", "email"},
	}
}

// OIDCAttempt is one sign-in's secrets, kept in the browser's short-lived
// cookie between leaving for the provider and coming back: the state the
// callback must repeat, the nonce the ID token must carry, the PKCE
// verifier, and the platform page to go on to.
type OIDCAttempt struct {
	State, Nonce, Verifier string
	Next                   string
}

// NewOIDCAttempt returns fresh secrets for a sign-in going on to next
// (a path already made safe).
func NewOIDCAttempt(next string) OIDCAttempt {
	return OIDCAttempt{State: randomToken(), Nonce: randomToken(), Verifier: oauth2.GenerateVerifier(), Next: next}
}

func randomToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // no safe sign-in without it
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// AuthURL is the provider's authorization page for attempt a, asking for
// the S256 code challenge of its verifier.
func (o *OIDC) AuthURL(ctx context.Context, redirectURL string, a OIDCAttempt) (string, error) {
	p, _, err := o.discover(ctx)
	if err != nil {
		return "", err
	}
	return o.oauth2Config(p, redirectURL).AuthCodeURL(a.State, oidc.Nonce(a.Nonce),
		oauth2.S256ChallengeOption(a.Verifier)), nil
}

const errOIDCFailed = "统一身份认证登录未能完成，请重新登录。"

// Exchange trades the code for the provider's tokens with a's verifier,
// verifies the ID token and its nonce, and returns who signed in.
func (o *OIDC) Exchange(ctx context.Context, redirectURL, code string, a OIDCAttempt) (firstset.OIDCIdentity, error) {
	p, verifier, err := o.discover(ctx)
	if err != nil {
		return firstset.OIDCIdentity{}, err
	}
	ctx = oidc.ClientContext(ctx, o.client)
	failed := func(what string, err error) error {
		return &firstset.Error{Code: firstset.EUNAUTHORIZED, Message: errOIDCFailed, Err: fmt.Errorf("oidc %s: %w", what, err)}
	}
	tok, err := o.oauth2Config(p, redirectURL).Exchange(ctx, code, oauth2.VerifierOption(a.Verifier))
	if err != nil {
		return firstset.OIDCIdentity{}, failed("code exchange", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return firstset.OIDCIdentity{}, failed("token response", fmt.Errorf("no id_token"))
	}
	idt, err := verifier.Verify(ctx, raw)
	if err != nil {
		return firstset.OIDCIdentity{}, failed("id token", err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(a.Nonce)) != 1 {
		return firstset.OIDCIdentity{}, failed("id token", fmt.Errorf("nonce does not match"))
	}
	var claims struct {
		Name              string `json:"name"`
		PreferredUsername string `json:"preferred_username"`
		Email             string `json:"email"`
	}
	if err := idt.Claims(&claims); err != nil {
		return firstset.OIDCIdentity{}, failed("id token claims", err)
	}
	name := claims.Name
	if name == "" {
		name = claims.PreferredUsername
	}
	return firstset.OIDCIdentity{Issuer: idt.Issuer, Subject: idt.Subject, Name: name, Email: claims.Email}, nil
}

// OIDCCookie holds an OIDCAttempt, only on the sign-in's own paths.
const (
	OIDCCookie      = "firstset_oidc"
	oidcCookiePath  = "/login/oidc"
	oidcCookieAge   = 10 * time.Minute
	oidcCookieParts = 4
)

// oidcSecure reports whether the sign-in's cookie is Secure: also when the
// platform's public address is https, whatever the hop to it.
func (b *Base) oidcSecure(r *http.Request) bool {
	return b.SecureCookies(r) || strings.HasPrefix(b.PublicURL, "https://")
}

// SetOIDCAttempt keeps a in the browser. SameSite=Lax, not Strict: the
// provider sends the browser back with a top-level navigation from its
// own site, which must carry the cookie.
func (b *Base) SetOIDCAttempt(w http.ResponseWriter, r *http.Request, a OIDCAttempt) {
	value := strings.Join([]string{a.State, a.Nonce, a.Verifier, base64.RawURLEncoding.EncodeToString([]byte(a.Next))}, ".")
	http.SetCookie(w, &http.Cookie{Name: OIDCCookie, Value: value, Path: oidcCookiePath,
		MaxAge: int(oidcCookieAge / time.Second), HttpOnly: true, Secure: b.oidcSecure(r), SameSite: http.SameSiteLaxMode})
	w.Header().Set("Cache-Control", "no-store")
}

// OIDCAttemptFrom reads the browser's attempt, if it has a well-formed one.
func OIDCAttemptFrom(r *http.Request) (OIDCAttempt, bool) {
	c, err := r.Cookie(OIDCCookie)
	if err != nil {
		return OIDCAttempt{}, false
	}
	parts := strings.Split(c.Value, ".")
	if len(parts) != oidcCookieParts || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return OIDCAttempt{}, false
	}
	next, err := base64.RawURLEncoding.DecodeString(parts[3])
	if err != nil {
		return OIDCAttempt{}, false
	}
	return OIDCAttempt{State: parts[0], Nonce: parts[1], Verifier: parts[2], Next: string(next)}, true
}

// ClearOIDCAttempt ends the attempt: a callback is answered once.
func (b *Base) ClearOIDCAttempt(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: OIDCCookie, Value: "", Path: oidcCookiePath, MaxAge: -1,
		HttpOnly: true, Secure: b.oidcSecure(r), SameSite: http.SameSiteLaxMode})
}

// StateMatches reports whether the callback's state is the attempt's,
// compared in constant time; an empty one never matches.
func (a OIDCAttempt) StateMatches(state string) bool {
	return state != "" && subtle.ConstantTimeCompare([]byte(state), []byte(a.State)) == 1
}
