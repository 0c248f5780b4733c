package document

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/signintech/gopdf"
)

// FontPaths are where Debian's packages put the Chinese TrueType fonts a
// document can use, preferred first: the Song (宋体) style of
// fonts-arphic-gbsn00lp suits official documents; fonts-lxgw-wenkai is
// the fallback. (The Droid fallback font lacks Latin digits, and the WQY
// and Noto CJK packages ship only .ttc collections, which gopdf cannot
// read.)
var FontPaths = []string{
	"/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",
	"/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
}

// ErrNoFont is returned when no font was given and none is installed.
var ErrNoFont = errors.New("未找到可用的中文 TrueType 字体：请安装 fonts-arphic-gbsn00lp（apt-get install fonts-arphic-gbsn00lp），或以 --font 指定一个 .ttf 字体文件。")

// FindFont is the font file to use: flagPath when given (it must be a
// TrueType .ttf), else the first of FontPaths that exists.
func FindFont(flagPath string) (string, error) {
	if flagPath != "" {
		if err := checkTrueType(flagPath); err != nil {
			return "", err
		}
		return flagPath, nil
	}
	for _, p := range FontPaths {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p, nil
		}
	}
	return "", ErrNoFont
}

// checkTrueType reads a font file's first four bytes: 00 01 00 00 or
// "true" is TrueType; a collection or CFF outlines are refused by name,
// since gopdf would fail on them later with a less helpful error.
func checkTrueType(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("字体文件 %s 无法打开：%w", path, err)
	}
	defer f.Close()
	magic := make([]byte, 4)
	if _, err := f.Read(magic); err != nil {
		return fmt.Errorf("字体文件 %s 无法读取：%w", path, err)
	}
	return trueTypeMagic(path, magic)
}

func trueTypeMagic(path string, magic []byte) error {
	switch {
	case bytes.Equal(magic, []byte{0, 1, 0, 0}), bytes.Equal(magic, []byte("true")):
		return nil
	case bytes.Equal(magic, []byte("ttcf")):
		return fmt.Errorf("字体文件 %s 是字体集（.ttc），不能使用：请指定单个 TrueType 字体（.ttf）", path)
	case bytes.Equal(magic, []byte("OTTO")):
		return fmt.Errorf("字体文件 %s 是 CFF 轮廓的 OpenType 字体（.otf），不能使用：请指定 TrueType 字体（.ttf）", path)
	}
	return fmt.Errorf("字体文件 %s 不是 TrueType 字体（.ttf）", path)
}

// fontFamily is the name documents give the font inside a PDF.
const fontFamily = "cjk"

// Font is a TrueType font loaded once and shared by every document: the
// file is 5 to 15 MB. gopdf's parse of it (about 1.4 ms for gbsn00lp, a
// tenth of a certificate's 17 ms, most of which is the QR code and the
// compression of the glyph subset) is kept too. A Font is safe for
// concurrent use.
type Font struct {
	Path string
	data []byte

	once      sync.Once
	container *gopdf.FontContainer
	err       error
}

// LoadFont reads and checks a TrueType font file.
func LoadFont(path string) (*Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("字体文件 %s 无法读取：%w", path, err)
	}
	if len(data) < 12 {
		return nil, fmt.Errorf("字体文件 %s 不是 TrueType 字体（.ttf）", path)
	}
	if err := trueTypeMagic(path, data[:4]); err != nil {
		return nil, err
	}
	return &Font{Path: path, data: data}, nil
}

// addTo gives the font to a PDF being made. The container holds the
// parsed tables; gopdf copies them per document and keeps each
// document's glyph subset apart.
func (f *Font) addTo(pdf *gopdf.GoPdf) error {
	f.once.Do(func() {
		c := new(gopdf.FontContainer)
		if err := c.AddTTFFontData(fontFamily, f.data); err != nil {
			f.err = fmt.Errorf("字体文件 %s 无法解析：%w", f.Path, err)
			return
		}
		f.container = c
	})
	if f.err != nil {
		return f.err
	}
	if err := pdf.AddTTFFontFromFontContainer(fontFamily, f.container); err != nil {
		return fmt.Errorf("add font %s: %w", f.Path, err)
	}
	return nil
}
