package demo

import (
	"context"
	"fmt"
	"math/rand/v2"

	"firstset"
	"firstset/creditcode"
	"firstset/service"
)

// demoInstitutions are the demo's insurers, bank and leasing firm (names
// made up for the demo); login names the account that acts for one.
var demoInstitutions = []struct {
	login string
	in    firstset.InstitutionInput
}{
	{"insurer", firstset.InstitutionInput{Name: "长嘉财产保险股份有限公司重庆分公司", Kind: firstset.InstitutionInsurer}},
	{"insurer2", firstset.InstitutionInput{Name: "渝安财产保险股份有限公司重庆分公司", Kind: firstset.InstitutionInsurer}},
	{"bank", firstset.InstitutionInput{Name: "重庆渝丰商业银行股份有限公司", Kind: firstset.InstitutionBank}},
	{"leasing", firstset.InstitutionInput{Name: "重庆两江金融租赁有限公司", Kind: firstset.InstitutionLeasing}},
}

// loadInstitutions registers the demo's institutions and returns the id of
// each that a demo login acts for, by login.
func loadInstitutions(ctx context.Context, svc *service.Services, rng *rand.Rand) (map[string]int64, error) {
	ids := map[string]int64{}
	for _, d := range demoInstitutions {
		in := d.in
		in.CreditCode = creditcode.Generate(rng, "500103")
		n, err := svc.CreateInstitution(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("institution %s: %w", in.Name, err)
		}
		if d.login != "" {
			ids[d.login] = n.ID
		}
	}
	return ids, nil
}
