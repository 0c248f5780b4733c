package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"firstset"
	"firstset/date"
	"firstset/money"
)

// auditRow is one audit entry as people read it: Chinese names, local
// time, and the change as a comparison of the fields that changed.
type auditRow struct {
	Seq      int64
	At       string // Asia/Shanghai
	Actor    string
	Action   string
	Entity   string
	EntityID int64
	// Subject names the record (its name, or username) where the entry's
	// snapshots carry one.
	Subject string
	// HasBefore and HasAfter say which sides the entry recorded: a creation
	// has no before, a deletion no after.
	HasBefore, HasAfter bool
	Changes             []auditChange
	// Unchanged counts the fields recorded on both sides that kept their
	// value, which the comparison leaves out.
	Unchanged int
	Hash      string
}

// auditChange is one field of a comparison.
type auditChange struct {
	Field, Before, After string
}

// auditTime is how the log shows a time: local, to the second.
func auditTime(t time.Time) string {
	return t.In(date.Shanghai).Format("2006-01-02 15:04:05")
}

// actorLabel is how the log names who acted.
func actorLabel(name string) string {
	if name == firstset.SystemActorName {
		return firstset.SystemActorLabel
	}
	return name
}

// actionLabel names an audited action in Chinese.
func actionLabel(name string) string {
	if l, ok := firstset.AuditLabel(firstset.AuditActions, name); ok {
		return l
	}
	return "其他操作"
}

// entityLabel names an audited kind of record in Chinese.
func entityLabel(name string) string {
	if l, ok := firstset.AuditLabel(firstset.AuditEntities, name); ok {
		return l
	}
	return "其他记录"
}

func newAuditRow(e *firstset.AuditEntry) auditRow {
	row := auditRow{
		Seq: e.Seq, At: auditTime(e.At), Actor: actorLabel(e.ActorName),
		Action: actionLabel(e.Action), Entity: entityLabel(e.Entity), EntityID: e.EntityID,
		HasBefore: len(e.Before) > 0, HasAfter: len(e.After) > 0, Hash: e.Hash,
	}
	before, after := snapshotFields(e.Before), snapshotFields(e.After)
	row.Subject = snapshotSubject(after)
	if row.Subject == "" {
		row.Subject = snapshotSubject(before)
	}
	for _, key := range fieldOrder(e.Entity, before, after) {
		if shownBy[key] != "" && (before[shownBy[key]] != nil || after[shownBy[key]] != nil) {
			continue // its value is already shown by the field it names
		}
		b, inBefore := before[key]
		a, inAfter := after[key]
		if inBefore && inAfter && sameJSON(b, a) {
			row.Unchanged++
			continue
		}
		c := auditChange{Field: FieldLabel(e.Entity, key)}
		if row.HasBefore {
			c.Before = FieldValue(key, b)
		}
		if row.HasAfter {
			c.After = FieldValue(key, a)
		}
		if row.HasBefore && row.HasAfter && c.Before == c.After {
			// Equal as shown (times a fraction of a second apart).
			row.Unchanged++
			continue
		}
		row.Changes = append(row.Changes, c)
	}
	return row
}

// snapshotFields reads a snapshot's top-level fields; a snapshot that is
// not a JSON object (none the services write) reads as one "value".
func snapshotFields(raw json.RawMessage) map[string]json.RawMessage {
	if len(raw) == 0 {
		return nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return map[string]json.RawMessage{"value": raw}
	}
	return m
}

func snapshotSubject(m map[string]json.RawMessage) string {
	for _, key := range []string{"name", "username"} {
		var s string
		if json.Unmarshal(m[key], &s) == nil && s != "" {
			return s
		}
	}
	return ""
}

func sameJSON(a, b json.RawMessage) bool {
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a) != nil || json.Compact(&cb, b) != nil {
		return bytes.Equal(a, b)
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

// fieldOrder lists the fields of both snapshots, those with a label in
// the label table's order first, so a record's fields read as its form
// does; others follow by name.
func fieldOrder(entity string, before, after map[string]json.RawMessage) []string {
	var keys []string
	for _, m := range []map[string]json.RawMessage{before, after} {
		for k := range m {
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
			}
		}
	}
	rank := func(k string) int {
		switch {
		case k == "id":
			return -1
		case fieldIndex(entityFields[entity], k) >= 0:
			return fieldIndex(entityFields[entity], k)
		case fieldIndex(commonFields, k) >= 0:
			return 1000 + fieldIndex(commonFields, k)
		}
		return 1 << 20
	}
	slices.SortFunc(keys, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
	return keys
}

type fieldName struct{ Key, Label string }

func fieldIndex(table []fieldName, key string) int {
	return slices.IndexFunc(table, func(f fieldName) bool { return f.Key == key })
}

// entityFields are the Chinese names of each recorded kind's fields, in
// the order its form shows them.
var entityFields = map[string][]fieldName{
	"product": {
		{"name", "装备名称"}, {"model", "规格型号"}, {"enterprise_id", "所属企业编号"}, {"enterprise_name", "所属企业"},
		{"category_id", "装备类别编号"}, {"category_name", "装备类别"}, {"description", "装备简介"},
		{"params", "关键技术参数"}, {"innovation_level", "创新级别"}, {"talent_led", "人才引领"},
		{"talent_program", "人才计划名称"}, {"patents", "相关专利号"}, {"status", "状态"},
		{"recognized_on", "认定日期"}, {"valid_until", "有效期至"}, {"reason", "理由"},
		{"district_code", "所在区县"},
	},
	"enterprise": {
		{"name", "企业名称"}, {"credit_code", "统一社会信用代码"}, {"district_code", "所在区县"},
		{"district_name", "区县名称"}, {"address", "注册地址"}, {"legal_representative", "法定代表人"},
		{"contact_name", "联系人"}, {"contact_phone", "联系电话"}, {"contact_email", "电子邮箱"},
	},
	"user": {
		{"username", "用户名"}, {"name", "姓名"}, {"role", "角色"}, {"enterprise_id", "所属企业编号"},
		{"district_code", "所属区县"}, {"phone", "手机号码"}, {"email", "电子邮箱"}, {"disabled", "已停用"},
		{"limit", "触发的限制"}, {"failures", "失败次数"}, {"window_minutes", "统计时长（分钟）"},
	},
	"api_token": {
		{"name", "令牌名称"}, {"prefix", "令牌前缀"}, {"user_id", "所属用户编号"}, {"scopes", "权限"},
		{"expires_at", "有效期至"}, {"last_used_at", "最近使用时间"}, {"revoked_at", "撤销时间"},
	},
	"category": {{"name", "类别名称"}, {"sort", "排序号"}},
	"catalog":  {{"enterprises", "企业数"}, {"products", "装备数"}, {"seed", "随机种子"}},
}

// shownBy names, for a field that only repeats another's value in words
// (a district's name beside its code), the field that shows it.
var shownBy = map[string]string{"district_name": "district_code"}

// loginEventTerms name the codes a failed login or a lockout records (its
// reason, the limit it reached).
var loginEventTerms = map[string]string{
	"wrong_password": "密码错误", "unknown_user": "用户名不存在", "disabled": "账号已停用",
	"username": "同一用户名失败次数", "address": "同一地址失败次数",
}

// commonFields are fields any record may carry.
var commonFields = []fieldName{
	{"id", "编号"}, {"username", "用户名"}, {"ip", "IP 地址"}, {"reason", "理由"},
	{"created_at", "创建时间"}, {"updated_at", "更新时间"}, {"value", "内容"},
}

// FieldLabel is the Chinese name of a field of entity; a field no table
// names is shown as 其他字段 with its name, rather than as bare code.
func FieldLabel(entity, key string) string {
	for _, table := range [][]fieldName{entityFields[entity], commonFields} {
		if i := fieldIndex(table, key); i >= 0 {
			return table[i].Label
		}
	}
	return "其他字段（" + key + "）"
}

const (
	emptyValue = "（空）"
	unsetValue = "（未设置）"
)

// isDateField reports whether key holds a date or a time.
func isDateField(key string) bool {
	return key == "recognized_on" || key == "valid_until" || strings.HasSuffix(key, "_at")
}

// FieldValue formats one recorded value for reading: statuses, levels and
// roles by their Chinese names, dates and times in local form, money in
// yuan with thousands separators, lists one item after another.
func FieldValue(key string, raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		if isDateField(key) {
			return unsetValue
		}
		return emptyValue
	}
	var s string
	isString := json.Unmarshal(raw, &s) == nil
	switch {
	case key == "status" && isString:
		if st := firstset.ProductStatus(s); st.Valid() {
			return st.Label()
		}
	case key == "innovation_level" && isString:
		if l := firstset.InnovationLevel(s); l.Valid() {
			return l.Label()
		}
	case key == "role" && isString:
		if r := firstset.Role(s); r.Valid() {
			return r.Label()
		}
	case (key == "reason" || key == "limit") && isString && loginEventTerms[s] != "":
		return loginEventTerms[s]
	case key == "district_code" && isString:
		if s == "" {
			return emptyValue
		}
		return DistrictName(s)
	case (key == "recognized_on" || key == "valid_until") && isString:
		if s == "" {
			return unsetValue
		}
		if d, err := date.Parse(s); err == nil {
			return d.Chinese()
		}
	case strings.HasSuffix(key, "_at") && isString:
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			if t.IsZero() {
				return unsetValue
			}
			return auditTime(t)
		}
	case (strings.HasSuffix(key, "_yuan") || strings.HasSuffix(key, "amount")) && isString:
		if f, err := money.ParseYuan(s); err == nil {
			return f.Grouped() + " 元"
		}
	case key == "params":
		var params []firstset.Param
		if json.Unmarshal(raw, &params) == nil {
			parts := make([]string, len(params))
			for i, p := range params {
				parts[i] = strings.TrimSpace(p.Name + " " + p.Value + " " + p.Unit)
			}
			return joinOrEmpty(parts)
		}
	case key == "scopes":
		var scopes []firstset.Scope
		if json.Unmarshal(raw, &scopes) == nil {
			parts := make([]string, len(scopes))
			for i, sc := range scopes {
				parts[i] = scopeLabel(sc)
			}
			return joinOrEmpty(parts)
		}
	}
	if isString {
		if s == "" {
			return emptyValue
		}
		return s
	}
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		if b {
			return "是"
		}
		return "否"
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return joinOrEmpty(list)
	}
	var compact bytes.Buffer
	if json.Compact(&compact, raw) == nil {
		return compact.String()
	}
	return string(raw)
}

func joinOrEmpty(parts []string) string {
	if len(parts) == 0 {
		return emptyValue
	}
	return strings.Join(parts, "；")
}

// scopeLabel is a token scope's Chinese name.
func scopeLabel(sc firstset.Scope) string {
	for _, x := range firstset.Scopes {
		if x.Scope == sc {
			return x.Label
		}
	}
	return string(sc)
}

// auditChangeText is a comparison as one line of text, for the export.
func auditChangeText(row auditRow) string {
	var b strings.Builder
	for i, c := range row.Changes {
		if i > 0 {
			b.WriteString("\n")
		}
		switch {
		case row.HasBefore && row.HasAfter:
			fmt.Fprintf(&b, "%s：%s → %s", c.Field, c.Before, c.After)
		case row.HasAfter:
			fmt.Fprintf(&b, "%s：%s", c.Field, c.After)
		default:
			fmt.Fprintf(&b, "%s：%s", c.Field, c.Before)
		}
	}
	if row.Unchanged > 0 && len(row.Changes) == 0 {
		b.WriteString("无字段变化")
	}
	return b.String()
}

// entityIDText is an entity number for display; 0 means none was recorded.
func entityIDText(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}
