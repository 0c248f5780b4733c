package cases

import (
	"testing"

	"firstset"
)

// TestExemptionMachine decides every action of every party at every stage.
func TestExemptionMachine(t *testing.T) {
	parties := []Party{Applicant, Regulator, Reviewer, District}
	for _, st := range Exemption.Stages {
		for _, a := range []Action{Grant, Refuse} {
			for _, p := range parties {
				tr, ref := Exemption.Decide(st.Stage, a, p)
				switch {
				case p == Regulator && st.Stage == Stage(firstset.ExemptionSubmitted):
					if ref != nil {
						t.Errorf("%s %s by %s: refused %v", st.Stage, a, p, ref)
					}
					want := map[Action]Stage{Grant: Stage(firstset.ExemptionGranted), Refuse: Stage(firstset.ExemptionRefused)}[a]
					if tr.To != want {
						t.Errorf("%s %s: to %s, want %s", st.Stage, a, tr.To, want)
					}
				case p == Regulator:
					if ref == nil || ref.Code != CodeWrongStage {
						t.Errorf("%s %s by %s: %v, want wrong stage", st.Stage, a, p, ref)
					}
				default:
					if ref == nil || ref.Code != CodeForbidden {
						t.Errorf("%s %s by %s: %v, want forbidden", st.Stage, a, p, ref)
					}
				}
			}
		}
	}
	if d, ok := Exemption.Stage(Exemption.Start); !ok || d.Next != Regulator {
		t.Errorf("start stage %v", d)
	}
}
