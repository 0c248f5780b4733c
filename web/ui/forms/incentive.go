package forms

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"firstset"
	"firstset/money"
)

// The inputs the incentives' forms show, for NewErrors.
var (
	IncentiveRoundFields = []string{"kind", "year", "title", "budget_yuan", "method", "pass_score", "uses_experts", "opens_on", "closes_on"}
	DisbursementFields   = []string{"application_id", "amount_yuan", "paid_on", "voucher", "bank_reference", "confirm"}
	PolicyFields         = []string{"policy_number", "product_id", "start", "end", "insured_amount_yuan", "premium_yuan"}
	ClaimFields          = []string{"occurred_on", "amount_yuan"}
	RoundDecisionFields  = []string{"opinion", "confirm"}
)

// PolicyRows is how many policy years the application form offers.
const PolicyRows = 5

// ApplicationFields are the application form's inputs: the contract's,
// and each policy year's by its place in the list, as the service names
// them (policy_years[0].start).
var ApplicationFields = func() []string {
	list := []string{"round_id", "product_id", "contract_date", "paid_yuan", "buyer_name", "buyer_credit_code", "policy_years", "eligible"}
	for i := range PolicyRows {
		for _, f := range []string{"start", "end", "insured_amount_yuan", "premium_yuan", "claim"} {
			list = append(list, fmt.Sprintf("policy_years[%d].%s", i, f))
		}
	}
	return list
}()

// Yuan reads an amount as people type it (12,000,000, 500万, 1.2亿); a
// malformed one is a problem with its field, an empty one zero.
func Yuan(v url.Values, field, label string, p *firstset.Problems) money.Fen {
	yuan, problem := PageYuan(v.Get(field))
	if problem != "" {
		p.Add(field, firstset.EINVALID, "%s：%s", label, problem)
		return 0
	}
	if yuan == "" {
		return 0
	}
	f, err := money.ParseYuan(yuan)
	if err != nil {
		p.Add(field, firstset.EINVALID, "%s无法识别。", label)
	}
	return f
}

// IncentiveRoundInputFrom reads the round form.
func IncentiveRoundInputFrom(v url.Values, p *firstset.Problems) firstset.IncentiveRoundInput {
	return firstset.IncentiveRoundInput{
		Kind:        strings.TrimSpace(v.Get("kind")),
		Year:        intField(v, "year", "年度", p),
		Title:       strings.TrimSpace(v.Get("title")),
		Budget:      Yuan(v, "budget_yuan", "年度预算", p),
		Method:      strings.TrimSpace(v.Get("method")),
		PassScore:   json.Number(strings.TrimSpace(v.Get("pass_score"))),
		UsesExperts: v.Get("uses_experts") != "",
		OpensOn:     Date(v, "opens_on", "申请开始日期", p),
		ClosesOn:    Date(v, "closes_on", "申请截止日期", p),
	}
}

// ApplicationInputFrom reads the application form: for a reward the
// contract, for a subsidy the policy years filled in (blank rows left out).
func ApplicationInputFrom(v url.Values, kind string, p *firstset.Problems) firstset.ApplicationInput {
	in := firstset.ApplicationInput{RoundID: idField(v, "round_id", "奖补批次", p), ProductID: idField(v, "product_id", "装备", p)}
	if kind == firstset.IncentiveReward {
		in.ContractDate = Date(v, "contract_date", "合同签订日期", p)
		in.Paid = Yuan(v, "paid_yuan", "实际支付金额", p)
		in.BuyerName = strings.TrimSpace(v.Get("buyer_name"))
		in.BuyerCreditCode = strings.TrimSpace(v.Get("buyer_credit_code"))
		return in
	}
	blank := false
	for i := range PolicyRows {
		at := func(f string) string { return fmt.Sprintf("policy_years[%d].%s", i, f) }
		if strings.TrimSpace(v.Get(at("start"))+v.Get(at("end"))+v.Get(at("insured_amount_yuan"))+v.Get(at("premium_yuan"))) == "" {
			blank = true
			continue
		}
		if blank {
			// Rows are named by their place, as the service names them:
			// they must be filled from the first.
			p.Add(at("start"), "gap", "请从第一行起连续填写保险期间：第 %d 行之前有空行。", i+1)
			continue
		}
		in.PolicyYears = append(in.PolicyYears, firstset.PolicyYear{
			Start:         Date(v, at("start"), fmt.Sprintf("第 %d 行起始日期", i+1), p),
			End:           Date(v, at("end"), fmt.Sprintf("第 %d 行终止日期", i+1), p),
			InsuredAmount: Yuan(v, at("insured_amount_yuan"), fmt.Sprintf("第 %d 行保险金额", i+1), p),
			Premium:       Yuan(v, at("premium_yuan"), fmt.Sprintf("第 %d 行保费", i+1), p),
			Claim:         v.Get(at("claim")) != "",
		})
	}
	return in
}

// DisbursementInputFrom reads finance's payment form.
func DisbursementInputFrom(v url.Values, p *firstset.Problems) firstset.DisbursementInput {
	return firstset.DisbursementInput{
		ApplicationID: idField(v, "application_id", "奖补申请", p),
		Amount:        Yuan(v, "amount_yuan", "拨付金额", p),
		PaidOn:        Date(v, "paid_on", "拨付日期", p),
		Voucher:       strings.TrimSpace(v.Get("voucher")),
		BankReference: strings.TrimSpace(v.Get("bank_reference")),
	}
}

// PolicyInputFrom reads an insurer's policy form.
func PolicyInputFrom(v url.Values, p *firstset.Problems) firstset.PolicyInput {
	return firstset.PolicyInput{
		PolicyNumber:  strings.TrimSpace(v.Get("policy_number")),
		ProductID:     idField(v, "product_id", "投保装备", p),
		Start:         Date(v, "start", "保险起期", p),
		End:           Date(v, "end", "保险止期", p),
		InsuredAmount: Yuan(v, "insured_amount_yuan", "保险金额", p),
		Premium:       Yuan(v, "premium_yuan", "保费", p),
	}
}

// ClaimInputFrom reads an insurer's claim form.
func ClaimInputFrom(v url.Values, p *firstset.Problems) firstset.ClaimInput {
	return firstset.ClaimInput{OccurredOn: Date(v, "occurred_on", "出险日期", p), Amount: Yuan(v, "amount_yuan", "赔款金额", p)}
}
