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
	b.submit("check", `button[name=check]`)
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

// TestBrowserTenderProductSearchKeepsText: an enterprise user finds the
// checker in the navigation, pastes a tender, searches the catalog for its
// product and still has the pasted text and the tick to check with.
func TestBrowserTenderProductSearchKeepsText(t *testing.T) {
	b := startBrowser(t)
	const tenderDoc = "投标人须提供近三年类似业绩。\n投标文件应以中文编写。"
	var (
		query, text, firstOption, searched string
		insured, result                    bool
		options                            int
	)
	b.login("enterprise")
	b.submit("open the checker from the navigation", `nav a[href="/tender"]`)
	b.step("paste the tender and search for a product",
		chromedp.WaitVisible(`#text`, chromedp.ByQuery),
		chromedp.SetValue(`#text`, tenderDoc, chromedp.ByQuery),
		chromedp.Click(`input[name=insured]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("#product_id").options[1].text.slice(0, 2)`, &query))
	if query == "" {
		t.Fatal("the select offers no product to search for")
	}
	b.step("type the search", chromedp.SendKeys(`#product_q`, query, chromedp.ByQuery))
	b.submit("search", `button[name=product_search]`)
	b.step("read the form again",
		chromedp.WaitVisible(`#text`, chromedp.ByQuery),
		chromedp.Value(`#text`, &text, chromedp.ByQuery),
		chromedp.Value(`#product_q`, &searched, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("input[name=insured]").checked`, &insured),
		chromedp.Evaluate(`document.querySelector("#product_id").options.length - 1`, &options),
		chromedp.Evaluate(`document.querySelector("#product_id").options[1].text`, &firstOption),
		chromedp.Evaluate(`document.querySelector("#result") !== null`, &result),
		b.shot("11-tender-product-search"))
	if strings.ReplaceAll(text, "\r\n", "\n") != tenderDoc || !insured || result {
		t.Fatalf("after the search: text %q, insured %v, result shown %v", text, insured, result)
	}
	if searched != query || options == 0 || !strings.Contains(firstOption, query) {
		t.Errorf("search %q (kept as %q) offers %d products, the first %q", query, searched, options, firstOption)
	}
	b.step("choose the product", chromedp.Evaluate(`document.querySelector("#product_id").selectedIndex = 1`, nil))
	b.submit("check", `button[name=check]`)
	b.step("see the result", chromedp.WaitVisible(`#result`, chromedp.ByQuery))
}
