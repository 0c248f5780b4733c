package document

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// testFont is the installed font, loaded once for every test; without one
// the test is skipped, except under CI=true, where a missing font is a
// failure.
func testFont(t testing.TB) *Font {
	t.Helper()
	fontOnce.Do(func() {
		path, err := FindFont("")
		if err != nil {
			fontErr = err
			return
		}
		sharedFont, fontErr = LoadFont(path)
	})
	if fontErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(fontErr)
		}
		t.Skip(fontErr)
	}
	return sharedFont
}

var (
	fontOnce   sync.Once
	sharedFont *Font
	fontErr    error
)

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFindFontFlag(t *testing.T) {
	ttf := writeTemp(t, "a.ttf", []byte{0, 1, 0, 0, 0, 0})
	if got, err := FindFont(ttf); err != nil || got != ttf {
		t.Errorf("FindFont(%s) = %q, %v", ttf, got, err)
	}
	mac := writeTemp(t, "mac.ttf", []byte("true\x00\x00"))
	if _, err := FindFont(mac); err != nil {
		t.Errorf("a 'true' font: %v", err)
	}
	for name, magic := range map[string]string{"a.ttc": "ttcf", "a.otf": "OTTO", "a.txt": "hell"} {
		p := writeTemp(t, name, []byte(magic+"\x00\x00"))
		_, err := FindFont(p)
		if err == nil {
			t.Errorf("%s accepted", name)
			continue
		}
		t.Log(err)
		if name == "a.ttc" && !strings.Contains(err.Error(), ".ttc") || name == "a.otf" && !strings.Contains(err.Error(), "CFF") {
			t.Errorf("%s: %v does not say why", name, err)
		}
	}
	if _, err := FindFont(filepath.Join(t.TempDir(), "absent.ttf")); err == nil {
		t.Error("an absent file accepted")
	}
}

func TestFindFontDefaults(t *testing.T) {
	saved := FontPaths
	defer func() { FontPaths = saved }()
	dir := t.TempDir()
	second := writeTemp(t, "b.ttf", []byte{0, 1, 0, 0})
	FontPaths = []string{filepath.Join(dir, "absent.ttf"), second}
	if got, err := FindFont(""); err != nil || got != second {
		t.Errorf("FindFont = %q, %v; want %s", got, err, second)
	}
	FontPaths = []string{filepath.Join(dir, "absent.ttf")}
	_, err := FindFont("")
	if !errors.Is(err, ErrNoFont) || !strings.Contains(err.Error(), "fonts-arphic-gbsn00lp") || !strings.Contains(err.Error(), "--font") {
		t.Errorf("no font: %v", err)
	}
}

func TestLoadFontRefusesNonTrueType(t *testing.T) {
	if _, err := LoadFont(writeTemp(t, "x.ttc", []byte("ttcf0000000000000000"))); err == nil {
		t.Error("loaded a collection")
	}
	if _, err := CertificatePDF(sampleClaims(), CertificateOptions{Token: "t", VerifyURL: "https://x/verify?t=t"}); !errors.Is(err, ErrNoFont) {
		t.Errorf("a PDF without a font: %v", err)
	}
}
