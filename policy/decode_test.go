package policy

import (
	"strings"
	"testing"
)

const goodPremium = `{"product": {"recognized_on": "2024-06-01", "valid_until": "2027-05-31"},
 "policy_years": [{"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "20000000",
                   "premium_yuan": "500000", "claim": false}]}`

const goodReward = `{"product": {"recognized_on": "2024-06-01"},
 "purchase": {"contract_date": "2025-03-10", "paid_yuan": "12000000", "first_purchase": true}}`

const goodAllocation = `{"budget_yuan": "10000000", "method": "rank_order", "pass_score": 60,
 "applications": [{"id": "A1", "max_amount_yuan": "5000000", "score": 91, "talent_led": false,
                   "submitted_at": "2025-04-01T09:00:00+08:00"}]}`

func TestDecodeContractExamples(t *testing.T) {
	p, err := DecodePremiumInput([]byte(goodPremium))
	if err != nil {
		t.Fatal(err)
	}
	if p.Product.ValidUntil != d("2027-05-31") || p.PolicyYears[0].Premium != yuan("500000") {
		t.Errorf("premium input %+v", p)
	}
	r, err := DecodeRewardInput([]byte(goodReward))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Purchase.FirstPurchase || r.Purchase.Paid != yuan("12000000") {
		t.Errorf("reward input %+v", r)
	}
	a, err := DecodeAllocationInput([]byte(goodAllocation))
	if err != nil {
		t.Fatal(err)
	}
	if a.PassScore == nil || *a.PassScore != 6000 || a.Applications[0].Score != 9100 || a.Method != MethodRankOrder {
		t.Errorf("allocation input %+v", a)
	}
}

func TestDecodeErrors(t *testing.T) {
	years := func(items string) string {
		return `{"product": {"recognized_on": "2024-06-01"}, "policy_years": [` + items + `]}`
	}
	y := func(start, end, insured, premium string) string {
		return `{"start": "` + start + `", "end": "` + end + `", "insured_amount_yuan": ` + insured + `, "premium_yuan": ` + premium + `, "claim": false}`
	}
	ok := y("2024-07-01", "2025-06-30", `"20000000"`, `"500000"`)
	apps := func(items string) string {
		return `{"budget_yuan": "100", "applications": [` + items + `]}`
	}
	a := func(id, score string) string {
		return `{"id": ` + id + `, "max_amount_yuan": "1", "score": ` + score + `, "submitted_at": "2025-04-01T09:00:00+08:00"}`
	}
	cases := []struct {
		kind, input, field, code, message string
	}{
		{"premium", `{"product": `, "", CodeMalformedJSON, "malformed JSON at line 1, column 13"},
		{"premium", `{"product": {}} {}`, "", CodeMalformedJSON, "malformed JSON"},
		{"premium", "{\n  \"product\": }", "", CodeMalformedJSON, "malformed JSON at line 2, column 14: invalid character '}'"},
		{"premium", ``, "", CodeMalformedJSON, "malformed JSON"},
		{"premium", `[]`, "", CodeWrongType, "must be an object, not an array"},
		{"premium", `{"product": {"recognized_on": "2024-06-01"}, "policy_years": [], "extra": 1}`, "extra", CodeUnknownField, "unknown field"},
		{"premium", `{"product": {"recognized_on": "2024-06-01", "recognised_on": "x"}, "policy_years": []}`, "product.recognised_on", CodeUnknownField, "unknown field"},
		{"premium", `{"product": {"recognized_on": "2024-06-01", "recognized_on": "2024-06-02"}, "policy_years": []}`, "product.recognized_on", CodeDuplicateField, "more than once"},
		{"premium", `{"policy_years": [` + ok + `]}`, "product", CodeMissingField, "is required"},
		{"premium", `{"product": {}, "policy_years": [` + ok + `]}`, "product.recognized_on", CodeMissingField, "is required"},
		{"premium", `{"product": {"recognized_on": "2024-02-30"}, "policy_years": [` + ok + `]}`, "product.recognized_on", CodeInvalidDate, `"2024-02-30" is not a calendar date`},
		{"premium", `{"product": {"recognized_on": 20240601}, "policy_years": [` + ok + `]}`, "product.recognized_on", CodeWrongType, "must be a string, not a number"},
		{"premium", `{"product": {"recognized_on": "2024-06-01", "valid_until": "2024-05-31"}, "policy_years": [` + ok + `]}`, "product.valid_until", CodeEndBeforeStart, "before recognized_on"},
		{"premium", years(``), "policy_years", CodeEmptyList, "at least one"},
		{"premium", `{"product": {"recognized_on": "2024-06-01"}, "policy_years": {}}`, "policy_years", CodeWrongType, "must be an array"},
		{"premium", years(ok + `, ` + y("2025-07-01", "2025-06-30", `"1"`, `"1"`)), "policy_years[1].end", CodeEndBeforeStart, "2025-06-30 is before start 2025-07-01"},
		{"premium", years(ok + `, ` + y("2025-06-30", "2026-06-29", `"1"`, `"1"`)), "policy_years[1].start", CodeOverlap, "2025-06-30 overlaps policy_years[0], which ends 2025-06-30"},
		{"premium", years(ok + `, ` + y("2023-07-01", "2024-06-29", `"1"`, `"1"`)), "policy_years[1].start", CodeOutOfOrder, "list policy periods in order"},
		{"premium", years(y("2024-07-01", "2025-07-02", `"1"`, `"1"`)), "policy_years[0].end", CodePeriodTooLong, "has 367 days"},
		{"premium", years(y("2024-07-01", "2025-06-30", `"-1"`, `"1"`)), "policy_years[0].insured_amount_yuan", CodeNegativeAmount, `"-1" is negative`},
		{"premium", years(y("2024-07-01", "2025-06-30", `"1.005"`, `"1"`)), "policy_years[0].insured_amount_yuan", CodeTooManyDecimals, "more than two decimals"},
		{"premium", years(y("2024-07-01", "2025-06-30", `"1"`, `"12,000"`)), "policy_years[0].premium_yuan", CodeInvalidAmount, "not a decimal number"},
		{"premium", years(y("2024-07-01", "2025-06-30", `"1"`, `500000`)), "policy_years[0].premium_yuan", CodeWrongType, "must be a string of yuan"},
		{"premium", years(y("2024-07-01", "2025-06-30", `"1"`, `"0"`)), "policy_years[0].premium_yuan", CodeNotPositive, "greater than 0"},
		{"premium", years(y("2024-07-01", "2025-06-30", `"1"`, `"99999999999999999999"`)), "policy_years[0].premium_yuan", CodeAmountTooLarge, "too large"},
		{"premium", years(`{"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "1", "premium_yuan": "1"}`), "policy_years[0].claim", CodeMissingField, "is required"},
		{"premium", years(`{"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "1", "premium_yuan": "1", "claim": "no"}`), "policy_years[0].claim", CodeWrongType, "must be true or false"},
		{"premium", years(`{"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "1", "premium_yuan": "1", "claim": false, "bad\nkey": 1}`), `policy_years[0]."bad\nkey"`, CodeUnknownField, "unknown field"},

		{"reward", `{"product": {"recognized_on": "2024-06-01"}}`, "purchase", CodeMissingField, "is required"},
		{"reward", `{"product": {"recognized_on": "2024-06-01"}, "purchase": {"contract_date": "2025-03-10", "paid_yuan": "1"}}`, "purchase.first_purchase", CodeMissingField, "is required"},
		{"reward", `{"product": {"recognized_on": "2024-06-01"}, "purchase": {"contract_date": "10/03/2025", "paid_yuan": "1", "first_purchase": true}}`, "purchase.contract_date", CodeInvalidDate, "not a calendar date"},
		{"reward", `{"product": {"recognized_on": "2024-06-01"}, "purchase": {"contract_date": "2025-03-10", "paid_yuan": "0.00", "first_purchase": true}}`, "purchase.paid_yuan", CodeNotPositive, "greater than 0"},

		{"allocate", `{"budget_yuan": "100", "method": "lottery", "applications": [` + a(`"A"`, "90") + `]}`, "method", CodeUnknownMethod, `"lottery" is not a method`},
		{"allocate", `{"budget_yuan": "100", "method": "", "applications": [` + a(`"A"`, "90") + `]}`, "method", CodeUnknownMethod, "is not a method"},
		{"allocate", `{"budget_yuan": "-100", "applications": [` + a(`"A"`, "90") + `]}`, "budget_yuan", CodeNegativeAmount, "negative"},
		{"allocate", `{"applications": [` + a(`"A"`, "90") + `]}`, "budget_yuan", CodeMissingField, "is required"},
		{"allocate", `{"budget_yuan": "100", "pass_score": 101, "applications": [` + a(`"A"`, "90") + `]}`, "pass_score", CodeScoreOutOfRange, "outside 0…100"},
		{"allocate", apps(a(`"A"`, "100.01")), "applications[0].score", CodeScoreOutOfRange, "outside 0…100"},
		{"allocate", apps(a(`"A"`, "-1")), "applications[0].score", CodeScoreOutOfRange, "outside"},
		{"allocate", apps(a(`"A"`, "90.125")), "applications[0].score", CodeTooManyDecimals, "more than two decimals"},
		{"allocate", apps(a(`"A"`, "9e1")), "applications[0].score", CodeWrongType, "plain number"},
		{"allocate", apps(a(`"A"`, `"90"`)), "applications[0].score", CodeWrongType, "must be a number"},
		{"allocate", apps(a(`"A"`, "90") + "," + a(`"B"`, "80") + "," + a(`"A"`, "70")), "applications[2].id", CodeDuplicateID, `"A" is already the id of applications[0]`},
		{"allocate", apps(a(`""`, "90")), "applications[0].id", CodeInvalidID, "must not be empty"},
		{"allocate", apps(a(`"A\u0007"`, "90")), "applications[0].id", CodeInvalidID, "control characters"},
		{"allocate", apps(`{"id": "A", "max_amount_yuan": "1", "score": 90, "submitted_at": "2025-04-01 09:00"}`), "applications[0].submitted_at", CodeInvalidTime, "is not a time"},
		{"allocate", apps(`{"id": "A", "max_amount_yuan": "1", "score": 90}`), "applications[0].submitted_at", CodeMissingField, "is required"},
		{"allocate", apps(`{"id": "A", "max_amount_yuan": "1", "score": 90, "submitted_at": "2025-04-01T09:00:00+08:00", "talent_led": 1}`), "applications[0].talent_led", CodeWrongType, "true or false"},
		{"allocate", `{"budget_yuan": "100", "incentive": "bonus", "applications": [` + a(`"A"`, "90") + `]}`, "incentive", CodeUnknownValue, "not an incentive"},
	}
	for _, c := range cases {
		var err error
		switch c.kind {
		case "premium":
			_, err = DecodePremiumInput([]byte(c.input))
		case "reward":
			_, err = DecodeRewardInput([]byte(c.input))
		case "allocate":
			_, err = DecodeAllocationInput([]byte(c.input))
		}
		e, ok := AsError(err)
		if !ok {
			t.Errorf("%s: want an error at %s, got %v", c.input, c.field, err)
			continue
		}
		if e.Field != c.field || e.Code != c.code || !strings.Contains(e.Message, c.message) {
			t.Errorf("%s:\n got  %q %s %q\n want %q %s %q", c.input, e.Field, e.Code, e.Message, c.field, c.code, c.message)
		}
		if e.Chinese == "" || strings.ContainsAny(e.Error()+e.ChineseError(), "\r\n") {
			t.Errorf("%s: message %q / %q", c.input, e.Error(), e.ChineseError())
		}
	}
}

// Every problem of a case is reported at once, in the order of the case;
// Error() is the first, as the command line prints it.
func TestDecodeReportsEveryProblem(t *testing.T) {
	cases := []struct {
		kind, input string
		want        []string // field code
	}{
		{"premium", `{"product": {"recognized_on": "2010-05-01"}, "extra": 1, "policy_years": [
		  {"start": "2024-07-01", "end": "2024-02-30", "insured_amount_yuan": "5000万", "premium_yuan": "0", "claim": false},
		  {"start": "2025-07-01", "end": "2025-06-30", "insured_amount_yuan": "1", "premium_yuan": "1"},
		  {"start": "2026-07-01", "end": "2027-06-30", "insured_amount_yuan": "1", "premium_yuan": "1", "claim": false},
		  {"start": "2027-06-01", "end": "2027-12-31", "insured_amount_yuan": "-1", "premium_yuan": "1", "claim": "no"}]}`, []string{
			"extra unknown_field",
			"product.recognized_on too_early",
			"policy_years[0].end invalid_date",
			"policy_years[0].insured_amount_yuan invalid_amount",
			"policy_years[0].premium_yuan not_positive",
			"policy_years[1].claim missing_field",
			"policy_years[1].end end_before_start",
			"policy_years[3].insured_amount_yuan negative_amount",
			"policy_years[3].claim wrong_type",
			"policy_years[3].start overlapping_periods",
		}},
		{"premium", `{"product": 5, "policy_years": [{"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "1", "premium_yuan": "1", "claim": false}, 7]}`, []string{
			"product wrong_type", "policy_years[1] wrong_type",
		}},
		{"reward", `{"product": {"recognized_on": "2024-06-01", "valid_until": "2024-05-31"}, "purchase": {"contract_date": "2025-13-01", "paid_yuan": "0.001"}}`, []string{
			"product.valid_until end_before_start",
			"purchase.contract_date invalid_date",
			"purchase.paid_yuan too_many_decimals",
			"purchase.first_purchase missing_field",
		}},
		{"allocate", `{"budget_yuan": "-1", "method": "lottery", "pass_score": 101, "applications": [
		  {"id": "A", "max_amount_yuan": "0", "score": 90, "submitted_at": "2025-04-01T09:00:00+08:00"},
		  {"id": "A", "max_amount_yuan": "1", "score": 190, "submitted_at": "yesterday"},
		  {"id": "A", "max_amount_yuan": "1", "score": 90, "submitted_at": "2025-04-01T09:00:00+08:00", "talent": true}]}`, []string{
			"budget_yuan negative_amount",
			"method unknown_method",
			"pass_score score_out_of_range",
			"applications[0].max_amount_yuan not_positive",
			"applications[1].score score_out_of_range",
			"applications[1].submitted_at invalid_time",
			"applications[1].id duplicate_id",
			"applications[2].talent unknown_field",
			"applications[2].id duplicate_id",
		}},
	}
	for _, c := range cases {
		var err error
		switch c.kind {
		case "premium":
			_, err = DecodePremiumInput([]byte(c.input))
		case "reward":
			_, err = DecodeRewardInput([]byte(c.input))
		case "allocate":
			_, err = DecodeAllocationInput([]byte(c.input))
		}
		var got []string
		for _, e := range AllErrors(err) {
			got = append(got, e.Field+" "+e.Code)
			if e.Message == "" || e.Chinese == "" {
				t.Errorf("%s: incomplete %+v", e.Field, e)
			}
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s case:\n got  %q\n want %q", c.kind, got, c.want)
		}
		if first, ok := AsError(err); !ok || err.Error() != first.Error() || !strings.HasPrefix(err.Error(), strings.Fields(c.want[0])[0]+": ") {
			t.Errorf("%s case: Error() %q is not the first problem", c.kind, err)
		}
	}
}

// The Chinese message of a JSON syntax error says what is wrong in words,
// never in the parser's English.
func TestSyntaxErrorsInChinese(t *testing.T) {
	for input, want := range map[string]string{
		``:                      "内容为空",
		"  \n ":                 "内容为空",
		`{"budget_yuan": "1"`:   "第 1 行第 20 列）：内容意外结束，括号或引号没有成对闭合",
		`{"budget_yuan": '1'}`:  "此处不应出现“'”，字符串和字段名须用英文双引号",
		`{"budget_yuan": “1”}`:  "须用英文双引号 \"，不能用中文引号",
		`{"budget_yuan": "1"，}`: "须用英文逗号",
		`{"budget_yuan"： "1"}`:  "须用英文冒号",
		`{"budget_yuan": "1",}`: "最后一项之后不能再有逗号",
		"{\"id\": \"a\nb\"}":    "不能直接换行",
		`{"a": 1} x`:            "此处不应出现“x”",
	} {
		_, err := DecodeAllocationInput([]byte(input))
		e, ok := AsError(err)
		if !ok || e.Code != CodeMalformedJSON || !strings.Contains(e.Chinese, want) {
			t.Errorf("%q: %+v, want %q", input, e, want)
			continue
		}
		for _, english := range []string{"unexpected", "invalid", "character", "JSON input"} {
			if strings.Contains(e.Chinese, english) {
				t.Errorf("%q: Chinese message %q has English", input, e.Chinese)
			}
		}
	}
}

// The documented example of a bad input: an end before its start is one
// line naming the field path.
func TestDecodeErrorLine(t *testing.T) {
	in := `{"product": {"recognized_on": "2024-06-01"}, "policy_years": [
	 {"start": "2024-07-01", "end": "2025-06-30", "insured_amount_yuan": "1", "premium_yuan": "1", "claim": false},
	 {"start": "2025-07-01", "end": "2025-06-30", "insured_amount_yuan": "1", "premium_yuan": "1", "claim": false}]}`
	_, err := DecodePremiumInput([]byte(in))
	if err == nil || err.Error() != "policy_years[1].end: 2025-06-30 is before start 2025-07-01" {
		t.Fatalf("got %v", err)
	}
}

// Inputs built in code get the same checks as JSON.
func TestValidateBuiltInputs(t *testing.T) {
	in := p01()
	in.PolicyYears[1].End = d("2025-06-30")
	if err := in.Validate(); err == nil || err.Error() != "policy_years[1].end: 2025-06-30 is before start 2025-07-01" {
		t.Errorf("premium: %v", err)
	}
	if _, err := DefaultEngine().PremiumSubsidy(in, Options{}); err == nil {
		t.Error("engine accepted an invalid case")
	}
	if err := (RewardInput{Product: Product{RecognizedOn: d("2024-06-01")}}).Validate(); err == nil || !strings.HasPrefix(err.Error(), "purchase.contract_date") {
		t.Errorf("reward: %v", err)
	}
	bad := Score(-1)
	if err := (AllocationInput{PassScore: &bad}).Validate(); err == nil || !strings.HasPrefix(err.Error(), "pass_score") {
		t.Errorf("allocation: %v", err)
	}
	if err := p01().Validate(); err != nil {
		t.Errorf("valid case: %v", err)
	}
}

func TestReasonLabels(t *testing.T) {
	for _, r := range []Reason{"", ReasonOutsideValidity, ReasonContinuityBroken, ReasonThreeYearLimit, ReasonNotFirstPurchase,
		ReasonRuleNotInForce, ReasonFunded, ReasonPartial, ReasonBudgetExhausted, ReasonScaled, ReasonBelowPassScore} {
		if l := r.Chinese(); l == "" || l == string(r) {
			t.Errorf("%q has no Chinese label", r)
		}
	}
}
