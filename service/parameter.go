package service

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"firstset"
	"firstset/date"
	"firstset/policy"
)

// Rules keeps the policy parameters: the engine's own values and the
// changes administrators store, from which each instance builds the engine
// every computation uses.
type Rules struct{ *env }

// engines is the engine in force on this instance, built from the
// configured engine's values and the stored changes, and every engine it
// has built since it started, by version, so that a stored result is
// replayed by the engine that produced it.
type engines struct {
	base    *policy.Engine
	current atomic.Pointer[loadedEngine]

	mu        sync.Mutex // one rebuild at a time
	byVersion map[string]*policy.Engine
}

// loadedEngine is an engine and the last stored change it includes.
type loadedEngine struct {
	engine *policy.Engine
	lastID int64
}

func newEngines(base *policy.Engine) *engines {
	es := &engines{base: base, byVersion: map[string]*policy.Engine{base.Version(): base}}
	es.current.Store(&loadedEngine{engine: base})
	return es
}

// engine is the engine in force on this instance.
func (s *env) engine() *policy.Engine { return s.engines.current.Load().engine }

// Engine is the policy engine in force on this instance: the calculator
// computes with it.
func (s *env) Engine() *policy.Engine { return s.engine() }

// engineOf is the engine of version v when this instance has built it.
func (s *env) engineOf(v string) (*policy.Engine, bool) {
	s.engines.mu.Lock()
	defer s.engines.mu.Unlock()
	e, ok := s.engines.byVersion[v]
	return e, ok
}

// storedChange is a stored change as the engine takes it.
func storedChange(c *firstset.ParameterChange) (policy.Change, error) {
	p, ok := policy.ParamByID(c.Param)
	if !ok {
		return policy.Change{}, fmt.Errorf("parameter change %d: unknown parameter %q", c.ID, c.Param)
	}
	v, err := p.ParseValue(c.Value)
	if err != nil {
		return policy.Change{}, fmt.Errorf("parameter change %d: %w", c.ID, err)
	}
	return policy.Change{Param: p, From: c.From, Value: v, Source: c.Source}, nil
}

// buildEngine is the engine of base's values extended by changes.
func buildEngine(base *policy.Engine, changes []policy.Change) (*policy.Engine, error) {
	ps, err := policy.NewParamSet(append(base.Params().Changes(), changes...))
	if err != nil {
		return nil, err
	}
	return policy.NewEngine(ps, base.Registry())
}

// reloadEngine brings this instance's engine up to the stored changes
// (another instance may have added one). It reads one number when nothing
// changed.
func (s *env) reloadEngine(ctx context.Context) error {
	var latest int64
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		latest, err = tx.LatestParameterChange(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("reload parameters: %w", err)
	}
	if latest == s.engines.current.Load().lastID {
		return nil
	}
	var stored []*firstset.ParameterChange
	err = s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		stored, err = tx.ParameterChanges(ctx)
		return err
	})
	if err != nil {
		return fmt.Errorf("reload parameters: %w", err)
	}
	return s.installEngine(stored)
}

// installEngine builds the engine of every prefix of stored (each
// change's own version) and makes the last one current.
func (s *env) installEngine(stored []*firstset.ParameterChange) error {
	es := s.engines
	es.mu.Lock()
	defer es.mu.Unlock()
	var lastID int64
	if len(stored) > 0 {
		lastID = stored[len(stored)-1].ID
	}
	if cur := es.current.Load(); cur.lastID == lastID {
		return nil
	}
	e := es.base
	changes := make([]policy.Change, 0, len(stored))
	for _, c := range stored {
		ch, err := storedChange(c)
		if err != nil {
			return err
		}
		changes = append(changes, ch)
		if e, err = buildEngine(es.base, changes); err != nil {
			return fmt.Errorf("parameter change %d: %w", c.ID, err)
		}
		es.byVersion[e.Version()] = e
	}
	es.current.Store(&loadedEngine{engine: e, lastID: lastID})
	if len(stored) > 0 {
		s.log.Info("policy parameters loaded", "changes", len(stored), "version", e.Version())
	}
	return nil
}

// LoadParameters builds the engine from the stored changes; the server
// calls it once at start, before it answers.
func (s *Rules) LoadParameters(ctx context.Context) error { return s.reloadEngine(ctx) }

// WatchParameters reloads the engine every interval until ctx ends, so
// that a change stored on another instance applies here too. A change
// takes effect tomorrow at the earliest, so a reload within minutes is in
// time for every computation it touches.
func (s *Rules) WatchParameters(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := s.reloadEngine(ctx); err != nil && ctx.Err() == nil {
				s.log.Warn("could not reload policy parameters", "err", err)
			}
		}
	}
}

// Parameters lists every parameter with its dated values; anyone may read
// them, as they are the policy's published numbers.
func (s *Rules) Parameters(ctx context.Context) (*firstset.ParameterTable, error) {
	var stored []*firstset.ParameterChange
	err := s.store.View(ctx, func(tx firstset.Tx) error {
		var err error
		stored, err = tx.ParameterChanges(ctx)
		return err
	})
	if err != nil {
		return nil, err
	}
	// What was just read is also what the engine must hold.
	if err := s.installEngine(stored); err != nil {
		return nil, err
	}
	e := s.engine()
	today := date.FromTime(s.Now())
	t := &firstset.ParameterTable{Version: e.Version(), Today: today, Changes: []*firstset.ParameterChange{}}
	byKey := map[string]*firstset.ParameterChange{}
	for _, c := range stored {
		byKey[c.Param+"@"+c.From.String()] = c
		if p, ok := policy.ParamByID(c.Param); ok {
			if v, err := p.ParseValue(c.Value); err == nil {
				c.Display = p.Display(v)
			}
		}
	}
	for i := len(stored) - 1; i >= 0; i-- {
		t.Changes = append(t.Changes, stored[i])
	}
	all := e.Params().Changes()
	for _, p := range policy.Params() {
		row := firstset.Parameter{ID: p.ID(), Name: p.Name(), Kind: p.Kind().String(), Choices: p.Choices(), Values: []firstset.ParameterValue{}}
		for _, id := range p.Clauses() {
			row.Clauses = append(row.Clauses, string(id))
		}
		inForce := -1
		for _, c := range all {
			if c.Param != p {
				continue
			}
			v := firstset.ParameterValue{From: c.From, Value: p.Encode(c.Value), Display: p.Display(c.Value), Source: c.Source}
			if sc, ok := byKey[p.ID()+"@"+c.From.String()]; ok {
				v.Stored, v.ChangeID = true, sc.ID
			}
			if !c.From.After(today) {
				inForce = len(row.Values)
			}
			row.Values = append(row.Values, v)
		}
		if inForce >= 0 {
			row.Values[inForce].InForce = true
		}
		t.Parameters = append(t.Parameters, row)
	}
	return t, nil
}

// AddParameterChange stores an administrator's change, makes it this
// instance's engine at once (the others within a minute) and recomputes
// the offers from insurers' data. The new value applies from a day after
// today and after the parameter's latest value, so that no result already
// computed for a day changes under it.
func (s *Rules) AddParameterChange(ctx context.Context, in firstset.ParameterChangeInput) (*firstset.ParameterChangeResult, error) {
	a := actor(ctx)
	if err := firstset.CheckManageParameters(a); err != nil {
		return nil, err
	}
	in.Param, in.From, in.Value, in.Source = strings.TrimSpace(in.Param), strings.TrimSpace(in.From), strings.TrimSpace(in.Value), clean(in.Source)
	today := date.FromTime(s.Now())
	var p firstset.Problems
	param, known := policy.ParamByID(in.Param)
	if in.Param == "" {
		p.Add("param", "required", "请选择要调整的参数。")
	} else if !known {
		p.Add("param", "unknown", "没有编号为“%s”的政策参数。", in.Param)
	}
	from, err := date.Parse(in.From)
	switch {
	case in.From == "":
		p.Add("from", "required", "请填写新取值的施行日期。")
	case err != nil:
		p.Add("from", "invalid", "施行日期“%s”不是有效日期（格式：2027-01-01）。", in.From)
	case !from.After(today):
		p.Add("from", "not_future", "施行日期须晚于今天（%s）：已按现行参数作出的计算不因调整而改变。", today)
	}
	var value policy.Value
	if in.Value == "" {
		p.Add("value", "required", "请填写新的取值。")
	} else if known {
		if value, err = parseParamValue(param, in.Value); err == nil {
			_, err = policy.NewParamSet(replaceValue(s.engine().Params().Changes(), param, value))
		}
		if err != nil {
			p.Add("value", "invalid", "“%s”不是参数“%s”的有效取值%s。", in.Value, param.Name(), valueHint(param))
		}
	}
	requireText(&p, "source", "依据文件", in.Source, 200)
	if err := p.Err(); err != nil {
		return nil, err
	}
	previous := s.engine().Version()
	c := &firstset.ParameterChange{Param: param.ID(), From: from, Value: param.Encode(value), Source: in.Source,
		CreatedBy: a.ID(), CreatedByName: a.Name(), CreatedAt: s.Now()}
	var stored []*firstset.ParameterChange
	err = s.store.Update(ctx, func(tx firstset.Tx) error {
		var err error
		if stored, err = tx.ParameterChanges(ctx); err != nil {
			return err
		}
		if n := len(stored); n > 0 {
			c.PreviousID = stored[n-1].ID
		}
		changes := make([]policy.Change, 0, len(stored)+1)
		for _, sc := range stored {
			ch, err := storedChange(sc)
			if err != nil {
				return err
			}
			changes = append(changes, ch)
		}
		latest := s.engines.base.Params().Since(param)
		for _, ch := range append(s.engines.base.Params().Changes(), changes...) {
			if ch.Param == param && ch.From.After(latest) {
				latest = ch.From
			}
		}
		if !from.After(latest) {
			return firstset.FieldErrorf("from", "not_after_latest", "参数“%s”已有自 %s 起施行的取值，新取值的施行日期须晚于该日。", param.Name(), latest)
		}
		e, err := buildEngine(s.engines.base, append(changes, policy.Change{Param: param, From: from, Value: value, Source: in.Source}))
		if err != nil {
			return firstset.FieldErrorf("value", "invalid", "参数调整无法生效：%v", err)
		}
		c.Version = e.Version()
		if err := tx.CreateParameterChange(ctx, c); err != nil {
			return err
		}
		return s.record(ctx, tx, "change_parameter", "parameter", c.ID, nil, c)
	})
	if err != nil {
		return nil, err
	}
	if err := s.installEngine(append(stored, c)); err != nil {
		return nil, err
	}
	if p, ok := policy.ParamByID(c.Param); ok {
		c.Display = p.Display(value)
	}
	s.kick(ctx, OffersJob)
	return &firstset.ParameterChangeResult{Change: c, Version: s.engine().Version(), Previous: previous}, nil
}

// parseParamValue reads a value as people write it: a score in points
// ("60", "72.5"), everything else as the engine encodes it.
func parseParamValue(p policy.Param, s string) (policy.Value, error) {
	if p.Kind() == policy.KindScore {
		n, err := parseScore(s)
		return policy.Value{Int: int64(n)}, err
	}
	return p.ParseValue(s)
}

// replaceValue is changes with p's first value replaced by v, to check
// that v is a value p may take (its kind, its bounds, its readings).
func replaceValue(changes []policy.Change, p policy.Param, v policy.Value) []policy.Change {
	out := slices.Clone(changes)
	for i := range out {
		if out[i].Param == p {
			out[i].Value = v
			break
		}
	}
	return out
}

// valueHint says how a value of p's kind is written.
func valueHint(p policy.Param) string {
	switch p.Kind() {
	case policy.KindRatio:
		return "（比例，如 30% 或 3/10）"
	case policy.KindMoney:
		return "（金额，单位元，最多两位小数）"
	case policy.KindInt:
		return "（整数）"
	case policy.KindBool:
		return "（true 或 false）"
	case policy.KindScore:
		return "（0 至 100 分，最多两位小数）"
	case policy.KindChoice:
		return "（可选：" + strings.Join(p.Choices(), "、") + "）"
	}
	return ""
}
