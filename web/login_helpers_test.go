package web

import (
	"net/http/httptest"
	"net/url"
	"regexp"
)

var csrfFieldPattern = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// prepareLogin opens the login page as a browser does before logging in,
// keeping its pre-session cookie and the form's token.
func (c *client) prepareLogin() {
	c.env.t.Helper()
	c.loginToken = ""
	page := c.get("/login").Body.String()
	if m := csrfFieldPattern.FindStringSubmatch(page); m != nil {
		c.loginToken = m[1]
	}
}

// loginForm submits the login form as a browser would: from the login
// page, with its token.
func (c *client) loginForm(username, password string) *httptest.ResponseRecorder {
	c.env.t.Helper()
	return c.postForm("/login", url.Values{"username": {username}, "password": {password}})
}
