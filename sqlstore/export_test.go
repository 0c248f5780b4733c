package sqlstore

// KeepChanges shortens the change log's retention for a test; the returned
// function restores it.
func KeepChanges(keep, every int64) (restore func()) {
	k, e := keepChanges, pruneEvery
	keepChanges, pruneEvery = keep, every
	return func() { keepChanges, pruneEvery = k, e }
}
