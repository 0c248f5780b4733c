package document

import (
	"strings"
	"testing"
	"time"
)

func TestHonourAndPlaqueSignVerifyAndPrint(t *testing.T) {
	key, err := NewSigningKey(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	ring := NewKeyRing(DefaultIssuer, []SigningKey{key})
	h := HonourClaims{Number: "CQRY-2026-0001", EventID: 1, Year: 2026, HeldOn: "2026-11-18", Name: "张明远",
		IDMasked: "500103********1232", Role: "项目总工程师", ProductID: 7, Product: "盾构机主驱动", Enterprise: "重庆某装备公司",
		IssuedAt: "2026-11-20"}
	token, err := SignHonour(key, h)
	if err != nil {
		t.Fatal(err)
	}
	if TokenKind(token) != KindHonourCertificate {
		t.Fatalf("kind %q", TokenKind(token))
	}
	var back HonourClaims
	if _, err := Verify(token, ring, &back); err != nil || back.Name != h.Name || back.IDMasked != h.IDMasked {
		t.Fatalf("verify: %v %+v", err, back)
	}
	var wrong CertificateClaims
	if _, err := Verify(token, ring, &wrong); err == nil {
		t.Fatal("an honour token verified as a product certificate")
	}
	pl := PlaqueClaims{Number: "CQPB-2026-0001", EventID: 1, Year: 2026, HeldOn: "2026-11-18", Place: "重庆国际博览中心",
		Enterprise: "重庆某装备公司", CreditCode: "91500000MA5U000000", Products: []string{"盾构机主驱动"}, IssuedAt: "2026-11-20"}
	ptoken, err := SignPlaque(key, pl)
	if err != nil {
		t.Fatal(err)
	}

	font := testFont(t)
	start := time.Now()
	pdf, err := HonourPDF(h, CertificateOptions{Font: font, Token: token, VerifyURL: "https://example.org/verify?t=" + token})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("honour PDF: %d bytes in %v", len(pdf), time.Since(start))
	if got, err := TokenFromPDF(pdf); err != nil || got != token {
		t.Fatalf("token from pdf: %v", err)
	}
	text := strings.Join(strings.Fields(run(t, "pdftotext", writeTemp(t, "honour.pdf", pdf), "-")), "")
	for _, want := range []string{"荣誉证书", h.Name, h.IDMasked, h.Product, "考核、晋升、提级和职称聘用"} {
		if !strings.Contains(text, want) {
			t.Errorf("honour PDF lacks %q: %s", want, text)
		}
	}
	start = time.Now()
	pdf, err = PlaquePDF(pl, CertificateOptions{Font: font, Token: ptoken, VerifyURL: "https://example.org/verify?t=" + ptoken})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("plaque PDF: %d bytes in %v", len(pdf), time.Since(start))
	text = strings.Join(strings.Fields(run(t, "pdftotext", writeTemp(t, "plaque.pdf", pdf), "-")), "")
	for _, want := range []string{"新产品发布", pl.Enterprise, pl.Number, pl.Products[0]} {
		if !strings.Contains(text, want) {
			t.Errorf("plaque PDF lacks %q: %s", want, text)
		}
	}
}
