package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"firstset"
	"firstset/dbtest"
)

// TestRatingPages: the reviewer sees ratings per stage and month, and
// answers a bad one from the page; a refused answer keeps the page.
func TestRatingPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newRecognitionEnv(t, store)
		caseID := runRecognitionFlow(t, env)
		wantStatus(t, "rate", env.api("ent-a").postJSON(fmt.Sprintf("/api/v1/recognitions/%d/ratings", caseID),
			map[string]any{"score": 1, "comment": "材料反复退回", "stage_score": 3}), http.StatusCreated)
		reviewer := env.login("reviewer")
		w := reviewer.get("/ratings?follow_up=1")
		wantStatus(t, "ratings page", w, http.StatusOK)
		page := w.Body.String()
		for _, want := range []string{"办件整体", "公示中", "材料反复退回", "待答复"} {
			if !strings.Contains(page, want) {
				t.Fatalf("the ratings page lacks %q", want)
			}
		}
		var ratings struct {
			Items []firstset.Rating `json:"items"`
		}
		decode(t, env.api("reviewer").get("/api/v1/ratings?follow_up=1"), &ratings)
		if len(ratings.Items) != 1 {
			t.Fatalf("follow-ups: %+v", ratings.Items)
		}
		target := fmt.Sprintf("/ratings/%d/answer", ratings.Items[0].ID)
		w = reviewer.postForm(target, url.Values{"answer": {""}})
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), "请填写整改答复") {
			t.Fatalf("an empty answer: %d", w.Code)
		}
		w = reviewer.postForm(target, url.Values{"answer": {"已安排专人一次性告知补正事项。"}})
		wantStatus(t, "answer", w, http.StatusSeeOther)
		wantStatus(t, "an enterprise", env.login("ent-a").get("/ratings"), http.StatusForbidden)
	})
}
