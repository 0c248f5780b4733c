package web

import "firstset/district"

// districtList is what the district selects offer, in the district
// table's order: built once, as the table is part of the build, and only
// read after.
var districtList = district.All()

// districtName is a district's name, or its code when it is not listed.
func districtName(code string) string {
	if d, ok := district.ByCode(code); ok {
		return d.Name
	}
	return code
}
