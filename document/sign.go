// Package document makes the platform's signed documents: a token that
// signs any claims (a product certificate first; plaques and honour
// certificates later) with Ed25519, the key ring that verifies it online
// and offline, and the PDF that prints it with a QR code.
package document

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// MaxTokenLen bounds a token before anything is decoded: a certificate's
// is about a thousand characters, and a QR code holds little more.
const MaxTokenLen = 4096

// Claims is what a token signs: a struct whose JSON object carries "typ"
// (equal to Kind) and "kid" (the signing key's id). Kind is a constant of
// the claims type, so a token of one document type never decodes as
// another.
type Claims interface {
	Kind() string
}

// header is the part of the payload every kind shares.
type header struct {
	Typ string `json:"typ"`
	Kid string `json:"kid"`
}

// VerifyError is why a token does not verify: Code is stable for programs
// (the API's error code), Message is a sentence for people.
type VerifyError struct {
	Code    string
	Message string
	Err     error // the detail, for logs
}

func (e *VerifyError) Error() string { return e.Message }

func (e *VerifyError) Unwrap() error { return e.Err }

// Is matches on the code, so errors.Is(err, ErrBadSignature) holds for
// every bad signature whatever its detail.
func (e *VerifyError) Is(target error) bool {
	t, ok := target.(*VerifyError)
	return ok && t.Code == e.Code
}

// The ways a token fails.
var (
	ErrMalformed    = &VerifyError{Code: "malformed", Message: "证书码格式不正确：可能未完整复制，或并非本平台的证书码。"}
	ErrUnknownKey   = &VerifyError{Code: "unknown_key", Message: "签名密钥未知：该证书码并非以本平台公布的密钥签发。"}
	ErrBadSignature = &VerifyError{Code: "bad_signature", Message: "签名不符：证书内容被改动或并非本平台签发。"}
	ErrWrongKind    = &VerifyError{Code: "wrong_kind", Message: "文书类型不符：该证书码属于其他类型的文书。"}
)

func fail(kind *VerifyError, detail string) error {
	return &VerifyError{Code: kind.Code, Message: kind.Message, Err: errors.New(detail)}
}

// Sign makes a token of claims: base64url(payload) "." base64url(sig),
// unpadded. The payload is the claims' encoding/json marshalling, which is
// deterministic for a struct (fields in declaration order, no HTML
// escaping here); the verifier checks the signature over the exact bytes,
// so no re-canonicalisation is needed. The claims must already carry
// typ = Kind() and kid = key.ID.
func Sign(key SigningKey, claims Claims) (string, error) {
	if len(key.Private) != ed25519.PrivateKeySize {
		return "", errors.New("sign: not an Ed25519 private key")
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(claims); err != nil {
		return "", fmt.Errorf("sign: encode the claims: %w", err)
	}
	payload := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	var h header
	if err := json.Unmarshal(payload, &h); err != nil {
		return "", fmt.Errorf("sign: the claims are not a JSON object: %w", err)
	}
	if h.Typ != claims.Kind() {
		return "", fmt.Errorf("sign: the claims' typ is %q, want %q", h.Typ, claims.Kind())
	}
	if h.Kid != key.ID {
		return "", fmt.Errorf("sign: the claims' kid is %q but the key is %q", h.Kid, key.ID)
	}
	sig := ed25519.Sign(key.Private, payload)
	enc64 := base64.RawURLEncoding
	token := enc64.EncodeToString(payload) + "." + enc64.EncodeToString(sig)
	if len(token) > MaxTokenLen {
		return "", fmt.Errorf("sign: the token has %d characters, more than %d", len(token), MaxTokenLen)
	}
	return token, nil
}

// Verify checks a token against the ring and decodes its claims into
// into, whose Kind the token's typ must be. It returns the id of the key
// that signed it (also when the signature fails, if the id could be
// read). Its errors are *VerifyError.
func Verify(token string, ring KeyRing, into Claims) (keyID string, err error) {
	payload, sig, err := split(token)
	if err != nil {
		return "", err
	}
	var h header
	if err := json.Unmarshal(payload, &h); err != nil || h.Kid == "" || h.Typ == "" {
		return "", fail(ErrMalformed, "the payload is not a JSON object with typ and kid")
	}
	pub, ok := ring.Lookup(h.Kid)
	if !ok {
		return h.Kid, fail(ErrUnknownKey, "no key "+h.Kid+" in the ring")
	}
	if !ed25519.Verify(pub.Key, payload, sig) {
		return h.Kid, fail(ErrBadSignature, "the signature does not verify with key "+h.Kid)
	}
	// The kind is judged after the signature: an unsigned token is
	// reported as forged, not as a document of another type.
	if h.Typ != into.Kind() {
		return h.Kid, fail(ErrWrongKind, fmt.Sprintf("typ %q, want %q", h.Typ, into.Kind()))
	}
	dec := json.NewDecoder(bytes.NewReader(payload))
	if err := dec.Decode(into); err != nil {
		return h.Kid, fail(ErrMalformed, "signed claims do not decode: "+err.Error())
	}
	if _, err := dec.Token(); err != io.EOF {
		return h.Kid, fail(ErrMalformed, "more data after the signed claims")
	}
	return h.Kid, nil
}

// split decodes a token's two parts. Every character must be of the
// base64url alphabet (the decoder would otherwise skip line breaks) and
// decoding is strict (so a changed last character cannot decode to the
// same bytes): one token has one spelling.
func split(token string) (payload, sig []byte, err error) {
	if len(token) > MaxTokenLen {
		return nil, nil, fail(ErrMalformed, fmt.Sprintf("%d characters, more than %d", len(token), MaxTokenLen))
	}
	for i := 0; i < len(token); i++ {
		c := token[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return nil, nil, fail(ErrMalformed, fmt.Sprintf("character %d is not of the token alphabet", i+1))
		}
	}
	p, s, ok := strings.Cut(token, ".")
	if !ok || p == "" || strings.Contains(s, ".") {
		return nil, nil, fail(ErrMalformed, "not two parts separated by one dot")
	}
	dec := base64.RawURLEncoding.Strict()
	if payload, err = dec.DecodeString(p); err != nil {
		return nil, nil, fail(ErrMalformed, "payload: "+err.Error())
	}
	if sig, err = dec.DecodeString(s); err != nil {
		return nil, nil, fail(ErrMalformed, "signature: "+err.Error())
	}
	if len(sig) != ed25519.SignatureSize {
		return nil, nil, fail(ErrMalformed, fmt.Sprintf("a signature of %d bytes, want %d", len(sig), ed25519.SignatureSize))
	}
	return payload, sig, nil
}
