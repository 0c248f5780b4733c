package cases

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const (
	applicantCode  = "91500000MA5U000001"
	otherCode      = "91500000MA5U000002"
	applicantEntID = 77
)

// randomDraw is one generated pool with what it is drawn for.
type randomDraw struct {
	pool []PoolExpert
	f    DrawFor
}

// genPool makes a pool of 0–60 experts: random activity, one to three of
// four categories, an employer whose credit code is the applicant's (in
// either letter case, with spaces), another's or none, declared conflicts
// with the applicant or others, and exclusions; now and then an expert is
// listed twice.
func genPool(r *rand.Rand) randomDraw {
	f := DrawFor{CategoryID: 1 + r.Int64N(4), ApplicantID: applicantEntID, ApplicantCreditCode: applicantCode}
	if r.IntN(20) == 0 {
		f.ApplicantCreditCode = "" // an applicant without a code conflicts with no employer
	}
	size := r.IntN(61)
	ids := r.Perm(200)[:size]
	pool := make([]PoolExpert, 0, size)
	for _, id := range ids {
		e := PoolExpert{UserID: int64(id + 1), Username: "expert" + strconv.Itoa(id+1), Active: r.IntN(5) != 0}
		for c := int64(1); c <= 4; c++ {
			if r.IntN(3) == 0 {
				e.Categories = append(e.Categories, c)
			}
		}
		switch r.IntN(8) {
		case 0:
			e.EmployerCreditCode = applicantCode
		case 1:
			e.EmployerCreditCode = " " + strings.ToLower(applicantCode) + " "
		case 2:
			e.EmployerCreditCode = ""
		default:
			e.EmployerCreditCode = otherCode
		}
		for range r.IntN(3) {
			if r.IntN(4) == 0 {
				e.ConflictEnterprises = append(e.ConflictEnterprises, applicantEntID)
			} else {
				e.ConflictEnterprises = append(e.ConflictEnterprises, 1+r.Int64N(50))
			}
		}
		if r.IntN(6) == 0 {
			f.Exclude = append(f.Exclude, e.UserID)
		}
		pool = append(pool, e)
	}
	if r.IntN(4) == 0 {
		f.Exclude = append(f.Exclude, 500+r.Int64N(10)) // not in the pool
	}
	if len(pool) > 0 && r.IntN(10) == 0 {
		twin := pool[r.IntN(len(pool))]
		twin.Active = r.IntN(2) == 0
		twin.Categories = slices.Clone(twin.Categories)
		pool = append(pool, twin)
	}
	return randomDraw{pool, f}
}

// refusal is the test's own statement of who may be drawn: every entry of
// the user id is active, of the category, employed elsewhere (or
// unemployed), without a declared conflict and not excluded. It names the
// first reason that id may not be drawn, or "" when they may.
func refusal(pool []PoolExpert, f DrawFor, id int64) string {
	found := false
	for _, e := range pool {
		if e.UserID != id {
			continue
		}
		found = true
		code := strings.ToUpper(strings.TrimSpace(e.EmployerCreditCode))
		switch {
		case !e.Active:
			return "inactive"
		case !slices.Contains(e.Categories, f.CategoryID):
			return "category"
		case code != "" && code == strings.ToUpper(f.ApplicantCreditCode):
			return "employer"
		case slices.Contains(e.ConflictEnterprises, f.ApplicantID):
			return "declared"
		case slices.Contains(f.Exclude, id):
			return "excluded"
		}
	}
	if !found {
		return "absent"
	}
	return ""
}

func allowed(pool []PoolExpert, f DrawFor, id int64) bool { return refusal(pool, f, id) == "" }

// rankOrder is the test's own statement of the draw's order: the keys
// computed from the written definition, sorted as hex strings.
func rankOrder(seed string, c []Candidate) []Candidate {
	type kc struct {
		key string
		c   Candidate
	}
	var r []kc
	for _, x := range c {
		sum := sha256.Sum256([]byte(seed + "\x00" + strconv.FormatInt(x.UserID, 10)))
		r = append(r, kc{hex.EncodeToString(sum[:]), x})
	}
	slices.SortFunc(r, func(a, b kc) int { return strings.Compare(a.key, b.key) })
	out := []Candidate{}
	for _, x := range r {
		out = append(out, x.c)
	}
	return out
}

func shuffled[T any](r *rand.Rand, s []T) []T {
	s = slices.Clone(s)
	r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	return s
}

func TestDrawProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 123))
	seeds := rand.NewChaCha8([32]byte{'f', 'i', 'r', 's', 't', 's', 'e', 't'})
	const pools = 3000
	var compared, differ, empty, full int
	refused := map[string]int{}
	for i := range pools {
		g := genPool(r)
		seed, err := NewSeed(seeds)
		if err != nil {
			t.Fatal(err)
		}
		n := r.IntN(9) // 0 to 8, DefaultDrawSize among them
		c := Candidates(g.pool, g.f)
		got := DrawExperts(seed, c, n)

		// The candidates are exactly the allowed experts, ascending, once.
		var want []int64
		for _, e := range g.pool {
			why := refusal(g.pool, g.f, e.UserID)
			refused[why]++
			if why == "" && !slices.Contains(want, e.UserID) {
				want = append(want, e.UserID)
			}
		}
		slices.Sort(want)
		var gotIDs []int64
		for _, x := range c {
			gotIDs = append(gotIDs, x.UserID)
		}
		if !slices.Equal(gotIDs, want) {
			t.Fatalf("pool %d: candidates %v, want %v", i, gotIDs, want)
		}

		// The draw: allowed experts only, never twice, as many as can be.
		if len(got) != min(n, len(c)) {
			t.Fatalf("pool %d: drew %d of %d with n=%d", i, len(got), len(c), n)
		}
		seen := map[int64]bool{}
		for _, x := range got {
			if !allowed(g.pool, g.f, x.UserID) {
				t.Fatalf("pool %d: drew %d, who may not be drawn for %+v", i, x.UserID, g.f)
			}
			if seen[x.UserID] {
				t.Fatalf("pool %d: drew %d twice: %v", i, x.UserID, got)
			}
			seen[x.UserID] = true
		}
		if order := rankOrder(seed, c); !slices.Equal(got, order[:len(got)]) {
			t.Fatalf("pool %d: drew %v, the definition gives %v", i, got, order[:len(got)])
		}

		// Neither the pool's order nor the list's changes anything.
		hash := CandidatesHash(c)
		c2 := Candidates(shuffled(r, g.pool), g.f)
		if !slices.Equal(c2, c) {
			t.Fatalf("pool %d: shuffling the pool changed the candidates: %v, then %v", i, c, c2)
		}
		s := shuffled(r, c)
		if h := CandidatesHash(s); h != hash {
			t.Fatalf("pool %d: the hash depends on the order: %s, then %s", i, hash, h)
		}
		if again := DrawExperts(seed, s, n); !slices.Equal(again, got) {
			t.Fatalf("pool %d: the draw depends on the order: %v, then %v", i, got, again)
		}
		if res := NewDrawResult(seed, s, n); res.Seed != seed || res.N != n || res.CandidatesSHA256 != hash || !slices.Equal(res.Experts, got) {
			t.Fatalf("pool %d: NewDrawResult %+v", i, res)
		}

		// Another seed: usually another draw, when there is a choice.
		if n > 0 && len(c) > n {
			other, _ := NewSeed(seeds)
			compared++
			if !slices.Equal(DrawExperts(other, c, n), got) {
				differ++
			}
		}
		if len(c) == 0 {
			empty++
		}
		if n > 0 && len(c) >= n {
			full++
		}
	}
	t.Logf("%d pools: %d without candidates, %d drawing n in full; another seed changed %d of %d draws; experts by the reason they may not be drawn: %v",
		pools, empty, full, differ, compared, refused)
	for _, why := range []string{"", "inactive", "category", "employer", "declared", "excluded"} {
		if refused[why] < 100 {
			t.Errorf("only %d experts of the pools with reason %q", refused[why], why)
		}
	}
	if empty == 0 || full < pools/4 || compared < pools/4 {
		t.Fatalf("the generator is lopsided: %d empty, %d full, %d compared", empty, full, compared)
	}
	// Some pools have one candidate more than n, so a few draws coincide.
	if differ < compared*3/4 {
		t.Fatalf("another seed changed only %d of %d draws", differ, compared)
	}
}

// TestDrawVector pins the definition: the keys, the order and the hash
// below were computed with the shell, not with this package:
//
//	printf '%s\0%d' firstset-RD-2026-000123 40 | sha256sum   # 02927df7…
//	printf '3\tzhang.san\n7\tli.si\n12\twang.wu\n25\tzhao.liu\n40\tsun.qi\n101\tzhou.ba\n' | sha256sum
func TestDrawVector(t *testing.T) {
	const seed = "firstset-RD-2026-000123"
	f := DrawFor{CategoryID: 8, ApplicantID: 501, ApplicantCreditCode: "91500000MA5U000001", Exclude: []int64{55}}
	cat := []int64{3, 8}
	pool := []PoolExpert{
		{UserID: 101, Username: "zhou.ba", Active: true, Categories: cat, EmployerCreditCode: "91500000MA5U000009"},
		{UserID: 40, Username: "sun.qi", Active: true, Categories: []int64{8}},
		{UserID: 7, Username: "li.si", Active: true, Categories: cat, ConflictEnterprises: []int64{502}},
		{UserID: 12, Username: "wang.wu", Active: true, Categories: cat},
		{UserID: 3, Username: "zhang.san", Active: true, Categories: cat, EmployerCreditCode: "91500000MA5U000002"},
		{UserID: 25, Username: "zhao.liu", Active: true, Categories: cat},
		{UserID: 9, Username: "inactive", Categories: cat},
		{UserID: 10, Username: "other.category", Active: true, Categories: []int64{3}},
		{UserID: 11, Username: "same.employer", Active: true, Categories: cat, EmployerCreditCode: "91500000MA5U000001"},
		{UserID: 13, Username: "declared.conflict", Active: true, Categories: cat, ConflictEnterprises: []int64{502, 501}},
		{UserID: 55, Username: "declined", Active: true, Categories: cat},
	}
	c := Candidates(pool, f)
	wantC := []Candidate{{UserID: 3, Username: "zhang.san"}, {UserID: 7, Username: "li.si"}, {UserID: 12, Username: "wang.wu"}, {UserID: 25, Username: "zhao.liu"}, {UserID: 40, Username: "sun.qi"}, {UserID: 101, Username: "zhou.ba"}}
	if !slices.Equal(c, wantC) {
		t.Fatalf("candidates %v, want %v", c, wantC)
	}
	if h := CandidatesHash(c); h != "aca4e7b06b464458ede0a18a649fed6c0fc70566a216de0b309e02401c2d8d6d" {
		t.Fatalf("hash %s", h)
	}
	if k := RankKey(seed, 40); hex.EncodeToString(k[:]) != "02927df78406d044fab67c030a8cbfa26bb4e0ec0eac168273b2fcb235cb5c90" {
		t.Fatalf("key of 40: %x", k)
	}
	// Keys ascending: 40 (0292…), 12 (72e3…), 25 (ac68…), 7 (da81…),
	// 3 (ea6f…), 101 (ec59…).
	rank := []Candidate{{UserID: 40, Username: "sun.qi"}, {UserID: 12, Username: "wang.wu"}, {UserID: 25, Username: "zhao.liu"}, {UserID: 7, Username: "li.si"}, {UserID: 3, Username: "zhang.san"}, {UserID: 101, Username: "zhou.ba"}}
	for n := -1; n <= 8; n++ {
		want := rank[:max(0, min(n, len(rank)))]
		if got := DrawExperts(seed, c, n); !slices.Equal(got, want) || got == nil {
			t.Errorf("n=%d: drew %v, want %v", n, got, want)
		}
	}
	if got := DrawExperts(seed, nil, 5); got == nil || len(got) != 0 {
		t.Errorf("no candidates: %v", got)
	}
	if h := CandidatesHash(nil); h != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("the empty list's hash %s", h)
	}
}

// TestReplacement: an expert who declares a conflict on receiving the case
// is replaced by a draw with the same seed from the remaining candidates,
// which is the next in the original rank order.
func TestReplacement(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	seeds := rand.NewChaCha8([32]byte{'r', 'e', 'p', 'l', 'a', 'c', 'e'})
	for i := range 2000 {
		g := genPool(r)
		seed, _ := NewSeed(seeds)
		c := Candidates(g.pool, g.f)
		n, k := r.IntN(7), r.IntN(4)
		drawn := DrawExperts(seed, c, n)
		all := DrawExperts(seed, c, n+k)

		// The remaining candidates, as the list minus those drawn…
		var remaining []Candidate
		for _, x := range c {
			if !slices.Contains(drawn, x) {
				remaining = append(remaining, x)
			}
		}
		more := DrawExperts(seed, remaining, k)
		if !slices.Equal(more, all[len(drawn):]) {
			t.Fatalf("pool %d: replacements %v, the rank order continues with %v", i, more, all[len(drawn):])
		}
		// …and as the platform computes them: those drawn (and so the one
		// who declined) excluded from the pool.
		f := g.f
		f.Exclude = slices.Clone(f.Exclude)
		for _, x := range drawn {
			f.Exclude = append(f.Exclude, x.UserID)
		}
		if again := DrawExperts(seed, Candidates(g.pool, f), k); !slices.Equal(again, more) {
			t.Fatalf("pool %d: replacements from the pool %v, from the list %v", i, again, more)
		}
	}
}

func TestCandidatesHashEncoding(t *testing.T) {
	a := []Candidate{{UserID: 2, Username: "b"}, {UserID: 10, Username: "a"}, {UserID: 1, Username: "c"}}
	// Ascending by id as numbers: 10 after 2.
	if got, want := CandidatesHash(a), sum("1\tc\n2\tb\n10\ta\n"); got != want {
		t.Errorf("hash %s, want %s", got, want)
	}
	// The escapes keep the encoding one-to-one.
	for _, c := range []struct{ name, encoded string }{
		{"tab\there", `tab\there`},
		{`tab\there`, `tab\\there`},
		{"line\n2\tx", `line\n2\tx`},
		{`back\`, `back\\`},
		{"张三", "张三"},
	} {
		if got, want := CandidatesHash([]Candidate{{UserID: 1, Username: c.name}}), sum("1\t"+c.encoded+"\n"); got != want {
			t.Errorf("%q: hash %s, want that of %q", c.name, got, c.encoded)
		}
	}
	if CandidatesHash([]Candidate{{UserID: 1, Username: "a\tb"}}) == CandidatesHash([]Candidate{{UserID: 1, Username: `a\tb`}}) {
		t.Error("a TAB and a backslash-t hash alike")
	}
	if CandidatesHash([]Candidate{{UserID: 1, Username: "a"}}) == CandidatesHash([]Candidate{{UserID: 1, Username: "b"}}) {
		t.Error("the username is not in the hash")
	}
	// A user id listed twice: the same hash in either order.
	if CandidatesHash([]Candidate{{UserID: 1, Username: "x"}, {UserID: 1, Username: "y"}}) != CandidatesHash([]Candidate{{UserID: 1, Username: "y"}, {UserID: 1, Username: "x"}}) {
		t.Error("the hash of a repeated id depends on the order")
	}
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func TestDuplicates(t *testing.T) {
	f := DrawFor{CategoryID: 1, ApplicantID: 9}
	ok := PoolExpert{UserID: 5, Username: "b", Active: true, Categories: []int64{1}}
	bad := ok
	bad.Username, bad.ConflictEnterprises = "a", []int64{9}
	if c := Candidates([]PoolExpert{ok, bad}, f); len(c) != 0 {
		t.Errorf("an expert with a conflict in one of two entries: %v", c)
	}
	twin := ok
	twin.Username = "a"
	for _, pool := range [][]PoolExpert{{ok, twin}, {twin, ok}} {
		if c := Candidates(pool, f); !slices.Equal(c, []Candidate{{UserID: 5, Username: "a"}}) {
			t.Errorf("an expert listed twice: %v", c)
		}
	}
	for _, c := range [][]Candidate{{{UserID: 5, Username: "b"}, {UserID: 5, Username: "a"}, {UserID: 6, Username: "c"}}, {{UserID: 6, Username: "c"}, {UserID: 5, Username: "a"}, {UserID: 5, Username: "b"}}} {
		got := DrawExperts("s", c, 5)
		if len(got) != 2 || !slices.Contains(got, Candidate{UserID: 5, Username: "a"}) {
			t.Errorf("a candidate listed twice: %v", got)
		}
	}
}

func TestNewSeed(t *testing.T) {
	seq := make([]byte, 20)
	for i := range seq {
		seq[i] = byte(i)
	}
	s, err := NewSeed(bytes.NewReader(seq))
	if err != nil || s != "000102030405060708090a0b0c0d0e0f" {
		t.Fatalf("seed %q, %v", s, err)
	}
	if err := CheckSeed(s); err != nil {
		t.Fatal(err)
	}
	if _, err := NewSeed(bytes.NewReader(seq[:15])); err == nil {
		t.Fatal("a seed from 15 bytes")
	}
	if _, err := NewSeed(failing{}); !errors.Is(err, errBroken) {
		t.Fatalf("a failing source: %v", err)
	}
}

var errBroken = errors.New("broken")

type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errBroken }

func TestCheckSeed(t *testing.T) {
	for _, ok := range []string{"a", "RD-2026-000123 第一轮", strings.Repeat("种", MaxSeedLen)} {
		if err := CheckSeed(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", strings.Repeat("x", MaxSeedLen+1), "a\x00b", "a\nb", "\xff"} {
		if err := CheckSeed(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
