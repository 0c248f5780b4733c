package cases

import (
	"fmt"
	"math/big"

	"firstset"
)

// Criterion is one line of the experts' scoring sheet, with its weight
// (any positive integers; the weights are relative).
type Criterion = firstset.Criterion

// Sheet is one expert's scores, criterion id → 0 to 100.
type Sheet map[string]int

// Points is a case's score in hundredths of a point: 8725 is 87.25.
type Points int64

func (s Points) String() string { return fmt.Sprintf("%d.%02d", s/100, s%100) }

// CaseScore is the score of a case from its experts' sheets: for each
// criterion the mean of its scores, leaving out one highest and one lowest
// when there are at least trimFrom sheets; then the mean of the criteria
// weighted by their weights. It is computed exactly and rounded once, half
// up, to two decimals. Every sheet must score every criterion 0 to 100.
func CaseScore(criteria []Criterion, sheets []Sheet, trimFrom int) (Points, error) {
	if len(criteria) == 0 {
		return 0, fmt.Errorf("评分表没有评分项")
	}
	if len(sheets) == 0 {
		return 0, fmt.Errorf("尚无专家评分")
	}
	total, weights := new(big.Rat), 0
	for _, c := range criteria {
		if c.Weight <= 0 {
			return 0, fmt.Errorf("评分项“%s”的权重须为正整数", c.Name)
		}
		weights += c.Weight
		lo, hi, sum := 101, -1, 0
		for i, sh := range sheets {
			v, ok := sh[c.ID]
			if !ok || v < 0 || v > 100 {
				return 0, fmt.Errorf("第 %d 份评分表的“%s”须为 0 至 100 分", i+1, c.Name)
			}
			lo, hi, sum = min(lo, v), max(hi, v), sum+v
		}
		n := len(sheets)
		if trimFrom > 0 && n >= trimFrom && n > 2 {
			sum, n = sum-lo-hi, n-2
		}
		total.Add(total, new(big.Rat).SetFrac64(int64(c.Weight*sum), int64(n)))
	}
	total.Quo(total, new(big.Rat).SetInt64(int64(weights)))
	// Half up to hundredths: floor(x × 100 + 1/2); scores are not negative.
	total.Mul(total, big.NewRat(100, 1)).Add(total, big.NewRat(1, 2))
	q := new(big.Int).Quo(total.Num(), total.Denom())
	return Points(q.Int64()), nil
}
