package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"firstset"
)

const auditPageSize = 50

type auditListPage struct {
	Entity   string
	EntityID int64
	Entries  []*firstset.AuditEntry
	Entities []struct{ Name, Label string }
	// NextURL continues after the last entry shown, when the page was full.
	NextURL string
}

// auditEntities are the entity names offered by the filter.
var auditEntities = []struct{ Name, Label string }{
	{"enterprise", "企业"}, {"user", "用户"}, {"product", "装备"},
	{"category", "装备类别"}, {"api_token", "访问令牌"},
}

// handleAuditList shows the audit log to administrators, oldest first,
// one page after another.
func (s *Server) handleAuditList(w http.ResponseWriter, r *http.Request) {
	if !s.requireAdmin(w, r) {
		return
	}
	v := r.URL.Query()
	f := firstset.AuditFilter{Entity: strings.TrimSpace(v.Get("entity")), Limit: auditPageSize}
	f.EntityID, _ = strconv.ParseInt(v.Get("entity_id"), 10, 64)
	f.AfterSeq, _ = strconv.ParseInt(v.Get("after"), 10, 64)
	entries, err := s.opts.Audit.FindAuditEntries(r.Context(), f)
	if err != nil {
		s.serveError(w, r, err)
		return
	}
	page := auditListPage{Entity: f.Entity, EntityID: f.EntityID, Entries: entries, Entities: auditEntities}
	if len(entries) == auditPageSize {
		q := url.Values{}
		if f.Entity != "" {
			q.Set("entity", f.Entity)
		}
		if f.EntityID != 0 {
			q.Set("entity_id", strconv.FormatInt(f.EntityID, 10))
		}
		q.Set("after", strconv.FormatInt(entries[len(entries)-1].Seq, 10))
		page.NextURL = "/admin/audit?" + q.Encode()
	}
	s.render(w, r, http.StatusOK, "audit_list", "审计日志", page)
}

// auditActions are the Chinese names of the actions the services record.
var auditActions = map[string]string{
	"create": "新增", "update": "修改", "delete": "删除", "set_recognition": "设置认定状态",
	"revoke": "撤销", "login": "登录", "logout": "退出", "change_password": "修改密码",
	"login_failed": "登录失败", "login_locked": "登录锁定",
}

// entityLabel names an audited entity type in Chinese, or returns it as is.
func entityLabel(name string) string {
	for _, e := range auditEntities {
		if e.Name == name {
			return e.Label
		}
	}
	return name
}

// actionLabel names an audited action in Chinese, or returns it as is.
func actionLabel(name string) string {
	if l, ok := auditActions[name]; ok {
		return l
	}
	return name
}
