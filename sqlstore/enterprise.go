package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"firstset"
	"firstset/district"
)

const enterpriseColumns = `id, name, credit_code, district_code, address,
	contact_name, contact_phone, contact_email, legal_representative, created_at, updated_at`

func scanEnterprise(sc interface{ Scan(...any) error }) (*firstset.Enterprise, error) {
	var e firstset.Enterprise
	err := sc.Scan(&e.ID, &e.Name, &e.CreditCode, &e.DistrictCode, &e.Address,
		&e.ContactName, &e.ContactPhone, &e.ContactEmail, &e.LegalRepresentative,
		timeScanner{&e.CreatedAt}, timeScanner{&e.UpdatedAt})
	if err != nil {
		return nil, err
	}
	e.DistrictName = districtName(e.DistrictCode)
	return &e, nil
}

func (t *Tx) EnterpriseByID(ctx context.Context, id int64) (*firstset.Enterprise, error) {
	e, err := scanEnterprise(t.QueryRow(ctx, `SELECT `+enterpriseColumns+` FROM enterprises WHERE id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("enterprise %d", id), "企业", err)
	}
	return e, nil
}

func (t *Tx) EnterpriseByCreditCode(ctx context.Context, code string) (*firstset.Enterprise, error) {
	e, err := scanEnterprise(t.QueryRow(ctx, `SELECT `+enterpriseColumns+` FROM enterprises WHERE credit_code = ?`, code))
	if err != nil {
		return nil, t.notFound("enterprise by credit code", "企业", err)
	}
	return e, nil
}

// ListEnterprises lists enterprises in the order they were registered.
func (t *Tx) ListEnterprises(ctx context.Context, f firstset.EnterpriseFilter) ([]*firstset.Enterprise, int, error) {
	var w where
	if len(f.IDs) > 0 {
		args := make([]any, len(f.IDs))
		for i, id := range f.IDs {
			args[i] = id
		}
		w.add("id IN ("+placeholders(len(args))+")", args...)
	}
	if f.DistrictCode != "" {
		w.add("district_code = ?", f.DistrictCode)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		w.add("("+t.d.Contains("name")+" OR "+t.d.Contains("credit_code")+")", q, strings.ToUpper(q))
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM enterprises`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count enterprises", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+enterpriseColumns+` FROM enterprises`+w.String()+
		` ORDER BY id LIMIT ? OFFSET ?`, append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list enterprises", err)
	}
	defer rows.Close()
	list := []*firstset.Enterprise{}
	for rows.Next() {
		e, err := scanEnterprise(rows)
		if err != nil {
			return nil, 0, t.wrap("scan enterprise", err)
		}
		list = append(list, e)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, t.wrap("list enterprises", err)
	}
	return list, total, nil
}

func (t *Tx) CreateEnterprise(ctx context.Context, e *firstset.Enterprise) error {
	now := time.Now()
	stamp(&e.CreatedAt, now)
	stamp(&e.UpdatedAt, now)
	e.DistrictName = districtName(e.DistrictCode)
	err := t.QueryRow(ctx, `INSERT INTO enterprises (name, credit_code, district_code, address,
		contact_name, contact_phone, contact_email, legal_representative, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
		e.Name, e.CreditCode, e.DistrictCode, e.Address, e.ContactName, e.ContactPhone,
		e.ContactEmail, e.LegalRepresentative, t.time(e.CreatedAt), t.time(e.UpdatedAt)).Scan(&e.ID)
	if errors.Is(err, sql.ErrNoRows) {
		// The only uniqueness rule on enterprises is the credit code.
		return &firstset.Error{Code: firstset.ECONFLICT, Field: "credit_code",
			Message: fmt.Sprintf("该统一社会信用代码 %s 已登记，同一企业不能重复登记。", e.CreditCode)}
	}
	return t.wrap("create enterprise", err)
}

// UpdateEnterprise rewrites e; a new name or district is carried into the
// catalog index of every product of the enterprise.
func (t *Tx) UpdateEnterprise(ctx context.Context, e *firstset.Enterprise) error {
	var oldName, oldDistrict string
	// Locked until commit: products of this enterprise written meanwhile
	// wait (see shareEnterprise), then see the new name and district.
	if err := t.QueryRow(ctx, `SELECT name, district_code FROM enterprises WHERE id = ?`+t.d.ForUpdate, e.ID).Scan(&oldName, &oldDistrict); err != nil {
		return t.notFound(fmt.Sprintf("update enterprise %d", e.ID), "企业", err)
	}
	stamp(&e.UpdatedAt, time.Now())
	e.DistrictName = districtName(e.DistrictCode)
	_, err := t.Exec(ctx, `UPDATE enterprises SET name = ?, credit_code = ?, district_code = ?,
		address = ?, contact_name = ?, contact_phone = ?, contact_email = ?, legal_representative = ?, updated_at = ?
		WHERE id = ?`,
		e.Name, e.CreditCode, e.DistrictCode, e.Address, e.ContactName, e.ContactPhone,
		e.ContactEmail, e.LegalRepresentative, t.time(e.UpdatedAt), e.ID)
	if err != nil {
		return t.wrap(fmt.Sprintf("update enterprise %d", e.ID), err)
	}
	if oldName != e.Name || oldDistrict != e.DistrictCode {
		if err := t.reindexEnterprise(ctx, e.ID); err != nil {
			return err
		}
	}
	return nil
}

// districtName is the name of a district code; names come from the
// district table, not the database, so they cannot drift from it.
func districtName(code string) string {
	d, _ := district.ByCode(code)
	return d.Name
}
