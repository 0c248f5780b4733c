// Package date holds calendar dates as the policy speaks of them: days in
// Asia/Shanghai with no time of day, where periods include both ends.
package date

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"time"
	_ "time/tzdata" // the zone must resolve on machines without a zone database
)

// Date is a calendar day. The zero value means "no date".
type Date struct {
	// n is the day number counted from 1970-01-01 plus an offset, so that the
	// zero value stays distinct from every real date.
	n int32
}

const offset = 1 << 24 // keeps every supported day number positive

// Layout is the one text form a date takes: 2006-01-02.
const Layout = "2006-01-02"

// Shanghai is the zone the platform's days are counted in.
var Shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600)
	}
	return loc
}()

// Of returns the date of year, month and day; out-of-range parts normalise
// the way time.Date does (February 30 is March 1 or 2).
func Of(year int, month time.Month, day int) Date {
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	return Date{n: int32(t.Unix()/86400) + offset}
}

// FromTime returns the calendar day of t in Shanghai.
func FromTime(t time.Time) Date {
	y, m, d := t.In(Shanghai).Date()
	return Of(y, m, d)
}

// Today is the current day in Shanghai.
func Today() Date { return FromTime(time.Now()) }

// Parse reads a date written as 2006-01-02.
func Parse(s string) (Date, error) {
	t, err := time.Parse(Layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	return Of(t.Date()), nil
}

// MustParse is Parse for literals known to be good.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the "no date" value.
func (d Date) IsZero() bool { return d.n == 0 }

// Time is midnight UTC of d, for formatting and arithmetic.
func (d Date) Time() time.Time { return time.Unix(int64(d.n-offset)*86400, 0).UTC() }

// Parts returns year, month and day.
func (d Date) Parts() (int, time.Month, int) { return d.Time().Date() }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(Layout)
}

// Chinese renders d as 2024年6月1日.
func (d Date) Chinese() string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.Parts()
	return fmt.Sprintf("%d年%d月%d日", y, int(m), dd)
}

// AddDays moves d by n days.
func (d Date) AddDays(n int) Date { return Date{n: d.n + int32(n)} }

// AddYears returns the same calendar day n years later; February 29 in a
// year without one becomes March 1.
func (d Date) AddYears(n int) Date {
	y, m, dd := d.Parts()
	return Of(y+n, m, dd)
}

// Sub is the number of days from e to d (d - e).
func (d Date) Sub(e Date) int { return int(d.n - e.n) }

// DaysInclusive counts the days of the period from d to end, both included.
func (d Date) DaysInclusive(end Date) int { return int(end.n-d.n) + 1 }

func (d Date) Before(e Date) bool { return d.n < e.n }
func (d Date) After(e Date) bool  { return d.n > e.n }
func (d Date) Equal(e Date) bool  { return d.n == e.n }
func (d Date) Compare(e Date) int {
	switch {
	case d.n < e.n:
		return -1
	case d.n > e.n:
		return 1
	}
	return 0
}

// Min and Max of two dates.
func Min(a, b Date) Date {
	if a.n < b.n {
		return a
	}
	return b
}

func Max(a, b Date) Date {
	if a.n > b.n {
		return a
	}
	return b
}

// ValidUntil is the last day of a validity of years starting on start: the
// same calendar day years later, minus one day (2024-06-01 → 2027-05-31).
func ValidUntil(start Date, years int) Date { return start.AddYears(years).AddDays(-1) }

func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD", "" or null. A bad value is reported as
// a *json.UnmarshalTypeError, which encoding/json completes with the field's
// path, so the caller can say which date is wrong.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return &json.UnmarshalTypeError{Value: string(b), Type: reflect.TypeFor[Date]()}
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	p, err := Parse(s)
	if err != nil {
		return &json.UnmarshalTypeError{Value: strconv.Quote(s), Type: reflect.TypeFor[Date]()}
	}
	*d = p
	return nil
}

// Value stores a date as its YYYY-MM-DD text, or NULL for the zero date.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a date stored as text or as a database date.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
		return nil
	case time.Time:
		y, m, dd := v.Date()
		*d = Of(y, m, dd)
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	}
	return fmt.Errorf("date: cannot scan %T", src)
}

func (d *Date) scanText(s string) error {
	if len(s) > len(Layout) {
		s = s[:len(Layout)]
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	p, err := Parse(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}
