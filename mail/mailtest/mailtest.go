// Package mailtest runs an SMTP server on loopback that keeps what it
// receives, for tests that check the platform's email end to end.
package mailtest

import (
	"encoding/base64"
	"io"
	"mime"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Received is one message as the server got it, decoded.
type Received struct {
	From    string
	To      []string
	Subject string
	Body    string
}

// Server is a receiving SMTP server.
type Server struct {
	Addr string
	mu   sync.Mutex
	got  []Received
	t    *testing.T
}

// Start serves on 127.0.0.1 until the test ends.
func Start(t *testing.T) *Server {
	t.Helper()
	s := &Server{t: t}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr = l.Addr().String()
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return s
}

// Messages are the messages received so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.got...)
}

type session struct {
	s  *Server
	in Received
}

func (x *session) Reset()        { x.in = Received{} }
func (x *session) Logout() error { return nil }

func (x *session) Mail(from string, _ *smtp.MailOptions) error { x.in.From = from; return nil }
func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.in.To = append(x.in.To, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	msg, err := netmail.ReadMessage(r)
	if err != nil {
		return err
	}
	var dec mime.WordDecoder
	if x.in.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return err
	}
	body, err := io.ReadAll(msg.Body)
	if err != nil {
		return err
	}
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "base64") {
		if body, err = base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(body))); err != nil {
			return err
		}
	}
	x.in.Body = strings.ReplaceAll(string(body), "\r\n", "\n")
	x.s.mu.Lock()
	x.s.got = append(x.s.got, x.in)
	x.s.mu.Unlock()
	return nil
}
