package demo

import (
	"context"
	"fmt"

	"firstset"
	"firstset/date"
	"firstset/service"
)

// loadProgrammes lists a demonstration base, the two alliances and a batch
// of the innovation catalog, over recognised demo products.
func loadProgrammes(ctx context.Context, svc *service.Services) error {
	reviewer, err := (&people{svc: svc}).as(ctx, "reviewer")
	if err != nil {
		return err
	}
	sys := firstset.NewContextWithActor(ctx, firstset.SystemActor())
	list, _, err := svc.FindProducts(sys, firstset.ProductFilter{Status: firstset.StatusRecognised, Limit: 20})
	if err != nil {
		return err
	}
	if len(list) < 4 {
		return fmt.Errorf("programmes: %d recognised products", len(list))
	}
	ids := func(from, to int) []int64 {
		var out []int64
		for _, p := range list[from:to] {
			out = append(out, p.ID)
		}
		return out
	}
	year, _, _ := date.FromTime(svc.Now()).Parts()
	for _, in := range []firstset.ProgrammeInput{
		{Kind: firstset.ProgrammeBase, Name: "重庆市轨道交通装备首台（套）示范应用基地", Year: year - 1, Lead: "重庆轨道交通（集团）有限公司",
			Description: "依托在建轨道交通线路，为首台（套）轨道交通装备提供示范应用场景和运行数据。",
			Members:     []string{"重庆中车长客轨道车辆有限公司", "重庆交通大学"}, ProductIDs: ids(0, 2)},
		{Kind: firstset.ProgrammeInnovationAlliance, Name: "重庆市智能制造装备创新联盟", Year: year - 2, Lead: "重庆大学",
			Description: "联合高校、科研院所和装备企业开展关键核心技术攻关。",
			Members:     []string{"中国汽车工程研究院股份有限公司", "重庆机床（集团）有限责任公司", "重庆理工大学"}, ProductIDs: ids(2, 4)},
		{Kind: firstset.ProgrammeApplicationAlliance, Name: "成渝地区重大技术装备示范应用联盟", Year: year - 1, Lead: "重庆市机械工业协会",
			Description: "连接装备制造企业与用户单位，推动首台（套）装备在成渝地区推广应用。",
			Members:     []string{"两江新区开发投资集团有限公司", "四川省机械工业联合会"}, ProductIDs: ids(0, 1)},
		{Kind: firstset.ProgrammeInnovationCatalog, Name: fmt.Sprintf("%d年重庆市重大技术装备创新目录", year), Year: year,
			Lead: "重庆市经济和信息化委员会", ProductIDs: ids(0, 4)},
	} {
		if _, err := svc.CreateProgramme(reviewer, in); err != nil {
			return fmt.Errorf("programme %s: %w", in.Name, err)
		}
	}
	return nil
}
