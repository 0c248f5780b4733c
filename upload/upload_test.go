package upload

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

func picture() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		img.Set(i, i, color.RGBA{R: 200, A: 255})
	}
	return img
}

func encoded(t *testing.T, enc func(io.Writer, image.Image) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := enc(&b, picture()); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// zipped builds a ZIP with the named parts, each holding a little XML
// compressed as Word and Excel do.
func zipped(t testing.TB, names ...string) []byte { return zippedBy(t, zip.Deflate, names...) }

func zippedBy(t testing.TB, method uint16, names ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><x/>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func docx(t testing.TB) []byte {
	return zipped(t, "[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels")
}

func xlsx(t testing.TB) []byte {
	return zipped(t, "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml")
}

const pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" +
	"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"

// webp is the header of a lossless WebP (no encoder in the standard library).
var webp = append([]byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00"), make([]byte, 10)...)

// empty fails the test unless dir holds no file.
func empty(t *testing.T, dir string) {
	t.Helper()
	left, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("%d file(s) left in %s, first %s", len(left), dir, left[0].Name())
	}
}

func readAll(t *testing.T, s *Spooled) []byte {
	t.Helper()
	rc, err := s.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestAccepted(t *testing.T) {
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"pdf", []byte(pdf), PDF},
		{"png", encoded(t, png.Encode), PNG},
		{"jpeg", encoded(t, func(w io.Writer, m image.Image) error { return jpeg.Encode(w, m, nil) }), JPEG},
		{"gif", encoded(t, func(w io.Writer, m image.Image) error { return gif.Encode(w, m, nil) }), GIF},
		{"webp", webp, WebP},
		{"docx", docx(t), DOCX},
		{"xlsx", xlsx(t), XLSX},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			s, err := Spool(bytes.NewReader(c.data), int64(len(c.data)), nil, dir)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(c.data)
			if s.ContentType != c.want || s.Size != int64(len(c.data)) || s.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("got %s %d %s, want %s %d %x", s.ContentType, s.Size, s.SHA256, c.want, len(c.data), sum)
			}
			if left, _ := os.ReadDir(dir); len(left) != 1 {
				t.Errorf("%d files in the directory while spooled, want 1", len(left))
			}
			for range 2 {
				if got := readAll(t, s); !bytes.Equal(got, c.data) {
					t.Fatalf("read back %d bytes, not the %d uploaded", len(got), len(c.data))
				}
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			empty(t, dir)
			if err := s.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
			if _, err := s.Open(); err == nil {
				t.Error("Open after Close succeeded")
			}
		})
	}
}

// TestReadersIndependent: two readers open at once keep their own places.
func TestReadersIndependent(t *testing.T) {
	data := []byte(pdf)
	s, err := Spool(bytes.NewReader(data), 1<<20, nil, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a, _ := s.Open()
	b, _ := s.Open()
	first := make([]byte, 10)
	if _, err := io.ReadFull(a, first); err != nil {
		t.Fatal(err)
	}
	all, _ := io.ReadAll(b)
	rest, _ := io.ReadAll(a)
	if !bytes.Equal(all, data) || !bytes.Equal(append(first, rest...), data) {
		t.Error("interleaved readers did not each read the whole content")
	}
	if _, err := a.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if again, _ := io.ReadAll(a); !bytes.Equal(again, data) {
		t.Error("Seek to the start did not read the content again")
	}
}

// ole is the header of a compound file (.doc, .xls): signature, then zeros.
var ole = append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)

// elf is the start of a Linux executable.
var elf = append([]byte("\x7fELF\x02\x01\x01\x00"), make([]byte, 56)...)

func TestRefused(t *testing.T) {
	docs := []string{PDF, PNG, JPEG, DOCX, XLSX}
	for _, c := range []struct {
		name    string
		data    []byte
		max     int64 // 0: 1 MB
		allowed []string
		code    string
		found   string // Error.Type
		message string // contained in Error.Message
	}{
		{"one byte too large", []byte(pdf), int64(len(pdf)) - 1, nil, CodeTooLarge, "", "超过"},
		{"too large, in MB", bytes.Repeat([]byte("%PDF-"), 1<<20), 2 << 20, nil, CodeTooLarge, "", "文件超过 2 MB 的上限"},
		{"empty", nil, 0, nil, CodeEmpty, "", "文件为空"},
		{"text", []byte("营业执照副本\n"), 0, docs, CodeType, "text/plain",
			"文件类型为 text/plain，只接受 PDF、PNG、JPEG、Word（.docx）、Excel（.xlsx）"},
		{"HTML named x.pdf", []byte("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), 0, nil,
			CodeType, "text/html", "文件类型为 text/html，只接受 PDF、PNG、JPEG、WebP、GIF、Word（.docx）、Excel（.xlsx）"},
		{"executable named x.pdf", elf, 0, nil, CodeType, "application/x-elf", "文件类型为 application/x-elf"},
		{"Windows executable named x.pdf", append([]byte("MZ\x90\x00"), make([]byte, 60)...), 0, nil,
			CodeType, "application/vnd.microsoft.portable-executable", "文件类型为 application/vnd.microsoft.portable-executable"},
		{"zip with neither part", zipped(t, "hello.txt", "[Content_Types].xml"), 0, nil, CodeType, "application/zip",
			"ZIP 压缩包，不是 Word（.docx）或 Excel（.xlsx）文档"},
		{"docx without [Content_Types].xml", zipped(t, "word/document.xml"), 0, nil, CodeType, "application/zip", "ZIP 压缩包"},
		{"zip with both parts", zipped(t, "[Content_Types].xml", "word/document.xml", "xl/workbook.xml"), 0, nil,
			CodeType, "application/zip", "ZIP 压缩包"},
		{"broken zip", []byte("PK\x03\x04 and nothing of a zip after it"), 0, nil, CodeType, "application/zip", "已损坏"},
		{"OLE", ole, 0, nil, CodeType, "application/x-ole-storage", "请另存为 .docx 或 .xlsx"},
		{"PNG where only PDF", encoded(t, png.Encode), 0, []string{PDF}, CodeType, PNG, "文件类型为 PNG 图片，只接受 PDF"},
		{"xlsx where only docx", xlsx(t), 0, []string{DOCX}, CodeType, XLSX,
			"文件类型为 Excel 表格（.xlsx），只接受 Word（.docx）"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if c.max == 0 {
				c.max = 1 << 20
			}
			s, err := Spool(bytes.NewReader(c.data), c.max, c.allowed, dir)
			var ue *Error
			if !errors.As(err, &ue) {
				t.Fatalf("got %v, %v; want an *Error", s, err)
			}
			if ue.Code != c.code || ue.Type != c.found || !strings.Contains(ue.Message, c.message) {
				t.Errorf("got %s (%s) %q, want %s (%s) containing %q", ue.Code, ue.Type, ue.Message, c.code, c.found, c.message)
			}
			if c.code == CodeTooLarge && ue.Max != c.max {
				t.Errorf("Max = %d, want %d", ue.Max, c.max)
			}
			empty(t, dir)
		})
	}
}

// TestManyZipEntries: a ZIP listing more than MaxZipEntries is refused
// before archive/zip reads its directory (which would cost some 200 bytes of
// heap per entry): here a 20 MB file of bare directory headers.
func TestManyZipEntries(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("PK\x03\x04")
	b.Write(make([]byte, 26))
	hdr := make([]byte, 47) // a central directory header naming "a"
	copy(hdr, dirSig)
	binary.LittleEndian.PutUint16(hdr[28:], 1)
	hdr[46] = 'a'
	n := (20<<20 - 60) / len(hdr)
	b.Write(bytes.Repeat(hdr, n))
	end := make([]byte, 22)
	copy(end, "PK\x05\x06")
	binary.LittleEndian.PutUint16(end[8:], uint16(n))
	binary.LittleEndian.PutUint16(end[10:], uint16(n))
	binary.LittleEndian.PutUint32(end[12:], uint32(n*len(hdr)))
	binary.LittleEndian.PutUint32(end[16:], 30)
	b.Write(end)
	data := b.Bytes()

	dir := t.TempDir()
	var ue *Error
	heap := allocated(func() {
		_, err := Spool(bytes.NewReader(data), 20<<20, nil, dir)
		errors.As(err, &ue)
	})
	if ue == nil || ue.Code != CodeType || !strings.Contains(ue.Message, "条目超过 10000 个") {
		t.Fatalf("got %v, want file_type for too many entries", ue)
	}
	if heap > 1<<20 {
		t.Errorf("refusing %d entries allocated %d bytes", n, heap)
	}
	empty(t, dir)

	// Built the ordinary way: at the limit a .docx is read and judged on its
	// parts, one entry more is refused.
	names := make([]string, MaxZipEntries+1)
	for i := range names {
		names[i] = "x/" + strconv.Itoa(i)
	}
	for _, n := range []int{MaxZipEntries, MaxZipEntries + 1} {
		parts := append(names[:n-2:n-2], "[Content_Types].xml", "word/document.xml")
		s, err := Spool(bytes.NewReader(zippedBy(t, zip.Store, parts...)), 20<<20, nil, dir)
		if n <= MaxZipEntries && (err != nil || s.ContentType != DOCX) {
			t.Errorf("a docx of %d entries: %v", n, err)
		}
		if n > MaxZipEntries && (!errors.As(err, &ue) || ue.Code != CodeType) {
			t.Errorf("a docx of %d entries: %v, want file_type", n, err)
		}
		if s != nil {
			s.Close()
		}
	}
	empty(t, dir)
}

// counter counts what was read from it.
type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// TestStopsReading: a too large upload is read only to max+1 bytes.
func TestStopsReading(t *testing.T) {
	for _, max := range []int64{1, 1000, 100 << 10, 1 << 20} {
		c := &counter{r: &filler{left: 50 << 20}}
		dir := t.TempDir()
		_, err := Spool(c, max, nil, dir)
		var ue *Error
		if !errors.As(err, &ue) || ue.Code != CodeTooLarge {
			t.Fatalf("max %d: got %v, want file_too_large", max, err)
		}
		if c.n != max+1 {
			t.Errorf("max %d: read %d bytes, want max+1", max, c.n)
		}
		empty(t, dir)
	}
}

// broken gives good bytes, then fails as a dropped connection does.
type broken struct {
	good int
	err  error
}

func (b *broken) Read(p []byte) (int, error) {
	if b.good == 0 {
		return 0, b.err
	}
	n := min(len(p), b.good)
	copy(p, pdf)
	b.good -= n
	return n, nil
}

func TestBrokenStream(t *testing.T) {
	dir := t.TempDir()
	reset := errors.New("connection reset by peer")
	_, err := Spool(&broken{good: 100 << 10, err: reset}, 20<<20, nil, dir)
	var ue *Error
	if !errors.As(err, &ue) || ue.Code != CodeRead || !errors.Is(err, reset) {
		t.Fatalf("got %v, want file_read wrapping the stream's error", err)
	}
	empty(t, dir)
}

func TestArguments(t *testing.T) {
	dir := t.TempDir()
	if _, err := Spool(strings.NewReader(pdf), 0, nil, dir); err == nil {
		t.Error("a limit of 0 was taken")
	}
	if _, err := Spool(strings.NewReader(pdf), 1<<20, []string{"text/plain"}, dir); err == nil {
		t.Error("an allowed type Spool cannot recognise was taken")
	}
	empty(t, dir)
}

func TestTypeLabel(t *testing.T) {
	for ct, want := range map[string]string{
		PDF: "PDF", PNG: "PNG 图片", JPEG: "JPEG 图片", DOCX: "Word 文档（.docx）", XLSX: "Excel 表格（.xlsx）",
		"text/plain": "text/plain",
	} {
		if got := TypeLabel(ct); got != want {
			t.Errorf("TypeLabel(%s) = %s, want %s", ct, got, want)
		}
	}
	for _, ct := range AllTypes {
		if TypeLabel(ct) == ct {
			t.Errorf("%s has no label", ct)
		}
	}
}

// filler is a PDF of left bytes made up as it is read, without allocating:
// the text of pdf, then noise, repeated.
type filler struct {
	left int64
	off  int
}

var noise = func() []byte {
	b := make([]byte, 64<<10)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(x)
	}
	copy(b, pdf)
	return b
}()

func (f *filler) Read(p []byte) (int, error) {
	if f.left == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(int64(len(p)), f.left)], noise[f.off:])
	f.left -= int64(n)
	f.off = (f.off + n) % len(noise)
	return n, nil
}

// allocated is the heap bytes allocated while fn ran.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestMemory20MB: a 20 MB upload goes through a small fixed buffer. The
// bound (1 MB) is some 25 times what Spool allocates, and 1/20 of the file.
func TestMemory20MB(t *testing.T) {
	dir := t.TempDir()
	spool := func() {
		s, err := Spool(&filler{left: 20 << 20}, 20<<20, nil, dir)
		if err != nil {
			t.Fatal(err)
		}
		if s.ContentType != PDF || s.Size != 20<<20 {
			t.Errorf("got %s %d", s.ContentType, s.Size)
		}
		s.Close()
	}
	spool() // anything done once
	if heap := allocated(spool); heap > 1<<20 {
		t.Errorf("spooling 20 MB allocated %d bytes", heap)
	} else {
		t.Logf("spooling 20 MB allocated %d bytes", heap)
	}
	empty(t, dir)
}

func BenchmarkSpool20MB(b *testing.B) {
	dir := b.TempDir()
	b.SetBytes(20 << 20)
	b.ReportAllocs()
	for b.Loop() {
		s, err := Spool(&filler{left: 20 << 20}, 20<<20, nil, dir)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
