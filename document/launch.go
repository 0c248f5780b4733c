package document

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// The typ of the launch event's tokens.
const (
	KindPlaque            = "launch_plaque"
	KindHonourCertificate = "honour_certificate"
)

// The titles the documents carry.
const (
	PlaqueTitle = "重庆市首台（套）重大技术装备新产品发布"
	HonourTitle = "荣誉证书"
)

// PlaqueClaims are what a plaque (牌匾) awarded to an enterprise whose
// products were presented at a launch event signs.
type PlaqueClaims struct {
	Typ        string   `json:"typ"`
	KeyID      string   `json:"kid"`
	Number     string   `json:"no"` // CQPB-2026-0001
	EventID    int64    `json:"eid"`
	Year       int      `json:"year"`
	HeldOn     string   `json:"held_on"`
	Place      string   `json:"place"`
	Enterprise string   `json:"ent"`
	CreditCode string   `json:"ucc"`
	Products   []string `json:"products"`
	IssuedAt   string   `json:"issued"`
}

// Kind is KindPlaque.
func (PlaqueClaims) Kind() string { return KindPlaque }

// HonourClaims are what an honour certificate (荣誉证书) of one of a
// product's main R&D people signs. The ID number is masked: the token is
// read by anyone who verifies it.
type HonourClaims struct {
	Typ        string `json:"typ"`
	KeyID      string `json:"kid"`
	Number     string `json:"no"` // CQRY-2026-0001
	EventID    int64  `json:"eid"`
	Year       int    `json:"year"`
	HeldOn     string `json:"held_on"`
	Name       string `json:"name"`
	IDMasked   string `json:"idm"`
	Role       string `json:"role"`
	ProductID  int64  `json:"pid"`
	Product    string `json:"product"`
	Enterprise string `json:"ent"`
	IssuedAt   string `json:"issued"`
}

// Kind is KindHonourCertificate.
func (HonourClaims) Kind() string { return KindHonourCertificate }

// SignPlaque fills in the claims' typ and kid and signs them.
func SignPlaque(key SigningKey, c PlaqueClaims) (string, error) {
	c.Typ, c.KeyID = KindPlaque, key.ID
	if c.Number == "" {
		return "", errors.New("sign plaque: no number")
	}
	return Sign(key, c)
}

// SignHonour fills in the claims' typ and kid and signs them.
func SignHonour(key SigningKey, c HonourClaims) (string, error) {
	c.Typ, c.KeyID = KindHonourCertificate, key.ID
	if c.Number == "" {
		return "", errors.New("sign honour certificate: no number")
	}
	return Sign(key, c)
}

// TokenKind reads the typ of a token without verifying it, so a verifier knows
// which claims to verify it as; "" when it cannot be read.
func TokenKind(token string) string {
	payload, _, err := split(token)
	if err != nil {
		return ""
	}
	var h header
	if err := json.Unmarshal(payload, &h); err != nil {
		return ""
	}
	return h.Typ
}

// PlaquePDF lays a plaque out on one landscape-like A4 page: the event,
// the enterprise, its products presented and a QR code to verify it.
func PlaquePDF(c PlaqueClaims, opts CertificateOptions) ([]byte, error) {
	rows := [][2]string{
		{"获授企业", c.Enterprise},
		{"统一社会信用代码", c.CreditCode},
		{"发布产品", strings.Join(c.Products, "；")},
		{"发布会", fmt.Sprintf("%d年度新产品发布会", c.Year)},
		{"举办日期", chineseDate(c.HeldOn)},
		{"举办地点", c.Place},
	}
	text := fmt.Sprintf("%s的下列产品入选重庆市首台（套）重大技术装备%d年度新产品发布会，特授此牌。", c.Enterprise, c.Year)
	return launchPDF(opts, PlaqueTitle, "牌匾编号："+c.Number, text, rows, c.IssuedAt, "扫码核验牌匾真伪")
}

// HonourPDF lays an honour certificate out on one A4 page.
func HonourPDF(c HonourClaims, opts CertificateOptions) ([]byte, error) {
	rows := [][2]string{
		{"姓　　名", c.Name},
		{"公民身份号码", c.IDMasked},
		{"项目角色", c.Role},
		{"研制产品", c.Product},
		{"研制单位", c.Enterprise},
		{"发布会", fmt.Sprintf("%d年度新产品发布会（%s）", c.Year, chineseDate(c.HeldOn))},
	}
	text := fmt.Sprintf("%s同志作为首台（套）重大技术装备“%s”的主要研发人员，在%d年度新产品发布会上予以表彰，特发此证。本荣誉可作为考核、晋升、提级和职称聘用的依据。",
		c.Name, c.Product, c.Year)
	return launchPDF(opts, HonourTitle, "证书编号："+c.Number, text, rows, c.IssuedAt, "扫码核验荣誉证书真伪")
}

// launchPDF is the page both documents share: the certificate's frame,
// title, number, text, table, QR code and issuer.
func launchPDF(opts CertificateOptions, title, number, text string, rows [][2]string, issued, qrCaption string) ([]byte, error) {
	if opts.Token == "" || opts.VerifyURL == "" {
		return nil, errors.New("launch pdf: a token and a verify URL are required")
	}
	issuer := opts.Issuer
	if issuer == "" {
		issuer = DefaultIssuer
	}
	p, err := newPage(opts.Font, pdfInfo{Title: title + " " + strings.TrimPrefix(number, "编号："),
		Author: issuer, Subject: TokenMarker + opts.Token})
	if err != nil {
		return nil, fmt.Errorf("launch pdf: %w", err)
	}
	left, right := marginX, pageWidth-marginX
	p.rect(frameOuter, frameOuter, pageWidth-2*frameOuter, pageHeight-2*frameOuter, 2.4, darkRed)
	p.rect(frameInner, frameInner, pageWidth-2*frameInner, pageHeight-2*frameInner, 0.8, darkGold)
	size := 21.0
	if len([]rune(title)) <= 6 {
		size = 36
	}
	if err := p.font(size); err != nil {
		return nil, err
	}
	p.ink(darkRed)
	if err := p.spaced(left, right, 92, 1.5, title); err != nil {
		return nil, err
	}
	p.line(left+40, 92+size+20, right-40, 92+size+20, 1.2, darkRed)
	if err := p.font(12); err != nil {
		return nil, err
	}
	p.ink(black)
	if err := p.centered(left, right, 92+size+32, number); err != nil {
		return nil, err
	}
	if err := p.font(13); err != nil {
		return nil, err
	}
	y, err := p.paragraph(left+26, 92+size+70, right-left-26, 22, text)
	if err != nil {
		return nil, err
	}
	table, err := layTable(p, rows, right-left, 12.5)
	if err != nil {
		return nil, err
	}
	if y, err = table.draw(p, left, right, y+12); err != nil {
		return nil, err
	}
	const qrSize = 128.0
	band := max(y+30, 560)
	qr, err := qrPNG(opts.VerifyURL)
	if err != nil {
		return nil, err
	}
	if err := p.png(qr, left+4, band, qrSize); err != nil {
		return nil, err
	}
	if err := p.font(9); err != nil {
		return nil, err
	}
	p.ink(grey)
	if err := p.centered(left+4, left+4+qrSize, band+qrSize+6, qrCaption); err != nil {
		return nil, err
	}
	if err := p.font(14); err != nil {
		return nil, err
	}
	p.ink(black)
	signX := left + qrSize + 60
	if err := p.centered(signX, right, band+58, issuer); err != nil {
		return nil, err
	}
	if err := p.centered(signX, right, band+84, chineseDate(issued)); err != nil {
		return nil, err
	}
	if err := p.font(9); err != nil {
		return nil, err
	}
	p.ink(grey)
	note := "说明：真伪以核验结果为准，请扫描二维码或访问 " + verifyPage(opts.VerifyURL) + " 核验。"
	if _, err := p.paragraph(left, band+qrSize+26, right-left, 13, note); err != nil {
		return nil, err
	}
	return p.bytes()
}
