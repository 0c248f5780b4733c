package service

import (
	"context"
	"errors"
	"time"

	"firstset"
	"firstset/date"
)

// Rate records the applicant's rating (好差评) of an ended case: of the
// case as a whole and of the stage that decided it. A bad rating (1 or 2)
// opens a follow-up the reviewers answer within the time limit.
func (s *Casework) Rate(ctx context.Context, caseID int64, in firstset.RatingInput) ([]*firstset.Rating, error) {
	a := actor(ctx)
	if err := firstset.CheckCaseWrite(a); err != nil {
		return nil, err
	}
	var out []*firstset.Rating
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		c, mine, err := loadCase(ctx, tx, a, caseID, true)
		if err != nil {
			return err
		}
		if firstset.CaseParty(a, c, mine != nil) != "applicant" {
			return firstset.Errorf(firstset.EFORBIDDEN, "只有申报企业可以评价办件。")
		}
		if c.Open() {
			return firstset.Errorf(firstset.EWRONGSTAGE, "办件办结后才能评价。")
		}
		in.Comment, in.StageComment = clean(in.Comment), clean(in.StageComment)
		var p firstset.Problems
		for _, sc := range []struct {
			field string
			v     int
		}{{"score", in.Score}, {"stage_score", in.StageScore}} {
			if sc.v < 1 || sc.v > 5 {
				p.Add(sc.field, "out_of_range", "评价须为 1 至 5 分。")
			}
		}
		optionalLines(&p, "comment", "评价内容", in.Comment, 500)
		optionalLines(&p, "stage_comment", "评价内容", in.StageComment, 500)
		if err := p.Err(); err != nil {
			return err
		}

		events, err := tx.Events(ctx, c.ID)
		if err != nil {
			return err
		}
		deciding := ""
		for _, e := range events {
			if e.ToStage == c.Stage {
				deciding = e.FromStage // the last move is the one that ended it
			}
		}
		now := s.Now()
		out = nil
		for _, r := range []*firstset.Rating{
			{CaseID: c.ID, Stage: "", Score: in.Score, Comment: in.Comment},
			{CaseID: c.ID, Stage: deciding, Score: in.StageScore, Comment: in.StageComment},
		} {
			r.RatedBy, r.RatedAt, r.CaseNumber = a.ID(), now, c.Number
			if r.Score <= 2 {
				r.FollowUp = true
				due, err := s.deadline(ctx, tx, date.FromTime(now), s.cfg.Cases.RatingAnswerDays)
				var nd *noCalendarError
				if err != nil && !errors.As(err, &nd) {
					return err
				}
				r.DueOn = due
			}
			if err := tx.CreateRating(ctx, r); err != nil {
				if firstset.ErrorCode(err) == firstset.ECONFLICT {
					return firstset.Errorf(firstset.ECONFLICT, "此办件已评价过。")
				}
				return err
			}
			if err := s.record(ctx, tx, "rate", "rating", r.ID, nil, r); err != nil {
				return err
			}
			out = append(out, r)
		}
		if out[0].FollowUp || out[1].FollowUp {
			reviewers, err := usersOf(ctx, tx, firstset.RoleReviewer, 0, "")
			if err != nil {
				return err
			}
			return s.notify(ctx, tx, reviewers, c, "差评待整改："+c.Number, "申报企业对办件 "+c.Number+" 给出差评，请在时限内答复整改情况。")
		}
		return nil
	})
	return out, err
}

// Ratings lists ratings for staff.
func (s *Casework) Ratings(ctx context.Context, f firstset.RatingFilter) ([]*firstset.Rating, int, error) {
	if err := firstset.CheckReadRecognition(actor(ctx)); err != nil {
		return nil, 0, err
	}
	if f.Month != "" {
		if _, err := time.Parse("2006-01", f.Month); err != nil {
			return nil, 0, firstset.FieldErrorf("month", "invalid_month", "月份格式应为 2026-12。")
		}
	}
	var list []*firstset.Rating
	var total int
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		list, total, err = tx.ListRatings(ctx, f)
		return err
	})
	return list, total, err
}

// RatingSummaries counts ratings per stage and month for staff.
func (s *Casework) RatingSummaries(ctx context.Context) ([]firstset.RatingSummary, error) {
	if err := firstset.CheckReadRecognition(actor(ctx)); err != nil {
		return nil, err
	}
	var out []firstset.RatingSummary
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		out, err = tx.RatingSummaries(ctx)
		return err
	})
	return out, err
}

// AnswerRating is a reviewer's answer to a bad rating's follow-up.
func (s *Casework) AnswerRating(ctx context.Context, id int64, answer string) (*firstset.Rating, error) {
	a := actor(ctx)
	if err := firstset.CheckManageRecognition(a); err != nil {
		return nil, err
	}
	answer = clean(answer)
	var p firstset.Problems
	if answer == "" {
		p.Add("answer", "required", "请填写整改答复。")
	}
	optionalLines(&p, "answer", "整改答复", answer, 1000)
	if err := p.Err(); err != nil {
		return nil, err
	}
	var r *firstset.Rating
	err := s.store.Update(ctx, func(tx firstset.Tx) error {
		var err error
		if r, err = tx.RatingByID(ctx, id); err != nil {
			return err
		}
		if !r.FollowUp || r.AnsweredAt != nil {
			return firstset.Errorf(firstset.ECONFLICT, "该评价无需答复或已答复。")
		}
		old := *r
		now := s.Now()
		r.Answer, r.AnsweredBy, r.AnsweredAt = answer, a.ID(), &now
		if err := tx.UpdateRating(ctx, r); err != nil {
			return err
		}
		if err := s.record(ctx, tx, "answer", "rating", r.ID, &old, r); err != nil {
			return err
		}
		c, err := tx.CaseByID(ctx, r.CaseID, false)
		if err != nil {
			return err
		}
		applicants, err := usersOf(ctx, tx, firstset.RoleEnterprise, c.EnterpriseID, "")
		if err != nil {
			return err
		}
		return s.notify(ctx, tx, applicants, c, "差评答复："+c.Number, "您对办件 "+c.Number+" 的评价已收到答复："+answer)
	})
	return r, err
}
