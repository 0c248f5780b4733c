package ui

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"firstset"
	"firstset/cases"
	"firstset/upload"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// casePage is the case page (办件进度): where the case stands, its
// declaration and materials, its timeline, and a form for each thing the
// viewer may do now. Each form posts to its own route; a refused post
// renders the page again with that form's input and errors (Posted).
type casePage struct {
	Case  *firstset.CaseView
	Round *firstset.Round
	// Application is an incentive case's own data: the engine's maximum
	// and its explanation, the allocation and the payments;
	// ScoreApplication offers its score form (the reviewer's, or a drawn
	// expert's), Disburse finance's payment form.
	Application      *firstset.ApplicationView
	ScoreApplication bool
	Disburse         bool
	// NextActor says who acts next, as people read it.
	NextActor string
	// Items are the round's checklist with what is attached under each;
	// Others are attachments under items the checklist no longer has.
	Items  []caseItem
	Others []*firstset.Attachment
	// Applicant: the viewer is the applicant's staff; Editable: and the
	// case is in their hands (draft, returned), so the texts and the
	// materials may change.
	Applicant bool
	Editable  bool
	// ProductLink links the product's page, for viewers who may read it
	// whatever its status (the experts read the catalog only).
	ProductLink bool
	// Texts are the declaration's texts as the form shows them.
	Texts firstset.DeclarationInput
	// Actions are the forms of the actions taken with an opinion.
	Actions []actionForm
	// Staff: the viewer is a reviewer or an administrator, who see the
	// experts and the draws.
	Staff    bool
	Draws    []*firstset.Draw
	CanDraw  bool
	Announce bool // a link to the notice form (列入公示)
	Publish  bool // a link to the round's publish form
	// Expert: the viewer is an expert drawn for the case; CanScore: their
	// sheet is still to come.
	Expert   bool
	CanScore bool
	// Rateable: the applicant may still rate the ended case.
	Rateable bool
	// Posted is the form that was posted and refused, with its input and
	// errors; Stray holds errors of a form the page does not show.
	Posted caseForm
	Stray  forms.Errors
}

// caseForm is a refused form of the case page: its name ("texts",
// "upload", "rating", "draw", "score", "decline", "action-submit"…), the
// input to keep and the errors to show beside it.
type caseForm struct {
	Name   string
	Values url.Values
	Errors forms.Errors
}

// Is reports whether the form called name was posted; the templates show
// input and errors only in that form.
func (f caseForm) Is(name string) bool { return f.Name != "" && f.Name == name }

// Value is the posted input of name, in the form called form.
func (f caseForm) Value(form, name string) string {
	if !f.Is(form) {
		return ""
	}
	return f.Values.Get(name)
}

// Error is the message beside input name, in the form called form.
func (f caseForm) Error(form, name string) string {
	if !f.Is(form) {
		return ""
	}
	return f.Errors.Fields[name]
}

// ErrorsOf are the errors of the form called form, for its summary.
func (f caseForm) ErrorsOf(form string) forms.Errors {
	if !f.Is(form) {
		return forms.Errors{}
	}
	return f.Errors
}

// caseItem is one checklist item with its attachments.
type caseItem struct {
	firstset.ChecklistItem
	Attachments []*firstset.Attachment
	Missing     bool
	TypesText   string
	MaxText     string
}

// actionForm is an action the viewer may take, with what its form needs.
type actionForm struct {
	firstset.CaseAction
	// Opinion: the action needs an opinion (or the reasons, or the items
	// to fix); Items: it takes the items to fix, one a line.
	Opinion bool
	Items   bool
	// Confirm: it cannot be undone, and asks for the checkbox.
	Confirm bool
	Danger  bool
}

// ownRequest are the actions with a page of their own, not an opinion form.
var ownRequest = []cases.Action{cases.Draw, cases.Score, cases.Announce, cases.Publish, cases.Uphold}

// renderCase shows case v with posted (if any) refused.
func (s *Handler) renderCase(w http.ResponseWriter, r *http.Request, status int, v *firstset.CaseView, posted caseForm) {
	ctx := r.Context()
	actor := httpx.ActorOf(r)
	p := casePage{Case: v, Posted: posted, Expert: len(v.Criteria) > 0,
		Staff: actor.Role() == firstset.RoleReviewer || actor.Role() == firstset.RoleAdmin}
	party := firstset.CaseParty(actor, v.Case, p.Expert)
	p.Applicant = party == "applicant"
	st := cases.Stage(v.Stage)
	p.Editable = p.Applicant && (st == cases.Draft || st == cases.Returned)
	p.NextActor = nextActor(v.Case)
	switch firstset.ProductReachOf(actor) {
	case firstset.ReachAll, firstset.ReachEnterprise, firstset.ReachDistrict:
		p.ProductLink = true
	}
	p.Texts = firstset.DeclarationInput{InnovationClaim: v.InnovationClaim,
		TechnicalComparison: v.TechnicalComparison, FirstUse: v.FirstUse}
	if posted.Is("texts") {
		p.Texts = forms.DeclarationInputFrom(posted.Values)
	}
	if v.RoundID != 0 {
		round, err := s.Recognition.Round(ctx, v.RoundID)
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		p.Round = round
	}
	if firstset.IsIncentive(v.Kind) {
		app, err := s.Incentives.Application(ctx, v.ID)
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		p.Application = app
		// The incentive's checklist stands in for a round's.
		p.Round = &firstset.Round{Checklist: app.Checklist}
	}
	p.Items, p.Others = checklistItems(p.Round, v)
	if p.Application != nil {
		p.Round = nil
	}
	for _, a := range v.Actions {
		act := cases.Action(a.Action)
		switch act {
		case cases.Draw:
			p.CanDraw = true
		case cases.Score:
			if p.Application != nil {
				p.ScoreApplication = true
			} else {
				p.CanScore = v.MySheet == nil
			}
		case cases.Announce:
			p.Announce = true
		case cases.Publish:
			p.Publish = true
		}
		if a.Own || slices.Contains(ownRequest, act) {
			if act == cases.Pay || act == cases.PayOff {
				p.Disburse = true
			}
			continue
		}
		f := actionForm{CaseAction: a, Items: act == cases.Return, Confirm: forms.Irreversible(a.Action),
			Danger: act == cases.Reject || act == cases.Withdraw}
		for _, req := range a.Requires {
			switch cases.Requirement(req) {
			case cases.NeedsOpinion, cases.NeedsReason, cases.NeedsItems:
				f.Opinion = true
			}
		}
		p.Actions = append(p.Actions, f)
	}
	if p.Staff {
		draws, err := s.Recognition.Draws(ctx, v.ID)
		if err != nil {
			s.ServeError(w, r, err)
			return
		}
		p.Draws = draws
	}
	p.Rateable = p.Applicant && !v.Open() && len(v.Ratings) == 0
	if posted.Name != "" && !p.shows(posted.Name) {
		p.Stray = forms.Errors{Fields: map[string]string{}, Other: slices.Clone(posted.Errors.Other)}
		for _, msg := range posted.Errors.Fields {
			p.Stray.Other = append(p.Stray.Other, msg)
		}
		slices.Sort(p.Stray.Other)
	}
	s.render(w, r, status, "case_show", "办件 "+v.Number, p)
}

// shows reports whether the page has the form called name, to show a
// refused form's errors in it.
func (p *casePage) shows(name string) bool {
	switch name {
	case "texts", "upload":
		return p.Editable
	case "rating":
		return p.Rateable
	case "draw":
		return p.CanDraw
	case "score", "decline":
		return p.CanScore
	case "application-score":
		return p.ScoreApplication
	case "disburse":
		return p.Disburse
	}
	for _, a := range p.Actions {
		if name == "action-"+a.Action {
			return true
		}
	}
	return false
}

// nextActor says who acts next on c.
func nextActor(c *firstset.Case) string {
	if !c.Open() {
		return "已办结"
	}
	switch c.NextRole {
	case "":
		return "—"
	case firstset.RoleEnterprise:
		return "申报企业（" + c.EnterpriseName + "）"
	case firstset.RoleDistrict:
		if c.NextDistrict != "" {
			return c.NextRole.Label() + "（" + DistrictName(c.NextDistrict) + "）"
		}
	}
	return c.NextRole.Label()
}

// checklistItems sorts a case's attachments under its round's checklist.
func checklistItems(round *firstset.Round, v *firstset.CaseView) ([]caseItem, []*firstset.Attachment) {
	var items []caseItem
	placed := map[int64]bool{}
	if round != nil {
		for _, it := range round.Checklist {
			ci := caseItem{ChecklistItem: it, Missing: slices.Contains(v.Missing, it.Item),
				TypesText: typesText(it.Types), MaxText: sizeText(it.MaxBytes)}
			for _, a := range v.Attachments {
				if a.Item == it.Item {
					ci.Attachments = append(ci.Attachments, a)
					placed[a.ID] = true
				}
			}
			items = append(items, ci)
		}
	}
	var others []*firstset.Attachment
	for _, a := range v.Attachments {
		if !placed[a.ID] {
			others = append(others, a)
		}
	}
	return items, others
}

func typesText(types []string) string {
	labels := make([]string, len(types))
	for i, t := range types {
		labels[i] = upload.TypeLabel(t)
	}
	return strings.Join(labels, "、")
}

// sizeText writes a size as people read it.
func sizeText(n int64) string {
	switch {
	case n <= 0:
		return ""
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

// eventLabel names a timeline entry's action as people read it.
func eventLabel(kind string, e *firstset.Event) string {
	switch e.Action {
	case "create":
		return "创建申报"
	case "attach":
		return "上传材料"
	case "detach":
		return "删除材料"
	case "object":
		return "收到公示异议"
	case "dismiss":
		return "异议不成立"
	case "decline":
		return "专家声明回避"
	}
	for _, t := range cases.Named(kind).Rules {
		if string(t.Action) == e.Action && slices.Contains(t.From, cases.Stage(e.FromStage)) {
			return t.Label
		}
	}
	// Requests of their own (a score, a payment) are named as the audit
	// log names them.
	if l, ok := firstset.AuditLabel(firstset.AuditActions, e.Action); ok {
		return l
	}
	return e.Action
}

// stageLabel names a stage of a case of kind ("" when the kind is not
// known, as in the ratings by month: the first kind that has the stage);
// stage "" is the case as a whole (a rating's).
func stageLabel(kind, st string) string {
	if st == "" {
		return "办件整体"
	}
	kinds := []*cases.Kind{cases.Named(kind)}
	if kind == "" {
		kinds = append(kinds, cases.Reward, cases.Subsidy)
	}
	for _, k := range kinds {
		if def, ok := k.Stage(cases.Stage(st)); ok {
			return def.Label
		}
	}
	return st
}

// assignmentLabel names an expert's state on a case.
func assignmentLabel(status string) string {
	switch status {
	case firstset.AssignmentDrawn:
		return "待评分"
	case firstset.AssignmentScored:
		return "已评分"
	case firstset.AssignmentDeclined:
		return "已回避"
	}
	return status
}

// loadCase reads the {id} case as the viewer may see it, answering the
// refusal (404 to whoever may not) and reporting false on failure.
func (s *Handler) loadCase(w http.ResponseWriter, r *http.Request) (*firstset.CaseView, bool) {
	return httpx.LoadByID(s.Base, w, r, nil, s.Cases.Case)
}

// caseFormError renders the case page again for a refused form, or
// answers an error that is not about the input; it reports whether it
// answered.
func (s *Handler) caseFormError(w http.ResponseWriter, r *http.Request, v *firstset.CaseView, name string,
	values url.Values, err error, known ...string) bool {
	if err == nil {
		return false
	}
	if !forms.IsFormError(err) {
		s.ServeError(w, r, err)
		return true
	}
	if fresh, ferr := s.Cases.Case(r.Context(), v.ID); ferr == nil {
		v = fresh
	}
	s.renderCase(w, r, http.StatusUnprocessableEntity, v, caseForm{Name: name, Values: values,
		Errors: forms.NewErrors(err, known...)})
	return true
}

// casePath is the case page's address.
func casePath(id int64) string { return "/cases/" + httpx.Itoa(id) }
