package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"firstset"
)

// Group commit: where the database has a single writer (SQLite), every
// commit waits for its own fsync, so durable writes are bounded by the
// disk's syncs per second. Concurrent Updates are instead queued and run,
// one after another, in one transaction, each after the first inside a
// SAVEPOINT of its own that is rolled back if its fn fails (the first has
// the transaction to itself: if it fails the transaction is rolled back and
// the rest go on in a new one); the transaction then commits once and only
// then is each caller told it succeeded, so an acknowledged write is still
// on disk. A lone Update starts at once: a batch only gathers the callers
// that arrived while the previous one was running.
//
// The first runs without a savepoint because on SQLite a savepoint makes a
// large Update slower with every statement: a statement that keeps a
// statement journal (an UPDATE of a row under a unique index or a foreign
// key, an INSERT with RETURNING) truncates it when it ends, which inside a
// savepoint walks the savepoint's journal of every page changed so far.
// Approving a round of 10,000 incentive applications (an UPDATE of each
// case) took 18 s in a savepoint, most of it in that walk.
//
// Each fn runs in its caller's goroutine (so a panic or t.Fatal behaves as
// in an ordinary transaction); the writer goroutine only begins and commits
// and hands the transaction from one caller to the next.

// MaxBatch caps the Updates committed together, which bounds how long the
// first of them waits for the last.
const MaxBatch = 64

// errClosed is what an Update gets after Close.
var errClosed = errors.New("store is closed")

type groupCommitter struct {
	pool     *sql.DB
	d        *Dialect
	requests chan *commitRequest // unbuffered: a request is accepted or not sent
	closing  chan struct{}
	stopped  chan struct{}
	close    sync.Once

	waiting, batches, updates atomic.Int64
}

// commitRequest is one Update in the queue.
type commitRequest struct {
	// turn hands the caller the batch transaction, or the error that kept
	// the batch from beginning.
	turn chan batchTurn
	// ran tells the writer how the caller's fn ended.
	ran chan fnOutcome
	// committed carries the commit's result to a caller whose fn succeeded.
	committed chan error
	// alone: a bulk write (firstset.BulkWrite) gets a transaction of its
	// own, so that it never runs inside a savepoint.
	alone bool
}

type batchTurn struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	err   error
	// first: the transaction holds nothing yet, so the Update runs
	// without a savepoint and a failure rolls the transaction back.
	first bool
}

type fnOutcome struct {
	err error
	// broken means the savepoint could not be released or rolled back, or
	// the first Update of the batch failed, so the batch transaction must be
	// rolled back (the Updates not yet run go on in another).
	broken bool
}

func newGroupCommitter(pool *sql.DB, d *Dialect) *groupCommitter {
	g := &groupCommitter{
		pool: pool, d: d,
		requests: make(chan *commitRequest),
		closing:  make(chan struct{}),
		stopped:  make(chan struct{}),
	}
	go g.write()
	return g
}

// GroupCommitStats counts what the group committer has done.
type GroupCommitStats struct {
	Batches int64 // transactions committed or rolled back
	Updates int64 // Updates run inside them
	Waiting int64 // Updates not yet taken into a batch
}

func (g *groupCommitter) stats() GroupCommitStats {
	return GroupCommitStats{Batches: g.batches.Load(), Updates: g.updates.Load(), Waiting: g.waiting.Load()}
}

// stop ends the writer after the batch under way; later Updates fail.
func (g *groupCommitter) stop() {
	g.close.Do(func() { close(g.closing) })
	<-g.stopped
}

// update queues fn, runs it when its turn comes and waits for the commit.
func (g *groupCommitter) update(ctx context.Context, fn func(firstset.Tx) error, cw *claimWrite) error {
	req := &commitRequest{
		turn:      make(chan batchTurn, 1),
		ran:       make(chan fnOutcome, 1),
		committed: make(chan error, 1),
		alone:     firstset.IsBulkWrite(ctx),
	}
	g.waiting.Add(1)
	select {
	case g.requests <- req:
		g.waiting.Add(-1)
	case <-g.closing:
		g.waiting.Add(-1)
		return errClosed
	}
	turn := <-req.turn
	if turn.err != nil {
		return turn.err
	}
	if err := g.runInSavepoint(ctx, req, turn, fn, cw); err != nil {
		// Nothing of fn's stays, whatever becomes of the batch.
		return err
	}
	return <-req.committed
}

// runInSavepoint runs fn inside a savepoint of the batch transaction (the
// first of a batch in the transaction itself) and reports to the writer how
// it ended, even when fn panics or exits the goroutine.
func (g *groupCommitter) runInSavepoint(ctx context.Context, req *commitRequest, turn batchTurn, fn func(firstset.Tx) error, cw *claimWrite) (err error) {
	// A caller that gave up while queued does not start: its fn's
	// statements could no longer be cancelled without harming the batch.
	if err := ctx.Err(); err != nil {
		req.ran <- fnOutcome{err: err}
		return err
	}
	t := &Tx{tx: turn.tx, d: g.d, stmts: turn.stmts, detached: true}
	if !turn.first {
		if _, err := t.Exec(ctx, `SAVEPOINT batched_update`); err != nil {
			err = fmt.Errorf("savepoint: %w", err)
			req.ran <- fnOutcome{err: err, broken: true}
			return err
		}
	}
	returned := false
	defer func() {
		if returned {
			return
		}
		// fn panicked or called runtime.Goexit: undo its writes (the first
		// of a batch: the writer rolls the transaction back), let the batch
		// go on, and let the panic carry on up the caller's stack.
		if turn.first {
			req.ran <- fnOutcome{err: errors.New("update panicked"), broken: true}
			return
		}
		rbErr := t.rollbackSavepoint(ctx)
		req.ran <- fnOutcome{err: errors.New("update panicked"), broken: rbErr != nil}
	}()
	err = t.claimKey(ctx, cw)
	if err == nil {
		err = fn(t)
	}
	if err == nil {
		err = t.nameClaim(ctx, cw)
	}
	if err == nil {
		err = t.flushIndex(ctx)
	}
	returned = true
	if err != nil && turn.first {
		// Nothing else is in the transaction: the writer rolls it back.
		req.ran <- fnOutcome{err: err, broken: true}
		return err
	}
	if err != nil {
		if rbErr := t.rollbackSavepoint(ctx); rbErr != nil {
			req.ran <- fnOutcome{err: errors.Join(err, rbErr), broken: true}
			return errors.Join(err, rbErr)
		}
		req.ran <- fnOutcome{err: err}
		return err
	}
	if !turn.first {
		if _, err := t.Exec(ctx, `RELEASE batched_update`); err != nil {
			err = fmt.Errorf("release savepoint: %w", err)
			req.ran <- fnOutcome{err: err, broken: true}
			return err
		}
	}
	req.ran <- fnOutcome{}
	return nil
}

func (t *Tx) rollbackSavepoint(ctx context.Context) error {
	if _, err := t.Exec(ctx, `ROLLBACK TO batched_update`); err != nil {
		return fmt.Errorf("roll back savepoint: %w", err)
	}
	if _, err := t.Exec(ctx, `RELEASE batched_update`); err != nil {
		return fmt.Errorf("release savepoint: %w", err)
	}
	return nil
}

// write is the writer goroutine.
func (g *groupCommitter) write() {
	defer close(g.stopped)
	var queue []*commitRequest
	for {
		if len(queue) == 0 {
			select {
			case req := <-g.requests:
				queue = append(queue, req)
			case <-g.closing:
				return
			}
		}
		queue = g.runBatch(queue)
	}
}

// gather takes the requests already waiting, without waiting for more.
func (g *groupCommitter) gather(queue []*commitRequest, limit int) []*commitRequest {
	for len(queue) < limit {
		select {
		case req := <-g.requests:
			queue = append(queue, req)
		default:
			return queue
		}
	}
	return queue
}

// runBatch runs up to MaxBatch requests from the front of queue in one
// transaction and returns those it did not start.
func (g *groupCommitter) runBatch(queue []*commitRequest) []*commitRequest {
	queue = g.gather(queue, MaxBatch)
	// The batch is not tied to any caller's context: one caller giving up
	// must not roll back the others.
	tx, err := g.pool.BeginTx(context.Background(), nil)
	if err != nil {
		err = fmt.Errorf("begin transaction: %w", err)
		for _, req := range queue {
			req.turn <- batchTurn{err: err}
		}
		return nil
	}
	g.batches.Add(1)
	turn := batchTurn{tx: tx, stmts: make(map[string]*sql.Stmt)}
	var succeeded []*commitRequest
	var brokenErr error
	n := 0
	for n < len(queue) {
		req := queue[n]
		if n > 0 && req.alone {
			break // it begins the next batch, by itself
		}
		n++
		g.updates.Add(1)
		t := turn
		t.first = n == 1
		req.turn <- t
		out := <-req.ran
		if out.broken {
			brokenErr = out.err
			break
		}
		if out.err == nil {
			succeeded = append(succeeded, req)
		}
		if req.alone {
			break // nothing joins a bulk write
		}
		if n == len(queue) {
			// Callers that arrived meanwhile join this batch.
			queue = g.gather(queue, MaxBatch)
		}
	}
	if brokenErr != nil {
		_ = tx.Rollback()
		for _, req := range succeeded {
			req.committed <- fmt.Errorf("batch rolled back: %w", brokenErr)
		}
		return queue[n:]
	}
	if err := tx.Commit(); err != nil {
		// The driver rolls back what a failed COMMIT leaves open.
		err = fmt.Errorf("commit: %w", err)
		for _, req := range succeeded {
			req.committed <- err
		}
		return queue[n:]
	}
	for _, req := range succeeded {
		req.committed <- nil
	}
	return queue[n:]
}
