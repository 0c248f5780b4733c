// Package sheet writes the platform's Excel exports: one streamed
// worksheet per workbook, and the catalog export that the page and the
// API share.
package sheet
