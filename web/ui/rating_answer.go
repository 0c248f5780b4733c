package ui

import (
	"errors"
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// handleRatingAnswer is a reviewer's answer to a bad rating (差评整改).
func (s *Handler) handleRatingAnswer(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageRecognition(httpx.ActorOf(r))) {
		return
	}
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	answer := r.PostForm.Get("answer")
	if _, err := s.Cases.AnswerRating(r.Context(), id, answer); err != nil {
		var fe *firstset.Error
		if errors.As(err, &fe) && (fe.Code == firstset.EINVALID || fe.Code == firstset.ECONFLICT) {
			// The list again, the answer kept beside its message.
			s.renderRatings(w, r, httpx.ErrorStatus(err), ratingListPage{FailedID: id, Answer: answer, Error: fe.Message})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/ratings?follow_up=1", "已答复该差评。")
}
