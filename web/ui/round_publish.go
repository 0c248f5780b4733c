package ui

import (
	"fmt"
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleRoundPublish publishes a round's catalog batch, after the
// confirmation.
func (s *Handler) handleRoundPublish(w http.ResponseWriter, r *http.Request) {
	rd, ok := s.loadRound(w, r)
	if !ok || !s.Allowed(w, r, firstset.CheckManageRecognition(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.PublishInputFrom(r.PostForm, &problems)
	err := problems.Err()
	var pub *firstset.Publication
	if err == nil {
		pub, err = s.Recognition.PublishRound(r.Context(), rd.ID, in)
	}
	if s.roundFormError(w, r, rd, "publish", r.PostForm, err, forms.PublishFields...) {
		return
	}
	s.redirectWithFlash(w, r, fmt.Sprintf("/rounds/%d/publication", rd.ID),
		fmt.Sprintf("已发布 %d 项首台（套）装备（%s）。", len(pub.Products), pub.Round.DocumentNumber))
}
