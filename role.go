package firstset

// Role is what a user is to the platform; each role's comment says who holds it.
type Role string

const (
	RoleEnterprise Role = "enterprise" // a manufacturer's staff
	RoleBuyer      Role = "buyer"      // a state-owned or public buyer
	RoleDistrict   Role = "district"   // a district economic office
	RoleReviewer   Role = "reviewer"   // 市经济信息委 staff
	RoleExpert     Role = "expert"     // a member of the expert pool
	RoleFinance    Role = "finance"    // 市财政局
	RoleTender     Role = "tender"     // 市发展改革委 tender supervision
	RoleSOE        Role = "soe"        // 市国资委
	RoleInsurer    Role = "insurer"    // insurers, banks and leasing firms
	RoleAdmin      Role = "admin"      // the platform's operator
)

// Roles lists every role in the order the UI offers them.
var Roles = []Role{RoleEnterprise, RoleBuyer, RoleDistrict, RoleReviewer, RoleExpert,
	RoleFinance, RoleTender, RoleSOE, RoleInsurer, RoleAdmin}

var roleLabels = map[Role]string{
	RoleEnterprise: "企业用户",
	RoleBuyer:      "采购单位",
	RoleDistrict:   "区县经济信息部门",
	RoleReviewer:   "市经济信息委审核人员",
	RoleExpert:     "评审专家",
	RoleFinance:    "市财政局",
	RoleTender:     "市发展改革委（招标投标监管）",
	RoleSOE:        "市国资委",
	RoleInsurer:    "保险机构/银行",
	RoleAdmin:      "平台管理员",
}

// Label is the role's Chinese name.
func (r Role) Label() string { return roleLabels[r] }

// Valid reports whether r is a known role.
func (r Role) Valid() bool { _, ok := roleLabels[r]; return ok }

// SeesAllEnterprises reports whether the role may read every enterprise and
// every product, whatever its status: the city's own departments.
func (r Role) SeesAllEnterprises() bool {
	switch r {
	case RoleReviewer, RoleAdmin, RoleFinance, RoleTender, RoleSOE:
		return true
	}
	return false
}
