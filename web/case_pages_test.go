package web

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"firstset"
	"firstset/date"
	"firstset/dbtest"
	"firstset/web/httpx"
)

// upload posts a file to a case's materials as the page's form does: the
// CSRF token first, then the item, then the file.
func (c *client) uploadPage(caseID int64, item, filename string, content []byte) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if c.csrf != "" {
		_ = mw.WriteField(httpx.CSRFField, c.csrf)
	}
	_ = mw.WriteField("item", item)
	fw, _ := mw.CreateFormFile("file", filename)
	_, _ = fw.Write(content)
	_ = mw.Close()
	return c.request(http.MethodPost, idPath("/cases/{id}/attachments", caseID), &body,
		http.Header{"Content-Type": {mw.FormDataContentType()}})
}

// location is where a 303 sends the browser, failing the test otherwise.
func location(t *testing.T, w *httptest.ResponseRecorder, what string) string {
	t.Helper()
	if w.Code != http.StatusSeeOther {
		t.Fatalf("%s: status %d, want 303: %s", what, w.Code, answerText(w))
	}
	return w.Header().Get("Location")
}

var idAtEnd = regexp.MustCompile(`/(\d+)(?:#.*)?$`)

func lastID(t *testing.T, path string) int64 {
	t.Helper()
	m := idAtEnd.FindStringSubmatch(path)
	if m == nil {
		t.Fatalf("no id at the end of %q", path)
	}
	var id int64
	for _, c := range m[1] {
		id = id*10 + int64(c-'0')
	}
	return id
}

// createRoundPage opens a round through its page as the reviewer.
func createRoundPage(t *testing.T, env *testEnv) int64 {
	t.Helper()
	rev := env.login("reviewer")
	today := env.svc.Now().In(date.Shanghai)
	w := rev.postForm("/rounds", url.Values{
		"title":     {"2026年度首台（套）认定"},
		"year":      {today.Format("2006")},
		"opens_on":  {today.AddDate(0, 0, -5).Format("2006-01-02")},
		"closes_on": {today.AddDate(0, 1, 0).Format("2006-01-02")},
	})
	return lastID(t, location(t, w, "create round"))
}

func TestEnterpriseDeclaresUploadsAndSubmits(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		env.addUsers(firstset.UserInput{Username: "district-a", Name: "九龙坡区经信委", Role: firstset.RoleDistrict, DistrictCode: "500107"})
		roundID := createRoundPage(t, env)
		a := env.login("ent-a")

		page := a.get(idPath("/rounds/{id}", roundID)).Body.String()
		if !strings.Contains(page, `action="`+idPath("/rounds/{id}/declare", roundID)+`"`) {
			t.Fatalf("the round page offers the enterprise no declare form")
		}
		caseID := lastID(t, location(t, a.postForm(idPath("/rounds/{id}/declare", roundID),
			url.Values{"product_id": {httpx.Itoa(env.draftA.ID)}}), "declare"))
		casePage := idPath("/cases/{id}", caseID)

		page = a.get(casePage).Body.String()
		for _, want := range []string{"一次性告知", "申报书", "营业执照", `enctype="multipart/form-data"`} {
			if !strings.Contains(page, want) {
				t.Errorf("the draft's page lacks %q", want)
			}
		}

		// A text too long is refused beside its field, the input kept.
		long := strings.Repeat("创", 5001)
		w := a.postForm(casePage, url.Values{"innovation_claim": {long}, "first_use": {"保留的首次应用情况"}})
		if w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("texts too long: status %d", w.Code)
		}
		page = w.Body.String()
		if !strings.Contains(fieldBlock(t, page, "innovation_claim"), `class="field-error"`) {
			t.Errorf("no error beside innovation_claim")
		}
		if !strings.Contains(page, "保留的首次应用情况") || !strings.Contains(page, long) {
			t.Errorf("the texts posted were not kept")
		}
		location(t, a.postForm(casePage, url.Values{"innovation_claim": {"自主研制五轴联动数控系统。"},
			"technical_comparison": {"定位精度优于进口同类产品。"}, "first_use": {"2026年在本市首次应用。"}}), "save texts")

		// Upload every required material, one a checklist item.
		round, err := env.svc.Round(env.asUser("ent-a"), roundID)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range round.Checklist {
			if it.Required {
				location(t, a.uploadPage(caseID, it.Item, it.Item+"（扫描件）.pdf", testPDF(it.Item)), "upload "+it.Item)
			}
		}
		// A file of the wrong type is refused beside the upload.
		w = a.uploadPage(caseID, "第三方检测或鉴定报告", "报告.txt", []byte("plain text, not a PDF"))
		if w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), `class="field-error"`) {
			t.Errorf("a text file as a PDF: status %d", w.Code)
		}
		// Without the token first, nothing is read.
		b := &client{env: env, cookie: a.cookie}
		if w := b.uploadPage(caseID, "申报书", "x.pdf", testPDF("x")); w.Code != http.StatusForbidden {
			t.Errorf("upload without the CSRF token: status %d, want 403", w.Code)
		}

		page = a.get(casePage).Body.String()
		if strings.Contains(page, "一次性告知") {
			t.Errorf("materials still missing after uploading them all")
		}
		att := regexp.MustCompile(`href="(/cases/\d+/attachments/\d+)">申报书（扫描件）\.pdf<`).FindStringSubmatch(page)
		if att == nil {
			t.Fatalf("no download link for the uploaded 申报书")
		}

		// Submitting asks for the confirmation, keeping the opinion.
		w = a.postForm(idPath("/cases/{id}/actions", caseID), url.Values{"action": {"submit"}, "opinion": {"请审核。"}})
		if w.Code != http.StatusUnprocessableEntity {
			t.Fatalf("submit without confirmation: status %d", w.Code)
		}
		if !strings.Contains(fieldBlock(t, w.Body.String(), "confirm"), `class="field-error"`) ||
			!strings.Contains(w.Body.String(), "请审核。") {
			t.Errorf("submit without confirmation: no error beside the checkbox, or the opinion lost")
		}
		location(t, a.postForm(idPath("/cases/{id}/actions", caseID),
			url.Values{"action": {"submit"}, "opinion": {"请审核。"}, "confirm": {"1"}}), "submit")

		page = a.get(casePage).Body.String()
		text := pageText(page)
		for _, want := range []string{"区县初审", "提交申报", "创建申报", "上传材料", "请审核。", "区县经济信息部门（九龙坡区）"} {
			if !strings.Contains(text, want) {
				t.Errorf("the submitted case's page lacks %q", want)
			}
		}
		if regexp.MustCompile(`<time datetime="\d{4}-\d{2}-\d{2} \d{2}:\d{2}">`).FindString(page) == "" {
			t.Errorf("the timeline shows no times")
		}
		if strings.Contains(page, `enctype="multipart/form-data"`) {
			t.Errorf("a submitted case still offers uploads")
		}

		// The download is the file, as an attachment, never sniffed.
		w = a.get(att[1])
		if w.Code != http.StatusOK || !bytes.Equal(w.Body.Bytes(), testPDF("申报书")) {
			t.Fatalf("download: status %d, %d bytes", w.Code, w.Body.Len())
		}
		h := w.Header()
		if h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("download headers: %v", h)
		}
		cd := h.Get("Content-Disposition")
		if !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=UTF-8''"+url.PathEscape("申报书（扫描件）.pdf")) {
			t.Errorf("Content-Disposition %q", cd)
		}

		// The district office sees it waiting; another enterprise does not
		// see it at all.
		d := env.login("district-a")
		if list := d.get("/cases?waiting=1").Body.String(); !strings.Contains(list, casePage) {
			t.Errorf("the district's to-do list lacks the case")
		}
		other := env.login("ent-b")
		for _, target := range []string{casePage, att[1]} {
			if w := other.get(target); w.Code != http.StatusNotFound {
				t.Errorf("another enterprise: GET %s answers %d, want 404", target, w.Code)
			}
		}
		if list := other.get("/cases").Body.String(); strings.Contains(list, casePage) {
			t.Errorf("another enterprise's case list shows the case")
		}
		if w := env.public().get(casePage); w.Code != http.StatusNotFound {
			t.Errorf("the public: GET %s answers %d, want 404", casePage, w.Code)
		}
	})
}
