package cases

import "testing"

// allowedFinancing and allowedFinancingOffer are the financing workflows
// written out by hand.
var allowedFinancing = map[Stage]map[Action]map[Party]string{
	"open":      {Accept: {Applicant: "granted"}, Withdraw: {Applicant: "withdrawn"}, Close: {Lender: "closed"}},
	"granted":   {},
	"withdrawn": {},
	"closed":    {},
}

var allowedFinancingOffer = map[Stage]map[Action]map[Party]string{
	"pending":    {Interest: {Lender: "interested"}, Offer: {Lender: "offered"}, Decline: {Lender: "declined"}, Lose: {Applicant: "lost"}},
	"interested": {Offer: {Lender: "offered"}, Decline: {Lender: "declined"}, Lose: {Applicant: "lost"}},
	"offered":    {Offer: {Lender: "offered"}, Decline: {Lender: "declined"}, Accept: {Applicant: "accepted"}, Lose: {Applicant: "lost"}},
	"accepted":   {},
	"declined":   {},
	"lost":       {},
}

func TestFinancingEveryActionOfEveryPartyAtEveryStage(t *testing.T) {
	checkMatrix(t, FinancingRequest, allowedFinancing, []Stage{"open", "granted", "withdrawn", "closed"},
		[]Action{Accept, Withdraw, Close, Offer, Approve}, []Party{Applicant, Lender, Reviewer})
	checkMatrix(t, FinancingOffer, allowedFinancingOffer, []Stage{"pending", "interested", "offered", "accepted", "declined", "lost"},
		[]Action{Interest, Offer, Decline, Accept, Lose, Withdraw}, []Party{Applicant, Lender, Reviewer})
	if FinancingRequest.RoleOf(Lender) != "insurer" {
		t.Error("a lender acts with the 保险机构/银行 role")
	}
}

func TestDecideFinancingKeepsLendersToOpenRequests(t *testing.T) {
	if _, ref := DecideFinancing("granted", "offered", Offer, Lender); ref == nil || ref.Code != CodeWrongStage {
		t.Errorf("an offer on a granted request: %v", ref)
	}
	if tr, ref := DecideFinancing("open", "interested", Offer, Lender); ref != nil || tr.To != "offered" {
		t.Errorf("an offer after interest: %v %v", tr, ref)
	}
	if _, ref := DecideFinancing("open", "", Withdraw, Applicant); ref != nil {
		t.Errorf("a withdrawal of an open request: %v", ref)
	}
}
