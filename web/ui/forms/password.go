package forms

import (
	"net/url"

	"firstset"
)

// PasswordFields are the inputs of the change-password form. Passwords are
// never sent back to the browser, so only errors survive a refused post.
var PasswordFields = []string{"old_password", "new_password", "confirm_password"}

// PasswordChangeFrom reads the form and checks what the service cannot:
// that each input was filled in and that the confirmation matches.
func PasswordChangeFrom(v url.Values, p *firstset.Problems) (oldPassword, newPassword string) {
	// Passwords are taken as typed: spaces may be part of them.
	oldPassword, newPassword = v.Get("old_password"), v.Get("new_password")
	confirm := v.Get("confirm_password")
	if oldPassword == "" {
		p.Add("old_password", "required", "请输入原密码。")
	}
	switch {
	case newPassword == "":
		p.Add("new_password", "required", "请输入新密码。")
	case newPassword == oldPassword:
		p.Add("new_password", "unchanged", "新密码不能与原密码相同。")
	}
	switch {
	case confirm == "" && newPassword != "":
		p.Add("confirm_password", "required", "请再次输入新密码。")
	case confirm != newPassword:
		p.Add("confirm_password", "mismatch", "两次输入的新密码不一致。")
	}
	return oldPassword, newPassword
}
