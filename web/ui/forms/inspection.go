package forms

import (
	"net/url"
	"strings"

	"firstset"
	"firstset/web/httpx"
)

// The inspection forms' inputs, for NewErrors.
var (
	EvaluationBodyFields = []string{"name", "credit_code", "scope"}
	InspectorFields      = []string{"name", "unit", "active"}
	InspectionDrawFields = []string{"seed", "bodies", "inspectors", ConfirmField}
)

// EvaluationBodyFrom reads the evaluation body form.
func EvaluationBodyFrom(v url.Values) firstset.EvaluationBodyInput {
	return firstset.EvaluationBodyInput{Name: strings.TrimSpace(v.Get("name")), CreditCode: strings.TrimSpace(v.Get("credit_code")),
		Scope: strings.TrimSpace(v.Get("scope"))}
}

// InspectorFrom reads the inspector form.
func InspectorFrom(v url.Values) firstset.InspectorInput {
	return firstset.InspectorInput{Name: strings.TrimSpace(v.Get("name")), Unit: strings.TrimSpace(v.Get("unit")),
		Active: v.Get("active") != ""}
}

// InspectionDrawFrom reads the draw form, which asks for the confirmation:
// a draw is recorded and published as it falls.
func InspectionDrawFrom(v url.Values, p *firstset.Problems) firstset.InspectionDrawInput {
	in := firstset.InspectionDrawInput{Seed: strings.TrimSpace(v.Get("seed")),
		Bodies: int(httpx.FormInt(v, "bodies", p, "抽取评定机构数")), Inspectors: int(httpx.FormInt(v, "inspectors", p, "抽取检查人员数"))}
	Confirmed(v, p)
	return in
}

// InspectionFindingFields are the finding form's inputs, for NewErrors.
var InspectionFindingFields = []string{"body_id", "result", "note"}

// InspectionFindingFrom reads the finding form.
func InspectionFindingFrom(v url.Values, p *firstset.Problems) firstset.InspectionFindingInput {
	return firstset.InspectionFindingInput{BodyID: httpx.FormInt(v, "body_id", p, "检查对象"),
		Result: firstset.InspectionResult(strings.TrimSpace(v.Get("result"))), Note: strings.TrimSpace(v.Get("note"))}
}
