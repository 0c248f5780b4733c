package service

import (
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"

	"firstset"
)

var (
	mobilePattern   = regexp.MustCompile(`^1[3-9]\d{9}$`)
	landlinePattern = regexp.MustCompile(`^0\d{2,3}-?\d{7,8}(-\d{1,6})?$`)
	usernamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$`)
)

// clean trims spaces, including the full-width space people paste from
// Chinese documents.
func clean(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\u3000", " ")) }

// requireText checks a required text field and its length in characters.
func requireText(p *firstset.Problems, field, label, value string, max int) {
	switch n := utf8.RuneCountInString(value); {
	case n == 0:
		p.Add(field, "required", "请填写%s。", label)
	case n > max:
		p.Add(field, "too_long", "%s不能超过%d个字符（当前%d个）。", label, max, n)
	}
}

// optionalText checks an optional text field's length.
func optionalText(p *firstset.Problems, field, label, value string, max int) {
	if n := utf8.RuneCountInString(value); n > max {
		p.Add(field, "too_long", "%s不能超过%d个字符（当前%d个）。", label, max, n)
	}
}

func checkPhone(p *firstset.Problems, field, value string, required bool) {
	if value == "" {
		if required {
			p.Add(field, "required", "请填写联系电话。")
		}
		return
	}
	if !mobilePattern.MatchString(value) && !landlinePattern.MatchString(value) {
		p.Add(field, "invalid_phone", "联系电话格式不正确：请填写11位手机号或带区号的座机号（如 023-63899000）。")
	}
}

func checkEmail(p *firstset.Problems, field, value string) {
	if value == "" {
		return
	}
	a, err := mail.ParseAddress(value)
	if err != nil || a.Address != value {
		p.Add(field, "invalid_email", "电子邮箱格式不正确。")
	}
}
