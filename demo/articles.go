package demo

import (
	"context"
	"fmt"

	"firstset"
	"firstset/date"
	"firstset/service"
)

// demoArticles are the demo's information service (made up, in the
// policy's words): a call for applications, an interpretation and a
// public notice already published, and a result notice due in a week.
// Days are counted from the services' clock.
var demoArticles = []struct {
	in          firstset.ArticleInput
	from, until int // publish and end days from today; until 0: no end
}{
	{in: firstset.ArticleInput{Kind: firstset.ArticleNotice, Title: "关于组织申报首台（套）重大技术装备保费补贴的通知",
		Body: "各区县（自治县）经济信息主管部门，两江新区、重庆高新区管委会，各有关企业：\n" +
			"根据《进一步支持重庆市首台（套）重大技术装备推广应用政策措施》（渝经信规范〔2024〕9号）第（二）条，现组织申报首台（套）重大技术装备保费补贴。\n" +
			"一、申报对象：在有效期内的重庆市首台（套）重大技术装备产品的研制企业，保险期应连续不间断。\n" +
			"二、申报方式：通过本平台在线申报，已由共保体成员报送保单数据的，可在“免申即享”中确认。\n" +
			"三、申报截止：以申报批次公布的截止日期为准。",
		ClauseIDs: []string{"M24-2", "M24-2-talent"}}, from: -12},
	{in: firstset.ArticleInput{Kind: firstset.ArticleInterpretation, Title: "政策解读：首购首用奖励和保费补贴怎么算",
		Body: "首购首用奖励按不超过实际支付额的30%择优给予，最高500万元；奖励给予首购首用单位。\n" +
			"保费补贴首年按实际保费的80%计算，实际保险费率超过3%的按3%计算；未发生理赔的，下一年度按70%、再下一年度按60%。\n" +
			"当年发生理赔的，下一年度按80%给予保费补贴。单个产品年保费补贴不超过500万元，补贴时限原则上不超过3年。\n" +
			"可在本平台“奖补测算”中输入保单数据试算，每一步都列出所依据的条款。",
		ClauseIDs: []string{"M24-1", "M24-2"}}, from: -30},
	{in: firstset.ArticleInput{Kind: firstset.ArticleNotice, Title: "首台（套）重大技术装备认定名单公示",
		Body: "经企业申报、区县初审、专家评审，拟认定以下产品为重庆市首台（套）重大技术装备，现予公示。\n" +
			"公示期内，任何单位和个人对公示产品有异议的，可通过本平台“公示公告”提出。",
		ClauseIDs: []string{"O18-5"}}, from: -3, until: 4},
	{in: firstset.ArticleInput{Kind: firstset.ArticleNotice, Title: "首台（套）重大技术装备保费补贴拨付结果公告",
		Body:      "经审核和市财政局批准，下列企业的保费补贴已完成拨付，现予公告。",
		ClauseIDs: []string{"M24-2"}}, from: 7},
}

// loadArticles has the reviewer publish the demo's articles.
func loadArticles(ctx context.Context, svc *service.Services) error {
	pp := &people{svc: svc}
	reviewer, err := pp.as(ctx, "reviewer")
	if err != nil {
		return err
	}
	today := date.FromTime(svc.Now())
	for _, a := range demoArticles {
		in := a.in
		in.PublishOn = today.AddDays(a.from)
		if a.until != 0 {
			in.EndOn = today.AddDays(a.until)
		}
		if _, err := svc.CreateArticle(reviewer, in); err != nil {
			return fmt.Errorf("article %s: %w", in.Title, err)
		}
	}
	return nil
}
