package firstset_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// layerRules say what a package may import (docs/architecture.md): the
// root holds the domain and imports only the standard library and the
// value packages; the engines are pure and never import the root; the
// HTTP layer asks the services through the root's interfaces and never
// reaches the concrete services or storage.
var layerRules = []struct {
	pkgs   func(pkg string) bool // the packages the rule is about
	refuse func(imp string) bool // an import they may not have
	why    string
}{
	{
		pkgs: func(p string) bool { return p == "firstset" },
		refuse: func(imp string) bool {
			return isModule(imp) && imp != "firstset/date" && imp != "firstset/money" || isThirdParty(imp)
		},
		why: "the root imports only the standard library, firstset/date and firstset/money",
	},
	{
		pkgs: func(p string) bool {
			return underAny(p, "firstset/policy", "firstset/tender", "firstset/search")
		},
		refuse: func(imp string) bool { return imp == "firstset" },
		why:    "the engines (policy, tender, search) never import the root",
	},
	{
		pkgs: func(p string) bool { return underAny(p, "firstset/cases", "firstset/workday") },
		refuse: func(imp string) bool {
			io := []string{"os", "net", "database/sql", "io/fs", "net/http", "log/slog"}
			return isModule(imp) && imp != "firstset" && imp != "firstset/date" || isThirdParty(imp) ||
				slices.ContainsFunc(io, func(p string) bool { return imp == p || strings.HasPrefix(imp, p+"/") })
		},
		why: "the case state machines and the working-day calendar are pure: data and functions, no I/O",
	},
	{
		pkgs: func(p string) bool { return underAny(p, "firstset/report") },
		refuse: func(imp string) bool {
			io := []string{"net", "database/sql", "log/slog"}
			return isModule(imp) && imp != "firstset/date" && imp != "firstset/money" && !underAny(imp, "firstset/report") ||
				slices.ContainsFunc(io, func(p string) bool { return imp == p || strings.HasPrefix(imp, p+"/") })
		},
		why: "the bulletin and report composer is pure: the services map their records into its types and store what it makes",
	},
	{
		pkgs: func(p string) bool { return underAny(p, "firstset/web") },
		refuse: func(imp string) bool {
			return underAny(imp, "firstset/service", "firstset/sqlstore", "firstset/sqlite", "firstset/postgres")
		},
		why: "pages and API ask the services through the root's interfaces and Can… rules",
	},
	{
		pkgs: func(p string) bool { return underAny(p, "firstset/web/api") },
		refuse: func(imp string) bool {
			return imp == "firstset/web" || underAny(imp, "firstset/web/ui")
		},
		why: "the API shares only the leaves (httpx, sheet) with the pages, and the assembly mounts it",
	},
	{
		pkgs: func(p string) bool { return underAny(p, "firstset/web/ui") },
		refuse: func(imp string) bool {
			return imp == "firstset/web" || underAny(imp, "firstset/web/api")
		},
		why: "the pages share only the leaves (httpx, sheet) with the API, and the assembly mounts them",
	},
	{
		pkgs: func(p string) bool { return underAny(p, "firstset/web/httpx", "firstset/web/sheet") },
		refuse: func(imp string) bool {
			return imp == "firstset/web" || underAny(imp, "firstset/web/ui", "firstset/web/api")
		},
		why: "the shared leaves of the HTTP layer import neither audience nor the assembly",
	},
}

func isModule(imp string) bool { return imp == "firstset" || strings.HasPrefix(imp, "firstset/") }

// isThirdParty: a first path element with a dot is a module from elsewhere.
func isThirdParty(imp string) bool {
	first, _, _ := strings.Cut(imp, "/")
	return strings.Contains(first, ".")
}

func underAny(pkg string, roots ...string) bool {
	return slices.ContainsFunc(roots, func(r string) bool { return pkg == r || strings.HasPrefix(pkg, r+"/") })
}

// TestLayers reads the imports of every non-test Go file of the module.
func TestLayers(t *testing.T) {
	imports := map[string]map[string]bool{} // package path → its imports
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); p != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := path.Join("firstset", filepath.ToSlash(filepath.Dir(p)))
		if imports[pkg] == nil {
			imports[pkg] = map[string]bool{}
		}
		for _, spec := range f.Imports {
			imp, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				return err
			}
			imports[pkg][imp] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(imports) < 10 || imports["firstset"] == nil {
		t.Fatalf("read %d packages; is the test run from the module's root?", len(imports))
	}
	for _, rule := range layerRules {
		for pkg, imps := range imports {
			if !rule.pkgs(pkg) {
				continue
			}
			for imp := range imps {
				if rule.refuse(imp) {
					t.Errorf("%s imports %s: %s", pkg, imp, rule.why)
				}
			}
		}
	}
}
