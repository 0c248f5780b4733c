package cases

// The draw of experts (抽取专家) for a case, reproducible by anyone: which
// experts may be drawn is a function of the pool and the case (Candidates),
// the list is fingerprinted (CandidatesHash), and who is drawn is a public
// function of a seed and that list (DrawExperts). The platform records the
// seed and the hash with the draw and shows them; `firstset experts draw`
// recomputes the draw offline from the exported CandidateFile.

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"firstset"
)

// DefaultDrawSize is how many experts a case draws unless told otherwise.
const DefaultDrawSize = 5

// MaxSeedLen is the most characters a seed may have.
const MaxSeedLen = 128

// PoolExpert is an expert of the pool as the draw sees them.
type PoolExpert struct {
	UserID              int64
	Username            string
	Active              bool
	Categories          []int64 // specialty category ids
	EmployerCreditCode  string
	ConflictEnterprises []int64 // enterprise ids the expert declared a conflict with
}

// DrawFor is what a draw is for.
type DrawFor struct {
	CategoryID          int64
	ApplicantID         int64 // the applicant enterprise id
	ApplicantCreditCode string
	Exclude             []int64 // user ids already drawn for the case or who declined it
}

// Candidate is one expert the draw may choose, as exported and as the
// command reads it.
type Candidate = firstset.Candidate

// CandidateFile is the exported candidate list of a draw, the input of
// `firstset experts draw`. CandidatesSHA256 is CandidatesHash(Candidates);
// the command refuses a file whose list does not match it.
type CandidateFile struct {
	Case             string      `json:"case,omitempty"` // the case number, RD-2026-000123
	CategoryID       int64       `json:"category_id,omitempty"`
	CandidatesSHA256 string      `json:"candidates_sha256"`
	Candidates       []Candidate `json:"candidates"`
}

// DrawResult is a draw as recorded and shown: the seed, the number asked
// for, the hash of the candidate list and the experts drawn in rank order.
type DrawResult struct {
	Seed             string      `json:"seed"`
	N                int         `json:"n"`
	CandidatesSHA256 string      `json:"candidates_sha256"`
	Experts          []Candidate `json:"experts"`
}

// Candidates returns the experts of pool that a draw for f may choose,
// sorted by UserID ascending, each once. An expert is eligible when they
// are active, their specialty categories include f.CategoryID, and none of
// the conflicts holds:
//
//   - their employer's 统一社会信用代码 equals the applicant's (compared
//     without surrounding spaces and ignoring letter case; an empty code
//     equals nothing);
//   - they declared a conflict with the applicant enterprise, f.ApplicantID;
//   - their user id is in f.Exclude (already drawn for the case, or declined
//     it).
//
// An expert listed more than once in pool is eligible only when every
// entry is, and keeps the least username of their entries, so the result
// does not depend on the pool's order.
func Candidates(pool []PoolExpert, f DrawFor) []Candidate {
	type seen struct {
		username string
		eligible bool
	}
	byID := make(map[int64]seen, len(pool))
	for _, e := range pool {
		ok := eligible(e, f)
		if s, dup := byID[e.UserID]; dup {
			byID[e.UserID] = seen{min(s.username, e.Username), s.eligible && ok}
			continue
		}
		byID[e.UserID] = seen{e.Username, ok}
	}
	out := []Candidate{}
	for id, s := range byID {
		if s.eligible {
			out = append(out, Candidate{UserID: id, Username: s.username})
		}
	}
	slices.SortFunc(out, func(a, b Candidate) int { return cmp.Compare(a.UserID, b.UserID) })
	return out
}

func eligible(e PoolExpert, f DrawFor) bool {
	return e.Active &&
		slices.Contains(e.Categories, f.CategoryID) &&
		!sameCreditCode(e.EmployerCreditCode, f.ApplicantCreditCode) &&
		!slices.Contains(e.ConflictEnterprises, f.ApplicantID) &&
		!slices.Contains(f.Exclude, e.UserID)
}

func sameCreditCode(a, b string) bool {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	return a != "" && strings.EqualFold(a, b)
}

// CandidatesHash is the fingerprint of a candidate list: the lower-case
// hex SHA-256 of its canonical encoding, whatever the order of c.
//
// The canonical encoding is one line per candidate, in ascending order of
// user id (a user id listed twice: its lines in byte order):
//
//	decimal user id, TAB (0x09), username, LF (0x0A)
//
// where the username is its UTF-8 bytes with three escapes: a backslash
// is written as two backslashes, a TAB as `\t` and an LF as `\n`. An empty
// list is the empty string (hash e3b0c442…b855). For the usual usernames,
// without backslashes, TABs or LFs, the encoding is what
//
//	jq -j '.candidates | sort_by(.user_id)[] | "\(.user_id)\t\(.username)\n"' FILE | sha256sum
//
// hashes.
func CandidatesHash(c []Candidate) string {
	lines := make([][]byte, len(c))
	for i, x := range c {
		lines[i] = encodeCandidate(x)
	}
	// Each line starts with its id then a TAB; sort by the id numerically,
	// then by the whole line (the same id, different usernames).
	ids := make([]int64, len(c))
	order := make([]int, len(c))
	for i, x := range c {
		ids[i], order[i] = x.UserID, i
	}
	slices.SortFunc(order, func(i, j int) int {
		return cmp.Or(cmp.Compare(ids[i], ids[j]), bytes.Compare(lines[i], lines[j]))
	})
	h := sha256.New()
	for _, i := range order {
		h.Write(lines[i])
	}
	return hex.EncodeToString(h.Sum(nil))
}

var usernameEscapes = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`)

func encodeCandidate(c Candidate) []byte {
	b := strconv.AppendInt(nil, c.UserID, 10)
	b = append(b, '\t')
	b = append(b, usernameEscapes.Replace(c.Username)...)
	return append(b, '\n')
}

// RankKey is a candidate's key in a draw with seed: the SHA-256 of the
// seed's UTF-8 bytes, one zero byte, and the user id in decimal ASCII (a
// leading '-' for a negative one, never a leading zero). In a shell:
//
//	printf '%s\0%d' "$SEED" "$USER_ID" | sha256sum
func RankKey(seed string, userID int64) [sha256.Size]byte {
	b := make([]byte, 0, len(seed)+1+20)
	b = append(b, seed...)
	b = append(b, 0)
	b = strconv.AppendInt(b, userID, 10)
	return sha256.Sum256(b)
}

// DrawExperts draws n experts from the candidates c with seed, and returns
// them in rank order. The definition, which anyone can check:
//
//  1. every candidate's key is RankKey(seed, UserID):
//     SHA-256(seed || 0x00 || decimal user id);
//  2. the candidates are ordered by key ascending, compared as bytes
//     (equal keys, which only a user id listed twice has, by user id, then
//     username), and each user id is kept once, at its first place;
//  3. the first n are drawn, all of them when there are fewer than n;
//     none when n <= 0.
//
// So the draw does not depend on the order of c, never repeats an expert,
// and the experts of one seed keep their relative order whatever else is
// in the list: replacing an expert who declares a conflict is
// DrawExperts(seed, remaining, k) with the same seed over the candidates
// not yet drawn, which gives the next k of the original order. DrawExperts
// refuses nothing; the caller validates the seed (CheckSeed) and n.
func DrawExperts(seed string, c []Candidate, n int) []Candidate {
	if n <= 0 || len(c) == 0 {
		return []Candidate{}
	}
	type ranked struct {
		key [sha256.Size]byte
		c   Candidate
	}
	r := make([]ranked, len(c))
	for i, x := range c {
		r[i] = ranked{RankKey(seed, x.UserID), x}
	}
	slices.SortFunc(r, func(a, b ranked) int {
		return cmp.Or(bytes.Compare(a.key[:], b.key[:]),
			cmp.Compare(a.c.UserID, b.c.UserID), strings.Compare(a.c.Username, b.c.Username))
	})
	out := make([]Candidate, 0, min(n, len(r)))
	for i, x := range r {
		if len(out) == n {
			break
		}
		if i > 0 && r[i-1].c.UserID == x.c.UserID {
			continue
		}
		out = append(out, x.c)
	}
	return out
}

// NewDrawResult is the recorded form of DrawExperts(seed, c, n): the seed,
// n, the candidate list's hash and the experts drawn.
func NewDrawResult(seed string, c []Candidate, n int) DrawResult {
	return DrawResult{Seed: seed, N: n, CandidatesSHA256: CandidatesHash(c), Experts: DrawExperts(seed, c, n)}
}

// NewSeed returns a new seed: 16 bytes read from random (crypto/rand.Reader
// in the platform) as 32 lower-case hex characters.
func NewSeed(random io.Reader) (string, error) {
	var b [16]byte
	if _, err := io.ReadFull(random, b[:]); err != nil {
		return "", fmt.Errorf("cannot read a random seed: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// CheckSeed says whether seed may seed a draw: it is not empty, has at
// most MaxSeedLen characters, is valid UTF-8 and holds no control
// characters (a seed is recorded and shown, and typed back in to check).
func CheckSeed(seed string) error {
	switch {
	case seed == "":
		return fmt.Errorf("抽取种子不能为空 (the seed is empty)")
	case !utf8.ValidString(seed):
		return fmt.Errorf("抽取种子须为 UTF-8 文本 (the seed is not valid UTF-8)")
	case utf8.RuneCountInString(seed) > MaxSeedLen:
		return fmt.Errorf("抽取种子不能超过 %d 个字符 (the seed is longer than %d characters)", MaxSeedLen, MaxSeedLen)
	case strings.ContainsFunc(seed, unicode.IsControl):
		return fmt.Errorf("抽取种子不能含控制字符 (the seed holds a control character)")
	}
	return nil
}
