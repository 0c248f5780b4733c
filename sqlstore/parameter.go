package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"firstset"
)

func init() {
	msg := "该参数在这一天已有调整，同一参数同一天只能有一个取值。"
	conflicts["parameter_changes.param"] = struct{ field, message string }{"from", msg}
	conflicts["parameter_changes.param, starts_on"] = struct{ field, message string }{"from", msg}
	conflicts["parameter_changes.previous_id"] = struct{ field, message string }{"param", "参数刚被其他管理员调整，请刷新页面核对后重试。"}
}

func (t *Tx) ParameterChanges(ctx context.Context) ([]*firstset.ParameterChange, error) {
	rows, err := t.Query(ctx, `SELECT c.id, c.previous_id, c.param, c.starts_on, c.value, c.source, c.version, c.created_by,
		COALESCE(u.name, ''), c.created_at FROM parameter_changes c LEFT JOIN users u ON u.id = c.created_by ORDER BY c.id`)
	if err != nil {
		return nil, t.wrap("parameter changes", err)
	}
	defer rows.Close()
	list := []*firstset.ParameterChange{}
	for rows.Next() {
		var c firstset.ParameterChange
		var by sql.NullInt64
		if err := rows.Scan(&c.ID, &c.PreviousID, &c.Param, &c.From, &c.Value, &c.Source, &c.Version, &by, &c.CreatedByName,
			timeScanner{&c.CreatedAt}); err != nil {
			return nil, t.wrap("scan parameter change", err)
		}
		c.CreatedBy = by.Int64
		list = append(list, &c)
	}
	return list, t.wrap("parameter changes", rows.Err())
}

func (t *Tx) LatestParameterChange(ctx context.Context) (int64, error) {
	var id int64
	err := t.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM parameter_changes`).Scan(&id)
	return id, t.wrap("latest parameter change", err)
}

func (t *Tx) CreateParameterChange(ctx context.Context, c *firstset.ParameterChange) error {
	stamp(&c.CreatedAt, time.Now())
	err := t.insertID(ctx, &c.ID, `INSERT INTO parameter_changes (previous_id, param, starts_on, value, source, version,
		created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.PreviousID, c.Param, c.From, c.Value, c.Source, c.Version,
		nullID(c.CreatedBy), t.time(c.CreatedAt))
	return t.wrap("create parameter change", err)
}
