// Package ui serves the platform's pages: server-rendered, in Chinese,
// usable without JavaScript, with their forms, templates and static files.
// Its handlers read the request, ask the services and render; every
// access rule is the services' (or the root's Can… functions).
package ui

import (
	"fmt"
	"html/template"
	"log/slog"
	"net/http"

	"firstset/policy"
	"firstset/web/httpx"
)

// Handler holds what the page handlers need.
type Handler struct {
	*httpx.Base
	logger *slog.Logger
	pages  map[string]*template.Template
	engine func() *policy.Engine
}

// New returns the page handlers over base, calculating with engine; it
// fails only on a broken embedded template.
func New(base *httpx.Base, engine func() *policy.Engine) (*Handler, error) {
	s := &Handler{Base: base, logger: base.Logger, engine: engine}
	pages, err := parsePages(s.templateFuncs())
	if err != nil {
		return nil, fmt.Errorf("parse templates: %w", err)
	}
	s.pages = pages
	return s, nil
}

// Register registers every page route, and the static files, with route.
func (s *Handler) Register(route func(pattern string, h http.HandlerFunc)) {
	route("GET /static/{file}", s.handleStatic)
	route("GET /{$}", s.handleHome)
	route("GET /login", s.handleLoginForm)
	route("POST /login", s.handleLogin)
	route("GET /login/oidc", s.handleOIDCStart)
	route("GET "+httpx.OIDCCallbackPath, s.handleOIDCCallback)
	route("POST /logout", s.handleLogout)
	route("GET /catalog", s.handleCatalog)
	route("GET /catalog/export.xlsx", s.handleCatalogExport)

	route("GET /enterprises", s.handleEnterpriseList)
	route("GET /enterprises/new", s.handleEnterpriseNew)
	route("POST /enterprises", s.handleEnterpriseCreate)
	route("GET /enterprises/{id}", s.handleEnterpriseShow)
	route("GET /enterprises/{id}/edit", s.handleEnterpriseEdit)
	route("POST /enterprises/{id}", s.handleEnterpriseUpdate)

	route("GET /products", s.handleProductList)
	route("GET /products/new", s.handleProductNew)
	route("POST /products", s.handleProductCreate)
	route("GET /products/{id}", s.handleProductShow)
	route("GET /products/{id}/edit", s.handleProductEdit)
	route("POST /products/{id}", s.handleProductUpdate)
	route("GET /products/{id}/delete", s.handleProductDeleteConfirm)
	route("POST /products/{id}/delete", s.handleProductDelete)
	route("GET /products/{id}/recognition", s.handleRecognitionForm)
	route("POST /products/{id}/recognition", s.handleRecognitionUpdate)
	route("POST /products/{id}/adjustments", s.handleProductAdjust)
	route("GET /products/{id}/certificate.pdf", s.handleProductCertificate)
	route("GET /verify", s.handleVerify)

	// The annual launch event (新产品发布会).
	route("GET /launch-events", s.handleLaunchList)
	route("POST /launch-events", s.handleLaunchCreate)
	route("GET /launch-events/{id}", s.handleLaunchShow)
	route("POST /launch-events/{id}/schedule", s.handleLaunchSchedule)
	route("POST /launch-events/{id}/honorees", s.handleLaunchHonoreeCreate)
	route("POST /launch-events/{id}/honorees/{hid}/confirm", s.handleLaunchHonoreeConfirm)
	route("POST /launch-events/{id}/honorees/{hid}/withdraw", s.handleLaunchHonoreeWithdraw)
	route("GET /launch-events/{id}/honorees/{hid}/pdf", s.handleLaunchHonourPDF)
	route("GET /launch-events/{id}/plaques/{eid}/pdf", s.handleLaunchPlaquePDF)

	route("GET /incentive-rounds", s.handleIncentiveRoundList)
	route("GET /incentive-rounds/new", s.handleIncentiveRoundNew)
	route("POST /incentive-rounds", s.handleIncentiveRoundCreate)
	route("GET /incentive-rounds/{id}", s.handleIncentiveRoundShow)
	route("POST /incentive-rounds/{id}/allocate", s.handleIncentiveRoundAllocate)
	route("POST /incentive-rounds/{id}/approve", s.handleIncentiveRoundApprove)
	route("POST /incentive-rounds/{id}/send-back", s.handleIncentiveRoundSendBack)
	route("GET /incentive-rounds/{id}/results", s.handleIncentiveRoundResults)
	route("GET /applications/new", s.handleApplicationNew)
	route("POST /applications", s.handleApplicationCreate)
	route("GET /applications/{id}/edit", s.handleApplicationEdit)
	route("POST /applications/{id}", s.handleApplicationUpdate)
	route("GET /insurance/policies", s.handleInsurancePolicyList)
	route("POST /insurance/policies", s.handleInsurancePolicyCreate)
	route("POST /insurance/policies/{number}/claims", s.handleInsuranceClaimCreate)
	route("GET /insurance/statistics", s.handleInsuranceStatistics)
	route("GET /insurance/statistics.xlsx", s.handleInsuranceStatisticsExport)
	// The market side.
	route("GET /buyers", s.handleBuyerList)
	route("POST /buyers", s.handleBuyerCreate)
	route("GET /buyers/{id}/edit", s.handleBuyerEdit)
	route("POST /buyers/{id}", s.handleBuyerUpdate)
	route("GET /institutions", s.handleInstitutionList)
	route("POST /institutions", s.handleInstitutionCreate)
	route("GET /institutions/{id}/edit", s.handleInstitutionEdit)
	route("POST /institutions/{id}", s.handleInstitutionUpdate)
	route("GET /consortium", s.handleConsortiumList)
	route("POST /consortium", s.handleConsortiumJoin)
	route("POST /consortium/{id}/leave", s.handleConsortiumLeave)
	route("GET /inspections", s.handleInspectionList)
	route("POST /inspections/bodies", s.handleEvaluationBodyCreate)
	route("POST /inspections/inspectors", s.handleInspectorCreate)
	route("POST /inspections/draws", s.handleInspectionDrawCreate)
	route("POST /inspections/draws/{id}/findings", s.handleInspectionFindingCreate)
	route("POST /inspections/draws/{id}/publish", s.handleInspectionPublish)
	route("GET /inspections/results", s.handleInspectionResults)
	route("GET /procurements", s.handleProcurementList)
	route("GET /procurements/new", s.handleProcurementNew)
	route("POST /procurements", s.handleProcurementCreate)
	route("GET /procurements/import", s.handleProcurementImportForm)
	route("POST "+httpx.ProcurementImportPagePath, s.handleProcurementImport)
	route("GET /procurements/template.xlsx", s.handleProcurementTemplate)
	route("GET /procurements/{id}", s.handleProcurementShow)
	route("POST /procurements/{id}", s.handleProcurementUpdate)
	route("POST /procurement-totals", s.handleProcurementTotalCreate)
	route("GET /soe-shares", s.handleSOEShares)
	route("GET /bulletins", s.handleBulletinList)
	route("POST /bulletins", s.handleBulletinCreate)
	route("GET /bulletins/{id}", s.handleBulletinShow)
	route("POST /bulletins/{id}/issue", s.handleBulletinIssue)
	route("GET /bulletins/{id}/pdf", s.handleBulletinPDF)
	route("GET /bulletins/{id}/xlsx", s.handleBulletinXLSX)
	route("GET /bulletins/{id}/charts/{n}", s.handleBulletinChart)

	route("GET /exemptions", s.handleExemptionList)
	route("POST /exemptions", s.handleExemptionCreate)
	route("GET /exemptions/{id}", s.handleExemptionShow)
	route("POST /exemptions/{id}/decision", s.handleExemptionDecide)
	route("GET /tender-checks", s.handleTenderCheckList)
	route("POST /tender-checks", s.handleTenderCheckCreate)
	route("GET /tender-checks/{id}", s.handleTenderCheckShow)
	route("POST /tender-checks/{id}/findings/{n}", s.handleTenderCheckMark)
	route("GET /complaints", s.handleComplaintList)
	route("POST /complaints", s.handleComplaintCreate)
	route("GET /complaints/{id}", s.handleComplaintShow)
	route("POST /complaints/{id}/actions", s.handleComplaintAction)
	route("GET /claims", s.handleClaimList)
	route("POST /claims", s.handleClaimCreate)
	route("GET /claims/{id}", s.handleClaimShow)
	route("POST /claims/{id}/actions", s.handleClaimAction)
	route("GET /programmes", s.handleProgrammeList)
	route("POST /programmes", s.handleProgrammeCreate)
	route("GET /programmes/{id}", s.handleProgrammeShow)
	route("POST /programmes/{id}", s.handleProgrammeUpdate)
	route("GET /consultations", s.handleConsultationList)
	route("POST /consultations", s.handleConsultationCreate)
	route("GET /consultations/{id}", s.handleConsultationShow)
	route("POST /dual-use", s.handleDualUseUpdate)
	route("GET /financing", s.handleFinancingList)
	route("POST /financing", s.handleFinancingCreate)
	route("GET /financing/{id}", s.handleFinancingShow)
	route("POST /financing/{id}/interest", s.handleFinancingInterest)
	route("POST /financing/{id}/offers", s.handleFinancingOffer)
	route("POST /financing/{id}/decline", s.handleFinancingDecline)
	route("POST /financing/{id}/accept", s.handleFinancingAccept)
	route("POST /financing/{id}/withdraw", s.handleFinancingWithdraw)

	route("GET /parameters", s.handleParameterList)
	route("POST /parameters/changes", s.handleParameterChangeCreate)
	route("GET /ledger", s.handleLedger)
	route("GET /ledger/export.xlsx", s.handleLedgerExport)
	route("GET /subsidy-offers", s.handleSubsidyOfferList)
	route("POST /subsidy-offers/{id}/confirm", s.handleSubsidyOfferConfirm)
	route("POST /subsidy-offers/{id}/decline", s.handleSubsidyOfferDecline)

	route("GET /cases", s.handleCaseList)
	route("GET /cases/{id}", s.handleCaseShow)
	route("POST /cases/{id}", s.handleCaseUpdate)
	route("POST /cases/{id}/actions", s.handleCaseAct)
	route("POST /cases/{id}/attachments", s.handleCaseAttachmentUpload)
	route("GET /cases/{id}/attachments/{aid}", s.handleCaseAttachmentDownload)
	route("POST /cases/{id}/attachments/{aid}/delete", s.handleCaseAttachmentDelete)
	route("POST /cases/{id}/rating", s.handleCaseRate)
	route("POST /cases/{id}/draws", s.handleCaseDraw)
	route("GET /cases/{id}/candidates.json", s.handleCaseCandidates)
	route("POST /cases/{id}/score", s.handleCaseScore)
	route("POST /cases/{id}/application-score", s.handleCaseApplicationScore)
	route("POST /cases/{id}/disbursements", s.handleCaseDisburse)
	route("POST /cases/{id}/decline", s.handleCaseDecline)

	route("GET /rounds", s.handleRoundList)
	route("GET /rounds/new", s.handleRoundNew)
	route("POST /rounds", s.handleRoundCreate)
	route("GET /rounds/{id}", s.handleRoundShow)
	route("POST /rounds/{id}/declare", s.handleRoundDeclare)
	route("POST /rounds/{id}/publish", s.handleRoundPublish)
	route("GET /rounds/{id}/publication", s.handleRoundPublication)
	route("GET /rounds/{id}/publication.xlsx", s.handleRoundPublicationExport)

	route("GET /experts", s.handleExpertList)
	route("GET /experts/{id}/edit", s.handleExpertEdit)
	route("POST /experts/{id}", s.handleExpertUpdate)

	route("GET /notices", s.handleNoticeList)
	route("GET /notices/new", s.handleNoticeNew)
	route("POST /notices", s.handleNoticeCreate)
	route("GET /notices/{id}", s.handleNoticeShow)
	route("POST /notices/{id}/objections", s.handleNoticeObject)
	route("POST /notices/{id}/objections/{oid}/answer", s.handleNoticeAnswer)

	// The information service (政策服务, O18-19): articles, the policy
	// library with an anchor per clause, and the feed.
	route("GET /articles", s.handleArticleList)
	route("GET /articles/new", s.handleArticleNew)
	route("POST /articles", s.handleArticleCreate)
	route("GET /articles/{id}", s.handleArticleShow)
	route("GET /articles/{id}/edit", s.handleArticleEdit)
	route("POST /articles/{id}", s.handleArticleUpdate)
	route("POST /articles/{id}/withdraw", s.handleArticleWithdraw)
	route("GET /policies", s.handleLibraryList)
	route("GET /policies/{id}", s.handleLibraryShow)
	route("GET /feed.atom", s.handleFeed)

	route("GET /ratings", s.handleRatingList)
	route("POST /ratings/{id}/answer", s.handleRatingAnswer)
	route("GET /notifications", s.handleNotificationList)
	route("POST /notifications/read", s.handleNotificationRead)

	route("GET /tokens", s.handleTokenList)
	route("POST /tokens", s.handleTokenCreate)
	route("GET /tokens/{id}/revoke", s.handleTokenRevokeConfirm)
	route("POST /tokens/{id}/revoke", s.handleTokenRevoke)

	route("GET /admin/users", s.handleUserList)
	route("GET /admin/users/new", s.handleUserNew)
	route("POST /admin/users", s.handleUserCreate)
	route("GET /admin/users/{id}/edit", s.handleUserEdit)
	route("POST /admin/users/{id}", s.handleUserUpdate)
	route("POST /admin/oidc-requests/{id}/link", s.handleOIDCRequestLink)
	route("GET /admin/categories", s.handleCategoryList)
	route("POST /admin/categories", s.handleCategoryCreate)
	route("GET /admin/calendar", s.handleCalendarShow)
	route("POST /admin/calendar", s.handleCalendarUpdate)
	route("GET /admin/audit", s.handleAuditList)
	route("GET /admin/jobs", s.handleJobList)
	route("POST /admin/jobs/{name}/run", s.handleJobRun)
	route("GET /admin/audit/export.xlsx", s.handleAuditExport)

	route("GET /tender", s.handleTenderForm)
	route("POST /tender", s.handleTenderCheck)
	route("POST /tender/export.xlsx", s.handleTenderExport)

	route("GET /calc", s.handleCalcForm)
	route("POST /calc", s.handleCalc)

	route("GET /account/password", s.handlePasswordForm)
	route("POST /account/password", s.handlePasswordChange)

	route("/", s.handleNotFound)
}
