package service

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"firstset"
	"firstset/date"
	"firstset/document"
	"firstset/idnumber"
)

// Launch plans the annual launch event (新产品发布会, 2024 measures （三）),
// awards its plaques and honours the products' main R&D people.
type Launch struct{ *env }

var _ firstset.LaunchService = (*Launch)(nil)

// The bounds of an event's input.
const (
	maxLaunchProducts = 60
	maxLaunchPlace    = 200
	maxHonoreeName    = 50
	maxHonoreeRole    = 50
)

func (s *Launch) CreateLaunchEvent(ctx context.Context, in firstset.LaunchEventInput) (*firstset.LaunchEvent, error) {
	a := actor(ctx)
	if err := firstset.CheckPlanLaunch(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeProductsWrite); err != nil {
		return nil, err
	}
	today := date.FromTime(s.Now())
	thisYear, _, _ := today.Parts()
	var p firstset.Problems
	if in.Year < 2018 || in.Year > thisYear+1 {
		p.Add("year", "invalid_year", "年度应在 2018 年至 %d 年之间。", thisYear+1)
	}
	heldOn, place := launchSchedule(&p, in.HeldOn, in.Place, in.Year, !p.Has("year"))
	switch {
	case len(in.ProductIDs) == 0:
		p.Add("product_ids", "required", "请至少选择一项发布产品。")
	case len(in.ProductIDs) > maxLaunchProducts:
		p.Add("product_ids", "too_many", "一届发布会最多发布 %d 项产品。", maxLaunchProducts)
	}
	seen := map[int64]bool{}
	for _, id := range in.ProductIDs {
		if seen[id] && !p.Has("product_ids") {
			p.Add("product_ids", "duplicate", "发布产品 %d 重复选择。", id)
		}
		seen[id] = true
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	e := &firstset.LaunchEvent{Year: in.Year, HeldOn: heldOn, Place: place, CreatedBy: a.ID(), CreatedAt: s.Now()}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		events, err := tx.ListLaunchEvents(ctx)
		if err != nil {
			return err
		}
		for _, old := range events {
			if old.Year == in.Year {
				return firstset.FieldErrorf("year", "duplicate_year", "%d 年度发布会已经策划（每年一届）。", in.Year)
			}
		}
		e.Products = e.Products[:0]
		for _, id := range in.ProductIDs {
			pr, err := tx.ProductByID(ctx, id)
			if isNotFound(err) {
				return firstset.FieldErrorf("product_ids", "unknown_product", "产品 %d 不存在。", id)
			}
			if err != nil {
				return err
			}
			if pr.Status != firstset.StatusRecognised || today.After(s.validUntil(pr.RecognizedOn, pr.ValidUntil)) {
				return firstset.FieldErrorf("product_ids", "not_recognised",
					"“%s”不是目录内已认定且在有效期内的首台（套）装备，不能发布。", pr.Name)
			}
			e.Products = append(e.Products, &firstset.LaunchProduct{ProductID: pr.ID, Name: pr.Name, Model: pr.Model,
				EnterpriseID: pr.EnterpriseID, EnterpriseName: pr.EnterpriseName, RecognizedOn: pr.RecognizedOn})
		}
		if err := tx.CreateLaunchEvent(ctx, e); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "create", "launch_event", e.ID, nil, e); err != nil {
			return err
		}
		return s.awardPlaques(ctx, tx, e)
	})
	if err != nil {
		return nil, err
	}
	return s.FindLaunchEventByID(ctx, e.ID)
}

// launchSchedule reads an event's day, which must fall in year (checked
// only when inYear), and its place.
func launchSchedule(p *firstset.Problems, heldOnText, placeText string, year int, inYear bool) (date.Date, string) {
	heldOn, err := date.Parse(strings.TrimSpace(heldOnText))
	switch {
	case strings.TrimSpace(heldOnText) == "":
		p.Add("held_on", "required", "请填写举办日期。")
	case err != nil:
		p.Add("held_on", "invalid_date", "举办日期应为 YYYY-MM-DD 格式的有效日期。")
	default:
		if y, _, _ := heldOn.Parts(); y != year && inYear {
			p.Add("held_on", "wrong_year", "举办日期应在 %d 年内。", year)
		}
	}
	place := strings.TrimSpace(placeText)
	switch {
	case place == "":
		p.Add("place", "required", "请填写举办地点。")
	case utf8.RuneCountInString(place) > maxLaunchPlace:
		p.Add("place", "too_long", "举办地点不超过 %d 个字。", maxLaunchPlace)
	}
	return heldOn, place
}

// RescheduleLaunchEvent moves a planned event within its year and signs
// its documents again with the new day and place.
func (s *Launch) RescheduleLaunchEvent(ctx context.Context, id int64, in firstset.LaunchScheduleInput) (*firstset.LaunchEvent, error) {
	a := actor(ctx)
	if err := firstset.CheckPlanLaunch(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeProductsWrite); err != nil {
		return nil, err
	}
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		e, err := tx.LaunchEventByID(ctx, id)
		if err != nil {
			return err
		}
		// The input is refused before the stage is looked at.
		today := date.FromTime(s.Now())
		var p firstset.Problems
		heldOn, place := launchSchedule(&p, in.HeldOn, in.Place, e.Year, true)
		if !heldOn.IsZero() && !p.Has("held_on") && heldOn.Before(today) {
			p.Add("held_on", "in_the_past", "举办日期不能早于今天。")
		}
		if err := p.Err(); err != nil {
			return err
		}
		if !today.Before(e.HeldOn) {
			return firstset.Errorf(firstset.ECONFLICT, "发布会已于 %s 举行，不能再改期。", e.HeldOn.Chinese())
		}
		before := *e
		e.HeldOn, e.Place = heldOn, place
		if err := tx.UpdateLaunchSchedule(ctx, e); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "reschedule", "launch_event", e.ID,
			map[string]any{"held_on": before.HeldOn, "place": before.Place}, map[string]any{"held_on": e.HeldOn, "place": e.Place}); err != nil {
			return err
		}
		return s.resign(ctx, tx, e)
	})
	if err != nil {
		return nil, err
	}
	return s.FindLaunchEventByID(ctx, id)
}

// resign signs e's plaques and confirmed honour certificates again, under
// their numbers, after the event's day or place changed.
func (s *Launch) resign(ctx context.Context, tx firstset.Tx, e *firstset.LaunchEvent) error {
	key, err := s.signingKey(ctx, tx)
	if err != nil {
		return err
	}
	for _, pl := range e.Plaques {
		ent, err := tx.EnterpriseByID(ctx, pl.EnterpriseID)
		if err != nil {
			return err
		}
		pl.KeyID, pl.IssuedAt = key.ID, s.Now()
		if pl.Token, err = document.SignPlaque(key, plaqueClaims(e, pl, ent)); err != nil {
			return err
		}
		if err := tx.ReissuePlaque(ctx, pl); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "reissue", "launch_plaque", pl.ID, nil, pl); err != nil {
			return err
		}
	}
	honorees, err := tx.ListHonorees(ctx, e.ID, 0, true)
	if err != nil {
		return err
	}
	for _, h := range honorees {
		if h.Certificate == nil || h.ConfirmedAt == nil {
			continue
		}
		h.Certificate.KeyID = key.ID
		if h.Certificate.Token, err = document.SignHonour(key, honourClaims(e, h, h.Certificate.Number, *h.ConfirmedAt)); err != nil {
			return err
		}
		if err := tx.ReissueHonour(ctx, h); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "reissue", "launch_honoree", h.ID, nil, auditHonoree(h)); err != nil {
			return err
		}
	}
	return nil
}

// plaqueClaims are what plaque pl of event e signs.
func plaqueClaims(e *firstset.LaunchEvent, pl *firstset.Plaque, ent *firstset.Enterprise) document.PlaqueClaims {
	return document.PlaqueClaims{Number: pl.Number, EventID: e.ID, Year: e.Year, HeldOn: e.HeldOn.String(),
		Place: e.Place, Enterprise: ent.Name, CreditCode: ent.CreditCode, Products: pl.Products,
		IssuedAt: pl.IssuedAt.In(date.Shanghai).Format("2006-01-02")}
}

// honourClaims are what h's honour certificate, number, issued at issued,
// signs.
func honourClaims(e *firstset.LaunchEvent, h *firstset.Honoree, number string, issued time.Time) document.HonourClaims {
	return document.HonourClaims{Number: number, EventID: e.ID, Year: e.Year, HeldOn: e.HeldOn.String(), Name: h.Name,
		IDMasked: idnumber.Mask(h.IDNumber), Role: h.Role, ProductID: h.ProductID, Product: h.ProductName,
		Enterprise: h.EnterpriseName, IssuedAt: issued.In(date.Shanghai).Format("2006-01-02")}
}

// awardPlaques signs and stores a plaque for each enterprise presented.
func (s *Launch) awardPlaques(ctx context.Context, tx firstset.Tx, e *firstset.LaunchEvent) error {
	key, err := s.signingKey(ctx, tx)
	if err != nil {
		return err
	}
	var order []int64
	products := map[int64][]string{}
	for _, p := range e.Products {
		if _, ok := products[p.EnterpriseID]; !ok {
			order = append(order, p.EnterpriseID)
		}
		products[p.EnterpriseID] = append(products[p.EnterpriseID], p.Name)
	}
	for _, id := range order {
		ent, err := tx.EnterpriseByID(ctx, id)
		if err != nil {
			return err
		}
		seq, err := tx.NextCaseSeq(ctx, firstset.PlaquePrefix, e.Year)
		if err != nil {
			return err
		}
		pl := &firstset.Plaque{EventID: e.ID, EnterpriseID: id, EnterpriseName: ent.Name, CreditCode: ent.CreditCode,
			Number: fmt.Sprintf("%s-%d-%04d", firstset.PlaquePrefix, e.Year, seq), KeyID: key.ID, IssuedAt: s.Now(),
			Products: products[id]}
		if pl.Token, err = document.SignPlaque(key, plaqueClaims(e, pl, ent)); err != nil {
			return err
		}
		if err := tx.CreatePlaque(ctx, pl); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "issue", "launch_plaque", pl.ID, nil, pl); err != nil {
			return err
		}
	}
	return nil
}

func (s *Launch) FindLaunchEvents(ctx context.Context) ([]*firstset.LaunchEvent, error) {
	a := actor(ctx)
	if err := firstset.CheckReadLaunch(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeProductsRead); err != nil {
		return nil, err
	}
	var list []*firstset.LaunchEvent
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		all, err := tx.ListLaunchEvents(ctx)
		if err != nil {
			return err
		}
		list = []*firstset.LaunchEvent{}
		for _, e := range all {
			if firstset.SeesLaunchEvent(a, e) {
				list = append(list, s.eventView(a, e))
			}
		}
		return nil
	})
	return list, err
}

func (s *Launch) FindLaunchEventByID(ctx context.Context, id int64) (*firstset.LaunchEvent, error) {
	a := actor(ctx)
	if err := firstset.CheckReadLaunch(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeProductsRead); err != nil {
		return nil, err
	}
	var e *firstset.LaunchEvent
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		if e, err = s.visibleEvent(ctx, tx, id); err != nil {
			return err
		}
		hs, err := tx.ListHonorees(ctx, id, 0, false)
		if err != nil {
			return err
		}
		for _, h := range hs {
			if firstset.SeesHonoree(a, h) {
				e.Honorees = append(e.Honorees, honoreeView(a, h))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.eventView(a, e), nil
}

// visibleEvent reads an event the caller may see, else ENOTFOUND.
func (s *Launch) visibleEvent(ctx context.Context, tx firstset.Tx, id int64) (*firstset.LaunchEvent, error) {
	e, err := tx.LaunchEventByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !firstset.SeesLaunchEvent(actor(ctx), e) {
		return nil, firstset.NotFound("发布会")
	}
	return e, nil
}

// eventView keeps the plaques a may download (an enterprise its own) with
// their addresses.
func (s *Launch) eventView(a *firstset.Actor, e *firstset.LaunchEvent) *firstset.LaunchEvent {
	plaques := []*firstset.Plaque{}
	for _, p := range e.Plaques {
		if firstset.CheckReadCertificatePDF(a, p.EnterpriseID) == nil {
			p.PDFURL = plaquePDFPath(e.ID, p.EnterpriseID)
			plaques = append(plaques, p)
		}
	}
	e.Plaques = plaques
	e.Held = !date.FromTime(s.Now()).Before(e.HeldOn)
	return e
}

func plaquePDFPath(eventID, enterpriseID int64) string {
	return "/api/v1/launch-events/" + strconv.FormatInt(eventID, 10) + "/plaques/" + strconv.FormatInt(enterpriseID, 10) + "/pdf"
}

func honourPDFPath(eventID, honoreeID int64) string {
	return "/api/v1/launch-events/" + strconv.FormatInt(eventID, 10) + "/honorees/" + strconv.FormatInt(honoreeID, 10) + "/pdf"
}

// honoreeView is h as a may read it: the ID number in full only for those
// who issue the certificates.
func honoreeView(a *firstset.Actor, h *firstset.Honoree) *firstset.Honoree {
	v := *h
	if !firstset.SeesFullIDNumber(a) {
		v.IDNumber = idnumber.Mask(h.IDNumber)
	}
	v.StatusLabel = h.Status.Label()
	if h.Certificate != nil {
		c := *h.Certificate
		c.PDFURL = honourPDFPath(h.EventID, h.ID)
		v.Certificate = &c
	}
	return &v
}

// LaunchCandidates ranks by the rule LaunchMeritRule explains: new to the
// event first, then purchases recorded, their amount, recognition recency
// and the product's number, so the order is the same on every call.
func (s *Launch) LaunchCandidates(ctx context.Context, limit int) ([]*firstset.LaunchCandidate, error) {
	a := actor(ctx)
	if err := firstset.CheckPlanLaunch(a); err != nil {
		return nil, err
	}
	_, limit = page(0, limit, 30, 200)
	today := date.FromTime(s.Now())
	var out []*firstset.LaunchCandidate
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		stats, err := tx.LaunchCandidateStats(ctx)
		if err != nil {
			return err
		}
		var live []firstset.LaunchCandidateStat
		for _, st := range stats {
			st.ValidUntil = s.validUntil(st.RecognizedOn, st.ValidUntil)
			if !today.After(st.ValidUntil) {
				live = append(live, st)
			}
		}
		slices.SortFunc(live, func(x, y firstset.LaunchCandidateStat) int {
			return cmp.Or(cmp.Compare(x.Presented, y.Presented), cmp.Compare(y.Purchases, x.Purchases),
				cmp.Compare(y.AmountFen, x.AmountFen), y.RecognizedOn.Compare(x.RecognizedOn),
				cmp.Compare(x.ProductID, y.ProductID))
		})
		out = []*firstset.LaunchCandidate{}
		for i, st := range live[:min(limit, len(live))] {
			p, err := tx.ProductByID(ctx, st.ProductID)
			if err != nil {
				return err
			}
			out = append(out, &firstset.LaunchCandidate{Rank: i + 1, ProductID: p.ID, Name: p.Name, Model: p.Model,
				EnterpriseName: p.EnterpriseName, RecognizedOn: p.RecognizedOn, ValidUntil: st.ValidUntil,
				Purchases: st.Purchases, AmountFen: st.AmountFen, Presented: st.Presented})
		}
		return nil
	})
	return out, err
}

func (s *Launch) AddHonoree(ctx context.Context, eventID int64, in firstset.HonoreeInput) (*firstset.Honoree, error) {
	a := actor(ctx)
	if a.IsPublic() {
		return nil, firstset.LoginRequired()
	}
	if !firstset.CanPlanLaunch(a) && a.Role() != firstset.RoleEnterprise {
		return nil, firstset.Errorf(firstset.EFORBIDDEN, "您的角色（%s）无权填报主要研发人员。", a.Role().Label())
	}
	if err := requireScope(a, firstset.ScopeProductsWrite); err != nil {
		return nil, err
	}
	var h *firstset.Honoree
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		e, err := s.visibleEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		in.Name, in.Role = strings.TrimSpace(in.Name), strings.TrimSpace(in.Role)
		in.IDNumber = idnumber.Normalize(in.IDNumber)
		var p firstset.Problems
		var presented *firstset.LaunchProduct
		for _, lp := range e.Products {
			if lp.ProductID == in.ProductID {
				presented = lp
			}
		}
		switch {
		case in.ProductID == 0:
			p.Add("product_id", "required", "请选择发布产品。")
		case presented == nil:
			p.Add("product_id", "not_presented", "该产品不在本届发布会的发布产品中。")
		}
		switch {
		case in.Name == "":
			p.Add("name", "required", "请填写姓名。")
		case utf8.RuneCountInString(in.Name) > maxHonoreeName:
			p.Add("name", "too_long", "姓名不超过 %d 个字。", maxHonoreeName)
		}
		if in.IDNumber == "" {
			p.Add("id_number", "required", "请填写公民身份号码。")
		} else if err := idnumber.Validate(in.IDNumber); err != nil {
			p.Add("id_number", "invalid_id_number", "%s。", err.Error())
		}
		switch {
		case in.Role == "":
			p.Add("role", "required", "请填写在项目中的角色（如项目负责人、总设计师）。")
		case utf8.RuneCountInString(in.Role) > maxHonoreeRole:
			p.Add("role", "too_long", "项目角色不超过 %d 个字。", maxHonoreeRole)
		}
		if err := p.Err(); err != nil {
			return err
		}
		if err := firstset.CheckEnterHonoree(a, presented.EnterpriseID); err != nil {
			return err
		}
		have, err := tx.ListHonorees(ctx, eventID, in.ProductID, false)
		if err != nil {
			return err
		}
		for _, o := range have {
			if o.IDNumber == in.IDNumber {
				return firstset.FieldErrorf("id_number", "duplicate", "该人员已填报为本产品的主要研发人员。")
			}
		}
		h = &firstset.Honoree{EventID: eventID, EventYear: e.Year, ProductID: in.ProductID, ProductName: presented.Name,
			EnterpriseID: presented.EnterpriseID, EnterpriseName: presented.EnterpriseName, Name: in.Name,
			IDNumber: in.IDNumber, Role: in.Role, Status: firstset.HonoreePending, EnteredBy: a.ID(), CreatedAt: s.Now()}
		if err := tx.CreateHonoree(ctx, h); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "create", "launch_honoree", h.ID, nil, auditHonoree(h)); err != nil {
			return err
		}
		// The reviewer's own entry needs no second look: it is confirmed
		// and its certificate issued at once.
		if firstset.CanPlanLaunch(a) {
			return s.issueHonour(ctx, tx, e, h)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return honoreeView(a, h), nil
}

func (s *Launch) ConfirmHonoree(ctx context.Context, eventID, honoreeID int64) (*firstset.Honoree, error) {
	a := actor(ctx)
	if err := firstset.CheckPlanLaunch(a); err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeProductsWrite); err != nil {
		return nil, err
	}
	var h *firstset.Honoree
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		e, err := s.visibleEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if h, err = tx.HonoreeByID(ctx, honoreeID); err != nil {
			return err
		}
		if h.EventID != eventID {
			return firstset.NotFound("研发人员")
		}
		if h.Status != firstset.HonoreePending {
			return firstset.Errorf(firstset.ECONFLICT, "该研发人员已确认，荣誉证书已颁发。")
		}
		return s.issueHonour(ctx, tx, e, h)
	})
	if err != nil {
		return nil, err
	}
	return honoreeView(a, h), nil
}

// WithdrawHonoree removes a pending honoree; the audit keeps the entry
// (ID number masked) and the reason.
func (s *Launch) WithdrawHonoree(ctx context.Context, eventID, honoreeID int64, reason string) error {
	a := actor(ctx)
	if a.IsPublic() {
		return firstset.LoginRequired()
	}
	if !firstset.CanPlanLaunch(a) && a.Role() != firstset.RoleEnterprise {
		return firstset.Errorf(firstset.EFORBIDDEN, "您的角色（%s）无权撤回主要研发人员。", a.Role().Label())
	}
	if err := requireScope(a, firstset.ScopeProductsWrite); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	return s.store.Update(ctx, func(tx firstset.Tx) error {
		if _, err := s.visibleEvent(ctx, tx, eventID); err != nil {
			return err
		}
		h, err := tx.HonoreeByID(ctx, honoreeID)
		if err != nil {
			return err
		}
		// Another enterprise's honoree reads as absent.
		if h.EventID != eventID || !firstset.CanPlanLaunch(a) && h.EnterpriseID != a.User.EnterpriseID {
			return firstset.NotFound("研发人员")
		}
		if h.Status != firstset.HonoreePending {
			return &firstset.Error{Code: firstset.ECONFLICT, Field: "status", Message: "该研发人员已确认，荣誉证书已颁发，不能撤回。"}
		}
		var p firstset.Problems
		if firstset.CanPlanLaunch(a) && reason == "" {
			p.Add("reason", "required", "请填写不予确认的理由，企业将据此更正后重新填报。")
		}
		optionalLines(&p, "reason", "理由", reason, 500)
		if err := p.Err(); err != nil {
			return err
		}
		if err := tx.DeletePendingHonoree(ctx, h.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, "withdraw", "launch_honoree", h.ID, auditHonoree(h), map[string]any{"reason": reason})
	})
}

// issueHonour confirms h and signs its honour certificate.
func (s *Launch) issueHonour(ctx context.Context, tx firstset.Tx, e *firstset.LaunchEvent, h *firstset.Honoree) error {
	key, err := s.signingKey(ctx, tx)
	if err != nil {
		return err
	}
	seq, err := tx.NextCaseSeq(ctx, firstset.HonourPrefix, e.Year)
	if err != nil {
		return err
	}
	before := auditHonoree(h)
	now := s.Now()
	h.ConfirmedBy, h.ConfirmedAt = actor(ctx).ID(), &now
	c := &firstset.HonourCertificate{Number: fmt.Sprintf("%s-%d-%04d", firstset.HonourPrefix, e.Year, seq), KeyID: key.ID}
	if c.Token, err = document.SignHonour(key, honourClaims(e, h, c.Number, now)); err != nil {
		return err
	}
	h.Certificate = c
	if err := tx.ConfirmHonoree(ctx, h); err != nil {
		return err
	}
	return s.record(ctx, tx, "confirm", "launch_honoree", h.ID, before, auditHonoree(h))
}

// auditHonoree is what the audit log keeps of an honoree: the ID number
// masked, since the log is read more widely than the certificates' issuers.
func auditHonoree(h *firstset.Honoree) *firstset.Honoree {
	v := *h
	v.IDNumber = idnumber.Mask(h.IDNumber)
	return &v
}

func (s *Launch) PlaquePDF(ctx context.Context, eventID, enterpriseID int64, verifyURL func(string) string) ([]byte, *firstset.Plaque, error) {
	a := actor(ctx)
	if err := firstset.CheckReadLaunch(a); err != nil {
		return nil, nil, err
	}
	if err := firstset.CheckReadCertificatePDF(a, enterpriseID); err != nil {
		return nil, nil, firstset.NotFound("牌匾")
	}
	var pl *firstset.Plaque
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		e, err := s.visibleEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		for _, p := range e.Plaques {
			if p.EnterpriseID == enterpriseID {
				pl = p
			}
		}
		if pl == nil {
			return firstset.NotFound("牌匾")
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	var cl document.PlaqueClaims
	if err := s.readClaims(ctx, pl.Token, &cl); err != nil {
		return nil, nil, err
	}
	font, err := s.font()
	if err != nil {
		return nil, nil, err
	}
	pdf, err := document.PlaquePDF(cl, document.CertificateOptions{Font: font, Issuer: s.issuer(), Token: pl.Token,
		VerifyURL: verifyURL(pl.Token)})
	if err != nil {
		return nil, nil, fmt.Errorf("plaque %s: %w", pl.Number, err)
	}
	return pdf, pl, nil
}

func (s *Launch) HonourPDF(ctx context.Context, eventID, honoreeID int64, verifyURL func(string) string) ([]byte, *firstset.Honoree, error) {
	a := actor(ctx)
	if err := firstset.CheckReadLaunch(a); err != nil {
		return nil, nil, err
	}
	var h *firstset.Honoree
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		if _, err := s.visibleEvent(ctx, tx, eventID); err != nil {
			return err
		}
		var err error
		if h, err = tx.HonoreeByID(ctx, honoreeID); err != nil {
			return err
		}
		if h.EventID != eventID || !firstset.SeesHonoree(a, h) || firstset.CheckReadCertificatePDF(a, h.EnterpriseID) != nil {
			return firstset.NotFound("荣誉证书")
		}
		if h.Certificate == nil {
			return firstset.Errorf(firstset.ENOTFOUND, "该研发人员尚待审核确认，荣誉证书尚未颁发。")
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	var cl document.HonourClaims
	if err := s.readClaims(ctx, h.Certificate.Token, &cl); err != nil {
		return nil, nil, err
	}
	font, err := s.font()
	if err != nil {
		return nil, nil, err
	}
	pdf, err := document.HonourPDF(cl, document.CertificateOptions{Font: font, Issuer: s.issuer(),
		Token: h.Certificate.Token, VerifyURL: verifyURL(h.Certificate.Token)})
	if err != nil {
		return nil, nil, fmt.Errorf("honour certificate %s: %w", h.Certificate.Number, err)
	}
	return pdf, honoreeView(a, h), nil
}

// readClaims reads back the claims a stored token signed, so the PDF prints
// exactly what the token says.
func (s *env) readClaims(ctx context.Context, token string, into document.Claims) error {
	ring, err := s.ring(ctx, false)
	if err != nil {
		return err
	}
	if _, err := document.Verify(token, ring, into); errors.Is(err, document.ErrUnknownKey) {
		if ring, err = s.ring(ctx, true); err != nil {
			return err
		}
		_, err = document.Verify(token, ring, into)
		return err
	} else if err != nil {
		return fmt.Errorf("stored token: %w", err)
	}
	return nil
}

func (s *env) font() (*document.Font, error) {
	if s.cfg.Documents.Font == nil {
		return nil, firstset.Errorf(firstset.EUNAVAILABLE, "%s", document.ErrNoFont.Error())
	}
	return s.cfg.Documents.Font, nil
}

func (s *Launch) ProductHonours(ctx context.Context, productID int64) ([]firstset.Honour, error) {
	out := []firstset.Honour{}
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		p, err := tx.ProductByID(ctx, productID)
		if err != nil {
			return err
		}
		if !firstset.CanSeeProduct(actor(ctx), p) {
			return firstset.NotFound("装备")
		}
		hs, err := tx.ListHonorees(ctx, 0, productID, true)
		for _, h := range hs {
			out = append(out, firstset.Honour{Name: h.Name, Role: h.Role, EventYear: h.EventYear, EventID: h.EventID})
		}
		return err
	})
	return out, err
}

// verifyLaunchToken answers a plaque's or honour certificate's token.
func (s *env) verifyLaunchToken(ctx context.Context, kind, token string) (*firstset.Verification, error) {
	v := &firstset.Verification{Kind: kind}
	var into document.Claims
	var plaque document.PlaqueClaims
	var honour document.HonourClaims
	if kind == document.KindPlaque {
		into = &plaque
	} else {
		into = &honour
	}
	if err := s.readClaims(ctx, token, into); err != nil {
		var ve *document.VerifyError
		if errors.As(err, &ve) {
			return &firstset.Verification{Kind: kind, Reason: ve.Message, ReasonCode: ve.Code}, nil
		}
		return nil, err
	}
	v.Valid = true
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		var current string // the token the register holds now
		if kind == document.KindPlaque {
			v.Plaque = &firstset.PlaqueFacts{Number: plaque.Number, EventID: plaque.EventID, EventYear: plaque.Year,
				HeldOn: plaque.HeldOn, Place: plaque.Place, Enterprise: plaque.Enterprise, CreditCode: plaque.CreditCode,
				Products: plaque.Products, IssuedOn: plaque.IssuedAt}
			var pl *firstset.Plaque
			if pl, err = tx.PlaqueByNumber(ctx, plaque.Number); err == nil {
				current = pl.Token
			}
			v.Status = firstset.CertAwarded
			v.Reason = fmt.Sprintf("签名有效：该牌匾由本平台颁发，%s 的产品入选 %d 年度首台（套）新产品发布会。", plaque.Enterprise, plaque.Year)
		} else {
			v.Honour = &firstset.HonourFacts{Number: honour.Number, EventID: honour.EventID, EventYear: honour.Year,
				HeldOn: honour.HeldOn, Name: honour.Name, IDMasked: honour.IDMasked, Role: honour.Role,
				ProductID: honour.ProductID, Product: honour.Product, Enterprise: honour.Enterprise, IssuedOn: honour.IssuedAt}
			var h *firstset.Honoree
			if h, err = tx.HonoreeByNumber(ctx, honour.Number); err == nil && h.Certificate != nil {
				current = h.Certificate.Token
			}
			v.Status = firstset.CertHonoured
			v.Reason = fmt.Sprintf("签名有效：%s（公民身份号码 %s）作为“%s”的主要研发人员，在 %d 年度首台（套）新产品发布会上获表彰。",
				honour.Name, honour.IDMasked, honour.Product, honour.Year)
		}
		if isNotFound(err) {
			v.ReasonCode = "unregistered"
			v.Reason = "签名有效，但本平台未找到该文书的登记记录，请联系发证机关核实。"
			return nil
		}
		if err != nil {
			return err
		}
		v.ReasonCode = string(v.Status)
		if current != token {
			// Signed again under the same number after the event moved.
			v.ReasonCode = "superseded"
			v.Reason += "该文书已因发布会改期重新签发，请以重新签发的文书为准。"
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}
