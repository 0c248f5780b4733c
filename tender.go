package firstset

// ChecksTenders reports whether the role may use the tender-document
// checker: those who write tenders (buyers, state-owned enterprises under
// 市国资委), supervise them (市发展改革委), run the policy (reviewers,
// administrators), and the manufacturers a tender would shut out
// (enterprises), who check a tender before they bid or complain about it.
func (r Role) ChecksTenders() bool {
	switch r {
	case RoleBuyer, RoleTender, RoleReviewer, RoleAdmin, RoleSOE, RoleEnterprise:
		return true
	}
	return false
}

// TenderCheckInput is one document to check, as lines of text, and the
// catalog product whose bid it is checked for (0 for none).
type TenderCheckInput struct {
	Lines     []string
	ProductID int64
	// Insured says the product is covered by first-set insurance; the
	// catalog does not record insurance yet, so the caller states it.
	Insured bool
	// Paragraphs says the lines are a .docx's paragraphs (段), not lines.
	Paragraphs bool
}

// CheckTenderCheck is AuthorizeTenderCheck's refusal for a, if any: the
// roles that write, supervise or bid for tenders use the checker.
func CheckTenderCheck(a *Actor) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	if !a.Role().ChecksTenders() {
		return Errorf(EFORBIDDEN, "您的角色（%s）无权使用招标文件检查。", a.Role().Label())
	}
	return nil
}

// CanCheckTenders reports whether a may use the tender checker.
func CanCheckTenders(a *Actor) bool { return CheckTenderCheck(a) == nil }
