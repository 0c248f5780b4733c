package service

import (
	"net/mail"
	"regexp"
	"strings"
	"unicode/utf8"

	"firstset"
	"firstset/plaintext"
)

var (
	mobilePattern   = regexp.MustCompile(`^1[3-9]\d{9}$`)
	landlinePattern = regexp.MustCompile(`^0\d{2,3}-?\d{7,8}(-\d{1,6})?$`)
	usernamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$`)
)

// clean trims spaces, including the full-width space people paste from
// Chinese documents.
func clean(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\u3000", " ")) }

// checkText records a problem with the characters of a text field (see
// package plaintext) and reports whether there was none. Every text the
// services accept passes through it, so both databases store the same.
func checkText(p *firstset.Problems, field, label, value string, mode plaintext.Mode) bool {
	if prob := plaintext.Check(value, mode); prob != nil {
		p.Add(field, plaintext.Code, "%s", prob.Message(label))
		return false
	}
	return true
}

// requireText checks a required one-line text field: its characters and
// its length in characters.
func requireText(p *firstset.Problems, field, label, value string, max int) {
	if checkText(p, field, label, value, plaintext.OneLine) {
		checkLength(p, field, label, value, max, true)
	}
}

// optionalText checks an optional one-line text field.
func optionalText(p *firstset.Problems, field, label, value string, max int) {
	if checkText(p, field, label, value, plaintext.OneLine) {
		checkLength(p, field, label, value, max, false)
	}
}

// optionalLines checks an optional field of several lines (a description,
// a reason), where tabs and line breaks are allowed.
func optionalLines(p *firstset.Problems, field, label, value string, max int) {
	if checkText(p, field, label, value, plaintext.MultiLine) {
		checkLength(p, field, label, value, max, false)
	}
}

func checkLength(p *firstset.Problems, field, label, value string, max int, required bool) {
	switch n := utf8.RuneCountInString(value); {
	case n == 0 && required:
		p.Add(field, "required", "请填写%s。", label)
	case n > max:
		p.Add(field, "too_long", "%s不能超过%d个字符（当前%d个）。", label, max, n)
	}
}

func checkPhone(p *firstset.Problems, field, value string, required bool) {
	if !checkText(p, field, "联系电话", value, plaintext.OneLine) {
		return
	}
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
	if !checkText(p, field, "电子邮箱", value, plaintext.OneLine) {
		return
	}
	if value == "" {
		return
	}
	a, err := mail.ParseAddress(value)
	if err != nil || a.Address != value {
		p.Add(field, "invalid_email", "电子邮箱格式不正确。")
	}
}

// checkQuery checks the search words of a listing.
func checkQuery(q string) error {
	var p firstset.Problems
	optionalText(&p, "q", "搜索词", q, firstset.MaxListQuery)
	return p.Err()
}
