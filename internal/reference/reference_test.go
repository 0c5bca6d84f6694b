package reference

import (
	"bytes"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	jsv "github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

var update = flag.Bool("update", false, "rewrite schema/*.json and docs/ from the Go types")

// root is the repository's root, from this package's folder.
const root = "../.."

func TestSchemasCurrent(t *testing.T) {
	for _, k := range Kinds() {
		s, err := k.Generate(root)
		if err != nil {
			t.Fatalf("%s: %v", k.Name, err)
		}
		got, err := JSON(s)
		if err != nil {
			t.Fatal(err)
		}
		compareOrUpdate(t, filepath.Join(root, k.Schema), got)
	}
}

// compareOrUpdate fails when the file at path differs from want, or, with
// -update, writes it.
func compareOrUpdate(t *testing.T, path string, want []byte) {
	t.Helper()
	if *update {
		if os.Getenv("CI") != "" {
			t.Fatal("-update refuses to run under CI")
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run go test ./internal/reference -update", err)
	}
	if !bytes.Equal(have, want) {
		t.Errorf("%s is out of date with the Go types: run go test ./internal/reference -update", path)
	}
}

// TestShippedFilesValid validates every shipped YAML file against its
// schema, and checks that it names the schema for editors.
func TestShippedFilesValid(t *testing.T) {
	for _, k := range Kinds() {
		c := jsv.NewCompiler()
		sch, err := c.Compile(filepath.Join(root, k.Schema))
		if err != nil {
			t.Fatalf("%s: %v", k.Schema, err)
		}
		files, err := filepath.Glob(filepath.Join(root, k.Glob))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no files (%v)", k.Glob, err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(filepath.Dir(f), filepath.Join(root, k.Schema))
			if want := "# yaml-language-server: $schema=" + filepath.ToSlash(rel) + "\n"; want != k.SchemaLine()+"\n" {
				t.Errorf("%s: Kind.Up is wrong: the schema line would be %q, want %q", f, k.SchemaLine(), want)
			}
			if want := k.SchemaLine() + "\n"; !bytes.HasPrefix(data, []byte(want)) {
				t.Errorf("%s: the first line should be %q", f, want)
			}
			v, err := yamlValue(data)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if err := sch.Validate(v); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		}
	}
}

// TestSchemaRejects checks that the schemas catch the mistakes an editor
// should underline.
func TestSchemaRejects(t *testing.T) {
	for _, tt := range []struct{ schema, doc string }{
		{"schema/config.json", "clinics:\n  - id: a\n    papr: a4\n"},
		{"schema/config.json", "clinics:\n  - id: a\n    paper: a3\n"},
		{"schema/config.json", "clinics:\n  - id: a\n    colors: {primary: teal}\n"},
		{"schema/config.json", "clinics:\n  - id: a\n    variants: {direction: nipples}\n"},
		{"schema/routine.json", "id: x\nsteps:\n  - id: a\n    illustration:\n      marks:\n        - {kind: swep}\n"},
		{"schema/routine.json", "id: x\nsteps:\n  - id: a\n    illustration:\n      marks:\n        - {kind: circles, at: armpitt}\n"},
		{"schema/routine.json", "id: x\nsteps:\n  - id: a\n    variants: {direction: nipple}\n"},
		{"schema/translation.json", "language: es\nroutine: x\nstatus: drafted\n"},
	} {
		sch, err := jsv.NewCompiler().Compile(filepath.Join(root, tt.schema))
		if err != nil {
			t.Fatal(err)
		}
		v, err := yamlValue([]byte(tt.doc))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(v) == nil {
			t.Errorf("%s accepts:\n%s", tt.schema, tt.doc)
		}
	}
	for _, tt := range []struct{ schema, doc string }{
		{"schema/translation.json", "language: es\nroutine: x\nstatus: draft\n"},
		{"schema/config.json", "clinics:\n  - id: a\n    overrides: {tbml: {note: {en: Call us., es: Llámanos.}}}\n"},
	} {
		sch, err := jsv.NewCompiler().Compile(filepath.Join(root, tt.schema))
		if err != nil {
			t.Fatal(err)
		}
		v, err := yamlValue([]byte(tt.doc))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("%s rejects what careprint accepts:\n%s%v", tt.schema, tt.doc, err)
		}
	}
}

// yamlValue decodes YAML into the values a JSON Schema validator takes,
// scalars typed as YAML resolves them (a date stays text, as careprint
// reads it).
func yamlValue(data []byte) (any, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, err
	}
	return nodeValue(n.Content[0])
}

func nodeValue(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.AliasNode:
		return nodeValue(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := nodeValue(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		out := []any{}
		for _, c := range n.Content {
			v, err := nodeValue(c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	switch n.Tag {
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		err := n.Decode(&b)
		return b, err
	case "!!int", "!!float":
		var f float64
		err := n.Decode(&f)
		return f, err
	}
	return n.Value, nil
}

// TestDocsCurrent regenerates docs/ (the key pages, marks.md and its
// pictures) and fails when a file differs; -update writes them.
func TestDocsCurrent(t *testing.T) {
	docs, err := Docs(root)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, d := range docs {
		path := filepath.Join(root, "docs", filepath.FromSlash(d.Name))
		total += len(d.Data)
		if filepath.Ext(d.Name) == ".png" {
			comparePNG(t, path, d.Data)
			if len(d.Data) > 8<<10 {
				t.Errorf("%s: %d bytes: keep the pictures small (a few KiB)", d.Name, len(d.Data))
			}
			continue
		}
		compareOrUpdate(t, path, d.Data)
	}
	t.Logf("%d files, %d KiB", len(docs), total>>10)
	// a picture no longer generated (a mark renamed) is stale
	made := map[string]bool{}
	for _, d := range docs {
		made[d.Name] = true
	}
	imgs, _ := filepath.Glob(filepath.Join(root, "docs", "img", "*.png"))
	for _, f := range imgs {
		if name := "img/" + filepath.Base(f); !made[name] {
			if *update {
				if err := os.Remove(f); err != nil {
					t.Error(err)
				}
				continue
			}
			t.Errorf("docs/%s is no longer generated: run go test ./internal/reference -update", name)
		}
	}
}

// comparePNG compares the picture at path with want decoded, pixel by
// pixel with a small tolerance (rasterizers may round differently), or
// writes it with -update.
func comparePNG(t *testing.T, path string, want []byte) {
	t.Helper()
	if *update {
		compareOrUpdate(t, path, want)
		return
	}
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run go test ./internal/reference -update", err)
	}
	a, err1 := png.Decode(bytes.NewReader(have))
	b, err2 := png.Decode(bytes.NewReader(want))
	if err1 != nil || err2 != nil {
		t.Fatalf("%s: %v %v", path, err1, err2)
	}
	if a.Bounds() != b.Bounds() {
		t.Errorf("%s: %v, want %v: run go test ./internal/reference -update", path, a.Bounds(), b.Bounds())
		return
	}
	off := 0
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if absDiff(r1, r2) > 48<<8 || absDiff(g1, g2) > 48<<8 || absDiff(b1, b2) > 48<<8 {
				off++
			}
		}
	}
	if n := a.Bounds().Dx() * a.Bounds().Dy(); off*100 > n {
		t.Errorf("%s: %d of %d pixels differ: the drawing changed; run go test ./internal/reference -update and look at it", path, off, n)
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
