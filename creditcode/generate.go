package creditcode

import (
	"fmt"
	"math/rand/v2"
)

// Generate returns a random valid code of an enterprise (工商·企业, "91")
// registered in region, a 6-digit division code such as "500112". About half
// the codes have a letter-bearing organisation code, as codes issued since
// 2015 do ("MA…"), so both check algorithms see letters. It panics if region
// is not 6 digits: callers pass constants.
func Generate(r *rand.Rand, region string) string {
	return generate(r, '9', '1', region)
}

func generate(r *rand.Rand, dept, cat byte, region string) string {
	if len(region) != 6 {
		panic(fmt.Sprintf("creditcode: region %q is not 6 digits", region))
	}
	for i := 0; i < 6; i++ {
		if region[i] < '0' || region[i] > '9' {
			panic(fmt.Sprintf("creditcode: region %q is not 6 digits", region))
		}
	}
	b := make([]byte, 0, Length)
	b = append(b, dept, cat)
	b = append(b, region...)
	start := len(b)
	if r.IntN(2) == 0 {
		b = append(b, 'M', 'A')
		for len(b) < start+8 {
			b = append(b, charset[r.IntN(len(charset))])
		}
	} else {
		for len(b) < start+8 {
			b = append(b, byte('0'+r.IntN(10)))
		}
	}
	b = append(b, orgCheck(string(b[start:])))
	b = append(b, check(string(b)))
	return string(b)
}
