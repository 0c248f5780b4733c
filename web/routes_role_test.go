package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"firstset"
	"firstset/dbtest"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// routeFixture is what fills a route's {id}, with the record the route's
// rule reads.
type routeFixture struct {
	Label      string
	Product    *firstset.Product
	Enterprise *firstset.Enterprise
	User       *firstset.User
	Token      *firstset.APIToken
	// Case is a recognition case, with the experts drawn for it (who may
	// read it) and one of its attachments (for {aid}).
	Case       *firstset.Case
	Drawn      []int64
	Attachment int64
	Round      *firstset.Round
	// Notice is a public notice, with an objection raised on it (for
	// {oid}).
	Notice    *firstset.Notice
	Objection int64
	// IncentiveRound is an incentive round; Offer a subsidy offer. An
	// application is a Case of an incentive kind.
	IncentiveRound *firstset.IncentiveRound
	Offer          *firstset.SubsidyOffer
	// The market side's: a buyer organisation, a purchase, a bulletin.
	Buyer       *firstset.Buyer
	Procurement *firstset.Procurement
	Bulletin    *firstset.Bulletin
	// The launch event's: the event, an honoree of it (for {hid}) and the
	// enterprise whose plaque {eid} names.
	LaunchEvent *firstset.LaunchEvent
	Honoree     *firstset.Honoree
	PlaqueOf    int64
	// Accountability's: a fault-tolerance request.
	Exemption   *firstset.Exemption
	TenderCheck *firstset.TenderCheck
	Complaint   *firstset.Complaint
	// An insurer, bank, leasing firm or fund.
	Institution *firstset.Institution
	// A stay of an insurer in the consortium.
	Membership *firstset.ConsortiumMembership
	// A double-random inspection draw.
	Draw *firstset.InspectionDraw
	// A claim on the fast track.
	Claim *firstset.ClaimCase
	// A base, an alliance or an innovation catalog batch.
	Programme *firstset.Programme
	// A joint consultation meeting on dual-use products.
	Consultation *firstset.Consultation
	// A financing request.
	Financing *firstset.FinancingRequest
	// An article of the information service.
	Article *firstset.Article
}

func (fx routeFixture) id() int64 {
	switch {
	case fx.Product != nil:
		return fx.Product.ID
	case fx.Enterprise != nil:
		return fx.Enterprise.ID
	case fx.User != nil:
		return fx.User.ID
	case fx.Token != nil:
		return fx.Token.ID
	case fx.Case != nil:
		return fx.Case.ID
	case fx.Round != nil:
		return fx.Round.ID
	case fx.Notice != nil:
		return fx.Notice.ID
	case fx.IncentiveRound != nil:
		return fx.IncentiveRound.ID
	case fx.Offer != nil:
		return fx.Offer.ID
	case fx.Buyer != nil:
		return fx.Buyer.ID
	case fx.Procurement != nil:
		return fx.Procurement.ID
	case fx.Bulletin != nil:
		return fx.Bulletin.ID
	case fx.LaunchEvent != nil:
		return fx.LaunchEvent.ID
	case fx.Exemption != nil:
		return fx.Exemption.ID
	case fx.TenderCheck != nil:
		return fx.TenderCheck.ID
	case fx.Complaint != nil:
		return fx.Complaint.ID
	case fx.Institution != nil:
		return fx.Institution.ID
	case fx.Membership != nil:
		return fx.Membership.ID
	case fx.Draw != nil:
		return fx.Draw.ID
	case fx.Claim != nil:
		return fx.Claim.ID
	case fx.Programme != nil:
		return fx.Programme.ID
	case fx.Consultation != nil:
		return fx.Consultation.ID
	case fx.Financing != nil:
		return fx.Financing.ID
	case fx.Article != nil:
		return fx.Article.ID
	}
	return 0
}

// subPath fills a route's second wildcard from fx.
func (fx routeFixture) subPath(target string) string {
	target = strings.Replace(target, "{aid}", httpx.Itoa(fx.Attachment), 1)
	target = strings.Replace(target, "{n}", "0", 1) // a bulletin's first chart
	if fx.Honoree != nil {
		target = strings.Replace(target, "{hid}", httpx.Itoa(fx.Honoree.ID), 1)
	}
	target = strings.Replace(target, "{eid}", httpx.Itoa(fx.PlaqueOf), 1)
	return strings.Replace(target, "{oid}", httpx.Itoa(fx.Objection), 1)
}

// idKind says which records fill a route's {id}.
type idKind int

const (
	noID idKind = iota
	productIDs
	enterpriseIDs
	userIDs
	tokenIDs
	caseIDs
	roundIDs
	noticeIDs
	incentiveRoundIDs
	applicationIDs
	offerIDs
	buyerIDs
	procurementIDs
	bulletinIDs
	launchIDs
	exemptionIDs
	tenderCheckIDs
	complaintIDs
	institutionIDs
	membershipIDs
	drawIDs
	claimIDs
	programmeIDs
	consultationIDs
	financingIDs
	articleIDs
)

// routeRule is a route's access rule: whether actor a is let in, for the
// record fx its {id} names.
type routeRule struct {
	ids   idKind
	allow func(a *firstset.Actor, fx routeFixture) bool
	// ends marks routes that remove what they are sent (a product, a
	// token, the session): each request gets a record of its own, and
	// they run after every other route.
	ends bool
	// target is the path to send, for routes whose pattern is not one
	// (the catch-alls, the static files).
	target string
	// token sends a route outside /api/ with the API client too.
	token bool
}

func everyone(*firstset.Actor, routeFixture) bool { return true }

// nobody is the rule of the catch-alls: nothing is there.
func nobody(*firstset.Actor, routeFixture) bool { return false }

func publicOnly(a *firstset.Actor, _ routeFixture) bool { return a.IsPublic() }

func loggedIn(a *firstset.Actor, _ routeFixture) bool { return !a.IsPublic() }

// listsProducts: FindProducts lists something for everyone logged in.
func listsProducts(a *firstset.Actor, _ routeFixture) bool {
	return firstset.ProductReachOf(a) != firstset.ReachNone
}

// inSession is a rule the services keep for themselves (no root Can…):
// a person logged in, not a program with a token, may change the password
// and issue tokens.
func inSession(a *firstset.Actor, _ routeFixture) bool { return !a.IsPublic() && a.Token == nil }

func byRole(can func(*firstset.Actor) bool) func(*firstset.Actor, routeFixture) bool {
	return func(a *firstset.Actor, _ routeFixture) bool { return can(a) }
}

func byCheck(refusal func(*firstset.Actor) error) func(*firstset.Actor, routeFixture) bool {
	return func(a *firstset.Actor, _ routeFixture) bool { return refusal(a) == nil }
}

func onProduct(can func(*firstset.Actor, *firstset.Product) bool) func(*firstset.Actor, routeFixture) bool {
	return func(a *firstset.Actor, fx routeFixture) bool { return can(a, fx.Product) }
}

func onEnterprise(can func(*firstset.Actor, *firstset.Enterprise) bool) func(*firstset.Actor, routeFixture) bool {
	return func(a *firstset.Actor, fx routeFixture) bool { return can(a, fx.Enterprise) }
}

// ownToken: the token pages list and confirm the caller's own tokens only.
func ownToken(a *firstset.Actor, fx routeFixture) bool {
	return !a.IsPublic() && fx.Token.UserID == a.ID()
}

// revokesToken is RevokeToken's rule.
func revokesToken(a *firstset.Actor, fx routeFixture) bool {
	return !a.IsPublic() && firstset.CheckRevokeToken(a, fx.Token) == nil
}

// readsUser is FindUserByID's rule.
func readsUser(a *firstset.Actor, fx routeFixture) bool {
	return firstset.CheckReadUser(a, fx.User.ID) == nil
}

// readsMetrics is AuthorizeMetrics' rule.
func readsMetrics(a *firstset.Actor, _ routeFixture) bool { return firstset.CheckReadMetrics(a) == nil }

// readsCase is CheckReadCase, the rule of every case page: the applicant,
// and once submitted its district office, the reviewers and the
// administrators, and the experts drawn for it.
func readsCase(a *firstset.Actor, fx routeFixture) bool {
	return firstset.CheckReadCase(a, fx.Case, slices.Contains(fx.Drawn, a.ID())) == nil
}

// changesMaterials: the applicant changes the declaration and its
// materials while the case is in its hands (draft, returned).
func changesMaterials(a *firstset.Actor, fx routeFixture) bool {
	st := fx.Case.Stage
	return readsCase(a, fx) && firstset.CaseParty(a, fx.Case, slices.Contains(fx.Drawn, a.ID())) == "applicant" &&
		(st == "draft" || st == "returned")
}

// declines: a drawn expert declares a conflict while the case is in
// expert review (and before scoring it, which none of the fixtures' has).
func declines(a *firstset.Actor, fx routeFixture) bool {
	return readsCase(a, fx) && firstset.CaseParty(a, fx.Case, slices.Contains(fx.Drawn, a.ID())) == "expert" &&
		fx.Case.Stage == "expert_review"
}

// readsExperts is CheckReadRecognition: the expert pool, draws,
// objections and ratings.
func readsExperts(a *firstset.Actor, _ routeFixture) bool {
	return firstset.CheckReadRecognition(a) == nil
}

// readsCandidates: the draw's candidates, of a case the reader may see.
func readsCandidates(a *firstset.Actor, fx routeFixture) bool {
	return readsCase(a, fx) && readsExperts(a, fx)
}

// declares is Declare's rule: an enterprise's staff, with a credential
// that may change cases.
func declares(a *firstset.Actor) error {
	if err := a.RequireRole(firstset.RoleEnterprise); err != nil {
		return err
	}
	return firstset.CheckCaseWrite(a)
}

// published: a round's batch is public once published, and nowhere before.
func published(_ *firstset.Actor, fx routeFixture) bool { return !fx.Round.PublishedOn.IsZero() }

// readsCases: the case listings answer everyone logged in whose
// credential may read cases (an empty list for a role that sees none).
func readsCases(a *firstset.Actor, _ routeFixture) bool {
	return !a.IsPublic() && a.Allows(firstset.ScopeCasesRead)
}

// actsOnCase: an action sent to a case the caller sees is judged as
// input (an empty one is refused naming the field).
func actsOnCase(a *firstset.Actor, fx routeFixture) bool {
	return readsCase(a, fx) && firstset.CheckCaseWrite(a) == nil
}

// drawsExperts: a reviewer draws for a case in expert review that still
// lacks experts.
func drawsExperts(a *firstset.Actor, fx routeFixture) bool {
	return actsOnCase(a, fx) && a.Role() == firstset.RoleReviewer && fx.Case.Stage == "expert_review" && len(fx.Drawn) < 5
}

// scores: a drawn expert scores while the case is in expert review.
func scores(a *firstset.Actor, fx routeFixture) bool {
	return actsOnCase(a, fx) && declines(a, fx)
}

// rates: the applicant rates a case once it has ended.
func rates(a *firstset.Actor, fx routeFixture) bool {
	return actsOnCase(a, fx) && firstset.CaseParty(a, fx.Case, false) == "applicant" && !fx.Case.Open()
}

// readsExpert: an expert's profile, to the pool's readers and to the
// expert.
func readsExpert(a *firstset.Actor, fx routeFixture) bool {
	return fx.User.Role == firstset.RoleExpert && (readsExperts(a, fx) || a.ID() == fx.User.ID && a.Role() == firstset.RoleExpert)
}

// readsCertificatePDF: the certificate itself, of a product ever
// recognised, to its enterprise and the city's staff.
func readsCertificatePDF(a *firstset.Actor, p *firstset.Product) bool {
	return firstset.CanSeeProduct(a, p) && p.EverRecognised() && firstset.CheckReadCertificatePDF(a, p.EnterpriseID) == nil
}

// hasCertificate: a product ever recognised has a public certificate.
func hasCertificate(a *firstset.Actor, p *firstset.Product) bool {
	return firstset.CanSeeProduct(a, p) && p.EverRecognised()
}

func isAdmin(a *firstset.Actor) bool { return a.Role() == firstset.RoleAdmin }

// routeRules holds every registered route to its access rule; a route
// missing here fails TestEveryRouteAnswersEveryRoleByItsRule.
var routeRules = map[string]routeRule{
	// Operations.
	"GET /healthz":       {allow: everyone},
	"GET /readyz":        {allow: everyone},
	"GET /metrics":       {allow: readsMetrics, token: true},
	"GET /static/{file}": {allow: everyone, target: "/static/app.css"},

	// Pages.
	"GET /{$}":   {allow: everyone},
	"GET /login": {allow: everyone},
	// The login form is the public's: GET /login sends a logged-in caller
	// on, so it has no pre-session to post the form with (403).
	"POST /login":              {allow: publicOnly},
	"POST /logout":             {allow: everyone, ends: true},
	"GET /catalog":             {allow: everyone},
	"GET /catalog/export.xlsx": {allow: everyone},

	"GET /enterprises":           {allow: byRole(firstset.CanListEnterprises)},
	"GET /enterprises/new":       {allow: byRole(firstset.CanCreateEnterprise)},
	"POST /enterprises":          {allow: byRole(firstset.CanCreateEnterprise)},
	"GET /enterprises/{id}":      {ids: enterpriseIDs, allow: onEnterprise(firstset.CanSeeEnterprise)},
	"GET /enterprises/{id}/edit": {ids: enterpriseIDs, allow: onEnterprise(firstset.CanEditEnterprise)},
	"POST /enterprises/{id}":     {ids: enterpriseIDs, allow: onEnterprise(firstset.CanEditEnterprise)},

	"GET /products":                      {allow: listsProducts},
	"GET /products/new":                  {allow: byRole(firstset.CanCreateProduct)},
	"POST /products":                     {allow: byRole(firstset.CanCreateProduct)},
	"GET /products/{id}":                 {ids: productIDs, allow: onProduct(firstset.CanSeeProduct)},
	"GET /products/{id}/edit":            {ids: productIDs, allow: onProduct(firstset.CanEditProduct)},
	"POST /products/{id}":                {ids: productIDs, allow: onProduct(firstset.CanEditProduct)},
	"GET /products/{id}/delete":          {ids: productIDs, allow: onProduct(firstset.CanDeleteProduct)},
	"POST /products/{id}/delete":         {ids: productIDs, allow: onProduct(firstset.CanDeleteProduct), ends: true},
	"GET /products/{id}/recognition":     {ids: productIDs, allow: byRole(firstset.CanSetRecognition)},
	"POST /products/{id}/adjustments":    {ids: productIDs, allow: byCheck(firstset.CheckAdjustCatalog)},
	"GET /products/{id}/certificate.pdf": {ids: productIDs, allow: onProduct(readsCertificatePDF)},
	"GET /verify":                        {allow: everyone},
	"GET /admin/jobs":                    {allow: byRole(isAdmin)},
	"POST /admin/jobs/{name}/run":        {allow: byRole(isAdmin), target: "/admin/jobs/catalog_expiry/run"},
	// The reviewer's way to recognise: the same rule as the API's.
	"POST /products/{id}/recognition": {ids: productIDs, allow: byRole(firstset.CanSetRecognition)},

	"GET /cases":                                {allow: loggedIn},
	"GET /cases/{id}":                           {ids: caseIDs, allow: readsCase},
	"POST /cases/{id}":                          {ids: caseIDs, allow: changesMaterials},
	"POST /cases/{id}/actions":                  {ids: caseIDs, allow: readsCase},
	"POST /cases/{id}/attachments":              {ids: caseIDs, allow: readsCase},
	"GET /cases/{id}/attachments/{aid}":         {ids: caseIDs, allow: readsCase},
	"POST /cases/{id}/attachments/{aid}/delete": {ids: caseIDs, allow: changesMaterials, ends: true},
	"POST /cases/{id}/rating":                   {ids: caseIDs, allow: readsCase},
	"POST /cases/{id}/draws":                    {ids: caseIDs, allow: readsCase},
	"GET /cases/{id}/candidates.json":           {ids: caseIDs, allow: readsCandidates},
	"POST /cases/{id}/score":                    {ids: caseIDs, allow: readsCase},
	"POST /cases/{id}/decline":                  {ids: caseIDs, allow: declines},
	"GET /rounds":                               {allow: everyone},
	"GET /rounds/new":                           {allow: byCheck(firstset.CheckManageRecognition)},
	"POST /rounds":                              {allow: byCheck(firstset.CheckManageRecognition)},
	"GET /rounds/{id}":                          {ids: roundIDs, allow: everyone},
	"POST /rounds/{id}/declare":                 {ids: roundIDs, allow: byCheck(declares)},
	"POST /rounds/{id}/publish":                 {ids: roundIDs, allow: byCheck(firstset.CheckManageRecognition)},
	"GET /rounds/{id}/publication":              {ids: roundIDs, allow: published},
	"GET /rounds/{id}/publication.xlsx":         {ids: roundIDs, allow: published},

	"GET /experts":                               {allow: readsExperts},
	"GET /experts/{id}/edit":                     {ids: userIDs, allow: byCheck(firstset.CheckManageRecognition)},
	"POST /experts/{id}":                         {ids: userIDs, allow: byCheck(firstset.CheckManageRecognition)},
	"GET /notices":                               {allow: everyone},
	"GET /notices/new":                           {allow: byCheck(firstset.CheckManageRecognition)},
	"POST /notices":                              {allow: byCheck(firstset.CheckManageRecognition)},
	"GET /notices/{id}":                          {ids: noticeIDs, allow: everyone},
	"POST /notices/{id}/objections":              {ids: noticeIDs, allow: everyone},
	"POST /notices/{id}/objections/{oid}/answer": {ids: noticeIDs, allow: byCheck(firstset.CheckManageRecognition)},
	"GET /ratings":                               {allow: readsExperts},
	"POST /ratings/{id}/answer":                  {ids: noticeIDs, allow: byCheck(firstset.CheckManageRecognition)},
	"GET /notifications":                         {allow: loggedIn},
	"POST /notifications/read":                   {allow: loggedIn},

	"GET /tokens":              {allow: loggedIn},
	"POST /tokens":             {allow: inSession},
	"GET /tokens/{id}/revoke":  {ids: tokenIDs, allow: ownToken},
	"POST /tokens/{id}/revoke": {ids: tokenIDs, allow: revokesToken, ends: true},

	"GET /admin/users":             {allow: byRole(firstset.CanManageUsers)},
	"GET /admin/users/new":         {allow: byRole(firstset.CanManageUsers)},
	"POST /admin/users":            {allow: byRole(firstset.CanManageUsers)},
	"GET /admin/users/{id}/edit":   {ids: userIDs, allow: byRole(firstset.CanManageUsers)},
	"POST /admin/users/{id}":       {ids: userIDs, allow: byRole(firstset.CanManageUsers)},
	"GET /admin/categories":        {allow: byRole(firstset.CanManageCategories)},
	"POST /admin/categories":       {allow: byRole(firstset.CanManageCategories)},
	"GET /admin/calendar":          {allow: byCheck(firstset.CheckManageCalendar)},
	"POST /admin/calendar":         {allow: byCheck(firstset.CheckManageCalendar)},
	"GET /admin/audit":             {allow: byRole(firstset.CanReadAudit)},
	"GET /admin/audit/export.xlsx": {allow: byRole(firstset.CanReadAudit)},

	"GET /tender":              {allow: byRole(firstset.CanCheckTenders)},
	"POST /tender":             {allow: byRole(firstset.CanCheckTenders)},
	"POST /tender/export.xlsx": {allow: byRole(firstset.CanCheckTenders)},

	"GET /calc":  {allow: everyone},
	"POST /calc": {allow: everyone},

	"GET /account/password":  {allow: loggedIn},
	"POST /account/password": {allow: inSession},

	"/": {allow: nobody, target: "/no-such-page"},

	// JSON API.
	"GET /api/v1/openapi.json":   {allow: everyone},
	"GET /api/v1/me":             {allow: loggedIn},
	"GET /api/v1/categories":     {allow: everyone},
	"POST /api/v1/categories":    {allow: byRole(firstset.CanManageCategories)},
	"GET /api/v1/catalog":        {allow: everyone},
	"GET /api/v1/catalog/export": {allow: everyone},

	"GET /api/v1/enterprises":      {allow: byRole(firstset.CanListEnterprises)},
	"GET /api/v1/enterprises/{id}": {ids: enterpriseIDs, allow: onEnterprise(firstset.CanSeeEnterprise)},
	"POST /api/v1/enterprises":     {allow: byRole(firstset.CanCreateEnterprise)},
	"PUT /api/v1/enterprises/{id}": {ids: enterpriseIDs, allow: onEnterprise(firstset.CanEditEnterprise)},

	"GET /api/v1/products":                      {allow: listsProducts},
	"GET /api/v1/products/{id}":                 {ids: productIDs, allow: onProduct(firstset.CanSeeProduct)},
	"POST /api/v1/products":                     {allow: byRole(firstset.CanCreateProduct)},
	"PUT /api/v1/products/{id}":                 {ids: productIDs, allow: onProduct(firstset.CanEditProduct)},
	"DELETE /api/v1/products/{id}":              {ids: productIDs, allow: onProduct(firstset.CanDeleteProduct), ends: true},
	"PUT /api/v1/products/{id}/recognition":     {ids: productIDs, allow: byRole(firstset.CanSetRecognition)},
	"POST /api/v1/products/{id}/adjustments":    {ids: productIDs, allow: byCheck(firstset.CheckAdjustCatalog)},
	"GET /api/v1/products/{id}/history":         {ids: productIDs, allow: onProduct(firstset.CanSeeProduct)},
	"GET /api/v1/products/{id}/certificate":     {ids: productIDs, allow: onProduct(hasCertificate)},
	"GET /api/v1/products/{id}/certificate.pdf": {ids: productIDs, allow: onProduct(readsCertificatePDF)},
	"GET /api/v1/certificates/key":              {allow: everyone},
	"POST /api/v1/certificates/verify":          {allow: everyone},
	"GET /api/v1/jobs":                          {allow: byRole(isAdmin)},
	"POST /api/v1/jobs/{name}/run":              {allow: byRole(isAdmin), target: "/api/v1/jobs/catalog_expiry/run"},

	"GET /api/v1/users":      {allow: byRole(firstset.CanManageUsers)},
	"GET /api/v1/users/{id}": {ids: userIDs, allow: readsUser},
	"POST /api/v1/users":     {allow: byRole(firstset.CanManageUsers)},
	"PUT /api/v1/users/{id}": {ids: userIDs, allow: byRole(firstset.CanManageUsers)},

	"GET /api/v1/tokens":         {allow: loggedIn},
	"POST /api/v1/tokens":        {allow: inSession}, // a token never issues tokens
	"DELETE /api/v1/tokens/{id}": {ids: tokenIDs, allow: revokesToken, ends: true},

	"POST /api/v1/tender/check": {allow: byCheck(firstset.CheckTenderCheck)},

	"POST /api/v1/calc/premium-subsidy":       {allow: everyone},
	"POST /api/v1/calc/first-purchase-reward": {allow: everyone},
	"POST /api/v1/calc/allocate":              {allow: everyone},

	"GET /api/v1/rounds":                     {allow: everyone},
	"POST /api/v1/rounds":                    {allow: byCheck(firstset.CheckManageRecognition)},
	"GET /api/v1/rounds/{id}":                {ids: roundIDs, allow: everyone},
	"POST /api/v1/rounds/{id}/publish":       {ids: roundIDs, allow: byCheck(firstset.CheckManageRecognition)},
	"GET /api/v1/rounds/{id}/publication":    {ids: roundIDs, allow: published},
	"GET /api/v1/recognitions":               {allow: readsCases},
	"POST /api/v1/recognitions":              {allow: byCheck(declares)},
	"GET /api/v1/recognitions/{id}":          {ids: caseIDs, allow: readsCase},
	"PUT /api/v1/recognitions/{id}":          {ids: caseIDs, allow: changesMaterials},
	"POST /api/v1/recognitions/{id}/actions": {ids: caseIDs, allow: actsOnCase},
	// A JSON body is the wrong media type (415) for whoever sees the case.
	"POST /api/v1/recognitions/{id}/attachments":         {ids: caseIDs, allow: readsCase},
	"GET /api/v1/recognitions/{id}/attachments/{aid}":    {ids: caseIDs, allow: readsCase},
	"DELETE /api/v1/recognitions/{id}/attachments/{aid}": {ids: caseIDs, allow: changesMaterials, ends: true},
	"GET /api/v1/recognitions/{id}/experts/candidates":   {ids: caseIDs, allow: readsCandidates},
	"GET /api/v1/recognitions/{id}/experts/draws":        {ids: caseIDs, allow: readsCandidates},
	"POST /api/v1/recognitions/{id}/experts/draw":        {ids: caseIDs, allow: drawsExperts},
	"POST /api/v1/recognitions/{id}/experts/decline":     {ids: caseIDs, allow: scores},
	"POST /api/v1/recognitions/{id}/scores":              {ids: caseIDs, allow: scores},
	"POST /api/v1/recognitions/{id}/ratings":             {ids: caseIDs, allow: rates},

	"GET /api/v1/experts":      {allow: readsExperts},
	"GET /api/v1/experts/{id}": {ids: userIDs, allow: readsExpert},
	"PUT /api/v1/experts/{id}": {ids: userIDs, allow: byCheck(firstset.CheckManageRecognition)},

	"GET /api/v1/notices":                  {allow: everyone},
	"POST /api/v1/notices":                 {allow: byCheck(firstset.CheckManageRecognition)},
	"GET /api/v1/notices/{id}":             {ids: noticeIDs, allow: everyone},
	"POST /api/v1/notices/{id}/objections": {ids: noticeIDs, allow: everyone},
	"GET /api/v1/objections":               {allow: readsExperts},
	// Their empty answers are refused as input before the record is read.
	"POST /api/v1/objections/{id}/answer": {ids: noticeIDs, allow: byCheck(firstset.CheckManageRecognition)},
	"POST /api/v1/ratings/{id}/answer":    {ids: noticeIDs, allow: byCheck(firstset.CheckManageRecognition)},
	"GET /api/v1/ratings":                 {allow: readsExperts},

	"GET /api/v1/calendar/working-days": {allow: everyone},
	"GET /api/v1/calendar/{year}":       {allow: everyone, target: "/api/v1/calendar/2026"},
	"PUT /api/v1/calendar/{year}":       {allow: byCheck(firstset.CheckManageCalendar), target: "/api/v1/calendar/2030"},
	"GET /api/v1/notifications":         {allow: loggedIn},
	"POST /api/v1/notifications/read":   {allow: loggedIn},
	"GET /api/v1/audit":                 {allow: byRole(firstset.CanReadAudit)},

	// Incentives and insurance: an {id} names a round, an application or
	// an offer; an empty body is refused as input once the caller is let in.
	"GET /api/v1/incentive-rounds":                       {allow: loggedIn},
	"POST /api/v1/incentive-rounds":                      {allow: managesIncentives},
	"GET /api/v1/incentive-rounds/{id}":                  {ids: incentiveRoundIDs, allow: loggedIn},
	"PUT /api/v1/incentive-rounds/{id}":                  {ids: incentiveRoundIDs, allow: managesIncentives},
	"POST /api/v1/incentive-rounds/{id}/allocate":        {ids: incentiveRoundIDs, allow: allocates},
	"GET /api/v1/incentive-rounds/{id}/allocation":       {ids: incentiveRoundIDs, allow: byCheck(firstset.CheckReadAllocation)},
	"POST /api/v1/incentive-rounds/{id}/approve":         {ids: incentiveRoundIDs, allow: approvesRound},
	"POST /api/v1/incentive-rounds/{id}/send-back":       {ids: incentiveRoundIDs, allow: managesIncentives},
	"GET /api/v1/incentive-rounds/{id}/results":          {ids: incentiveRoundIDs, allow: resultsPublic},
	"GET /api/v1/applications":                           {allow: readsCases},
	"POST /api/v1/applications":                          {allow: writesCases},
	"GET /api/v1/applications/{id}":                      {ids: applicationIDs, allow: readsCase},
	"PUT /api/v1/applications/{id}":                      {ids: applicationIDs, allow: changesApplication},
	"GET /api/v1/applications/{id}/replay":               {ids: applicationIDs, allow: readsCase},
	"POST /api/v1/applications/{id}/actions":             {ids: applicationIDs, allow: actsOnCase},
	"POST /api/v1/applications/{id}/scores":              {ids: applicationIDs, allow: scoresApplication},
	"POST /api/v1/applications/{id}/attachments":         {ids: applicationIDs, allow: readsCase},
	"GET /api/v1/applications/{id}/attachments/{aid}":    {ids: applicationIDs, allow: readsCase},
	"DELETE /api/v1/applications/{id}/attachments/{aid}": {ids: applicationIDs, allow: changesMaterials, ends: true},
	"POST /api/v1/applications/{id}/experts/draw":        {ids: applicationIDs, allow: scoresApplication},
	"POST /cases/{id}/application-score":                 {ids: applicationIDs, allow: scoresApplication},
	"POST /cases/{id}/disbursements":                     {ids: applicationIDs, allow: nobody},
	"GET /ledger":                                        {allow: byCheck(firstset.CheckReadLedger)},
	"GET /parameters":                                    {allow: everyone},
	"POST /parameters/changes":                           {allow: byCheck(firstset.CheckManageParameters)},
	"GET /ledger/export.xlsx":                            {allow: byCheck(firstset.CheckReadLedger)},
	"GET /insurance/policies":                            {allow: byCheck(firstset.CheckReadPolicies)},
	"POST /insurance/policies":                           {allow: byCheck(firstset.CheckSubmitPolicies)},
	"POST /insurance/policies/{number}/claims": {allow: claimsOnPolicy,
		target: "/insurance/policies/" + routePolicy + "/claims"},
	"POST /api/v1/disbursements":                     {allow: managesIncentives},
	"GET /api/v1/ledger":                             {allow: byCheck(firstset.CheckReadLedger)},
	"GET /api/v1/parameters":                         {allow: everyone},
	"POST /api/v1/parameters/changes":                {allow: byCheck(firstset.CheckManageParameters)},
	"GET /api/v1/ledger/summary":                     {allow: byCheck(firstset.CheckReadLedger)},
	"GET /api/v1/ledger/export":                      {allow: byCheck(firstset.CheckReadLedger)},
	"GET /api/v1/insurance/policies":                 {allow: byCheck(firstset.CheckReadPolicies)},
	"POST /api/v1/insurance/policies":                {allow: byCheck(firstset.CheckSubmitPolicies)},
	"GET /api/v1/insurance/policies/{policy_number}": {allow: readsPolicy, target: "/api/v1/insurance/policies/" + routePolicy},
	"POST /api/v1/insurance/policies/{policy_number}/claims": {allow: claimsOnPolicy,
		target: "/api/v1/insurance/policies/" + routePolicy + "/claims"},
	"GET /api/v1/consortium/memberships":             {allow: loggedIn},
	"POST /api/v1/consortium/memberships":            {allow: byCheck(firstset.CheckManageInsurers)},
	"POST /api/v1/consortium/memberships/{id}/leave": {ids: membershipIDs, allow: byCheck(firstset.CheckManageInsurers)},
	"GET /api/v1/subsidy-offers":                     {allow: listsOffers},
	"POST /api/v1/subsidy-offers/recompute":          {allow: recomputes},
	"GET /api/v1/subsidy-offers/{id}":                {ids: offerIDs, allow: seesOffer},
	"POST /api/v1/subsidy-offers/{id}/confirm":       {ids: offerIDs, allow: decidesOffer, ends: true},
	"POST /api/v1/subsidy-offers/{id}/decline":       {ids: offerIDs, allow: decidesOffer, ends: true},

	"GET /incentive-rounds":                 {allow: loggedIn},
	"GET /incentive-rounds/new":             {allow: managesIncentives},
	"POST /incentive-rounds":                {allow: managesIncentives},
	"GET /incentive-rounds/{id}":            {ids: incentiveRoundIDs, allow: loggedIn},
	"POST /incentive-rounds/{id}/allocate":  {ids: incentiveRoundIDs, allow: allocates},
	"POST /incentive-rounds/{id}/approve":   {ids: incentiveRoundIDs, allow: approvesRound},
	"POST /incentive-rounds/{id}/send-back": {ids: incentiveRoundIDs, allow: managesIncentives},
	"GET /incentive-rounds/{id}/results":    {ids: incentiveRoundIDs, allow: resultsPublic},
	"GET /applications/new":                 {allow: nobody},
	"POST /applications":                    {allow: nobody},
	"GET /applications/{id}/edit":           {ids: applicationIDs, allow: changesApplication},
	"POST /applications/{id}":               {ids: applicationIDs, allow: changesApplication},
	"GET /subsidy-offers":                   {allow: listsOffers},
	"POST /subsidy-offers/{id}/confirm":     {ids: offerIDs, allow: decidesOffer, ends: true},
	"POST /subsidy-offers/{id}/decline":     {ids: offerIDs, allow: decidesOffer, ends: true},

	"/api/": {allow: nobody, target: "/api/v1/no-such-route"},
}

func init() {
	for pattern, rule := range marketRouteRules {
		routeRules[pattern] = rule
	}
	routeTwins = append(routeTwins, marketRouteTwins...)
	for pattern, rule := range launchRouteRules {
		routeRules[pattern] = rule
	}
	routeTwins = append(routeTwins, launchRouteTwins...)
	for pattern, rule := range accountabilityRouteRules {
		routeRules[pattern] = rule
	}
	routeTwins = append(routeTwins, accountabilityRouteTwins...)
	for pattern, rule := range institutionRouteRules {
		routeRules[pattern] = rule
	}
	routeTwins = append(routeTwins, institutionRouteTwins...)
	for pattern, rule := range financingRouteRules {
		routeRules[pattern] = rule
	}
	routeTwins = append(routeTwins, financingRouteTwins...)
	for pattern, rule := range articleRouteRules {
		routeRules[pattern] = rule
	}
	routeTwins = append(routeTwins, articleRouteTwins...)
}

// routeTwins pair each page action with the API call that does the same,
// which must answer every role alike. viaSession compares the page with
// the API called from the same session, for what a token may not do.
var routeTwins = []struct {
	page, api  string
	viaSession bool
}{
	{page: "GET /catalog", api: "GET /api/v1/catalog"},
	{page: "GET /catalog/export.xlsx", api: "GET /api/v1/catalog/export"},
	{page: "GET /enterprises", api: "GET /api/v1/enterprises"},
	{page: "GET /enterprises/{id}", api: "GET /api/v1/enterprises/{id}"},
	{page: "POST /enterprises", api: "POST /api/v1/enterprises"},
	{page: "POST /enterprises/{id}", api: "PUT /api/v1/enterprises/{id}"},
	{page: "GET /products", api: "GET /api/v1/products"},
	{page: "GET /products/{id}", api: "GET /api/v1/products/{id}"},
	{page: "POST /products", api: "POST /api/v1/products"},
	{page: "POST /products/{id}", api: "PUT /api/v1/products/{id}"},
	{page: "POST /products/{id}/delete", api: "DELETE /api/v1/products/{id}"},
	{page: "POST /products/{id}/recognition", api: "PUT /api/v1/products/{id}/recognition"},
	{page: "POST /products/{id}/adjustments", api: "POST /api/v1/products/{id}/adjustments"},
	{page: "GET /products/{id}/certificate.pdf", api: "GET /api/v1/products/{id}/certificate.pdf"},
	{page: "POST /admin/jobs/{name}/run", api: "POST /api/v1/jobs/{name}/run"},
	{page: "GET /admin/users", api: "GET /api/v1/users"},
	{page: "POST /admin/users", api: "POST /api/v1/users"},
	{page: "POST /admin/users/{id}", api: "PUT /api/v1/users/{id}"},
	{page: "POST /admin/categories", api: "POST /api/v1/categories"},
	{page: "GET /tokens", api: "GET /api/v1/tokens"},
	{page: "POST /tokens", api: "POST /api/v1/tokens", viaSession: true},
	{page: "POST /tokens/{id}/revoke", api: "DELETE /api/v1/tokens/{id}"},
	{page: "POST /tender", api: "POST /api/v1/tender/check"},
}

// routeActor is one demo account (or the public) with its clients: pages
// through a session, the API through a token with every scope its role
// may hold.
type routeActor struct {
	name     string
	page     *client
	api      *client
	session  *firstset.Actor // as the services see the page client
	tokenAct *firstset.Actor // as they see the API client
}

// channel is how a request is sent: a page, the API with a token, or the
// API from a page's session.
type channel string

const (
	viaPage    channel = "page"
	viaToken   channel = "token"
	viaCookies channel = "session"
)

type routeAnswer struct {
	code int
	in   bool
}

// TestEveryRouteAnswersEveryRoleByItsRule sends every registered route as
// the public and as every demo role, with ids of records its rule tells
// apart, and checks that each answer lets the caller in exactly when the
// rule does, and that each page action answers like its API twin.
func TestEveryRouteAnswersEveryRoleByItsRule(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, store firstset.Store) {
		start := time.Now()
		env := newDemoEnv(t, store)
		patterns := env.srv.patterns
		if len(patterns) == 0 {
			t.Fatal("the server recorded no routes")
		}
		for _, p := range patterns {
			if _, ok := routeRules[p]; !ok {
				t.Errorf("route %q has no rule in routeRules: state who may use it", p)
			}
		}
		for p := range routeRules {
			if !slices.Contains(patterns, p) {
				t.Errorf("routeRules holds %q, which is not registered", p)
			}
		}
		for _, tw := range routeTwins {
			if _, ok := routeRules[tw.page]; !ok {
				t.Errorf("twin %q is not a route", tw.page)
			}
			if _, ok := routeRules[tw.api]; !ok {
				t.Errorf("twin %q is not a route", tw.api)
			}
		}
		if t.Failed() {
			return
		}

		fx := newRouteFixtures(t, env)
		actors := []*routeActor{{name: "public", page: env.public(), api: env.public(),
			session: &firstset.Actor{}, tokenAct: &firstset.Actor{}}}
		for _, u := range fx.users {
			scopes := firstset.ScopesForRole(u.Role)
			actors = append(actors, &routeActor{name: u.Username, page: env.login(u.Username),
				api: env.token(u.Username, scopes...), session: &firstset.Actor{User: u},
				tokenAct: &firstset.Actor{User: u, Token: &firstset.APIToken{UserID: u.ID, Scopes: scopes}}})
		}

		answers := map[string]routeAnswer{} // channel, actor, pattern, fixture
		key := func(ch channel, a *routeActor, pattern, label string) string {
			return string(ch) + "|" + a.name + "|" + pattern + "|" + label
		}
		cases := 0
		send := func(ch channel, a *routeActor, pattern string, rule routeRule, f routeFixture) {
			t.Helper()
			method, target := splitPattern(pattern, rule)
			if rule.ids != noID {
				target = f.subPath(idPath(target, f.id()))
			}
			w := sendRoute(a, ch, method, target)
			in := letIn(w)
			actor := a.session
			if ch == viaToken {
				actor = a.tokenAct
			}
			if want := rule.allow(actor, f); in != want {
				t.Errorf("%s: %s %s (%s, %s) answers %d (let in: %v), but the rule says %v: %s",
					a.name, method, target, f.Label, ch, w.Code, in, want, answerText(w))
			}
			answers[key(ch, a, pattern, f.Label)] = routeAnswer{w.Code, in}
			cases++
		}
		viaSessionToo := map[string]bool{}
		for _, tw := range routeTwins {
			if tw.viaSession {
				viaSessionToo[tw.api] = true
			}
		}
		run := func(pattern string, a *routeActor) {
			rule := routeRules[pattern]
			channels := []channel{viaPage}
			if rule.token {
				channels = append(channels, viaToken)
			}
			if strings.Contains(pattern, "/api/") {
				channels = []channel{viaToken}
				if viaSessionToo[pattern] {
					channels = append(channels, viaCookies)
				}
			}
			for _, ch := range channels {
				owner := a.session.User
				for _, f := range fx.of(rule.ids, owner) {
					if rule.ends {
						f = fx.fresh(f)
					}
					send(ch, a, pattern, rule, f)
				}
			}
		}

		// What only reads or is refused its empty input first; then what
		// removes its record; logging out last, once the pages' offers
		// are checked.
		for i, phase := range []func(routeRule, string) bool{
			func(r routeRule, _ string) bool { return !r.ends },
			func(r routeRule, p string) bool { return r.ends && p != "POST /logout" },
			func(_ routeRule, p string) bool { return p == "POST /logout" },
		} {
			if i == 2 {
				checkProductPagesOffer(t, fx, actors, func(a *routeActor, pattern, label string) routeAnswer {
					return answers[key(viaPage, a, pattern, label)]
				})
			}
			for _, a := range actors {
				for _, p := range patterns {
					if phase(routeRules[p], p) {
						run(p, a)
					}
				}
			}
		}

		for _, tw := range routeTwins {
			apiCh := viaToken
			if tw.viaSession {
				apiCh = viaCookies
			}
			for _, a := range actors {
				for _, f := range fx.of(routeRules[tw.page].ids, a.session.User) {
					page, api := answers[key(viaPage, a, tw.page, f.Label)], answers[key(apiCh, a, tw.api, f.Label)]
					if page.in != api.in {
						t.Errorf("%s (%s): %s answers %d but %s (%s) %d", a.name, f.Label, tw.page, page.code, tw.api, apiCh, api.code)
					}
				}
			}
		}
		t.Logf("%d routes, %d actors, %d (actor, route, record) cases in %v", len(patterns), len(actors), cases,
			time.Since(start).Round(time.Millisecond))
	})
}

// checkProductPagesOffer checks that a product's page offers each role
// the edit, delete and recognition buttons exactly when the service's rule
// lets it, and the route they lead to let it in above; and that the
// recognition page holds the form that sets the status.
func checkProductPagesOffer(t *testing.T, fx *routeFixtures, actors []*routeActor,
	answer func(a *routeActor, pattern, label string) routeAnswer) {
	t.Helper()
	for _, a := range actors {
		for _, f := range fx.products {
			p := f.Product
			if !answer(a, "GET /products/{id}", f.Label).in {
				continue
			}
			page := a.page.get(idPath("/products/{id}", p.ID)).Body.String()
			for _, b := range []struct {
				link, route string
				rule        bool
			}{
				{"/products/{id}/edit", "GET /products/{id}/edit", firstset.CanEditProduct(a.session, p)},
				{"/products/{id}/delete", "GET /products/{id}/delete", firstset.CanDeleteProduct(a.session, p)},
				{"/products/{id}/recognition", "GET /products/{id}/recognition", firstset.CanSetRecognition(a.session)},
			} {
				offered := strings.Contains(page, `href="`+idPath(b.link, p.ID)+`"`)
				if offered != b.rule || offered != answer(a, b.route, f.Label).in {
					t.Errorf("%s: the page of the %s offers %s: %v; the rule says %v, the route answered %d",
						a.name, f.Label, b.link, offered, b.rule, answer(a, b.route, f.Label).code)
				}
			}
			if firstset.CanSetRecognition(a.session) {
				form := a.page.get(idPath("/products/{id}/recognition", p.ID)).Body.String()
				if !strings.Contains(form, `action="`+idPath("/products/{id}/recognition", p.ID)+`"`) {
					t.Errorf("%s: the recognition page of the %s holds no form that sets the status", a.name, f.Label)
				}
			}
		}
	}
}

// splitPattern is the method and path to send for a pattern.
func splitPattern(pattern string, rule routeRule) (method, target string) {
	method, target, ok := strings.Cut(pattern, " ")
	if !ok {
		method, target = http.MethodGet, pattern
	}
	target = strings.TrimSuffix(target, "{$}")
	if rule.target != "" {
		target = rule.target
	}
	return method, target
}

// sendRoute sends an empty request: a page form with the session's CSRF
// token, an empty JSON object to the API.
func sendRoute(a *routeActor, ch channel, method, target string) *httptest.ResponseRecorder {
	c := a.page
	if ch == viaToken {
		c = a.api
	}
	switch {
	case method == http.MethodGet:
		return c.get(target)
	case ch == viaPage:
		return c.postForm(target, url.Values{})
	case method == http.MethodDelete:
		return c.sendJSON(method, target, "", nil)
	}
	return c.sendJSON(method, target, "{}", nil)
}

// letIn reports whether an answer let the caller in: anything but a
// refusal (401, 403, 404, the login page) and 409, which is how the
// services refuse an enterprise a product it may no longer change.
func letIn(w *httptest.ResponseRecorder) bool {
	switch w.Code {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusConflict:
		return false
	case http.StatusSeeOther:
		return !strings.HasPrefix(w.Header().Get("Location"), "/login")
	}
	return true
}

// routeFixtures are the demo records the routes are sent with.
type routeFixtures struct {
	t           *testing.T
	env         *testEnv
	system      context.Context
	users       []*firstset.User
	products    []routeFixture
	enterprises []routeFixture
	tokens      map[int64]*firstset.APIToken // by owner
	copies      int
	cases       []routeFixture
	rounds      []routeFixture
	notices     []routeFixture
	kit         *caseKit
	applicants  map[int64]*firstset.User // by enterprise
	// The incentives': rounds, applications (cases) with their applicants
	// by case, offers, and the demo insurer, enterprise and administrator.
	incentiveRounds     []routeFixture
	applications        []routeFixture
	incentiveApplicants map[int64]*firstset.User
	offers              []routeFixture
	insurer, staff      *firstset.User
	own                 int64
	// The market side's: both demo buyers, a purchase of each, the demo's
	// bulletins (an issued one and a draft, when the demo has a font).
	buyers, procurements, bulletins []routeFixture
	// The launch event's (see addLaunch).
	launches []routeFixture
	// Accountability's: the demo's pending and decided exemption requests.
	exemptions, tenderChecks []routeFixture
	// The demo's open and closed complaints about tenders.
	complaints []routeFixture
	// insurers, banks, leasing firms and funds
	institutions []routeFixture
	// the consortium's stays: an open one and a closed one
	memberships []routeFixture
	// the demo's inspection draw
	draws []routeFixture
	// the demo's claims: an open one and a closed one
	claims []routeFixture
	// a demo programme
	programmes []routeFixture
	// the demo's 会商 meeting
	consultations []routeFixture
	// the demo's open financing request
	financing []routeFixture
	// the demo's articles: a published one and one not yet published
	articles []routeFixture
}

func newRouteFixtures(t *testing.T, env *testEnv) *routeFixtures {
	t.Helper()
	fx := &routeFixtures{t: t, env: env, tokens: map[int64]*firstset.APIToken{},
		system: firstset.NewContextWithActor(context.Background(), firstset.SystemActor())}
	for _, name := range demoUsernames() {
		fx.users = append(fx.users, env.demoUser(name))
	}
	var own int64
	for _, u := range fx.users {
		if u.Role == firstset.RoleEnterprise {
			own = u.EnterpriseID
		}
	}
	products, _, err := env.svc.FindProducts(fx.system, firstset.ProductFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	// A product of every status; drafts and declared ones both of the demo
	// enterprise (in the demo district) and of another.
	seen := map[string]bool{}
	for _, p := range products {
		mine := p.EnterpriseID == own
		label := fmt.Sprintf("%s product of another enterprise", p.Status)
		if mine {
			label = fmt.Sprintf("%s product of the demo enterprise", p.Status)
		}
		if seen[label] {
			continue
		}
		seen[label] = true
		fx.products = append(fx.products, routeFixture{Label: label, Product: p})
	}
	if len(fx.products) < 6 {
		t.Fatalf("demo data: %d kinds of product: %v", len(fx.products), seen)
	}
	enterprises, _, err := env.svc.FindEnterprises(fx.system, firstset.EnterpriseFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range enterprises {
		if e.ID == own {
			fx.enterprises = append([]routeFixture{{Label: "the demo enterprise", Enterprise: e}}, fx.enterprises...)
		} else if len(fx.enterprises) == 0 || fx.enterprises[len(fx.enterprises)-1].Enterprise.ID == own {
			fx.enterprises = append(fx.enterprises, routeFixture{Label: "another enterprise", Enterprise: e})
		}
	}
	if len(fx.enterprises) != 2 {
		t.Fatalf("demo data: enterprises %v", fx.enterprises)
	}
	fx.addCases(own, enterprises)
	fx.addIncentives(own)
	fx.addMarket()
	fx.addLaunch(own)
	fx.addAccountability()
	fx.addInstitutions()
	fx.addInspections()
	fx.addClaims()
	fx.addProgrammes()
	fx.addConsultations()
	fx.addFinancing()
	fx.addArticles()
	return fx
}

// of are the records a route is sent with, as owner (nil for the public).
func (fx *routeFixtures) of(kind idKind, owner *firstset.User) []routeFixture {
	switch kind {
	case productIDs:
		return fx.products
	case enterpriseIDs:
		return fx.enterprises
	case userIDs:
		other := fx.users[0]
		if owner != nil && other.ID == owner.ID {
			other = fx.users[1]
		}
		out := []routeFixture{{Label: "another user", User: other}}
		if owner != nil {
			out = append(out, routeFixture{Label: "oneself", User: owner})
		}
		return out
	case caseIDs:
		return fx.cases
	case roundIDs:
		return fx.rounds
	case noticeIDs:
		return fx.notices
	case incentiveRoundIDs:
		return fx.incentiveRounds
	case applicationIDs:
		return fx.applications
	case offerIDs:
		return fx.offers
	case buyerIDs:
		return fx.buyers
	case procurementIDs:
		return fx.procurements
	case bulletinIDs:
		return fx.bulletins
	case launchIDs:
		return fx.launches
	case exemptionIDs:
		return fx.exemptions
	case tenderCheckIDs:
		return fx.tenderChecks
	case complaintIDs:
		return fx.complaints
	case institutionIDs:
		return fx.institutions
	case membershipIDs:
		return fx.memberships
	case drawIDs:
		return fx.draws
	case claimIDs:
		return fx.claims
	case programmeIDs:
		return fx.programmes
	case consultationIDs:
		return fx.consultations
	case financingIDs:
		return fx.financing
	case articleIDs:
		return fx.articles
	case tokenIDs:
		other := fx.users[0]
		if owner != nil && other.ID == owner.ID {
			other = fx.users[1]
		}
		out := []routeFixture{{Label: "another user's token", Token: fx.tokenFor(other)}}
		if owner != nil {
			out = append(out, routeFixture{Label: "own token", Token: fx.tokenFor(owner)})
		}
		return out
	}
	return []routeFixture{{Label: "-"}}
}

// tokenFor is u's token for the routes that leave it.
func (fx *routeFixtures) tokenFor(u *firstset.User) *firstset.APIToken {
	if fx.tokens[u.ID] == nil {
		fx.tokens[u.ID] = fx.tokenOf(u)
	}
	return fx.tokens[u.ID]
}

// tokenOf issues u a token, as u would on the tokens page.
func (fx *routeFixtures) tokenOf(u *firstset.User) *firstset.APIToken {
	fx.t.Helper()
	ctx := firstset.NewContextWithActor(context.Background(), &firstset.Actor{User: u})
	tok, _, err := fx.env.svc.CreateToken(ctx, firstset.TokenInput{Name: "路由测试", Scopes: []firstset.Scope{firstset.ScopeCatalogRead}})
	if err != nil {
		fx.t.Fatalf("token for %s: %v", u.Username, err)
	}
	return tok
}

// fresh is a copy of f's record for a route that removes it: a product
// of the same enterprise and status, a new token of the same owner.
func (fx *routeFixtures) fresh(f routeFixture) routeFixture {
	fx.t.Helper()
	if f.Token != nil {
		for _, u := range fx.users {
			if u.ID == f.Token.UserID {
				f.Token = fx.tokenOf(u)
			}
		}
		return f
	}
	if f.Offer != nil {
		return fx.freshOffer(f)
	}
	if f.Honoree != nil {
		return fx.freshHonoree(f)
	}
	if f.Case != nil && firstset.IsIncentive(f.Case.Kind) {
		if f.Case.Stage == "draft" || f.Case.Stage == "returned" {
			f.Attachment = fx.kit.attach(fx.incentiveApplicants[f.Case.ID], f.Case.ID, "其他材料").ID
		}
		return f
	}
	if f.Case != nil {
		if f.Case.Stage == "draft" || f.Case.Stage == "returned" {
			f.Attachment = fx.kit.attach(fx.applicantOf(f.Case), f.Case.ID, "用户使用证明").ID
		}
		return f
	}
	if f.Product == nil {
		return f
	}
	fx.copies++
	in := forms.ProductInputOf(f.Product)
	in.Name = fmt.Sprintf("%s（副本%d）", in.Name, fx.copies)
	in.Patents = nil
	p, err := fx.env.svc.CreateProduct(fx.system, in)
	if err != nil {
		fx.t.Fatalf("copy of %s: %v", f.Product.Name, err)
	}
	if f.Product.Status != firstset.StatusDraft {
		rec := firstset.RecognitionInput{Status: f.Product.Status, RecognizedOn: f.Product.RecognizedOn}
		if f.Product.Status == firstset.StatusRevoked {
			rec.Reason = "路由测试的副本。"
		}
		if p, err = fx.env.svc.SetRecognition(fx.system, p.ID, rec); err != nil {
			fx.t.Fatalf("copy of %s: %v", f.Product.Name, err)
		}
	}
	f.Product = p
	return f
}

// answerText is the start of what an answer says, for failure messages.
func answerText(w *httptest.ResponseRecorder) string {
	body := w.Body.String()
	if i := strings.Index(body, "<main"); i >= 0 {
		body = pageText(body[i:])
	}
	if r := []rune(body); len(r) > 120 {
		body = string(r[:120])
	}
	return body
}
