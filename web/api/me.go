package api

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
)

// MeResponse is who the caller is, and through which token if any.
type MeResponse struct {
	User  *firstset.User     `json:"user"`
	Token *firstset.APIToken `json:"token,omitempty"`
}

func (s *Handler) apiMe(w http.ResponseWriter, r *http.Request) {
	actor := httpx.ActorOf(r)
	if actor.IsPublic() {
		s.ServeError(w, r, firstset.Errorf(firstset.EUNAUTHORIZED, "需要登录或提供访问令牌。"))
		return
	}
	s.WriteJSON(w, r, http.StatusOK, MeResponse{User: actor.User, Token: actor.Token})
}
