package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleLaunchHonoreeCreate names one of a presented product's people; a
// reviewer's entry issues the certificate at once, so it is confirmed
// first.
func (s *Handler) handleLaunchHonoreeCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	e, ok := httpx.LoadByID(s.Base, w, r, nil, s.Launch.FindLaunchEventByID)
	if !ok {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	in := forms.HonoreeInputFrom(r.PostForm, &problems)
	planner := firstset.CanPlanLaunch(httpx.ActorOf(r))
	if planner {
		forms.Confirmed(r.PostForm, &problems)
	}
	err := problems.Err()
	if err == nil {
		_, err = s.Launch.AddHonoree(r.Context(), e.ID, in)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderLaunch(w, r, http.StatusUnprocessableEntity, e, caseForm{Name: "honoree", Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.HonoreeFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	msg := "已填报，待市经济信息委审核确认后颁发荣誉证书。"
	if planner {
		msg = "已确认并颁发荣誉证书。"
	}
	s.redirectWithFlash(w, r, "/launch-events/"+httpx.Itoa(e.ID)+"#honorees", msg)
}

// handleLaunchHonoreeConfirm confirms an enterprise's entry and issues
// the certificate, after the confirmation.
func (s *Handler) handleLaunchHonoreeConfirm(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckPlanLaunch(httpx.ActorOf(r))) {
		return
	}
	e, ok := httpx.LoadByID(s.Base, w, r, nil, s.Launch.FindLaunchEventByID)
	if !ok {
		return
	}
	hid, err := httpx.PathInt(r, "hid")
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	forms.Confirmed(r.PostForm, &problems)
	err = problems.Err()
	if err == nil {
		_, err = s.Launch.ConfirmHonoree(r.Context(), e.ID, hid)
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderLaunch(w, r, http.StatusUnprocessableEntity, e, caseForm{Name: "confirm-" + httpx.Itoa(hid), Values: r.PostForm,
				Errors: forms.NewErrors(err, forms.HonoreeFields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/launch-events/"+httpx.Itoa(e.ID)+"#honorees", "已确认并颁发荣誉证书。")
}

func (s *Handler) handleLaunchPlaquePDF(w http.ResponseWriter, r *http.Request) {
	httpx.ServePlaquePDF(s.Base, w, r)
}

func (s *Handler) handleLaunchHonourPDF(w http.ResponseWriter, r *http.Request) {
	httpx.ServeHonourPDF(s.Base, w, r)
}

// handleLaunchHonoreeWithdraw takes back a pending honoree after the
// confirmation: its enterprise to correct the entry, the reviewer with
// the reason it is not confirmed.
func (s *Handler) handleLaunchHonoreeWithdraw(w http.ResponseWriter, r *http.Request) {
	if !s.requireLogin(w, r) {
		return
	}
	e, ok := httpx.LoadByID(s.Base, w, r, nil, s.Launch.FindLaunchEventByID)
	if !ok {
		return
	}
	hid, err := httpx.PathInt(r, "hid")
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	a := httpx.ActorOf(r)
	var h *firstset.Honoree
	for _, x := range e.Honorees {
		if x.ID == hid && (firstset.CanPlanLaunch(a) || a.User.EnterpriseID == x.EnterpriseID) {
			h = x
		}
	}
	if h == nil {
		s.ServeError(w, r, firstset.NotFound("研发人员"))
		return
	}
	if h.Status != firstset.HonoreePending {
		s.ServeError(w, r, firstset.Errorf(firstset.ECONFLICT, "“%s”已确认，荣誉证书已颁发，不能撤回。", h.Name))
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	var problems firstset.Problems
	forms.Confirmed(r.PostForm, &problems)
	err = problems.Err()
	if err == nil {
		err = s.Launch.WithdrawHonoree(r.Context(), e.ID, hid, r.PostForm.Get("reason"))
	}
	if err != nil {
		if forms.IsFormError(err) {
			s.renderLaunch(w, r, http.StatusUnprocessableEntity, e, caseForm{Name: "withdraw-" + httpx.Itoa(hid), Values: r.PostForm,
				Errors: forms.NewErrors(err, append(forms.HonoreeFields, "reason")...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/launch-events/"+httpx.Itoa(e.ID)+"#honorees", "已撤回“"+h.Name+"”的填报。")
}
