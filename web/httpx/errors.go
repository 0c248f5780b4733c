package httpx

import (
	"context"
	"net/http"
	"strconv"

	"firstset"
)

// HTTPStatus maps an error code to its HTTP status.
func HTTPStatus(code string) int {
	switch code {
	case firstset.EINVALID:
		return http.StatusUnprocessableEntity
	case firstset.EBADREQUEST:
		return http.StatusBadRequest
	case firstset.ENOTFOUND:
		return http.StatusNotFound
	case firstset.ECONFLICT, firstset.EWRONGSTAGE:
		return http.StatusConflict
	case firstset.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case firstset.EFORBIDDEN:
		return http.StatusForbidden
	case firstset.ERATELIMITED:
		return http.StatusTooManyRequests
	case firstset.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case firstset.EUNSUPPORTED:
		return http.StatusUnsupportedMediaType
	case firstset.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case firstset.EIDEMPOTENCYMISMATCH:
		return http.StatusUnprocessableEntity
	case firstset.EIDEMPOTENCYUNFINISHED, firstset.EIDEMPOTENCYWITHHELD:
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

// PathID reads the {id} wildcard; a malformed one is simply not found.
func PathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, firstset.NotFound("记录")
	}
	return id, nil
}

// LoadByID is the start of a handler for one record: it reads the {id}
// wildcard, lets guard (if any) refuse the caller, and loads the record
// with find. On any failure it has answered with the error and reports
// false, for the handler to return on. A malformed id is not found even
// for a caller guard would refuse.
func LoadByID[T any](b *Base, w http.ResponseWriter, r *http.Request,
	guard func(http.ResponseWriter, *http.Request) bool,
	find func(context.Context, int64) (T, error)) (T, bool) {
	var zero T
	id, err := PathID(r)
	if err != nil {
		b.ServeError(w, r, err)
		return zero, false
	}
	if guard != nil && !guard(w, r) {
		return zero, false
	}
	v, err := find(r.Context(), id)
	if err != nil {
		b.ServeError(w, r, err)
		return zero, false
	}
	return v, true
}

// Itoa writes an id in decimal.
func Itoa(n int64) string { return strconv.FormatInt(n, 10) }

// genericInternal is all a person learns about a failure of ours.
const genericInternal = "系统内部错误，请稍后重试；如问题持续，请联系平台运维。"

// PublicMessage is the message err may show: internal errors never
// reveal their text, whatever built them.
func PublicMessage(err error) string {
	if firstset.ErrorCode(err) == firstset.EINTERNAL {
		return genericInternal
	}
	if m := firstset.ErrorMessage(err); m != "" {
		return m
	}
	return "请求无法完成。"
}

// Allowed answers a refusal from the service's rules (a Check… function)
// and reports whether the handler may go on.
func (b *Base) Allowed(w http.ResponseWriter, r *http.Request, refusal error) bool {
	if refusal != nil {
		b.ServeError(w, r, refusal)
		return false
	}
	return true
}
