// Package report composes the market side's periodic bulletin (定期通报)
// from purchase records: the figures, a narrative paragraph, generic
// tables and charts, and their Excel workbook and SVG charts. It is pure:
// the caller reads the records from wherever they are kept and stores
// what comes out; nothing here opens a database or answers a request.
//
// Money is integer fen throughout and shares are exact integer
// arithmetic rounded half up. Floating point is used only for where a
// chart's shapes go and for the number an Excel cell holds (Excel stores
// every number so; a two-decimal amount prints back exactly).
//
// Compose streams the purchases once and keeps only the aggregates (per
// project kind, buyer, product, district and method), so its memory grows
// with the number of buyers and products, not of purchases. The Excel
// detail sheet lists every purchase of the period; WriteXLSX takes the
// records a second time, as a stream, rather than Compose holding them.
package report
