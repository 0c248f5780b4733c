package expertscli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"firstset/cases"
)

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// pool is a candidate list as the platform exports it.
func pool() cases.CandidateFile {
	list := []cases.Candidate{
		{UserID: 3, Username: "zhang.san"}, {UserID: 7, Username: "li.si"}, {UserID: 12, Username: "wang.wu"},
		{UserID: 25, Username: "zhao.liu"}, {UserID: 40, Username: "sun.qi"}, {UserID: 101, Username: "zhou.ba"},
		{UserID: 102, Username: "专家<甲>"},
	}
	return cases.CandidateFile{Case: "RD-2026-000123", CategoryID: 8, CandidatesSHA256: cases.CandidatesHash(list), Candidates: list}
}

func encode(t *testing.T, f any) string {
	t.Helper()
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func writeFile(t *testing.T, content string) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "candidates.json")
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func decodeResult(t *testing.T, out string) cases.DrawResult {
	t.Helper()
	var res cases.DrawResult
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&res); err != nil {
		t.Fatalf("stdout is not a draw result: %v\n%s", err, out)
	}
	return res
}

func TestDrawFromFile(t *testing.T) {
	f := pool()
	name := writeFile(t, encode(t, f))
	for _, c := range []struct {
		args []string
		seed string
		n    int
	}{
		{[]string{"--candidates", name, "--seed", "firstset-RD-2026-000123", "--n", "3"}, "firstset-RD-2026-000123", 3},
		{[]string{"--n=4", "--seed=抽取 第二轮", "--candidates=" + name}, "抽取 第二轮", 4},
		{[]string{"--seed", "a1b2c3", "--candidates", name}, "a1b2c3", cases.DefaultDrawSize},
		{[]string{"-seed", "x", "-candidates", name, "-n", "50"}, "x", 50},
	} {
		code, out, errOut := run(t, "", append([]string{"draw"}, c.args...)...)
		if code != 0 || errOut != "" {
			t.Fatalf("%v: exit %d, stderr %q", c.args, code, errOut)
		}
		res := decodeResult(t, out)
		want := cases.DrawResult{Seed: c.seed, N: c.n, CandidatesSHA256: f.CandidatesSHA256,
			Experts: cases.DrawExperts(c.seed, f.Candidates, c.n)}
		if !reflect.DeepEqual(res, want) {
			t.Fatalf("%v: %+v, want %+v", c.args, res, want)
		}
		if len(res.Experts) != min(c.n, len(f.Candidates)) {
			t.Fatalf("%v: %d experts", c.args, len(res.Experts))
		}
		if !strings.HasPrefix(out, "{\n  \"seed\": ") || !strings.HasSuffix(out, "}\n") {
			t.Fatalf("not indented JSON:\n%s", out)
		}
	}
	// The vector of cases.TestDrawVector, through the command.
	code, out, _ := run(t, "", "draw", "--candidates", name, "--seed", "firstset-RD-2026-000123", "--n", "3")
	if res := decodeResult(t, out); code != 0 || res.Experts[0].UserID != 40 || res.Experts[1].UserID != 12 || res.Experts[2].UserID != 25 {
		t.Fatalf("exit %d: %+v", code, res)
	}
	// Everyone drawn, and the output not HTML-escaped.
	_, out, _ = run(t, "", "draw", "--candidates", name, "--seed", "x", "--n", "7")
	if !strings.Contains(out, `"username": "专家<甲>"`) {
		t.Fatalf("HTML-escaped output or someone missing:\n%s", out)
	}
}

func TestDrawFromStdin(t *testing.T) {
	f := pool()
	code, out, errOut := run(t, encode(t, f), "draw", "--seed", "s", "--candidates", "-", "--n", "2")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if res := decodeResult(t, out); !reflect.DeepEqual(res.Experts, cases.DrawExperts("s", f.Candidates, 2)) {
		t.Fatalf("%+v", res)
	}
	// Without the hash, in another order: the same draw, and the hash shown.
	f.CandidatesSHA256, f.Case, f.CategoryID = "", "", 0
	f.Candidates[0], f.Candidates[6] = f.Candidates[6], f.Candidates[0]
	code, out2, _ := run(t, encode(t, f), "draw", "--seed", "s", "--candidates", "-", "--n", "2")
	if code != 0 || out2 != out {
		t.Fatalf("exit %d:\n%s\nwant\n%s", code, out2, out)
	}
	// An empty list draws nobody.
	code, out, _ = run(t, `{"candidates": []}`, "draw", "--seed", "s", "--candidates", "-")
	if res := decodeResult(t, out); code != 0 || res.Experts == nil || len(res.Experts) != 0 ||
		res.CandidatesSHA256 != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Fatalf("exit %d: %s", code, out)
	}
}

func TestHashMismatch(t *testing.T) {
	f := pool()
	good := f.CandidatesSHA256
	f.Candidates[1].Username = "li.si2" // edited after the export
	code, out, errOut := run(t, encode(t, f), "draw", "--seed", "s", "--candidates", "-")
	if code != 2 || out != "" || !strings.Contains(errOut, good) || !strings.Contains(errOut, cases.CandidatesHash(f.Candidates)) ||
		strings.Count(errOut, "\n") != 1 {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	f = pool()
	f.CandidatesSHA256 = strings.ToUpper(f.CandidatesSHA256)
	if code, _, errOut := run(t, encode(t, f), "draw", "--seed", "s", "--candidates", "-"); code != 0 {
		t.Fatalf("an upper-case hash: exit %d, %s", code, errOut)
	}
	f.CandidatesSHA256 = "abc"
	if code, out, errOut := run(t, encode(t, f), "draw", "--seed", "s", "--candidates", "-"); code != 2 || out != "" || !strings.Contains(errOut, "not a SHA-256") {
		t.Fatalf("a short hash: exit %d, %q %q", code, out, errOut)
	}
}

func TestBadInput(t *testing.T) {
	f := pool()
	dup := f
	dup.Candidates = append([]cases.Candidate{{UserID: 12, Username: "wang.wu"}}, f.Candidates...)
	dup.CandidatesSHA256 = cases.CandidatesHash(dup.Candidates)
	for name, c := range map[string]struct{ in, want string }{
		"duplicate id":  {encode(t, dup), "user id 12 is listed twice"},
		"unknown field": {`{"candidates": [], "seed": "x"}`, `unknown field "seed"`},
		"unknown candidate field": {`{"candidates": [{"user_id": 1, "username": "a", "active": true}]}`,
			`unknown field "active"`},
		"no list":        {`{"candidates_sha256": ""}`, `no "candidates" list`},
		"null list":      {`{"candidates": null}`, `no "candidates" list`},
		"not json":       {"user_id\tusername\n1\ta\n", "not a candidate file"},
		"a list":         {`[{"user_id": 1, "username": "a"}]`, "not a candidate file"},
		"trailing data":  {`{"candidates": []} {}`, "more data"},
		"zero id":        {`{"candidates": [{"username": "a"}]}`, "candidates[0].user_id must be a positive"},
		"string id":      {`{"candidates": [{"user_id": "1", "username": "a"}]}`, "not a candidate file"},
		"empty":          {"", "not a candidate file"},
		"too large file": {`{"candidates": [], "case": "` + strings.Repeat("x", MaxInputBytes) + `"}`, "larger than 16 MiB"},
	} {
		code, out, errOut := run(t, c.in, "draw", "--candidates", "-", "--seed", "s")
		if code != 2 || out != "" || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q, want %q", name, code, out, errOut, c.want)
		}
	}
	code, out, errOut := run(t, "", "draw", "--candidates", filepath.Join(t.TempDir(), "missing.json"), "--seed", "s")
	if code != 2 || out != "" || !strings.Contains(errOut, "cannot read") {
		t.Errorf("a missing file: exit %d, %q %q", code, out, errOut)
	}
}

func TestBadFlags(t *testing.T) {
	name := writeFile(t, encode(t, pool()))
	for _, c := range []struct {
		args []string
		want string
	}{
		{nil, "usage:"},
		{[]string{"pick"}, `unknown command "pick"`},
		{[]string{"draw"}, "--candidates is required"},
		{[]string{"draw", "--candidates", name}, "--seed is required"},
		{[]string{"draw", "--seed", "s"}, "--candidates is required"},
		{[]string{"draw", "--candidates", name, "--seed", ""}, "seed is empty"},
		{[]string{"draw", "--candidates", name, "--seed", strings.Repeat("s", 129)}, "longer than 128"},
		{[]string{"draw", "--candidates", name, "--seed", "a\nb"}, "control character"},
		{[]string{"draw", "--candidates", name, "--seed", "s", "--n", "0"}, "at least 1"},
		{[]string{"draw", "--candidates", name, "--seed", "s", "--n", "-2"}, "at least 1"},
		{[]string{"draw", "--candidates", name, "--seed", "s", "--n", "five"}, "whole number"},
		{[]string{"draw", "--candidates", name, "--seed", "s", "--n"}, "needs an argument"},
		{[]string{"draw", "--candidates", name, "--seed", "s", "--seed", "t"}, "more than once"},
		{[]string{"draw", "--candidates", name, "--seed", "s", "--count", "3"}, "not defined: -count"},
		{[]string{"draw", "--candidates", name, "--seed", "s", "extra"}, `unexpected argument "extra"`},
		{[]string{"draw", name, "--seed", "s"}, "unexpected argument"},
		{[]string{"draw", "--candidates", "", "--seed", "s"}, "empty file name"},
	} {
		code, out, errOut := run(t, "", c.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q, want %q", c.args, code, out, errOut, c.want)
		}
	}
	for _, args := range [][]string{{"--help"}, {"help"}, {"draw", "-h"}, {"draw", "--seed", "s", "--help"}} {
		code, out, errOut := run(t, "", args...)
		if code != 0 || errOut != "" || !strings.Contains(out, "SHA-256(seed || 0x00 || decimal user id)") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteFailure(t *testing.T) {
	var errOut bytes.Buffer
	code := Run([]string{"draw", "--candidates", "-", "--seed", "s"}, strings.NewReader(`{"candidates": []}`), brokenWriter{}, &errOut)
	if code != 1 || !strings.Contains(errOut.String(), "disk full") {
		t.Fatalf("exit %d, %q", code, errOut.String())
	}
}
