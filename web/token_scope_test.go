package web

import (
	"net/http"
	"testing"

	"firstset"
	"firstset/dbtest"
	"firstset/web/httpx"
)

// A narrow token cannot reach its owner's other tokens: listing and
// revoking tokens needs tokens:manage (or a browser session), and no token
// creates tokens.
func TestTokenManagementNeedsItsOwnScope(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		env := newTestEnvOn(t, store)
		session := env.login("ent-a")
		narrow := env.token("ent-a", firstset.ScopeCatalogRead)
		writer := env.token("ent-a", firstset.ScopeProductsWrite, firstset.ScopeProductsRead)

		var list httpx.ListResponse[*firstset.APIToken]
		decode(t, session.get("/api/v1/tokens"), &list)
		if list.Total != 2 {
			t.Fatalf("the session lists %d tokens, want 2", list.Total)
		}
		var writerID, narrowID int64
		for _, tk := range list.Items {
			switch {
			case len(tk.Scopes) == 2:
				writerID = tk.ID
			case tk.Scopes[0] == firstset.ScopeCatalogRead:
				narrowID = tk.ID
			}
		}

		for _, c := range []*client{narrow, writer} {
			assertAPIError(t, c.get("/api/v1/tokens"), http.StatusForbidden, firstset.EFORBIDDEN)
			assertAPIError(t, c.request(http.MethodDelete, idPath("/api/v1/tokens/{id}", writerID), nil, nil), http.StatusForbidden, firstset.EFORBIDDEN)
			assertAPIError(t, c.request(http.MethodDelete, idPath("/api/v1/tokens/{id}", narrowID), nil, nil), http.StatusForbidden, firstset.EFORBIDDEN)
		}
		// The write token survived the attempts.
		if w := writer.get("/api/v1/products"); w.Code != http.StatusOK {
			t.Fatalf("the write token stopped working: %d", w.Code)
		}

		// tokens:manage lists and revokes, but still creates no token.
		manager := env.token("ent-a", firstset.ScopeTokensManage)
		if w := manager.get("/api/v1/tokens"); w.Code != http.StatusOK {
			t.Errorf("tokens:manage lists: %d", w.Code)
		}
		assertAPIError(t, manager.sendJSON(http.MethodPost, "/api/v1/tokens",
			firstset.TokenInput{Name: "再签发", Scopes: []firstset.Scope{firstset.ScopeCatalogRead}}, nil), http.StatusForbidden, firstset.EFORBIDDEN)
		if w := manager.request(http.MethodDelete, idPath("/api/v1/tokens/{id}", narrowID), nil, nil); w.Code != http.StatusNoContent {
			t.Errorf("tokens:manage revokes: %d", w.Code)
		}
		assertAPIError(t, narrow.get("/api/v1/catalog"), http.StatusUnauthorized, firstset.EUNAUTHORIZED)

		// A session always may.
		if w := session.request(http.MethodDelete, idPath("/api/v1/tokens/{id}", writerID), nil, http.Header{httpx.CSRFHeader: {session.csrf}}); w.Code != http.StatusNoContent {
			t.Errorf("the session revokes: %d", w.Code)
		}
		// Every role may give a token tokens:manage.
		for _, u := range []string{"admin", "reviewer", "ent-b", "buyer"} {
			env.token(u, firstset.ScopeTokensManage)
		}
	})
}
