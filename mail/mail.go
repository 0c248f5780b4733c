// Package mail sends the platform's notification emails. When the server
// is started with `serve --smtp URL`, the URL is read by ParseURL into an
// SMTP sender; the rest of the platform sees only the Sender interface, and
// its tests use a Recorder instead of a server.
//
// A message is plain text in UTF-8 (subjects and bodies are Chinese). The
// package writes the whole message itself: RFC 2047 encoded words for the
// subject and display names, a base64 body in lines of 76 characters, CRLF
// line endings throughout, and a random Message-ID at the sender's domain.
// Every address is checked with net/mail, and a line break in an address or
// in the subject is refused, so that no caller can add a header or a
// recipient by way of the text it passes in.
package mail

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Message is one email: plain text, UTF-8 (subjects and bodies are Chinese).
//
// Each entry of To is an address as net/mail.ParseAddress reads it, with or
// without a display name ("lisi@example.gov.cn", "李四 <lisi@example.gov.cn>").
// Addresses must be ASCII (an internationalised domain in its xn-- form);
// display names may be any UTF-8. Line breaks in Body may be LF or CRLF and are
// sent as CRLF.
type Message struct {
	To      []string
	Subject string
	Body    string
}

// Sender delivers messages. Send returns only after the message was handed
// over (accepted by the SMTP server, kept by a Recorder) or refused; it gives
// up when ctx is done.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// An envelope is a validated message: the bare addresses for the SMTP
// commands, and the header forms of the recipients.
type envelope struct {
	rcpts   []string // bare addresses, for RCPT TO
	headers []string // as written in the To header
}

// check validates m: at least one recipient, every address well formed and
// free of line breaks, a subject without line breaks, and valid UTF-8.
func (m Message) check() (envelope, error) {
	if len(m.To) == 0 {
		return envelope{}, errors.New("no recipient")
	}
	var e envelope
	for _, s := range m.To {
		a, err := parseAddress(s)
		if err != nil {
			return envelope{}, fmt.Errorf("recipient %q: %w", s, err)
		}
		e.rcpts = append(e.rcpts, a.Address)
		e.headers = append(e.headers, formatAddress(a))
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		return envelope{}, errors.New("subject contains a line break")
	}
	if !utf8.ValidString(m.Subject) {
		return envelope{}, errors.New("subject is not valid UTF-8")
	}
	if !utf8.ValidString(m.Body) {
		return envelope{}, errors.New("body is not valid UTF-8")
	}
	return e, nil
}

// parseAddress reads one address, refusing line breaks before net/mail sees
// them (it would take some of them for folding white space) and addresses
// that are not ASCII (they would need SMTPUTF8, which a relay need not offer).
func parseAddress(s string) (*mail.Address, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, errors.New("contains a line break")
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, err
	}
	for i := 0; i < len(a.Address); i++ {
		if a.Address[i] >= utf8.RuneSelf {
			return nil, errors.New("address is not ASCII")
		}
	}
	return a, nil
}

// formatAddress writes a for a header: the display name, if any, as encoded
// words when it is not plain ASCII, then the address in angle brackets.
func formatAddress(a *mail.Address) string {
	bare := (&mail.Address{Address: a.Address}).String() // "<addr>", local part quoted if need be
	switch {
	case a.Name == "":
		return bare
	case isPlain(a.Name):
		return a.String() // net/mail quotes an ASCII name as needed
	default:
		return encodeText(a.Name) + " " + bare
	}
}

// isPlain reports whether s can stand in a header as it is: printable ASCII,
// with nothing that a reader would take for the start of an encoded word, and
// no space at either end (readers trim those).
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return !strings.Contains(s, "=?") && strings.TrimSpace(s) == s
}

// encodeText returns s as RFC 2047 encoded words ("B" encoding, UTF-8),
// separated by spaces, each at most 75 characters; a reader decodes them back
// to exactly s. Plain text is returned as it is.
func encodeText(s string) string {
	if isPlain(s) {
		return s
	}
	if enc := mime.BEncoding.Encode("UTF-8", s); enc != s {
		return enc
	}
	// mime leaves ASCII alone even where it contains "=?", a tab or a space
	// at either end, which a reader would then decode or trim: encode it
	// here, 45 bytes (60 base64 characters) to a word.
	var words []string
	for len(s) > 0 {
		n := min(len(s), 45)
		words = append(words, "=?UTF-8?b?"+base64.StdEncoding.EncodeToString([]byte(s[:n]))+"?=")
		s = s[n:]
	}
	return strings.Join(words, " ")
}

// writeHeader writes "Name: value" and CRLF, folding at the spaces of value
// (and after the colon, when the first word would not fit) so that lines
// stay within 78 characters wherever value allows. Folding puts CRLF before
// a space, so unfolding gives value back. It does not fold after a space
// (readers trim the white space that ends a line) nor inside a quoted
// display name.
func writeHeader(b *strings.Builder, name, value string) {
	b.WriteString(name)
	b.WriteByte(':')
	n := len(name) + 1
	prev := name
	quoted, escaped := false, false
	for w := range strings.SplitSeq(value, " ") {
		if w != "" && prev != "" && !quoted && n+1+len(w) > 78 {
			b.WriteString("\r\n")
			n = 0
		}
		b.WriteByte(' ')
		b.WriteString(w)
		n += 1 + len(w)
		prev = w
		for i := 0; i < len(w); i++ {
			switch {
			case escaped:
				escaped = false
			case w[i] == '\\' && quoted:
				escaped = true
			case w[i] == '"':
				quoted = !quoted
			}
		}
	}
	b.WriteString("\r\n")
}

// build writes the message from the (validated) sender and envelope: the
// headers, a blank line, the body in base64. Every line ends in CRLF.
func build(from *mail.Address, e envelope, m Message, now time.Time) []byte {
	var b strings.Builder
	domain := from.Address[strings.LastIndexByte(from.Address, '@')+1:]
	writeHeader(&b, "From", formatAddress(from))
	writeHeader(&b, "To", strings.Join(e.headers, ", "))
	writeHeader(&b, "Subject", encodeText(m.Subject))
	writeHeader(&b, "Date", now.Format(time.RFC1123Z))
	writeHeader(&b, "Message-ID", "<"+rand.Text()+"@"+domain+">")
	writeHeader(&b, "Auto-Submitted", "auto-generated") // RFC 3834: no auto-replies to notifications
	writeHeader(&b, "MIME-Version", "1.0")
	writeHeader(&b, "Content-Type", "text/plain; charset=UTF-8")
	writeHeader(&b, "Content-Transfer-Encoding", "base64")
	b.WriteString("\r\n")

	// Text travels in its canonical form, lines ending in CRLF (RFC 2046).
	body := strings.ReplaceAll(m.Body, "\r\n", "\n")
	body = strings.ReplaceAll(body, "\r", "\n")
	body = strings.ReplaceAll(body, "\n", "\r\n")
	enc := base64.StdEncoding.EncodeToString([]byte(body))
	for len(enc) > 0 {
		n := min(len(enc), 76)
		b.WriteString(enc[:n])
		b.WriteString("\r\n")
		enc = enc[n:]
	}
	return []byte(b.String())
}

// failed wraps err with the recipients of the message it was about: the bare
// addresses when they are known, otherwise the list as given, quoted.
func failed(to []string, err error) error {
	who := strings.Join(to, ", ")
	if strings.ContainsFunc(who, func(r rune) bool { return r < ' ' }) || who == "" {
		who = fmt.Sprintf("%q", to)
	}
	return fmt.Errorf("mail: send to %s: %w", who, err)
}
