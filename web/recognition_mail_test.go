package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"firstset"
	"firstset/dbtest"
	"firstset/mail"
	"firstset/mail/mailtest"
	"firstset/service"
)

// TestNotificationsByEmail: with an SMTP server configured, a submission
// tells the district office by email too, through a real SMTP exchange.
func TestNotificationsByEmail(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		server := mailtest.Start(t)
		smtp, err := mail.ParseURL("smtp://" + server.Addr + "?from=noreply@example.gov.cn")
		if err != nil {
			t.Fatal(err)
		}
		env := newRecognitionEnvConfig(t, store, func(cfg *service.Config) {
			cfg.Email = func(ctx context.Context, to, subject, body string) error {
				return smtp.Send(ctx, mail.Message{To: []string{to}, Subject: subject, Body: body})
			}
		})
		path, round := env.draftCase(t)
		ent := env.api("ent-a")
		wantStatus(t, "texts", ent.sendJSON(http.MethodPut, path, map[string]any{"innovation_claim": "创新",
			"technical_comparison": "对比", "first_use": "首次应用"}, nil), http.StatusOK)
		for _, it := range round.Checklist {
			if it.Required {
				wantStatus(t, "upload", ent.upload(path+"/attachments", it.Item, "a.pdf", samplePDF), http.StatusCreated)
			}
		}
		w := ent.postJSON(path+"/actions", map[string]any{"action": "submit"})
		wantStatus(t, "submit", w, http.StatusOK)
		var c caseJSON
		decode(t, w, &c)

		sent, err := env.svc.SendPendingEmails(context.Background(), 100)
		if err != nil || sent != 1 {
			t.Fatalf("sent %d (%v), want 1: only the district office has an address", sent, err)
		}
		got := server.Messages()
		if len(got) != 1 {
			t.Fatalf("the server received %d messages", len(got))
		}
		m := got[0]
		if len(m.To) != 1 || m.To[0] != "district-a@example.gov.cn" || !strings.Contains(m.Subject, c.Number) ||
			!strings.Contains(m.Body, "区县初审") {
			t.Fatalf("received %+v", m)
		}
		if again, _ := env.svc.SendPendingEmails(context.Background(), 100); again != 0 {
			t.Fatalf("sent %d more on the second run", again)
		}
	})
}
