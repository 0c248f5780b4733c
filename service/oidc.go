package service

import (
	"context"
	"strings"

	"firstset"
	"firstset/plaintext"
)

// maxOIDCSubject is the longest subject kept; OpenID Connect allows 255
// ASCII characters.
const maxOIDCSubject = 255

var (
	errOIDCUnlinked = firstset.Errorf(firstset.EFORBIDDEN, "该统一身份认证账号尚未关联平台用户，请联系管理员。")
	errOIDCDisabled = firstset.Errorf(firstset.EFORBIDDEN, "该统一身份认证账号关联的平台用户已停用，请联系管理员。")
)

// oidcEvent is the audit snapshot of a sign-in through the identity
// provider.
type oidcEvent struct {
	Method  string `json:"method"`
	Subject string `json:"subject"`
	IP      string `json:"ip"`
	Reason  string `json:"reason,omitempty"`
}

// LoginOIDC opens a session for the user an administrator linked to the
// subject the configured identity provider vouched for (the caller has
// verified its ID token). An unknown subject is refused and kept as a
// pending request, a disabled user refused; both are audited as failed
// logins, a session as a login.
func (s *Auth) LoginOIDC(ctx context.Context, id firstset.OIDCIdentity, ip, userAgent string) (*firstset.Session, string, error) {
	if s.cfg.OIDCIssuer == "" || id.Issuer != s.cfg.OIDCIssuer {
		return nil, "", firstset.Errorf(firstset.EFORBIDDEN, "平台未配置该统一身份认证服务。")
	}
	if id.Subject == "" || len(id.Subject) > maxOIDCSubject || plaintext.Check(id.Subject, plaintext.OneLine) != nil {
		return nil, "", firstset.Errorf(firstset.EUNAUTHORIZED, "统一身份认证返回的账号标识无效。")
	}
	userAgent = plaintext.Replace(userAgent, plaintext.OneLine)
	// What the provider says of the person is only shown to administrators;
	// it is cleaned like any text the platform keeps.
	name := truncate(plaintext.Replace(clean(id.Name), plaintext.OneLine), 50)
	email := truncate(plaintext.Replace(clean(id.Email), plaintext.OneLine), 100)
	ctx = firstset.NewContextWithActor(ctx, &firstset.Actor{IP: ip})
	now := s.Now()
	var u *firstset.User
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		u, err = tx.UserByOIDCSubject(ctx, id.Issuer, id.Subject)
		return err
	})
	switch {
	case firstset.ErrorCode(err) == firstset.ENOTFOUND:
		err = s.store.Update(ctx, func(tx firstset.Tx) error {
			req := &firstset.OIDCRequest{Issuer: id.Issuer, Subject: id.Subject, Name: name, Email: email,
				IP: ip, FirstAt: now, LastAt: now}
			if err := tx.RecordOIDCRequest(ctx, req); err != nil {
				return err
			}
			return s.record(ctx, tx, "login_failed", "user", 0, nil,
				oidcEvent{Method: "oidc", Subject: id.Subject, IP: ip, Reason: "unlinked"})
		})
		if err != nil {
			return nil, "", err
		}
		return nil, "", errOIDCUnlinked
	case err != nil:
		return nil, "", err
	case u.Disabled:
		err := s.store.Update(ctx, func(tx firstset.Tx) error {
			return s.record(ctx, tx, "login_failed", "user", u.ID, nil,
				oidcEvent{Method: "oidc", Subject: id.Subject, IP: ip, Reason: "disabled"})
		})
		if err != nil {
			return nil, "", err
		}
		return nil, "", errOIDCDisabled
	}
	sess, token := s.newSession(u, ip, userAgent, now)
	ctx = firstset.NewContextWithActor(ctx, &firstset.Actor{User: u, IP: ip})
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		if err := tx.CreateSession(ctx, sess); err != nil {
			return err
		}
		return s.record(ctx, tx, "login", "user", u.ID, nil, oidcEvent{Method: "oidc", Subject: id.Subject, IP: ip})
	})
	if err != nil {
		return nil, "", err
	}
	return sess, token, nil
}

// requireUserAdmin is the refusal of the user administration, if any.
func requireUserAdmin(ctx context.Context) (*firstset.Actor, error) {
	a, err := roleIn(actor(ctx), firstset.RoleAdmin)
	if err != nil {
		return nil, err
	}
	return a, requireScope(a, firstset.ScopeUsersAdmin)
}

// FindOIDCRequests lists the pending sign-ins of unlinked subjects, of
// the configured provider, the latest first (administrators).
func (s *Users) FindOIDCRequests(ctx context.Context) ([]*firstset.OIDCRequest, error) {
	if _, err := requireUserAdmin(ctx); err != nil {
		return nil, err
	}
	if s.cfg.OIDCIssuer == "" {
		return []*firstset.OIDCRequest{}, nil
	}
	var list []*firstset.OIDCRequest
	err := s.store.View(ctx, func(tx firstset.Tx) (err error) {
		list, err = tx.ListOIDCRequests(ctx, s.cfg.OIDCIssuer, 200)
		return err
	})
	return list, err
}

// LinkOIDCRequest links the subject of pending request id to the user
// named username, which ends the request (administrators). The user must
// not be linked already: changing a link is done on the user's form.
func (s *Users) LinkOIDCRequest(ctx context.Context, id int64, username string) (*firstset.User, error) {
	if _, err := requireUserAdmin(ctx); err != nil {
		return nil, err
	}
	username = strings.ToLower(clean(username))
	var p firstset.Problems
	requireText(&p, "username", "用户名", username, maxUsername)
	if err := p.Err(); err != nil {
		return nil, err
	}
	var u *firstset.User
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		req, err := tx.OIDCRequestByID(ctx, id)
		if err != nil {
			return err
		}
		if req.Issuer != s.cfg.OIDCIssuer {
			// A request of a provider no longer configured is not shown.
			return firstset.NotFound("统一身份认证登录申请")
		}
		old, err := tx.UserByUsername(ctx, username)
		if firstset.ErrorCode(err) == firstset.ENOTFOUND {
			return firstset.FieldErrorf("username", "unknown_user", "用户 %s 不存在。", username)
		}
		if err != nil {
			return err
		}
		if old.OIDCSubject != "" {
			return firstset.FieldErrorf("username", "already_linked",
				"用户 %s 已关联统一身份认证账号；如需更换，请在用户编辑页修改。", username)
		}
		u = new(firstset.User)
		*u = *old
		if err := s.linkOIDC(ctx, tx, u, req.Issuer, req.Subject); err != nil {
			return err
		}
		u.UpdatedAt = s.Now()
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		return s.record(ctx, tx, "update", "user", u.ID, old, u)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// applyOIDCSubject applies the form's link, if it has one, to u: empty
// removes the link; a subject is of the configured provider. It records
// the problems in p.
func (s *Users) applyOIDCSubject(ctx context.Context, tx firstset.Tx, p *firstset.Problems, u *firstset.User, subject *string) error {
	if subject == nil {
		return nil
	}
	sub := clean(*subject)
	if sub == "" {
		u.OIDCIssuer, u.OIDCSubject = "", ""
		return nil
	}
	if sub == u.OIDCSubject && u.OIDCIssuer == s.cfg.OIDCIssuer {
		return nil
	}
	if s.cfg.OIDCIssuer == "" {
		p.Add("oidc_subject", "oidc_not_configured", "平台未配置统一身份认证，不能关联统一身份认证账号。")
		return nil
	}
	if !checkText(p, "oidc_subject", "统一身份认证账号标识", sub, plaintext.OneLine) {
		return nil
	}
	if len(sub) > maxOIDCSubject {
		p.Add("oidc_subject", "too_long", "统一身份认证账号标识不能超过%d个字符。", maxOIDCSubject)
		return nil
	}
	other, err := tx.UserByOIDCSubject(ctx, s.cfg.OIDCIssuer, sub)
	switch {
	case firstset.ErrorCode(err) == firstset.ENOTFOUND:
	case err != nil:
		return err
	case other.ID != u.ID:
		p.Add("oidc_subject", "oidc_subject_taken", "该统一身份认证账号已关联用户 %s。", other.Username)
		return nil
	}
	u.OIDCIssuer, u.OIDCSubject = s.cfg.OIDCIssuer, sub
	return nil
}

// linkOIDC links u to a subject and ends its pending request.
func (s *Users) linkOIDC(ctx context.Context, tx firstset.Tx, u *firstset.User, issuer, subject string) error {
	other, err := tx.UserByOIDCSubject(ctx, issuer, subject)
	switch {
	case firstset.ErrorCode(err) == firstset.ENOTFOUND:
	case err != nil:
		return err
	case other.ID != u.ID:
		return firstset.FieldErrorf("username", "oidc_subject_taken", "该统一身份认证账号已关联用户 %s。", other.Username)
	}
	u.OIDCIssuer, u.OIDCSubject = issuer, subject
	return tx.DeleteOIDCRequest(ctx, issuer, subject)
}
