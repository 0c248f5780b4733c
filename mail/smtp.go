package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The client side is the standard library's net/smtp, not emersion/go-smtp's
// client: it is enough for one message per connection, its PlainAuth already
// refuses to send credentials without TLS except to a loopback host (the rule
// this package wants), and the three TLS modes are a few lines around it
// (dial, then either a TLS client at once or STARTTLS after EHLO). The server
// binary thus needs no third-party SMTP code; go-smtp is used by the tests
// only, as the server they send to.

// TLSMode says how the connection to the SMTP server is protected.
type TLSMode string

const (
	// TLSNone is plain TCP. Credentials are sent only to a loopback host
	// (localhost, 127.0.0.1, ::1).
	TLSNone TLSMode = "none"
	// TLSStartTLS is plain TCP upgraded by STARTTLS before anything else is
	// said. The server must offer STARTTLS: without it nothing is sent, so a
	// man in the middle cannot strip the upgrade.
	TLSStartTLS TLSMode = "starttls"
	// TLSImplicit is TLS from the first byte (SMTPS, usually port 465).
	TLSImplicit TLSMode = "tls"
)

// DefaultTimeout bounds one Send when SMTP.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// SMTP sends through an SMTP server, one connection per message. It is safe
// for concurrent use as long as its fields are not changed.
type SMTP struct {
	// Addr is the server's host:port.
	Addr string
	// From is the envelope sender and the From header: an address as
	// net/mail.ParseAddress reads it, optionally with a display name
	// ("重庆市首台套平台 <noreply@example.gov.cn>"). Its domain names the
	// Message-ID.
	From string
	// Username, when not empty, authenticates with AUTH PLAIN (which the
	// server must then offer). Credentials go only over TLS, or to a
	// loopback host.
	Username string
	Password string
	// TLS is the protection of the connection; empty means TLSStartTLS.
	TLS TLSMode
	// TLSConfig, when not nil, is used for TLSStartTLS and TLSImplicit (a
	// private CA, a test certificate); its ServerName defaults to Addr's
	// host. Nil verifies the server against the system's roots.
	TLSConfig *tls.Config
	// Hello is the name given in EHLO; empty means "localhost".
	Hello string
	// Timeout bounds one Send from dialling to the server's acceptance of
	// the message; zero means DefaultTimeout. A deadline of the context
	// that comes first wins.
	Timeout time.Duration
}

var _ Sender = (*SMTP)(nil)

// Send delivers m to every recipient in one SMTP transaction. It is all or
// nothing: when the server refuses one recipient, the message is sent to
// none. It returns when the server has accepted the message, or with the
// reason it was not, wrapped as "mail: send to …: …". When ctx is done (or
// Timeout passes), the conversation is cut off at once and the error wraps
// ctx's error.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	e, err := m.check()
	if err != nil {
		return failed(m.To, err)
	}
	if err := s.send(ctx, e, m); err != nil {
		return failed(e.rcpts, err)
	}
	return nil
}

func (s *SMTP) send(ctx context.Context, e envelope, m Message) error {
	from, err := parseAddress(s.From)
	if err != nil {
		return fmt.Errorf("sender %q: %w", s.From, err)
	}
	host, _, err := net.SplitHostPort(s.Addr)
	if err != nil {
		return fmt.Errorf("server address: %w", err)
	}
	mode := s.TLS
	if mode == "" {
		mode = TLSStartTLS
	}
	if !slices.Contains([]TLSMode{TLSNone, TLSStartTLS, TLSImplicit}, mode) {
		return fmt.Errorf("TLS mode %q: want none, starttls or tls", mode)
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := ctx.Err(); err != nil {
		return err
	}
	msg := build(from, e, m, time.Now())

	var d net.Dialer
	raw, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return cause(ctx, err)
	}
	defer raw.Close()
	// Every read and write stops at ctx's deadline, and at once when ctx
	// is cancelled: net/smtp knows nothing of contexts, its connection does.
	deadline, _ := ctx.Deadline()
	if err := raw.SetDeadline(deadline); err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { raw.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	conn := raw
	if mode == TLSImplicit {
		tc := tls.Client(raw, s.tlsConfig(host))
		if err := tc.HandshakeContext(ctx); err != nil {
			return cause(ctx, fmt.Errorf("TLS: %w", err))
		}
		conn = tc // net/smtp sees a *tls.Conn and treats the session as encrypted
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return cause(ctx, fmt.Errorf("greeting: %w", err))
	}
	if err := s.converse(c, mode, host, from.Address, e.rcpts, msg); err != nil {
		return cause(ctx, err)
	}
	return nil
}

// converse runs the SMTP conversation after the server's greeting.
func (s *SMTP) converse(c *smtp.Client, mode TLSMode, host, from string, rcpts []string, msg []byte) error {
	hello := s.Hello
	if hello == "" {
		hello = "localhost"
	}
	if err := c.Hello(hello); err != nil {
		return fmt.Errorf("EHLO: %w", err)
	}
	if mode == TLSStartTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("server does not offer STARTTLS (tls=none would send in the clear)")
		}
		if err := c.StartTLS(s.tlsConfig(host)); err != nil {
			return fmt.Errorf("STARTTLS: %w", err)
		}
	}
	if s.Username != "" {
		ok, mechs := c.Extension("AUTH")
		if !ok || !slices.Contains(strings.Fields(strings.ToUpper(mechs)), "PLAIN") {
			return errors.New("server does not offer AUTH PLAIN")
		}
		// PlainAuth refuses an unencrypted connection unless host is
		// localhost, 127.0.0.1 or ::1.
		if err := c.Auth(smtp.PlainAuth("", s.Username, s.Password, host)); err != nil {
			return fmt.Errorf("AUTH: %w", err)
		}
	}
	if err := c.Mail(from); err != nil {
		return fmt.Errorf("sender %s: %w", from, err)
	}
	for _, r := range rcpts {
		if err := c.Rcpt(r); err != nil {
			return fmt.Errorf("recipient %s: %w", r, err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if err := w.Close(); err != nil { // reads the server's answer to the message
		return fmt.Errorf("message: %w", err)
	}
	// The server has taken the message; how the session ends changes
	// nothing about that.
	_ = c.Quit()
	return nil
}

func (s *SMTP) tlsConfig(host string) *tls.Config {
	cfg := &tls.Config{}
	if s.TLSConfig != nil {
		cfg = s.TLSConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = host
	}
	cfg.MinVersion = max(cfg.MinVersion, tls.VersionTLS12)
	return cfg
}

// cause adds ctx's error to err when ctx is done, so that callers can tell
// a cancelled or timed-out send with errors.Is. The connection's deadline is
// ctx's, so a deadline that passed is ctx's even if its timer has not fired
// yet.
func cause(ctx context.Context, err error) error {
	ctxErr := ctx.Err()
	if ctxErr == nil && errors.Is(err, os.ErrDeadlineExceeded) {
		ctxErr = context.DeadlineExceeded
	}
	if ctxErr == nil || errors.Is(err, ctxErr) {
		return err
	}
	return fmt.Errorf("%w: %w", ctxErr, err)
}

// isLoopback is net/smtp's own test for a host PlainAuth may send
// credentials to without TLS, so that ParseURL and Send agree.
func isLoopback(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// ParseURL reads the --smtp flag:
//
//	smtp://[user[:pass]@]host[:port]?from=noreply@example.gov.cn[&tls=none|starttls|tls]
//	smtps://[user[:pass]@]host[:port]?from=noreply@example.gov.cn
//
// from is required and must be a valid address (percent-encoded, it may
// carry a display name). The TLS mode is tls= when given; otherwise smtps://
// means tls, and smtp:// means starttls, except to a loopback host
// (localhost, 127.0.0.1, ::1), where it means none: a relay on the same
// machine, or a test server. smtps:// accepts only tls=tls. The port
// defaults to 465 for tls and to 25 otherwise. A user name and password are
// percent-decoded; credentials with tls=none are refused unless the host is
// loopback. Other parameters, a path or a fragment are refused. Errors never
// repeat the URL, so that a password in it does not reach a log.
func ParseURL(s string) (*SMTP, error) {
	cfg, err := parseURL(s)
	if err != nil {
		return nil, fmt.Errorf("mail: SMTP URL: %w", err)
	}
	return cfg, nil
}

func parseURL(s string) (*SMTP, error) {
	u, err := url.Parse(s)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL itself
		}
		return nil, err
	}
	if u.Scheme != "smtp" && u.Scheme != "smtps" {
		return nil, fmt.Errorf("scheme %q: want smtp:// or smtps://", u.Scheme)
	}
	if u.Opaque != "" || u.Host == "" {
		return nil, errors.New("no host: want " + u.Scheme + "://host")
	}
	host := u.Hostname()
	if host == "" {
		return nil, errors.New("no host")
	}
	if u.Path != "" && u.Path != "/" {
		return nil, errors.New("a path: want nothing after the host but ?from=…")
	}
	if u.Fragment != "" {
		return nil, errors.New("a fragment (#…)")
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	for k, v := range q {
		if k != "from" && k != "tls" {
			return nil, fmt.Errorf("unknown parameter %q: want from and tls", k)
		}
		if len(v) > 1 {
			return nil, fmt.Errorf("parameter %q given twice", k)
		}
	}

	from := q.Get("from")
	if from == "" {
		return nil, errors.New("no from=: the sender address is required")
	}
	if _, err := parseAddress(from); err != nil {
		return nil, fmt.Errorf("from %q: %w", from, err)
	}

	var mode TLSMode
	switch t, given := q["tls"]; {
	case given:
		mode = TLSMode(t[0])
		if !slices.Contains([]TLSMode{TLSNone, TLSStartTLS, TLSImplicit}, mode) {
			return nil, fmt.Errorf("tls=%q: want none, starttls or tls", t[0])
		}
		if u.Scheme == "smtps" && mode != TLSImplicit {
			return nil, fmt.Errorf("tls=%s with smtps://: smtps is TLS from the start", t[0])
		}
	case u.Scheme == "smtps":
		mode = TLSImplicit
	case isLoopback(host):
		mode = TLSNone
	default:
		mode = TLSStartTLS
	}

	port := u.Port()
	switch {
	case port == "" && strings.HasSuffix(u.Host, ":"):
		return nil, errors.New(`port "": want 1 to 65535`)
	case port == "" && mode == TLSImplicit:
		port = "465"
	case port == "":
		port = "25"
	default:
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return nil, fmt.Errorf("port %q: want 1 to 65535", port)
		}
	}

	cfg := &SMTP{Addr: net.JoinHostPort(host, port), From: from, TLS: mode}
	if u.User != nil {
		cfg.Username = u.User.Username()
		cfg.Password, _ = u.User.Password()
		if cfg.Username == "" {
			return nil, errors.New("credentials without a user name")
		}
		if mode == TLSNone && !isLoopback(host) {
			return nil, fmt.Errorf("credentials without TLS to %s: use tls=starttls or tls=tls", host)
		}
	}
	return cfg, nil
}

// String gives the configuration as a URL that ParseURL reads back, with
// the password replaced by "xxxxx": safe to log.
func (s *SMTP) String() string {
	mode := s.TLS
	if mode == "" {
		mode = TLSStartTLS
	}
	u := url.URL{
		Scheme:   "smtp",
		Host:     s.Addr,
		RawQuery: url.Values{"from": {s.From}, "tls": {string(mode)}}.Encode(),
	}
	switch {
	case s.Password != "":
		u.User = url.UserPassword(s.Username, s.Password)
	case s.Username != "":
		u.User = url.User(s.Username)
	}
	return u.Redacted()
}
