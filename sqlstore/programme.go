package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"firstset"
)

func init() {
	conflicts["programmes.kind, name"] = struct{ field, message string }{"name", "同类名单中已有同名条目。"}
	conflicts["programmes.kind"] = struct{ field, message string }{"name", "同类名单中已有同名条目。"}
}

const programmeColumns = `id, kind, name, year, lead, description, members, active, created_at, updated_at`

func scanProgramme(sc interface{ Scan(...any) error }) (*firstset.Programme, error) {
	var p firstset.Programme
	var members string
	if err := sc.Scan(&p.ID, &p.Kind, &p.Name, &p.Year, &p.Lead, &p.Description, &members, &p.Active,
		timeScanner{&p.CreatedAt}, timeScanner{&p.UpdatedAt}); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(members), &p.Members); err != nil {
		return nil, fmt.Errorf("programme %d members: %w", p.ID, err)
	}
	p.KindLabel = p.Kind.Label()
	p.Products = []firstset.ProgrammeProduct{}
	return &p, nil
}

func (t *Tx) CreateProgramme(ctx context.Context, p *firstset.Programme) error {
	now := time.Now()
	stamp(&p.CreatedAt, now)
	stamp(&p.UpdatedAt, now)
	members, err := json.Marshal(p.Members)
	if err != nil {
		return fmt.Errorf("programme members: %w", err)
	}
	err = t.insertID(ctx, &p.ID, `INSERT INTO programmes (kind, name, year, lead, description, members, active, created_at,
		updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.Kind, p.Name, p.Year, p.Lead, p.Description, string(members),
		p.Active, t.time(p.CreatedAt), t.time(p.UpdatedAt))
	if err != nil {
		return t.wrap("create programme", err)
	}
	return t.setProgrammeProducts(ctx, p)
}

func (t *Tx) UpdateProgramme(ctx context.Context, p *firstset.Programme) error {
	stamp(&p.UpdatedAt, time.Now())
	members, err := json.Marshal(p.Members)
	if err != nil {
		return fmt.Errorf("programme members: %w", err)
	}
	if _, err := t.Exec(ctx, `UPDATE programmes SET kind = ?, name = ?, year = ?, lead = ?, description = ?, members = ?,
		active = ?, updated_at = ? WHERE id = ?`, p.Kind, p.Name, p.Year, p.Lead, p.Description, string(members), p.Active,
		t.time(p.UpdatedAt), p.ID); err != nil {
		return t.wrap(fmt.Sprintf("update programme %d", p.ID), err)
	}
	if _, err := t.Exec(ctx, `DELETE FROM programme_products WHERE programme_id = ?`, p.ID); err != nil {
		return t.wrap("clear programme products", err)
	}
	return t.setProgrammeProducts(ctx, p)
}

func (t *Tx) setProgrammeProducts(ctx context.Context, p *firstset.Programme) error {
	for i, pr := range p.Products {
		if _, err := t.Exec(ctx, `INSERT INTO programme_products (programme_id, product_id, position) VALUES (?, ?, ?)`,
			p.ID, pr.ID, i); err != nil {
			return t.wrap("add programme product", err)
		}
	}
	return nil
}

func (t *Tx) ProgrammeByID(ctx context.Context, id int64) (*firstset.Programme, error) {
	p, err := scanProgramme(t.QueryRow(ctx, `SELECT `+programmeColumns+` FROM programmes WHERE id = ?`, id))
	if err != nil {
		return nil, t.notFound(fmt.Sprintf("programme %d", id), "名单条目", err)
	}
	return p, t.withProgrammeProducts(ctx, []*firstset.Programme{p})
}

func (t *Tx) withProgrammeProducts(ctx context.Context, list []*firstset.Programme) error {
	return inChunks(list, func(part []*firstset.Programme) error {
		ids := make([]int64, len(part))
		for i, p := range part {
			ids[i] = p.ID
		}
		byOwner, err := t.linkedProducts(ctx, "programme_products", "programme_id", ids)
		for _, p := range part {
			p.Products = append(p.Products, byOwner[p.ID]...)
		}
		return err
	})
}

// linkedProducts reads the products a link table (programme_products,
// consultation_products) gives each of owners, in their positions.
func (t *Tx) linkedProducts(ctx context.Context, table, ownerColumn string, owners []int64) (map[int64][]firstset.ProgrammeProduct, error) {
	args := make([]any, len(owners))
	for i, id := range owners {
		args[i] = id
	}
	rows, err := t.Query(ctx, `SELECT l.`+ownerColumn+`, p.id, p.enterprise_id, p.name, p.model, e.name FROM `+table+` l
		JOIN products p ON p.id = l.product_id JOIN enterprises e ON e.id = p.enterprise_id
		WHERE l.`+ownerColumn+` IN (`+placeholders(len(args))+`) ORDER BY l.`+ownerColumn+`, l.position`, args...)
	if err != nil {
		return nil, t.wrap(table, err)
	}
	defer rows.Close()
	out := map[int64][]firstset.ProgrammeProduct{}
	for rows.Next() {
		var owner int64
		var pr firstset.ProgrammeProduct
		if err := rows.Scan(&owner, &pr.ID, &pr.EnterpriseID, &pr.Name, &pr.Model, &pr.EnterpriseName); err != nil {
			return nil, t.wrap("scan "+table, err)
		}
		out[owner] = append(out[owner], pr)
	}
	return out, t.wrap(table, rows.Err())
}

// ListProgrammes lists programmes by kind, active first, newest year first.
func (t *Tx) ListProgrammes(ctx context.Context, f firstset.ProgrammeFilter) ([]*firstset.Programme, int, error) {
	var w where
	if f.Kind != "" {
		w.add("kind = ?", f.Kind)
	}
	if f.ProductID != 0 {
		w.add("id IN (SELECT programme_id FROM programme_products WHERE product_id = ?)", f.ProductID)
	}
	var total int
	if err := t.QueryRow(ctx, `SELECT COUNT(*) FROM programmes`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, t.wrap("count programmes", err)
	}
	limit, offset := page(f.Offset, f.Limit)
	rows, err := t.Query(ctx, `SELECT `+programmeColumns+` FROM programmes`+w.String()+
		` ORDER BY kind, active DESC, year DESC, id DESC LIMIT ? OFFSET ?`, append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, t.wrap("list programmes", err)
	}
	list := []*firstset.Programme{}
	for rows.Next() {
		p, err := scanProgramme(rows)
		if err != nil {
			rows.Close()
			return nil, 0, t.wrap("scan programme", err)
		}
		list = append(list, p)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, 0, t.wrap("list programmes", err)
	}
	return list, total, t.withProgrammeProducts(ctx, list)
}
