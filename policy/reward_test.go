package policy

import (
	"strings"
	"testing"
)

func TestFirstPurchaseReward(t *testing.T) {
	cases := []struct {
		name     string
		product  Product
		purchase Purchase
		eligible bool
		reason   Reason
		max      string
		mention  string
	}{
		{"worked example", Product{RecognizedOn: d("2024-06-01")},
			Purchase{ContractDate: d("2025-03-10"), Paid: yuan("12000000"), FirstPurchase: true},
			true, "", "3600000.00", "min(实际支付额 12,000,000.00 × 30%, 5,000,000.00) = min(3,600,000.00, 5,000,000.00) = 3,600,000.00 元"},
		{"capped at 5,000,000", Product{RecognizedOn: d("2024-06-01")},
			Purchase{ContractDate: d("2025-03-10"), Paid: yuan("20000000"), FirstPurchase: true},
			true, "", "5000000.00", "= 5,000,000.00 元"},
		{"30% rounds half up to the fen", Product{RecognizedOn: d("2024-06-01")},
			Purchase{ContractDate: d("2025-03-10"), Paid: yuan("0.05"), FirstPurchase: true},
			true, "", "0.02", "按分四舍五入"}, // 0.015 → 0.02
		{"last day of validity", Product{RecognizedOn: d("2024-06-01")},
			Purchase{ContractDate: d("2027-05-31"), Paid: yuan("100"), FirstPurchase: true},
			true, "", "30.00", "在产品有效期内"},
		{"day after validity", Product{RecognizedOn: d("2024-06-01")},
			Purchase{ContractDate: d("2027-06-01"), Paid: yuan("100"), FirstPurchase: true},
			false, ReasonOutsideValidity, "0.00", "不在产品有效期内"},
		{"before recognition", Product{RecognizedOn: d("2024-06-01")},
			Purchase{ContractDate: d("2024-05-31"), Paid: yuan("100"), FirstPurchase: true},
			false, ReasonOutsideValidity, "0.00", "不在产品有效期内"},
		{"stored validity overrides", Product{RecognizedOn: d("2024-06-01"), ValidUntil: d("2025-01-31")},
			Purchase{ContractDate: d("2025-03-10"), Paid: yuan("100"), FirstPurchase: true},
			false, ReasonOutsideValidity, "0.00", "目录记载有效期至 2025-01-31"},
		{"not the first purchase", Product{RecognizedOn: d("2024-06-01")},
			Purchase{ContractDate: d("2025-03-10"), Paid: yuan("12000000"), FirstPurchase: false},
			false, ReasonNotFirstPurchase, "0.00", "不是产品的首购首用"},
		{"contract before the measures", Product{RecognizedOn: d("2023-06-01"), ValidUntil: d("2026-05-31")},
			Purchase{ContractDate: d("2024-01-10"), Paid: yuan("100"), FirstPurchase: true},
			false, ReasonRuleNotInForce, "0.00", "早于渝经信规范〔2024〕9号首购首用奖励规定的施行日 2024-04-08"},
		{"contract before the measures, validity derived", Product{RecognizedOn: d("2023-06-01")},
			Purchase{ContractDate: d("2024-04-07"), Paid: yuan("100"), FirstPurchase: true},
			false, ReasonRuleNotInForce, "0.00", "施行日 2024-04-08，不予首购首用奖励"},
		{"recognised before the measures: validity derived", Product{RecognizedOn: d("2023-06-01")},
			Purchase{ContractDate: d("2025-03-10"), Paid: yuan("12000000"), FirstPurchase: true},
			true, "", "3600000.00", "产品认定日 2023-06-01，有效期 3 年，至 2026-05-31"},
		{"derived validity ends 2026-05-31", Product{RecognizedOn: d("2023-06-01")},
			Purchase{ContractDate: d("2026-06-01"), Paid: yuan("100"), FirstPurchase: true},
			false, ReasonOutsideValidity, "0.00", "至 2026-05-31"},
		// Order of the checks: rule in force, validity, first purchase.
		{"before the measures, outside validity, not first: rule in force decides", Product{RecognizedOn: d("2024-06-01")},
			Purchase{ContractDate: d("2024-01-10"), Paid: yuan("100"), FirstPurchase: false},
			false, ReasonRuleNotInForce, "0.00", "施行日 2024-04-08"},
		{"outside validity and not first: validity decides", Product{RecognizedOn: d("2024-06-01")},
			Purchase{ContractDate: d("2027-06-01"), Paid: yuan("100"), FirstPurchase: false},
			false, ReasonOutsideValidity, "0.00", "不在产品有效期内"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := DefaultEngine().FirstPurchaseReward(RewardInput{Product: c.product, Purchase: c.purchase}, Options{Explain: true})
			if err != nil {
				t.Fatal(err)
			}
			if res.Eligible != c.eligible || res.Reason != c.reason || res.MaxReward.String() != c.max {
				t.Errorf("got %v %q %s, want %v %q %s", res.Eligible, res.Reason, res.MaxReward, c.eligible, c.reason, c.max)
			}
			if !strings.Contains(steps(res.Explanation), c.mention) {
				t.Errorf("explanation lacks %q:\n%s", c.mention, steps(res.Explanation))
			}
			quiet, err := DefaultEngine().FirstPurchaseReward(RewardInput{Product: c.product, Purchase: c.purchase}, Options{})
			if err != nil || quiet.Explanation != nil || quiet.MaxReward != res.MaxReward || quiet.Reason != res.Reason {
				t.Errorf("without explanations: %+v, %v", quiet, err)
			}
		})
	}
}
