package forms

import (
	"net/url"
	"strings"

	"firstset"
	"firstset/web/httpx"
)

// The market side's forms' inputs, for NewErrors.
var (
	BuyerFields          = []string{"name", "credit_code", "kind", "district_code", "supervisor"}
	ProcurementFields    = []string{"product_id", "project_name", "project_kind", "contract_date", "amount_yuan", "method", "recommendation", "delivered_on", "accepted_on", "use_status", "note", "buyer_id"}
	EquipmentTotalFields = []string{"period", "equipment_total_yuan", "buyer_id"}
	BulletinFields       = []string{"period", "public", "opinion", ConfirmField}
)

// BuyerInputFrom reads the purchasing unit form.
func BuyerInputFrom(v url.Values) firstset.BuyerInput {
	return firstset.BuyerInput{
		Name:         strings.TrimSpace(v.Get("name")),
		CreditCode:   strings.TrimSpace(v.Get("credit_code")),
		Kind:         firstset.BuyerKind(strings.TrimSpace(v.Get("kind"))),
		DistrictCode: strings.TrimSpace(v.Get("district_code")),
		Supervisor:   strings.TrimSpace(v.Get("supervisor")),
	}
}

// BuyerInputOf is the form's starting values for b.
func BuyerInputOf(b *firstset.Buyer) url.Values {
	return url.Values{"name": {b.Name}, "credit_code": {b.CreditCode}, "kind": {string(b.Kind)},
		"district_code": {b.DistrictCode}, "supervisor": {b.Supervisor}}
}

// ProcurementInputFrom reads the purchase form; amounts as people type
// them (1,250,000, 125万).
func ProcurementInputFrom(v url.Values, p *firstset.Problems) firstset.ProcurementInput {
	return firstset.ProcurementInput{
		ProductID:      httpx.FormInt(v, "product_id", p, "装备"),
		ProjectName:    strings.TrimSpace(v.Get("project_name")),
		ProjectKind:    firstset.ProjectKind(strings.TrimSpace(v.Get("project_kind"))),
		ContractDate:   Date(v, "contract_date", "合同签订日期", p),
		Amount:         Yuan(v, "amount_yuan", "合同金额", p),
		Method:         firstset.ProcurementMethod(strings.TrimSpace(v.Get("method"))),
		Recommendation: strings.TrimSpace(v.Get("recommendation")),
		DeliveredOn:    Date(v, "delivered_on", "交付日期", p),
		AcceptedOn:     Date(v, "accepted_on", "验收日期", p),
		UseStatus:      firstset.UseStatus(strings.TrimSpace(v.Get("use_status"))),
		Note:           strings.TrimSpace(v.Get("note")),
		BuyerID:        httpx.FormInt(v, "buyer_id", p, "采购单位"),
	}
}

// ProcurementValuesOf is the form's starting values for a stored purchase.
func ProcurementValuesOf(r *firstset.Procurement) url.Values {
	v := url.Values{"product_id": {httpx.Itoa(r.ProductID)}, "project_name": {r.ProjectName},
		"project_kind": {string(r.ProjectKind)}, "contract_date": {r.ContractDate.String()},
		"amount_yuan": {r.Amount.String()}, "method": {string(r.Method)}, "recommendation": {r.Recommendation},
		"use_status": {string(r.UseStatus)}, "note": {r.Note}}
	if !r.DeliveredOn.IsZero() {
		v.Set("delivered_on", r.DeliveredOn.String())
	}
	if !r.AcceptedOn.IsZero() {
		v.Set("accepted_on", r.AcceptedOn.String())
	}
	return v
}

// EquipmentTotalFrom reads the equipment total form.
func EquipmentTotalFrom(v url.Values, p *firstset.Problems) firstset.EquipmentTotalInput {
	return firstset.EquipmentTotalInput{
		Period:  strings.TrimSpace(v.Get("period")),
		Amount:  Yuan(v, "equipment_total_yuan", "设备采购总额", p),
		BuyerID: httpx.FormInt(v, "buyer_id", p, "采购单位"),
	}
}

// BulletinInputFrom reads the form composing a bulletin.
func BulletinInputFrom(v url.Values) firstset.BulletinInput {
	return firstset.BulletinInput{Period: strings.TrimSpace(v.Get("period")), Public: v.Get("public") == "1"}
}
