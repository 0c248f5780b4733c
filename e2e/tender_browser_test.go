package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserTenderCheck: a buyer pastes a tender into the checker's
// form, with no scripts on the page, and reads it back with the findings
// marked beside their suggestions.
func TestBrowserTenderCheck(t *testing.T) {
	b := startBrowser(t)

	const tenderDoc = "第一章 投标人须知\n投标人须提供产品市场占有率证明。\n投标人须为重庆市本地注册企业。\n中标人须按合同价的5%缴纳质量保证金。"
	var marks int
	var firstSet string

	b.login("buyer")
	b.submit("open the checker from the navigation", `nav a[href="/tender"]`)
	b.step("see the checker", chromedp.WaitVisible(`#text`, chromedp.ByQuery))
	b.step("fill in the form",
		chromedp.SetValue(`#text`, tenderDoc, chromedp.ByQuery),
		// The first catalog product the select offers.
		chromedp.Evaluate(`document.querySelector("#product_id").selectedIndex = 1`, nil),
		chromedp.Click(`input[name=insured]`, chromedp.ByQuery))
	b.submit("check", `form[method=post][action="/tender"] button[type=submit]`)
	b.step("see the result", chromedp.WaitVisible(`#result`, chromedp.ByQuery))
	b.step("read the result",
		chromedp.Evaluate(`document.querySelectorAll(".tender-lines mark").length`, &marks),
		chromedp.Text(`.tender-firstset`, &firstSet, chromedp.ByQuery),
		b.shot("10-tender-check"))
	if marks < 3 {
		t.Errorf("%d findings marked in the document, want at least 3", marks)
	}
	if !strings.Contains(firstSet, "不再收取质量保证金") {
		t.Errorf("first-set notes: %q", firstSet)
	}
}
