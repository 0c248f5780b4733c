package tendercli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"firstset/date"
	"firstset/tender"
)

// fakeCatalog answers lookups of product 7 and records the database asked.
type fakeCatalog struct{ askedDSN string }

func (c *fakeCatalog) lookup(dsn string, id int64) (tender.Product, error) {
	c.askedDSN = dsn
	switch id {
	case 7:
		return tender.Product{Name: "盾构机", Certificate: "FS-7-20240601", RecognizedOn: date.MustParse("2024-06-01")}, nil
	case 8:
		return tender.Product{}, errors.New("open database: connection refused")
	}
	return tender.Product{}, fmt.Errorf("%w: 编号为 %d 的装备不在首台（套）目录中", ErrNotInCatalog, id)
}

func runWith(t *testing.T, lookup ProductLookup, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := RunWith(args, strings.NewReader(stdin), &out, &errb, lookup)
	return code, out.String(), errb.String()
}

func TestProductFromCatalogWithInsuredFlag(t *testing.T) {
	doc := "投标人须提供产品市场占有率证明。\n中标人须按合同价的5%缴纳质量保证金。\n"
	for _, insured := range []bool{false, true} {
		catalog := &fakeCatalog{}
		args := []string{"check", "--json", "--product", "7", "--db", "some.db", "-"}
		if insured {
			args = append(args, "--insured")
		}
		code, out, errs := runWith(t, catalog.lookup, doc, args...)
		if code != 0 {
			t.Fatalf("insured=%v: exit %d: %s", insured, code, errs)
		}
		if catalog.askedDSN != "some.db" {
			t.Errorf("lookup asked database %q, want the --db value", catalog.askedDSN)
		}
		var rep jsonReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		if rep.FirstSet == nil || !rep.FirstSet.Valid || strings.Join(rep.FirstSet.DeemedMet, ",") != "MARKET_SHARE,PAST_PERFORMANCE" {
			t.Fatalf("insured=%v: first_set %+v", insured, rep.FirstSet)
		}
		if rep.FirstSet.NoQualityDeposit != insured {
			t.Errorf("--insured=%v gave no_quality_deposit=%v", insured, rep.FirstSet.NoQualityDeposit)
		}
	}
}

func TestProductFlagErrors(t *testing.T) {
	catalog := &fakeCatalog{}
	clean := writeFile(t, "ok.txt", []byte("投标文件应以中文编写。\n"))
	product := writeFile(t, "p.json", []byte(`{"name":"x","recognized_on":"2024-06-01"}`))
	cases := []struct {
		lookup  ProductLookup
		args    []string
		code    int
		message string
	}{
		{catalog.lookup, []string{"check", "--product", "9", clean}, ExitUsage, "不在首台（套）目录中"},
		{catalog.lookup, []string{"check", "--product", "8", clean}, ExitFailure, "connection refused"},
		{catalog.lookup, []string{"check", "--product", "0", clean}, ExitUsage, "positive"},
		{catalog.lookup, []string{"check", "--product", "abc", clean}, ExitUsage, "product"},
		{catalog.lookup, []string{"check", "--product", "7", "--product-file", product, clean}, ExitUsage, "alternatives"},
		{catalog.lookup, []string{"check", "--db", "x.db", clean}, ExitUsage, "--db"},
		{catalog.lookup, []string{"check", "--insured", clean}, ExitUsage, "--insured"},
		{nil, []string{"check", "--product", "7", clean}, ExitUsage, "database"},
	}
	for _, c := range cases {
		code, out, errs := runWith(t, c.lookup, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.message) || out != "" {
			t.Errorf("%v: exit %d stdout %q stderr %q, want exit %d mentioning %q", c.args, code, out, errs, c.code, c.message)
		}
	}
	// --insured also marks a product read from a file.
	code, out, errs := runWith(t, nil, "中标人须按合同价的5%缴纳质量保证金。\n", "check", "--json", "--insured", "--product-file", product, "-")
	if code != 0 || !strings.Contains(out, `"no_quality_deposit": true`) {
		t.Errorf("--insured with --product-file: exit %d %s %s", code, errs, out)
	}
}
