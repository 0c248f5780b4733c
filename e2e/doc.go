// Package e2e drives the whole platform through a real browser: the pages,
// the services and the database together, as a person uses them.
package e2e
