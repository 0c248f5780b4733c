package money

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Rate is an annual interest rate in hundredths of a percent (basis
// points): 310 is 3.10%. JSON carries it as a decimal string of percent
// with exactly two decimals ("3.10"), as banks quote rates, so that no
// float ever rounds it.
type Rate int64

// ParseRate reads a rate in percent written with exactly two decimals
// ("3.10", "12.00"): a rate of "3.1" is refused (CodePrecision) so that
// what is stored is what the lender quoted to the basis point.
func ParseRate(s string) (Rate, error) {
	n, err := ParseHundredths(s)
	if err != nil {
		return 0, err
	}
	if _, frac, _ := strings.Cut(s, "."); len(frac) != 2 {
		return 0, &ParseError{Input: s, Code: CodePrecision}
	}
	return Rate(n), nil
}

// String is the rate in percent with two decimals: "3.10".
func (r Rate) String() string { return string(appendHundredths(nil, int64(r), false)) }

// MarshalJSON writes the rate as a percent string.
func (r Rate) MarshalJSON() ([]byte, error) { return json.Marshal(r.String()) }

// UnmarshalJSON reads a percent string with two decimals; a JSON number
// is refused, as for Fen.
func (r *Rate) UnmarshalJSON(b []byte) error {
	if len(b) == 0 || b[0] != '"' {
		return fmt.Errorf("a rate must be a string of percent such as \"3.10\", not %s", truncate(string(b), 40))
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a rate must be a string of percent: %w", err)
	}
	v, err := ParseRate(s)
	if err != nil {
		return err
	}
	*r = v
	return nil
}
