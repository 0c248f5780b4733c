// Package policy is the rules engine of the platform: the clause registry of
// 渝经信规范〔2024〕9号 and 渝府办发〔2018〕170号, parameters by effective
// date, and the formulas for the first-purchase reward (M24-1), the insurance
// premium subsidy (M24-2) and the merit allocation within a budget, each
// amount carrying the steps that explain it.
//
// The package is pure: no I/O, no clock, no state changed after an Engine is
// built. Money is integer fen and every ratio exact.
package policy

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"

	"firstset/date"
)

// FormulaRevision changes whenever a formula changes meaning, so that the
// version of a stored result differs from one computed by different code
// even when the parameters and clauses are the same. Revision 2 derives the
// validity of recognitions before 2024-04-08 and checks each rule's own
// parameters for "rule in force".
const FormulaRevision = 2

// Engine computes with one parameter set and one clause registry. It is
// immutable and safe for concurrent use: build it once (NewEngine hashes
// the whole content) and share it.
type Engine struct {
	params    *ParamSet
	registry  *Registry
	canonical []byte
	version   string
}

// Options tune a computation.
type Options struct {
	// Explain builds the explanation steps. Off, the engine builds no
	// strings at all, for bulk runs.
	Explain bool
}

// Step is one line of an explanation: the clause it rests on, a Chinese
// sentence a reviewer can check with a calculator, and the parameter values
// in force that it used.
type Step struct {
	Clause ClauseID   `json:"clause"`
	Text   string     `json:"text"`
	Params []ParamRef `json:"params,omitempty"`
}

// engineClauses are cited by the formulas themselves.
var engineClauses = []ClauseID{M24FirstPurchase, M24Premium, M24Talent}

// NewEngine checks that every clause the parameters and formulas cite is in
// the registry and computes the version.
func NewEngine(ps *ParamSet, reg *Registry) (*Engine, error) {
	if ps == nil || reg == nil {
		return nil, fmt.Errorf("policy: an engine needs a parameter set and a clause registry")
	}
	for _, id := range engineClauses {
		if _, ok := reg.Lookup(id); !ok {
			return nil, fmt.Errorf("policy: the formulas cite clause %s, which the registry lacks", id)
		}
	}
	for _, p := range Params() {
		for _, id := range p.Clauses() {
			if _, ok := reg.Lookup(id); !ok {
				return nil, fmt.Errorf("policy: parameter %s cites clause %s, which the registry lacks", p.ID(), id)
			}
		}
	}
	e := &Engine{params: ps, registry: reg}
	e.canonical = canonical(ps, reg)
	sum := sha256.Sum256(e.canonical)
	e.version = hex.EncodeToString(sum[:])
	return e, nil
}

// DefaultEngine uses DefaultParams and DefaultRegistry.
func DefaultEngine() *Engine {
	e, err := NewEngine(DefaultParams(), DefaultRegistry())
	if err != nil {
		panic(err)
	}
	return e
}

// Version is the sha256 (hex) of the canonical encoding of the parameters,
// the clauses and the formula revision. Every result records it; a stored
// decision is replayed by an engine of the same version.
func (e *Engine) Version() string { return e.version }

// Canonical is the exact text the version hashes, to be stored beside
// decisions so that a later reader can see what the version stood for.
func (e *Engine) Canonical() []byte { return append([]byte(nil), e.canonical...) }

// Params is the parameter set.
func (e *Engine) Params() *ParamSet { return e.params }

// Registry is the clause registry.
func (e *Engine) Registry() *Registry { return e.registry }

// canonical encodes everything the version stands for: one JSON object per
// line, clauses by id, then parameter values by id and date. json.Marshal of
// a struct is deterministic, so equal content gives equal bytes.
func canonical(ps *ParamSet, reg *Registry) []byte {
	var out []byte
	out = append(out, fmt.Sprintf("firstset-policy formula-revision=%d\n", FormulaRevision)...)
	clauses := reg.All()
	sort.Slice(clauses, func(i, j int) bool { return clauses[i].ID < clauses[j].ID })
	for _, c := range clauses {
		b, _ := json.Marshal(c)
		out = append(append(out, b...), '\n')
	}
	type paramLine struct {
		ID     string    `json:"param"`
		From   date.Date `json:"from"`
		Value  string    `json:"value"`
		Source string    `json:"source"`
	}
	changes := ps.Changes()
	sort.SliceStable(changes, func(i, j int) bool {
		a, b := changes[i], changes[j]
		if a.Param.ID() != b.Param.ID() {
			return a.Param.ID() < b.Param.ID()
		}
		return a.From.Before(b.From)
	})
	for _, c := range changes {
		b, _ := json.Marshal(paramLine{ID: c.Param.ID(), From: c.From, Value: c.Param.canonical(c.Value), Source: c.Source})
		out = append(append(out, b...), '\n')
	}
	return out
}

// step builds an explanation step whose text ends with the citation of its
// clauses, the primary one first.
func (e *Engine) step(text string, refs []ParamRef, clauses ...ClauseID) Step {
	return Step{Clause: clauses[0], Text: text + "（" + e.registry.Cite(clauses...) + "）", Params: refs}
}
