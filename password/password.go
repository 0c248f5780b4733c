// Package password hashes passwords with argon2id and checks new passwords
// against the platform's strength policy.
//
// Hashes are stored in the PHC string format,
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>
//
// with salt and key in unpadded standard base64, so the parameters travel
// with each hash and can be raised later without invalidating old ones.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Current parameters: OWASP's minimum argon2id configuration (19 MiB, two
// passes, one lane). One lane keeps a login to one core, so a 2-core server
// can verify two logins at once without them slowing each other.
const (
	memoryKiB = 19456
	passes    = 2
	lanes     = 1
	saltLen   = 16
	keyLen    = 32
)

// Limits on stored parameters, so that a corrupted or planted hash cannot make
// Verify allocate gigabytes or spin for minutes.
const (
	maxMemoryKiB = 1 << 20 // 1 GiB
	maxPasses    = 16
	maxLanes     = 16
	minSaltLen   = 8
	minKeyLen    = 16
	maxKeyLen    = 64
)

// ErrMalformed is wrapped by every error Verify returns for a string that is
// not a well-formed argon2id hash of this package's family.
var ErrMalformed = errors.New("password: malformed hash")

var b64 = base64.RawStdEncoding.Strict()

type params struct {
	memory  uint32
	passes  uint32
	lanes   uint8
	saltLen int
	keyLen  int
}

var current = params{memoryKiB, passes, lanes, saltLen, keyLen}

// Hash derives a new salted argon2id hash of plain with the current
// parameters. It does not apply the strength policy; see CheckStrength.
func Hash(plain string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password: reading salt: %w", err)
	}
	key := argon2.IDKey([]byte(plain), salt, passes, memoryKiB, lanes, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, memoryKiB, passes, lanes, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Verify reports whether plain matches encoded. needsRehash is true when it
// matches but was hashed with other parameters than the current ones, so the
// caller should store a fresh Hash while it has the plain password at hand.
// A malformed encoded string yields an error wrapping ErrMalformed.
func Verify(plain, encoded string) (ok, needsRehash bool, err error) {
	p, salt, key, err := decode(encoded)
	if err != nil {
		return false, false, err
	}
	got := argon2.IDKey([]byte(plain), salt, p.passes, p.memory, p.lanes, uint32(len(key)))
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return false, false, nil
	}
	return true, p != current, nil
}

// DummyVerify does the work of one Verify with the current parameters and
// discards the result. Call it when the account does not exist, so that a
// failed login takes as long either way and response times do not reveal
// which accounts exist.
func DummyVerify() {
	var salt [saltLen]byte
	want := make([]byte, keyLen)
	got := argon2.IDKey([]byte("no such user"), salt[:], passes, memoryKiB, lanes, keyLen)
	subtle.ConstantTimeCompare(got, want)
}

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, args...))
}

// decode parses the PHC string strictly: fields in the canonical order and
// form, so that each hash has one spelling only.
func decode(s string) (p params, salt, key []byte, err error) {
	f := strings.Split(s, "$")
	if len(f) != 6 || f[0] != "" {
		return p, nil, nil, malformed("want 5 $-separated fields")
	}
	if f[1] != "argon2id" {
		return p, nil, nil, malformed("algorithm %q, want argon2id", f[1])
	}
	if f[2] != "v="+strconv.Itoa(argon2.Version) {
		return p, nil, nil, malformed("version %q, want v=%d", f[2], argon2.Version)
	}
	kv := strings.Split(f[3], ",")
	if len(kv) != 3 {
		return p, nil, nil, malformed("parameters %q, want m=,t=,p=", f[3])
	}
	m, err1 := param(kv[0], "m=", maxMemoryKiB)
	t, err2 := param(kv[1], "t=", maxPasses)
	l, err3 := param(kv[2], "p=", maxLanes)
	if err := errors.Join(err1, err2, err3); err != nil {
		return p, nil, nil, err
	}
	if m < 8*l { // argon2's own lower bound on memory per lane
		return p, nil, nil, malformed("memory m=%d below 8 KiB per lane", m)
	}
	if salt, err = b64.DecodeString(f[4]); err != nil || len(salt) < minSaltLen {
		return p, nil, nil, malformed("salt is not base64 of at least %d bytes", minSaltLen)
	}
	if key, err = b64.DecodeString(f[5]); err != nil || len(key) < minKeyLen || len(key) > maxKeyLen {
		return p, nil, nil, malformed("key is not base64 of %d to %d bytes", minKeyLen, maxKeyLen)
	}
	p = params{memory: m, passes: t, lanes: uint8(l), saltLen: len(salt), keyLen: len(key)}
	return p, salt, key, nil
}

// param parses "name=N" with 1 <= N <= limit, digits only, no leading zero.
func param(s, name string, limit uint32) (uint32, error) {
	digits, ok := strings.CutPrefix(s, name)
	if !ok || digits == "" || digits[0] == '0' || strings.Trim(digits, "0123456789") != "" {
		return 0, malformed("parameter %q, want %sN", s, name)
	}
	n, err := strconv.ParseUint(digits, 10, 32)
	if err != nil || n > uint64(limit) {
		return 0, malformed("parameter %q out of range 1..%d", s, limit)
	}
	return uint32(n), nil
}
