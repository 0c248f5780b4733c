package service

import "firstset"

// The Can… functions answer, for pages deciding what to offer, whether the
// service would let an actor do something. Each is the very check the
// service method makes (the Check… functions return its refusal), so a
// page never offers a link or button that the service then refuses; the
// token's scope is checked separately, when the call is made.

// ProductReach is which products FindProducts lists for an actor.
type ProductReach int

const (
	ReachNone       ProductReach = iota // the public: the catalog pages only
	ReachCatalog                        // recognised products only: buyers, experts, insurers
	ReachEnterprise                     // its own enterprise's products
	ReachDistrict                       // the products of its district's enterprises
	ReachAll                            // every product: the city's departments
)

// ProductReachOf is what FindProducts lists for a.
func ProductReachOf(a *firstset.Actor) ProductReach {
	switch {
	case a.IsPublic():
		return ReachNone
	case a.Role().SeesAllEnterprises():
		return ReachAll
	case a.Role() == firstset.RoleEnterprise:
		return ReachEnterprise
	case a.Role() == firstset.RoleDistrict:
		return ReachDistrict
	}
	return ReachCatalog
}

// SeesStatus reports whether products of status st can be among those
// FindProducts lists for a: roles that work from the catalog see recognised
// products only.
func SeesStatus(a *firstset.Actor, st firstset.ProductStatus) bool {
	switch ProductReachOf(a) {
	case ReachNone:
		return false
	case ReachCatalog:
		return st == firstset.StatusRecognised
	}
	return true
}

// CanFilterCatalogByStatus reports whether SearchCatalog honours a's
// status filter: the city's departments see expired, revoked and
// unpublished products too; everyone else the published catalog only.
func CanFilterCatalogByStatus(a *firstset.Actor) bool {
	return !a.IsPublic() && a.Role().SeesAllEnterprises()
}

// CheckCreateProduct is CreateProduct's refusal for a, if any.
func CheckCreateProduct(a *firstset.Actor) error {
	_, err := roleIn(a, firstset.RoleEnterprise, firstset.RoleAdmin, firstset.RoleReviewer)
	return err
}

// CanCreateProduct reports whether CreateProduct would accept a's declaration.
func CanCreateProduct(a *firstset.Actor) bool { return CheckCreateProduct(a) == nil }

// ProductEnterpriseFixed reports whether a always writes products for one
// enterprise (its own), and which: the product form then offers no choice.
func ProductEnterpriseFixed(a *firstset.Actor) (int64, bool) {
	if a.Role() == firstset.RoleEnterprise {
		return a.User.EnterpriseID, true
	}
	return 0, false
}

// CheckEditProduct is UpdateProduct's refusal for a and p, if any.
func CheckEditProduct(a *firstset.Actor, p *firstset.Product) error { return checkCanUpdate(a, p) }

// CheckDeleteProduct is DeleteProduct's refusal for a and p, if any.
func CheckDeleteProduct(a *firstset.Actor, p *firstset.Product) error { return checkCanDelete(a, p) }

// CheckSetRecognition is SetRecognition's refusal for a, if any.
func CheckSetRecognition(a *firstset.Actor) error {
	_, err := roleIn(a, firstset.RoleAdmin, firstset.RoleReviewer)
	return err
}

// CanSetRecognition reports whether a may place products in or out of the
// catalog: whose work the products awaiting recognition are.
func CanSetRecognition(a *firstset.Actor) bool { return CheckSetRecognition(a) == nil }

// CheckCreateEnterprise is CreateEnterprise's refusal for a, if any.
func CheckCreateEnterprise(a *firstset.Actor) error {
	_, err := roleIn(a, firstset.RoleAdmin, firstset.RoleReviewer)
	return err
}

// CanCreateEnterprise reports whether a may register enterprises.
func CanCreateEnterprise(a *firstset.Actor) bool { return CheckCreateEnterprise(a) == nil }

// CheckEditEnterprise is UpdateEnterprise's refusal for a and e, if any.
func CheckEditEnterprise(a *firstset.Actor, e *firstset.Enterprise) error {
	return checkCanUpdateEnterprise(a, e)
}

// CanEditEnterprise reports whether a may edit e's profile.
func CanEditEnterprise(a *firstset.Actor, e *firstset.Enterprise) bool {
	return CheckEditEnterprise(a, e) == nil
}

// EnterpriseIdentityFixed reports whether a edits an enterprise's profile
// without its identity: its name, credit code and district, which the
// catalog shows and which decide the district office that reviews it. An
// enterprise changes them through the city (a registration change is
// verified there), not by itself.
func EnterpriseIdentityFixed(a *firstset.Actor) bool { return a.Role() == firstset.RoleEnterprise }

// CanSeeEnterprise reports whether FindEnterpriseByID shows e to a. Only
// e's id and district are read, so a product's can stand for it.
func CanSeeEnterprise(a *firstset.Actor, e *firstset.Enterprise) bool {
	return !a.IsPublic() && canSeeEnterprise(a, e)
}

// CheckListEnterprises is FindEnterprises' refusal for a, if any.
func CheckListEnterprises(a *firstset.Actor) error {
	if a.IsPublic() {
		return firstset.LoginRequired()
	}
	switch {
	case a.Role().SeesAllEnterprises(), a.Role() == firstset.RoleDistrict, a.Role() == firstset.RoleEnterprise:
		return nil
	}
	return firstset.Errorf(firstset.EFORBIDDEN, "您的角色（%s）无权查看企业名录。", a.Role().Label())
}

// EnterpriseDistrictOf is the one district whose enterprises a lists, or ""
// when a's list is not bound to a district (the district filter is then a
// choice).
func EnterpriseDistrictOf(a *firstset.Actor) string {
	if a.Role() == firstset.RoleDistrict {
		return a.User.DistrictCode
	}
	return ""
}

// CanListEnterprises reports whether a may open the enterprise list. An
// enterprise user's list holds its own enterprise only.
func CanListEnterprises(a *firstset.Actor) bool { return CheckListEnterprises(a) == nil }

// usersAdmin are the roles that manage accounts.
var usersAdmin = []firstset.Role{firstset.RoleAdmin}

// CheckManageUsers is the refusal of FindUsers, CreateUser and UpdateUser for a, if any.
func CheckManageUsers(a *firstset.Actor) error {
	_, err := roleIn(a, usersAdmin...)
	return err
}

// CanManageUsers reports whether a may list, create and edit accounts.
func CanManageUsers(a *firstset.Actor) bool { return CheckManageUsers(a) == nil }

// CheckManageCategories is CreateCategory's refusal for a, if any.
func CheckManageCategories(a *firstset.Actor) error {
	_, err := roleIn(a, firstset.RoleAdmin)
	return err
}

// CanManageCategories reports whether a may add equipment categories.
func CanManageCategories(a *firstset.Actor) bool { return CheckManageCategories(a) == nil }

// CheckReadAudit is FindAuditEntries' refusal for a, if any.
func CheckReadAudit(a *firstset.Actor) error {
	_, err := roleIn(a, firstset.RoleAdmin)
	return err
}

// CanReadAudit reports whether a may read the audit log.
func CanReadAudit(a *firstset.Actor) bool { return CheckReadAudit(a) == nil }

// CheckTenderCheck is AuthorizeTenderCheck's refusal for a, if any: the
// roles that write, supervise or bid for tenders use the checker.
func CheckTenderCheck(a *firstset.Actor) error {
	if a.IsPublic() {
		return firstset.LoginRequired()
	}
	if !a.Role().ChecksTenders() {
		return firstset.Errorf(firstset.EFORBIDDEN, "您的角色（%s）无权使用招标文件检查。", a.Role().Label())
	}
	return nil
}

// CanCheckTenders reports whether a may use the tender checker.
func CanCheckTenders(a *firstset.Actor) bool { return CheckTenderCheck(a) == nil }
