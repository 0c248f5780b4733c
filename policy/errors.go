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

// AsError finds an *Error in err's chain.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
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
		return newError(field, CodeInvalidAmount, err.Error(), "金额无效："+err.Error())
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
