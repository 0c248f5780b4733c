package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"firstset"
	"firstset/date"
)

// TestParameterPages: anyone reads the parameters; an administrator
// changes one from the page, after the confirmation; a refused change
// names its fields in Chinese and stores nothing; no one else finds the
// form or may post it.
func TestParameterPages(t *testing.T) {
	env := newTestEnv(t)
	w := env.public().get("/parameters")
	wantStatus(t, "public parameters", w, http.StatusOK)
	body := w.Body.String()
	for _, want := range []string{"首购首用奖励比例", "30%", "5,000,000.00 元", "同比例下降", "（现行）"} {
		if !strings.Contains(body, want) {
			t.Fatalf("the parameters page lacks %q", want)
		}
	}
	if strings.Contains(body, "登记参数调整") {
		t.Fatal("the public is offered the change form")
	}
	reviewer := env.login("reviewer")
	if w := reviewer.postForm("/parameters/changes", url.Values{"param": {"premium.rate_cap"}}); w.Code != http.StatusForbidden {
		t.Fatalf("a reviewer posts a change: %d", w.Code)
	}

	admin := env.login("admin")
	if !strings.Contains(admin.get("/parameters").Body.String(), "登记参数调整") {
		t.Fatal("the administrator has no change form")
	}
	from := date.FromTime(env.svc.Now()).AddDays(30).String()
	form := url.Values{"param": {"premium.rate_cap"}, "from": {from}, "value": {"百分之三"}, "source": {""}}
	w = admin.postForm("/parameters/changes", form)
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("a bad change: %d", w.Code)
	}
	if !strings.Contains(w.Body.String(), "请勾选确认") {
		t.Fatal("the refusal lacks the confirmation")
	}
	form.Set("confirm", "1")
	w = admin.postForm("/parameters/changes", form)
	for _, want := range []string{"不是参数“实际保险费率上限”的有效取值", "请填写依据文件", `value="百分之三"`} {
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), want) {
			t.Fatalf("the refusal (%d) lacks %q", w.Code, want)
		}
	}
	form.Set("value", "2.5%")
	form.Set("source", "渝经信规范〔2027〕1号")
	w = admin.postForm("/parameters/changes", form)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("the change: %d %s", w.Code, w.Body.String())
	}
	page := admin.get("/parameters").Body.String()
	for _, want := range []string{"参数调整已登记：2.5%，自 " + from + " 起施行", "渝经信规范〔2027〕1号", "（管理员登记）", "调整记录"} {
		if !strings.Contains(page, want) {
			t.Fatalf("after the change the page lacks %q", want)
		}
	}
	sys := firstset.NewContextWithActor(t.Context(), firstset.SystemActor())
	tb, err := env.svc.Parameters(sys)
	if err != nil || len(tb.Changes) != 1 || tb.Changes[0].Value != "1/40" {
		t.Fatalf("stored changes: %+v %v", tb, err)
	}
}
