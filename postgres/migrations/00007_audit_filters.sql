-- +goose Up
-- The audit log's filters: who acted, what was done, and when. Indexes end
-- in the chain order (seq; entries are appended in time order), so a
-- filtered page is read newest first straight off the index; the actor's
-- second index holds the action too, so one person's changes of one kind
-- are one index range.
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_actor_action ON audit_log (actor_id, action, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_at ON audit_log (at);

-- +goose Down
DROP INDEX audit_log_at;
DROP INDEX audit_log_action;
DROP INDEX audit_log_actor_action;
DROP INDEX audit_log_actor;
