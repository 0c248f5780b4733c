package policy

import (
	"errors"
	"strconv"
	"strings"

	"firstset/money"
)

// Error is a problem with an input, named by the JSON path of the field
// ("policy_years[1].end"), a stable Code for programs, an English Message
// and a Chinese one for the web pages. Messages are one line.
type Error struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
	Chinese string `json:"message_zh"`
}

// Stable error codes.
const (
	CodeMalformedJSON   = "malformed_json"
	CodeWrongType       = "wrong_type"
	CodeUnknownField    = "unknown_field"
	CodeDuplicateField  = "duplicate_field"
	CodeMissingField    = "missing_field"
	CodeInvalidDate     = "invalid_date"
	CodeInvalidTime     = "invalid_time"
	CodeEndBeforeStart  = "end_before_start"
	CodePeriodTooLong   = "period_too_long"
	CodeOverlap         = "overlapping_periods"
	CodeOutOfOrder      = "out_of_order"
	CodeInvalidAmount   = "invalid_amount"
	CodeNegativeAmount  = "negative_amount"
	CodeTooManyDecimals = "too_many_decimals"
	CodeAmountTooLarge  = "amount_too_large"
	CodeNotPositive     = "not_positive"
	CodeEmptyList       = "empty_list"
	CodeUnknownMethod   = "unknown_method"
	CodeUnknownValue    = "unknown_value"
	CodeScoreOutOfRange = "score_out_of_range"
	CodeDuplicateID     = "duplicate_id"
	CodeInvalidID       = "invalid_id"
	CodeNoRuleInForce   = "no_rule_in_force"
	CodeTooEarly        = "too_early"
)

func (e *Error) Error() string {
	if e.Field == "" {
		return e.Message
	}
	return e.Field + ": " + e.Message
}

// ChineseError is the Chinese one-line form: "policy_years[1].end：…".
func (e *Error) ChineseError() string {
	if e.Field == "" {
		return e.Chinese
	}
	return e.Field + "：" + e.Chinese
}

// AsError finds an *Error in err's chain: of Problems, the first.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Problems are every problem found in one input, in the order of the
// input's entries. Its Error is the first problem's, so that a caller
// that shows one line (the command line) shows what it always showed.
type Problems []*Error

func (ps Problems) Error() string { return ps[0].Error() }

// Unwrap lets errors.As find the first problem.
func (ps Problems) Unwrap() []error {
	out := make([]error, len(ps))
	for i, e := range ps {
		out[i] = e
	}
	return out
}

// AllErrors lists every input problem err holds: all of Problems, or the
// one *Error; nil when err is not an input problem.
func AllErrors(err error) []*Error {
	var ps Problems
	if errors.As(err, &ps) {
		return ps
	}
	if e, ok := AsError(err); ok {
		return []*Error{e}
	}
	return nil
}

// problems collects the problems of one input as the decoder and the
// checks find them. A field that already has a problem is not checked
// again, so that one mistake gives one message.
type problems struct {
	list []*Error
	bad  map[string]bool
}

func (p *problems) add(e *Error) {
	p.list = append(p.list, e)
	if p.bad == nil {
		p.bad = make(map[string]bool)
	}
	p.bad[e.Field] = true
}

// failed reports whether path, or an entry that holds it, has a problem.
func (p *problems) failed(path string) bool {
	if len(p.bad) == 0 {
		return false
	}
	for {
		if p.bad[path] {
			return true
		}
		i := strings.LastIndexAny(path, ".[")
		if i <= 0 {
			return false
		}
		path = path[:i]
	}
}

// err is nil without problems; it is never a nil Problems in an error.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return Problems(p.list)
}

func newError(field, code, message, chinese string) *Error {
	return &Error{Field: field, Code: code, Message: OneLine(message), Chinese: OneLine(chinese)}
}

// OneLine keeps a message on one line whatever a user put in a value: line
// breaks are written as \r and \n. Error messages of this package already
// are; the calc CLI applies it to its own.
func OneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(s)
}

// moneyError turns a money parse error into an input error at field.
func moneyError(field string, err error) *Error {
	var pe *money.ParseError
	if !errors.As(err, &pe) {
		return newError(field, CodeInvalidAmount, err.Error(), "金额无效")
	}
	code := CodeInvalidAmount
	switch pe.Code {
	case money.CodeNegative:
		code = CodeNegativeAmount
	case money.CodePrecision:
		code = CodeTooManyDecimals
	case money.CodeOverflow:
		code = CodeAmountTooLarge
	}
	return newError(field, code, pe.Error(), pe.Chinese())
}

// path helpers build JSON paths: field(p, "end"), index(p, 1).
func field(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}

func index(parent string, i int) string { return parent + "[" + strconv.Itoa(i) + "]" }
