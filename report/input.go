package report

import "firstset/date"

// Purchase is one contract for a first-set product by a state-owned or
// public buyer, as the service maps its records.
type Purchase struct {
	BuyerID        int64
	BuyerName      string
	BuyerKind      string // a key of BuyerKinds
	DistrictCode   string // GB/T 2260, the buyer's district
	DistrictName   string
	ProjectName    string
	ProjectKind    string // a key of ProjectKinds
	ProductID      int64
	ProductName    string
	EnterpriseName string
	ContractDate   date.Date
	AmountFen      int64
	Method         string // a key of Methods
	UseStatus      string // shown as given in the detail sheet
}

// EquipmentTotal is what a buyer spent on equipment of every kind in a
// period, the denominator of its first-set share.
type EquipmentTotal struct {
	BuyerID           int64
	BuyerName         string
	BuyerKind         string
	Period            string // as ParsePeriod reads it: "2026Q3"
	EquipmentTotalFen int64
}

// ExemptionCount is the period's fault-tolerance exemption requests
// (容错免责) and their outcomes.
type ExemptionCount struct {
	Requested, Granted, Refused int
}

// Code is a stored code and its Chinese label.
type Code struct{ Key, Label string }

// ProjectKinds are the projects whose purchases the bulletin reports, in
// the order the tables list them.
var ProjectKinds = []Code{
	{"key_project", "重点建设工程"},
	{"government_investment", "政府投资项目"},
	{"state_platform", "国有平台（企业）"},
}

// BuyerKinds are the kinds of buyer.
var BuyerKinds = []Code{
	{"soe_city", "市属国有企业"},
	{"soe_district", "区县属国有企业"},
	{"government", "政府部门及事业单位"},
	{"project_owner", "项目业主单位"},
}

// Methods are the procurement methods, from the most open.
var Methods = []Code{
	{"public_tender", "公开招标"},
	{"invited_tender", "邀请招标"},
	{"competitive_negotiation", "竞争性谈判"},
	{"competitive_consultation", "竞争性磋商"},
	{"inquiry", "询价"},
	{"single_source", "单一来源采购"},
	{"other", "其他方式"},
}

// indexOf is the position of key in codes, or -1.
func indexOf(codes []Code, key string) int {
	for i, c := range codes {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// LabelOf is the Chinese label of key, or key itself when it is not one
// of codes.
func LabelOf(codes []Code, key string) string {
	if i := indexOf(codes, key); i >= 0 {
		return codes[i].Label
	}
	return key
}
