package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// The calculations the command line and the HTTP API offer, by the names
// both use (the calccli package; docs/policy-notes.md, "Input strictness").
const (
	CalcPremiumSubsidy      = "premium-subsidy"
	CalcFirstPurchaseReward = "first-purchase-reward"
	CalcAllocate            = "allocate"
)

// IsCalculation reports whether kind names one of the calculations.
func IsCalculation(kind string) bool {
	switch kind {
	case CalcPremiumSubsidy, CalcFirstPurchaseReward, CalcAllocate:
		return true
	}
	return false
}

// Calculate decodes a case of the named calculation from its JSON and
// computes it with explanations. A bad case is an *Error; so that the CLI
// and the API cannot drift apart, both go through here.
func (e *Engine) Calculate(kind string, data []byte) (any, error) {
	opt := Options{Explain: true}
	switch kind {
	case CalcPremiumSubsidy:
		in, err := DecodePremiumInput(data)
		if err != nil {
			return nil, err
		}
		return e.PremiumSubsidy(in, opt)
	case CalcFirstPurchaseReward:
		in, err := DecodeRewardInput(data)
		if err != nil {
			return nil, err
		}
		return e.FirstPurchaseReward(in, opt)
	case CalcAllocate:
		in, err := DecodeAllocationInput(data)
		if err != nil {
			return nil, err
		}
		return e.Allocate(in, opt)
	}
	return nil, fmt.Errorf("policy: unknown calculation %q", kind)
}

// MarshalResult writes a result as the contract's JSON, ending in a
// newline: compact when indent is empty. Characters such as < and & stay
// as they are (encoding/json would escape them for HTML), so that every
// writer of a result gives the same bytes.
func MarshalResult(result any, indent string) ([]byte, error) {
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if indent != "" {
		enc.SetIndent("", indent)
	}
	if err := enc.Encode(result); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
