package document

import "fmt"

// KindProductCertificate is the typ of a product certificate's token.
const KindProductCertificate = "product_certificate"

// CertificateClaims are the facts a product certificate (首台套产品证书)
// signs. Field order is the payload's order; the names are short because
// every byte is in the QR code. Dates are "YYYY-MM-DD".
type CertificateClaims struct {
	Typ             string `json:"typ"`
	KeyID           string `json:"kid"`
	Number          string `json:"no"`   // CQSTT-2026-0001
	ProductID       int64  `json:"pid"`  // the catalog product
	ProductName     string `json:"name"` // 产品名称
	Model           string `json:"model"`
	Enterprise      string `json:"ent"`        // 生产企业
	CreditCode      string `json:"ucc"`        // 统一社会信用代码
	Category        string `json:"cat"`        // 装备类别
	Innovation      string `json:"lvl"`        // 创新级别, a code such as "national"
	InnovationLabel string `json:"lvl_label"`  // its Chinese name
	DocumentNumber  string `json:"doc"`        // 认定文号 of the batch
	RecognizedOn    string `json:"recognized"` // 认定日期
	ValidUntil      string `json:"valid_until"`
	IssuedAt        string `json:"issued"` // 发证日期, a date or RFC 3339
}

// Kind is KindProductCertificate.
func (CertificateClaims) Kind() string { return KindProductCertificate }

// SignCertificate fills in the claims' typ and kid and signs them.
func SignCertificate(key SigningKey, c CertificateClaims) (string, error) {
	c.Typ = KindProductCertificate
	c.KeyID = key.ID
	if c.Number == "" {
		return "", fmt.Errorf("sign certificate: no number")
	}
	return Sign(key, c)
}

// VerifyCertificate checks a product certificate's token against the ring.
func VerifyCertificate(token string, ring KeyRing) (CertificateClaims, error) {
	var c CertificateClaims
	if _, err := Verify(token, ring, &c); err != nil {
		return CertificateClaims{}, err
	}
	return c, nil
}
