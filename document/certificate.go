package document

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/skip2/go-qrcode"
)

// TokenMarker prefixes the token in a certificate PDF's Subject, so a
// verifier reads the token from the file without decoding the QR code.
const TokenMarker = "firstset-certificate-token:"

// CertificateTitle heads every product certificate.
const CertificateTitle = "重庆市首台（套）重大技术装备证书"

// CertificateOptions is what a certificate PDF needs besides its claims.
type CertificateOptions struct {
	Font      *Font
	Issuer    string // the issuing office; DefaultIssuer when empty
	Token     string // the claims' signed token, carried in the PDF
	VerifyURL string // what the QR code encodes, e.g. https://host/verify?t=TOKEN
}

// CertificatePDF lays out a product certificate on one A4 page: the
// facts, a QR code of the verify URL, the issuing office and the date.
func CertificatePDF(c CertificateClaims, opts CertificateOptions) ([]byte, error) {
	if opts.Token == "" || opts.VerifyURL == "" {
		return nil, errors.New("certificate pdf: a token and a verify URL are required")
	}
	issuer := opts.Issuer
	if issuer == "" {
		issuer = DefaultIssuer
	}
	p, err := newPage(opts.Font, pdfInfo{
		Title:   CertificateTitle + " " + c.Number,
		Author:  issuer,
		Subject: TokenMarker + opts.Token,
	})
	if err != nil {
		return nil, fmt.Errorf("certificate pdf: %w", err)
	}
	if err := layCertificate(p, c, opts, issuer); err != nil {
		return nil, fmt.Errorf("certificate pdf %s: %w", c.Number, err)
	}
	return p.bytes()
}

// The page's frame and margins, in points.
const (
	frameOuter = 28.0
	frameInner = 35.0
	marginX    = 68.0
)

func layCertificate(p *page, c CertificateClaims, opts CertificateOptions, issuer string) error {
	left, right := marginX, pageWidth-marginX

	// A double frame: a red rule and a thin gold one inside it.
	p.rect(frameOuter, frameOuter, pageWidth-2*frameOuter, pageHeight-2*frameOuter, 2.4, darkRed)
	p.rect(frameInner, frameInner, pageWidth-2*frameInner, pageHeight-2*frameInner, 0.8, darkGold)

	if err := p.font(24); err != nil {
		return err
	}
	p.ink(darkRed)
	if err := p.spaced(left, right, 92, 1.5, CertificateTitle); err != nil {
		return err
	}
	p.line(left+40, 136, right-40, 136, 1.2, darkRed)
	p.line(left+40, 139.5, right-40, 139.5, 0.5, darkRed)

	if err := p.font(12); err != nil {
		return err
	}
	p.ink(black)
	if err := p.centered(left, right, 152, "证书编号："+c.Number); err != nil {
		return err
	}

	if err := p.font(13); err != nil {
		return err
	}
	y, err := p.paragraph(left+26, 190, right-left-26, 22, "经组织申报、专家评审和社会公示，下列产品认定为重庆市首台（套）重大技术装备，特发此证。")
	if err != nil {
		return err
	}

	rows := [][2]string{
		{"产品名称", c.ProductName},
		{"型　　号", c.Model},
		{"生产企业", c.Enterprise},
		{"统一社会信用代码", c.CreditCode},
		{"装备类别", c.Category},
		{"创新级别", c.InnovationLabel},
		{"认定文号", orDash(c.DocumentNumber)},
		{"认定日期", chineseDate(c.RecognizedOn)},
		{"有效期至", chineseDate(c.ValidUntil)},
	}

	// Below the table: the QR code with its caption beside the issuer,
	// then the note, ending above the inner frame. A long table pushes
	// this band down; one too long for it is set smaller.
	const (
		qrSize    = 128.0
		bandBelow = qrSize + 26 + 3*13 // the caption, the gap and three lines of note
		bandTop   = 560.0              // where the band sits under a short table
	)
	limit := pageHeight - frameInner - 10 - bandBelow
	var table *tableLayout
	for _, size := range []float64{12.5, 11.5, 10.5, 9.5} {
		if table, err = layTable(p, rows, right-left, size); err != nil {
			return err
		}
		if y+12+table.height+24 <= limit {
			break
		}
	}
	if y+12+table.height+24 > limit {
		return errors.New("the facts are too long for one page")
	}
	if y, err = table.draw(p, left, right, y+12); err != nil {
		return err
	}
	band := max(y+24, bandTop)

	qr, err := qrPNG(opts.VerifyURL)
	if err != nil {
		return err
	}
	if err := p.png(qr, left+4, band, qrSize); err != nil {
		return err
	}
	if err := p.font(9); err != nil {
		return err
	}
	p.ink(grey)
	if err := p.centered(left+4, left+4+qrSize, band+qrSize+6, "扫码核验证书真伪及当前状态"); err != nil {
		return err
	}

	if err := p.font(14); err != nil {
		return err
	}
	p.ink(black)
	signX := left + qrSize + 60
	if err := p.centered(signX, right, band+58, issuer); err != nil {
		return err
	}
	if err := p.centered(signX, right, band+84, chineseDate(c.IssuedAt)); err != nil {
		return err
	}

	if err := p.font(9); err != nil {
		return err
	}
	p.ink(grey)
	note := "说明：本证书的真伪及当前状态（是否有效、撤销或变更）以核验结果为准，请扫描二维码或访问 " + verifyPage(opts.VerifyURL) + " 核验。"
	_, err = p.paragraph(left, band+qrSize+26, right-left, 13, note)
	return err
}

// tableLayout is a label/value table wrapped at one font size, measured
// before it is drawn so the caller can choose a smaller size.
type tableLayout struct {
	size, leading, pad, labelWidth float64
	labels                         []string
	values                         [][]string // each value's lines
	heights                        []float64
	height                         float64
}

func layTable(p *page, rows [][2]string, width, size float64) (*tableLayout, error) {
	t := &tableLayout{size: size, leading: size * 1.44, pad: size * 0.64, labelWidth: 128}
	if err := p.font(size); err != nil {
		return nil, err
	}
	valueWidth := width - t.labelWidth - 2*t.pad
	for _, r := range rows {
		lines, err := p.wrap(r[1], valueWidth)
		if err != nil {
			return nil, err
		}
		h := float64(len(lines)-1)*t.leading + size + 2*t.pad
		t.labels = append(t.labels, r[0])
		t.values = append(t.values, lines)
		t.heights = append(t.heights, h)
		t.height += h
	}
	return t, nil
}

// draw writes the table with rules between its rows; it returns the y
// below it.
func (t *tableLayout) draw(p *page, left, right, y float64) (float64, error) {
	if err := p.font(t.size); err != nil {
		return 0, err
	}
	valueX := left + t.labelWidth
	top := y
	p.line(left, y, right, y, 0.9, black)
	for i, label := range t.labels {
		h := t.heights[i]
		p.ink(grey)
		if err := p.centered(left, valueX, y+(h-t.size)/2, label); err != nil {
			return 0, err
		}
		p.ink(black)
		ly := y + t.pad
		for _, l := range t.values[i] {
			if err := p.text(valueX+t.pad, ly, l); err != nil {
				return 0, err
			}
			ly += t.leading
		}
		y += h
		width := 0.4
		if i == len(t.labels)-1 {
			width = 0.9
		}
		p.line(left, y, right, y, width, black)
	}
	p.line(valueX, top, valueX, y, 0.4, black)
	return y, nil
}

// qrPNG is the QR code of s at four pixels a module, with no quiet zone
// (the page around it is white). Medium error correction survives a
// smudge while keeping the code small enough to print.
func qrPNG(s string) ([]byte, error) {
	q, err := qrcode.New(s, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("qr code: %w", err)
	}
	q.DisableBorder = true
	png, err := q.PNG(-4)
	if err != nil {
		return nil, fmt.Errorf("qr code: %w", err)
	}
	return png, nil
}

// verifyPage is the verify URL without its query (the token), for
// printing: the token is in the QR code.
func verifyPage(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.RawQuery, u.Fragment = "", ""
	return u.String()
}

// chineseDate writes "2026-03-02" (or an RFC 3339 time's date) as
// "2026年3月2日"; anything else is kept as given.
func chineseDate(s string) string {
	if len(s) >= 10 {
		if t, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
		}
	}
	return s
}

// ErrNoToken is returned by TokenFromPDF for a file without a token.
var ErrNoToken = errors.New("文件中没有证书码：它不是本平台生成的证书 PDF，或已被其他软件另存")

// TokenFromPDF reads the token from a certificate PDF's Subject. It
// scans the file for every /Subject entry (the last one wins, as an
// incremental update appends) and reads its string in any of the PDF
// spellings: a literal (…) with escapes, or hexadecimal <…>, in UTF-16BE
// with a byte-order mark, UTF-8 with one, or PDFDocEncoding. A PDF whose
// information dictionary was moved into a compressed object stream by
// another program is not read; the marker is looked for in the raw bytes
// as a last resort.
func TokenFromPDF(pdf []byte) (string, error) {
	token := ""
	rest := pdf
	for {
		i := bytes.Index(rest, []byte("/Subject"))
		if i < 0 {
			break
		}
		rest = rest[i+len("/Subject"):]
		s, ok := pdfString(rest)
		if !ok {
			continue
		}
		if t, ok := strings.CutPrefix(strings.TrimSpace(s), TokenMarker); ok {
			token = t
		}
	}
	if token == "" {
		if i := bytes.LastIndex(pdf, []byte(TokenMarker)); i >= 0 {
			tail := pdf[i+len(TokenMarker):]
			n := 0
			for n < len(tail) && n < MaxTokenLen && tokenChar(tail[n]) {
				n++
			}
			token = string(tail[:n])
		}
	}
	if token == "" {
		return "", ErrNoToken
	}
	return token, nil
}

func tokenChar(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.'
}

// pdfString reads the string object at the start of b (after white
// space) and returns its text.
func pdfString(b []byte) (string, bool) {
	b = bytes.TrimLeft(b, " \t\r\n\f\x00")
	if len(b) == 0 {
		return "", false
	}
	var raw []byte
	switch b[0] {
	case '<':
		end := bytes.IndexByte(b, '>')
		if end < 0 {
			return "", false
		}
		digits := bytes.Map(func(r rune) rune {
			if strings.ContainsRune(" \t\r\n\f", r) {
				return -1
			}
			return r
		}, b[1:end])
		if len(digits)%2 == 1 {
			digits = append(digits, '0') // a missing last digit is 0
		}
		var err error
		if raw, err = hex.DecodeString(string(digits)); err != nil {
			return "", false
		}
	case '(':
		var ok bool
		if raw, ok = literal(b[1:]); !ok {
			return "", false
		}
	default:
		return "", false
	}
	return decodeText(raw), true
}

// literal unescapes a PDF literal string up to its balancing ")".
func literal(b []byte) ([]byte, bool) {
	var out []byte
	depth := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch c {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return out, true
			}
			depth--
		case '\\':
			i++
			if i >= len(b) {
				return nil, false
			}
			switch e := b[i]; e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r', '\n': // a line continuation
				if e == '\r' && i+1 < len(b) && b[i+1] == '\n' {
					i++
				}
				continue
			default:
				if '0' <= e && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && i+1 < len(b) && '0' <= b[i+1] && b[i+1] <= '7'; k++ {
						i++
						v = v*8 + int(b[i]-'0')
					}
					c = byte(v)
				} else {
					c = e // \( \) \\ and an unknown escape stand for the byte
				}
			}
		}
		out = append(out, c)
	}
	return nil, false
}

// decodeText reads a PDF text string.
func decodeText(raw []byte) string {
	switch {
	case len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF:
		raw = raw[2:]
		u := make([]uint16, len(raw)/2)
		for i := range u {
			u[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
		}
		return string(utf16.Decode(u))
	case len(raw) >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF:
		return string(raw[3:])
	}
	// PDFDocEncoding agrees with Latin-1 on everything a token holds.
	r := make([]rune, len(raw))
	for i, c := range raw {
		r[i] = rune(c)
	}
	return string(r)
}

// orDash shows an empty fact as a dash rather than a blank a reader might
// take for something erased.
func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
