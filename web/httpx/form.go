package httpx

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"firstset"
	"firstset/plaintext"
)

// IsSafeMethod reports whether m changes nothing, by HTTP's definition.
func IsSafeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}

// IsFormRequest reports whether r posts a form, in either encoding.
func IsFormRequest(r *http.Request) bool {
	ct := MediaType(r.Header.Get("Content-Type"))
	return ct == "application/x-www-form-urlencoded" || ct == "multipart/form-data"
}

// FormParseError tells an oversized body from a malformed one.
func FormParseError(err error) error {
	if _, ok := firstset.AsError(err); ok {
		return err // already says what is wrong (FormTextError)
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return ErrTooLargeFor(tooBig.Limit)
	}
	return &firstset.Error{Code: firstset.EBADREQUEST, Message: "表单内容无法解析。", Err: err}
}

// ParsePostedForm fills r.PostForm from either form encoding (ParseForm
// alone leaves a multipart body, a file upload, unread), telling an
// oversized body apart and refusing values that are not UTF-8 (see
// FormTextError). Files up to the route's body limit stay in memory;
// nothing larger gets past web's limitBody. A multipart body is parsed and
// checked once however often it is asked for (the CSRF check, then the
// handler); its first refusal has already been answered.
func (b *Base) ParsePostedForm(r *http.Request) error {
	var err error
	if MediaType(r.Header.Get("Content-Type")) == "multipart/form-data" {
		if r.MultipartForm != nil {
			return nil
		}
		err = r.ParseMultipartForm(b.BodyLimit(r))
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		return FormParseError(err)
	}
	return FormTextError(r.PostForm)
}

// FormTextError refuses a posted form holding bytes that are not UTF-8,
// naming the first input that does. Browsers send UTF-8 from the
// platform's pages, so only programs can; nothing of theirs is kept.
// Which characters a field may hold beyond that is the services' rule.
func FormTextError(v url.Values) error {
	for _, name := range slices.Sorted(maps.Keys(v)) {
		if !utf8.ValidString(name) {
			return firstset.Errorf(firstset.EBADREQUEST, "表单字段名 %s 不是有效的 UTF-8 编码。", ShownValue(name))
		}
		for _, value := range v[name] {
			if prob := plaintext.CheckUTF8(value); prob != nil {
				msg := fmt.Sprintf("表单字段 %s：%s", name, prob.Message("内容"))
				return &firstset.Error{Code: firstset.EBADREQUEST, Field: name, Message: msg,
					Fields: []firstset.FieldError{{Field: name, Code: plaintext.Code, Message: msg}}}
			}
		}
	}
	return nil
}

// FormInt reads an optional integer input; a malformed one is recorded as
// a problem with that field.
func FormInt(v url.Values, field string, p *firstset.Problems, label string) int64 {
	s := strings.TrimSpace(v.Get(field))
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		p.Add(field, firstset.EINVALID, "%s无效。", label)
		return 0
	}
	return n
}

// FormFlag reads a checkbox or a boolean field: empty or absent is false;
// anything but the usual spellings of yes and no is a problem, not a no.
func FormFlag(v url.Values, field string, p *firstset.Problems, label string) bool {
	switch strings.ToLower(strings.TrimSpace(v.Get(field))) {
	case "", "false", "0", "off":
		return false
	case "true", "1", "on":
		return true
	}
	p.Add(field, firstset.EINVALID, "%s只能填“是”（true）或“否”（false）。", label)
	return false
}
