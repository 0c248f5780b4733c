package api

import (
	"net/http"

	"github.com/go-json-experiment/json/jsontext"

	"firstset"
	"firstset/date"
	"firstset/money"
	"firstset/web/httpx"
)

// incentiveRoundInput is a round as the API takes it: the pass score a
// JSON number of points (or the same as a string).
type incentiveRoundInput struct {
	Kind        string         `json:"kind"`
	Year        int            `json:"year"`
	Title       string         `json:"title"`
	Budget      money.Fen      `json:"budget_yuan"`
	Method      string         `json:"method"`
	PassScore   jsontext.Value `json:"pass_score"`
	UsesExperts bool           `json:"uses_experts"`
	OpensOn     date.Date      `json:"opens_on"`
	ClosesOn    date.Date      `json:"closes_on"`
}

// decodeRoundInput reads a round's body into the service's input.
func (s *Handler) decodeRoundInput(r *http.Request) (firstset.IncentiveRoundInput, error) {
	var in incentiveRoundInput
	if err := s.DecodeJSON(r, &in); err != nil {
		return firstset.IncentiveRoundInput{}, err
	}
	pass, err := pointsOf("pass_score", in.PassScore)
	if err != nil {
		return firstset.IncentiveRoundInput{}, err
	}
	return firstset.IncentiveRoundInput{Kind: in.Kind, Year: in.Year, Title: in.Title, Budget: in.Budget, Method: in.Method,
		PassScore: pass, UsesExperts: in.UsesExperts, OpensOn: in.OpensOn, ClosesOn: in.ClosesOn}, nil
}

func (s *Handler) apiIncentiveRoundCreate(w http.ResponseWriter, r *http.Request) {
	in, err := s.decodeRoundInput(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	round, err := s.Incentives.CreateIncentiveRound(r.Context(), in)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/incentive-rounds/"+httpx.Itoa(round.ID))
	s.WriteJSON(w, r, http.StatusCreated, round)
}
