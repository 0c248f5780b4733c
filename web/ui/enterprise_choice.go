package ui

import (
	"context"

	"firstset"
)

// MaxEnterpriseChoices is how many enterprises a select lists: the
// service's largest page. With more, the form asks for the enterprise's
// number instead, as a select of thousands helps nobody.
const MaxEnterpriseChoices = 200

// enterpriseChoice is what a form offers for choosing an enterprise.
type enterpriseChoice struct {
	List []*firstset.Enterprise
	// ByNumber replaces the select with an input for the enterprise's
	// number when there are more than a select lists.
	ByNumber bool
	Total    int
	// Selected is the chosen enterprise, named beside the number input.
	Selected *firstset.Enterprise
}

// enterpriseChoices lists the enterprises the caller may choose, by the
// service's rules for reading them.
func (s *Handler) enterpriseChoices(ctx context.Context, selected int64) (enterpriseChoice, error) {
	list, total, err := s.Enterprises.FindEnterprises(ctx, firstset.EnterpriseFilter{Limit: MaxEnterpriseChoices})
	if err != nil {
		return enterpriseChoice{}, err
	}
	c := enterpriseChoice{List: list, Total: total, ByNumber: total > len(list)}
	if c.ByNumber && selected != 0 {
		// A number that names nothing the caller may see is shown as typed;
		// the service says what is wrong with it on saving.
		if e, err := s.Enterprises.FindEnterpriseByID(ctx, selected); err == nil {
			c.Selected = e
		}
	}
	return c, nil
}
