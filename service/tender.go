package service

import (
	"context"
	"fmt"

	"firstset"
	"firstset/date"
	"firstset/tender"
)

// Tender implements the tender-document checker.
type Tender struct{ *env }

// AuthorizeTenderCheck lets the roles that write, supervise or bid for
// tenders use the checker (Role.ChecksTenders). It reads no stored data, so
// an API token needs no scope beyond being its user's: the role decides.
func (s *Tender) AuthorizeTenderCheck(ctx context.Context) error {
	return firstset.CheckTenderCheck(actor(ctx))
}

// CheckTender checks a document for the caller, with the first-set
// context of a catalog product when one is named.
func (s *Tender) CheckTender(ctx context.Context, in firstset.TenderCheckInput) (*tender.Report, error) {
	if err := s.AuthorizeTenderCheck(ctx); err != nil {
		return nil, err
	}
	today := date.FromTime(s.Now())
	opt := tender.Options{On: today, Paragraphs: in.Paragraphs}
	if in.ProductID != 0 {
		tp, err := s.CatalogProduct(ctx, in.ProductID, today)
		if firstset.ErrorCode(err) == firstset.ENOTFOUND {
			return nil, errNotInCatalog(in.ProductID)
		}
		if err != nil {
			return nil, err
		}
		tp.Insured = in.Insured
		opt.Product = &tp
	}
	rep := tender.Check(in.Lines, opt)
	return &rep, nil
}

// TenderProducts lists the products a check may name, for the checker's
// product choice. The catalog search shows staff every status unless asked
// for one, so the status is asked for here; products past their validity
// are left out too, since CheckTender would refuse them (TenderProduct).
func (s *Tender) TenderProducts(ctx context.Context, query string, limit int) ([]firstset.CatalogItem, error) {
	if err := s.AuthorizeTenderCheck(ctx); err != nil {
		return nil, err
	}
	query = clean(query)
	var p firstset.Problems
	optionalText(&p, "product_q", "搜索词", query, 50)
	if err := p.Err(); err != nil {
		return nil, err
	}
	_, limit = page(0, limit, 20, 100)
	var res *firstset.CatalogPage
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		res, err = tx.SearchCatalog(ctx, firstset.CatalogQuery{Query: query, Status: firstset.StatusRecognised, Limit: limit})
		return err
	})
	if err != nil {
		return nil, err
	}
	s.withItemValidity(res.Items)
	today := date.FromTime(s.Now())
	items := res.Items[:0]
	for _, it := range res.Items {
		if it.Status == firstset.StatusRecognised && !it.RecognizedOn.IsZero() && !today.Before(it.RecognizedOn) &&
			(it.ValidUntil.IsZero() || !today.After(it.ValidUntil)) {
			items = append(items, it)
		}
	}
	return items, nil
}

func errNotInCatalog(id int64) *firstset.Error {
	return firstset.FieldErrorf("product_id", "not_in_catalog", "编号为 %d 的装备不在首台（套）目录中。", id)
}

// CatalogProduct is the catalog product id as the checker reads it, with
// its validity in force, on day on: ENOTFOUND for an id that names no
// product (callers decide whether to say so), EINVALID on product_id for
// one that is not recognised and in force (see tenderProduct). It reads
// no more than the product and asks nothing of the caller: the command
// line checks documents against the database without an account.
func (s *Tender) CatalogProduct(ctx context.Context, id int64, on date.Date) (tender.Product, error) {
	var p *firstset.Product
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		p, err = tx.ProductByID(ctx, id)
		return err
	})
	if err != nil {
		return tender.Product{}, err
	}
	return tenderProduct(s.withValidity(p), on)
}

// tenderProduct turns a catalog product into what the checker reads. Only
// a recognised product within its validity on day on qualifies; anything
// else is refused with the same EINVALID error on product_id as an unknown
// id, except expiry, which the person can do something about and is named.
// Insured is left false: the catalog does not record insurance.
func tenderProduct(p *firstset.Product, on date.Date) (tender.Product, error) {
	if p.Status != firstset.StatusRecognised || p.RecognizedOn.IsZero() || on.Before(p.RecognizedOn) {
		return tender.Product{}, errNotInCatalog(p.ID)
	}
	until := p.Validity
	if on.After(until) {
		return tender.Product{}, firstset.FieldErrorf("product_id", "expired",
			"装备“%s”的首台（套）认定已于 %s 到期。", p.Name, until.Chinese())
	}
	return tender.Product{
		Name:       p.Name,
		Model:      p.Model,
		Enterprise: p.EnterpriseName,
		// No certificate numbers are stored yet; the catalog id and the day
		// of recognition name the recognition uniquely and stay stable.
		Certificate:  fmt.Sprintf("FS-%d-%s", p.ID, p.RecognizedOn.Time().Format("20060102")),
		RecognizedOn: p.RecognizedOn,
		ValidUntil:   until,
	}, nil
}
