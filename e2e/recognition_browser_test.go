package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRecognitionJourney walks a declaration through the pages of
// the people who act on it, with screenshots: the enterprise completes
// its draft's materials and submits it with confirmation; the district
// office approves it from its to-do list; the reviewer passes it and
// draws its experts; an expert scores the demo case drawn for them; the
// public reads the notice in progress.
func TestBrowserRecognitionJourney(t *testing.T) {
	b := startBrowser(t)
	pdf := filepath.Join(t.TempDir(), "申报材料.pdf")
	if err := os.WriteFile(pdf, []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	action := func(name string) string { return `form.action-form:has(input[name=action][value=` + name + `])` }
	// caseLink finds a case's page on the case list by its product.
	caseLink := func(product string) string {
		var href string
		b.step("find the case of "+product, chromedp.Navigate(b.url+"/cases"), chromedp.WaitVisible(`main`, chromedp.ByQuery),
			chromedp.Evaluate(`(() => { const tr = Array.from(document.querySelectorAll("tr")).find(tr => tr.textContent.includes(`+
				"`"+product+"`"+`)); return tr ? tr.querySelector("a[href^='/cases/']").getAttribute("href") : "" })()`, &href))
		if href == "" {
			t.Fatalf("no case of %s on the case list", product)
		}
		return href
	}

	b.login("enterprise")
	draft := caseLink("数控卧式加工中心") // the demo enterprise's draft, still missing materials
	var items []string
	b.step("the draft", chromedp.Navigate(b.url+draft), chromedp.WaitVisible(`form.upload-form`, chromedp.ByQuery),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("form.upload-form input[name=item]"), i => i.value)`, &items),
		b.shot("rec-01-enterprise-draft"))
	if len(items) == 0 {
		t.Fatal("the draft offers no uploads")
	}
	for _, item := range items {
		form := `form.upload-form:has(input[name=item][value="` + item + `"])`
		b.step("choose a file for "+item, chromedp.SetUploadFiles(form+` input[type=file]`, []string{pdf}, chromedp.ByQuery))
		b.submit("upload "+item, form+` button[type=submit]`)
		b.step("back on the case", chromedp.WaitVisible(action("submit"), chromedp.ByQuery))
	}
	b.step("confirm the submission", chromedp.Click(action("submit")+` input[name=confirm]`, chromedp.ByQuery),
		b.shot("rec-02-enterprise-materials"))
	b.submit("submit", action("submit")+` button[type=submit]`)
	var stage string
	b.step("submitted", chromedp.WaitVisible(`.timeline, ol, table`, chromedp.ByQuery),
		chromedp.Text(`main`, &stage, chromedp.ByQuery), b.shot("rec-03-enterprise-submitted"))
	if !strings.Contains(stage, "区县初审") {
		t.Fatalf("after submitting, the case page reads:\n%s", stage)
	}
	b.logout()

	b.login("district")
	var todo string
	b.step("the district's to-do", chromedp.Navigate(b.url+"/cases?waiting=1"), chromedp.WaitVisible(`main`, chromedp.ByQuery),
		chromedp.Text(`main`, &todo, chromedp.ByQuery), b.shot("rec-04-district-todo"))
	if !strings.Contains(todo, "数控卧式加工中心") {
		t.Fatalf("the district's to-do list lacks the submitted case:\n%s", todo)
	}
	b.step("open it", chromedp.Navigate(b.url+draft), chromedp.WaitVisible(action("approve"), chromedp.ByQuery),
		chromedp.SendKeys(action("approve")+` textarea[name=opinion]`, "材料齐全，情况属实，同意推荐。", chromedp.ByQuery))
	b.submit("approve", action("approve")+` button[type=submit]`)
	b.step("approved", chromedp.WaitVisible(`main`, chromedp.ByQuery), b.shot("rec-05-district-approved"))
	b.logout()

	b.login("reviewer")
	b.step("formal review", chromedp.Navigate(b.url+draft), chromedp.WaitVisible(action("approve"), chromedp.ByQuery),
		chromedp.SendKeys(action("approve")+` textarea[name=opinion]`, "形式审查通过，提交专家评审。", chromedp.ByQuery))
	b.submit("pass the formal review", action("approve")+` button[type=submit]`)
	b.step("the draw form", chromedp.WaitVisible(`form[action$="/draws"]`, chromedp.ByQuery),
		chromedp.SendKeys(`#seed`, "演示-旅程-1", chromedp.ByQuery),
		chromedp.Click(`form[action$="/draws"] input[name=confirm]`, chromedp.ByQuery))
	b.submit("draw the experts", `form[action$="/draws"] button[type=submit]`)
	var drawn string
	b.step("the experts drawn", chromedp.WaitVisible(`main`, chromedp.ByQuery), chromedp.Text(`main`, &drawn, chromedp.ByQuery),
		b.shot("rec-06-reviewer-drawn"))
	if !strings.Contains(drawn, "演示-旅程-1") {
		t.Fatalf("the draw's seed is not shown:\n%s", drawn)
	}
	b.logout()

	b.login("expert")
	var list string
	b.step("the expert's to-do", chromedp.Navigate(b.url+"/cases?waiting=1"), chromedp.WaitVisible(`main`, chromedp.ByQuery),
		chromedp.Text(`main`, &list, chromedp.ByQuery), b.shot("rec-07-expert-todo"))
	if !strings.Contains(list, "硬岩隧道掘进机主轴承") {
		t.Fatalf("the expert's to-do lacks the case drawn for them:\n%s", list)
	}
	b.step("the scoring sheet", chromedp.Navigate(b.url+caseLink("硬岩隧道掘进机主轴承")), chromedp.WaitVisible(`form[action$="/score"]`, chromedp.ByQuery))
	for _, id := range []string{"innovation", "technology", "reliability", "market"} {
		b.step("score "+id, chromedp.SetValue(`input[name="criteria.`+id+`"]`, "86", chromedp.ByQuery))
	}
	b.step("comment", chromedp.SendKeys(`#score-comment`, "创新点明确，建议通过。", chromedp.ByQuery), b.shot("rec-08-expert-sheet"))
	b.submit("score", `form[action$="/score"] button[type=submit]`)
	b.step("scored", chromedp.WaitVisible(`main`, chromedp.ByQuery), b.shot("rec-09-expert-scored"))
	b.logout()

	var notice string
	b.step("the public notice", chromedp.Navigate(b.url+"/notices/2"), chromedp.WaitVisible(`main`, chromedp.ByQuery),
		chromedp.Text(`main`, &notice, chromedp.ByQuery), b.shot("rec-10-public-notice"))
	if !strings.Contains(notice, "生活垃圾焚烧机械炉排炉") {
		t.Fatalf("the notice lacks its case:\n%s", notice)
	}
	t.Logf("screenshots in %s", b.dir)
}
