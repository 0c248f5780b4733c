package document

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"
)

// DefaultIssuer is the office that signs the platform's documents.
const DefaultIssuer = "重庆市经济和信息化委员会"

// Algorithm is the only signature algorithm a key ring may name.
const Algorithm = "Ed25519"

// SigningKey is one private key of the platform. ID is derived from the
// public key, so a token's "kid" names its key without a registry.
type SigningKey struct {
	ID        string
	Private   ed25519.PrivateKey
	CreatedAt time.Time
}

// PublicKey is what the key ring publishes of a SigningKey.
type PublicKey struct {
	ID        string
	Key       ed25519.PublicKey
	CreatedAt time.Time
}

// KeyID is the id of a public key: the first 8 bytes of its SHA-256, in
// hex. Short enough for every token, long enough that two keys of one
// platform never share it by chance.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// NewSigningKey makes a fresh key from the system's random source.
func NewSigningKey(now time.Time) (SigningKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return SigningKey{}, fmt.Errorf("generate a signing key: %w", err)
	}
	return SigningKey{ID: KeyID(pub), Private: priv, CreatedAt: now.UTC().Truncate(time.Second)}, nil
}

// Public is the key's entry in the key ring.
func (k SigningKey) Public() PublicKey {
	return PublicKey{ID: k.ID, Key: k.Private.Public().(ed25519.PublicKey), CreatedAt: k.CreatedAt}
}

// pemType and pemCreated name the block and header of a stored key. The
// creation time travels in a PEM header because PKCS#8 has no place for
// it; Go's pem package keeps headers, and the base64 body is standard
// PKCS#8 that other tools can read once the header line is removed.
const (
	pemType    = "PRIVATE KEY"
	pemCreated = "Created-At"
)

// MarshalSigningKey encodes a key for storage (a file or a database
// column) as PKCS#8 PEM with its creation time in a header.
func MarshalSigningKey(k SigningKey) ([]byte, error) {
	if len(k.Private) != ed25519.PrivateKeySize {
		return nil, errors.New("marshal signing key: not an Ed25519 private key")
	}
	der, err := x509.MarshalPKCS8PrivateKey(k.Private)
	if err != nil {
		return nil, fmt.Errorf("marshal signing key %s: %w", k.ID, err)
	}
	block := &pem.Block{Type: pemType, Bytes: der}
	if !k.CreatedAt.IsZero() {
		block.Headers = map[string]string{pemCreated: k.CreatedAt.UTC().Format(time.RFC3339)}
	}
	return pem.EncodeToMemory(block), nil
}

// ParseSigningKey reads what MarshalSigningKey wrote. A PEM without the
// Created-At header is accepted with a zero CreatedAt: the caller may
// take the file's modification time instead.
func ParseSigningKey(data []byte) (SigningKey, error) {
	block, rest := pem.Decode(data)
	if block == nil {
		return SigningKey{}, errors.New("parse signing key: no PEM block found")
	}
	if block.Type != pemType {
		return SigningKey{}, fmt.Errorf("parse signing key: a PEM block of type %q, want %q", block.Type, pemType)
	}
	if len(bytes.TrimSpace(rest)) > 0 {
		return SigningKey{}, errors.New("parse signing key: more data after the PEM block")
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return SigningKey{}, fmt.Errorf("parse signing key: %w", err)
	}
	priv, ok := parsed.(ed25519.PrivateKey)
	if !ok {
		return SigningKey{}, fmt.Errorf("parse signing key: a %T, want an Ed25519 key", parsed)
	}
	k := SigningKey{ID: KeyID(priv.Public().(ed25519.PublicKey)), Private: priv}
	if s, ok := block.Headers[pemCreated]; ok {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return SigningKey{}, fmt.Errorf("parse signing key: header %s: %w", pemCreated, err)
		}
		k.CreatedAt = t.UTC()
	}
	return k, nil
}

// Newest is the key new documents are signed with: the latest created
// (the greater id on a tie, so the choice never depends on order).
func Newest(keys []SigningKey) (SigningKey, error) {
	if len(keys) == 0 {
		return SigningKey{}, errors.New("no signing key")
	}
	best := keys[0]
	for _, k := range keys[1:] {
		if k.CreatedAt.After(best.CreatedAt) || (k.CreatedAt.Equal(best.CreatedAt) && k.ID > best.ID) {
			best = k
		}
	}
	return best, nil
}

// KeyRing is the set of public keys every document was ever signed with.
// Its JSON (Marshal) is what the platform serves and what an offline
// verifier reads, in one format:
//
//	{"issuer":"…","algorithm":"Ed25519","keys":[{"id":"…","public_key":"<base64>","created_at":"…Z"}]}
type KeyRing struct {
	Issuer string
	Keys   []PublicKey
}

// NewKeyRing is the ring of the given keys, oldest first.
func NewKeyRing(issuer string, keys []SigningKey) KeyRing {
	r := KeyRing{Issuer: issuer}
	for _, k := range keys {
		r.Keys = append(r.Keys, k.Public())
	}
	sort.SliceStable(r.Keys, func(i, j int) bool {
		a, b := r.Keys[i], r.Keys[j]
		if !a.CreatedAt.Equal(b.CreatedAt) {
			return a.CreatedAt.Before(b.CreatedAt)
		}
		return a.ID < b.ID
	})
	return r
}

// Lookup finds the key a token names.
func (r KeyRing) Lookup(id string) (PublicKey, bool) {
	for _, k := range r.Keys {
		if k.ID == id {
			return k, true
		}
	}
	return PublicKey{}, false
}

type ringJSON struct {
	Issuer    string        `json:"issuer"`
	Algorithm string        `json:"algorithm"`
	Keys      []ringKeyJSON `json:"keys"`
}

type ringKeyJSON struct {
	ID        string `json:"id"`
	PublicKey string `json:"public_key"`
	CreatedAt string `json:"created_at"`
}

// Marshal is the ring's JSON, one line ending in a newline.
func (r KeyRing) Marshal() ([]byte, error) {
	out := ringJSON{Issuer: r.Issuer, Algorithm: Algorithm, Keys: []ringKeyJSON{}}
	for _, k := range r.Keys {
		if len(k.Key) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("marshal key ring: key %s is not an Ed25519 public key", k.ID)
		}
		out.Keys = append(out.Keys, ringKeyJSON{
			ID:        k.ID,
			PublicKey: base64.StdEncoding.EncodeToString(k.Key),
			CreatedAt: k.CreatedAt.UTC().Format(time.RFC3339),
		})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("marshal key ring: %w", err)
	}
	return buf.Bytes(), nil
}

// ParseKeyRing reads a ring strictly: no unknown fields, nothing after the
// object, the Ed25519 algorithm, at least one key, and every key 32 bytes
// with the id derived from it, so a ring edited by hand cannot pair a
// key with another key's id.
func ParseKeyRing(data []byte) (KeyRing, error) {
	var in ringJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return KeyRing{}, fmt.Errorf("parse key ring: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return KeyRing{}, errors.New("parse key ring: more data after the JSON object")
	}
	if in.Algorithm != Algorithm {
		return KeyRing{}, fmt.Errorf("parse key ring: algorithm %q, want %q", in.Algorithm, Algorithm)
	}
	if len(in.Keys) == 0 {
		return KeyRing{}, errors.New("parse key ring: no keys")
	}
	r := KeyRing{Issuer: in.Issuer}
	seen := map[string]bool{}
	for i, k := range in.Keys {
		raw, err := base64.StdEncoding.Strict().DecodeString(k.PublicKey)
		if err != nil {
			return KeyRing{}, fmt.Errorf("parse key ring: keys[%d].public_key is not base64: %w", i, err)
		}
		if len(raw) != ed25519.PublicKeySize {
			return KeyRing{}, fmt.Errorf("parse key ring: keys[%d].public_key has %d bytes, want %d", i, len(raw), ed25519.PublicKeySize)
		}
		pub := ed25519.PublicKey(raw)
		if want := KeyID(pub); k.ID != want {
			return KeyRing{}, fmt.Errorf("parse key ring: keys[%d].id is %q but its public key's id is %q", i, k.ID, want)
		}
		if seen[k.ID] {
			return KeyRing{}, fmt.Errorf("parse key ring: key %s is listed twice", k.ID)
		}
		seen[k.ID] = true
		created, err := time.Parse(time.RFC3339, k.CreatedAt)
		if err != nil {
			return KeyRing{}, fmt.Errorf("parse key ring: keys[%d].created_at: %w", i, err)
		}
		r.Keys = append(r.Keys, PublicKey{ID: k.ID, Key: pub, CreatedAt: created.UTC()})
	}
	return r, nil
}
