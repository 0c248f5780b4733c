package firstset

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"
)

// AuditEntry records one change. Entries form a hash chain: each carries
// the previous entry's hash and its own, computed over its content, so an
// entry edited, inserted or deleted out of order breaks the chain.
type AuditEntry struct {
	Seq       int64           `json:"seq"`
	At        time.Time       `json:"at"`
	ActorID   int64           `json:"actor_id"`
	ActorName string          `json:"actor_name"`
	Action    string          `json:"action"`
	Entity    string          `json:"entity"`
	EntityID  int64           `json:"entity_id"`
	Before    json.RawMessage `json:"before,omitempty"`
	After     json.RawMessage `json:"after,omitempty"`
	PrevHash  string          `json:"prev_hash"`
	Hash      string          `json:"hash"`
}

// Seal sets the entry's sequence number and hashes, given the entry before
// it (nil for the first). Times are cut to microseconds, the precision
// every supported database keeps.
func (e *AuditEntry) Seal(prev *AuditEntry) {
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.Seq, e.PrevHash = 1, ""
	if prev != nil {
		e.Seq, e.PrevHash = prev.Seq+1, prev.Hash
	}
	e.Hash = e.ComputeHash()
}

// ComputeHash is the hash of the entry's content and its link to the
// previous entry. Every field is length-prefixed so that no two different
// entries encode alike.
func (e *AuditEntry) ComputeHash() string {
	h := sha256.New()
	var n [8]byte
	field := func(b []byte) {
		binary.BigEndian.PutUint64(n[:], uint64(len(b)))
		h.Write(n[:])
		h.Write(b)
	}
	num := func(v int64) {
		binary.BigEndian.PutUint64(n[:], uint64(v))
		h.Write(n[:])
	}
	num(e.Seq)
	field([]byte(e.At.UTC().Format(time.RFC3339Nano)))
	num(e.ActorID)
	field([]byte(e.ActorName))
	field([]byte(e.Action))
	field([]byte(e.Entity))
	num(e.EntityID)
	field(e.Before)
	field(e.After)
	field([]byte(e.PrevHash))
	return hex.EncodeToString(h.Sum(nil))
}

// AuditProblem describes where a chain stops being trustworthy.
type AuditProblem struct {
	Seq    int64  `json:"seq"`
	Kind   string `json:"kind"` // edited, inserted, deleted, truncated, appended
	Detail string `json:"detail"`
}

func (p AuditProblem) String() string {
	return fmt.Sprintf("entry %d: %s (%s)", p.Seq, p.Kind, p.Detail)
}

// AuditVerifier checks entries fed to it in sequence order; it holds only
// the last entry, so a chain of any length is checked in constant memory.
type AuditVerifier struct {
	prev    *AuditEntry
	Checked int64
	Problem *AuditProblem
}

// Next checks one entry; it returns false once a problem has been found.
func (v *AuditVerifier) Next(e *AuditEntry) bool {
	if v.Problem != nil {
		return false
	}
	wantSeq, wantPrev := int64(1), ""
	if v.prev != nil {
		wantSeq, wantPrev = v.prev.Seq+1, v.prev.Hash
	}
	switch {
	case e.PrevHash != wantPrev && e.Seq > wantSeq:
		v.Problem = &AuditProblem{Seq: wantSeq, Kind: "deleted",
			Detail: fmt.Sprintf("entries %d to %d are missing; entry %d links to a hash that is not its predecessor's", wantSeq, e.Seq-1, e.Seq)}
	case e.PrevHash != wantPrev || e.Seq != wantSeq:
		v.Problem = &AuditProblem{Seq: e.Seq, Kind: "inserted",
			Detail: "the entry does not link to the entry before it"}
	case e.ComputeHash() != e.Hash:
		v.Problem = &AuditProblem{Seq: e.Seq, Kind: "edited",
			Detail: "the entry's content no longer matches its hash"}
	default:
		c := *e
		v.prev = &c
		v.Checked++
		return true
	}
	return false
}

// Finish compares the last entry checked with the chain head the store
// keeps, which catches entries deleted from the end.
func (v *AuditVerifier) Finish(headSeq int64, headHash string) {
	if v.Problem != nil {
		return
	}
	var lastSeq int64
	var lastHash string
	if v.prev != nil {
		lastSeq, lastHash = v.prev.Seq, v.prev.Hash
	}
	switch {
	case lastSeq > headSeq:
		v.Problem = &AuditProblem{Seq: headSeq + 1, Kind: "appended",
			Detail: fmt.Sprintf("entries %d to %d were appended after the recorded head, entry %d", headSeq+1, lastSeq, headSeq)}
	case lastSeq < headSeq:
		v.Problem = &AuditProblem{Seq: lastSeq + 1, Kind: "truncated",
			Detail: fmt.Sprintf("the chain ends at entry %d but its recorded head is entry %d", lastSeq, headSeq)}
	case lastHash != headHash:
		v.Problem = &AuditProblem{Seq: lastSeq, Kind: "edited",
			Detail: "the last entry's hash differs from the recorded head"}
	}
}

// VerifyAudit walks the whole chain in tx, pageSize entries at a time, and
// compares its end with the recorded head. Run it in one read-only
// transaction: a snapshot, so entries committed while it walks can neither
// be missed nor look like a chain cut short.
func VerifyAudit(ctx context.Context, tx AuditStore, pageSize int) (*AuditVerifier, error) {
	v := &AuditVerifier{}
	var after int64
	for {
		list, err := tx.ListAudit(ctx, AuditFilter{AfterSeq: after, Limit: pageSize})
		if err != nil {
			return nil, err
		}
		for _, e := range list {
			if !v.Next(e) {
				return v, nil
			}
			after = e.Seq
		}
		if len(list) < pageSize {
			break
		}
	}
	seq, hash, err := tx.AuditHead(ctx)
	if err != nil {
		return nil, err
	}
	v.Finish(seq, hash)
	return v, nil
}

// AuditFilter narrows a listing of the audit log. Every condition set must
// hold.
type AuditFilter struct {
	Entity   string
	EntityID int64
	Action   string
	// ActorID matches the entries of one user, whether made through a
	// session or a token; ActorName matches the name recorded, for actors
	// without a user ("system").
	ActorID   int64
	ActorName string
	// Since and Until bound the entries' times: Since <= At < Until.
	Since, Until time.Time
	// AfterSeq and BeforeSeq bound the entries' sequence numbers, both
	// excluded, when set: a long listing pages by them, unmoved by entries
	// appended meanwhile.
	AfterSeq, BeforeSeq int64
	// Newest lists the newest entries first; otherwise they come in chain
	// order, oldest first.
	Newest bool
	Offset int
	Limit  int
}

// CheckReadAudit is FindAuditEntries' refusal for a, if any.
func CheckReadAudit(a *Actor) error {
	return a.RequireRole(RoleAdmin)
}

// CanReadAudit reports whether a may read the audit log.
func CanReadAudit(a *Actor) bool { return CheckReadAudit(a) == nil }

// AuditTerm is a name the services record in the audit log, with the
// Chinese word people read for it.
type AuditTerm struct {
	Name  string
	Label string
}

// AuditActions are the actions the audit log records, in the order a
// filter offers them.
var AuditActions = []AuditTerm{
	{"create", "新增"}, {"update", "修改"}, {"delete", "删除"},
	{"set_recognition", "设置认定状态"}, {"revoke", "撤销"},
	{"login", "登录"}, {"logout", "退出"}, {"login_failed", "登录失败"}, {"login_locked", "登录锁定"},
	{"change_password", "修改密码"}, {"bulk_import", "批量导入"},
	{"submit", "提交申报"}, {"resubmit", "补正后重新提交"}, {"withdraw", "撤回申报"},
	{"approve", "审核通过"}, {"return", "退回补正"}, {"reject", "不予通过"},
	{"draw", "抽取专家"}, {"decline", "专家回避"}, {"score", "专家评分"},
	{"announce", "列入公示"}, {"uphold", "异议成立"}, {"publish", "发布目录"},
	{"answer", "答复"}, {"rate", "评价"},
	{"issue", "签发证书"}, {"restore", "恢复认定"}, {"set_valid_until", "调整有效期"}, {"expire", "有效期届满"},
	{"rotate_key", "更换签名密钥"}, {"run_job", "手动运行后台任务"},
	{"confirm", "确认"}, {"allocate", "资金分配"}, {"send_back", "退回分配方案"}, {"not_funded", "未获安排"},
	{"pay", "拨付"}, {"pay_off", "拨付完毕"}, {"offer", "免申即享测算"}, {"decline_offer", "放弃补贴"},
	{"change_parameter", "调整政策参数"},
	{"grant", "予以免责"}, {"refuse", "不予免责"}, {"check", "检查招标文件"}, {"mark", "标注检查问题"},
}

// AuditEntities are the kinds of record the audit log names.
var AuditEntities = []AuditTerm{
	{"product", "装备"}, {"enterprise", "企业"}, {"user", "用户"},
	{"api_token", "访问令牌"}, {"category", "装备类别"}, {"catalog", "目录"},
	{"case", "办件"}, {"round", "申报批次"}, {"attachment", "申报材料"}, {"expert", "评审专家"},
	{"notice", "公示"}, {"objection", "公示异议"}, {"rating", "办件评价"}, {"calendar", "工作日历"},
	{"certificate", "证书"}, {"signing_key", "签名密钥"}, {"job", "后台任务"},
	{"incentive_round", "奖补批次"}, {"application", "奖补申请"}, {"disbursement", "资金拨付"},
	{"insurance_policy", "保单"}, {"claim", "理赔"}, {"subsidy_offer", "免申即享补贴"}, {"insurer_member", "共保体成员"},
	{"parameter", "政策参数"}, {"incentives", "奖补数据"},
	{"launch_event", "新产品发布会"}, {"launch_plaque", "发布会牌匾"}, {"launch_honoree", "受表彰研发人员"},
	{"exemption", "容错免责申请"}, {"tender_check", "招标文件检查"}, {"complaint", "招标投诉"},
}

// SystemActorName is how the platform itself is recorded ("system"), and
// SystemActorLabel how people read it.
const (
	SystemActorName  = "system"
	SystemActorLabel = "系统"
)

// AuditLabel is the Chinese word for an action or entity name in terms,
// and false for a name the services never record.
func AuditLabel(terms []AuditTerm, name string) (string, bool) {
	for _, t := range terms {
		if t.Name == name {
			return t.Label, true
		}
	}
	return "", false
}

// AuditService reads and verifies the audit log (administrators only).
type AuditService interface {
	FindAuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
	// CountAuditEntries counts what FindAuditEntries would list without
	// its offset and limit.
	CountAuditEntries(ctx context.Context, f AuditFilter) (int, error)
	VerifyAudit(ctx context.Context) (*AuditVerifier, error)
}

// AuditStore is the audit log's part of a Tx.
type AuditStore interface {
	// AppendAudit seals e onto the end of the chain (setting Seq and the
	// hashes) and stores it, inside this transaction.
	AppendAudit(ctx context.Context, e *AuditEntry) error
	ListAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
	// CountAudit counts the entries ListAudit would list without f's
	// offset and limit.
	CountAudit(ctx context.Context, f AuditFilter) (int, error)
	// AuditHead is the last entry's sequence number and hash as recorded
	// beside the chain.
	AuditHead(ctx context.Context) (int64, string, error)
}
