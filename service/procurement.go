package service

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"firstset"
	"firstset/date"
	"firstset/money"
	"firstset/plaintext"
	"firstset/report"
	"firstset/spreadsheet"
)

// Procurements records buyers' purchases of catalog products, their
// equipment totals, and reports the SOEs' first-set shares.
type Procurements struct{ *env }

var _ firstset.ProcurementService = (*Procurements)(nil)

// MaxImportRows bounds an import: rows of purchases below the headings.
const MaxImportRows = 20000

// buyerOf is the buyer a recording actor acts for: a buyer user's own, or
// for an administrator the buyer named.
func buyerOf(ctx context.Context, tx firstset.Tx, a *firstset.Actor, named int64) (*firstset.Buyer, error) {
	id := named
	if a.Role() == firstset.RoleBuyer {
		if named != 0 && named != a.User.BuyerID {
			return nil, firstset.FieldErrorf("buyer_id", firstset.EFORBIDDEN, "采购单位用户只能登记本单位的采购记录。")
		}
		id = a.User.BuyerID
	}
	if id == 0 {
		return nil, firstset.FieldErrorf("buyer_id", "required", "请选择采购单位。")
	}
	b, err := tx.BuyerByID(ctx, id)
	if isNotFound(err) {
		return nil, firstset.FieldErrorf("buyer_id", "unknown_buyer", "所选采购单位不存在。")
	}
	return b, err
}

func (s *Procurements) requireRecorder(ctx context.Context) (*firstset.Actor, error) {
	a := actor(ctx)
	if err := firstset.CheckRecordProcurement(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketWrite); err != nil {
		return nil, err
	}
	return a, nil
}

// CreateProcurement records a purchase of a catalog product.
func (s *Procurements) CreateProcurement(ctx context.Context, in firstset.ProcurementInput) (*firstset.Procurement, error) {
	a, err := s.requireRecorder(ctx)
	if err != nil {
		return nil, err
	}
	var p *firstset.Procurement
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		b, err := buyerOf(ctx, tx, a, in.BuyerID)
		if err != nil {
			return err
		}
		p = &firstset.Procurement{BuyerID: b.ID, CreatedBy: a.ID()}
		var probs firstset.Problems
		if err := s.applyProcurementInput(ctx, tx, &probs, p, in); err != nil {
			return err
		}
		if err := probs.Err(); err != nil {
			return err
		}
		p.CreatedAt, p.UpdatedAt = s.Now(), s.Now()
		if err := tx.CreateProcurement(ctx, p); err != nil {
			return err
		}
		if p, err = tx.ProcurementByID(ctx, p.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "procurement", p.ID, nil, p)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// UpdateProcurement changes a purchase the caller recorded for its buyer:
// most often its delivery, acceptance and use as they happen.
func (s *Procurements) UpdateProcurement(ctx context.Context, id int64, in firstset.ProcurementInput) (*firstset.Procurement, error) {
	a, err := s.requireRecorder(ctx)
	if err != nil {
		return nil, err
	}
	var p *firstset.Procurement
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.ProcurementByID(ctx, id)
		if err != nil {
			return err
		}
		if !firstset.CanChangeProcurement(a, old) {
			return firstset.NotFound("采购记录")
		}
		p = new(firstset.Procurement)
		*p = *old
		var probs firstset.Problems
		if err := s.applyProcurementInput(ctx, tx, &probs, p, in); err != nil {
			return err
		}
		if err := probs.Err(); err != nil {
			return err
		}
		p.UpdatedAt = s.Now()
		if err := tx.UpdateProcurement(ctx, p); err != nil {
			return err
		}
		if p, err = tx.ProcurementByID(ctx, id); err != nil {
			return err
		}
		return s.record(ctx, tx, "update", "procurement", p.ID, old, p)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// applyProcurementInput checks in field by field into probs and, when it
// holds, sets p from it. Only storage failures are returned.
func (s *Procurements) applyProcurementInput(ctx context.Context, tx firstset.Tx, probs *firstset.Problems,
	p *firstset.Procurement, in firstset.ProcurementInput) error {
	in.ProjectName, in.Recommendation, in.Note = clean(in.ProjectName), strings.TrimSpace(in.Recommendation), strings.TrimSpace(in.Note)
	requireText(probs, "project_name", "项目名称", in.ProjectName, 200)
	if !in.ProjectKind.Valid() {
		probs.Add("project_kind", "invalid_project_kind", "项目类型须为 key_project（重点建设工程）、government_investment（政府投资项目）或 state_platform（国有平台（企业））。")
	}
	if in.ContractDate.IsZero() {
		probs.Add("contract_date", "required", "请填写合同签订日期。")
	} else if today := date.FromTime(s.Now()); in.ContractDate.After(today) {
		probs.Add("contract_date", "date_in_future", "合同签订日期 %s 晚于今天。", in.ContractDate)
	}
	if in.Amount <= 0 {
		probs.Add("amount_yuan", "invalid_amount", "合同金额须大于零。")
	}
	if !in.Method.Valid() {
		probs.Add("method", "invalid_method", "请选择采购方式。")
	} else if in.Method.NeedsRecommendation() && in.Recommendation == "" {
		probs.Add("recommendation", "required", "%s须填写采购人和评审专家分别书面推荐供应商的情况。", in.Method.Label())
	}
	optionalLines(probs, "recommendation", "书面推荐情况", in.Recommendation, 2000)
	optionalLines(probs, "note", "备注", in.Note, 1000)
	if in.UseStatus == "" {
		in.UseStatus = firstset.UseContracted
	}
	if !in.UseStatus.Valid() {
		probs.Add("use_status", "invalid_use_status", "使用状态无效。")
	}
	if !in.DeliveredOn.IsZero() && !in.ContractDate.IsZero() && in.DeliveredOn.Before(in.ContractDate) {
		probs.Add("delivered_on", "date_order", "交付日期 %s 早于合同签订日期 %s。", in.DeliveredOn, in.ContractDate)
	}
	if !in.AcceptedOn.IsZero() {
		switch {
		case !in.DeliveredOn.IsZero() && in.AcceptedOn.Before(in.DeliveredOn):
			probs.Add("accepted_on", "date_order", "验收日期 %s 早于交付日期 %s。", in.AcceptedOn, in.DeliveredOn)
		case !in.ContractDate.IsZero() && in.AcceptedOn.Before(in.ContractDate):
			probs.Add("accepted_on", "date_order", "验收日期 %s 早于合同签订日期 %s。", in.AcceptedOn, in.ContractDate)
		}
	}
	if in.ProductID <= 0 {
		probs.Add("product_id", "required", "请选择目录中的装备。")
	} else {
		prod, err := tx.ProductByID(ctx, in.ProductID)
		switch {
		case isNotFound(err):
			probs.Add("product_id", "unknown_product", "装备 %d 不存在。", in.ProductID)
		case err != nil:
			return err
		case prod.RecognizedOn.IsZero():
			probs.Add("product_id", "not_in_catalog", "装备“%s”未经首台（套）认定，不在目录中。", prod.Name)
		case !in.ContractDate.IsZero() && in.ContractDate.Before(prod.RecognizedOn):
			probs.Add("contract_date", "before_recognition", "合同签订日期 %s 早于该装备的认定日期 %s，不计为首台（套）采购。",
				in.ContractDate, prod.RecognizedOn)
		case !in.ContractDate.IsZero() && prod.Status == firstset.StatusRevoked:
			probs.Add("product_id", "revoked", "装备“%s”的首台（套）认定已被撤销。", prod.Name)
		default:
			if until := s.validUntil(prod.RecognizedOn, prod.ValidUntil); !in.ContractDate.IsZero() && !until.IsZero() && in.ContractDate.After(until) {
				probs.Add("contract_date", "after_validity", "合同签订日期 %s 晚于该装备认定有效期（至 %s）。", in.ContractDate, until)
			}
		}
	}
	if len(*probs) > 0 {
		return nil
	}
	p.ProductID, p.ProjectName, p.ProjectKind, p.ContractDate = in.ProductID, in.ProjectName, in.ProjectKind, in.ContractDate
	p.Amount, p.Method, p.Recommendation = in.Amount, in.Method, in.Recommendation
	p.DeliveredOn, p.AcceptedOn, p.UseStatus, p.Note = in.DeliveredOn, in.AcceptedOn, in.UseStatus, in.Note
	return nil
}

// FindProcurementByID returns a purchase the caller may see.
func (s *Procurements) FindProcurementByID(ctx context.Context, id int64) (*firstset.Procurement, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketRead); err != nil {
		return nil, err
	}
	var p *firstset.Procurement
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		p, err = tx.ProcurementByID(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !firstset.SeesBuyer(a, &firstset.Buyer{ID: p.BuyerID, DistrictCode: p.BuyerDistrict}) {
		return nil, firstset.NotFound("采购记录")
	}
	return p, nil
}

// FindProcurements lists the purchases the caller may see: a buyer its
// own, a district office its district's buyers', the city all.
func (s *Procurements) FindProcurements(ctx context.Context, f firstset.ProcurementFilter) ([]*firstset.Procurement, int, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requireScope(a, firstset.ScopeMarketRead); err != nil {
		return nil, 0, err
	}
	if err := firstset.CheckListProcurements(a); err != nil {
		return nil, 0, err
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit, 20, 500)
	f.Query = clean(f.Query)
	if err := checkQuery(f.Query); err != nil {
		return nil, 0, err
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return nil, 0, firstset.FieldErrorf("to", "date_order", "结束日期 %s 早于开始日期 %s。", f.To, f.From)
	}
	if !scopeProcurements(a, &f) {
		return []*firstset.Procurement{}, 0, nil
	}
	var list []*firstset.Procurement
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		list, total, err = tx.ListProcurements(ctx, f)
		return err
	})
	return list, total, err
}

// scopeProcurements narrows f to what a sees, and reports false when f
// asks only for what a may not see.
func scopeProcurements(a *firstset.Actor, f *firstset.ProcurementFilter) bool {
	switch a.Role() {
	case firstset.RoleBuyer:
		if f.BuyerID != 0 && f.BuyerID != a.User.BuyerID {
			return false
		}
		f.BuyerID = a.User.BuyerID
	case firstset.RoleDistrict:
		if f.DistrictCode != "" && f.DistrictCode != a.User.DistrictCode {
			return false
		}
		f.DistrictCode = a.User.DistrictCode
	}
	return true
}

// SetEquipmentTotal records a buyer's whole equipment procurement in a
// period, replacing an earlier figure of the same period.
func (s *Procurements) SetEquipmentTotal(ctx context.Context, in firstset.EquipmentTotalInput) (*firstset.EquipmentTotal, error) {
	a, err := s.requireRecorder(ctx)
	if err != nil {
		return nil, err
	}
	var probs firstset.Problems
	period, perr := report.ParsePeriod(strings.TrimSpace(in.Period))
	if perr != nil {
		probs.Add("period", "invalid_period", "%s。", perr.Error())
	} else if period.From.After(date.FromTime(s.Now())) {
		probs.Add("period", "period_in_future", "期间 %s 尚未开始。", period)
	}
	if in.Amount <= 0 {
		probs.Add("equipment_total_yuan", "invalid_amount", "设备采购总额须大于零。")
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	t := &firstset.EquipmentTotal{Period: period.String(), Amount: in.Amount, CreatedBy: a.ID()}
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		b, err := buyerOf(ctx, tx, a, in.BuyerID)
		if err != nil {
			return err
		}
		t.BuyerID, t.BuyerName = b.ID, b.Name
		t.CreatedAt, t.UpdatedAt = s.Now(), s.Now()
		var before []*firstset.EquipmentTotal
		if before, err = tx.EquipmentTotals(ctx, b.ID, t.Period); err != nil {
			return err
		}
		if err := tx.PutEquipmentTotal(ctx, t); err != nil {
			return err
		}
		var old any
		if len(before) > 0 {
			old = before[0]
		}
		return s.record(ctx, tx, "set", "equipment_total", t.ID, old, t)
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// EquipmentTotals lists a buyer's totals (0: every buyer the caller sees).
func (s *Procurements) EquipmentTotals(ctx context.Context, buyerID int64) ([]*firstset.EquipmentTotal, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketRead); err != nil {
		return nil, err
	}
	if err := firstset.CheckListProcurements(a); err != nil {
		return nil, err
	}
	if a.Role() == firstset.RoleBuyer {
		if buyerID != 0 && buyerID != a.User.BuyerID {
			return []*firstset.EquipmentTotal{}, nil
		}
		buyerID = a.User.BuyerID
	}
	var list []*firstset.EquipmentTotal
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		all, err := tx.EquipmentTotals(ctx, buyerID, "")
		if err != nil || a.Role() != firstset.RoleDistrict {
			list = all
			return err
		}
		seen, _, err := tx.ListBuyers(ctx, firstset.BuyerFilter{DistrictCode: a.User.DistrictCode})
		if err != nil {
			return err
		}
		ours := map[int64]bool{}
		for _, b := range seen {
			ours[b.ID] = true
		}
		list = []*firstset.EquipmentTotal{}
		for _, t := range all {
			if ours[t.BuyerID] {
				list = append(list, t)
			}
		}
		return nil
	})
	return list, err
}

// SOEShares is each state-owned buyer's first-set share of its equipment
// procurement in a period (2024 measures （五）), with its assessment-list
// entries: the regulator sees every SOE, a district office its district's.
func (s *Procurements) SOEShares(ctx context.Context, period string) ([]*firstset.SOEShare, error) {
	a, err := requireLogin(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketRead); err != nil {
		return nil, err
	}
	if err := firstset.CheckReadShares(a); err != nil {
		return nil, err
	}
	p, err := report.ParsePeriod(strings.TrimSpace(period))
	if err != nil {
		return nil, firstset.FieldErrorf("period", "invalid_period", "%s。", err.Error())
	}
	f := firstset.BuyerFilter{StateOwned: true}
	if a.Role() == firstset.RoleDistrict {
		f.DistrictCode = a.User.DistrictCode
	}
	var out []*firstset.SOEShare
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		buyers, _, err := tx.ListBuyers(ctx, f)
		if err != nil {
			return err
		}
		byID := map[int64]*firstset.SOEShare{}
		out = make([]*firstset.SOEShare, 0, len(buyers))
		for _, b := range buyers {
			sh := &firstset.SOEShare{BuyerID: b.ID, BuyerName: b.Name, Kind: b.Kind, DistrictCode: b.DistrictCode,
				Assessment: []firstset.AssessmentEntry{}}
			byID[b.ID] = sh
			out = append(out, sh)
			if err := s.researchEntries(ctx, tx, b, p, sh); err != nil {
				return err
			}
		}
		pf := firstset.ProcurementFilter{From: p.From, To: p.To, DistrictCode: f.DistrictCode}
		err = tx.EachProcurement(ctx, pf, func(r *firstset.Procurement) error {
			sh := byID[r.BuyerID]
			if sh == nil {
				return nil
			}
			sh.Purchases++
			sh.FirstSet += r.Amount
			sh.Assessment = append(sh.Assessment, firstset.AssessmentEntry{Kind: "purchase", KindLabel: "采购",
				ProductID: r.ProductID, ProductName: r.ProductName, On: r.ContractDate, Amount: r.Amount,
				Detail: r.ProjectName + "（" + r.Method.Label() + "）"})
			if r.UseStatus == firstset.UseInUse || r.UseStatus == firstset.UseAccepted {
				on := r.AcceptedOn
				if on.IsZero() {
					on = r.ContractDate
				}
				sh.Assessment = append(sh.Assessment, firstset.AssessmentEntry{Kind: "use", KindLabel: "使用",
					ProductID: r.ProductID, ProductName: r.ProductName, On: on, Detail: r.UseStatus.Label()})
			}
			return nil
		})
		if err != nil {
			return err
		}
		totals, err := tx.EquipmentTotals(ctx, 0, p.String())
		if err != nil {
			return err
		}
		for _, t := range totals {
			if sh := byID[t.BuyerID]; sh != nil {
				amount := t.Amount
				sh.EquipmentTotal = &amount
				if pct, ok := firstset.SharePercent(sh.FirstSet, amount); ok {
					sh.SharePercent = &pct
				}
			}
		}
		return nil
	})
	return out, err
}

// researchEntries adds the first-set products an SOE developed itself and
// had recognised in the period: an SOE that makes equipment is registered
// as an enterprise under the same credit code.
func (s *Procurements) researchEntries(ctx context.Context, tx firstset.Tx, b *firstset.Buyer, p report.Period, sh *firstset.SOEShare) error {
	e, err := tx.EnterpriseByCreditCode(ctx, b.CreditCode)
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	products, _, err := tx.ListProducts(ctx, firstset.ProductFilter{EnterpriseID: e.ID}, "")
	if err != nil {
		return err
	}
	for _, prod := range products {
		if !prod.RecognizedOn.IsZero() && p.Contains(prod.RecognizedOn) {
			sh.Assessment = append(sh.Assessment, firstset.AssessmentEntry{Kind: "research", KindLabel: "研制",
				ProductID: prod.ID, ProductName: prod.Name, On: prod.RecognizedOn, Detail: "认定为首台（套）重大技术装备"})
		}
	}
	return nil
}

// ImportProcurements stores every row of a workbook made from the import
// template, or, when any row has a problem, none: the result then lists
// every problem by row and column.
func (s *Procurements) ImportProcurements(ctx context.Context, buyerID int64, r io.Reader) (*firstset.ImportResult, error) {
	a, err := s.requireRecorder(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := spreadsheet.Rows(r, MaxImportRows+2)
	var tooMany *spreadsheet.TooManyRowsError
	switch {
	case errors.As(err, &tooMany):
		return nil, firstset.FieldErrorf("file", "too_many_rows", "工作表超过 %d 行，请分批导入。", MaxImportRows)
	case errors.Is(err, spreadsheet.ErrNotWorkbook):
		return nil, firstset.FieldErrorf("file", "not_workbook", "文件不是有效的 Excel 工作簿（.xlsx），请下载平台的导入模板填写。")
	case err != nil:
		return nil, fmt.Errorf("read workbook: %w", err)
	}
	cols, start, err := importColumns(rows)
	if err != nil {
		return nil, err
	}
	res := &firstset.ImportResult{Problems: []firstset.ImportProblem{}}
	var batch []*firstset.Procurement
	err = s.store.Update(firstset.BulkWrite(ctx), func(tx firstset.Tx) error {
		b, err := buyerOf(ctx, tx, a, buyerID)
		if err != nil {
			return err
		}
		products := map[int64]*firstset.Product{}
		for i := start; i < len(rows); i++ {
			if blankRow(rows[i]) {
				continue
			}
			res.Rows++
			in, probs := readImportRow(rows[i], cols)
			p := &firstset.Procurement{BuyerID: b.ID, CreatedBy: a.ID()}
			if len(probs) == 0 {
				cache := cachedProducts{tx, products}
				if err := s.applyProcurementInput(ctx, cache, &probs, p, in); err != nil {
					return err
				}
			}
			for _, fe := range probs {
				res.Problems = append(res.Problems, firstset.ImportProblem{Row: i + 1, Field: fe.Field,
					Column: headingOf(fe.Field), Code: fe.Code, Message: fe.Message})
			}
			if len(probs) == 0 {
				p.CreatedAt, p.UpdatedAt = s.Now(), s.Now()
				batch = append(batch, p)
			}
		}
		if res.Rows == 0 {
			return firstset.FieldErrorf("file", "empty", "工作表中没有采购记录，请在模板的说明行下方逐行填写。")
		}
		if len(res.Problems) > 0 {
			return errImportProblems
		}
		if err := tx.CreateProcurements(ctx, batch); err != nil {
			return err
		}
		res.Stored = len(batch)
		return s.record(ctx, tx, "import", "procurement", b.ID, nil, map[string]any{"buyer_id": b.ID, "rows": res.Rows})
	})
	if errors.Is(err, errImportProblems) {
		return res, nil
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

var errImportProblems = errors.New("import: rows with problems")

// cachedProducts reads each product of an import once.
type cachedProducts struct {
	firstset.Tx
	byID map[int64]*firstset.Product
}

func (c cachedProducts) ProductByID(ctx context.Context, id int64) (*firstset.Product, error) {
	if p, ok := c.byID[id]; ok {
		if p == nil {
			return nil, firstset.NotFound("装备")
		}
		return p, nil
	}
	p, err := c.Tx.ProductByID(ctx, id)
	if isNotFound(err) {
		c.byID[id] = nil
	} else if err == nil {
		c.byID[id] = p
	}
	return p, err
}

// importColumns finds the template's heading row (the first with 装备编号)
// and where each column is; the data starts after it and its hint row.
func importColumns(rows [][]string) (map[string]int, int, error) {
	for i, row := range rows {
		if i > 5 {
			break
		}
		cols := map[string]int{}
		for j, h := range row {
			for _, c := range firstset.ProcurementImportColumns {
				if strings.TrimSuffix(h, "*") == c.Heading {
					cols[c.Field] = j
				}
			}
		}
		if _, ok := cols["product_id"]; !ok {
			continue
		}
		for _, c := range firstset.ProcurementImportColumns {
			if _, ok := cols[c.Field]; !ok && c.Required {
				return nil, 0, firstset.FieldErrorf("file", "missing_column", "工作表缺少“%s”列，请使用平台的导入模板。", c.Heading)
			}
		}
		start := i + 1
		if start < len(rows) && isHintRow(rows[start]) {
			start++
		}
		return cols, start, nil
	}
	return nil, 0, firstset.FieldErrorf("file", "missing_column", "工作表缺少表头“装备编号”，请使用平台的导入模板。")
}

// isHintRow reports whether row is the template's line of explanations.
func isHintRow(row []string) bool {
	for _, c := range firstset.ProcurementImportColumns {
		if c.Hint != "" && len(row) > 0 && row[0] == c.Hint {
			return true
		}
	}
	return false
}

func blankRow(row []string) bool {
	for _, c := range row {
		if c != "" {
			return false
		}
	}
	return true
}

func headingOf(field string) string {
	for _, c := range firstset.ProcurementImportColumns {
		if c.Field == field {
			return c.Heading
		}
	}
	return ""
}

// readImportRow reads one row's cells into an input; what cannot be read
// (a number, a date, a choice) is a problem of its column.
func readImportRow(row []string, cols map[string]int) (firstset.ProcurementInput, firstset.Problems) {
	cell := func(field string) string {
		if j, ok := cols[field]; ok && j < len(row) {
			return row[j]
		}
		return ""
	}
	var in firstset.ProcurementInput
	var p firstset.Problems
	if v := cell("product_id"); v != "" {
		id, err := strconv.ParseInt(strings.TrimSuffix(v, ".0"), 10, 64)
		if err != nil || id <= 0 {
			p.Add("product_id", "invalid_number", "装备编号“%s”不是有效的数字。", v)
		}
		in.ProductID = id
	}
	in.ProjectName = cell("project_name")
	if v := cell("project_kind"); v != "" {
		k, ok := firstset.ParseProjectKind(v)
		if !ok {
			p.Add("project_kind", "invalid_project_kind", "项目类型“%s”无效，应为重点建设工程、政府投资项目或国有平台（企业）。", v)
		}
		in.ProjectKind = k
	}
	for _, d := range []struct {
		field string
		to    *date.Date
	}{{"contract_date", &in.ContractDate}, {"delivered_on", &in.DeliveredOn}, {"accepted_on", &in.AcceptedOn}} {
		if v := cell(d.field); v != "" {
			t, ok := parseCellDate(v)
			if !ok {
				p.Add(d.field, "invalid_date", "“%s”不是有效的日期，请写成 2026-07-15。", v)
			}
			*d.to = t
		}
	}
	if v := cell("amount_yuan"); v != "" {
		f, err := money.ParseYuan(strings.ReplaceAll(v, ",", ""))
		if err != nil {
			p.Add("amount_yuan", "invalid_amount", "合同金额“%s”无效：%s", v, moneyMessage(err))
		}
		in.Amount = f
	}
	if v := cell("method"); v != "" {
		m, ok := firstset.ParseProcurementMethod(v)
		if !ok {
			p.Add("method", "invalid_method", "采购方式“%s”无效。", v)
		}
		in.Method = m
	}
	if v := cell("use_status"); v != "" {
		u, ok := firstset.ParseUseStatus(v)
		if !ok {
			p.Add("use_status", "invalid_use_status", "使用状态“%s”无效。", v)
		}
		in.UseStatus = u
	}
	in.Recommendation, in.Note = cell("recommendation"), cell("note")
	for _, f := range []struct{ field, label, v string }{{"project_name", "项目名称", in.ProjectName},
		{"recommendation", "书面推荐情况", in.Recommendation}, {"note", "备注", in.Note}} {
		checkText(&p, f.field, f.label, f.v, plaintext.MultiLine)
	}
	return in, p
}

// parseCellDate reads a date as people type it into a cell, or as Excel
// shows a date cell by default (01-02-06).
func parseCellDate(s string) (date.Date, bool) {
	for _, layout := range []string{"2006-01-02", "2006/1/2", "2006-1-2", "2006.1.2", "2006年1月2日", "01-02-06", "1/2/06", "1/2/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return date.FromTime(t), true
		}
	}
	return date.Date{}, false
}

// moneyMessage is a money parse error in Chinese.
func moneyMessage(err error) string {
	var pe *money.ParseError
	if errors.As(err, &pe) {
		return pe.Chinese()
	}
	return err.Error()
}
