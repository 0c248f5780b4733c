package web

import "firstset/district"

// defaultDistricts is the embedded list of Chongqing's districts, used
// when Options.Districts is nil.
func defaultDistricts() []District {
	all := district.All()
	out := make([]District, 0, len(all))
	for _, d := range all {
		out = append(out, District{Code: d.Code, Name: d.Name})
	}
	return out
}
