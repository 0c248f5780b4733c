package cases

import "firstset"

// Regulator is the SOE regulator that decides a fault-tolerance request:
// 市国资委 for the city's SOEs, the district's office for a district's.
const Regulator Party = "regulator"

// Actions of the fault-tolerance workflow.
const (
	Grant  Action = "grant"  // 予以免责
	Refuse Action = "refuse" // 不予免责
)

// Exemption is the fault-tolerance exemption request (容错免责, 2024
// measures （六）, 2018 opinions （十三）): a state-owned buyer submits, its
// regulator grants or refuses with reasons, and that ends it. Its records
// are its own (firstset.Exemption), not firstset.Case: a case belongs to a
// manufacturer's product and is shown to that manufacturer, while a
// request is seen by the buyer and its regulator only.
var Exemption = &Kind{
	Name:          "exemption",
	Label:         "容错免责",
	Prefix:        "MZ",
	Start:         Stage(firstset.ExemptionSubmitted),
	ApplicantRole: firstset.RoleBuyer,
	Stages: []StageDef{
		{Stage: Stage(firstset.ExemptionSubmitted), Label: "待认定", Next: Regulator},
		{Stage: Stage(firstset.ExemptionGranted), Label: "予以免责", Terminal: true},
		{Stage: Stage(firstset.ExemptionRefused), Label: "不予免责", Terminal: true},
	},
	Rules: []Transition{
		{Action: Grant, Label: "予以免责", From: []Stage{Stage(firstset.ExemptionSubmitted)},
			To: Stage(firstset.ExemptionGranted), By: Regulator, Requires: []Requirement{NeedsReason}},
		{Action: Refuse, Label: "不予免责", From: []Stage{Stage(firstset.ExemptionSubmitted)},
			To: Stage(firstset.ExemptionRefused), By: Regulator, Requires: []Requirement{NeedsReason}},
	},
}
