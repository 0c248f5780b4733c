// Package httpx is what the page and API handlers share: the request's
// context, the services, JSON in and out, body and form reading, query
// parameters, path ids and the mapping of error codes to HTTP statuses.
// It imports neither audience's package, so both can import it.
package httpx
