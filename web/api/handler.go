// Package api serves the JSON API under /api/v1 for programs. Its
// handlers only read the request, ask the services and write the answer;
// every access rule is the services'.
package api

import (
	"net/http"

	"firstset/policy"
	"firstset/web/httpx"
	"firstset/web/sheet"
)

// Handler holds what the API's handlers need.
type Handler struct {
	*httpx.Base
	engine func() *policy.Engine
}

// New returns the API's handlers over base, calculating with the engine
// in force that engine returns.
func New(base *httpx.Base, engine func() *policy.Engine) *Handler {
	return &Handler{Base: base, engine: engine}
}

// Register registers every API route with route.
func (s *Handler) Register(route func(pattern string, h http.HandlerFunc)) {
	// Token scopes are checked by the services, with every other access
	// rule.
	route("GET /api/v1/openapi.json", s.apiOpenAPI)
	route("GET /api/v1/me", s.apiMe)
	route("GET /api/v1/categories", s.apiCategories)
	route("POST /api/v1/categories", s.apiCategoryCreate)
	route("GET /api/v1/catalog", s.apiCatalog)
	route("GET /api/v1/catalog/export", s.apiCatalogExport)

	route("GET /api/v1/enterprises", s.apiEnterpriseList)
	route("GET /api/v1/enterprises/{id}", s.apiEnterpriseGet)
	route("POST /api/v1/enterprises", s.apiEnterpriseCreate)
	route("PUT /api/v1/enterprises/{id}", s.apiEnterpriseUpdate)

	route("GET /api/v1/products", s.apiProductList)
	route("GET /api/v1/products/{id}", s.apiProductGet)
	route("POST /api/v1/products", s.apiProductCreate)
	route("PUT /api/v1/products/{id}", s.apiProductUpdate)
	route("DELETE /api/v1/products/{id}", s.apiProductDelete)
	route("PUT /api/v1/products/{id}/recognition", s.apiProductRecognition)
	route("POST /api/v1/products/{id}/adjustments", s.apiProductAdjustment)
	route("GET /api/v1/products/{id}/history", s.apiProductHistory)
	route("GET /api/v1/products/{id}/certificate", s.apiProductCertificate)
	route("GET /api/v1/products/{id}/certificate.pdf", s.apiProductCertificatePDF)
	route("GET /api/v1/certificates/key", s.apiCertificateKey)
	route("POST /api/v1/certificates/verify", s.apiCertificateVerify)

	route("GET /api/v1/users", s.apiUserList)
	route("GET /api/v1/users/{id}", s.apiUserGet)
	route("POST /api/v1/users", s.apiUserCreate)
	route("PUT /api/v1/users/{id}", s.apiUserUpdate)

	route("GET /api/v1/tokens", s.apiTokenList)
	route("POST /api/v1/tokens", s.apiTokenCreate)
	route("DELETE /api/v1/tokens/{id}", s.apiTokenRevoke)

	route("POST /api/v1/tender/check", s.apiTenderCheck)

	// Recognition (认定): rounds, cases, experts, notices, publication.
	route("GET /api/v1/rounds", s.apiRoundList)
	route("POST /api/v1/rounds", s.apiRoundCreate)
	route("GET /api/v1/rounds/{id}", s.apiRoundGet)
	route("POST /api/v1/rounds/{id}/publish", s.apiRoundPublish)
	route("GET /api/v1/rounds/{id}/publication", s.apiRoundPublication)

	route("GET /api/v1/recognitions", s.apiRecognitionList)
	route("POST /api/v1/recognitions", s.apiRecognitionCreate)
	route("GET /api/v1/recognitions/{id}", s.apiRecognitionGet)
	route("PUT /api/v1/recognitions/{id}", s.apiRecognitionUpdate)
	route("POST /api/v1/recognitions/{id}/actions", s.apiRecognitionAction)
	route("POST /api/v1/recognitions/{id}/attachments", s.apiRecognitionAttachmentCreate)
	route("GET /api/v1/recognitions/{id}/attachments/{aid}", s.apiRecognitionAttachmentGet)
	route("DELETE /api/v1/recognitions/{id}/attachments/{aid}", s.apiRecognitionAttachmentDelete)
	route("GET /api/v1/recognitions/{id}/experts/candidates", s.apiRecognitionCandidates)
	route("GET /api/v1/recognitions/{id}/experts/draws", s.apiRecognitionDraws)
	route("POST /api/v1/recognitions/{id}/experts/draw", s.apiRecognitionDraw)
	route("POST /api/v1/recognitions/{id}/experts/decline", s.apiRecognitionDecline)
	route("POST /api/v1/recognitions/{id}/scores", s.apiRecognitionScore)
	route("POST /api/v1/recognitions/{id}/ratings", s.apiRecognitionRate)

	route("GET /api/v1/experts", s.apiExpertList)
	route("GET /api/v1/experts/{id}", s.apiExpertGet)
	route("PUT /api/v1/experts/{id}", s.apiExpertPut)

	route("GET /api/v1/notices", s.apiNoticeList)
	route("POST /api/v1/notices", s.apiNoticeCreate)
	route("GET /api/v1/notices/{id}", s.apiNoticeGet)
	route("POST /api/v1/notices/{id}/objections", s.apiObjectionCreate)
	route("GET /api/v1/objections", s.apiObjectionList)
	route("POST /api/v1/objections/{id}/answer", s.apiObjectionAnswer)

	// Incentives (奖补): rounds, applications, allocation, payment, the ledger.
	route("GET /api/v1/incentive-rounds", s.apiIncentiveRoundList)
	route("POST /api/v1/incentive-rounds", s.apiIncentiveRoundCreate)
	route("GET /api/v1/incentive-rounds/{id}", s.apiIncentiveRoundGet)
	route("PUT /api/v1/incentive-rounds/{id}", s.apiIncentiveRoundUpdate)
	route("POST /api/v1/incentive-rounds/{id}/allocate", s.apiIncentiveRoundAllocate)
	route("GET /api/v1/incentive-rounds/{id}/allocation", s.apiIncentiveRoundAllocation)
	route("POST /api/v1/incentive-rounds/{id}/approve", s.apiIncentiveRoundApprove)
	route("POST /api/v1/incentive-rounds/{id}/send-back", s.apiIncentiveRoundSendBack)
	route("GET /api/v1/incentive-rounds/{id}/results", s.apiIncentiveRoundResults)

	route("GET /api/v1/applications", s.apiApplicationList)
	route("POST /api/v1/applications", s.apiApplicationCreate)
	route("GET /api/v1/applications/{id}", s.apiApplicationGet)
	route("PUT /api/v1/applications/{id}", s.apiApplicationUpdate)
	route("GET /api/v1/applications/{id}/replay", s.apiApplicationReplay)
	route("POST /api/v1/applications/{id}/actions", s.apiApplicationAction)
	route("POST /api/v1/applications/{id}/scores", s.apiApplicationScore)
	route("POST /api/v1/applications/{id}/attachments", s.apiApplicationAttachmentCreate)
	route("GET /api/v1/applications/{id}/attachments/{aid}", s.apiApplicationAttachmentGet)
	route("DELETE /api/v1/applications/{id}/attachments/{aid}", s.apiApplicationAttachmentDelete)
	route("POST /api/v1/applications/{id}/experts/draw", s.apiApplicationDraw)

	route("POST /api/v1/disbursements", s.apiDisbursementCreate)
	route("GET /api/v1/ledger", s.apiLedger)
	route("GET /api/v1/ledger/summary", s.apiLedgerSummary)
	route("GET /api/v1/ledger/export", s.apiLedgerExport)

	// Insurance (首台套保险): insurers' policies and claims, the consortium,
	// and the subsidies offered from their data (免申即享).
	route("GET /api/v1/insurance/policies", s.apiInsurancePolicyList)
	route("POST /api/v1/insurance/policies", s.apiInsurancePolicyCreate)
	route("GET /api/v1/insurance/policies/{policy_number}", s.apiInsurancePolicyGet)
	route("POST /api/v1/insurance/policies/{policy_number}/claims", s.apiInsuranceClaimCreate)
	route("GET /api/v1/insurance/statistics", s.apiInsuranceStatistics)
	route("GET /api/v1/insurance/statistics/export", s.apiInsuranceStatisticsExport)
	route("GET /api/v1/consortium/memberships", s.apiConsortiumMembershipList)
	route("POST /api/v1/consortium/memberships", s.apiConsortiumMembershipCreate)
	route("POST /api/v1/consortium/memberships/{id}/leave", s.apiConsortiumMembershipLeave)

	// Policy parameters: public, changed by administrators from a date on.
	route("GET /api/v1/parameters", s.apiParameterList)
	route("POST /api/v1/parameters/changes", s.apiParameterChangeCreate)

	// The market side: buyer organisations, their purchases and equipment
	// totals, the SOE shares and the periodic bulletins.
	route("GET /api/v1/buyers", s.apiBuyerList)
	route("POST /api/v1/buyers", s.apiBuyerCreate)
	route("GET /api/v1/buyers/{id}", s.apiBuyerGet)
	route("PUT /api/v1/buyers/{id}", s.apiBuyerUpdate)
	// Insurers, banks, leasing firms and funds (issue 14).
	route("GET /api/v1/institutions", s.apiInstitutionList)
	route("POST /api/v1/institutions", s.apiInstitutionCreate)
	route("GET /api/v1/institutions/{id}", s.apiInstitutionGet)
	route("PUT /api/v1/institutions/{id}", s.apiInstitutionUpdate)
	// Supervision: evaluation bodies, inspectors and double-random draws.
	route("GET /api/v1/evaluation-bodies", s.apiEvaluationBodyList)
	route("POST /api/v1/evaluation-bodies", s.apiEvaluationBodyCreate)
	route("GET /api/v1/inspectors", s.apiInspectorList)
	route("POST /api/v1/inspectors", s.apiInspectorCreate)
	route("GET /api/v1/inspections/draws", s.apiInspectionDrawList)
	route("POST /api/v1/inspections/draws", s.apiInspectionDrawCreate)
	route("GET /api/v1/inspections/draws/{id}", s.apiInspectionDrawGet)
	route("POST /api/v1/inspections/draws/{id}/findings", s.apiInspectionFindingCreate)
	route("POST /api/v1/inspections/draws/{id}/publish", s.apiInspectionPublish)
	route("GET /api/v1/inspections/results", s.apiInspectionResultList)
	route("GET /api/v1/procurements", s.apiProcurementList)
	route("POST /api/v1/procurements", s.apiProcurementCreate)
	route("GET /api/v1/procurements/template.xlsx", s.apiProcurementTemplate)
	route("POST "+httpx.ProcurementImportAPIPath, s.apiProcurementImport)
	route("GET /api/v1/procurements/{id}", s.apiProcurementGet)
	route("PUT /api/v1/procurements/{id}", s.apiProcurementUpdate)
	route("GET /api/v1/procurement-totals", s.apiProcurementTotalList)
	route("POST /api/v1/procurement-totals", s.apiProcurementTotalCreate)
	route("GET /api/v1/soe-shares", s.apiSOEShares)
	route("GET /api/v1/bulletins", s.apiBulletinList)
	route("POST /api/v1/bulletins", s.apiBulletinCreate)
	route("GET /api/v1/bulletins/{id}", s.apiBulletinGet)
	route("POST /api/v1/bulletins/{id}/issue", s.apiBulletinIssue)
	route("GET /api/v1/bulletins/{id}/pdf", s.apiBulletinPDF)
	route("GET /api/v1/bulletins/{id}/xlsx", s.apiBulletinXLSX)
	route("GET /api/v1/bulletins/{id}/charts/{n}", s.apiBulletinChart)

	// The annual launch event (新产品发布会): plaques and honour certificates.
	route("GET /api/v1/launch-events", s.apiLaunchEventList)
	route("POST /api/v1/launch-events", s.apiLaunchEventCreate)
	route("GET /api/v1/launch-events/candidates", s.apiLaunchCandidates)
	route("GET /api/v1/launch-events/{id}", s.apiLaunchEventGet)
	route("PUT /api/v1/launch-events/{id}", s.apiLaunchEventSchedule)
	route("POST /api/v1/launch-events/{id}/honorees", s.apiLaunchHonoreeCreate)
	route("POST /api/v1/launch-events/{id}/honorees/{hid}/confirm", s.apiLaunchHonoreeConfirm)
	route("POST /api/v1/launch-events/{id}/honorees/{hid}/withdraw", s.apiLaunchHonoreeWithdraw)
	route("GET /api/v1/launch-events/{id}/honorees/{hid}/pdf", s.apiLaunchHonourPDF)
	route("GET /api/v1/launch-events/{id}/plaques/{eid}/pdf", s.apiLaunchPlaquePDF)
	// Accountability: fault-tolerance exemptions (容错免责), the tender checks
	// buyers save, and complaints about tender documents (投诉).
	route("GET /api/v1/exemptions", s.apiExemptionList)
	route("POST /api/v1/exemptions", s.apiExemptionCreate)
	route("GET /api/v1/exemptions/{id}", s.apiExemptionGet)
	route("POST /api/v1/exemptions/{id}/decision", s.apiExemptionDecide)
	route("GET /api/v1/tender-checks", s.apiTenderCheckList)
	route("POST /api/v1/tender-checks", s.apiTenderCheckCreate)
	route("GET /api/v1/tender-checks/{id}", s.apiTenderCheckGet)
	route("POST /api/v1/tender-checks/{id}/findings/{n}", s.apiTenderCheckMark)
	route("GET /api/v1/complaints", s.apiComplaintList)
	route("POST /api/v1/complaints", s.apiComplaintCreate)
	route("GET /api/v1/complaints/{id}", s.apiComplaintGet)
	route("POST /api/v1/complaints/{id}/actions", s.apiComplaintAction)

	// The insurance claims' fast track (理赔快速通道).
	route("GET /api/v1/claims", s.apiClaimList)
	route("POST /api/v1/claims", s.apiClaimCreate)
	route("GET /api/v1/claims/{id}", s.apiClaimGet)
	route("POST /api/v1/claims/{id}/actions", s.apiClaimAction)

	// The demonstration bases, alliances and innovation catalog.
	route("GET /api/v1/programmes", s.apiProgrammeList)
	route("POST /api/v1/programmes", s.apiProgrammeCreate)
	route("GET /api/v1/programmes/{id}", s.apiProgrammeGet)
	route("PUT /api/v1/programmes/{id}", s.apiProgrammeUpdate)

	// Dual-use equipment and the joint consultations on it (会商).
	route("GET /api/v1/dual-use", s.apiDualUseList)
	route("PUT /api/v1/products/{id}/dual-use", s.apiDualUseUpdate)
	route("GET /api/v1/consultations", s.apiConsultationList)
	route("POST /api/v1/consultations", s.apiConsultationCreate)
	route("GET /api/v1/consultations/{id}", s.apiConsultationGet)
	// Financing requests (M24-7, O18-11): an enterprise's, shared with the
	// banks and leasing firms it chose, and their answers.
	route("GET /api/v1/financing-lenders", s.apiFinancingLenderList)
	route("GET /api/v1/financing-requests", s.apiFinancingRequestList)
	route("POST /api/v1/financing-requests", s.apiFinancingRequestCreate)
	route("GET /api/v1/financing-requests/{id}", s.apiFinancingRequestGet)
	route("POST /api/v1/financing-requests/{id}/offers", s.apiFinancingRequestOfferCreate)
	route("POST /api/v1/financing-requests/{id}/interest", s.apiFinancingRequestInterest)
	route("POST /api/v1/financing-requests/{id}/decline", s.apiFinancingRequestDecline)
	route("POST /api/v1/financing-requests/{id}/accept", s.apiFinancingRequestAccept)
	route("POST /api/v1/financing-requests/{id}/withdraw", s.apiFinancingRequestWithdraw)
	// The information service (O18-19): articles and the policy library.
	route("GET /api/v1/articles", s.apiArticleList)
	route("POST /api/v1/articles", s.apiArticleCreate)
	route("GET /api/v1/articles/{id}", s.apiArticleGet)
	route("PUT /api/v1/articles/{id}", s.apiArticleUpdate)
	route("GET /api/v1/policies", s.apiPolicyList)
	route("GET /api/v1/clauses/{id}", s.apiClauseGet)

	route("GET /api/v1/subsidy-offers", s.apiSubsidyOfferList)
	route("POST /api/v1/subsidy-offers/recompute", s.apiSubsidyOfferRecompute)
	route("GET /api/v1/subsidy-offers/{id}", s.apiSubsidyOfferGet)
	route("POST /api/v1/subsidy-offers/{id}/confirm", s.apiSubsidyOfferConfirm)
	route("POST /api/v1/subsidy-offers/{id}/decline", s.apiSubsidyOfferDecline)

	route("GET /api/v1/calendar/working-days", s.apiCalendarWorkingDays)
	route("GET /api/v1/calendar/{year}", s.apiCalendarYearGet)
	route("PUT /api/v1/calendar/{year}", s.apiCalendarYearPut)

	route("GET /api/v1/notifications", s.apiNotificationList)
	route("POST /api/v1/notifications/read", s.apiNotificationRead)
	route("GET /api/v1/ratings", s.apiRatingList)
	route("POST /api/v1/ratings/{id}/answer", s.apiRatingAnswer)
	route("GET /api/v1/audit", s.apiAuditList)
	route("GET /api/v1/jobs", s.apiJobList)
	route("POST /api/v1/jobs/{name}/run", s.apiJobRun)

	// The policy calculator, public like the rules it applies.
	route("POST /api/v1/calc/premium-subsidy", s.apiCalc(policy.CalcPremiumSubsidy))
	route("POST /api/v1/calc/first-purchase-reward", s.apiCalc(policy.CalcFirstPurchaseReward))
	route("POST /api/v1/calc/allocate", s.apiCalc(policy.CalcAllocate))

	route("/api/", s.apiNotFound)
}

// apiCatalogExport sends the catalog search as an Excel workbook.
func (s *Handler) apiCatalogExport(w http.ResponseWriter, r *http.Request) {
	sheet.ServeCatalog(s.Base, w, r)
}
