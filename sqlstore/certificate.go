package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"firstset"
)

const certificateColumns = `id, number, product_id, enterprise_id, key_id, token, product_name, model,
	enterprise_name, credit_code, category, innovation_level, document_number, recognized_on, valid_until,
	issued_at, superseded_by`

func scanCertificate(sc interface{ Scan(...any) error }) (*firstset.Certificate, error) {
	var c firstset.Certificate
	var by sql.NullString
	if err := sc.Scan(&c.ID, &c.Number, &c.ProductID, &c.EnterpriseID, &c.KeyID, &c.Token, &c.ProductName,
		&c.Model, &c.EnterpriseName, &c.CreditCode, &c.Category, &c.InnovationLevel, &c.DocumentNumber,
		&c.RecognizedOn, &c.ValidUntil, timeScanner{&c.IssuedAt}, &by); err != nil {
		return nil, err
	}
	c.SupersededBy = by.String
	return &c, nil
}

func (t *Tx) CreateCertificate(ctx context.Context, c *firstset.Certificate) error {
	stamp(&c.IssuedAt, time.Now())
	err := t.insertID(ctx, &c.ID, `INSERT INTO certificates (number, product_id, enterprise_id, key_id, token,
		product_name, model, enterprise_name, credit_code, category, innovation_level, document_number,
		recognized_on, valid_until, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Number, c.ProductID, c.EnterpriseID, c.KeyID, c.Token, c.ProductName, c.Model, c.EnterpriseName,
		c.CreditCode, c.Category, c.InnovationLevel, c.DocumentNumber, c.RecognizedOn, c.ValidUntil,
		t.time(c.IssuedAt))
	return t.wrap("create certificate", err)
}

func (t *Tx) CertificateByNumber(ctx context.Context, number string) (*firstset.Certificate, error) {
	c, err := scanCertificate(t.QueryRow(ctx, `SELECT `+certificateColumns+` FROM certificates WHERE number = ?`, number))
	if err != nil {
		return nil, t.notFound("certificate "+number, "证书", err)
	}
	return c, nil
}

func (t *Tx) CurrentCertificate(ctx context.Context, productID int64) (*firstset.Certificate, error) {
	c, err := scanCertificate(t.QueryRow(ctx, `SELECT `+certificateColumns+` FROM certificates
		WHERE product_id = ? AND superseded_by IS NULL`, productID))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("certificate of product %d", productID), "证书", err)
	}
	return c, nil
}

func (t *Tx) SupersedeCertificate(ctx context.Context, id int64, by string) error {
	res, err := t.Exec(ctx, `UPDATE certificates SET superseded_by = ? WHERE id = ? AND superseded_by IS NULL`, by, id)
	if err != nil {
		return t.wrap("supersede certificate", err)
	}
	return affected(res, "证书")
}

func (t *Tx) ProductsWithoutCertificate(ctx context.Context, limit int) ([]int64, error) {
	rows, err := t.Query(ctx, `SELECT p.id FROM products p
		WHERE p.recognized_on IS NOT NULL AND p.status IN ('recognised', 'expired', 'revoked')
		AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.product_id = p.id AND c.superseded_by IS NULL)
		ORDER BY p.recognized_on, p.id LIMIT ?`, limit)
	if err != nil {
		return nil, t.wrap("products without certificate", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, t.wrap("products without certificate", err)
		}
		ids = append(ids, id)
	}
	return ids, t.wrap("products without certificate", rows.Err())
}

func (t *Tx) SigningKeys(ctx context.Context) ([]*firstset.SigningKey, error) {
	rows, err := t.Query(ctx, `SELECT id, public_key, private_key, active, created_at, retired_at
		FROM signing_keys ORDER BY created_at, id`)
	if err != nil {
		return nil, t.wrap("signing keys", err)
	}
	defer rows.Close()
	var list []*firstset.SigningKey
	for rows.Next() {
		var k firstset.SigningKey
		if err := rows.Scan(&k.ID, &k.Public, &k.Private, &k.Active, timeScanner{&k.CreatedAt},
			nullTimeScanner{&k.RetiredAt}); err != nil {
			return nil, t.wrap("scan signing key", err)
		}
		list = append(list, &k)
	}
	return list, t.wrap("signing keys", rows.Err())
}

func (t *Tx) CreateSigningKey(ctx context.Context, k *firstset.SigningKey) error {
	stamp(&k.CreatedAt, time.Now())
	var private any
	if len(k.Private) > 0 {
		private = k.Private
	}
	_, err := t.Exec(ctx, `INSERT INTO signing_keys (id, public_key, private_key, active, created_at, retired_at)
		VALUES (?, ?, ?, ?, ?, ?)`, k.ID, k.Public, private, k.Active, t.time(k.CreatedAt), t.timePtr(k.RetiredAt))
	return t.wrap("create signing key", err)
}

func (t *Tx) RetireSigningKey(ctx context.Context, id string, at time.Time) error {
	res, err := t.Exec(ctx, `UPDATE signing_keys SET active = ?, retired_at = ? WHERE id = ?`, false, t.time(at), id)
	if err != nil {
		return t.wrap("retire signing key", err)
	}
	return affected(res, "签名密钥")
}
