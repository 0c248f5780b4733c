package service

import (
	"cmp"
	"context"
	"fmt"
	"math/big"
	"slices"

	"firstset"
	"firstset/date"
	"firstset/money"
)

// Statistics are the first-set insurance scheme's figures per insurer and
// underwriting year, for the city (2018 opinions （十二））: an insurer's
// users read their own rows, the city's departments all of them.
func (s *Insurance) Statistics(ctx context.Context, year int) (*firstset.InsuranceStatistics, error) {
	a := actor(ctx)
	if err := firstset.CheckReadInsuranceStatistics(a); err != nil {
		return nil, err
	}
	from, to := date.Of(1900, 1, 1), date.Of(9999, 12, 31)
	if year != 0 {
		if year < 2000 || year > 2100 {
			return nil, firstset.FieldErrorf("year", "invalid_year", "年度须在 2000 至 2100 之间。")
		}
		from, to = date.Of(year, 1, 1), date.Of(year, 12, 31)
	}
	var pols []firstset.PolicyStatRow
	var shares []firstset.SubsidyShareRow
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		if pols, err = tx.PolicyStatRows(ctx, from, to); err != nil {
			return err
		}
		shares, err = tx.SubsidyShareRows(ctx, from, to)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("insurance statistics: %w", err)
	}
	st := schemeStatistics(pols, shares)
	if a.Role() == firstset.RoleInsurer {
		// An insurer sees its own rows and no totals: the totals would
		// tell it the others' business.
		st.Items = slices.DeleteFunc(st.Items, func(x firstset.InsuranceStatistic) bool { return x.InstitutionID != a.User.InstitutionID })
		st.Totals = []firstset.InsuranceStatistic{}
	}
	return st, nil
}

// schemeStatistics sums policies into a row per institution and
// underwriting year, and a total per year, newest year first. shares are
// the subsidy applications' periods: each application's payments are
// shared among its policies by premium (subsidyShares).
func schemeStatistics(pols []firstset.PolicyStatRow, shares []firstset.SubsidyShareRow) *firstset.InsuranceStatistics {
	subsidy := subsidyShares(shares)
	type key struct {
		year int
		inst int64
	}
	rows := map[key]*firstset.InsuranceStatistic{}
	totals := map[int]*firstset.InsuranceStatistic{}
	add := func(x *firstset.InsuranceStatistic, p firstset.PolicyStatRow) {
		x.Policies++
		x.Insured += p.Insured
		x.Premiums += p.Premium
		x.Subsidies += subsidy[p.PolicyID]
		x.Claims += p.Claims
		x.ClaimsPaid += p.ClaimsPaid
	}
	for _, p := range pols {
		y, _, _ := p.Start.Parts()
		k := key{y, p.InstitutionID}
		if rows[k] == nil {
			rows[k] = &firstset.InsuranceStatistic{InstitutionID: p.InstitutionID, InstitutionName: p.InstitutionName, Year: y}
		}
		if totals[y] == nil {
			totals[y] = &firstset.InsuranceStatistic{InstitutionName: "合计", Year: y}
		}
		add(rows[k], p)
		add(totals[y], p)
	}
	out := &firstset.InsuranceStatistics{Items: []firstset.InsuranceStatistic{}, Totals: []firstset.InsuranceStatistic{}}
	for _, x := range rows {
		x.LossRatio = lossRatio(x.ClaimsPaid, x.Premiums)
		out.Items = append(out.Items, *x)
	}
	for _, x := range totals {
		x.LossRatio = lossRatio(x.ClaimsPaid, x.Premiums)
		out.Totals = append(out.Totals, *x)
	}
	slices.SortFunc(out.Items, func(a, b firstset.InsuranceStatistic) int {
		return cmp.Or(cmp.Compare(b.Year, a.Year), cmp.Compare(a.InstitutionName, b.InstitutionName), cmp.Compare(a.InstitutionID, b.InstitutionID))
	})
	slices.SortFunc(out.Totals, func(a, b firstset.InsuranceStatistic) int { return cmp.Compare(b.Year, a.Year) })
	return out
}

// subsidyShares shares each application's payments among the policies it
// covers in proportion to their premiums, in whole fen: each gets the
// floor of its exact share and the fen left over go one each to the
// largest remainders (ties to the earlier policy), so the shares add up
// to what was paid. Without premiums the shares are equal.
func subsidyShares(rows []firstset.SubsidyShareRow) map[int64]money.Fen {
	out := map[int64]money.Fen{}
	for i := 0; i < len(rows); {
		j := i
		var total int64
		for j < len(rows) && rows[j].CaseID == rows[i].CaseID {
			total += int64(rows[j].Premium)
			j++
		}
		group := rows[i:j]
		paid := int64(group[0].Disbursed)
		weight := func(r firstset.SubsidyShareRow) int64 {
			if total == 0 {
				return 1
			}
			return int64(r.Premium)
		}
		sum := total
		if total == 0 {
			sum = int64(len(group))
		}
		type part struct {
			policy int64
			fen    int64
			rem    *big.Int
			order  int
		}
		parts := make([]part, len(group))
		left := paid
		for k, r := range group {
			q, m := new(big.Int).QuoRem(new(big.Int).Mul(big.NewInt(paid), big.NewInt(weight(r))), big.NewInt(sum), new(big.Int))
			parts[k] = part{r.PolicyID, q.Int64(), m, k}
			left -= q.Int64()
		}
		byRem := slices.Clone(parts)
		slices.SortStableFunc(byRem, func(a, b part) int { return b.rem.Cmp(a.rem) })
		for k := 0; k < int(left); k++ {
			parts[byRem[k].order].fen++
		}
		for _, p := range parts {
			out[p.policy] += money.Fen(p.fen)
		}
		i = j
	}
	return out
}

// lossRatio is claims over premiums in percent with two decimals, rounded
// half up; empty when there are no premiums.
func lossRatio(claims, premiums money.Fen) string {
	if premiums <= 0 {
		return ""
	}
	// basis points, rounded half up: (claims × 10000 × 2 + premiums) / (2 × premiums)
	n := new(big.Int).Mul(big.NewInt(int64(claims)), big.NewInt(20000))
	n.Add(n, big.NewInt(int64(premiums)))
	n.Quo(n, big.NewInt(2*int64(premiums)))
	bp := n.Int64()
	return fmt.Sprintf("%d.%02d", bp/100, bp%100)
}
