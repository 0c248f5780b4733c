package ui

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"firstset"
	"firstset/date"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

const AuditPageSize = 50

// auditFilterForm is the audit log's filter as typed, shown back in the
// form, with the error of a parameter that could not be read.
type auditFilterForm struct {
	From, To, Actor, Action, Entity, EntityID string
}

type auditListPage struct {
	Filter     auditFilterForm
	Errors     forms.Errors
	Rows       []auditRow
	Actions    []firstset.AuditTerm
	Entities   []firstset.AuditTerm
	Pagination forms.Pagination
	ExportURL  string
}

var auditFilterFields = []string{"from", "to", "until", "actor", "action", "entity", "entity_id"}

// auditFilterFrom reads the filter parameters as every listing does
// (httpx.QueryReader): from and to are days in Shanghai time, both included;
// entity_id a record's id; page a page number. What the service checks
// itself (known actions and entities, the order of the days) it refuses
// naming the same parameters.
func auditFilterFrom(r *http.Request) (auditFilterForm, firstset.AuditFilter, int, error) {
	q := httpx.NewQueryReader(r)
	// As typed, to be shown back; each is read and checked below.
	typed := r.URL.Query()
	raw := func(name string) string { return strings.TrimSpace(typed.Get(name)) }
	form := auditFilterForm{From: raw("from"), To: raw("to"), EntityID: raw("entity_id")}
	form.Actor = q.Text("actor", "操作人", httpx.MaxListQuery)
	form.Action = q.Choice("action", "操作", auditTermValid(firstset.AuditActions), auditTermNames(firstset.AuditActions))
	form.Entity = q.Choice("entity", "对象类型", auditTermValid(firstset.AuditEntities), auditTermNames(firstset.AuditEntities))
	f := firstset.AuditFilter{ActorName: form.Actor, Action: form.Action, Entity: form.Entity, Newest: true,
		EntityID: q.ID("entity_id", "对象编号")}
	if d, ok := q.Day("from", "开始日期"); ok {
		f.Since = DayStart(d)
	}
	if d, ok := q.Day("to", "结束日期"); ok {
		f.Until = DayStart(d.AddDays(1))
	}
	pageNo := q.Number("page", "页码", 1, httpx.MaxPage, 1)
	return form, f, pageNo, q.Err()
}

func auditTermValid(terms []firstset.AuditTerm) func(string) bool {
	return func(s string) bool { _, ok := firstset.AuditLabel(terms, s); return ok }
}

func auditTermNames(terms []firstset.AuditTerm) []string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = t.Name
	}
	return out
}

// DayStart is the first instant of d in Shanghai.
func DayStart(d date.Date) time.Time {
	y, m, day := d.Parts()
	return time.Date(y, m, day, 0, 0, 0, 0, date.Shanghai)
}

// handleAuditList shows the audit log to administrators, newest first,
// filtered by time, actor, action and record, a page at a time. A filter
// that cannot be read is shown beside its field with 400.
func (s *Handler) handleAuditList(w http.ResponseWriter, r *http.Request) {
	if !s.Allowed(w, r, firstset.CheckReadAudit(httpx.ActorOf(r))) {
		return
	}
	form, f, pageNo, err := auditFilterFrom(r)
	page := auditListPage{Filter: form, Actions: firstset.AuditActions, Entities: firstset.AuditEntities}
	var total int
	var entries []*firstset.AuditEntry
	if err == nil {
		f.Offset, f.Limit = (pageNo-1)*AuditPageSize, AuditPageSize
		total, err = s.Audit.CountAuditEntries(r.Context(), f)
	}
	if err == nil {
		entries, err = s.Audit.FindAuditEntries(r.Context(), f)
	}
	if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.EBADREQUEST {
		page.Errors = forms.NewErrors(err, auditFilterFields...)
		s.render(w, r, http.StatusBadRequest, "audit_list", "审计日志", page)
		return
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	for _, e := range entries {
		page.Rows = append(page.Rows, newAuditRow(e))
	}
	page.Pagination = forms.NewPagination(r.URL, pageNo, AuditPageSize, total)
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
