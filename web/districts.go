package web

// defaultDistricts is used when Options.Districts is nil.
func defaultDistricts() []District { return nil }
