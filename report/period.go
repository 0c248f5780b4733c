package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"firstset/date"
)

// PeriodKind is the length of a reporting period.
type PeriodKind int

const (
	Year PeriodKind = iota + 1
	Half
	Quarter
	Month
)

// Period is a reporting period: a year, a half year, a quarter or a
// month, from its first day to its last, both included.
type Period struct {
	Kind PeriodKind
	Year int
	N    int // the half (1–2), quarter (1–4) or month (1–12); 0 for a year
	From date.Date
	To   date.Date
}

// ParsePeriod reads "2026" (a year), "2026H1" (a half year), "2026Q3" (a
// quarter) or "2026-07" (a month). Letters may be lower case.
func ParsePeriod(s string) (Period, error) {
	in := strings.ToUpper(strings.TrimSpace(s))
	bad := func(why string) (Period, error) {
		return Period{}, fmt.Errorf("period %q: %s; write 2026, 2026H1, 2026Q3 or 2026-07", s, why)
	}
	if len(in) < 4 {
		return bad("too short")
	}
	year, err := strconv.Atoi(in[:4])
	if err != nil || !allDigits(in[:4]) {
		return bad("the first four characters are not a year")
	}
	if year < 2000 || year > 2999 {
		return bad("the year is out of range")
	}
	rest := in[4:]
	if rest == "" {
		return PeriodOf(Year, year, 0)
	}
	var kind PeriodKind
	switch rest[0] {
	case 'H':
		kind = Half
	case 'Q':
		kind = Quarter
	case '-':
		kind = Month
	default:
		return bad("unknown kind " + strconv.Quote(rest[:1]))
	}
	digits := rest[1:]
	if digits == "" || len(digits) > 2 || !allDigits(digits) || kind == Month && len(digits) != 2 {
		return bad("the number after " + strconv.Quote(rest[:1]) + " is missing or malformed")
	}
	n, _ := strconv.Atoi(digits)
	p, err := PeriodOf(kind, year, n)
	if err != nil {
		return bad(err.Error())
	}
	return p, nil
}

// PeriodOf is the period of kind numbered n in year.
func PeriodOf(kind PeriodKind, year, n int) (Period, error) {
	months := map[PeriodKind]int{Year: 12, Half: 6, Quarter: 3, Month: 1}[kind]
	if months == 0 {
		return Period{}, fmt.Errorf("unknown period kind %d", kind)
	}
	if kind == Year {
		n = 0
	} else if n < 1 || n > 12/months {
		return Period{}, fmt.Errorf("there is no number %d of this kind in a year", n)
	}
	first := time.Month(1)
	if kind != Year {
		first = time.Month((n-1)*months + 1)
	}
	from := date.Of(year, first, 1)
	to := date.Of(year, first+time.Month(months), 1).AddDays(-1)
	return Period{Kind: kind, Year: year, N: n, From: from, To: to}, nil
}

// MustPeriod is ParsePeriod for literals known to be good.
func MustPeriod(s string) Period {
	p, err := ParsePeriod(s)
	if err != nil {
		panic(err)
	}
	return p
}

// IsZero reports whether p is no period.
func (p Period) IsZero() bool { return p.Kind == 0 }

// Contains reports whether d falls in p, both ends included.
func (p Period) Contains(d date.Date) bool {
	return !d.IsZero() && !d.Before(p.From) && !d.After(p.To)
}

// Covers reports whether q lies wholly inside p.
func (p Period) Covers(q Period) bool {
	return !q.IsZero() && !q.From.Before(p.From) && !q.To.After(p.To)
}

// String is the period as ParsePeriod reads it: "2026Q3".
func (p Period) String() string {
	switch p.Kind {
	case Year:
		return strconv.Itoa(p.Year)
	case Half:
		return fmt.Sprintf("%dH%d", p.Year, p.N)
	case Quarter:
		return fmt.Sprintf("%dQ%d", p.Year, p.N)
	case Month:
		return fmt.Sprintf("%d-%02d", p.Year, p.N)
	}
	return ""
}

var chineseOrdinals = []string{"", "一", "二", "三", "四"}

// Label is the period in Chinese: "2026年第三季度", "2026年上半年",
// "2026年度", "2026年7月".
func (p Period) Label() string {
	switch p.Kind {
	case Year:
		return fmt.Sprintf("%d年度", p.Year)
	case Half:
		return fmt.Sprintf("%d年%s半年", p.Year, map[int]string{1: "上", 2: "下"}[p.N])
	case Quarter:
		return fmt.Sprintf("%d年第%s季度", p.Year, chineseOrdinals[p.N])
	case Month:
		return fmt.Sprintf("%d年%d月", p.Year, p.N)
	}
	return ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
