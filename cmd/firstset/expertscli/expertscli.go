// Package expertscli is the "experts" command of the firstset binary: it
// recomputes a draw of experts offline, from the candidate list the
// platform exports and the seed it recorded, so that anyone can check who
// was drawn for a case.
//
//	firstset experts draw --candidates FILE|- --seed S [--n 5]
//
// FILE is a cases.CandidateFile (JSON); - reads it from standard input.
// The draw is cases.DrawExperts; the result is a cases.DrawResult written
// as indented JSON.
//
// Exit status: 0 with the result on stdout; 2 for a bad input or a usage
// error, with one line on stderr and nothing on stdout; 1 when the result
// cannot be written.
package expertscli

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"firstset/cases"
	"firstset/cmd/firstset/clifile"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitFailure  = 1 // the result could not be written
	ExitBadInput = 2 // a bad candidate file or a usage error
)

// MaxInputBytes bounds a candidate file so that a wrong file cannot
// exhaust memory.
const MaxInputBytes = 16 << 20

const usage = "usage: firstset experts draw --candidates FILE|- --seed S [--n N]"

const help = usage + `

Recomputes a draw of experts (抽取专家) from an exported candidate list:
  --candidates FILE  the candidate list, {"candidates_sha256": "…", "candidates":
                     [{"user_id": 12, "username": "…"}, …]}; - reads standard input
  --seed S           the draw's recorded seed (1 to 128 characters)
  --n N              how many experts to draw (default 5)
Each candidate's key is SHA-256(seed || 0x00 || decimal user id); the n
candidates of least key, ascending, are drawn. candidates_sha256, when
present, must be the hash of the list (see cases.CandidatesHash).
`

// Run runs "experts"; args start after "experts".
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fail := func(code int, msg string) int {
		fmt.Fprintln(stderr, oneLine(msg))
		return code
	}
	if len(args) == 0 {
		return fail(ExitBadInput, usage)
	}
	switch args[0] {
	case "-h", "--help", "help":
		return writeHelp(stdout, stderr)
	case "draw":
	default:
		return fail(ExitBadInput, fmt.Sprintf("firstset experts: unknown command %q; %s", args[0], usage))
	}

	opt, err := parseDraw(args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return writeHelp(stdout, stderr)
	}
	if err != nil {
		return fail(ExitBadInput, "firstset experts draw: "+err.Error()+"; "+usage)
	}
	list, err := readCandidates(opt.candidates, stdin)
	if err != nil {
		return fail(ExitBadInput, "firstset experts draw: "+err.Error())
	}

	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(cases.NewDrawResult(opt.seed, list, opt.n)); err != nil {
		return fail(ExitFailure, "firstset experts draw: cannot encode the result: "+err.Error())
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		return fail(ExitFailure, "firstset experts draw: cannot write the result: "+err.Error())
	}
	return ExitOK
}

func writeHelp(stdout, stderr io.Writer) int {
	if _, err := io.WriteString(stdout, help); err != nil {
		fmt.Fprintln(stderr, "firstset experts: cannot write the help: "+err.Error())
		return ExitFailure
	}
	return ExitOK
}

type drawOptions struct {
	candidates string
	seed       string
	n          int
}

// parseDraw reads the flags of "experts draw", in any order; each may be
// given once, and nothing else is accepted.
func parseDraw(args []string) (drawOptions, error) {
	opt := drawOptions{n: cases.DefaultDrawSize}
	fs := flag.NewFlagSet("experts draw", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	seen := map[string]bool{}
	once := func(name string, set func(string) error) {
		fs.Func(name, "", func(v string) error {
			if seen[name] {
				return fmt.Errorf("given more than once")
			}
			seen[name] = true
			return set(v)
		})
	}
	once("candidates", func(v string) error {
		if v == "" {
			return errors.New("empty file name")
		}
		opt.candidates = v
		return nil
	})
	once("seed", func(v string) error {
		if err := cases.CheckSeed(v); err != nil {
			return err
		}
		opt.seed = v
		return nil
	})
	once("n", func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return fmt.Errorf("must be a whole number of at least 1, not %q", v)
		}
		opt.n = n
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return opt, err
	}
	if fs.NArg() > 0 {
		return opt, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if !seen["candidates"] {
		return opt, errors.New("--candidates is required")
	}
	if !seen["seed"] {
		return opt, errors.New("--seed is required")
	}
	return opt, nil
}

// readCandidates reads and checks a candidate file: one JSON object with no
// unknown fields, a "candidates" list of positive, distinct user ids, and a
// candidates_sha256, when present, that is the list's hash.
func readCandidates(name string, stdin io.Reader) ([]cases.Candidate, error) {
	data, err := clifile.Read(name, stdin, MaxInputBytes)
	if err != nil {
		return nil, err
	}
	label := clifile.Label(name)

	var file cases.CandidateFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("%s is not a candidate file: %v", label, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%s is not a candidate file: more data after its JSON object", label)
	}
	if file.Candidates == nil {
		return nil, fmt.Errorf("%s is not a candidate file: it has no \"candidates\" list", label)
	}
	ids := make(map[int64]int, len(file.Candidates))
	for i, c := range file.Candidates {
		if c.UserID <= 0 {
			return nil, fmt.Errorf("%s: candidates[%d].user_id must be a positive user id, not %d", label, i, c.UserID)
		}
		if j, dup := ids[c.UserID]; dup {
			return nil, fmt.Errorf("%s: user id %d is listed twice, as candidates[%d] and candidates[%d]", label, c.UserID, j, i)
		}
		ids[c.UserID] = i
	}
	if want := file.CandidatesSHA256; want != "" {
		if b, err := hex.DecodeString(want); err != nil || len(b) != 32 {
			return nil, fmt.Errorf("%s: candidates_sha256 %q is not a SHA-256 in hex (64 characters 0-9a-f)", label, want)
		}
		if got := cases.CandidatesHash(file.Candidates); !strings.EqualFold(got, want) {
			return nil, fmt.Errorf("%s: the candidate list does not match its hash: candidates_sha256 is %s but the list hashes to %s", label, strings.ToLower(want), got)
		}
	}
	return file.Candidates, nil
}

// oneLine keeps a message on one line whatever a file name or a value held.
func oneLine(s string) string {
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(strings.TrimRight(s, "\r\n"))
}
