package e2e

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"firstset/date"
)

// TestBrowserIncentiveJourney walks the money through the pages of those
// who move it, with screenshots: the enterprise confirms a premium subsidy
// offered from its insurer's data (免申即享) and lands on the new
// application at the district's review with the engine's amount; finance
// reads the rounds and the regular subsidy round's approved allocation
// (the demo holds no allocation awaiting approval, so the approval itself
// is not walked); finance records a part payment on an approved
// application whose notice has ended, sees it on the case and in the
// ledger, and a payment over what is left is refused on its field with
// nothing stored.
func TestBrowserIncentiveJourney(t *testing.T) {
	b := startBrowser(t)
	// fact reads the value a page's fact list gives label, within sel.
	fact := func(sel, label string) string {
		var v string
		b.step("read "+label, chromedp.Evaluate(fmt.Sprintf(`(() => { const dt = Array.from(document.querySelectorAll(%q)).find(e => e.textContent.trim() === %q); return dt ? dt.nextElementSibling.textContent.trim() : "" })()`,
			sel+" dt", label), &v))
		return v
	}
	// row is the text of the first table row within sel that mentions
	// what, and the href of its first link matching link.
	row := func(sel, what, link string) (text, href string) {
		var out []string
		b.step("find the row of "+what, chromedp.Evaluate(fmt.Sprintf(`(() => { const tr = Array.from(document.querySelectorAll(%q)).find(tr => tr.textContent.includes(%q)); if (!tr) return ["", ""]; const a = tr.querySelector(%q); return [tr.textContent, a ? a.getAttribute("href") : ""] })()`,
			sel+" tr", what, link), &out))
		return out[0], out[1]
	}
	rowLink := func(what, link string) string {
		_, href := row("main", what, link)
		if href == "" {
			t.Fatalf("no row of %s with a link %s", what, link)
		}
		return href
	}
	text := func(sel string) string {
		var s string
		b.step("read "+sel, chromedp.Text(sel, &s, chromedp.ByQuery))
		return s
	}
	// ledger opens the ledger and returns how many payments it counts.
	ledger := func(shot string) int {
		actions := []chromedp.Action{chromedp.Navigate(b.url + "/ledger"), chromedp.WaitVisible(`main section.panel > p`, chromedp.ByQuery)}
		if shot != "" {
			actions = append(actions, b.view(shot))
		}
		b.step("the ledger", actions...)
		head := text(`main section.panel > p`)
		m := regexp.MustCompile(`共 (\d+) 笔`).FindStringSubmatch(head)
		if m == nil {
			t.Fatalf("the ledger reads %q", head)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}

	// 1. The enterprise confirms the offer the demo insurer's policies produced.
	b.login("enterprise")
	const offered = "五轴联动数控滚齿机"
	var offer string
	b.step("the offers", chromedp.Navigate(b.url+"/subsidy-offers"), chromedp.WaitVisible(`main`, chromedp.ByQuery),
		chromedp.Evaluate(fmt.Sprintf(`(() => { const a = Array.from(document.querySelectorAll("article[id^=offer-]")).find(a => a.querySelector("h2").textContent.includes(%q)); return a ? "#" + a.id : "" })()`, offered), &offer))
	if offer == "" {
		t.Fatalf("no offer of %s:\n%s", offered, text(`main`))
	}
	amount := strings.TrimSuffix(fact(offer, "测算补贴"), " 元")
	if st := fact(offer, "状态"); st != "待确认" || amount == "" || amount == "0.00" {
		t.Fatalf("the offer of %s reads 状态 %q, 测算补贴 %q", offered, st, amount)
	}
	confirm := offer + ` form[action$="/confirm"]`
	b.step("tick the confirmation", chromedp.Click(confirm+` input[name=confirm]`, chromedp.ByQuery), b.shot("inc-01-enterprise-offer"))
	b.submit("confirm the offer", confirm+` button[type=submit]`)
	var casePath string
	b.step("the new application", chromedp.WaitVisible(`#application`, chromedp.ByQuery),
		chromedp.Evaluate(`location.pathname`, &casePath), b.shot("inc-02-enterprise-confirmed"))
	if flash := text(`.flash`); !strings.Contains(flash, "已提交区县初审") {
		t.Errorf("after confirming, the flash reads %q", flash)
	}
	if st := fact(`#progress`, "当前阶段"); st != "区县初审" {
		t.Errorf("the confirmed application is at %q, want 区县初审", st)
	}
	if got := fact(`#application`, "政策测算上限"); !strings.HasPrefix(got, amount+" 元") {
		t.Errorf("the application's maximum reads %q, the offer said %s 元", got, amount)
	}
	if src := fact(`#application`, "数据来源"); !strings.Contains(src, "免申即享") {
		t.Errorf("the application's source reads %q", src)
	}
	// The offer is settled and points at its application.
	b.step("the offers again", chromedp.Navigate(b.url+"/subsidy-offers"), chromedp.WaitVisible(offer, chromedp.ByQuery))
	if st := fact(offer, "状态"); !strings.HasPrefix(st, "已确认") || !strings.Contains(st, "查看申请") {
		t.Errorf("the confirmed offer reads 状态 %q", st)
	}
	var href string
	b.step("the offer's link", chromedp.AttributeValue(offer+` a[href^="/cases/"]`, "href", &href, nil, chromedp.ByQuery))
	if href != casePath {
		t.Errorf("the confirmed offer links to %q, the application is %s", href, casePath)
	}
	b.step("the confirmed offer", b.view("inc-03-enterprise-offer-confirmed"))
	b.logout()

	// 2. Finance reads the rounds: the regular ones approved, the second
	// subsidy round's allocation waiting for finance.
	b.login("finance")
	b.step("the rounds", chromedp.Navigate(b.url+"/incentive-rounds"), chromedp.WaitVisible(`table`, chromedp.ByQuery),
		b.shot("inc-04-finance-rounds"))
	round := rowLink("保费补贴（第一批）", `a[href^="/incentive-rounds/"]`)
	b.step("the regular subsidy round", chromedp.Navigate(b.url+round), chromedp.WaitVisible(`#allocation`, chromedp.ByQuery),
		b.shot("inc-05-finance-round-approved"))
	if st := fact(`main`, "状态"); !strings.HasPrefix(st, "已批准") {
		t.Errorf("the regular subsidy round's status reads %q", st)
	}
	if notice := fact(`main`, "结果公示"); !strings.Contains(notice, "期满后拨付") {
		t.Errorf("the round's notice reads %q", notice)
	}
	var forms int
	b.step("count the decision forms", chromedp.Evaluate(`document.querySelectorAll('form[action$="/approve"], form[action$="/send-back"]').length`, &forms))
	if forms != 0 {
		t.Errorf("an approved round offers %d approval forms", forms)
	}

	// Finance approves the second round's allocation, after the
	// confirmation: without it the page refuses, with it the round is
	// approved and its results go on notice.
	b.step("the rounds again", chromedp.Navigate(b.url+"/incentive-rounds"), chromedp.WaitVisible(`table`, chromedp.ByQuery))
	second := rowLink("保费补贴（第二批）", `a[href^="/incentive-rounds/"]`)
	b.step("the second round", chromedp.Navigate(b.url+second), chromedp.WaitVisible(`form[action$="/approve"]`, chromedp.ByQuery),
		b.shot("inc-05a-finance-round-proposed"))
	if st := fact(`main`, "状态"); !strings.HasPrefix(st, "分配方案待审批") {
		t.Errorf("the second round's status reads %q", st)
	}
	b.step("approve without the confirmation", chromedp.SendKeys(`#approve-opinion`, "经审核，同意分配方案。", chromedp.ByQuery))
	if status, err := b.press(`form[action$="/approve"] button[type=submit]`); err != nil || status != 422 {
		t.Fatalf("an approval without the confirmation: %d %v", status, err)
	}
	b.step("the refusal", chromedp.WaitVisible(`form[action$="/approve"] .field.has-error`, chromedp.ByQuery))
	b.step("tick the approval", chromedp.Click(`form[action$="/approve"] input[name=confirm]`, chromedp.ByQuery),
		b.shot("inc-05b-finance-approve"))
	b.submit("approve", `form[action$="/approve"] button[type=submit]`)
	b.step("the approved round", chromedp.WaitVisible(`.flash`, chromedp.ByQuery), b.shot("inc-05c-finance-approved"))
	if st := fact(`main`, "状态"); !strings.HasPrefix(st, "已批准") {
		t.Errorf("after approval the second round's status reads %q", st)
	}
	b.step("count the decision forms again", chromedp.Evaluate(`document.querySelectorAll('form[action$="/approve"]').length`, &forms))
	if forms != 0 {
		t.Errorf("an approved round still offers %d approval forms", forms)
	}
	b.step("back to the first round", chromedp.Navigate(b.url+round), chromedp.WaitVisible(`#allocation`, chromedp.ByQuery))

	// 3. Finance pays part of an approved allocation, from the round's table.
	const paid = "大功率船用中速柴油机"
	app := rowLink(paid, `a[href^="/cases/"]`)
	b.step("the approved application", chromedp.Navigate(b.url+app), chromedp.WaitVisible(`form[action$="/disbursements"]`, chromedp.ByQuery))
	allocated := strings.TrimSuffix(fact(`#application`, "安排金额"), " 元")
	if st := fact(`#progress`, "当前阶段"); st != "待拨付" || allocated == "" {
		t.Fatalf("%s is at %q with 安排金额 %q", paid, st, allocated)
	}
	if got := fact(`#application`, "已拨付"); got != "0.00 元" {
		t.Fatalf("%s has 已拨付 %q before any payment", paid, got)
	}
	before := ledger("")
	b.step("back to the application", chromedp.Navigate(b.url+app), chromedp.WaitVisible(`form[action$="/disbursements"]`, chromedp.ByQuery))
	today := date.Today().String()
	year, _, _ := date.Today().Parts()
	voucher := fmt.Sprintf("渝财建〔%d〕0901", year)
	pay := func(amount, voucher string) {
		form := `form[action$="/disbursements"]`
		b.step("fill in the payment",
			chromedp.SetValue(form+` #amount_yuan`, amount, chromedp.ByQuery),
			chromedp.SetValue(form+` #paid_on`, today, chromedp.ByQuery),
			chromedp.SetValue(form+` #voucher`, voucher, chromedp.ByQuery),
			chromedp.SetValue(form+` #bank_reference`, "CQ"+strings.ReplaceAll(today, "-", "")+voucher[len(voucher)-4:], chromedp.ByQuery),
			chromedp.Click(form+` input[name=confirm]`, chromedp.ByQuery))
	}
	pay("50000", voucher)
	b.step("the payment form", b.shot("inc-06-finance-payment-form"))
	b.submit("record the payment", `form[action$="/disbursements"] button[type=submit]`)
	b.step("the paid application", chromedp.WaitVisible(`.flash`, chromedp.ByQuery), b.shot("inc-07-finance-paid"))
	if flash := text(`.flash`); !strings.Contains(flash, "50,000.00") || !strings.Contains(flash, voucher) {
		t.Errorf("after paying, the flash reads %q", flash)
	}
	if st := fact(`#progress`, "当前阶段"); st != "部分拨付" {
		t.Errorf("after a part payment the application is at %q", st)
	}
	if got := fact(`#application`, "已拨付"); got != "50,000.00 元" {
		t.Errorf("after paying, 已拨付 reads %q", got)
	}
	if payments, _ := row("#application", voucher, "a"); !strings.Contains(payments, "50,000.00") || !strings.Contains(payments, today) {
		t.Errorf("the payments table's row of %s reads %q", voucher, payments)
	}
	if n := ledger("inc-08-finance-ledger"); n != before+1 {
		t.Errorf("the ledger counts %d payments after one more than %d", n, before)
	}
	if line, _ := row("main", voucher, "a"); !strings.Contains(line, paid) || !strings.Contains(line, "50,000.00") || !strings.Contains(line, today) {
		t.Errorf("the ledger's row of %s reads %q", voucher, line)
	}

	// More than is left (the whole allocation, after the part paid) is
	// refused on the amount, and nothing is stored.
	over := fmt.Sprintf("渝财建〔%d〕0902", year)
	b.step("the application again", chromedp.Navigate(b.url+app), chromedp.WaitVisible(`form[action$="/disbursements"]`, chromedp.ByQuery))
	pay(allocated, over)
	status, err := b.press(`form[action$="/disbursements"] button[type=submit]`)
	if err != nil || status != 422 {
		t.Fatalf("paying over the allocation answered %d, %v; want 422", status, err)
	}
	b.step("the refusal", chromedp.WaitVisible(`.field.has-error`, chromedp.ByQuery), b.shot("inc-09-finance-overpaid"))
	var field, msg string
	b.step("read the refusal",
		chromedp.Evaluate(`document.querySelector(".field.has-error input, .field.has-error textarea").id`, &field),
		chromedp.Text(`.field.has-error .field-error`, &msg, chromedp.ByQuery))
	if field != "amount_yuan" || !strings.Contains(msg, "拨付金额") || !strings.Contains(msg, "超过尚未拨付的安排金额") {
		t.Errorf("the refusal is on %q: %q", field, msg)
	}
	if got := fact(`#application`, "已拨付"); got != "50,000.00 元" {
		t.Errorf("after the refusal, 已拨付 reads %q", got)
	}
	if line, _ := row("#application", over, "a"); line != "" {
		t.Errorf("the refused payment is in the payments table: %q", line)
	}
	if n := ledger(""); n != before+1 {
		t.Errorf("after the refusal the ledger counts %d payments, want %d", n, before+1)
	}
	if line, _ := row("main", over, "a"); line != "" {
		t.Errorf("the refused payment is in the ledger: %q", line)
	}
	t.Logf("screenshots in %s", b.dir)
}
