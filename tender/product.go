package tender

import (
	"fmt"

	"firstset/date"
)

// Product is a catalog product whose bid a tender is checked for.
type Product struct {
	Name         string    `json:"name"`
	Model        string    `json:"model,omitempty"`
	Enterprise   string    `json:"enterprise,omitempty"`
	Certificate  string    `json:"certificate"`
	RecognizedOn date.Date `json:"recognized_on"`
	// ValidUntil is the last day of the certificate's validity in force as
	// the caller works it out (a stored end of validity, else the policy's
	// catalog.validity_years: policy.ParamSet.ValidUntil); the checker
	// applies no validity rule of its own. Zero means unknown.
	ValidUntil date.Date `json:"valid_until,omitzero"`
	Insured    bool      `json:"insured"`
}

// FirstSetReport says what the product's certificate and insurance change.
type FirstSetReport struct {
	Product    Product   `json:"product"`
	CheckedOn  date.Date `json:"checked_on,omitzero"`
	ValidUntil date.Date `json:"valid_until,omitzero"`
	// Whether the certificate is in force on CheckedOn (true when no date
	// was given to test against).
	Valid bool `json:"valid"`
	// Rules whose requirements the certificate is deemed to meet (M24-4).
	DeemedMet []RuleID `json:"deemed_met"`
	// The product is insured, so no quality deposit applies (O18-14).
	NoQualityDeposit bool     `json:"no_quality_deposit"`
	Notes            []string `json:"notes"`
	Basis            []Basis  `json:"basis"`
}

func firstSetReport(p Product, on date.Date, findings []Finding) *FirstSetReport {
	r := &FirstSetReport{Product: p, CheckedOn: on, ValidUntil: p.ValidUntil, Valid: true,
		DeemedMet: []RuleID{}, Basis: []Basis{basisM24, basisO18}}
	name := "《" + p.Name + "》"
	if p.Certificate != "" {
		name += "（证书编号 " + p.Certificate + "）"
	}
	switch {
	case r.ValidUntil.IsZero():
		r.Notes = append(r.Notes, name+"未登记有效期，无法核对。")
	case !on.IsZero() && on.After(r.ValidUntil):
		r.Valid = false
		r.Notes = append(r.Notes, fmt.Sprintf("%s有效期已于%s届满，不再视同满足市场占有率、应用业绩等要求。", name, r.ValidUntil.Chinese()))
	case !on.IsZero() && on.Before(p.RecognizedOn):
		r.Valid = false
		r.Notes = append(r.Notes, fmt.Sprintf("%s于%s认定，检查日尚未认定。", name, p.RecognizedOn.Chinese()))
	}
	if r.Valid {
		r.DeemedMet = []RuleID{MarketShare, PastPerformance}
		r.Notes = append(r.Notes, name+"为首台（套）重大技术装备，仅需提供首台（套）产品证明材料，即视同满足市场占有率、应用业绩等要求（M24-4）。")
	}
	r.NoQualityDeposit = p.Insured
	if p.Insured {
		r.Notes = append(r.Notes, name+"已投保首台（套）保险，一般不再收取质量保证金（O18-14）。")
	} else {
		r.Notes = append(r.Notes, name+"未登记投保，质量保证金的豁免（O18-14）不适用；投保后可申请不再收取。")
	}
	for i := range findings {
		f := &findings[i]
		switch {
		case (f.Rule == MarketShare || f.Rule == PastPerformance) && r.Valid:
			f.FirstSet = join(f.FirstSet, name+"凭首台（套）证书视同满足此项要求（M24-4）。")
		case (f.Rule == MarketShare || f.Rule == PastPerformance) && !r.Valid:
			f.FirstSet = join(f.FirstSet, name+"证书不在有效期内，不能视同满足此项要求。")
		case f.Rule == QualityDeposit && p.Insured:
			if f.Severity != Low { // low: the document already exempts insured products
				f.Severity = High
			}
			f.FirstSet = join(f.FirstSet, name+"已投保，不应再收取质量保证金（O18-14）。")
		}
	}
	return r
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + b
}
