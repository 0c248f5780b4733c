package policy

import (
	"strings"
	"testing"
)

func TestCalculateRefusesAnUnknownKind(t *testing.T) {
	if IsCalculation("premium") {
		t.Error(`"premium" is not a calculation`)
	}
	if _, err := DefaultEngine().Calculate("premium", []byte(`{}`)); err == nil {
		t.Error("Calculate of an unknown kind: no error")
	}
}

func TestCalculateReturnsTheDecodersError(t *testing.T) {
	_, err := DefaultEngine().Calculate(CalcFirstPurchaseReward, []byte(
		`{"product":{"recognized_on":"2024-13-01"},"purchase":{"contract_date":"2025-03-10","paid_yuan":"1","first_purchase":true}}`))
	pe, ok := AsError(err)
	if !ok || pe.Field != "product.recognized_on" || pe.Code != CodeInvalidDate {
		t.Fatalf("error %v, want invalid_date at product.recognized_on", err)
	}
}

func TestMarshalResultKeepsHTMLCharacters(t *testing.T) {
	step := Step{Clause: M24Premium, Text: "a < b & c"}
	compact, err := MarshalResult(step, "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(compact), `{"clause":"M24-2","text":"a < b & c"}`+"\n"; got != want {
		t.Errorf("compact: %q, want %q", got, want)
	}
	indented, err := MarshalResult(step, "  ")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(indented), "\n  \"clause\"") {
		t.Errorf("indented: %q", indented)
	}
}
