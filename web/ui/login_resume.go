package ui

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// A form posted after the session expired is not lost: the answer is the
// login page in place (401) carrying the form's fields, and after logging
// in the person sees them again in a form posting to where they were going,
// with the new session's CSRF token, to send with one click. Nothing is
// sent again without that click.

// resumedForm is a form posted without a live session, carried through
// the login page.
type resumedForm struct {
	Action    string // the local path it was posted to
	Multipart bool
	Fields    []formField
	// Dropped reports whether passwords or files were left out: they are
	// never written into a page.
	Dropped bool
}

type formField struct{ Name, Value string }

// The login form carries a resumed form in these inputs.
const (
	ResumeActionField    = "resume_action"
	resumeMultipartField = "resume_multipart"
	resumeDroppedField   = "resume_dropped"
	resumeFieldPrefix    = "resume."
)

// carried reports whether a field may be written back into a page: the
// CSRF token belongs to the old session, and passwords are never echoed.
func carried(name string) bool {
	return name != httpx.CSRFField && !strings.Contains(strings.ToLower(name), "password")
}

// loginFieldsRoom is what the login form's own fields (username,
// password, tokens, the resumed form's action) take at most in its body.
const loginFieldsRoom = 4 << 10

// renderLoginToResume answers a form posted without a live session with
// the login page, carrying the form.
func (s *Handler) renderLoginToResume(w http.ResponseWriter, r *http.Request) {
	if err := s.ParsePostedForm(r); err != nil {
		s.renderErrorPage(w, r, err)
		return
	}
	form := &resumedForm{Action: r.URL.Path, Multipart: httpx.MediaType(r.Header.Get("Content-Type")) == "multipart/form-data"}
	if r.MultipartForm != nil && len(r.MultipartForm.File) > 0 {
		form.Dropped = true
	}
	carry := url.Values{}
	for _, name := range slices.Sorted(maps.Keys(r.PostForm)) {
		if !carried(name) {
			form.Dropped = form.Dropped || name != httpx.CSRFField
			continue
		}
		for _, v := range r.PostForm[name] {
			form.Fields = append(form.Fields, formField{name, v})
			carry.Add(resumeFieldPrefix+name, v)
		}
	}
	page := loginPage{Next: forms.SafeNext(sameOriginReferer(r)), Error: "登录已过期，请重新登录。登录后可以确认重新提交刚才填写的内容。"}
	// The login form has the ordinary body limit; a form too big to ride
	// along in it, as the browser will encode it (Chinese text takes nine
	// bytes a character), is not carried, and the page says how to get it
	// back. The room left covers the login's own fields.
	if int64(len(carry.Encode()))+loginFieldsRoom > s.MaxBodyBytes {
		page.Error = "登录已过期，请重新登录。刚才提交的内容较多，无法随登录保留：登录后请用浏览器的“后退”按钮回到原页面重新提交。"
		form = nil
	}
	page.Resume = form
	s.renderLogin(w, r, http.StatusUnauthorized, page)
}

// resumedFormFrom reads a resumed form back from the login form, or nil.
func resumedFormFrom(v url.Values) *resumedForm {
	action := v.Get(ResumeActionField)
	if action == "" || forms.SafeNext(action) != action || action == "/login" {
		return nil
	}
	form := &resumedForm{Action: action, Multipart: v.Get(resumeMultipartField) == "true", Dropped: v.Get(resumeDroppedField) == "true"}
	for _, key := range slices.Sorted(maps.Keys(v)) {
		name, ok := strings.CutPrefix(key, resumeFieldPrefix)
		if !ok {
			continue
		}
		if !carried(name) {
			form.Dropped = true
			continue
		}
		for _, val := range v[key] {
			form.Fields = append(form.Fields, formField{name, val})
		}
	}
	return form
}

// renderResumeConfirmation shows, right after logging in, the form that
// was posted when the session had expired, ready to send again with the
// new session. The page is rendered as the new session's: its header and
// CSRF token are the logged-in person's.
func (s *Handler) renderResumeConfirmation(w http.ResponseWriter, r *http.Request, sessionToken string, form *resumedForm, next string) {
	user, session, err := s.Auth.Authenticate(r.Context(), sessionToken)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	info := httpx.InfoFrom(r.Context())
	info.Session = session
	info.Actor = &firstset.Actor{User: user, IP: s.ClientIP(r)}
	s.render(w, r, http.StatusOK, "login_resume", "登录已恢复", resumePage{Form: form, Next: next})
}

type resumePage struct {
	Form *resumedForm
	Next string // where to go instead of sending it
}

// sameOriginReferer is the path (with query) of the page that sent r, if
// that page is this site's, else "".
func sameOriginReferer(r *http.Request) string {
	u, err := url.Parse(r.Referer())
	if err != nil || u.Host != r.Host || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	if back := u.RequestURI(); forms.SafeNext(back) == back {
		return back
	}
	return ""
}
