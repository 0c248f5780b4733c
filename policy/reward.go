package policy

import (
	"fmt"

	"firstset/date"
	"firstset/money"
)

// Purchase is the purchase a first-purchase reward is claimed for.
type Purchase struct {
	ContractDate  date.Date `json:"contract_date"`
	Paid          money.Fen `json:"paid_yuan"`
	FirstPurchase bool      `json:"first_purchase"`
}

// RewardInput is a first-purchase-reward case.
type RewardInput struct {
	Product  Product  `json:"product"`
	Purchase Purchase `json:"purchase"`
}

// RewardResult is the eligibility and the maximum reward; the amount
// granted comes from the merit allocation.
type RewardResult struct {
	Eligible    bool      `json:"eligible"`
	Reason      Reason    `json:"reason"`
	MaxReward   money.Fen `json:"max_reward_yuan"`
	Explanation []Step    `json:"explanation,omitempty"`
	Version     string    `json:"version"`
}

// DecodeRewardInput reads and validates a first-purchase-reward case. A
// bad case gives Problems: every problem found, in the order of the case.
func DecodeRewardInput(data []byte) (RewardInput, error) {
	if err := checkSyntax(data); err != nil {
		return RewardInput{}, err
	}
	var ps problems
	in := decodeReward(&ps, data)
	if err := ps.err(); err != nil {
		return RewardInput{}, err
	}
	return in, nil
}

func decodeReward(ps *problems, data []byte) RewardInput {
	root := readObject(ps, data, "", "product", "purchase")
	if root == nil {
		return RewardInput{}
	}
	var in RewardInput
	in.Product = decodeProduct(root, "product")
	in.Product.check(ps, "product")
	if po := root.requiredObject("purchase", "contract_date", "paid_yuan", "first_purchase"); po != nil {
		in.Purchase.ContractDate = po.requiredDate("contract_date")
		in.Purchase.Paid = po.requiredMoney("paid_yuan")
		// Required rather than defaulted: a missing flag must not silently
		// decide eligibility either way.
		in.Purchase.FirstPurchase = po.requiredBool("first_purchase")
	}
	in.Purchase.check(ps)
	return in
}

// Validate checks a case built in code the way the decoder checks JSON.
func (in RewardInput) Validate() error { return in.validate() }

func (in RewardInput) validate() error {
	var ps problems
	in.Product.check(&ps, "product")
	in.Purchase.check(&ps)
	return ps.err()
}

func (p Purchase) check(ps *problems) {
	if ps.failed("purchase") {
		return
	}
	if p.ContractDate.IsZero() && !ps.failed("purchase.contract_date") {
		ps.add(missing("purchase.contract_date"))
	}
	if p.Paid <= 0 && !ps.failed("purchase.paid_yuan") {
		ps.add(notPositive("purchase.paid_yuan", p.Paid))
	}
}

// FirstPurchaseReward decides M24-1 eligibility and the maximum reward,
// min(30% × amount paid, 5,000,000 yuan), with the values in force on the
// contract date.
func (e *Engine) FirstPurchaseReward(in RewardInput, opt Options) (RewardResult, error) {
	if err := in.validate(); err != nil {
		return RewardResult{}, err
	}
	res := RewardResult{Version: e.version}
	p := in.Purchase
	// Every call is inside if opt.Explain, so the text is only built then.
	explain := func(text string, refs []ParamRef, clauses ...ClauseID) {
		res.Explanation = append(res.Explanation, e.step(text, refs, clauses...))
	}

	// Order of the checks: rule in force, validity, first purchase.
	rules, ok := e.params.InForce(p.ContractDate, rewardParams...)
	if !ok {
		res.Reason = ReasonRuleNotInForce
		if opt.Explain {
			explain(fmt.Sprintf("购买合同签订日 %s 早于%s首购首用奖励规定的施行日 %s，不予首购首用奖励",
				p.ContractDate, DocM24, e.params.SinceAll(rewardParams...)), nil, M24FirstPurchase)
		}
		return res, nil
	}
	val, verr := e.validityOf(in.Product, "product")
	if verr != nil {
		return RewardResult{}, verr
	}
	valText, valRefs := "", []ParamRef(nil)
	if opt.Explain {
		valText, valRefs = val.describe()
	}
	if p.ContractDate.Before(val.from) || p.ContractDate.After(val.until) {
		res.Reason = ReasonOutsideValidity
		if opt.Explain {
			explain(fmt.Sprintf("购买合同签订日 %s 不在产品有效期内（%s），不予首购首用奖励", p.ContractDate, valText), valRefs, M24FirstPurchase)
		}
		return res, nil
	}
	if opt.Explain {
		explain(fmt.Sprintf("购买合同签订日 %s 在产品有效期内（%s）", p.ContractDate, valText), valRefs, M24FirstPurchase)
	}
	if !p.FirstPurchase {
		res.Reason = ReasonNotFirstPurchase
		if opt.Explain {
			explain("该采购不是产品的首购首用，不予首购首用奖励", nil, M24FirstPurchase, O18Funding)
		}
		return res, nil
	}
	if opt.Explain {
		explain("该采购为产品的首购首用，奖励对象为首购首用单位，由生产企业确认", nil, M24FirstPurchase, O18Funding)
	}

	ratio := rules.Ratio(ParamFirstPurchaseRatio)
	capAmount := rules.Money(ParamFirstPurchaseCap)
	scaled, exact, err := money.MulRatiosExact(p.Paid, money.HalfUp, ratio)
	if err != nil {
		return RewardResult{}, newError("purchase.paid_yuan", CodeAmountTooLarge, "the reward cannot be computed: "+err.Error(), "无法计算奖励："+err.Error())
	}
	res.Eligible = true
	res.MaxReward = min(scaled, capAmount)
	if opt.Explain {
		text := fmt.Sprintf("首购首用奖励上限 = min(实际支付额 %s × %s, %s) = min(%s, %s) = %s 元",
			p.Paid.Grouped(), ratio.PercentString(), capAmount.Grouped(), scaled.Grouped(), capAmount.Grouped(), res.MaxReward.Grouped())
		if !exact {
			text += "，按分四舍五入"
		}
		explain(text, []ParamRef{rules.Ref(ParamFirstPurchaseRatio), rules.Ref(ParamFirstPurchaseCap)}, M24FirstPurchase)
		explain("该金额为奖励的最高额，实际奖励金额在年度预算内择优确定", nil, M24FirstPurchase)
	}
	return res, nil
}
