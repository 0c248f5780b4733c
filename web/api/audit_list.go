package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// apiAuditList reads the audit log (administrators):
// ?entity_type=case&entity_id=12&action=submit, newest first.
func (s *Handler) apiAuditList(w http.ResponseWriter, r *http.Request) {
	q := httpx.NewQueryReader(r)
	page, per := q.Page(50)
	names := func(terms []firstset.AuditTerm) []string {
		out := make([]string, len(terms))
		for i, t := range terms {
			out[i] = t.Name
		}
		return out
	}
	known := func(terms []firstset.AuditTerm) func(string) bool {
		return func(v string) bool { _, ok := firstset.AuditLabel(terms, v); return ok }
	}
	f := firstset.AuditFilter{
		Entity:   q.Choice("entity_type", "对象类型", known(firstset.AuditEntities), names(firstset.AuditEntities)),
		EntityID: q.ID("entity_id", "对象编号"),
		Action:   q.Choice("action", "操作", known(firstset.AuditActions), names(firstset.AuditActions)),
		Newest:   true,
		Offset:   (page - 1) * per,
		Limit:    per,
	}
	if err := q.Err(); err != nil {
		s.ServeError(w, r, err)
		return
	}
	list, err := s.Audit.FindAuditEntries(r.Context(), f)
	var total int
	if err == nil {
		total, err = s.Audit.CountAuditEntries(r.Context(), f)
	}
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if list == nil {
		list = []*firstset.AuditEntry{}
	}
	s.WriteJSON(w, r, http.StatusOK, httpx.ListResponse[*firstset.AuditEntry]{Items: list, Total: total})
}
