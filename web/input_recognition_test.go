package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
)

// A recognition cannot be dated after today, today being the services'
// clock's day in Chongqing (Asia/Shanghai, UTC+8).
func TestRecognitionDateCannotBeInTheFuture(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		api := env.token("admin", firstset.ScopeProductsRead, firstset.ScopeProductsWrite)
		// 2026-03-01 23:30 in Chongqing, still the 1st there but the
		// 1st in UTC too; then 00:30 on the 2nd there, the 1st in UTC.
		clock := time.Date(2026, 3, 1, 15, 30, 0, 0, time.UTC)
		env.svc.Now = func() time.Time { return clock }
		path := idPath("/api/v1/products/{id}/recognition", env.draftA.ID)
		set := func(on string) *http.Response {
			w := api.sendJSON(http.MethodPut, path, `{"status":"recognised","recognized_on":"`+on+`"}`, nil)
			return w.Result()
		}

		for _, on := range []string{"2026-03-02", "2099-01-01", "9999-12-31"} {
			e := assertAPIError(t, api.sendJSON(http.MethodPut, path, `{"status":"recognised","recognized_on":"`+on+`"}`, nil),
				http.StatusUnprocessableEntity, firstset.EINVALID)
			if e.Field != "recognized_on" || detailCode(e) != "in_future" || !strings.Contains(e.Message, "2026-03-01") {
				t.Errorf("recognized_on %s: %+v", on, e)
			}
		}
		ctx := firstset.NewContextWithActor(t.Context(), firstset.SystemActor())
		if p, err := env.svc.FindProductByID(ctx, env.draftA.ID); err != nil || p.Status != firstset.StatusDraft || !p.RecognizedOn.IsZero() {
			t.Fatalf("refused recognitions changed the product: %v %+v", err, p)
		}
		if r := set("2026-03-01"); r.StatusCode != http.StatusOK {
			t.Fatalf("recognised today: %d", r.StatusCode)
		}

		// Half past midnight on the 2nd in Chongqing: the 2nd is today.
		clock = time.Date(2026, 3, 1, 16, 30, 0, 0, time.UTC)
		path = idPath("/api/v1/products/{id}/recognition", env.draftB.ID)
		if r := set("2026-03-02"); r.StatusCode != http.StatusOK {
			t.Errorf("recognised on the 2nd just after midnight in Chongqing: %d", r.StatusCode)
		}
		var got firstset.Product
		decode(t, api.get(idPath("/api/v1/products/{id}", env.draftB.ID)), &got)
		if got.RecognizedOn != date.Of(2026, time.March, 2) {
			t.Errorf("recognized_on stored as %s", got.RecognizedOn)
		}

		// The recognition page says so beside the date.
		admin := env.login("admin")
		w := admin.postForm(idPath("/products/{id}/recognition", env.draftA.ID),
			url.Values{"status": {"recognised"}, "recognized_on": {"2026-03-03"}})
		if w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("recognition page with a future date: %d", w.Code)
		}
		if block := fieldBlock(t, w.Body.String(), "recognized_on"); !strings.Contains(block, "2026-03-03") || !strings.Contains(block, "晚于") {
			t.Errorf("the date field does not explain the refusal: %s", block)
		}
	})
}
