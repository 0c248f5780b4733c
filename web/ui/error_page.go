package ui

import (
	"net/http"
	"net/url"

	"firstset"
	"firstset/web/httpx"
)

// RenderError answers err on a page: a page that needs a login sends
// the person there and back, a form posted after the session expired
// offers to log in where it stands, anything else is the error page.
func (s *Handler) RenderError(w http.ResponseWriter, r *http.Request, err error) {
	code := firstset.ErrorCode(err)
	if code == firstset.EUNAUTHORIZED && r.Method == http.MethodGet {
		// A page that needs a login sends the person there and back.
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	if code == firstset.EUNAUTHORIZED && httpx.IsFormRequest(r) {
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

func (s *Handler) renderErrorPage(w http.ResponseWriter, r *http.Request, err error) {
	code := firstset.ErrorCode(err)
	status := httpx.ErrorStatus(err)
	p := errorPage{Status: status, Message: httpx.PublicMessage(err), RequestID: httpx.InfoFrom(r.Context()).ID}
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
func (s *Handler) requireLogin(w http.ResponseWriter, r *http.Request) bool {
	if httpx.ActorOf(r).IsPublic() {
		s.ServeError(w, r, firstset.LoginRequired())
		return false
	}
	return true
}

func (s *Handler) handleNotFound(w http.ResponseWriter, r *http.Request) {
	s.ServeError(w, r, firstset.Errorf(firstset.ENOTFOUND, "您访问的页面不存在，可能已被删除或地址有误。"))
}
