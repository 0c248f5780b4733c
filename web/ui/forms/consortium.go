package forms

import (
	"net/url"

	"firstset"
	"firstset/web/httpx"
)

// The consortium forms' inputs, for NewErrors.
var (
	ConsortiumJoinFields  = []string{"institution_id", "joined_on"}
	ConsortiumLeaveFields = []string{"left_on", ConfirmField}
)

// ConsortiumJoinFrom reads the joining form.
func ConsortiumJoinFrom(v url.Values, p *firstset.Problems) firstset.ConsortiumJoin {
	return firstset.ConsortiumJoin{InstitutionID: httpx.FormInt(v, "institution_id", p, "保险机构"),
		JoinedOn: Date(v, "joined_on", "加入日期", p)}
}

// ConsortiumLeaveFrom reads the leaving form, which asks for the
// confirmation: from the leaving day the insurer can send no policies.
func ConsortiumLeaveFrom(v url.Values, p *firstset.Problems) firstset.ConsortiumLeave {
	in := firstset.ConsortiumLeave{LeftOn: Date(v, "left_on", "退出日期", p)}
	Confirmed(v, p)
	return in
}
