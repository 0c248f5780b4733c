package service

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"firstset"
)

// TenderChecks keeps the tender checks buyers save with their purchases
// and what they did about each finding; the tender supervisor sees them all.
type TenderChecks struct{ *env }

var _ firstset.TenderCheckService = (*TenderChecks)(nil)

// MaxTenderText bounds a saved document's text, in bytes.
const MaxTenderText = 2 << 20

// SaveTenderCheck runs the checker over a buyer's document and keeps the
// document and its report.
func (s *TenderChecks) SaveTenderCheck(ctx context.Context, in firstset.TenderCheckSave) (*firstset.TenderCheck, error) {
	a := actor(ctx)
	if err := firstset.CheckSaveTenderCheck(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketWrite); err != nil {
		return nil, err
	}
	var probs firstset.Problems
	in.Title = clean(in.Title)
	requireText(&probs, "title", "招标文件名称", in.Title, 200)
	if in.Lines != nil {
		// An uploaded file, already read: its lines are what is kept.
		in.Text = strings.Join(in.Lines, "\n")
	}
	textField := "text"
	if in.FileName != "" {
		textField = "file"
	}
	if strings.TrimSpace(in.Text) == "" {
		probs.Add(textField, "required", "请上传招标文件或粘贴其正文。")
	} else if len(in.Text) > MaxTenderText {
		probs.Add(textField, "too_long", "招标文件正文超过 %d MB，请分章节检查。", MaxTenderText>>20)
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	if in.ProcurementID != 0 {
		err := s.store.View(ctx, func(tx firstset.Tx) error {
			p, err := tx.ProcurementByID(ctx, in.ProcurementID)
			if isNotFound(err) || err == nil && p.BuyerID != a.User.BuyerID {
				return firstset.FieldErrorf("procurement_id", "unknown_procurement", "所选采购记录不存在或不属于本单位。")
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	lines := in.Lines
	if lines == nil {
		lines = strings.Split(in.Text, "\n")
	}
	rep, err := (&Tender{s.env}).CheckTender(ctx, firstset.TenderCheckInput{Lines: lines,
		ProductID: in.ProductID, Insured: in.Insured, Paragraphs: in.Paragraphs})
	if err != nil {
		return nil, err
	}
	report, err := json.Marshal(rep)
	if err != nil {
		return nil, fmt.Errorf("tender report: %w", err)
	}
	c := &firstset.TenderCheck{BuyerID: a.User.BuyerID, ProcurementID: in.ProcurementID, Title: in.Title, Text: in.Text,
		FileName: in.FileName,
		Report:   report, Findings: len(rep.Findings), CreatedBy: a.ID(), CreatedAt: s.Now()}
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		if err := tx.CreateTenderCheck(ctx, c); err != nil {
			return err
		}
		saved, err := tx.TenderCheckByID(ctx, c.ID)
		if err != nil {
			return err
		}
		c = saved
		// The audit keeps the check's outline, not the document itself.
		return s.record(ctx, tx, "check", "tender_check", c.ID, nil, map[string]any{"title": c.Title,
			"procurement_id": c.ProcurementID, "file_name": c.FileName, "findings": c.Findings})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// FindTenderCheckByID returns a saved check to its buyer and the supervisor.
func (s *TenderChecks) FindTenderCheckByID(ctx context.Context, id int64) (*firstset.TenderCheck, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketRead); err != nil {
		return nil, err
	}
	var c *firstset.TenderCheck
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		c, err = tx.TenderCheckByID(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !firstset.SeesTenderCheck(a, c) {
		return nil, firstset.NotFound("招标文件检查记录")
	}
	return c, nil
}

// FindTenderChecks lists a buyer's own checks, or every one for the
// supervisor.
func (s *TenderChecks) FindTenderChecks(ctx context.Context, f firstset.TenderCheckFilter) ([]*firstset.TenderCheck, int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requireScope(a, firstset.ScopeMarketRead); err != nil {
		return nil, 0, err
	}
	if err := firstset.CheckListTenderChecks(a); err != nil {
		return nil, 0, err
	}
	if a.Role() == firstset.RoleBuyer {
		f.BuyerID = a.User.BuyerID
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit, 20, 500)
	var list []*firstset.TenderCheck
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		list, total, err = tx.ListTenderChecks(ctx, f)
		return err
	})
	return list, total, err
}

// MarkFinding records that the buyer fixed finding n or explains why it
// stands; a later mark replaces an earlier one.
func (s *TenderChecks) MarkFinding(ctx context.Context, id int64, n int, in firstset.FindingMarkInput) (*firstset.TenderCheck, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketWrite); err != nil {
		return nil, err
	}
	var c *firstset.TenderCheck
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.TenderCheckByID(ctx, id)
		if err != nil {
			return err
		}
		if !firstset.SeesTenderCheck(a, old) {
			return firstset.NotFound("招标文件检查记录")
		}
		if !firstset.CanMarkFindings(a, old) {
			return firstset.Errorf(firstset.EFORBIDDEN, "只有采购单位本单位可以标注检查问题。")
		}
		var probs firstset.Problems
		note := strings.TrimSpace(in.Note)
		if !in.Status.Valid() {
			probs.Add("status", "invalid_status", "处理情况须为 fixed（已修改）或 explained（已说明）。")
		}
		if in.Status == firstset.FindingExplained && note == "" {
			probs.Add("note", "required", "请说明该条款保留的理由。")
		}
		optionalLines(&probs, "note", "说明", note, 2000)
		if err := probs.Err(); err != nil {
			return err
		}
		if n < 1 || n > old.Findings {
			return firstset.NotFound("检查问题")
		}
		m := &firstset.FindingMark{N: n, Status: in.Status, Note: note, MarkedBy: a.ID(), MarkedAt: s.Now()}
		if err := tx.PutFindingMark(ctx, id, m); err != nil {
			return err
		}
		if c, err = tx.TenderCheckByID(ctx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, "mark", "tender_check", id, nil, m)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}
