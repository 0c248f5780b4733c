package service

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"

	"firstset"
	"firstset/date"
	"firstset/district"
	"firstset/document"
	"firstset/plaintext"
	"firstset/report"
)

// Bulletins composes the periodic bulletins (定期通报) of first-set use by
// key projects, government-investment projects and state platforms, and
// serves them to those they are addressed to.
type Bulletins struct{ *env }

var _ firstset.BulletinService = (*Bulletins)(nil)

// BulletinJob composes each quarter's draft bulletin once the quarter has
// ended.
const BulletinJob = "quarterly_bulletin"

// ComposeBulletin composes a draft bulletin of a period from the purchases
// recorded for it: the PDF and the workbook are made once, here, and kept
// as they will be issued.
func (s *Bulletins) ComposeBulletin(ctx context.Context, in firstset.BulletinInput) (*firstset.Bulletin, error) {
	a := actor(ctx)
	if err := firstset.CheckComposeBulletin(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketWrite); err != nil {
		return nil, err
	}
	p, err := report.ParsePeriod(strings.TrimSpace(in.Period))
	if err != nil {
		return nil, firstset.FieldErrorf("period", "invalid_period", "%s", err.Error())
	}
	if today := date.FromTime(s.Now()); p.From.After(today) {
		return nil, firstset.FieldErrorf("period", "period_in_future", "期间 %s 尚未开始，无法编制通报。", p)
	}
	return s.compose(ctx, p, in.Public, a.ID())
}

func (s *Bulletins) compose(ctx context.Context, p report.Period, public bool, by int64) (*firstset.Bulletin, error) {
	font := s.cfg.Documents.Font
	if font == nil {
		return nil, firstset.Errorf(firstset.EUNAVAILABLE, "%s", document.ErrNoFont.Error())
	}
	var rb *report.Bulletin
	var xlsx bytes.Buffer
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		totals, err := s.periodTotals(ctx, tx, p)
		if err != nil {
			return err
		}
		ex, err := s.exemptionCount(ctx, tx, p)
		if err != nil {
			return err
		}
		seq, errp := purchasesOf(ctx, tx, p)
		if rb, err = report.Compose(p, seq, totals, ex); err != nil {
			return fmt.Errorf("compose bulletin %s: %w", p, err)
		}
		if *errp != nil {
			return *errp
		}
		// The detail sheet reads the period again in the same transaction,
		// so it holds exactly what was composed.
		seq, errp = purchasesOf(ctx, tx, p)
		if err := report.WriteXLSX(&xlsx, rb, seq); err != nil {
			return fmt.Errorf("bulletin workbook %s: %w", p, err)
		}
		return *errp
	})
	if err != nil {
		return nil, err
	}
	today := date.FromTime(s.Now())
	pdf, err := document.BulletinPDF(rb, document.ReportOptions{Font: font, Issuer: s.cfg.Documents.Issuer, Date: today})
	if err != nil {
		return nil, fmt.Errorf("bulletin pdf: %w", err)
	}
	figures, err := json.Marshal(rb)
	if err != nil {
		return nil, fmt.Errorf("bulletin figures: %w", err)
	}
	b := &firstset.Bulletin{Period: p.String(), Title: rb.Title, Status: firstset.BulletinDraft, Public: public,
		Summary: rb.Narrative, Purchases: rb.Summary.Purchases, AmountFen: rb.Summary.AmountFen,
		PDFSHA256: digest(pdf), XLSXSHA256: digest(xlsx.Bytes()), CreatedBy: by, CreatedAt: s.Now()}
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		if err := tx.CreateBulletin(ctx, b, figures, pdf, xlsx.Bytes()); err != nil {
			return err
		}
		return s.record(ctx, tx, "compose", "bulletin", b.ID, nil, b)
	})
	if err != nil {
		return nil, err
	}
	return withURLs(b), nil
}

func digest(b []byte) string { h := sha256.Sum256(b); return hex.EncodeToString(h[:]) }

func withURLs(b *firstset.Bulletin) *firstset.Bulletin {
	id := strconv.FormatInt(b.ID, 10)
	b.PDFURL, b.XLSXURL = "/api/v1/bulletins/"+id+"/pdf", "/api/v1/bulletins/"+id+"/xlsx"
	return b
}

var errStopPurchases = errors.New("stop")

// purchasesOf is the period's purchases as the report reads them, read
// from the store a batch at a time; *err is the store's error once the
// sequence has run.
func purchasesOf(ctx context.Context, tx firstset.Tx, p report.Period) (iter.Seq[report.Purchase], *error) {
	errp := new(error)
	seq := func(yield func(report.Purchase) bool) {
		f := firstset.ProcurementFilter{From: p.From, To: p.To}
		err := tx.EachProcurement(ctx, f, func(r *firstset.Procurement) error {
			if !yield(reportPurchase(r)) {
				return errStopPurchases
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStopPurchases) {
			*errp = err
		}
	}
	return seq, errp
}

func reportPurchase(r *firstset.Procurement) report.Purchase {
	pu := report.Purchase{BuyerID: r.BuyerID, BuyerName: r.BuyerName, BuyerKind: string(r.BuyerKind),
		DistrictCode: r.BuyerDistrict, ProjectName: r.ProjectName, ProjectKind: string(r.ProjectKind),
		ProductID: r.ProductID, ProductName: r.ProductName, EnterpriseName: r.EnterpriseName,
		ContractDate: r.ContractDate, AmountFen: int64(r.Amount), Method: string(r.Method), UseStatus: r.UseStatus.Label()}
	if d, ok := district.ByCode(r.BuyerDistrict); ok {
		pu.DistrictName = d.Name
	}
	return pu
}

// periodTotals are the equipment totals the report needs: those of the
// period and of the periods inside it.
func (s *Bulletins) periodTotals(ctx context.Context, tx firstset.Tx, p report.Period) ([]report.EquipmentTotal, error) {
	all, err := tx.EquipmentTotals(ctx, 0, "")
	if err != nil {
		return nil, err
	}
	buyers := map[int64]*firstset.Buyer{}
	var out []report.EquipmentTotal
	for _, t := range all {
		q, err := report.ParsePeriod(t.Period)
		if err != nil || !p.Covers(q) {
			continue
		}
		b := buyers[t.BuyerID]
		if b == nil {
			if b, err = tx.BuyerByID(ctx, t.BuyerID); err != nil {
				return nil, err
			}
			buyers[t.BuyerID] = b
		}
		out = append(out, report.EquipmentTotal{BuyerID: t.BuyerID, BuyerName: b.Name, BuyerKind: string(b.Kind),
			Period: t.Period, EquipmentTotalFen: int64(t.Amount)})
	}
	return out, nil
}

// IssueBulletin issues a draft after review.
func (s *Bulletins) IssueBulletin(ctx context.Context, id int64, opinion string) (*firstset.Bulletin, error) {
	a := actor(ctx)
	if err := firstset.CheckComposeBulletin(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeMarketWrite); err != nil {
		return nil, err
	}
	opinion = strings.TrimSpace(opinion)
	var p firstset.Problems
	// A bulletin goes out under a reviewer's recorded opinion.
	if checkText(&p, "opinion", "审核意见", opinion, plaintext.MultiLine) {
		checkLength(&p, "opinion", "审核意见", opinion, 1000, true)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	var b *firstset.Bulletin
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.BulletinByID(ctx, id)
		if err != nil {
			return err
		}
		b = new(firstset.Bulletin)
		*b = *old
		now := s.Now()
		b.Opinion, b.IssuedBy, b.IssuedAt = opinion, a.ID(), &now
		if err := tx.IssueBulletin(ctx, b); err != nil {
			return err
		}
		return s.record(ctx, tx, "issue", "bulletin", b.ID, old, b)
	})
	if err != nil {
		return nil, err
	}
	return withURLs(b), nil
}

// bulletinReader is whom a bulletin is read as: a credential without
// market:read reads what the public does, since public bulletins are
// everyone's.
func bulletinReader(ctx context.Context) *firstset.Actor {
	a := actor(ctx)
	if !a.IsPublic() && !a.Allows(firstset.ScopeMarketRead) {
		return &firstset.Actor{}
	}
	return a
}

// FindBulletinByID returns a bulletin the caller may see; a draft does not
// exist for those it is not yet addressed to.
func (s *Bulletins) FindBulletinByID(ctx context.Context, id int64) (*firstset.Bulletin, error) {
	a := bulletinReader(ctx)
	var b *firstset.Bulletin
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		b, err = tx.BulletinByID(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	if !firstset.SeesBulletin(a, b) {
		return nil, firstset.NotFound("通报")
	}
	return withURLs(b), nil
}

// FindBulletins lists the bulletins the caller may see, newest first.
func (s *Bulletins) FindBulletins(ctx context.Context, f firstset.BulletinFilter) ([]*firstset.Bulletin, int, error) {
	a := bulletinReader(ctx)
	f = firstset.BulletinFilterFor(a, f)
	f.Offset, f.Limit = page(f.Offset, f.Limit, 20, 200)
	var list []*firstset.Bulletin
	var total int
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		list, total, err = tx.ListBulletins(ctx, f)
		return err
	})
	for _, b := range list {
		withURLs(b)
	}
	return list, total, err
}

// BulletinFile is a bulletin's stored PDF or workbook.
func (s *Bulletins) BulletinFile(ctx context.Context, id int64, format string) (*firstset.Bulletin, []byte, error) {
	if format != "pdf" && format != "xlsx" {
		return nil, nil, firstset.FieldErrorf("format", "invalid_format", "格式须为 pdf 或 xlsx。")
	}
	b, err := s.FindBulletinByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	var data []byte
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		data, err = tx.BulletinFile(ctx, id, format)
		return err
	})
	return b, data, err
}

// BulletinChart is the SVG of chart n of a bulletin, drawn from the
// figures it was composed with.
func (s *Bulletins) BulletinChart(ctx context.Context, id int64, n int) ([]byte, error) {
	if _, err := s.FindBulletinByID(ctx, id); err != nil {
		return nil, err
	}
	var raw []byte
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		raw, err = tx.BulletinFile(ctx, id, "figures")
		return err
	})
	if err != nil {
		return nil, err
	}
	var rb report.Bulletin
	if err := json.Unmarshal(raw, &rb); err != nil {
		return nil, fmt.Errorf("bulletin %d figures: %w", id, err)
	}
	if n < 0 || n >= len(rb.Charts) {
		return nil, firstset.NotFound("图表")
	}
	return rb.ChartSVG(n)
}

// ComposeDueBulletins composes the draft of the quarter that has just
// ended, once: the quarterly job runs it daily, and a quarter that already
// has a bulletin is left alone.
func (s *Bulletins) ComposeDueBulletins(ctx context.Context) (int, error) {
	today := date.FromTime(s.Now())
	y, m, _ := today.Parts()
	q := (int(m)-1)/3 + 1
	prev, err := report.PeriodOf(report.Quarter, y, q-1)
	if q == 1 {
		prev, err = report.PeriodOf(report.Quarter, y-1, 4)
	}
	if err != nil {
		return 0, err
	}
	var have int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		_, n, err := tx.ListBulletins(ctx, firstset.BulletinFilter{Period: prev.String(), Limit: 1})
		have = n
		return err
	})
	if err != nil || have > 0 {
		return 0, err
	}
	if _, err := s.compose(ctx, prev, false, 0); err != nil {
		return 0, err
	}
	return 1, nil
}

// exemptionCount is the period's fault-tolerance exemption requests and
// decisions: requests made in the period, and those granted or refused in
// it (whenever they were made).
func (s *Bulletins) exemptionCount(ctx context.Context, tx firstset.Tx, p report.Period) (report.ExemptionCount, error) {
	c, err := tx.CountExemptions(ctx, p.From, p.To)
	if err != nil {
		return report.ExemptionCount{}, fmt.Errorf("exemptions of %s to %s: %w", p.From, p.To, err)
	}
	return report.ExemptionCount{Requested: c.Requested, Granted: c.Granted, Refused: c.Refused}, nil
}
