package httpx

import (
	"context"
	"errors"
	"net/http"

	"firstset"
	"firstset/policy"
	"firstset/tender/extract"
)

// The engines (policy, tender/extract) refuse input in their own terms:
// a code, a JSON path, a Chinese message. This file is the one place that
// turns their refusals into the errors pages and API answer with.

// EngineError is the answer to an engine's refusal: the policy engine's
// first problem with its own code and path, every problem of the case in
// Fields (when they name fields), so a program can point at the input as
// the CLI does. Errors that are not the engine's pass through unchanged.
func EngineError(err error) error {
	all := policy.AllErrors(err)
	if len(all) == 0 {
		return err
	}
	first := all[0]
	e := &firstset.Error{Code: first.Code, Message: first.Chinese, Field: first.Field, Err: err}
	if first.Field != "" {
		for _, pe := range all {
			e.Fields = append(e.Fields, firstset.FieldError{Field: pe.Field, Code: pe.Code, Message: pe.Chinese})
		}
	}
	return e
}

// ErrorStatus is the HTTP status of err: an engine's refusal is 422 for a
// case its rules refuse and 400 for a body that is not JSON at all; every
// other error by its code (HTTPStatus).
func ErrorStatus(err error) int {
	var pe *policy.Error
	if errors.As(err, &pe) {
		if pe.Code == policy.CodeMalformedJSON {
			return http.StatusBadRequest
		}
		return http.StatusUnprocessableEntity
	}
	return HTTPStatus(firstset.ErrorCode(err))
}

// DocumentError passes on the extractor's explanation with its stable
// code (extract.Code) beside the field: a file type it cannot read is 415,
// a document past a size limit 413 and one whose content is broken or
// hostile 422.
func DocumentError(field string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err // the request is gone; nobody reads an answer
	}
	msg := extract.Message(err)
	fieldErr := []firstset.FieldError{{Field: field, Code: extract.Code(err), Message: msg}}
	switch {
	case errors.Is(err, extract.ErrTooLarge):
		return &firstset.Error{Code: firstset.ETOOLARGE, Field: field, Message: msg, Err: err, Fields: fieldErr}
	case errors.Is(err, extract.ErrUnsupported):
		return &firstset.Error{Code: firstset.EUNSUPPORTED, Field: field, Message: msg, Err: err, Fields: fieldErr}
	case errors.Is(err, extract.ErrMalformed):
		return &firstset.Error{Code: firstset.EINVALID, Field: field, Message: msg, Err: err, Fields: fieldErr}
	}
	return &firstset.Error{Code: firstset.EINVALID, Field: field, Message: "文件无法读取：" + msg, Err: err}
}
