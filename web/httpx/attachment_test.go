package httpx

import (
	"mime"
	"testing"
)

func TestAttachmentDispositionNamesTheFileInUTF8(t *testing.T) {
	for _, name := range []string{"申报书（盖章版）.pdf", `a"b\c;d=e.pdf`, "report 2026.pdf", "营业执照.png"} {
		cd := AttachmentDisposition(name)
		kind, params, err := mime.ParseMediaType(cd)
		if err != nil || kind != "attachment" {
			t.Fatalf("%q: %q does not parse: %v", name, cd, err)
		}
		// mime decodes filename*, which wins over the ASCII fallback.
		if params["filename"] != name {
			t.Errorf("%q: the header names %q", name, params["filename"])
		}
	}
	if got := asciiFilename("申报书.pdf"); got != "___.pdf" {
		t.Errorf("ASCII fallback %q", got)
	}
}
