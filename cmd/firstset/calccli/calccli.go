// Package calccli is the "calc" command of the firstset binary: it reads a
// case as JSON from a file or stdin, runs the policy engine with
// explanations and writes one JSON object.
//
//	firstset calc premium-subsidy       CASE.json   # or - for stdin
//	firstset calc first-purchase-reward CASE.json
//	firstset calc allocate              CASE.json
//
// Exit status: 0 with the result on stdout; 2 for a bad input or a usage
// error, with one line on stderr and nothing on stdout; 1 when the result
// cannot be written.
package calccli

import (
	"fmt"
	"io"
	"strings"

	"firstset/cmd/firstset/clifile"
	"firstset/policy"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitFailure  = 1 // the result could not be written
	ExitBadInput = 2 // a bad case or a usage error
)

// MaxInputBytes bounds a case so that a wrong file cannot exhaust memory.
const MaxInputBytes = 64 << 20

const usage = "usage: firstset calc premium-subsidy|first-purchase-reward|allocate FILE|-"

const help = usage + `

Computes with the rules of 渝经信规范〔2024〕9号 and writes one JSON object:
  premium-subsidy         保费补贴 (M24-2) for each insurance policy period
  first-purchase-reward   首购首用奖励 (M24-1): eligibility and the maximum
  allocate                择优 merit allocation of a budget among applications
FILE is a JSON case; - reads it from standard input. See docs/policy-notes.md.
`

// Run runs "calc" with the default engine; args start after "calc".
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return RunWith(policy.DefaultEngine(), args, stdin, stdout, stderr)
}

// RunWith runs "calc" with a given engine, such as one built from the
// parameters stored in the database.
func RunWith(eng *policy.Engine, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fail := func(code int, msg string) int {
		fmt.Fprintln(stderr, policy.OneLine(strings.TrimRight(msg, "\r\n")))
		return code
	}
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		if _, err := io.WriteString(stdout, help); err != nil {
			return fail(ExitFailure, "calc: cannot write the help: "+err.Error())
		}
		return ExitOK
	}
	if len(args) != 2 {
		return fail(ExitBadInput, usage)
	}
	kind := args[0]
	if !policy.IsCalculation(kind) {
		return fail(ExitBadInput, fmt.Sprintf("calc: unknown calculation %q; %s", kind, usage))
	}
	name := args[1]
	if strings.HasPrefix(name, "-") && name != "-" {
		return fail(ExitBadInput, fmt.Sprintf("calc: unknown option %q; %s", name, usage))
	}

	data, err := readCase(name, stdin)
	if err != nil {
		return fail(ExitBadInput, err.Error())
	}
	result, err := eng.Calculate(kind, data)
	if err != nil {
		// A *policy.Error already reads "field.path: problem".
		return fail(ExitBadInput, err.Error())
	}

	out, err := policy.MarshalResult(result, "  ")
	if err != nil {
		return fail(ExitFailure, "calc: cannot encode the result: "+err.Error())
	}
	if _, err := stdout.Write(out); err != nil {
		return fail(ExitFailure, "calc: cannot write the result: "+err.Error())
	}
	return ExitOK
}

func readCase(name string, stdin io.Reader) ([]byte, error) {
	data, err := clifile.Read(name, stdin, MaxInputBytes)
	if err != nil {
		return nil, fmt.Errorf("calc: %w", err)
	}
	return data, nil
}
