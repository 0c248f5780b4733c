// Package certcli is the "cert" command of the firstset binary: it
// verifies a product certificate offline, against the key ring the
// platform publishes, and prints that ring.
//
//	firstset cert verify --key KEYFILE TOKEN|URL|FILE.pdf|-
//	firstset cert key
//
// KEYFILE is the key ring's JSON exactly as GET /api/v1/certificates/key
// serves it (document.ParseKeyRing). The certificate is given as its
// token, as the verify URL of its QR code (…?t=TOKEN), as the PDF (the
// token is read from it, no QR decoding), or on standard input (-).
//
// Exit status of verify: 0 when the signature holds (the facts on
// stdout); 1 when it does not, with the reason on stderr; 2 for a usage
// error or an unreadable input.
package certcli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"firstset/cmd/firstset/clifile"
	"firstset/document"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitInvalid  = 1 // the certificate does not verify (or output failed)
	ExitBadInput = 2 // a usage error or an unreadable input
)

// Input bounds: a key ring is a few hundred bytes a key; a certificate PDF
// is under 300 KB.
const (
	maxKeyBytes   = 1 << 20
	maxInputBytes = 16 << 20
)

const usage = `usage: firstset cert verify --key KEYFILE TOKEN|URL|FILE.pdf|-
       firstset cert key`

const help = usage + `

cert verify 离线核验首台（套）证书的签名：
  --key KEYFILE  平台公布的公钥文件（GET /api/v1/certificates/key 的 JSON，
                 或 firstset cert key 的输出）
  证书可以是证书码、二维码中的核验网址（…?t=证书码）、证书 PDF 文件，
  或 - 从标准输入读取。
  退出码：0 签名有效；1 签名无效；2 用法错误或无法读取输入。
cert key 输出平台的公钥文件。
`

// Run dispatches "cert"; args start after "cert". ring supplies the key
// ring's JSON for "cert key" (the caller reads the database).
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer, now func() time.Time, ring func() ([]byte, error)) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return ExitBadInput
	}
	switch args[0] {
	case "verify":
		return Verify(args[1:], stdin, stdout, stderr, now)
	case "key":
		return Key(args[1:], stdout, stderr, ring)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, help)
		return ExitOK
	}
	fmt.Fprintf(stderr, "firstset cert: 未知的子命令 %q\n%s\n", args[0], usage)
	return ExitBadInput
}

// Verify runs "cert verify"; args start after "verify".
func Verify(args []string, stdin io.Reader, stdout, stderr io.Writer, now func() time.Time) int {
	bad := func(msg string) int {
		fmt.Fprintf(stderr, "firstset cert verify: %s\n%s\n", oneLine(msg), usage)
		return ExitBadInput
	}
	fs := flag.NewFlagSet("cert verify", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	keyFile := fs.String("key", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, help)
			return ExitOK
		}
		return bad(err.Error())
	}
	if *keyFile == "" {
		return bad("缺少 --key：请给出平台公布的公钥文件")
	}
	if fs.NArg() != 1 {
		return bad(fmt.Sprintf("需要恰好一个证书（证书码、核验网址、PDF 文件或 -），实际给出 %d 个", fs.NArg()))
	}
	arg := fs.Arg(0)
	if *keyFile == "-" && arg == "-" {
		return bad("公钥文件和证书不能都从标准输入读取")
	}

	keyData, err := clifile.Read(*keyFile, stdin, maxKeyBytes)
	if err != nil {
		return bad("无法读取公钥文件：" + err.Error())
	}
	ring, err := document.ParseKeyRing(keyData)
	if err != nil {
		return bad("公钥文件无效：" + err.Error())
	}

	token, code, err := readToken(arg, stdin)
	if err != nil {
		if code == ExitBadInput {
			return bad(err.Error())
		}
		fmt.Fprintf(stderr, "证书核验未通过：%s\n", oneLine(err.Error()))
		return code
	}

	// A launch event's plaque or honour certificate is read as its own
	// claims; anything else as a product certificate.
	var c document.CertificateClaims
	var plaque document.PlaqueClaims
	var honour document.HonourClaims
	var into document.Claims = &c
	switch document.TokenKind(token) {
	case document.KindPlaque:
		into = &plaque
	case document.KindHonourCertificate:
		into = &honour
	}
	kid, err := document.Verify(token, ring, into)
	if err != nil {
		fmt.Fprintf(stderr, "证书核验未通过：%s\n", err.Error())
		var ve *document.VerifyError
		if errors.As(err, &ve) {
			fmt.Fprintf(stderr, "原因代码：%s", ve.Code)
			if kid != "" {
				fmt.Fprintf(stderr, "；证书所称签名密钥：%s", kid)
			}
			fmt.Fprintln(stderr)
		}
		return ExitInvalid
	}

	var out bytes.Buffer
	switch into.(type) {
	case *document.PlaqueClaims:
		reportFacts(&out, ring, kid, "牌匾签名有效", [][2]string{{"文书类型", "首台（套）新产品发布会牌匾"}, {"牌匾编号", plaque.Number},
			{"获授企业", plaque.Enterprise}, {"统一社会信用代码", plaque.CreditCode}, {"发布产品", strings.Join(plaque.Products, "；")},
			{"发布会", fmt.Sprintf("%d 年度新产品发布会", plaque.Year)}, {"举办日期", plaque.HeldOn}, {"举办地点", plaque.Place},
			{"颁发日期", plaque.IssuedAt}})
	case *document.HonourClaims:
		reportFacts(&out, ring, kid, "荣誉证书签名有效", [][2]string{{"文书类型", "首台（套）新产品发布会荣誉证书"}, {"证书编号", honour.Number},
			{"姓名", honour.Name}, {"公民身份号码", honour.IDMasked}, {"项目角色", honour.Role}, {"研制产品", honour.Product},
			{"研制单位", honour.Enterprise}, {"发布会", fmt.Sprintf("%d 年度新产品发布会（%s）", honour.Year, honour.HeldOn)},
			{"颁发日期", honour.IssuedAt}})
	default:
		report(&out, c, ring, kid, now())
	}
	if _, err := stdout.Write(out.Bytes()); err != nil {
		fmt.Fprintln(stderr, "firstset cert verify: 无法输出结果："+err.Error())
		return ExitInvalid
	}
	return ExitOK
}

// readToken finds the token in what a person gave: a verify URL, a file
// (a PDF, or text holding a token or URL), standard input, or the token
// itself. The code says how a failure counts: an unreadable input is a
// usage error, a readable one without a token is not a certificate.
func readToken(arg string, stdin io.Reader) (string, int, error) {
	if looksLikeURL(arg) {
		t, err := tokenFromURL(arg)
		return t, ExitInvalid, err
	}
	if arg == "-" || isFile(arg) || strings.HasSuffix(strings.ToLower(arg), ".pdf") || !looksLikeToken(arg) {
		data, err := clifile.Read(arg, stdin, maxInputBytes)
		if err != nil {
			return "", ExitBadInput, fmt.Errorf("无法读取证书：%v", err)
		}
		if bytes.HasPrefix(data, []byte("%PDF-")) {
			t, err := document.TokenFromPDF(data)
			return t, ExitInvalid, err
		}
		text := strings.TrimSpace(string(data))
		if looksLikeURL(text) {
			t, err := tokenFromURL(text)
			return t, ExitInvalid, err
		}
		return text, ExitInvalid, nil
	}
	return arg, ExitInvalid, nil
}

func isFile(name string) bool {
	st, err := os.Stat(name)
	return err == nil && !st.IsDir()
}

func looksLikeURL(s string) bool {
	return strings.Contains(s, "://") || strings.Contains(s, "?t=") || strings.Contains(s, "&t=")
}

// looksLikeToken: two base64url parts around a dot, and no path.
func looksLikeToken(s string) bool {
	if !strings.Contains(s, ".") || strings.ContainsAny(s, `/\`) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

func tokenFromURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("核验网址无法解析：%v", err)
	}
	t := u.Query().Get("t")
	if t == "" {
		return "", errors.New("核验网址中没有证书码（参数 t）")
	}
	return t, nil
}

// shanghai is the platform's time zone; without the zone database its
// fixed offset is the same.
var shanghai = func() *time.Location {
	if loc, err := time.LoadLocation("Asia/Shanghai"); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}()

// report writes the verified facts, the key, where today falls in the
// validity, and what offline verification cannot know.
func report(w io.Writer, c document.CertificateClaims, ring document.KeyRing, kid string, now time.Time) {
	issuer := ring.Issuer
	if issuer == "" {
		issuer = document.DefaultIssuer
	}
	fmt.Fprintf(w, "证书签名有效：内容未被改动，由%s以平台公布的密钥签发。\n\n", issuer)
	facts := [][2]string{
		{"证书编号", c.Number},
		{"产品名称", c.ProductName},
		{"型号", c.Model},
		{"生产企业", c.Enterprise},
		{"统一社会信用代码", c.CreditCode},
		{"装备类别", c.Category},
		{"创新级别", c.InnovationLabel},
		{"认定文号", c.DocumentNumber},
		{"认定日期", c.RecognizedOn},
		{"有效期至", c.ValidUntil},
		{"发证日期", c.IssuedAt},
	}
	for _, f := range facts {
		if f[1] != "" {
			fmt.Fprintf(w, "%s：%s\n", f[0], f[1])
		}
	}
	key, _ := ring.Lookup(kid)
	fmt.Fprintf(w, "签名密钥：%s（%s 启用）\n\n", kid, key.CreatedAt.In(shanghai).Format(time.DateOnly))

	today := now.In(shanghai).Format(time.DateOnly)
	switch {
	case !isDate(c.RecognizedOn) || !isDate(c.ValidUntil):
		fmt.Fprintf(w, "有效期：证书所载日期不完整，无法判断今天（%s）是否在有效期内。\n", today)
	case today < c.RecognizedOn:
		fmt.Fprintf(w, "有效期：今天（%s）早于认定日期 %s，证书尚未生效。\n", today, c.RecognizedOn)
	case today > c.ValidUntil:
		fmt.Fprintf(w, "有效期：证书已于 %s 到期，今天（%s）已不在有效期内。\n", c.ValidUntil, today)
	default:
		fmt.Fprintf(w, "有效期：今天（%s）在有效期内（%s 至 %s）。\n", today, c.RecognizedOn, c.ValidUntil)
	}
	fmt.Fprintln(w, "注意：离线核验只能证明证书确由平台签发且内容未被改动，无法得知证书此后是否被撤销、变更或调整；证书的当前状态请以平台在线核验结果为准。")
}

// reportFacts writes a launch event document's verified facts; these do
// not expire, so there is no validity to judge.
func reportFacts(w io.Writer, ring document.KeyRing, kid, verdict string, facts [][2]string) {
	issuer := ring.Issuer
	if issuer == "" {
		issuer = document.DefaultIssuer
	}
	fmt.Fprintf(w, "%s：内容未被改动，由%s以平台公布的密钥签发。\n\n", verdict, issuer)
	for _, f := range facts {
		if f[1] != "" {
			fmt.Fprintf(w, "%s：%s\n", f[0], f[1])
		}
	}
	key, _ := ring.Lookup(kid)
	fmt.Fprintf(w, "签名密钥：%s（%s 启用）\n", kid, key.CreatedAt.In(shanghai).Format(time.DateOnly))
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// Key runs "cert key"; args start after "key". It prints the key ring
// the caller supplies, after checking it parses, so what it prints is
// what "cert verify --key" accepts.
func Key(args []string, stdout, stderr io.Writer, ring func() ([]byte, error)) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "firstset cert key: 不接受参数 %q\n%s\n", args[0], usage)
		return ExitBadInput
	}
	if ring == nil {
		fmt.Fprintln(stderr, "firstset cert key: 此版本无法读取平台数据库")
		return ExitInvalid
	}
	data, err := ring()
	if err == nil {
		_, err = document.ParseKeyRing(data)
	}
	if err != nil {
		fmt.Fprintln(stderr, "firstset cert key: 无法取得公钥："+oneLine(err.Error()))
		return ExitInvalid
	}
	if !bytes.HasSuffix(data, []byte("\n")) {
		data = append(data, '\n')
	}
	if _, err := stdout.Write(data); err != nil {
		fmt.Fprintln(stderr, "firstset cert key: 无法输出："+err.Error())
		return ExitInvalid
	}
	return ExitOK
}

// oneLine keeps a message on one line whatever a file name held.
func oneLine(s string) string {
	return strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(strings.TrimRight(s, "\r\n"))
}
