// Package firstset holds the domain of the first-set equipment platform:
// its types, the rules every implementation shares, and the interfaces of
// its services and storage. Packages around it implement those interfaces
// (sqlite, postgres) or serve them (web, cli).
package firstset

import (
	"errors"
	"fmt"
)

// Error codes are stable: API clients branch on them, so they never change
// meaning once published.
const (
	EINVALID      = "invalid"      // a field fails validation
	ENOTFOUND     = "not_found"    // absent, or not visible to the caller
	ECONFLICT     = "conflict"     // a uniqueness rule or a stale state
	EUNAUTHORIZED = "unauthorized" // no valid login or token
	EFORBIDDEN    = "forbidden"    // logged in, but not allowed
	ERATELIMITED  = "rate_limited" // too many attempts
	EINTERNAL     = "internal"     // our fault; details are logged, not shown
	EBADREQUEST   = "bad_request"  // the request itself is malformed
	ETOOLARGE     = "too_large"    // the body exceeds the limit
	EUNSUPPORTED  = "unsupported"  // a media type the endpoint does not take
	EWRONGSTAGE   = "wrong_stage"  // a case's action its stage does not allow
	EUNAVAILABLE  = "unavailable"  // the server lacks what the request needs (a font)
)

// Error is an error meant to be shown: Message is Chinese text for people,
// Code is for programs, Field names the input it is about.
type Error struct {
	Code    string
	Message string
	Field   string
	// Fields lists every field error when a form was checked as a whole, so
	// each can be shown beside its input.
	Fields []FieldError
	// Err is a cause for logs only; it never reaches a user.
	Err error
}

// FieldError is one input's problem.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (e *Error) Error() string {
	s := e.Code + ": " + e.Message
	if e.Field != "" {
		s = e.Field + ": " + s
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an Error with a formatted Chinese message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf returns an Error about one field.
func FieldErrorf(field, code, format string, args ...any) *Error {
	msg := fmt.Sprintf(format, args...)
	return &Error{Code: EINVALID, Message: msg, Field: field,
		Fields: []FieldError{{Field: field, Code: code, Message: msg}}}
}

// ErrorCode returns the code of err, EINTERNAL for errors not meant to be shown.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message a person may see for err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "系统内部错误，请稍后重试；如问题持续，请联系平台运维。"
}

// AsError returns err's *Error, if it has one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Problems collects field errors while a whole input is checked.
type Problems []FieldError

// Add records a problem with field.
func (p *Problems) Add(field, code, format string, args ...any) {
	*p = append(*p, FieldError{Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

// Has reports whether field already has a problem.
func (p Problems) Has(field string) bool {
	for _, f := range p {
		if f.Field == field {
			return true
		}
	}
	return false
}

// Err returns nil when there were no problems, else an EINVALID Error whose
// Field and Message are the first problem's.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: p[0].Message, Field: p[0].Field, Fields: p}
}

// LoginRequired is the error for an action the public may not take.
func LoginRequired() *Error { return Errorf(EUNAUTHORIZED, "请先登录。") }

// NotFound is the error for anything absent or hidden from the caller: the
// two look the same so that existence does not leak.
func NotFound(what string) *Error {
	return Errorf(ENOTFOUND, "%s不存在或无权访问。", what)
}
