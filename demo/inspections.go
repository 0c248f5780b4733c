package demo

import (
	"context"
	"fmt"
	"math/rand/v2"

	"firstset"
	"firstset/creditcode"
	"firstset/service"
)

// demoBodies are the demo's evaluation and testing bodies (names made up).
var demoBodies = []firstset.EvaluationBodyInput{
	{Name: "重庆机床工具产品质量检验中心", Scope: "数控机床及功能部件性能与可靠性检测"},
	{Name: "重庆电力装备检测研究院有限公司", Scope: "输变电与发电装备型式试验"},
	{Name: "西部轨道交通装备评定中心", Scope: "轨道交通车辆及关键系统评定"},
	{Name: "重庆智能装备质量评价有限公司", Scope: "工业机器人与智能产线性能评价"},
	{Name: "长江流域环保装备检测站", Scope: "水处理与固废处理成套装备检测"},
}

// demoInspectors are the people inspections draw from (names made up).
var demoInspectors = []firstset.InspectorInput{
	{Name: "陈立", Unit: "市经济信息委装备工业处", Active: true},
	{Name: "周敏", Unit: "市经济信息委政策法规处", Active: true},
	{Name: "吴强", Unit: "市市场监管局质量发展处", Active: true},
	{Name: "郑洁", Unit: "市财政局经济建设处", Active: true},
	{Name: "孙浩", Unit: "市经济信息委装备工业处", Active: true},
	{Name: "何芳", Unit: "市科技局成果转化处", Active: false},
}

// loadInspections registers the demo's evaluation bodies and inspectors
// and has the reviewer draw one double-random inspection.
func loadInspections(ctx context.Context, svc *service.Services, rng *rand.Rand) error {
	pp := &people{svc: svc}
	reviewer, err := pp.as(ctx, "reviewer")
	if err != nil {
		return err
	}
	for _, in := range demoBodies {
		in.CreditCode = creditcode.Generate(rng, "500103")
		if _, err := svc.CreateEvaluationBody(reviewer, in); err != nil {
			return fmt.Errorf("evaluation body %s: %w", in.Name, err)
		}
	}
	for _, in := range demoInspectors {
		if _, err := svc.CreateInspector(reviewer, in); err != nil {
			return fmt.Errorf("inspector %s: %w", in.Name, err)
		}
	}
	// Last quarter's draw, inspected and published; this quarter's, drawn
	// and waiting for its findings.
	done, err := svc.DrawInspection(reviewer, firstset.InspectionDrawInput{Seed: "示范抽查种子（上季度）", Bodies: 2, Inspectors: 2})
	if err != nil {
		return fmt.Errorf("inspection draw: %w", err)
	}
	results := []firstset.InspectionFindingInput{{Result: firstset.ResultQualified},
		{Result: firstset.ResultRectify, Note: "两份检测报告未载明检测环境条件，责令一个月内整改。"}}
	for i, b := range done.Bodies {
		in := results[i%len(results)]
		in.BodyID = b.ID
		if _, err := svc.RecordInspectionFinding(reviewer, done.ID, in); err != nil {
			return fmt.Errorf("inspection finding: %w", err)
		}
	}
	if _, err := svc.PublishInspection(reviewer, done.ID); err != nil {
		return fmt.Errorf("inspection publish: %w", err)
	}
	if _, err := svc.DrawInspection(reviewer, firstset.InspectionDrawInput{Seed: "示范抽查种子（本季度）", Bodies: 2, Inspectors: 2}); err != nil {
		return fmt.Errorf("inspection draw: %w", err)
	}
	return nil
}
