package web

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/service"
	"firstset/web/httpx"
)

// The ID numbers of the flow's honorees (valid GB 11643 check digits).
const (
	launchIDReviewer   = "500103199001011232"
	launchIDEnterprise = "500112197803053319"
)

func TestLaunchPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		reviewer, ent, pub := env.login("reviewer"), env.login("ent-a"), env.public()
		year, _, _ := date.Today().Parts()
		list := reviewer.get("/launch-events")
		wantStatus(t, "list page", list, 200)
		for _, want := range []string{"策划年度发布会", firstset.LaunchMeritRule, env.recA.Name, "新产品发布会</a>"} {
			if !strings.Contains(list.Body.String(), want) {
				t.Errorf("list page lacks %q", want)
			}
		}
		form := url.Values{"year": {strconv.Itoa(year)}, "held_on": {date.Of(year, 11, 18).String()}, "place": {"重庆国际博览中心"},
			"product_ids": {httpx.Itoa(env.recA.ID)}}
		w := reviewer.postForm("/launch-events", form)
		wantStatus(t, "plan unconfirmed", w, 422)
		if !strings.Contains(w.Body.String(), "请勾选确认") {
			t.Errorf("no confirmation asked: %s", w.Body)
		}
		form.Set("confirm", "1")
		w = reviewer.postForm("/launch-events", form)
		wantStatus(t, "plan", w, http.StatusSeeOther)
		evPath := w.Header().Get("Location")
		wantStatus(t, "public list", pub.get("/launch-events"), http.StatusSeeOther)
		wantStatus(t, "enterprise page", ent.get(evPath), 200)
		w = ent.postForm(evPath+"/honorees", url.Values{"product_id": {httpx.Itoa(env.recA.ID)}, "name": {"赵工"},
			"id_number": {"500112197803053310"}, "role": {"总工程师"}})
		wantStatus(t, "bad id number", w, 422)
		if !strings.Contains(w.Body.String(), "校验位不符") {
			t.Errorf("no check-digit message: %s", w.Body)
		}
		w = ent.postForm(evPath+"/honorees", url.Values{"product_id": {httpx.Itoa(env.recA.ID)}, "name": {"赵工"},
			"id_number": {launchIDEnterprise}, "role": {"总工程师"}})
		wantStatus(t, "enter", w, http.StatusSeeOther)
		if !strings.Contains(reviewer.get("/").Body.String(), "发布会主要研发人员待确认") {
			t.Error("the reviewer's home lacks the honoree to confirm")
		}
		page := reviewer.get(evPath)
		if !strings.Contains(page.Body.String(), "确认并颁证") || !strings.Contains(page.Body.String(), launchIDEnterprise) {
			t.Fatalf("reviewer's page lacks the confirm button or the full number")
		}
		if body := ent.get(evPath).Body.String(); strings.Contains(body, launchIDEnterprise) || !strings.Contains(body, "500112********3319") {
			t.Error("the enterprise's page shows the full ID number")
		}
		e, err := env.svc.FindLaunchEvents(as(&firstset.User{ID: env.userID("reviewer"), Role: firstset.RoleReviewer}))
		if err != nil || len(e) != 1 {
			t.Fatalf("events: %v", err)
		}
		ev, err := env.svc.FindLaunchEventByID(as(&firstset.User{ID: env.userID("reviewer"), Role: firstset.RoleReviewer}), e[0].ID)
		if err != nil || len(ev.Honorees) != 1 {
			t.Fatalf("event: %v", err)
		}
		withdraw := evPath + "/honorees/" + httpx.Itoa(ev.Honorees[0].ID) + "/withdraw"
		if !strings.Contains(ent.get(evPath).Body.String(), "撤回填报") {
			t.Error("the enterprise's page offers no withdrawal")
		}
		wantStatus(t, "withdraw unticked", ent.postForm(withdraw, url.Values{}), 422)
		wantStatus(t, "decline without reason", reviewer.postForm(withdraw, url.Values{"confirm": {"1"}}), 422)
		wantStatus(t, "enterprise withdraws on the page", ent.postForm(withdraw, url.Values{"confirm": {"1"}}), http.StatusSeeOther)
		w = ent.postForm(evPath+"/honorees", url.Values{"product_id": {httpx.Itoa(env.recA.ID)}, "name": {"赵工"},
			"id_number": {launchIDEnterprise}, "role": {"总工程师"}})
		wantStatus(t, "enter again", w, http.StatusSeeOther)
		ev, err = env.svc.FindLaunchEventByID(as(&firstset.User{ID: env.userID("reviewer"), Role: firstset.RoleReviewer}), e[0].ID)
		if err != nil || len(ev.Honorees) != 1 {
			t.Fatalf("event after re-entry: %v", err)
		}
		confirm := evPath + "/honorees/" + httpx.Itoa(ev.Honorees[0].ID) + "/confirm"
		wantStatus(t, "confirm unticked", reviewer.postForm(confirm, url.Values{}), 422)
		wantStatus(t, "enterprise confirms", ent.postForm(confirm, url.Values{"confirm": {"1"}}), 403)
		wantStatus(t, "confirm", reviewer.postForm(confirm, url.Values{"confirm": {"1"}}), http.StatusSeeOther)
		if body := ent.get(evPath).Body.String(); !strings.Contains(body, firstset.HonourPrefix+"-") {
			t.Error("no honour certificate after confirmation")
		}
	})
}

func TestLaunchFlow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		font := certificateFont(t)
		env := newTestEnvConfig(t, store, func(c *service.Config) { c.Documents.Font = font })
		runLaunchFlow(t, env, font != nil)
	})
}

// runLaunchFlow plans an event, has the enterprise name one of its
// people and the reviewer confirm them, and checks every view of the
// result: the certificate verifies, the ID number is masked for all but
// the issuer, and the public sees only the honour on the product page.
func runLaunchFlow(t *testing.T, env *testEnv, pdfs bool) {
	t.Helper()
	reviewer := env.token("reviewer", firstset.ScopeProductsRead, firstset.ScopeProductsWrite)
	entA := env.token("ent-a", firstset.ScopeProductsRead, firstset.ScopeProductsWrite)
	entB := env.token("ent-b", firstset.ScopeProductsRead, firstset.ScopeProductsWrite)
	buyer := env.token("buyer", firstset.ScopeProductsRead)
	pub := env.public()
	year, _, _ := date.Today().Parts()
	heldOn := date.Of(year, 11, 18).String()

	// Planning: the reviewer's alone, with field-named refusals.
	plan := map[string]any{"year": year, "held_on": heldOn, "place": "重庆国际博览中心", "product_ids": []int64{env.recA.ID}}
	wantStatus(t, "enterprise plans", entA.sendJSON(http.MethodPost, "/api/v1/launch-events", plan, nil), 403)
	wantStatus(t, "public plans", pub.sendJSON(http.MethodPost, "/api/v1/launch-events", plan, nil), 401)
	wantStatus(t, "malformed JSON", reviewer.request(http.MethodPost, "/api/v1/launch-events",
		strings.NewReader(`{"year":`), http.Header{"Content-Type": {"application/json"}}), 400)
	bad := map[string]any{"year": year, "held_on": heldOn, "place": "重庆", "product_ids": []int64{env.draftA.ID}}
	wantError(t, "a draft product", reviewer.sendJSON(http.MethodPost, "/api/v1/launch-events", bad, nil), 422, "not_recognised")
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/launch-events", bad, nil), 422, "product_ids")
	bad = map[string]any{"year": year, "held_on": date.Of(year-1, 5, 1).String(), "place": "重庆", "product_ids": []int64{env.recA.ID}}
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/launch-events", bad, nil), 422, "held_on")
	wantField(t, reviewer.sendJSON(http.MethodPost, "/api/v1/launch-events", map[string]any{"year": year, "held_on": heldOn,
		"product_ids": []int64{env.recA.ID}}, nil), 422, "place")

	cands := reviewer.get("/api/v1/launch-events/candidates")
	wantStatus(t, "candidates", cands, 200)
	var cl struct {
		Rule  string                      `json:"rule"`
		Items []*firstset.LaunchCandidate `json:"items"`
	}
	decode(t, cands, &cl)
	if cl.Rule == "" || len(cl.Items) < 2 || cl.Items[0].Rank != 1 {
		t.Fatalf("candidates: %+v", cl)
	}
	for _, c := range cl.Items {
		if c.ProductID == env.draftA.ID || c.ProductID == env.draftB.ID {
			t.Errorf("a draft among the candidates: %+v", c)
		}
	}
	wantStatus(t, "enterprise candidates", entA.get("/api/v1/launch-events/candidates"), 403)

	plan["product_ids"] = []int64{env.recA.ID, env.recB.ID}
	w := reviewer.sendJSON(http.MethodPost, "/api/v1/launch-events", plan, nil)
	wantStatus(t, "plan", w, 201)
	var ev firstset.LaunchEvent
	decode(t, w, &ev)
	if ev.ID == 0 || len(ev.Products) != 2 || len(ev.Plaques) != 2 {
		t.Fatalf("event: %+v", ev)
	}
	wantError(t, "a second event of the year", reviewer.sendJSON(http.MethodPost, "/api/v1/launch-events", plan, nil), 422, "duplicate_year")
	evPath := idPath("/api/v1/launch-events/{id}", ev.ID)

	// The enterprise names its own product's person: pending.
	honoree := map[string]any{"product_id": env.recA.ID, "name": "李工程", "id_number": "500112197803053310", "role": "总设计师"}
	wantError(t, "a wrong check digit", entA.sendJSON(http.MethodPost, evPath+"/honorees", honoree, nil), 422, "invalid_id_number")
	wantField(t, entA.sendJSON(http.MethodPost, evPath+"/honorees", honoree, nil), 422, "id_number")
	honoree["id_number"] = launchIDEnterprise
	wantError(t, "another enterprise's product", entB.sendJSON(http.MethodPost, evPath+"/honorees", honoree, nil), 422, "not_own_product")
	wantStatus(t, "buyer names", buyer.sendJSON(http.MethodPost, evPath+"/honorees", honoree, nil), 403)
	w = entA.sendJSON(http.MethodPost, evPath+"/honorees", honoree, nil)
	wantStatus(t, "enterprise names", w, 201)
	var pending firstset.Honoree
	decode(t, w, &pending)
	if pending.Status != firstset.HonoreePending || pending.Certificate != nil || pending.IDNumber != "500112********3319" {
		t.Fatalf("pending honoree: %+v", pending)
	}
	wantField(t, entA.sendJSON(http.MethodPost, evPath+"/honorees", honoree, nil), 422, "id_number") // twice
	hPath := evPath + "/honorees/" + httpx.Itoa(pending.ID)

	// A pending entry may be taken back: the enterprise corrects it, the
	// reviewer declines it with the reason; nobody else.
	wantStatus(t, "another enterprise withdraws", entB.sendJSON(http.MethodPost, hPath+"/withdraw", map[string]any{}, nil), 404)
	wantStatus(t, "buyer withdraws", buyer.sendJSON(http.MethodPost, hPath+"/withdraw", map[string]any{}, nil), 403)
	wantField(t, reviewer.sendJSON(http.MethodPost, hPath+"/withdraw", map[string]any{"reason": " "}, nil), 422, "reason")
	wantStatus(t, "malformed withdrawal", entA.sendJSON(http.MethodPost, hPath+"/withdraw", `{"reason":`, nil), 400)
	wantStatus(t, "enterprise withdraws", entA.sendJSON(http.MethodPost, hPath+"/withdraw", map[string]any{"reason": "角色填写有误"}, nil), 204)
	wantStatus(t, "withdrawn twice", entA.sendJSON(http.MethodPost, hPath+"/withdraw", map[string]any{}, nil), 404)
	w = entA.sendJSON(http.MethodPost, evPath+"/honorees", honoree, nil)
	wantStatus(t, "named again", w, 201)
	decode(t, w, &pending)
	hPath = evPath + "/honorees/" + httpx.Itoa(pending.ID)
	wantStatus(t, "enterprise confirms", entA.sendJSON(http.MethodPost, hPath+"/confirm", nil, nil), 403)
	wantStatus(t, "pending pdf", entA.get(hPath+"/pdf"), 404)

	// The reviewer confirms: the certificate is issued.
	w = reviewer.sendJSON(http.MethodPost, hPath+"/confirm", nil, nil)
	wantStatus(t, "confirm", w, 200)
	var confirmed firstset.Honoree
	decode(t, w, &confirmed)
	if confirmed.Status != firstset.HonoreeConfirmed || confirmed.Certificate == nil || confirmed.Certificate.Token == "" {
		t.Fatalf("confirmed: %+v", confirmed)
	}
	if confirmed.IDNumber != launchIDEnterprise {
		t.Errorf("the issuer reads %q, want the full number", confirmed.IDNumber)
	}
	wantStatus(t, "confirm twice", reviewer.sendJSON(http.MethodPost, hPath+"/confirm", nil, nil), 409)
	wantStatus(t, "withdraw a confirmed one", reviewer.sendJSON(http.MethodPost, hPath+"/withdraw", map[string]any{"reason": "错误"}, nil), 409)

	// The reviewer's own entry is confirmed at once.
	w = reviewer.sendJSON(http.MethodPost, evPath+"/honorees", map[string]any{"product_id": env.recB.ID, "name": "王研发",
		"id_number": launchIDReviewer, "role": "项目负责人"}, nil)
	wantStatus(t, "reviewer names", w, 201)
	var direct firstset.Honoree
	decode(t, w, &direct)
	if direct.Status != firstset.HonoreeConfirmed || direct.Certificate == nil || direct.Certificate.PDFURL == "" {
		t.Fatalf("reviewer's honoree: %+v", direct)
	}

	// The token verifies and says what it is, the ID masked.
	var v firstset.Verification
	w = pub.sendJSON(http.MethodPost, "/api/v1/certificates/verify", map[string]string{"token": confirmed.Certificate.Token}, nil)
	wantStatus(t, "verify", w, 200)
	decode(t, w, &v)
	if !v.Valid || v.Kind != "honour_certificate" || v.Honour == nil || v.Honour.Name != "李工程" ||
		v.Honour.IDMasked != "500112********3319" || v.Status != firstset.CertHonoured {
		t.Fatalf("verification: %+v %+v", v, v.Honour)
	}
	if strings.Contains(w.Body.String(), launchIDEnterprise) {
		t.Error("the verification shows the full ID number")
	}
	tampered := confirmed.Certificate.Token[:10] + "A" + confirmed.Certificate.Token[11:]
	if tampered == confirmed.Certificate.Token {
		tampered = confirmed.Certificate.Token[:10] + "B" + confirmed.Certificate.Token[11:]
	}
	w = pub.sendJSON(http.MethodPost, "/api/v1/certificates/verify", map[string]string{"token": tampered}, nil)
	v = firstset.Verification{}
	decode(t, w, &v)
	if v.Valid {
		t.Error("a changed token verifies")
	}
	plaqueToken := ""
	for _, p := range ev.Plaques {
		if p.EnterpriseID == env.entA.ID {
			plaqueToken = p.Token
		}
	}
	w = pub.sendJSON(http.MethodPost, "/api/v1/certificates/verify", map[string]string{"token": plaqueToken}, nil)
	v = firstset.Verification{}
	decode(t, w, &v)
	if !v.Valid || v.Kind != "launch_plaque" || v.Plaque == nil || v.Plaque.Enterprise != env.entA.Name {
		t.Fatalf("plaque verification: %+v", v)
	}
	// Moved before it is held, the event's documents are signed again: the
	// old tokens verify as superseded, the new ones carry the new day.
	wantStatus(t, "moved after it was held", reviewer.sendJSON(http.MethodPut, evPath, map[string]any{"held_on": date.Of(year, 12, 28).String(), "place": "悦来国际会议中心"}, nil), 409)
	clock := env.svc.Now
	env.svc.Now = func() time.Time { return date.Of(year, 11, 1).Time().Add(2 * time.Hour) }
	move := map[string]any{"held_on": date.Of(year, 11, 25).String(), "place": "悦来国际会议中心"}
	wantStatus(t, "enterprise moves", entA.sendJSON(http.MethodPut, evPath, move, nil), 403)
	wantField(t, reviewer.sendJSON(http.MethodPut, evPath, map[string]any{"held_on": date.Of(year+1, 1, 5).String(), "place": "悦来"}, nil), 422, "held_on")
	wantField(t, reviewer.sendJSON(http.MethodPut, evPath, map[string]any{"held_on": date.Of(year, 10, 5).String(), "place": "悦来"}, nil), 422, "held_on")
	wantField(t, reviewer.sendJSON(http.MethodPut, evPath, map[string]any{"held_on": date.Of(year, 11, 25).String()}, nil), 422, "place")
	w = reviewer.sendJSON(http.MethodPut, evPath, move, nil)
	wantStatus(t, "move", w, 200)
	var moved firstset.LaunchEvent
	decode(t, w, &moved)
	if moved.HeldOn != date.Of(year, 11, 25) || moved.Place != "悦来国际会议中心" || moved.Held {
		t.Fatalf("moved: %+v", moved)
	}
	for _, old := range []string{confirmed.Certificate.Token, plaqueToken} {
		v = firstset.Verification{}
		decode(t, pub.sendJSON(http.MethodPost, "/api/v1/certificates/verify", map[string]string{"token": old}, nil), &v)
		if !v.Valid || v.ReasonCode != "superseded" {
			t.Errorf("an old document after the move: %+v", v)
		}
	}
	var newPlaque string
	for _, p := range moved.Plaques {
		if p.EnterpriseID == env.entA.ID {
			newPlaque = p.Token
		}
	}
	v = firstset.Verification{}
	decode(t, pub.sendJSON(http.MethodPost, "/api/v1/certificates/verify", map[string]string{"token": newPlaque}, nil), &v)
	if !v.Valid || v.ReasonCode == "superseded" || v.Plaque == nil || v.Plaque.Place != "悦来国际会议中心" || v.Plaque.HeldOn != date.Of(year, 11, 25).String() {
		t.Errorf("the new plaque: %+v %+v", v, v.Plaque)
	}
	for _, h := range moved.Honorees {
		if h.Certificate == nil {
			continue
		}
		v = firstset.Verification{}
		decode(t, pub.sendJSON(http.MethodPost, "/api/v1/certificates/verify", map[string]string{"token": h.Certificate.Token}, nil), &v)
		if !v.Valid || v.ReasonCode == "superseded" || v.Honour.HeldOn != date.Of(year, 11, 25).String() {
			t.Errorf("a new honour certificate: %+v", v)
		}
	}
	env.svc.Now = clock

	// The verify page says what it is too.
	page := pub.get("/verify?t=" + confirmed.Certificate.Token)
	wantStatus(t, "verify page", page, 200)
	for _, want := range []string{"荣誉证书", "李工程", "500112********3319"} {
		if !strings.Contains(page.Body.String(), want) {
			t.Errorf("verify page lacks %q", want)
		}
	}

	// Views: the enterprise sees its own people masked, not the other's;
	// the buyer and the public see no event at all.
	w = entA.get(evPath)
	wantStatus(t, "enterprise event", w, 200)
	var seen firstset.LaunchEvent
	decode(t, w, &seen)
	if len(seen.Honorees) != 1 || seen.Honorees[0].IDNumber != "500112********3319" || len(seen.Plaques) != 1 {
		t.Fatalf("enterprise view: %+v", seen)
	}
	if strings.Contains(w.Body.String(), launchIDEnterprise) || strings.Contains(w.Body.String(), launchIDReviewer) {
		t.Error("the enterprise reads a full ID number")
	}
	w = reviewer.get(evPath)
	if !strings.Contains(w.Body.String(), launchIDReviewer) {
		t.Error("the issuer does not read the full ID number")
	}
	wantStatus(t, "buyer event", buyer.get(evPath), 403)
	wantStatus(t, "public event", pub.get(evPath), 401)
	wantStatus(t, "public events", pub.get("/api/v1/launch-events"), 401)
	wantStatus(t, "enterprise events", entA.get("/api/v1/launch-events"), 200)
	wantStatus(t, "other enterprise's honour pdf", entB.get(hPath+"/pdf"), 404)
	wantStatus(t, "other enterprise's plaque", entB.get(evPath+"/plaques/"+httpx.Itoa(env.entA.ID)+"/pdf"), 404)
	wantStatus(t, "public honour pdf", pub.get(hPath+"/pdf"), 401)

	// The public product page lists the honour, never the ID number.
	w = pub.get(idPath("/api/v1/products/{id}", env.recA.ID))
	wantStatus(t, "product", w, 200)
	if !strings.Contains(w.Body.String(), `"honours":[{"name":"李工程","role":"总设计师"`) || strings.Contains(w.Body.String(), "3319") {
		t.Errorf("product honours: %s", w.Body)
	}
	pp := pub.get(idPath("/products/{id}", env.recA.ID))
	if !strings.Contains(pp.Body.String(), "李工程") || strings.Contains(pp.Body.String(), "3319") {
		t.Errorf("product page honours wrong")
	}

	if !pdfs {
		return
	}
	pdf := entA.get(hPath + "/pdf")
	wantStatus(t, "honour pdf", pdf, 200)
	text := pdfText(t, pdf.Body.Bytes())
	for _, want := range []string{"荣誉证书", "李工程", "500112********3319", env.recA.Name} {
		if text != "" && !strings.Contains(text, want) {
			t.Errorf("honour PDF lacks %q: %s", want, text)
		}
	}
	if strings.Contains(text, launchIDEnterprise) {
		t.Error("the honour PDF prints the full ID number")
	}
	plaque := entA.get(evPath + "/plaques/" + httpx.Itoa(env.entA.ID) + "/pdf")
	wantStatus(t, "plaque pdf", plaque, 200)
	if text := pdfText(t, plaque.Body.Bytes()); text != "" && !strings.Contains(text, env.entA.Name) {
		t.Errorf("plaque PDF lacks the enterprise: %s", text)
	}
	wantStatus(t, "reviewer honour pdf", reviewer.get(direct.Certificate.PDFURL), 200)
}

// pdfText is the text of a PDF by pdftotext, spaces removed; "" when the
// tool is missing (except under CI).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatal("not a PDF")
	}
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI needs pdftotext")
		}
		return ""
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path, file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}
