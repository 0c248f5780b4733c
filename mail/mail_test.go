package mail_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"mime"
	"net"
	netmail "net/mail"
	"net/textproto"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"firstset/mail"
)

// A delivery is what the test server received in one transaction.
type delivery struct {
	from string
	to   []string
	data []byte
	user string // the user that authenticated, if any
	tls  bool   // whether the connection was encrypted
}

// testServer is a real SMTP server (go-smtp) on a loopback port, keeping
// what it receives.
type testServer struct {
	refuse     string // a recipient answered 550
	user, pass string // AUTH PLAIN is offered when user is set

	mu  sync.Mutex
	got []delivery
}

func (ts *testServer) deliveries() []delivery {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return slices.Clone(ts.got)
}

type session struct {
	ts *testServer
	d  delivery
}

func (s *session) Reset()        { s.d = delivery{user: s.d.user, tls: s.d.tls} }
func (s *session) Logout() error { return nil }

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.d.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if to == s.ts.refuse {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	s.d.to = append(s.d.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.d.data = b
	s.ts.mu.Lock()
	defer s.ts.mu.Unlock()
	s.ts.got = append(s.ts.got, s.d)
	return nil
}

func (s *session) AuthMechanisms() []string {
	if s.ts.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.ts.user || pass != s.ts.pass {
			return smtp.ErrAuthFailed
		}
		s.d.user = user
		return nil
	}), nil
}

// serverTLS says whether and how the test server speaks TLS.
type serverTLS int

const (
	plain    serverTLS = iota // no TLS at all
	starttls                  // STARTTLS offered
	implicit                  // TLS from the first byte
)

// start serves ts on host:0 and returns its address.
func (ts *testServer) start(t *testing.T, host string, mode serverTLS, cfg *tls.Config) string {
	t.Helper()
	s := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		_, encrypted := c.TLSConnectionState()
		return &session{ts: ts, d: delivery{tls: encrypted}}, nil
	}))
	s.Domain = "localhost"
	s.AllowInsecureAuth = true // loopback; the client decides whether to send credentials
	s.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		t.Fatal(err)
	}
	switch mode {
	case starttls:
		s.TLSConfig = cfg
	case implicit:
		ln = tls.NewListener(ln, cfg)
	}
	go s.Serve(ln)
	t.Cleanup(func() { s.Close() })
	return ln.Addr().String()
}

// testCert makes a self-signed certificate for 127.0.0.1 and localhost: the
// server's configuration and the pool a client trusts it with.
func testCert(t *testing.T) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "localhost"},
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool
}

const sender = "重庆市首台套平台 <noreply@example.gov.cn>"

func client(addr string) *mail.SMTP {
	return &mail.SMTP{Addr: addr, From: sender, TLS: mail.TLSNone, Timeout: 5 * time.Second}
}

// readMessage parses what the server received, checking the form of every
// line on the way: CRLF endings only, headers within 78 characters, body
// lines within 76.
func readMessage(t *testing.T, data []byte) (*netmail.Message, string) {
	t.Helper()
	if bytes.Count(data, []byte("\n")) != bytes.Count(data, []byte("\r\n")) ||
		bytes.Count(data, []byte("\r")) != bytes.Count(data, []byte("\r\n")) {
		t.Errorf("a line does not end in CRLF:\n%q", data)
	}
	head, body, ok := bytes.Cut(data, []byte("\r\n\r\n"))
	if !ok {
		t.Fatalf("no blank line after the headers:\n%q", data)
	}
	for line := range strings.SplitSeq(string(head), "\r\n") {
		if len(line) > 78 {
			t.Errorf("header line of %d characters: %q", len(line), line)
		}
	}
	for line := range strings.SplitSeq(strings.TrimSuffix(string(body), "\r\n"), "\r\n") {
		if len(line) > 76 {
			t.Errorf("body line of %d characters: %q", len(line), line)
		}
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(msg.Body)
	if err != nil {
		t.Fatal(err)
	}
	text, err := base64.StdEncoding.DecodeString(string(raw)) // CR and LF are skipped
	if err != nil {
		t.Fatalf("body is not base64: %v", err)
	}
	return msg, string(text)
}

func decodeSubject(t *testing.T, msg *netmail.Message) string {
	t.Helper()
	var dec mime.WordDecoder
	s, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("Subject %q: %v", msg.Header.Get("Subject"), err)
	}
	return s
}

func TestSendThroughServer(t *testing.T) {
	ts := &testServer{}
	addr := ts.start(t, "127.0.0.1", plain, nil)
	m := mail.Message{
		To:      []string{"张三 <zhangsan@example.gov.cn>", "lisi@example.com"},
		Subject: "关于2026年度首台（套）重大技术装备认定结果的通知",
		Body: "张三：\n\n贵单位申报的“高速精密数控机床”已通过认定，列入2026年度首台（套）重大技术装备目录，有效期三年。\r\n" +
			"请登录平台查看认定通知书，并于十个工作日内确认。\n\n重庆市经济和信息化委员会\n",
	}
	before := time.Now().Add(-time.Second)
	if err := client(addr).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}

	got := ts.deliveries()
	if len(got) != 1 {
		t.Fatalf("server received %d messages, want 1", len(got))
	}
	d := got[0]
	if d.from != "noreply@example.gov.cn" {
		t.Errorf("MAIL FROM %q", d.from)
	}
	if want := []string{"zhangsan@example.gov.cn", "lisi@example.com"}; !slices.Equal(d.to, want) {
		t.Errorf("RCPT TO %q, want %q", d.to, want)
	}

	msg, body := readMessage(t, d.data)
	if s := decodeSubject(t, msg); s != m.Subject {
		t.Errorf("subject %q, want %q", s, m.Subject)
	}
	// Text is sent in its canonical form, CRLF; a reader turns it back.
	if want := strings.ReplaceAll(strings.ReplaceAll(m.Body, "\r\n", "\n"), "\n", "\r\n"); body != want {
		t.Errorf("body %q, want %q", body, want)
	}
	if got := strings.ReplaceAll(body, "\r\n", "\n"); got != strings.ReplaceAll(m.Body, "\r\n", "\n") {
		t.Errorf("body read back %q", got)
	}

	from, err := msg.Header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "重庆市首台套平台" || from[0].Address != "noreply@example.gov.cn" {
		t.Errorf("From %q: %v, %v", msg.Header.Get("From"), from, err)
	}
	to, err := msg.Header.AddressList("To")
	if err != nil || len(to) != 2 ||
		to[0].Name != "张三" || to[0].Address != "zhangsan@example.gov.cn" ||
		to[1].Name != "" || to[1].Address != "lisi@example.com" {
		t.Errorf("To %q: %v, %v", msg.Header.Get("To"), to, err)
	}
	for k, want := range map[string]string{
		"MIME-Version":              "1.0",
		"Content-Type":              "text/plain; charset=UTF-8",
		"Content-Transfer-Encoding": "base64",
		"Auto-Submitted":            "auto-generated",
	} {
		if got := msg.Header.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	if date, err := msg.Header.Date(); err != nil || date.Before(before) || date.After(time.Now().Add(time.Second)) {
		t.Errorf("Date %q: %v, %v", msg.Header.Get("Date"), date, err)
	}
	id := msg.Header.Get("Message-ID")
	if !regexp.MustCompile(`^<[A-Z2-7]{26}@example\.gov\.cn>$`).MatchString(id) {
		t.Errorf("Message-ID %q", id)
	}

	// A second message has another Message-ID.
	if err := client(addr).Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	msg2, _ := readMessage(t, ts.deliveries()[1].data)
	if id2 := msg2.Header.Get("Message-ID"); id2 == id {
		t.Errorf("two messages share Message-ID %s", id)
	}
}

// Subjects of every shape come back as they were sent, within 78 characters
// a header line.
func TestSubjects(t *testing.T) {
	ts := &testServer{}
	addr := ts.start(t, "127.0.0.1", plain, nil)
	subjects := []string{
		"",
		"通知",
		"Plain ASCII subject",
		strings.Repeat("首台套重大技术装备", 12),
		strings.Repeat("first-set equipment notice ", 6),
		"关于 2026 年度 recognition 结果的通知（第 3 批）",
		"=?UTF-8?b?5L2g?= is not an encoded word here",
		"tab\there",
		" spaces at both ends ",
		"two  spaces  between  words " + strings.Repeat("x", 60),
	}
	for i, subject := range subjects {
		m := mail.Message{To: []string{"a@example.gov.cn"}, Subject: subject, Body: "正文"}
		if err := client(addr).Send(context.Background(), m); err != nil {
			t.Fatalf("%q: %v", subject, err)
		}
		msg, _ := readMessage(t, ts.deliveries()[i].data)
		if got := decodeSubject(t, msg); got != subject {
			t.Errorf("subject %q came back as %q (header %q)", subject, got, msg.Header.Get("Subject"))
		}
	}
}

// Recipients of every shape come back from the To header as they were
// given, however many.
func TestRecipients(t *testing.T) {
	ts := &testServer{}
	addr := ts.start(t, "127.0.0.1", plain, nil)
	to := []string{
		"张三 <zhangsan@example.gov.cn>",
		`"Li, Si" <lisi@example.com>`,
		`"Wang \"Boss\" Wu" <wang@example.com>`,
		"重庆市经济和信息化委员会装备工业处首台套重大技术装备认定工作联系人 <contact@example.gov.cn>",
		"=?UTF-8?b?5L2g?= <encoded@example.com>",  // net/mail decodes it: 你
		`"=?UTF-8?b?5L2g?=" <quoted@example.com>`, // a quoted one stays as it is
	}
	for i := range 10 {
		to = append(to, fmt.Sprintf("user%d@example.gov.cn", i))
	}
	if err := client(addr).Send(context.Background(), mail.Message{To: to, Subject: "通知"}); err != nil {
		t.Fatal(err)
	}
	msg, _ := readMessage(t, ts.deliveries()[0].data)
	got, err := msg.Header.AddressList("To")
	if err != nil {
		t.Fatalf("To %q: %v", msg.Header.Get("To"), err)
	}
	if len(got) != len(to) {
		t.Fatalf("To has %d addresses, want %d", len(got), len(to))
	}
	for i, s := range to {
		want, err := netmail.ParseAddress(s)
		if err != nil {
			t.Fatal(err)
		}
		if *got[i] != *want {
			t.Errorf("recipient %d: %q, want %q", i, got[i], want)
		}
	}
}

func TestParseURL(t *testing.T) {
	const from = "noreply@example.gov.cn"
	good := []struct {
		url  string
		want mail.SMTP
	}{
		{"smtp://127.0.0.1:2525?from=" + from,
			mail.SMTP{Addr: "127.0.0.1:2525", From: from, TLS: mail.TLSNone}},
		{"smtp://localhost?from=" + from,
			mail.SMTP{Addr: "localhost:25", From: from, TLS: mail.TLSNone}},
		{"smtp://[::1]:2525?from=" + from,
			mail.SMTP{Addr: "[::1]:2525", From: from, TLS: mail.TLSNone}},
		{"smtp://smtp.example.gov.cn?from=" + from,
			mail.SMTP{Addr: "smtp.example.gov.cn:25", From: from, TLS: mail.TLSStartTLS}},
		{"SMTP://smtp.example.gov.cn:587/?from=" + from + "&tls=starttls",
			mail.SMTP{Addr: "smtp.example.gov.cn:587", From: from, TLS: mail.TLSStartTLS}},
		{"smtp://smtp.example.gov.cn?tls=tls&from=" + from,
			mail.SMTP{Addr: "smtp.example.gov.cn:465", From: from, TLS: mail.TLSImplicit}},
		{"smtp://smtp.example.gov.cn?tls=none&from=" + from,
			mail.SMTP{Addr: "smtp.example.gov.cn:25", From: from, TLS: mail.TLSNone}},
		{"smtps://notify:p%40ss%3Aw0rd@smtp.example.gov.cn?from=" + from,
			mail.SMTP{Addr: "smtp.example.gov.cn:465", From: from, TLS: mail.TLSImplicit, Username: "notify", Password: "p@ss:w0rd"}},
		{"smtps://notify@smtp.example.gov.cn:4650?tls=tls&from=" + from,
			mail.SMTP{Addr: "smtp.example.gov.cn:4650", From: from, TLS: mail.TLSImplicit, Username: "notify"}},
		{"smtp://notify:secret@127.0.0.1:2525?from=" + from,
			mail.SMTP{Addr: "127.0.0.1:2525", From: from, TLS: mail.TLSNone, Username: "notify", Password: "secret"}},
		{"smtp://smtp.example.gov.cn?from=" + url.QueryEscape(sender),
			mail.SMTP{Addr: "smtp.example.gov.cn:25", From: sender, TLS: mail.TLSStartTLS}},
	}
	for _, c := range good {
		got, err := mail.ParseURL(c.url)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", c.url, err)
			continue
		}
		if *got != c.want {
			t.Errorf("ParseURL(%q) = %+v, want %+v", c.url, *got, c.want)
		}
	}

	bad := map[string]string{
		"": "scheme",
		"http://smtp.example.gov.cn?from=" + from:                             "scheme",
		"smtp.example.gov.cn:25":                                              "scheme",
		"smtp:smtp.example.gov.cn?from=" + from:                               "no host",
		"smtp://?from=" + from:                                                "no host",
		"smtp://smtp.example.gov.cn":                                          "no from",
		"smtp://smtp.example.gov.cn?from=":                                    "no from",
		"smtp://smtp.example.gov.cn?from=noreply":                             "from",
		"smtp://smtp.example.gov.cn?from=a%0D%0ABcc%3Aevil%40example.com":     "line break",
		"smtp://smtp.example.gov.cn?from=%E5%BC%A0%40example.gov.cn":          "not ASCII",
		"smtp://smtp.example.gov.cn?from=" + from + "&from=x@example.gov.cn":  "twice",
		"smtp://smtp.example.gov.cn?form=" + from:                             "unknown parameter",
		"smtp://smtp.example.gov.cn/inbox?from=" + from:                       "path",
		"smtp://smtp.example.gov.cn?from=" + from + "#x":                      "fragment",
		"smtp://smtp.example.gov.cn:0?from=" + from:                           "port",
		"smtp://smtp.example.gov.cn:65536?from=" + from:                       "port",
		"smtp://smtp.example.gov.cn:smtp?from=" + from:                        "port",
		"smtp://smtp.example.gov.cn:?from=" + from:                            "port",
		"smtp://smtp.example.gov.cn?from=" + from + "&tls=ssl":                "tls",
		"smtp://smtp.example.gov.cn?from=" + from + "&tls=":                   "tls",
		"smtp://smtp.example.gov.cn?from=" + from + "&tls=TLS":                "tls",
		"smtps://smtp.example.gov.cn?from=" + from + "&tls=starttls":          "smtps",
		"smtp://notify:secret@smtp.example.gov.cn?from=" + from + "&tls=none": "without TLS",
		"smtp://:secret@smtp.example.gov.cn?from=" + from:                     "user name",
	}
	for in, want := range bad {
		got, err := mail.ParseURL(in)
		if err == nil {
			t.Errorf("ParseURL(%q) = %+v, want an error about %s", in, got, want)
			continue
		}
		if !strings.HasPrefix(err.Error(), "mail: SMTP URL: ") || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseURL(%q): %v; want mail: SMTP URL: …%s…", in, err, want)
		}
	}

	// A password never appears in an error, even when url.Parse is the one
	// that refuses.
	for _, in := range []string{
		"smtp://notify:s3cret@smtp.example.gov.cn:99999?from=" + from,
		"smtp://notify:s3cret@smtp.example.gov.cn:x?from=" + from,
		"smtp://notify:s3cret@smtp.example.gov.cn?from=" + from + "&tls=none",
	} {
		if _, err := mail.ParseURL(in); err == nil || strings.Contains(err.Error(), "s3cret") {
			t.Errorf("ParseURL(%q): %v", in, err)
		}
	}
}

// String hides the password and reads back.
func TestString(t *testing.T) {
	s, err := mail.ParseURL("smtps://notify:s3cret@smtp.example.gov.cn?from=noreply@example.gov.cn")
	if err != nil {
		t.Fatal(err)
	}
	str := s.String()
	if strings.Contains(str, "s3cret") || fmt.Sprint(s) != str {
		t.Errorf("String() = %q", str)
	}
	back, err := mail.ParseURL(str)
	if err != nil {
		t.Fatal(err)
	}
	back.Password = s.Password
	if *back != *s {
		t.Errorf("read back %+v, want %+v", *back, *s)
	}
}

func ExampleParseURL() {
	s, err := mail.ParseURL("smtps://notify:secret@smtp.example.gov.cn?from=noreply@example.gov.cn")
	fmt.Println(s, err)
	// Output: smtp://notify:xxxxx@smtp.example.gov.cn:465?from=noreply%40example.gov.cn&tls=tls <nil>
}

// Text that would add a header or a recipient is refused before anything is
// sent, by SMTP and Recorder alike; so are bad addresses.
func TestRefusedMessages(t *testing.T) {
	ts := &testServer{}
	addr := ts.start(t, "127.0.0.1", plain, nil)
	ok := mail.Message{To: []string{"a@example.gov.cn"}, Subject: "通知", Body: "正文"}
	with := func(f func(*mail.Message)) mail.Message {
		m := ok
		m.To = slices.Clone(ok.To)
		f(&m)
		return m
	}
	cases := map[string]mail.Message{
		"CRLF in an address":     with(func(m *mail.Message) { m.To = []string{"a@example.gov.cn\r\nBcc: evil@example.com"} }),
		"LF in an address":       with(func(m *mail.Message) { m.To = []string{"a@example.gov.cn\nBcc: evil@example.com"} }),
		"CR in an address":       with(func(m *mail.Message) { m.To = append(m.To, "b@example.gov.cn\r") }),
		"CRLF in a display name": with(func(m *mail.Message) { m.To = []string{"张三\r\n <a@example.gov.cn>"} }),
		"CRLF in the subject":    with(func(m *mail.Message) { m.Subject = "通知\r\nBcc: evil@example.com" }),
		"LF in the subject":      with(func(m *mail.Message) { m.Subject = "通知\nX-Evil: 1" }),
		"CR in the subject":      with(func(m *mail.Message) { m.Subject = "通知\r" }),
		"no recipient":           with(func(m *mail.Message) { m.To = nil }),
		"not an address":         with(func(m *mail.Message) { m.To = []string{"张三"} }),
		"two addresses in one":   with(func(m *mail.Message) { m.To = []string{"a@example.gov.cn, evil@example.com"} }),
		"a non-ASCII address":    with(func(m *mail.Message) { m.To = []string{"张三@example.gov.cn"} }),
		"subject not UTF-8":      with(func(m *mail.Message) { m.Subject = "\xff" }),
		"body not UTF-8":         with(func(m *mail.Message) { m.Body = "\xc3" }),
	}
	var rec mail.Recorder
	for name, m := range cases {
		err := client(addr).Send(context.Background(), m)
		if err == nil || !strings.HasPrefix(err.Error(), "mail: send to ") || strings.ContainsAny(err.Error(), "\r\n") {
			t.Errorf("%s: SMTP.Send: %v", name, err)
		}
		if err := rec.Send(context.Background(), m); err == nil {
			t.Errorf("%s: Recorder.Send took it", name)
		}
	}

	bad := client(addr)
	bad.From = "noreply@example.gov.cn\r\nBcc: evil@example.com"
	if err := bad.Send(context.Background(), ok); err == nil || !strings.Contains(err.Error(), "line break") {
		t.Errorf("sender with a line break: %v", err)
	}
	bad.From = ""
	if err := bad.Send(context.Background(), ok); err == nil || !strings.Contains(err.Error(), "sender") {
		t.Errorf("no sender: %v", err)
	}

	if n := len(ts.deliveries()); n != 0 {
		t.Errorf("server received %d messages", n)
	}
	if n := len(rec.Messages()); n != 0 {
		t.Errorf("recorder kept %d messages", n)
	}
}

// A recipient the server refuses fails the whole message.
func TestRecipientRefused(t *testing.T) {
	ts := &testServer{refuse: "nobody@example.gov.cn"}
	addr := ts.start(t, "127.0.0.1", plain, nil)
	m := mail.Message{To: []string{"a@example.gov.cn", "无此人 <nobody@example.gov.cn>"}, Subject: "通知", Body: "正文"}
	err := client(addr).Send(context.Background(), m)
	if err == nil {
		t.Fatal("sent to a refused recipient")
	}
	if !strings.HasPrefix(err.Error(), "mail: send to a@example.gov.cn, nobody@example.gov.cn: recipient nobody@example.gov.cn: ") {
		t.Errorf("error %q", err)
	}
	var te *textproto.Error
	if !errors.As(err, &te) || te.Code != 550 {
		t.Errorf("error %v does not carry the server's 550", err)
	}
	if n := len(ts.deliveries()); n != 0 {
		t.Errorf("server received %d messages", n)
	}
}

// silent accepts connections and never says a word.
func silent(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String()
}

// Against a server that never answers, Send gives up at its Timeout or when
// its context is done, whichever comes first, and says which.
func TestSilentServer(t *testing.T) {
	addr := silent(t)
	m := mail.Message{To: []string{"a@example.gov.cn"}, Subject: "通知", Body: "正文"}
	const short = 100 * time.Millisecond
	cases := []struct {
		name    string
		timeout time.Duration
		tls     mail.TLSMode
		ctx     func() (context.Context, context.CancelFunc)
		want    error
	}{
		{"Timeout", short, mail.TLSNone, func() (context.Context, context.CancelFunc) {
			return context.WithCancel(context.Background())
		}, context.DeadlineExceeded},
		{"Timeout in the TLS handshake", short, mail.TLSImplicit, func() (context.Context, context.CancelFunc) {
			return context.WithCancel(context.Background())
		}, context.DeadlineExceeded},
		{"ctx deadline", time.Minute, mail.TLSNone, func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), short)
		}, context.DeadlineExceeded},
		{"ctx cancelled", time.Minute, mail.TLSStartTLS, func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(short, cancel)
			return ctx, cancel
		}, context.Canceled},
		{"ctx cancelled before", time.Minute, mail.TLSNone, func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, context.Canceled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := client(addr)
			s.Timeout, s.TLS = c.timeout, c.tls
			ctx, cancel := c.ctx()
			defer cancel()
			start := time.Now()
			err := s.Send(ctx, m)
			took := time.Since(start)
			if !errors.Is(err, c.want) {
				t.Errorf("error %v, want %v", err, c.want)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "mail: send to a@example.gov.cn: ") {
				t.Errorf("error %q", err)
			}
			if took > 2*time.Second {
				t.Errorf("took %v", took)
			}
		})
	}
}

func TestAuth(t *testing.T) {
	m := mail.Message{To: []string{"a@example.gov.cn"}, Subject: "通知", Body: "正文"}
	ts := &testServer{user: "notify", pass: "密码 secret"}
	addr := ts.start(t, "127.0.0.1", plain, nil)

	// Loopback: net/smtp lets credentials go without TLS.
	s := client(addr)
	s.Username, s.Password = "notify", "密码 secret"
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if got := ts.deliveries(); len(got) != 1 || got[0].user != "notify" {
		t.Errorf("deliveries %+v, want one from user notify", got)
	}

	s.Password = "wrong"
	if err := s.Send(context.Background(), m); err == nil || !strings.Contains(err.Error(), "AUTH") || !strings.Contains(err.Error(), "535") {
		t.Errorf("wrong password: %v", err)
	}

	// No AUTH offered: the credentials are not dropped silently.
	noauth := &testServer{}
	s = client(noauth.start(t, "127.0.0.1", plain, nil))
	s.Username, s.Password = "notify", "secret"
	if err := s.Send(context.Background(), m); err == nil || !strings.Contains(err.Error(), "does not offer AUTH") {
		t.Errorf("server without AUTH: %v", err)
	}

	if n := len(ts.deliveries()) + len(noauth.deliveries()); n != 1 {
		t.Errorf("servers received %d messages, want 1", n)
	}
}

// A host that is not named as loopback gets no credentials without TLS,
// even where the address is loopback in fact (127.0.0.2 on Linux).
func TestAuthRefusedWithoutTLS(t *testing.T) {
	if ln, err := net.Listen("tcp", "127.0.0.2:0"); err != nil {
		t.Skipf("cannot listen on 127.0.0.2: %v", err)
	} else {
		ln.Close()
	}
	ts := &testServer{user: "notify", pass: "secret"}
	s := client(ts.start(t, "127.0.0.2", plain, nil))
	s.Username, s.Password = "notify", "secret"
	err := s.Send(context.Background(), mail.Message{To: []string{"a@example.gov.cn"}, Subject: "通知"})
	if err == nil || !strings.Contains(err.Error(), "unencrypted") {
		t.Errorf("credentials without TLS: %v", err)
	}
	if n := len(ts.deliveries()); n != 0 {
		t.Errorf("server received %d messages", n)
	}
}

func TestTLS(t *testing.T) {
	cfg, pool := testCert(t)
	m := mail.Message{To: []string{"a@example.gov.cn"}, Subject: "加密通知", Body: "正文"}
	for _, c := range []struct {
		name   string
		server serverTLS
		mode   mail.TLSMode
	}{
		{"starttls", starttls, mail.TLSStartTLS},
		{"tls", implicit, mail.TLSImplicit},
	} {
		t.Run(c.name, func(t *testing.T) {
			ts := &testServer{user: "notify", pass: "secret"}
			s := client(ts.start(t, "127.0.0.1", c.server, cfg))
			s.TLS, s.TLSConfig = c.mode, &tls.Config{RootCAs: pool}
			s.Username, s.Password = "notify", "secret"
			if err := s.Send(context.Background(), m); err != nil {
				t.Fatal(err)
			}
			got := ts.deliveries()
			if len(got) != 1 || !got[0].tls || got[0].user != "notify" {
				t.Fatalf("deliveries %+v, want one over TLS from notify", got)
			}
			msg, _ := readMessage(t, got[0].data)
			if s := decodeSubject(t, msg); s != m.Subject {
				t.Errorf("subject %q", s)
			}

			// A certificate the client does not trust stops it.
			s.TLSConfig = nil
			if err := s.Send(context.Background(), m); err == nil || !strings.Contains(err.Error(), "certificate") {
				t.Errorf("untrusted certificate: %v", err)
			}
		})
	}

	// starttls is required, not opportunistic.
	ts := &testServer{}
	s := client(ts.start(t, "127.0.0.1", plain, nil))
	s.TLS = mail.TLSStartTLS
	if err := s.Send(context.Background(), m); err == nil || !strings.Contains(err.Error(), "does not offer STARTTLS") {
		t.Errorf("server without STARTTLS: %v", err)
	}
	s.TLS = ""
	if err := s.Send(context.Background(), m); err == nil || !strings.Contains(err.Error(), "does not offer STARTTLS") {
		t.Errorf("empty TLS mode: %v, want starttls", err)
	}
	if n := len(ts.deliveries()); n != 0 {
		t.Errorf("server received %d messages in the clear", n)
	}
}

func TestRecorder(t *testing.T) {
	var rec mail.Recorder
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			m := mail.Message{To: []string{fmt.Sprintf("u%d@example.gov.cn", i)}, Subject: "通知", Body: fmt.Sprint(i)}
			if err := rec.Send(context.Background(), m); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got := rec.Messages()
	if len(got) != 20 {
		t.Fatalf("%d messages, want 20", len(got))
	}
	var bodies []string
	for _, m := range got {
		if m.To[0] != "u"+m.Body+"@example.gov.cn" {
			t.Errorf("message %+v mixed up", m)
		}
		bodies = append(bodies, m.Body)
	}
	slices.Sort(bodies)
	if bodies = slices.Compact(bodies); len(bodies) != 20 {
		t.Errorf("bodies %v", bodies)
	}

	// What it keeps and returns are copies.
	to := []string{"a@example.gov.cn"}
	var r2 mail.Recorder
	if err := r2.Send(context.Background(), mail.Message{To: to}); err != nil {
		t.Fatal(err)
	}
	to[0] = "changed@example.gov.cn"
	r2.Messages()[0].To[0] = "changed@example.gov.cn"
	if got := r2.Messages()[0].To[0]; got != "a@example.gov.cn" {
		t.Errorf("kept %q", got)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := r2.Send(ctx, mail.Message{To: to}); !errors.Is(err, context.Canceled) {
		t.Errorf("done context: %v", err)
	}
}
