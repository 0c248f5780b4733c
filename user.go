package firstset

import (
	"context"
	"time"
)

// User is a person or program account on the platform.
type User struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	// EnterpriseID is set for enterprise users: the one enterprise they act for.
	EnterpriseID int64 `json:"enterprise_id,omitempty"`
	// BuyerID is set for buyer users: the one purchasing unit they act for.
	BuyerID int64 `json:"buyer_id,omitempty"`
	// InstitutionID is set for the users of insurers, banks, leasing firms
	// and funds: the one institution they act for.
	InstitutionID int64 `json:"institution_id,omitempty"`
	// DistrictCode is set for district users: the one district they review.
	DistrictCode string `json:"district_code,omitempty"`
	Phone        string `json:"phone,omitempty"`
	Email        string `json:"email,omitempty"`
	Disabled     bool   `json:"disabled"`
	PasswordHash string `json:"-"`
	// OIDCSubject is the subject (sub) at the identity provider OIDCIssuer
	// that signs in as this user, linked by an administrator; empty for none.
	OIDCIssuer  string    `json:"-"`
	OIDCSubject string    `json:"oidc_subject,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// UserInput is what an administrator sets when creating or editing a user.
type UserInput struct {
	Username      string `json:"username"`
	Name          string `json:"name"`
	Role          Role   `json:"role"`
	EnterpriseID  int64  `json:"enterprise_id,omitempty"`
	BuyerID       int64  `json:"buyer_id,omitempty"`
	InstitutionID int64  `json:"institution_id,omitempty"`
	DistrictCode  string `json:"district_code,omitempty"`
	Phone         string `json:"phone,omitempty"`
	Email         string `json:"email,omitempty"`
	Disabled      bool   `json:"disabled"`
	// Password is required on create; on update an empty one keeps the old.
	Password string `json:"password,omitempty"`
	// OIDCSubject links the user to a subject of the configured identity
	// provider: nil keeps the link as it is, empty removes it.
	OIDCSubject *string `json:"oidc_subject,omitempty"`
}

// UserFilter narrows a user listing.
type UserFilter struct {
	Role         Role
	EnterpriseID int64
	Query        string
	Offset       int
	Limit        int
}

// CheckManageUsers is the refusal of FindUsers, CreateUser and UpdateUser for a, if any.
func CheckManageUsers(a *Actor) error {
	return a.RequireRole(RoleAdmin)
}

// CanManageUsers reports whether a may list, create and edit accounts.
func CanManageUsers(a *Actor) bool { return CheckManageUsers(a) == nil }

// CheckReadUser is FindUserByID's refusal for a reading user id, if any:
// everyone reads their own account, an administrator anyone's (with a
// token, one that may manage users).
func CheckReadUser(a *Actor, id int64) error {
	if a.IsPublic() {
		return LoginRequired()
	}
	if a.ID() == id {
		return nil
	}
	if a.Role() != RoleAdmin {
		return Errorf(EFORBIDDEN, "只有平台管理员可以查看其他用户。")
	}
	if !a.Allows(ScopeUsersAdmin) {
		return Errorf(EFORBIDDEN, "访问令牌缺少权限 %s。", ScopeUsersAdmin)
	}
	return nil
}

// UserService manages accounts. Only administrators manage other users.
type UserService interface {
	FindUserByID(ctx context.Context, id int64) (*User, error)
	FindUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	CreateUser(ctx context.Context, in UserInput) (*User, error)
	UpdateUser(ctx context.Context, id int64, in UserInput) (*User, error)
	// ChangePassword lets the caller change their own password.
	ChangePassword(ctx context.Context, oldPassword, newPassword string) error
	// FindOIDCRequests lists the sign-ins through the identity provider
	// by subjects no user is linked to (administrators).
	FindOIDCRequests(ctx context.Context) ([]*OIDCRequest, error)
	// LinkOIDCRequest links a pending request's subject to the user named
	// username and removes the request (administrators).
	LinkOIDCRequest(ctx context.Context, id int64, username string) (*User, error)
}

// UserStore is the users' part of a Tx.
type UserStore interface {
	UserByID(ctx context.Context, id int64) (*User, error)
	UserByUsername(ctx context.Context, username string) (*User, error)
	ListUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	CreateUser(ctx context.Context, u *User) error
	UpdateUser(ctx context.Context, u *User) error
}
