// Package tendercli is the command-line logic of `firstset tender`:
//
//	firstset tender check [--json] [--product-file F | --product ID [--db DSN]] [--insured] FILE
//
// FILE is a .txt, .docx or .html tender document ("-" reads plain text from
// standard input). Exit 0 when the check ran, with or without findings; 1 when
// the database could not be read or the report not written; 2 for a bad
// command line or an unreadable or unsupported file.
package tendercli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"firstset/date"
	"firstset/policy"
	"firstset/tender"
	"firstset/tender/extract"
)

const usage = `用法: firstset tender check [--json] [--product-file F | --product ID [--db DSN]] [--insured] FILE
  检查招标文件中限制或排斥首台（套）重大技术装备的条款。
  FILE           .txt、.docx 或 .html 文件；"-" 从标准输入读取文本
  --json         输出 JSON
  --product-file 首台（套）产品 JSON：{"name","model","enterprise","certificate",
                 "recognized_on":"2024-06-01","valid_until":"2027-05-31","insured":true}
  --product      目录中装备的编号：从数据库读取（须为已认定且在有效期内的装备）
  --db           数据库（SQLite 文件或 postgres:// 地址），默认取 FIRSTSET_DB
  --insured      该装备已投保首台（套）保险（目录尚未记录投保情况）
`

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1 // the database could not be read, or the report not written
	ExitUsage   = 2 // bad arguments, unreadable or unsupported file, unusable product
)

// ErrNotInCatalog is wrapped by a ProductLookup's error when the id names
// no product in force in the catalog; the check then exits 2, as for any
// bad input, rather than 1 as for a failing database.
var ErrNotInCatalog = errors.New("not a recognised product in the catalog")

// ProductLookup finds catalog product id in the database dsn names ("" for
// the default one). The caller supplies it, so this package stays free of
// storage.
type ProductLookup func(dsn string, id int64) (tender.Product, error)

// Today is the day a check is made on; tests replace it.
var Today = date.Today

// Run runs `firstset tender ARGS…`; args begin after "tender". --product
// is refused: there is no database to look it up in.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return RunWith(args, stdin, stdout, stderr, nil)
}

// RunWith is Run with a way to look up --product; lookup may be nil.
func RunWith(args []string, stdin io.Reader, stdout, stderr io.Writer, lookup ProductLookup) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	if args[0] != "check" {
		fmt.Fprintf(stderr, "firstset tender: unknown command %q\n%s", args[0], usage)
		return ExitUsage
	}
	return runCheck(args[1:], stdin, stdout, stderr, lookup)
}

func runCheck(args []string, stdin io.Reader, stdout, stderr io.Writer, lookup ProductLookup) int {
	fs := flag.NewFlagSet("tender check", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "")
	productFile := fs.String("product-file", "", "")
	productID := fs.Int64("product", 0, "")
	dsn := fs.String("db", "", "")
	insured := fs.Bool("insured", false, "")
	// Flags may follow the file name too: `tender check doc.docx --json`.
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			fmt.Fprintf(stderr, "firstset tender check: %v\n%s", err, usage)
			return ExitUsage
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(positional) != 1 {
		fmt.Fprintf(stderr, "firstset tender check: need exactly one FILE, got %d\n%s", len(positional), usage)
		return ExitUsage
	}

	if msg := productFlagConflict(fs, *productFile, *productID); msg != "" {
		fmt.Fprintf(stderr, "firstset tender check: %s\n%s", msg, usage)
		return ExitUsage
	}

	opt := tender.Options{On: Today()}
	switch {
	case *productFile != "":
		p, err := readProduct(*productFile)
		if err != nil {
			fmt.Fprintf(stderr, "firstset tender check: %v\n", err)
			return ExitUsage
		}
		opt.Product = &p
	case *productID != 0:
		if lookup == nil {
			fmt.Fprintln(stderr, "firstset tender check: --product needs the platform's database, which this build cannot open")
			return ExitUsage
		}
		p, err := lookup(*dsn, *productID)
		if err != nil {
			fmt.Fprintf(stderr, "firstset tender check: --product %d: %v\n", *productID, err)
			if errors.Is(err, ErrNotInCatalog) {
				return ExitUsage
			}
			return ExitFailure
		}
		opt.Product = &p
	}
	if *insured {
		opt.Product.Insured = true
	}

	doc, err := readDocument(positional[0], stdin)
	if err != nil {
		fmt.Fprintf(stderr, "firstset tender check: %v\n", err)
		return ExitUsage
	}
	opt.Paragraphs = doc.Format == extract.DOCX
	rep := tender.Check(doc.Lines, opt)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintf(stderr, "firstset tender check: write report: %v\n", err)
			return ExitFailure
		}
		return ExitOK
	}
	writeReadable(stdout, positional[0], doc.Format, rep)
	return ExitOK
}

// productFlagConflict says what is wrong with the product flags, or "".
func productFlagConflict(fs *flag.FlagSet, productFile string, productID int64) string {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	switch {
	case productFile != "" && given["product"]:
		return "--product-file and --product are alternatives; give one"
	case given["product"] && productID <= 0:
		return "--product: need a positive product id"
	case given["db"] && !given["product"]:
		return "--db is only read with --product"
	case given["insured"] && productFile == "" && !given["product"]:
		return "--insured needs --product or --product-file"
	}
	return ""
}

// readDocument reads FILE, or standard input for "-", with the
// extractor's limits; what is wrong with a file is said in Chinese.
func readDocument(name string, stdin io.Reader) (extract.Document, error) {
	if name == "-" {
		data, err := io.ReadAll(io.LimitReader(stdin, extract.MaxFileBytes+1))
		if err != nil {
			return extract.Document{}, fmt.Errorf("读取标准输入：%w", err)
		}
		if len(data) > extract.MaxFileBytes {
			return extract.Document{}, fmt.Errorf("标准输入超过 %s 的上限", extract.SizeText(extract.MaxFileBytes))
		}
		return extract.Bytes("stdin.txt", data)
	}
	doc, err := extract.File(name)
	if errors.Is(err, extract.ErrUnsupported) || errors.Is(err, extract.ErrMalformed) || errors.Is(err, extract.ErrTooLarge) {
		return doc, fmt.Errorf("无法检查 %s：%s", name, extract.Message(err))
	}
	return doc, err
}

// readProduct reads the --product-file JSON; unknown fields are errors so a
// misspelt "insured" is not silently false.
func readProduct(path string) (tender.Product, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return tender.Product{}, fmt.Errorf("read product file: %w", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	var p tender.Product
	if err := dec.Decode(&p); err != nil {
		return tender.Product{}, fmt.Errorf("product file %s: %w", path, err)
	}
	if strings.TrimSpace(p.Name) == "" {
		return tender.Product{}, fmt.Errorf("product file %s: name: must not be empty", path)
	}
	if p.RecognizedOn.IsZero() && p.ValidUntil.IsZero() {
		return tender.Product{}, fmt.Errorf("product file %s: recognized_on: required (or valid_until)", path)
	}
	// The catalog's validity rule, as for a product read from the database.
	if p.ValidUntil.IsZero() {
		// The policy's validity years in force on the recognition day.
		p.ValidUntil, _ = policy.DefaultParams().ValidUntil(p.RecognizedOn)
	}
	return p, nil
}

var severityNames = map[tender.Severity]string{tender.High: "高", tender.Medium: "中", tender.Low: "低"}

func writeReadable(w io.Writer, name string, format extract.Format, rep tender.Report) {
	unit := "行"
	if format == extract.DOCX {
		unit = "段"
	}
	fmt.Fprintf(w, "招标文件检查报告：%s\n", name)
	fmt.Fprintf(w, "共检查 %d 个条款，发现 %d 处问题", rep.Clauses, rep.Occurrences)
	if rep.Occurrences != len(rep.Findings) {
		fmt.Fprintf(w, "，相同的问题合并列出，共列出 %d 条", len(rep.Findings))
	}
	fmt.Fprintln(w, "。")
	if rep.Omitted > 0 {
		fmt.Fprintf(w, "另有 %d 处问题未列出：每份文件最多列出 %d 条不同的问题。\n", rep.Omitted, rep.MaxFindings)
	}
	if rep.EstimatedPriceYuan != "" {
		fmt.Fprintf(w, "文件载明的估算价（预算或最高限价）：%s 元\n", rep.EstimatedPriceYuan)
	}
	for i, f := range rep.Findings {
		fmt.Fprintf(w, "\n%d. [%s] %s（%s）第%d%s 第%d–%d字\n", i+1, severityNames[f.Severity], f.Rule.Title(), f.Rule, f.Line, unit, f.Start+1, f.End)
		fmt.Fprintf(w, "   原文：%s\n", f.Quote)
		if f.Count > 1 {
			lines := make([]string, len(f.Repeats))
			for k, p := range f.Repeats {
				lines[k] = fmt.Sprintf("第%d%s", p.Line, unit)
			}
			more := ""
			if f.Count > 1+len(f.Repeats) {
				more = "等"
			}
			fmt.Fprintf(w, "   共 %d 处：另见%s%s\n", f.Count, strings.Join(lines, "、"), more)
		}
		if f.Reason != "" {
			fmt.Fprintf(w, "   说明：%s\n", f.Reason)
		}
		cites := make([]string, len(f.Basis))
		for k, b := range f.Basis {
			cites[k] = b.Cite
		}
		fmt.Fprintf(w, "   依据：%s\n", strings.Join(cites, "；"))
		fmt.Fprintf(w, "   建议：%s\n", f.Suggestion)
		if f.FirstSet != "" {
			fmt.Fprintf(w, "   首台（套）：%s\n", f.FirstSet)
		}
	}
	if fs := rep.FirstSet; fs != nil {
		fmt.Fprintf(w, "\n首台（套）产品：%s\n", fs.Product.Name)
		for _, n := range fs.Notes {
			fmt.Fprintf(w, "  - %s\n", n)
		}
	}
	if len(rep.Findings) == 0 {
		fmt.Fprintln(w, "\n未发现限制或排斥首台（套）重大技术装备的条款。")
	}
}
