package service

import (
	"context"
	"errors"
	"strings"

	"firstset"
	"firstset/district"
	"firstset/password"
	"firstset/plaintext"
)

// Users implements the accounts.
type Users struct{ *env }

var _ firstset.UserService = (*Users)(nil)

// FindUserByID returns a user: administrators see anyone, others themselves.
func (s *Users) FindUserByID(ctx context.Context, id int64) (*firstset.User, error) {
	if err := firstset.CheckReadUser(actor(ctx), id); err != nil {
		return nil, err
	}
	var u *firstset.User
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		u, err = tx.UserByID(ctx, id)
		return err
	})
	return u, err
}

// FindUsers lists users (administrators).
func (s *Users) FindUsers(ctx context.Context, f firstset.UserFilter) ([]*firstset.User, int, error) {
	a, err := roleIn(actor(ctx), firstset.RoleAdmin)
	if err != nil {
		return nil, 0, err
	}
	if err := requireScope(a, firstset.ScopeUsersAdmin); err != nil {
		return nil, 0, err
	}
	f.Offset, f.Limit = page(f.Offset, f.Limit, 50, 200)
	f.Query = clean(f.Query)
	if err := checkQuery(f.Query); err != nil {
		return nil, 0, err
	}
	var list []*firstset.User
	var total int
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		list, total, err = tx.ListUsers(ctx, f)
		return err
	})
	return list, total, err
}

// CreateUser opens an account (administrators).
func (s *Users) CreateUser(ctx context.Context, in firstset.UserInput) (*firstset.User, error) {
	a, err := roleIn(actor(ctx), firstset.RoleAdmin)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeUsersAdmin); err != nil {
		return nil, err
	}
	u := &firstset.User{}
	pw, err := preparePassword(in.Password, in.Username, true)
	if err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		if err := s.applyUserInput(ctx, tx, u, in, pw); err != nil {
			return err
		}
		now := s.Now()
		u.CreatedAt, u.UpdatedAt = now, now
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		if err := tx.DeleteOIDCRequest(ctx, u.OIDCIssuer, u.OIDCSubject); err != nil {
			return err
		}
		return s.record(ctx, tx, "create", "user", u.ID, nil, u)
	})
	if err != nil {
		return nil, usernameTaken(err, u.Username)
	}
	return u, nil
}

// UpdateUser edits an account (administrators). Disabling an account or
// changing its password ends its sessions.
func (s *Users) UpdateUser(ctx context.Context, id int64, in firstset.UserInput) (*firstset.User, error) {
	a, err := roleIn(actor(ctx), firstset.RoleAdmin)
	if err != nil {
		return nil, err
	}
	if err := requireScope(a, firstset.ScopeUsersAdmin); err != nil {
		return nil, err
	}
	if id == a.ID() && (in.Disabled || in.Role != firstset.RoleAdmin) {
		return nil, firstset.FieldErrorf("role", "self_lockout", "不能停用自己的账号或取消自己的管理员角色，以免平台无人管理。")
	}
	var u *firstset.User
	pw, err := preparePassword(in.Password, in.Username, false)
	if err != nil {
		return nil, err
	}
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.UserByID(ctx, id)
		if err != nil {
			return err
		}
		u = new(firstset.User)
		*u = *old
		if err := s.applyUserInput(ctx, tx, u, in, pw); err != nil {
			return err
		}
		u.UpdatedAt = s.Now()
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		if err := tx.DeleteOIDCRequest(ctx, u.OIDCIssuer, u.OIDCSubject); err != nil {
			return err
		}
		// Whoever signed in through the identity provider as the subject
		// the user no longer has is signed out.
		if old.OIDCSubject != "" && (u.OIDCSubject != old.OIDCSubject || u.OIDCIssuer != old.OIDCIssuer) {
			if err := tx.DeleteUserSessions(ctx, u.ID); err != nil {
				return err
			}
		}
		if u.Disabled || u.PasswordHash != old.PasswordHash || u.Role != old.Role {
			if err := tx.DeleteUserSessions(ctx, u.ID); err != nil {
				return err
			}
			// Tokens carry what the old role or the old credentials allowed.
			if err := s.revokeUserTokens(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, "update", "user", u.ID, old, u)
	})
	if err != nil {
		return nil, usernameTaken(err, in.Username)
	}
	return u, nil
}

// ChangePassword changes the caller's own password and ends its other sessions.
func (s *Users) ChangePassword(ctx context.Context, oldPassword, newPassword string) error {
	a, err := requireLogin(ctx)
	if err != nil {
		return err
	}
	if a.Token != nil {
		return firstset.Errorf(firstset.EFORBIDDEN, "访问令牌不能修改密码。")
	}
	if ok, _, _ := password.Verify(oldPassword, a.User.PasswordHash); !ok {
		return firstset.FieldErrorf("old_password", "wrong_password", "原密码不正确。")
	}
	if err := password.CheckStrength(newPassword, a.User.Username); err != nil {
		return firstset.FieldErrorf("new_password", "weak_password", "%s", err.Error())
	}
	hash, err := password.Hash(newPassword)
	if err != nil {
		return err
	}
	return s.store.Update(ctx, func(tx firstset.Tx) error {
		old, err := tx.UserByID(ctx, a.ID())
		if err != nil {
			return err
		}
		u := *old
		u.PasswordHash, u.UpdatedAt = hash, s.Now()
		if err := tx.UpdateUser(ctx, &u); err != nil {
			return err
		}
		if err := tx.DeleteUserSessions(ctx, u.ID); err != nil {
			return err
		}
		// A password is changed when it may have leaked; so may the tokens.
		if err := s.revokeUserTokens(ctx, tx, u.ID); err != nil {
			return err
		}
		return s.record(ctx, tx, "change_password", "user", u.ID, nil, nil)
	})
}

// newPassword is a password checked and hashed before the transaction
// that stores it: hashing takes tens of milliseconds on purpose, and
// inside a write it would hold up every other writer.
type newPassword struct {
	weak error  // why it was refused, if it was
	hash string // its hash, if it was accepted; empty when none was given
}

// preparePassword checks plain against the rules, username (as the input
// gives it) included, and hashes it.
func preparePassword(plain, username string, required bool) (newPassword, error) {
	if !required && plain == "" {
		return newPassword{}, nil
	}
	if err := password.CheckStrength(plain, strings.ToLower(clean(username))); err != nil {
		return newPassword{weak: err}, nil
	}
	h, err := password.Hash(plain)
	if err != nil {
		return newPassword{}, err
	}
	return newPassword{hash: h}, nil
}

// usernameTaken words the store's refusal of a username already in use
// (the unique index decides it, inside the write) as the form's problem
// with the field.
func usernameTaken(err error, username string) error {
	var fe *firstset.Error
	if !errors.As(err, &fe) || fe.Code != firstset.ECONFLICT || fe.Field != "username" {
		return err
	}
	e := firstset.FieldErrorf("username", "username_taken", "用户名 %s 已存在。", strings.ToLower(clean(username)))
	e.Err = err
	return e
}

func (s *Users) applyUserInput(ctx context.Context, tx firstset.Tx, u *firstset.User, in firstset.UserInput, pw newPassword) error {
	var p firstset.Problems
	in.Username, in.Name = strings.ToLower(clean(in.Username)), clean(in.Name)
	in.Phone, in.Email, in.DistrictCode = clean(in.Phone), clean(in.Email), clean(in.DistrictCode)
	if !usernamePattern.MatchString(in.Username) {
		// A control character gets its own message, naming it.
		if checkText(&p, "username", "用户名", in.Username, plaintext.OneLine) {
			p.Add("username", "invalid_username", "用户名须为3至32位字母、数字、下划线、点或连字符，以字母或数字开头。")
		}
	}
	requireText(&p, "name", "姓名", in.Name, 50)
	checkPhone(&p, "phone", in.Phone, false)
	checkEmail(&p, "email", in.Email)
	if !in.Role.Valid() {
		p.Add("role", "invalid_role", "请选择有效的角色。")
	}
	if in.Role == firstset.RoleEnterprise {
		if in.EnterpriseID == 0 {
			p.Add("enterprise_id", "required", "企业用户须选择所属企业。")
		} else if _, err := tx.EnterpriseByID(ctx, in.EnterpriseID); firstset.ErrorCode(err) == firstset.ENOTFOUND {
			p.Add("enterprise_id", "unknown_enterprise", "所选企业不存在。")
		} else if err != nil {
			return err
		}
	} else {
		in.EnterpriseID = 0
	}
	if in.Role == firstset.RoleBuyer {
		if in.BuyerID == 0 {
			p.Add("buyer_id", "required", "采购单位用户须选择所属采购单位。")
		} else if _, err := tx.BuyerByID(ctx, in.BuyerID); firstset.ErrorCode(err) == firstset.ENOTFOUND {
			p.Add("buyer_id", "unknown_buyer", "所选采购单位不存在。")
		} else if err != nil {
			return err
		}
	} else {
		in.BuyerID = 0
	}
	if in.Role == firstset.RoleInsurer {
		if in.InstitutionID == 0 {
			p.Add("institution_id", "required", "保险机构/金融机构用户须选择所属机构。")
		} else if _, err := tx.InstitutionByID(ctx, in.InstitutionID); firstset.ErrorCode(err) == firstset.ENOTFOUND {
			p.Add("institution_id", "unknown_institution", "所选机构不存在。")
		} else if err != nil {
			return err
		}
	} else {
		in.InstitutionID = 0
	}
	if in.Role == firstset.RoleDistrict {
		if _, ok := district.ByCode(in.DistrictCode); checkText(&p, "district_code", "区县代码", in.DistrictCode, plaintext.OneLine) && !ok {
			p.Add("district_code", "unknown_district", "区县用户须选择所属区县。")
		}
	} else {
		in.DistrictCode = ""
	}
	if err := s.applyOIDCSubject(ctx, tx, &p, u, in.OIDCSubject); err != nil {
		return err
	}
	if pw.weak != nil {
		p.Add("password", "weak_password", "%s", pw.weak.Error())
	}
	if err := p.Err(); err != nil {
		return err
	}
	u.Username, u.Name, u.Role = in.Username, in.Name, in.Role
	u.EnterpriseID, u.BuyerID, u.DistrictCode, u.Phone, u.Email = in.EnterpriseID, in.BuyerID, in.DistrictCode, in.Phone, in.Email
	u.InstitutionID = in.InstitutionID
	u.Disabled = in.Disabled
	if pw.hash != "" {
		u.PasswordHash = pw.hash
	}
	return nil
}

// revokeUserTokens revokes every live API token of a user, each with its
// audit entry.
func (s *Users) revokeUserTokens(ctx context.Context, tx firstset.Tx, userID int64) error {
	tokens, err := tx.ListAPITokens(ctx, userID)
	if err != nil {
		return err
	}
	now := s.Now()
	for _, t := range tokens {
		if t.RevokedAt != nil {
			continue
		}
		if err := tx.RevokeAPIToken(ctx, t.ID, now); err != nil {
			return err
		}
		after := *t
		after.RevokedAt = &now
		if err := s.record(ctx, tx, "revoke", "api_token", t.ID, t, &after); err != nil {
			return err
		}
	}
	return nil
}
