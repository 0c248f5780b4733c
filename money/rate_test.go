package money

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestRateNeedsExactlyTwoDecimals(t *testing.T) {
	for in, want := range map[string]Rate{"3.10": 310, "0.01": 1, "12.00": 1200, "99.99": 9999} {
		got, err := ParseRate(in)
		if err != nil || got != want || got.String() != in {
			t.Errorf("ParseRate(%q) = %d (%s), %v; want %d", in, got, got, err, want)
		}
	}
	for in, code := range map[string]ErrorCode{"3.1": CodePrecision, "3": CodePrecision, "3.105": CodePrecision,
		"": CodeEmpty, "-1.00": CodeNegative, "3,10": CodeSyntax, "1e2": CodeSyntax} {
		_, err := ParseRate(in)
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Code != code {
			t.Errorf("ParseRate(%q): %v, want %s", in, err, code)
		}
	}
}

func TestRateJSON(t *testing.T) {
	b, err := json.Marshal(struct {
		R Rate `json:"r"`
	}{425})
	if err != nil || string(b) != `{"r":"4.25"}` {
		t.Fatalf("marshal: %s %v", b, err)
	}
	var v struct {
		R Rate `json:"r"`
	}
	if err := json.Unmarshal([]byte(`{"r":"3.85"}`), &v); err != nil || v.R != 385 {
		t.Fatalf("unmarshal: %d %v", v.R, err)
	}
	for _, bad := range []string{`{"r":3.85}`, `{"r":"3.8"}`} {
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("%s was read", bad)
		}
	}
}
