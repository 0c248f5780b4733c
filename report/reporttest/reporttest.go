// Package reporttest makes realistic purchase records for the tests and
// benchmarks of the bulletin and its documents.
package reporttest

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"slices"

	"firstset/report"
)

var districts = []struct{ code, name string }{
	{"500101", "万州区"}, {"500102", "涪陵区"}, {"500103", "渝中区"}, {"500104", "大渡口区"}, {"500105", "江北区"},
	{"500106", "沙坪坝区"}, {"500107", "九龙坡区"}, {"500108", "南岸区"}, {"500109", "北碚区"}, {"500112", "渝北区"},
	{"500113", "巴南区"}, {"500115", "长寿区"}, {"500116", "江津区"}, {"500117", "合川区"}, {"500118", "永川区"},
}

var equipment = []string{"五轴联动数控龙门加工中心", "大功率盾构机", "智能化变电站巡检机器人", "轨道交通牵引变流器", "高压大容量变压器",
	"页岩气压裂成套装备", "工业级碳纤维缠绕设备", "智能网联新能源重卡", "大型船用低速柴油机", "高精度激光切割系统"}

// Purchases are n purchases by buyers buyers of products products, their
// contract dates spread over p and, for one in ten, the month on each
// side of it. The same arguments give the same records.
func Purchases(n, buyers, products int, p report.Period) []report.Purchase {
	return slices.AppendSeq(make([]report.Purchase, 0, n), Stream(n, buyers, products, p))
}

// Stream yields the records of Purchases one by one, holding none, as a
// database cursor would.
func Stream(n, buyers, products int, p report.Period) iter.Seq[report.Purchase] {
	return func(yield func(report.Purchase) bool) {
		r := rand.New(rand.NewPCG(uint64(n), uint64(buyers*7919+products)))
		for i := range n {
			if !yield(purchase(r, i, buyers, products, p)) {
				return
			}
		}
	}
}

func purchase(r *rand.Rand, i, buyers, products int, p report.Period) report.Purchase {
	from, days := p.From.AddDays(-31), p.From.DaysInclusive(p.To)+62
	b := r.IntN(buyers)
	pr := r.IntN(products)
	d := districts[b%len(districts)]
	day := from.AddDays(31 + r.IntN(days-62))
	if i%10 == 9 {
		day = from.AddDays(r.IntN(31))
		if i%20 == 19 {
			day = p.To.AddDays(1 + r.IntN(31))
		}
	}
	return report.Purchase{
		BuyerID:        int64(b + 1),
		BuyerName:      Buyer(b),
		BuyerKind:      report.BuyerKinds[b%len(report.BuyerKinds)].Key,
		DistrictCode:   d.code,
		DistrictName:   d.name,
		ProjectName:    fmt.Sprintf("%s第%d期建设项目", d.name, r.IntN(40)+1),
		ProjectKind:    report.ProjectKinds[r.IntN(len(report.ProjectKinds))].Key,
		ProductID:      int64(pr + 1),
		ProductName:    Product(pr),
		EnterpriseName: fmt.Sprintf("重庆市第%d智能装备制造股份有限公司", pr%(products/3+1)+1),
		ContractDate:   day,
		AmountFen:      1_000_000 + r.Int64N(5_000_000_000), // 10,000.00 to 50,010,000.00 yuan
		Method:         report.Methods[r.IntN(len(report.Methods))].Key,
		UseStatus:      []string{"已交付使用", "安装调试中", "待交付"}[r.IntN(3)],
	}
}

// Buyer is the name of buyer i (from 0).
func Buyer(i int) string { return fmt.Sprintf("重庆市第%d国有投资集团有限公司", i+1) }

// Product is the name of product i (from 0).
func Product(i int) string {
	return fmt.Sprintf("%s（CQ-%04d型）", equipment[i%len(equipment)], i+1)
}

// Totals are equipment totals of p for the first of the buyers: each a
// multiple of what it bought of first-set products in p, so shares are
// between 5% and 50%.
func Totals(purchases []report.Purchase, p report.Period) []report.EquipmentTotal {
	bought := map[int64]int64{}
	names := map[int64]report.Purchase{}
	for _, pu := range purchases {
		if p.Contains(pu.ContractDate) {
			bought[pu.BuyerID] += pu.AmountFen
			names[pu.BuyerID] = pu
		}
	}
	var out []report.EquipmentTotal
	for id := int64(1); id <= int64(len(bought)); id++ {
		pu, ok := names[id]
		if !ok || id%4 == 0 { // every fourth buyer reports no total
			continue
		}
		out = append(out, report.EquipmentTotal{BuyerID: id, BuyerName: pu.BuyerName, BuyerKind: pu.BuyerKind,
			Period: p.String(), EquipmentTotalFen: bought[id] * (2 + id%19)})
	}
	return out
}
