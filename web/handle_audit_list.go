package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"firstset"
	"firstset/date"
	"firstset/service"
)

const auditPageSize = 50

// auditFilterForm is the audit log's filter as typed, shown back in the
// form, with the error of a parameter that could not be read.
type auditFilterForm struct {
	From, To, Actor, Action, Entity, EntityID string
}

type auditListPage struct {
	Filter     auditFilterForm
	Errors     formErrors
	Rows       []auditRow
	Actions    []service.AuditTerm
	Entities   []service.AuditTerm
	Pagination pagination
	ExportURL  string
}

var auditFilterFields = []string{"from", "to", "until", "actor", "action", "entity", "entity_id"}

// auditFilterFrom reads the filter parameters: from and to are days in
// Shanghai time, both included; entity_id a positive number; page a page
// number. What the service checks itself (known actions and entities,
// the order of the days) it refuses naming the same parameters.
func auditFilterFrom(v url.Values) (auditFilterForm, firstset.AuditFilter, int, error) {
	form := auditFilterForm{
		From: strings.TrimSpace(v.Get("from")), To: strings.TrimSpace(v.Get("to")),
		Actor: strings.TrimSpace(v.Get("actor")), Action: strings.TrimSpace(v.Get("action")),
		Entity: strings.TrimSpace(v.Get("entity")), EntityID: strings.TrimSpace(v.Get("entity_id")),
	}
	f := firstset.AuditFilter{ActorName: form.Actor, Action: form.Action, Entity: form.Entity, Newest: true}
	var p firstset.Problems
	day := func(field, label, s string) (date.Date, bool) {
		if s == "" {
			return date.Date{}, false
		}
		d, err := date.Parse(s)
		if err != nil {
			p.Add(field, "invalid_date", "%s须为 年-月-日 格式的日期，如 2026-03-01。", label)
			return date.Date{}, false
		}
		return d, true
	}
	if d, ok := day("from", "开始日期", form.From); ok {
		f.Since = dayStart(d)
	}
	if d, ok := day("to", "结束日期", form.To); ok {
		f.Until = dayStart(d.AddDays(1))
	}
	if form.EntityID != "" {
		id, err := strconv.ParseInt(form.EntityID, 10, 64)
		if err != nil || id <= 0 {
			p.Add("entity_id", "invalid_number", "对象编号须为正整数。")
		}
		f.EntityID = id
	}
	pageNo := 1
	if s := v.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			p.Add("page", "invalid_number", "页码须为正整数。")
		}
		pageNo = n
	}
	return form, f, pageNo, p.Err()
}

// dayStart is the first instant of d in Shanghai.
func dayStart(d date.Date) time.Time {
	y, m, day := d.Parts()
	return time.Date(y, m, day, 0, 0, 0, 0, date.Shanghai)
}

// handleAuditList shows the audit log to administrators, newest first,
// filtered by time, actor, action and record, a page at a time. A filter
// that cannot be read is shown beside its field with 400.
func (s *Server) handleAuditList(w http.ResponseWriter, r *http.Request) {
	if !s.allowed(w, r, service.CheckReadAudit(actorOf(r))) {
		return
	}
	form, f, pageNo, err := auditFilterFrom(r.URL.Query())
	page := auditListPage{Filter: form, Actions: service.AuditActions, Entities: service.AuditEntities}
	var total int
	var entries []*firstset.AuditEntry
	if err == nil {
		f.Offset, f.Limit = (pageNo-1)*auditPageSize, auditPageSize
		total, err = s.opts.Audit.CountAuditEntries(r.Context(), f)
	}
	if err == nil {
		entries, err = s.opts.Audit.FindAuditEntries(r.Context(), f)
	}
	if isFormError(err) {
		page.Errors = newFormErrors(err, auditFilterFields...)
		s.render(w, r, http.StatusBadRequest, "audit_list", "审计日志", page)
		return
	}
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	for _, e := range entries {
		page.Rows = append(page.Rows, newAuditRow(e))
	}
	page.Pagination = newPagination(r.URL, pageNo, auditPageSize, total)
	page.ExportURL = "/admin/audit/export.xlsx"
	if q := auditFilterValues(form); len(q) > 0 {
		page.ExportURL += "?" + q.Encode()
	}
	s.render(w, r, http.StatusOK, "audit_list", "审计日志", page)
}

// auditFilterValues writes the filter back as parameters, without paging.
func auditFilterValues(form auditFilterForm) url.Values {
	v := url.Values{}
	for _, kv := range [][2]string{{"from", form.From}, {"to", form.To}, {"actor", form.Actor},
		{"action", form.Action}, {"entity", form.Entity}, {"entity_id", form.EntityID}} {
		if kv[1] != "" {
			v.Set(kv[0], kv[1])
		}
	}
	return v
}
