package service

import (
	"cmp"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"firstset"
	"firstset/date"
	"firstset/document"
)

// Certificates issues, lays out and verifies product certificates.
type Certificates struct{ *env }

var _ firstset.CertificateService = (*Certificates)(nil)

// signing is an instance's hold on the platform's keys: the key it signs
// with and the public keys it verifies against. Keys are never changed
// once stored, so the ring is only ever added to (reloaded when a token
// names a key this instance has not seen: one rotated in elsewhere).
type signing struct {
	mu sync.Mutex
	// file is the key given with --signing-key; while set, this instance
	// signs with it and the database's keys only verify.
	file *document.SigningKey
	ring map[string]document.PublicKey
}

// UseSigningKeyFile makes the key in path the one this instance signs
// with, creating the file (readable by its owner alone) with a new key
// when it does not exist, and registers its public half in the database so
// every instance verifies what it signs.
func (s *Services) UseSigningKeyFile(ctx context.Context, path string) error {
	data, err := os.ReadFile(path)
	var k document.SigningKey
	switch {
	case errors.Is(err, os.ErrNotExist):
		if k, err = document.NewSigningKey(s.Now()); err != nil {
			return err
		}
		pem, err := document.MarshalSigningKey(k)
		if err != nil {
			return err
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("create signing key file: %w", err)
		}
		if _, err := f.Write(pem); err != nil {
			f.Close()
			return fmt.Errorf("write signing key file: %w", err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("write signing key file: %w", err)
		}
	case err != nil:
		return fmt.Errorf("read signing key file: %w", err)
	default:
		if k, err = document.ParseSigningKey(data); err != nil {
			return fmt.Errorf("signing key file %s: %w", path, err)
		}
	}
	pub := k.Public()
	err = s.store.Update(firstset.NewContextWithActor(ctx, firstset.SystemActor()), func(tx firstset.Tx) error {
		keys, err := tx.SigningKeys(ctx)
		if err != nil {
			return err
		}
		for _, have := range keys {
			if have.ID == k.ID {
				return nil
			}
		}
		row := &firstset.SigningKey{ID: k.ID, Public: pub.Key, CreatedAt: k.CreatedAt}
		if err := tx.CreateSigningKey(ctx, row); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "signing_key", 0, nil, keyAudit{ID: k.ID, InFile: true})
	})
	if err != nil {
		return fmt.Errorf("register signing key: %w", err)
	}
	s.keys.mu.Lock()
	s.keys.file = &k
	s.keys.mu.Unlock()
	return nil
}

// keyAudit is what the audit log keeps of a key: never its private half.
type keyAudit struct {
	ID     string `json:"id"`
	InFile bool   `json:"in_file,omitempty"`
}

// signingKey is the key to sign with inside tx: the file's, else the
// database's active key, made on first use. Reading the active key in the
// signing transaction means a rotation on any instance applies at once.
func (s *env) signingKey(ctx context.Context, tx firstset.Tx) (document.SigningKey, error) {
	s.keys.mu.Lock()
	file := s.keys.file
	s.keys.mu.Unlock()
	if file != nil {
		return *file, nil
	}
	keys, err := tx.SigningKeys(ctx)
	if err != nil {
		return document.SigningKey{}, err
	}
	for _, k := range keys {
		if k.Active && len(k.Private) > 0 {
			sk, err := document.ParseSigningKey(k.Private)
			if err != nil {
				return document.SigningKey{}, fmt.Errorf("signing key %s: %w", k.ID, err)
			}
			return sk, nil
		}
	}
	return s.newDatabaseKey(ctx, tx)
}

// newDatabaseKey makes a key, stores it active and returns it; a
// concurrent instance doing the same makes this transaction fail with a
// conflict, and its retry finds that key.
func (s *env) newDatabaseKey(ctx context.Context, tx firstset.Tx) (document.SigningKey, error) {
	k, err := document.NewSigningKey(s.Now())
	if err != nil {
		return document.SigningKey{}, err
	}
	pem, err := document.MarshalSigningKey(k)
	if err != nil {
		return document.SigningKey{}, err
	}
	pub := k.Public()
	if err := tx.CreateSigningKey(ctx, &firstset.SigningKey{ID: k.ID, Public: pub.Key, Private: pem, Active: true, CreatedAt: k.CreatedAt}); err != nil {
		return document.SigningKey{}, err
	}
	if err := s.record(ctx, tx, "create", "signing_key", 0, nil, keyAudit{ID: k.ID}); err != nil {
		return document.SigningKey{}, err
	}
	return k, nil
}

// ring is every public key, from the cache unless refresh is asked for.
func (s *env) ring(ctx context.Context, refresh bool) (document.KeyRing, error) {
	s.keys.mu.Lock()
	have := s.keys.ring
	s.keys.mu.Unlock()
	if have == nil || refresh {
		var keys []*firstset.SigningKey
		err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
			keys, err = tx.SigningKeys(ctx)
			return err
		})
		if err != nil {
			return document.KeyRing{}, err
		}
		have = make(map[string]document.PublicKey, len(keys))
		for _, k := range keys {
			if len(k.Public) != ed25519.PublicKeySize {
				return document.KeyRing{}, fmt.Errorf("signing key %s: public key of %d bytes", k.ID, len(k.Public))
			}
			have[k.ID] = document.PublicKey{ID: k.ID, Key: ed25519.PublicKey(k.Public), CreatedAt: k.CreatedAt}
		}
		s.keys.mu.Lock()
		s.keys.ring = have
		s.keys.mu.Unlock()
	}
	r := document.KeyRing{Issuer: s.issuer()}
	for _, k := range have {
		r.Keys = append(r.Keys, k)
	}
	// Oldest first, as the ring's JSON lists them.
	slices.SortFunc(r.Keys, func(a, b document.PublicKey) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), strings.Compare(a.ID, b.ID))
	})
	return r, nil
}

func (s *env) issuer() string {
	if s.cfg.Documents.Issuer != "" {
		return s.cfg.Documents.Issuer
	}
	return document.DefaultIssuer
}

// issueCertificate signs and stores p's certificate, superseding the one
// it had; p must be recognised with its context (enterprise, category).
func (s *env) issueCertificate(ctx context.Context, tx firstset.Tx, key document.SigningKey, p *firstset.Product, documentNumber string) (*firstset.Certificate, error) {
	e, err := tx.EnterpriseByID(ctx, p.EnterpriseID)
	if err != nil {
		return nil, err
	}
	old, err := tx.CurrentCertificate(ctx, p.ID)
	if err != nil && !isNotFound(err) {
		return nil, err
	}
	year, _, _ := p.RecognizedOn.Parts()
	seq, err := tx.NextCaseSeq(ctx, firstset.CertificatePrefix, year)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	c := &firstset.Certificate{
		Number:    fmt.Sprintf("%s-%d-%04d", firstset.CertificatePrefix, year, seq),
		ProductID: p.ID, EnterpriseID: p.EnterpriseID, KeyID: key.ID,
		ProductName: p.Name, Model: p.Model, EnterpriseName: e.Name, CreditCode: e.CreditCode,
		Category: p.CategoryName, InnovationLevel: p.InnovationLevel, DocumentNumber: documentNumber,
		RecognizedOn: p.RecognizedOn, ValidUntil: s.validUntil(p.RecognizedOn, p.ValidUntil),
		IssuedAt: now,
	}
	if old != nil {
		if documentNumber == "" {
			c.DocumentNumber = old.DocumentNumber
		}
		if err := tx.SupersedeCertificate(ctx, old.ID, c.Number); err != nil {
			return nil, err
		}
	}
	if c.Token, err = document.SignCertificate(key, claimsOf(c)); err != nil {
		return nil, err
	}
	if err := tx.CreateCertificate(ctx, c); err != nil {
		return nil, err
	}
	if err := s.record(ctx, tx, "issue", "certificate", c.ID, old, c); err != nil {
		return nil, err
	}
	return c, nil
}

func isNotFound(err error) bool {
	e, ok := firstset.AsError(err)
	return ok && e.Code == firstset.ENOTFOUND
}

// claimsOf is what a certificate's token signs.
func claimsOf(c *firstset.Certificate) document.CertificateClaims {
	return document.CertificateClaims{
		Number: c.Number, ProductID: c.ProductID, ProductName: c.ProductName, Model: c.Model,
		Enterprise: c.EnterpriseName, CreditCode: c.CreditCode, Category: c.Category,
		Innovation: string(c.InnovationLevel), InnovationLabel: c.InnovationLevel.Label(),
		DocumentNumber: c.DocumentNumber, RecognizedOn: c.RecognizedOn.String(), ValidUntil: c.ValidUntil.String(),
		IssuedAt: c.IssuedAt.In(date.Shanghai).Format("2006-01-02"),
	}
}

// certificateOf reads the facts back out of verified claims.
func certificateOf(cl document.CertificateClaims) *firstset.Certificate {
	c := &firstset.Certificate{
		Number: cl.Number, ProductID: cl.ProductID, KeyID: cl.KeyID, ProductName: cl.ProductName, Model: cl.Model,
		EnterpriseName: cl.Enterprise, CreditCode: cl.CreditCode, Category: cl.Category,
		InnovationLevel: firstset.InnovationLevel(cl.Innovation), DocumentNumber: cl.DocumentNumber,
	}
	c.RecognizedOn, _ = date.Parse(cl.RecognizedOn)
	c.ValidUntil, _ = date.Parse(cl.ValidUntil)
	if t, err := time.ParseInLocation("2006-01-02", cl.IssuedAt, date.Shanghai); err == nil {
		c.IssuedAt = t
	}
	return c
}

// currentCertificate reads the current certificate of a product the
// caller may see, with the product.
func currentCertificate(ctx context.Context, tx firstset.Tx, productID int64) (*firstset.Certificate, *firstset.Product, error) {
	p, err := tx.ProductByID(ctx, productID)
	if err != nil {
		return nil, nil, err
	}
	if !firstset.CanSeeProduct(actor(ctx), p) {
		return nil, nil, firstset.NotFound("装备")
	}
	c, err := tx.CurrentCertificate(ctx, productID)
	if isNotFound(err) {
		return nil, nil, firstset.Errorf(firstset.ENOTFOUND, "该装备尚未列入目录，没有证书。")
	}
	return c, p, err
}

func (s *Certificates) ProductCertificate(ctx context.Context, productID int64) (*firstset.Certificate, error) {
	var c *firstset.Certificate
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		c, _, err = currentCertificate(ctx, tx, productID)
		return err
	})
	return c, err
}

func (s *Certificates) CertificatePDF(ctx context.Context, productID int64, verifyURL func(string) string) ([]byte, *firstset.Certificate, error) {
	var c *firstset.Certificate
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		cert, p, err := currentCertificate(ctx, tx, productID)
		if err != nil {
			return err
		}
		if err := firstset.CheckReadCertificatePDF(actor(ctx), p.EnterpriseID); err != nil {
			return err
		}
		c = cert
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	font := s.cfg.Documents.Font
	if font == nil {
		return nil, nil, firstset.Errorf(firstset.EUNAVAILABLE,
			"服务器未安装中文字体，暂不能生成证书 PDF。请管理员安装 fonts-arphic-gbsn00lp 或以 --font 指定 TrueType 字体文件。")
	}
	cl := claimsOf(c)
	cl.Typ, cl.KeyID = document.KindProductCertificate, c.KeyID
	pdf, err := document.CertificatePDF(cl, document.CertificateOptions{
		Font: font, Issuer: s.issuer(), Token: c.Token, VerifyURL: verifyURL(c.Token),
	})
	if err != nil {
		return nil, nil, fmt.Errorf("certificate %s: %w", c.Number, err)
	}
	return pdf, c, nil
}

func (s *Certificates) CertificatePDFAvailable() bool { return s.cfg.Documents.Font != nil }

func (s *Certificates) VerifyCertificate(ctx context.Context, token string) (*firstset.Verification, error) {
	if strings.TrimSpace(token) == "" {
		return nil, firstset.Problems{{Field: "token", Code: "required", Message: "请填写证书码（扫描证书二维码或从证书 PDF 中复制）。"}}.Err()
	}
	// A launch event's plaque or honour certificate verifies here too.
	if kind := document.TokenKind(token); kind == document.KindPlaque || kind == document.KindHonourCertificate {
		return s.verifyLaunchToken(ctx, kind, token)
	}
	ring, err := s.ring(ctx, false)
	if err != nil {
		return nil, err
	}
	cl, err := document.VerifyCertificate(token, ring)
	if errors.Is(err, document.ErrUnknownKey) {
		// A key rotated in on another instance since this one loaded the ring.
		if ring, err = s.ring(ctx, true); err != nil {
			return nil, err
		}
		cl, err = document.VerifyCertificate(token, ring)
	}
	var ve *document.VerifyError
	if errors.As(err, &ve) {
		return &firstset.Verification{Valid: false, Reason: ve.Message, ReasonCode: ve.Code}, nil
	}
	if err != nil {
		return nil, err
	}
	v := &firstset.Verification{Valid: true, Kind: document.KindProductCertificate, Certificate: certificateOf(cl)}
	today := date.FromTime(s.Now())
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		stored, err := tx.CertificateByNumber(ctx, cl.Number)
		if isNotFound(err) {
			v.Status, v.ReasonCode = firstset.CertRecognised, "unregistered"
			if today.After(v.Certificate.ValidUntil) {
				v.Status = firstset.CertExpired
			}
			v.Reason = "签名有效，但本平台未找到该证书的登记记录，请联系发证机关核实。"
			return nil
		}
		if err != nil {
			return err
		}
		p, err := tx.ProductByID(ctx, stored.ProductID)
		if err != nil {
			return err
		}
		v.Certificate.IssuedAt = stored.IssuedAt
		v.SupersededBy = stored.SupersededBy
		v.ValidUntil = s.validUntil(p.RecognizedOn, p.ValidUntil)
		switch {
		case p.Status == firstset.StatusRevoked:
			v.Status = firstset.CertRevoked
			v.Reason = "签名有效，但该装备的首台（套）认定已被撤销，不能作为首台（套）证明材料使用。"
		case p.Status != firstset.StatusRecognised || today.After(v.ValidUntil):
			v.Status = firstset.CertExpired
			v.Reason = fmt.Sprintf("签名有效，但该装备的认定有效期已于 %s 届满。", v.ValidUntil)
		default:
			v.Status = firstset.CertRecognised
			v.Reason = fmt.Sprintf("签名有效，该装备现仍在首台（套）目录内，有效期至 %s。", v.ValidUntil)
		}
		v.ReasonCode = string(v.Status)
		if v.SupersededBy != "" {
			v.ReasonCode = "superseded"
			v.Reason += fmt.Sprintf("该证书已由 %s 号证书替代（有效期调整后重新签发），请以新证书为准。", v.SupersededBy)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

func (s *Certificates) CertificateKeys(ctx context.Context) ([]byte, error) {
	// Reloaded each time, for a key rotated in on another instance.
	ring, err := s.ring(ctx, true)
	if err == nil && len(ring.Keys) == 0 {
		// Nothing signed yet: make the first key, so the ring is never empty.
		if err = s.ensureKey(ctx); err == nil {
			ring, err = s.ring(ctx, true)
		}
	}
	if err != nil {
		return nil, err
	}
	return ring.Marshal()
}

// ensureKey makes the first key to sign with; a concurrent instance
// making it first is no failure.
func (s *env) ensureKey(ctx context.Context) error {
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	err := s.store.Update(sys, func(tx firstset.Tx) error {
		_, err := s.signingKey(sys, tx)
		return err
	})
	if e, ok := firstset.AsError(err); ok && e.Code == firstset.ECONFLICT {
		return nil
	}
	return err
}

// IssueMissingCertificates works in batches, each its own transaction, so
// a large catalog does not hold the writer for long.
func (s *Certificates) IssueMissingCertificates(ctx context.Context) (int, error) {
	a := actor(ctx)
	if !a.IsSystem() && a.Role() != firstset.RoleAdmin {
		return 0, firstset.Errorf(firstset.EFORBIDDEN, "只有系统管理员可以补发证书。")
	}
	total := 0
	for {
		n := 0
		err := s.store.Update(ctx, func(tx firstset.Tx) error {
			n = 0
			ids, err := tx.ProductsWithoutCertificate(ctx, 200)
			if err != nil || len(ids) == 0 {
				return err
			}
			key, err := s.signingKey(ctx, tx)
			if err != nil {
				return err
			}
			for _, id := range ids {
				p, err := tx.ProductByID(ctx, id)
				if err != nil {
					return err
				}
				doc, caseNumber, err := publishedBy(ctx, tx, p.ID)
				if err != nil {
					return err
				}
				c, err := s.issueCertificate(ctx, tx, key, p, doc)
				if err != nil {
					return err
				}
				e := &firstset.ProductEvent{ProductID: p.ID, Action: firstset.EventRecognise, Document: doc,
					StatusAfter: p.Status, ValidUntilAfter: c.ValidUntil, Certificate: c.Number, CaseNumber: caseNumber,
					Reason: "补发证书：认定早于证书签发功能上线。"}
				if err := s.appendProductEvent(ctx, tx, e); err != nil {
					return err
				}
				n++
			}
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("issue missing certificates: %w", err)
		}
		total += n
		if n == 0 {
			return total, nil
		}
	}
}

// publishedBy finds the batch 文号 and case through which a product was
// published into the catalog, if it was through the workflow.
func publishedBy(ctx context.Context, tx firstset.Tx, productID int64) (document, caseNumber string, err error) {
	list, _, err := tx.ListCases(ctx, firstset.CaseFilter{ProductID: productID, Stages: []string{"published"}})
	if err != nil || len(list) == 0 {
		return "", "", err
	}
	c := list[0]
	for _, x := range list {
		if x.ID > c.ID {
			c = x
		}
	}
	if c.RoundID == 0 {
		return "", c.Number, nil
	}
	r, err := tx.RoundByID(ctx, c.RoundID)
	if err != nil {
		return "", "", err
	}
	return r.DocumentNumber, c.Number, nil
}

func (s *Certificates) RotateSigningKey(ctx context.Context) (string, error) {
	a := actor(ctx)
	if !a.IsSystem() && a.Role() != firstset.RoleAdmin {
		return "", firstset.Errorf(firstset.EFORBIDDEN, "只有系统管理员可以更换签名密钥。")
	}
	var id string
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		keys, err := tx.SigningKeys(ctx)
		if err != nil {
			return err
		}
		for _, k := range keys {
			if k.Active {
				if err := tx.RetireSigningKey(ctx, k.ID, s.Now()); err != nil {
					return err
				}
				if err := s.record(ctx, tx, "rotate_key", "signing_key", 0, keyAudit{ID: k.ID}, nil); err != nil {
					return err
				}
			}
		}
		k, err := s.newDatabaseKey(ctx, tx)
		id = k.ID
		return err
	})
	if err != nil {
		return "", err
	}
	if _, err := s.ring(ctx, true); err != nil {
		return "", err
	}
	return id, nil
}
