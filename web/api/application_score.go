package api

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/go-json-experiment/json/jsontext"

	"firstset"
	"firstset/web/httpx"
)

// scoreInput is a score of points: a JSON number (or the same as a string).
type scoreInput struct {
	Score jsontext.Value `json:"score"`
}

// apiApplicationScore records the reviewer's score of an application (or
// a drawn expert's, in a round that uses experts).
func (s *Handler) apiApplicationScore(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	var in scoreInput
	if err := s.DecodeJSON(r, &in); err != nil {
		s.ServeError(w, r, err)
		return
	}
	score, err := pointsOf("score", in.Score)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	v, err := s.Incentives.ScoreApplication(r.Context(), id, score)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, v)
}

// pointsOf reads a number of points given as a JSON number or a string
// of one; absent (or null) is empty, for the service to judge.
func pointsOf(field string, v jsontext.Value) (json.Number, error) {
	switch v.Kind() {
	case 0, 'n':
		return "", nil
	case '0':
		return json.Number(v), nil
	case '"':
		var s string
		if err := json.Unmarshal(v, &s); err == nil {
			return json.Number(strings.TrimSpace(s)), nil
		}
	}
	msg := "字段 " + field + " 应为数字（如 75.5），收到 " + httpx.ShownValue(string(v)) + "。"
	return "", &firstset.Error{Code: firstset.EBADREQUEST, Field: field, Message: msg,
		Fields: []firstset.FieldError{{Field: field, Code: "wrong_type", Message: msg}}}
}
