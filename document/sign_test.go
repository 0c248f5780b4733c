package document

import (
	"crypto/ed25519"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

var day = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

func newKey(t testing.TB, at time.Time) SigningKey {
	t.Helper()
	k, err := NewSigningKey(at)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// sampleClaims is a realistic certificate, long Chinese names included.
func sampleClaims() CertificateClaims {
	return CertificateClaims{
		Number:          "CQSTT-2026-0001",
		ProductID:       1234567,
		ProductName:     "大型智能化五轴联动数控龙门加工中心及其柔性制造系统",
		Model:           "CQ-GMC5000/5X-Ⅱ",
		Enterprise:      "重庆某某智能装备制造股份有限公司",
		CreditCode:      "91500000MA5U1234XY",
		Category:        "高档数控机床和机器人",
		Innovation:      "national",
		InnovationLabel: "国内首台（套）",
		DocumentNumber:  "渝经信发〔2026〕12号",
		RecognizedOn:    "2026-02-27",
		ValidUntil:      "2029-02-26",
		IssuedAt:        "2026-03-02",
	}
}

func ringOf(keys ...SigningKey) KeyRing { return NewKeyRing(DefaultIssuer, keys) }

func TestSignVerifyRoundTrip(t *testing.T) {
	key := newKey(t, day)
	token, err := SignCertificate(key, sampleClaims())
	if err != nil {
		t.Fatal(err)
	}
	got, err := VerifyCertificate(token, ringOf(key))
	if err != nil {
		t.Fatal(err)
	}
	want := sampleClaims()
	want.Typ, want.KeyID = KindProductCertificate, key.ID
	if got != want {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	if len(key.ID) != 16 {
		t.Errorf("key id %q: want 16 hex characters", key.ID)
	}
	t.Logf("token: %d characters", len(token))
	if len(token) > 1200 {
		t.Errorf("token has %d characters, want at most 1200", len(token))
	}
	if strings.ContainsAny(token, "+/=") {
		t.Errorf("token is not URL-safe: %s", token)
	}
}

func isVerifyError(err error) bool {
	var ve *VerifyError
	return errors.As(err, &ve) && ve.Code != "" && ve.Message != ""
}

func TestEveryChangeFails(t *testing.T) {
	key := newKey(t, day)
	ring := ringOf(key)
	token, err := SignCertificate(key, sampleClaims())
	if err != nil {
		t.Fatal(err)
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
	check := func(what, bad string) {
		t.Helper()
		if bad == token {
			return
		}
		_, err := VerifyCertificate(bad, ring)
		if err == nil {
			t.Fatalf("%s verifies", what)
		}
		if !isVerifyError(err) {
			t.Fatalf("%s: %v is not a *VerifyError", what, err)
		}
	}
	for i := 0; i < len(token); i++ {
		// Three substitutes at every position: the neighbours in the
		// alphabet (which differ only in the low bits, the case Strict
		// decoding exists for) and one far away.
		j := strings.IndexByte(alphabet, token[i])
		for _, d := range []int{1, len(alphabet) - 1, 31} {
			c := alphabet[(j+d)%len(alphabet)]
			check("a change at "+itoa(i), token[:i]+string(c)+token[i+1:])
		}
	}
	for _, i := range []int{0, 1, len(token) / 3, strings.IndexByte(token, '.'), len(token) - 2, len(token) - 1} {
		check("a deletion at "+itoa(i), token[:i]+token[i+1:])
		for _, c := range []string{"A", "g", "-", ".", "\n", " ", "="} {
			check("an insertion at "+itoa(i), token[:i]+c+token[i:])
		}
	}
	check("an appended newline", token+"\n")
	check("a truncation", token[:len(token)-10])
}

func itoa(i int) string { return strconv.Itoa(i) }

func TestVerifyErrors(t *testing.T) {
	key := newKey(t, day)
	ring := ringOf(key)
	token, err := SignCertificate(key, sampleClaims())
	if err != nil {
		t.Fatal(err)
	}

	// Another key claiming the same id.
	other := newKey(t, day)
	other.ID = key.ID
	forged, err := SignCertificate(other, sampleClaims())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyCertificate(forged, ring); !errors.Is(err, ErrBadSignature) {
		t.Errorf("a token of another key with the same id: %v, want bad_signature", err)
	}

	// A key the ring does not hold.
	stranger := newKey(t, day)
	unknown, err := SignCertificate(stranger, sampleClaims())
	if err != nil {
		t.Fatal(err)
	}
	kid, err := Verify(unknown, ring, &CertificateClaims{})
	if !errors.Is(err, ErrUnknownKey) || kid != stranger.ID {
		t.Errorf("an unknown key: %q %v, want unknown_key", kid, err)
	}

	// A signed document of another kind.
	plaque, err := Sign(key, plaqueClaims{Typ: "plaque", Kid: key.ID, Number: "P-1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := VerifyCertificate(plaque, ring); !errors.Is(err, ErrWrongKind) {
		t.Errorf("a plaque as a certificate: %v, want wrong_kind", err)
	}
	var p plaqueClaims
	if _, err := Verify(plaque, ring, &p); err != nil || p.Number != "P-1" {
		t.Errorf("the plaque as a plaque: %+v %v", p, err)
	}

	// Too long, before decoding.
	long := token + strings.Repeat("A", MaxTokenLen)
	if _, err := VerifyCertificate(long, ring); !errors.Is(err, ErrMalformed) {
		t.Errorf("a long token: %v, want malformed", err)
	}
	for _, bad := range []string{"", ".", "abc", token + ".x", "." + token} {
		if _, err := VerifyCertificate(bad, ring); !errors.Is(err, ErrMalformed) {
			t.Errorf("%q: %v, want malformed", bad, err)
		}
	}

	// The messages are the user's sentences; the codes are stable.
	_, err = VerifyCertificate(forged, ring)
	if err.Error() != "签名不符：证书内容被改动或并非本平台签发。" {
		t.Errorf("message %q", err.Error())
	}
	codes := map[string]*VerifyError{"malformed": ErrMalformed, "unknown_key": ErrUnknownKey, "bad_signature": ErrBadSignature, "wrong_kind": ErrWrongKind}
	for code, e := range codes {
		if e.Code != code {
			t.Errorf("%s has code %q", code, e.Code)
		}
	}
}

type plaqueClaims struct {
	Typ    string `json:"typ"`
	Kid    string `json:"kid"`
	Number string `json:"no"`
}

func (plaqueClaims) Kind() string { return "plaque" }

func TestSignRefusesMismatchedHeader(t *testing.T) {
	key := newKey(t, day)
	if _, err := Sign(key, plaqueClaims{Typ: "plaque", Kid: "0000000000000000"}); err == nil {
		t.Error("signed claims naming another key")
	}
	if _, err := Sign(key, plaqueClaims{Typ: "product_certificate", Kid: key.ID}); err == nil {
		t.Error("signed claims of another kind")
	}
}

func TestRotation(t *testing.T) {
	oldKey := newKey(t, day.AddDate(-1, 0, 0))
	newKey := newKey(t, day)
	oldToken, err := SignCertificate(oldKey, sampleClaims())
	if err != nil {
		t.Fatal(err)
	}
	newest, err := Newest([]SigningKey{newKey, oldKey})
	if err != nil || newest.ID != newKey.ID {
		t.Fatalf("Newest: %s %v, want %s", newest.ID, err, newKey.ID)
	}
	newToken, err := SignCertificate(newest, sampleClaims())
	if err != nil {
		t.Fatal(err)
	}
	ring := ringOf(newKey, oldKey)
	if ring.Keys[0].ID != oldKey.ID {
		t.Errorf("the ring is not oldest first")
	}
	for name, tok := range map[string]string{"old": oldToken, "new": newToken} {
		kid, err := Verify(tok, ring, &CertificateClaims{})
		if err != nil {
			t.Errorf("%s token: %v", name, err)
		}
		if want := map[string]string{"old": oldKey.ID, "new": newKey.ID}[name]; kid != want {
			t.Errorf("%s token: key %s, want %s", name, kid, want)
		}
	}
	// Without the old key the old token no longer verifies.
	if _, err := VerifyCertificate(oldToken, ringOf(newKey)); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("old token on the new ring alone: %v", err)
	}
}

func TestSigningKeyMarshal(t *testing.T) {
	key := newKey(t, day)
	data, err := MarshalSigningKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "BEGIN PRIVATE KEY") {
		t.Errorf("not PKCS#8 PEM:\n%s", data)
	}
	back, err := ParseSigningKey(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.ID != key.ID || !back.CreatedAt.Equal(key.CreatedAt) || !back.Private.Equal(key.Private) {
		t.Errorf("round trip: %+v, want %+v", back, key)
	}
	for _, bad := range []string{"", "not a key", strings.Replace(string(data), "PRIVATE KEY", "PUBLIC KEY", 2), string(data) + "junk"} {
		if _, err := ParseSigningKey([]byte(bad)); err == nil {
			t.Errorf("parsed %q", bad)
		}
	}
}

func TestKeyRingMarshalParse(t *testing.T) {
	a, b := newKey(t, day.AddDate(-1, 0, 0)), newKey(t, day)
	ring := ringOf(a, b)
	data, err := ring.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", data)
	back, err := ParseKeyRing(data)
	if err != nil {
		t.Fatal(err)
	}
	again, err := back.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if string(again) != string(data) {
		t.Errorf("round trip changed the JSON:\n%s\n%s", data, again)
	}
	if back.Issuer != DefaultIssuer || len(back.Keys) != 2 {
		t.Errorf("parsed %+v", back)
	}
	if k, ok := back.Lookup(b.ID); !ok || !k.Key.Equal(b.Private.Public().(ed25519.PublicKey)) || !k.CreatedAt.Equal(b.CreatedAt) {
		t.Errorf("Lookup(%s) = %+v %v", b.ID, k, ok)
	}
	if _, ok := back.Lookup("nope"); ok {
		t.Error("Lookup found an absent key")
	}

	s := string(data)
	pubA := back.Keys[0]
	bad := map[string]string{
		"unknown field":     strings.Replace(s, `"algorithm"`, `"extra":1,"algorithm"`, 1),
		"unknown key field": strings.Replace(s, `"created_at"`, `"use":"sig","created_at"`, 1),
		"algorithm":         strings.Replace(s, `"Ed25519"`, `"RS256"`, 1),
		"trailing":          s + "{}",
		"no keys":           `{"issuer":"x","algorithm":"Ed25519","keys":[]}`,
		"short key":         strings.Replace(s, `"public_key":"`, `"public_key":"AAAA`, 1),
		"not base64":        strings.Replace(s, `"public_key":"`, `"public_key":"*`, 1),
		"wrong id":          strings.Replace(s, pubA.ID, strings.Repeat("0", 16), 1),
		"bad time":          strings.Replace(s, `Z"`, `"`, 1),
		"duplicate":         strings.Replace(s, `]}`, `,`+keyJSON(t, data, 0)+`]}`, 1),
		"not json":          "issuer=x",
	}
	for name, in := range bad {
		if _, err := ParseKeyRing([]byte(in)); err == nil {
			t.Errorf("%s: parsed\n%s", name, in)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}

// keyJSON is the text of the ring's i-th key object.
func keyJSON(t *testing.T, ring []byte, i int) string {
	t.Helper()
	s := string(ring)
	start := strings.Index(s, `[`) + 1
	for ; i > 0; i-- {
		start = strings.Index(s[start:], `},{`) + start + 2
	}
	end := strings.Index(s[start:], `}`) + start + 1
	return s[start:end]
}
