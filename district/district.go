// Package district lists Chongqing's districts, counties, autonomous counties
// and the functional zones the platform treats like them, from an embedded
// table in the order the city's own lists use.
package district

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Kind values.
const (
	KindDistrict         = "district"
	KindCounty           = "county"
	KindAutonomousCounty = "autonomous_county"
	KindFunctionalZone   = "functional_zone"
)

var kindLabels = map[string]string{
	KindDistrict:         "区",
	KindCounty:           "县",
	KindAutonomousCounty: "自治县",
	KindFunctionalZone:   "功能区",
}

// KindLabel is the Chinese label of a kind, or "" for an unknown kind.
func KindLabel(kind string) string { return kindLabels[kind] }

// District is one entry. Code is the GB/T 2260 division code for districts
// and counties; functional zones have no such code and use short letter codes
// (e.g. LJ for 两江新区), so Code must not be assumed numeric.
type District struct {
	Code string
	Name string
	Kind string
}

// KindLabel is the Chinese label of d's kind.
func (d District) KindLabel() string { return KindLabel(d.Kind) }

//go:embed districts.csv
var districtsCSV string

var (
	all    []District
	byCode map[string]int
)

// The table is part of the build, so a malformed one is a programming error
// that must stop the program at start rather than surface later.
func init() {
	var err error
	all, err = parse(strings.NewReader(districtsCSV))
	if err != nil {
		panic("district: embedded districts.csv: " + err.Error())
	}
	byCode = make(map[string]int, len(all))
	for i, d := range all {
		byCode[d.Code] = i
	}
}

// All returns every entry in file order. The slice is a copy the caller may
// modify.
func All() []District {
	return append([]District(nil), all...)
}

// ByCode finds an entry by its exact code.
func ByCode(code string) (District, bool) {
	i, ok := byCode[code]
	if !ok {
		return District{}, false
	}
	return all[i], true
}

// parse reads the table: a code,name,kind header, then one row per entry
// with non-empty, unique codes and a known kind.
func parse(r io.Reader) ([]District, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 3
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if strings.Join(head, ",") != "code,name,kind" {
		return nil, fmt.Errorf("header is %q, want code,name,kind", strings.Join(head, ","))
	}
	var out []District
	seen := map[string]bool{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		d := District{Code: rec[0], Name: rec[1], Kind: rec[2]}
		line, _ := cr.FieldPos(0)
		switch {
		case d.Code == "" || d.Name == "":
			return nil, fmt.Errorf("line %d: empty code or name", line)
		case strings.TrimSpace(d.Code) != d.Code || strings.TrimSpace(d.Name) != d.Name:
			return nil, fmt.Errorf("line %d: surrounding spaces", line)
		case kindLabels[d.Kind] == "":
			return nil, fmt.Errorf("line %d: unknown kind %q", line, d.Kind)
		case seen[d.Code]:
			return nil, fmt.Errorf("line %d: duplicate code %s", line, d.Code)
		}
		seen[d.Code] = true
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, errors.New("no entries")
	}
	return out, nil
}
