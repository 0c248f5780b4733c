package demo

import (
	"context"
	"fmt"

	"firstset"
	"firstset/service"
)

// loadAccountability gives the market's supervisors work: two of the demo
// buyer's purchases whose first use failed, one with a fault-tolerance
// request waiting for 市国资委 (the soe login) and one already decided.
func loadAccountability(ctx context.Context, svc *service.Services) error {
	pp := &people{svc: svc}
	buyer, err := pp.as(ctx, "buyer")
	if err != nil {
		return err
	}
	soe, err := pp.as(ctx, "soe")
	if err != nil {
		return err
	}
	list, _, err := svc.FindProcurements(buyer, firstset.ProcurementFilter{Limit: 2})
	if err != nil {
		return err
	}
	if len(list) < 2 {
		return fmt.Errorf("the demo buyer has %d purchases, want 2", len(list))
	}
	yes := map[string]bool{}
	for _, c := range firstset.ExemptionConditions {
		yes[c.Key] = true
	}
	accounts := []string{
		"该装备于试运行期间主轴承出现异常温升，经生产企业两次整改仍未达到合同约定的连续运行指标，已停止使用并转入备用线路；项目部已书面报告集团，损失控制在备品备件范围内。",
		"该装备在联调联试阶段控制系统与既有线路信号系统不兼容，应用未成功；采购经集团党委会集体研究决定，问题发生后当日报告并启用原有设备，未影响运营。",
	}
	for i, p := range list[:2] {
		in := procurementInputOf(p)
		in.UseStatus = []firstset.UseStatus{firstset.UseFailed, firstset.UseStopped}[i]
		if _, err := svc.UpdateProcurement(buyer, p.ID, in); err != nil {
			return fmt.Errorf("purchase %d failed: %w", p.ID, err)
		}
		e, err := svc.RequestExemption(buyer, firstset.ExemptionInput{ProcurementID: p.ID, Account: accounts[i], Conditions: yes})
		if err != nil {
			return fmt.Errorf("exemption of purchase %d: %w", p.ID, err)
		}
		if i == 1 {
			if _, err := svc.DecideExemption(soe, e.ID, firstset.ExemptionDecision{Decision: firstset.ExemptionGranted,
				Reason: "经核查，该采购符合首台（套）采购和应用的相关规定，决策程序完备，未谋取私利，问题发生后及时报告并控制损失，依据渝经信规范〔2024〕9号第（六）条，免除相关负责人的决策和执行责任。"}); err != nil {
				return fmt.Errorf("decide exemption: %w", err)
			}
		}
	}
	// A tender the buyer checked before publishing it, one finding fixed.
	c, err := svc.SaveTenderCheck(buyer, firstset.TenderCheckSave{Title: "轨道交通18号线盾构机采购招标文件（征求意见稿）",
		ProcurementID: list[0].ID, Text: demoTender})
	if err != nil {
		return fmt.Errorf("tender check: %w", err)
	}
	if c.Findings == 0 {
		return fmt.Errorf("the demo tender has no findings")
	}
	if _, err := svc.MarkFinding(buyer, c.ID, 1, firstset.FindingMarkInput{Status: firstset.FindingFixed,
		Note: "已删除该要求，改为提供首台（套）产品证明材料即视同满足。"}); err != nil {
		return fmt.Errorf("mark finding: %w", err)
	}
	return loadComplaints(ctx, pp, c)
}

// loadComplaints gives the tender supervisor (the tender login) a
// complaint to accept from the demo enterprise, about buyer2's tender,
// and one it upheld about the buyer's, linked to the buyer's saved check.
func loadComplaints(ctx context.Context, pp *people, check *firstset.TenderCheck) error {
	svc := pp.svc
	ent, err := pp.as(ctx, "enterprise")
	if err != nil {
		return err
	}
	supervisor, err := pp.as(ctx, "tender")
	if err != nil {
		return err
	}
	buyer2, err := pp.as(ctx, "buyer2")
	if err != nil {
		return err
	}
	a := firstset.ActorFromContext(ent)
	own, _, err := svc.FindProducts(ent, firstset.ProductFilter{EnterpriseID: a.User.EnterpriseID, Status: firstset.StatusRecognised, Limit: 1})
	if err != nil {
		return err
	}
	if len(own) == 0 {
		return fmt.Errorf("the demo enterprise has no recognised product")
	}
	_, err = svc.FileComplaint(ent, firstset.ComplaintInput{ProductID: own[0].ID,
		BuyerID:     firstset.ActorFromContext(buyer2).User.BuyerID,
		TenderTitle: "两江新区智能制造产业园数控加工设备采购项目招标文件", TenderNumber: "LJJT-2026-ZB-0417",
		Clauses: "投标人须提供近三年不少于5个同类设备供货业绩，否则投标无效。\n投标产品近三年国内销量排名前五的得5分。",
		Account: "本企业产品为市级首台（套）重大技术装备，在认定有效期内。招标文件以同类供货业绩作为资格条件、以国内销量排名作为评分项，首台（套）产品无法满足，违反渝经信规范〔2024〕9号第（四）条关于提供首台（套）证明材料即视同满足市场占有率、应用业绩等要求的规定，请求责令修改。"})
	if err != nil {
		return fmt.Errorf("complaint: %w", err)
	}
	done, err := svc.FileComplaint(ent, firstset.ComplaintInput{ProductID: own[0].ID, BuyerID: check.BuyerID,
		TenderTitle: check.Title, Clauses: "投标产品的国内市场占有率不低于20%。",
		Account: "招标文件以国内市场占有率不低于20%作为资格条件，首台（套）产品刚进入市场，无法满足，构成对首台（套）产品的排斥。"})
	if err != nil {
		return fmt.Errorf("complaint: %w", err)
	}
	if _, err := svc.ActOnComplaint(supervisor, done.ID, firstset.ComplaintActionInput{Action: "accept", TenderCheckID: check.ID}); err != nil {
		return fmt.Errorf("accept complaint: %w", err)
	}
	if _, err := svc.ActOnComplaint(supervisor, done.ID, firstset.ComplaintActionInput{Action: "uphold",
		Opinion: "经审查，招标文件第三章第2条以国内市场占有率作为资格条件，违反渝府办发〔2018〕170号第（十四）条。投诉成立，责令招标人于5个工作日内删除该条款并发布澄清公告。"}); err != nil {
		return fmt.Errorf("uphold complaint: %w", err)
	}
	return nil
}

// demoTender is a tender with the clauses the measures forbid.
const demoTender = `第三章 投标人资格要求
1. 投标人须提供近三年内不少于3个同类项目的业绩证明。
2. 投标产品的国内市场占有率不低于20%。
3. 投标人须提交合同金额10%的质量保证金。`

// procurementInputOf is a stored purchase as its input, to change one field.
func procurementInputOf(p *firstset.Procurement) firstset.ProcurementInput {
	return firstset.ProcurementInput{ProductID: p.ProductID, ProjectName: p.ProjectName, ProjectKind: p.ProjectKind,
		ContractDate: p.ContractDate, Amount: p.Amount, Method: p.Method, Recommendation: p.Recommendation,
		DeliveredOn: p.DeliveredOn, AcceptedOn: p.AcceptedOn, UseStatus: p.UseStatus, Note: p.Note}
}
