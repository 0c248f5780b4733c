package idnumber

import (
	"errors"
	"testing"
)

func TestValidate(t *testing.T) {
	// 11010519491231002X is the standard's own example.
	for _, ok := range []string{"11010519491231002X", "500103199001011232"} {
		if err := Validate(ok); err != nil {
			t.Errorf("Validate(%s) = %v", ok, err)
		}
	}
	for s, want := range map[string]error{
		"110105194912310021":  ErrCheckDigit,
		"11010519491231002":   ErrLength,
		"1101051949123100A2":  ErrCharacters,
		"110105194913310020":  ErrBirthDate,
		"110105180012310020":  ErrBirthDate,
		"11010519491231002x":  ErrCharacters, // Normalize upper-cases it first
		"110105194912310020X": ErrLength,
	} {
		if err := Validate(s); !errors.Is(err, want) {
			t.Errorf("Validate(%s) = %v, want %v", s, err, want)
		}
	}
	if err := Validate(Normalize(" 11010519491231002x ")); err != nil {
		t.Errorf("normalised: %v", err)
	}
}

func TestMask(t *testing.T) {
	if got := Mask("500103199001011232"); got != "500103********1232" {
		t.Errorf("Mask = %s", got)
	}
	if got := Mask("abc"); got != "***" {
		t.Errorf("Mask short = %s", got)
	}
}
