package ui

import "firstset/district"

// districtList is what the district selects offer, in the district
// table's order: built once, as the table is part of the build, and only
// read after.
var districtList = district.All()

// DistrictName is a district's name, or its code when it is not listed.
func DistrictName(code string) string {
	if d, ok := district.ByCode(code); ok {
		return d.Name
	}
	return code
}
