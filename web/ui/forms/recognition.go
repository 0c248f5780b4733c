package forms

import (
	"net/url"
	"strconv"
	"strings"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
)

// RecognitionFields are the inputs the recognition form shows.
var RecognitionFields = []string{"status", "recognized_on", "valid_until", "reason"}

// RecognitionInputFrom reads the form; a date in the wrong form is a
// problem with its field.
func RecognitionInputFrom(v url.Values, p *firstset.Problems) firstset.RecognitionInput {
	in := firstset.RecognitionInput{
		Status: firstset.ProductStatus(strings.TrimSpace(v.Get("status"))),
		Reason: strings.TrimSpace(v.Get("reason")),
	}
	in.RecognizedOn = Date(v, "recognized_on", "认定日期", p)
	in.ValidUntil = Date(v, "valid_until", "有效期至", p)
	return in
}

// Date reads an optional YYYY-MM-DD input; a malformed one is a problem
// with that field.
func Date(v url.Values, field, label string, p *firstset.Problems) date.Date {
	s := strings.TrimSpace(v.Get(field))
	if s == "" {
		return date.Date{}
	}
	d, err := date.Parse(s)
	if err != nil {
		p.Add(field, firstset.EINVALID, "%s格式应为 年-月-日，如 2025-06-01。", label)
	}
	return d
}

// The inputs the recognition workflow's forms show, for NewErrors.
var (
	RoundFields     = []string{"title", "year", "opens_on", "closes_on", "notice_text"}
	DeclareFields   = []string{"product_id", "round_id"}
	PublishFields   = []string{"document_number", "published_on", "confirm"}
	ExpertFields    = []string{"categories", "employer", "employer_credit_code", "district_code", "active", "conflict_enterprises"}
	NoticeFields    = []string{"title", "case_ids", "starts_on"}
	ObjectionFields = []string{"name", "contact", "case_id", "text"}
	AnswerFields    = []string{"decision", "reason"}
	CalendarFields  = []string{"year", "days", "confirm"}
)

// RoundInputFrom reads the new round form; the checklist is the standard
// one, the categories all.
func RoundInputFrom(v url.Values, p *firstset.Problems) firstset.RoundInput {
	return firstset.RoundInput{
		Title:      strings.TrimSpace(v.Get("title")),
		Year:       intField(v, "year", "年度", p),
		OpensOn:    Date(v, "opens_on", "申报开始日期", p),
		ClosesOn:   Date(v, "closes_on", "申报截止日期", p),
		NoticeText: strings.TrimSpace(v.Get("notice_text")),
	}
}

// DeclarationFrom reads the declare form of a round: the product chosen.
func DeclarationFrom(v url.Values, roundID int64, p *firstset.Problems) firstset.DeclarationInput {
	return firstset.DeclarationInput{RoundID: roundID, ProductID: idField(v, "product_id", "申报装备", p)}
}

// idField reads an optional record id; a malformed one is a problem with
// its field.
func idField(v url.Values, field, label string, p *firstset.Problems) int64 {
	s := strings.TrimSpace(v.Get(field))
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		p.Add(field, firstset.EINVALID, "%s无效。", label)
		return 0
	}
	return n
}

// idList reads ids given as repeated inputs (checkboxes) or, in a text
// input, separated by commas, spaces or line breaks.
func idList(v url.Values, field, label string, p *firstset.Problems) []int64 {
	var out []int64
	for _, s := range v[field] {
		for _, part := range strings.FieldsFunc(s, func(r rune) bool {
			return r == ',' || r == '，' || r == '、' || r == ' ' || r == '\n' || r == '\r' || r == '\t'
		}) {
			n, err := strconv.ParseInt(part, 10, 64)
			if err != nil || n <= 0 {
				p.Add(field, firstset.EINVALID, "%s“%s”不是有效的编号。", label, part)
				continue
			}
			out = append(out, n)
		}
	}
	return out
}

// PublishInputFrom reads the publish form, which needs the confirmation.
func PublishInputFrom(v url.Values, p *firstset.Problems) firstset.PublishInput {
	in := firstset.PublishInput{
		DocumentNumber: strings.TrimSpace(v.Get("document_number")),
		PublishedOn:    Date(v, "published_on", "发布日期", p),
	}
	Confirmed(v, p)
	return in
}

// ExpertInputFrom reads the expert profile form of user id.
func ExpertInputFrom(v url.Values, userID int64, p *firstset.Problems) firstset.ExpertInput {
	return firstset.ExpertInput{
		UserID:              userID,
		Categories:          idList(v, "categories", "专业类别", p),
		Employer:            strings.TrimSpace(v.Get("employer")),
		EmployerCreditCode:  strings.TrimSpace(v.Get("employer_credit_code")),
		DistrictCode:        strings.TrimSpace(v.Get("district_code")),
		Active:              httpx.FormFlag(v, "active", p, "在库状态"),
		ConflictEnterprises: idList(v, "conflict_enterprises", "回避企业编号", p),
	}
}

// ExpertInputOf fills the form from a stored profile.
func ExpertInputOf(e *firstset.Expert) firstset.ExpertInput {
	return firstset.ExpertInput{UserID: e.UserID, Categories: e.Categories, Employer: e.Employer,
		EmployerCreditCode: e.EmployerCreditCode, DistrictCode: e.DistrictCode, Active: e.Active,
		ConflictEnterprises: e.ConflictEnterprises}
}

// NoticeInputFrom reads the new notice form: the proposed cases ticked.
func NoticeInputFrom(v url.Values, p *firstset.Problems) firstset.NoticeInput {
	return firstset.NoticeInput{
		Title:    strings.TrimSpace(v.Get("title")),
		CaseIDs:  idList(v, "case_ids", "办件", p),
		StartsOn: Date(v, "starts_on", "公示开始日期", p),
	}
}

// ObjectionInputFrom reads the public's objection form.
func ObjectionInputFrom(v url.Values, p *firstset.Problems) firstset.ObjectionInput {
	return firstset.ObjectionInput{
		CaseID:  idField(v, "case_id", "办件", p),
		Name:    strings.TrimSpace(v.Get("name")),
		Contact: strings.TrimSpace(v.Get("contact")),
		Text:    strings.TrimSpace(v.Get("text")),
	}
}

// AnswerInputFrom reads a reviewer's answer to an objection.
func AnswerInputFrom(v url.Values) firstset.AnswerInput {
	return firstset.AnswerInput{Decision: strings.TrimSpace(v.Get("decision")), Reason: strings.TrimSpace(v.Get("reason"))}
}

// CalendarFrom reads the calendar form: the year, and its days one a
// line, "2027-01-01 休 元旦" for a holiday or "2027-02-07 班 春节" for a
// make-up working day. It needs the confirmation, since it replaces the
// year.
func CalendarFrom(v url.Values, p *firstset.Problems) (int, []firstset.CalendarDay) {
	year := intField(v, "year", "年份", p)
	if year == 0 && !p.Has("year") {
		p.Add("year", "required", "请填写年份。")
	}
	var days []firstset.CalendarDay
	for i, line := range Lines(v.Get("days")) {
		f := strings.Fields(line)
		if len(f) < 3 {
			p.Add("days", firstset.EINVALID, "第 %d 行“%s”应为“日期 休/班 名称”，如“2027-01-01 休 元旦”。", i+1, line)
			continue
		}
		d, err := date.Parse(f[0])
		if err != nil {
			p.Add("days", firstset.EINVALID, "第 %d 行的日期“%s”格式应为 年-月-日。", i+1, f[0])
			continue
		}
		var work bool
		switch f[1] {
		case "休":
		case "班":
			work = true
		default:
			p.Add("days", firstset.EINVALID, "第 %d 行的“%s”应为“休”（放假）或“班”（调休上班）。", i+1, f[1])
			continue
		}
		if y, _, _ := d.Parts(); year != 0 && y != year {
			p.Add("days", firstset.EINVALID, "第 %d 行的日期 %s 不在 %d 年。", i+1, f[0], year)
			continue
		}
		days = append(days, firstset.CalendarDay{Date: d, Work: work, Name: strings.Join(f[2:], " ")})
	}
	Confirmed(v, p)
	return year, days
}

// CalendarText writes a year's days as the form takes them.
func CalendarText(days []firstset.CalendarDay) string {
	var b strings.Builder
	for _, d := range days {
		kind := "休"
		if d.Work {
			kind = "班"
		}
		b.WriteString(d.Date.String() + " " + kind + " " + d.Name + "\n")
	}
	return b.String()
}
