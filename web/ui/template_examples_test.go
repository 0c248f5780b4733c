package ui

import (
	"io/fs"
	"regexp"
	"testing"

	"firstset/patent"
)

// TestTemplatePatentExamplesAreValid keeps the examples people copy from
// valid: a patent number shown as an example must pass the check the
// service applies.
func TestTemplatePatentExamplesAreValid(t *testing.T) {
	examples := regexp.MustCompile(`ZL\d{8,12}\.?[0-9X]`)
	found := 0
	err := fs.WalkDir(templateFS, "templates", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		text, err := fs.ReadFile(templateFS, name)
		if err != nil {
			return err
		}
		for _, n := range examples.FindAllString(string(text), -1) {
			found++
			if _, err := patent.Normalize(n); err != nil {
				t.Errorf("%s: example %s: %s", name, n, patent.Message(err))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Fatal("no patent example found; the product form should show one")
	}
}
