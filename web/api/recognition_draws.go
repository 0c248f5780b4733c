package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiRecognitionDraws lists the draws recorded for a case.
func (s *Handler) apiRecognitionDraws(w http.ResponseWriter, r *http.Request) {
	list, ok := httpx.LoadByID(s.Base, w, r, nil, s.Recognition.Draws)
	if !ok {
		return
	}
	if list == nil {
		list = []*firstset.Draw{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.Draw]{Items: list, Total: len(list)})
}
