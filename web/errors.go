package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"firstset"
)

// httpStatus maps an error code to its HTTP status.
func httpStatus(code string) int {
	switch code {
	case firstset.EINVALID:
		return http.StatusUnprocessableEntity
	case firstset.EBADREQUEST:
		return http.StatusBadRequest
	case firstset.ENOTFOUND:
		return http.StatusNotFound
	case firstset.ECONFLICT:
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
	case firstset.EIDEMPOTENCYMISMATCH:
		return http.StatusUnprocessableEntity
	case firstset.EIDEMPOTENCYUNFINISHED, firstset.EIDEMPOTENCYWITHHELD:
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

// serveError answers err in the request's language: JSON on the API, a
// page otherwise. Internal errors are logged with their cause and shown
// only as a generic message with the request id.
func (s *Server) serveError(w http.ResponseWriter, r *http.Request, err error) {
	code := firstset.ErrorCode(err)
	if code == firstset.EINTERNAL {
		s.logger.ErrorContext(r.Context(), "request failed",
			"request_id", infoFrom(r.Context()).ID, "error", err.Error())
	}
	if isAPI(r) {
		s.writeAPIError(w, r, err)
		return
	}
	if code == firstset.EUNAUTHORIZED && r.Method == http.MethodGet {
		// A page that needs a login sends the person there and back.
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if code == firstset.EUNAUTHORIZED && isFormRequest(r) {
		// A form posted after the session expired: log in where it stands.
		s.renderLoginToResume(w, r)
		return
	}
	s.renderErrorPage(w, r, err)
}

// errorPage is what the error template shows.
type errorPage struct {
	Status    int
	Heading   string
	Message   string
	RequestID string
	// Back is the page a refused form came from, to return to.
	Back string
}

func (s *Server) renderErrorPage(w http.ResponseWriter, r *http.Request, err error) {
	code := firstset.ErrorCode(err)
	status := errorStatus(err)
	p := errorPage{Status: status, Message: publicMessage(err), RequestID: infoFrom(r.Context()).ID}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		p.Back = sameOriginReferer(r)
	}
	switch code {
	case firstset.ENOTFOUND:
		p.Heading = "页面不存在"
	case firstset.EFORBIDDEN:
		p.Heading = "无权访问"
	case firstset.EUNAUTHORIZED:
		p.Heading = "请先登录"
	case firstset.ERATELIMITED:
		p.Heading = "操作过于频繁"
	case firstset.ETOOLARGE:
		p.Heading = "提交内容过大"
	case firstset.EINTERNAL:
		p.Heading = "系统错误"
	default:
		p.Heading = "请求无法完成"
	}
	s.render(w, r, status, "error", p.Heading, p)
}

// requireLogin answers a page the public may not see with the login
// error and reports false, for handlers to return on.
func (s *Server) requireLogin(w http.ResponseWriter, r *http.Request) bool {
	if actorOf(r).IsPublic() {
		s.serveError(w, r, firstset.LoginRequired())
		return false
	}
	return true
}

// pathID reads the {id} wildcard; a malformed one is simply not found.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, firstset.NotFound("记录")
	}
	return id, nil
}

// loadByID is the start of a handler for one record: it reads the {id}
// wildcard, lets guard (if any) refuse the caller, and loads the record
// with find. On any failure it has answered with the error and reports
// false, for the handler to return on. A malformed id is not found even
// for a caller guard would refuse.
func loadByID[T any](s *Server, w http.ResponseWriter, r *http.Request,
	guard func(http.ResponseWriter, *http.Request) bool,
	find func(context.Context, int64) (T, error)) (T, bool) {
	var zero T
	id, err := pathID(r)
	if err != nil {
		s.serveError(w, r, err)
		return zero, false
	}
	if guard != nil && !guard(w, r) {
		return zero, false
	}
	v, err := find(r.Context(), id)
	if err != nil {
		s.serveError(w, r, err)
		return zero, false
	}
	return v, true
}

func (s *Server) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.serveError(w, r, firstset.Errorf(firstset.ENOTFOUND, "您访问的页面不存在，可能已被删除或地址有误。"))
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// genericInternal is all a person learns about a failure of ours.
const genericInternal = "系统内部错误，请稍后重试；如问题持续，请联系平台运维。"

// publicMessage is the message err may show: internal errors never
// reveal their text, whatever built them.
func publicMessage(err error) string {
	if firstset.ErrorCode(err) == firstset.EINTERNAL {
		return genericInternal
	}
	if m := firstset.ErrorMessage(err); m != "" {
		return m
	}
	return "请求无法完成。"
}
