package date

import (
	"encoding/json"
	"testing"
	"time"
)

func TestValidUntil(t *testing.T) {
	cases := map[string]string{
		"2024-06-01": "2027-05-31",
		"2024-01-01": "2026-12-31",
		"2024-02-29": "2027-02-28",
		"2023-03-01": "2026-02-28",
	}
	for start, want := range cases {
		if got := ValidUntil(MustParse(start), 3).String(); got != want {
			t.Errorf("ValidUntil(%s) = %s, want %s", start, got, want)
		}
	}
}

func TestDaysInclusive(t *testing.T) {
	if n := MustParse("2024-07-01").DaysInclusive(MustParse("2025-06-30")); n != 365 {
		t.Fatalf("got %d days, want 365", n)
	}
	if n := MustParse("2026-07-01").DaysInclusive(MustParse("2027-05-31")); n != 335 {
		t.Fatalf("got %d days, want 335", n)
	}
}

func TestZeroAndJSON(t *testing.T) {
	var d Date
	if !d.IsZero() || d.String() != "" {
		t.Fatal("zero date is not empty")
	}
	if Of(1970, time.January, 1).IsZero() {
		t.Fatal("1970-01-01 must not be the zero date")
	}
	b, _ := json.Marshal(struct{ D Date }{MustParse("2025-03-10")})
	if string(b) != `{"D":"2025-03-10"}` {
		t.Fatalf("marshal: %s", b)
	}
	var v struct{ D Date }
	if err := json.Unmarshal([]byte(`{"D":"2025-02-30"}`), &v); err == nil {
		t.Fatal("2025-02-30 accepted")
	}
	if err := json.Unmarshal([]byte(`{"D":"2025-02-28"}`), &v); err != nil || v.D.String() != "2025-02-28" {
		t.Fatalf("unmarshal: %v %v", err, v.D)
	}
}

func TestScan(t *testing.T) {
	var d Date
	if err := d.Scan("2024-06-01"); err != nil || d.String() != "2024-06-01" {
		t.Fatal(err, d)
	}
	if err := d.Scan(time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)); err != nil || d.String() != "2024-06-01" {
		t.Fatal(err, d)
	}
	if err := d.Scan(nil); err != nil || !d.IsZero() {
		t.Fatal(err, d)
	}
}

func TestFromTimeUsesShanghai(t *testing.T) {
	// 2024-06-01 17:00 UTC is already 2024-06-02 in Chongqing.
	if got := FromTime(time.Date(2024, 6, 1, 17, 0, 0, 0, time.UTC)).String(); got != "2024-06-02" {
		t.Fatalf("got %s", got)
	}
}
