package ui

import (
	"net/http"

	"firstset"
	"firstset/web/httpx"
	"firstset/web/ui/forms"
)

// handleEvaluationBodyCreate registers an evaluation body from the page.
func (s *Handler) handleEvaluationBodyCreate(w http.ResponseWriter, r *http.Request) {
	s.inspectionPost(w, r, "body", forms.EvaluationBodyFields, func(r *http.Request) (string, error) {
		b, err := s.Inspections.CreateEvaluationBody(r.Context(), forms.EvaluationBodyFrom(r.PostForm))
		if err != nil {
			return "", err
		}
		return "已登记评定机构“" + b.Name + "”。", nil
	})
}

// handleInspectorCreate adds an inspector from the page.
func (s *Handler) handleInspectorCreate(w http.ResponseWriter, r *http.Request) {
	s.inspectionPost(w, r, "inspector", forms.InspectorFields, func(r *http.Request) (string, error) {
		i, err := s.Inspections.CreateInspector(r.Context(), forms.InspectorFrom(r.PostForm))
		if err != nil {
			return "", err
		}
		return "已将“" + i.Name + "”加入检查人员名录。", nil
	})
}

// handleInspectionDrawCreate draws from the page, after the confirmation.
func (s *Handler) handleInspectionDrawCreate(w http.ResponseWriter, r *http.Request) {
	s.inspectionPost(w, r, "draw", forms.InspectionDrawFields, func(r *http.Request) (string, error) {
		var problems firstset.Problems
		in := forms.InspectionDrawFrom(r.PostForm, &problems)
		if err := problems.Err(); err != nil {
			return "", err
		}
		d, err := s.Inspections.DrawInspection(r.Context(), in)
		if err != nil {
			return "", err
		}
		return "抽查 " + d.Number + " 已按种子“" + d.Seed + "”抽定，结果见下表。", nil
	})
}

// inspectionPost runs one of the page's forms: bad input is shown beside
// its field in the form called name, success returns to the page.
func (s *Handler) inspectionPost(w http.ResponseWriter, r *http.Request, name string, fields []string, do func(*http.Request) (string, error)) {
	if !s.requireLogin(w, r) || !s.Allowed(w, r, firstset.CheckManageInspections(httpx.ActorOf(r))) {
		return
	}
	if err := s.ParsePostedForm(r); err != nil {
		s.ServeError(w, r, err)
		return
	}
	msg, err := do(r)
	if err != nil {
		if forms.IsFormError(err) || firstset.ErrorCode(err) == firstset.ECONFLICT {
			s.renderInspections(w, r, http.StatusUnprocessableEntity, caseForm{Name: name, Values: r.PostForm,
				Errors: forms.NewErrors(err, fields...)})
			return
		}
		s.ServeError(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/inspections", msg)
}

// handleInspectionFindingCreate records a finding from the page.
func (s *Handler) handleInspectionFindingCreate(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.inspectionPost(w, r, "finding-"+httpx.Itoa(id), forms.InspectionFindingFields, func(r *http.Request) (string, error) {
		var problems firstset.Problems
		in := forms.InspectionFindingFrom(r.PostForm, &problems)
		if err := problems.Err(); err != nil {
			return "", err
		}
		d, err := s.Inspections.RecordInspectionFinding(r.Context(), id, in)
		if err != nil {
			return "", err
		}
		return "已录入抽查 " + d.Number + " 的检查结果。", nil
	})
}

// handleInspectionPublish publishes a draw's results, after the confirmation.
func (s *Handler) handleInspectionPublish(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r)
	if err != nil {
		s.ServeError(w, r, err)
		return
	}
	s.inspectionPost(w, r, "publish-"+httpx.Itoa(id), []string{"findings", forms.ConfirmField}, func(r *http.Request) (string, error) {
		var problems firstset.Problems
		forms.Confirmed(r.PostForm, &problems)
		if err := problems.Err(); err != nil {
			return "", err
		}
		d, err := s.Inspections.PublishInspection(r.Context(), id)
		if err != nil {
			return "", err
		}
		return "抽查 " + d.Number + " 的结果已向社会公开。", nil
	})
}
