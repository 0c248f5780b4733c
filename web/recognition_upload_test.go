package web

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
)

// draftCase opens a round and declares env.draftA into it as ent-a; it
// returns the case's API path and the round.
func (env *recognitionEnv) draftCase(t *testing.T) (string, firstset.Round) {
	t.Helper()
	today := date.FromTime(env.clock)
	w := env.api("reviewer").postJSON("/api/v1/rounds", map[string]any{"title": "年度认定", "year": 2026,
		"opens_on": today, "closes_on": today.AddDays(30)})
	wantStatus(t, "round", w, http.StatusCreated)
	var round firstset.Round
	decode(t, w, &round)
	w = env.api("ent-a").postJSON("/api/v1/recognitions", map[string]any{"round_id": round.ID, "product_id": env.draftA.ID})
	wantStatus(t, "declare", w, http.StatusCreated)
	var c caseJSON
	decode(t, w, &c)
	return fmt.Sprintf("/api/v1/recognitions/%d", c.ID), round
}

// TestAttachmentUploadLimits: a file over the limit is refused naming it
// and stores nothing; a keyed upload retried is stored once.
func TestAttachmentUploadLimits(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newRecognitionEnv(t, store)
		path, round := env.draftCase(t)
		ent := env.api("ent-a")
		item := round.Checklist[0].Item
		big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("0"), 20<<20)...)
		wantError(t, "over 20 MB", ent.upload(path+"/attachments", item, "大文件.pdf", big), http.StatusRequestEntityTooLarge, firstset.ETOOLARGE)
		var c caseJSON
		decode(t, ent.get(path), &c)
		if len(c.Attachments) != 0 {
			t.Fatalf("a refused upload stored %d attachments", len(c.Attachments))
		}

		body, contentType := multipartFile(item, "申报书.pdf", samplePDF)
		send := func() *bytes.Buffer {
			// A retry sends the very same bytes, boundary included.
			w := ent.request(http.MethodPost, path+"/attachments", bytes.NewReader(body),
				http.Header{"Content-Type": {contentType}, "Idempotency-Key": {"upload-1"}})
			wantStatus(t, "keyed upload", w, http.StatusCreated)
			return w.Body
		}
		first, again := send().String(), send().String()
		if first != again {
			t.Fatalf("the retry answered %s, the first %s", again, first)
		}
		decode(t, ent.get(path), &c)
		if len(c.Attachments) != 1 {
			t.Fatalf("a retried upload stored %d attachments", len(c.Attachments))
		}
	})
}

// TestObjectionsThrottledPerAddress: the public may raise a few
// objections an hour from one address, then waits.
func TestObjectionsThrottledPerAddress(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newRecognitionEnv(t, store)
		noticePath, caseID := env.noticedCase(t)
		public := env.public()
		public.remoteAddr = "203.0.113.7:4000"
		for i := range 6 {
			w := public.postJSON(noticePath+"/objections", map[string]any{"case_id": caseID, "name": "张某",
				"contact": "13800000000", "text": fmt.Sprintf("第 %d 条异议", i+1)})
			if i < 5 {
				wantStatus(t, "objection", w, http.StatusCreated)
			} else {
				wantError(t, "the sixth within the hour", w, http.StatusTooManyRequests, firstset.ERATELIMITED)
			}
		}
		other := env.public()
		other.remoteAddr = "203.0.113.8:4000"
		wantStatus(t, "another address", other.postJSON(noticePath+"/objections", map[string]any{"case_id": caseID,
			"name": "李某", "contact": "li@example.com", "text": "异议"}), http.StatusCreated)
		wantError(t, "a case not on the notice", other.postJSON(noticePath+"/objections", map[string]any{"case_id": caseID + 1000,
			"name": "李某", "contact": "li@example.com", "text": "异议"}), http.StatusUnprocessableEntity, "not_on_notice")
	})
}

// multipartFile is an upload's body (item, then file) and its type.
func multipartFile(item, filename string, content []byte) ([]byte, string) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("item", item)
	fw, _ := mw.CreateFormFile("file", filename)
	_, _ = fw.Write(content)
	_ = mw.Close()
	return body.Bytes(), mw.FormDataContentType()
}

// noticedCase drives a declaration of env.draftA onto a public notice
// starting today; it returns the notice's API path and the case id.
func (env *recognitionEnv) noticedCase(t *testing.T) (string, int64) {
	t.Helper()
	path, round := env.draftCase(t)
	ent, reviewer := env.api("ent-a"), env.api("reviewer")
	wantStatus(t, "texts", ent.sendJSON(http.MethodPut, path, map[string]any{"innovation_claim": "创新",
		"technical_comparison": "对比", "first_use": "首次应用"}, nil), http.StatusOK)
	for _, it := range round.Checklist {
		if it.Required {
			wantStatus(t, "upload", ent.upload(path+"/attachments", it.Item, "a.pdf", samplePDF), http.StatusCreated)
		}
	}
	act := func(cl *client, action string) {
		t.Helper()
		wantStatus(t, action, cl.postJSON(path+"/actions", map[string]any{"action": action, "opinion": "同意"}), http.StatusOK)
	}
	act(ent, "submit")
	act(env.api("district-a"), "approve")
	act(reviewer, "approve")
	w := reviewer.postJSON(path+"/experts/draw", map[string]any{})
	wantStatus(t, "draw", w, http.StatusOK)
	var d firstset.Draw
	decode(t, w, &d)
	for _, e := range d.Experts {
		wantStatus(t, "score", env.api(e.Username).postJSON(path+"/scores", map[string]any{"criteria": map[string]int{
			"innovation": 80, "technology": 80, "reliability": 80, "market": 80}}), http.StatusOK)
	}
	act(reviewer, "approve")
	act(reviewer, "approve")
	var c caseJSON
	decode(t, reviewer.get(path), &c)
	w = reviewer.postJSON("/api/v1/notices", map[string]any{"case_ids": []int64{c.ID}, "starts_on": date.FromTime(env.clock)})
	wantStatus(t, "notice", w, http.StatusCreated)
	var n firstset.Notice
	decode(t, w, &n)
	return fmt.Sprintf("/api/v1/notices/%d", n.ID), c.ID
}
