package yamlx

import (
	"strings"
	"testing"
)

type inner struct {
	Count int `yaml:"count"`
}

type outer struct {
	Name  string           `yaml:"name"`
	Items []inner          `yaml:"items"`
	ByKey map[string]inner `yaml:"by_key"`
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown top key", "name: a\nnmae: b\n", `f.yaml:2:1: unknown key "nmae" (did you mean "name"?)`},
		{"unknown nested in list", "items:\n  - count: 1\n  - cuont: 2\n", `f.yaml:3:5: unknown key "cuont" (did you mean "count"?)`},
		{"unknown in map value", "by_key:\n  a:\n    zzzzzz: 1\n", `f.yaml:3:5: unknown key "zzzzzz" (valid: count)`},
		{"type error", "items:\n  - count: many\n", `f.yaml:2:12: "many" is not a whole number: write one like 3`},
		{"syntax error", "name: [a\n", "f.yaml:1: did not find expected ',' or ']'"},
		{"empty", "", "f.yaml:1: the file is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o outer
			err := Decode("f.yaml", []byte(tt.src), &o)
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("got  %q\nwant %q", err.Error(), tt.want)
			}
		})
	}
}

func TestDecodeOK(t *testing.T) {
	var o outer
	if err := Decode("f.yaml", []byte("name: x\nitems: [{count: 3}]\n"), &o); err != nil {
		t.Fatal(err)
	}
	if o.Name != "x" || len(o.Items) != 1 || o.Items[0].Count != 3 {
		t.Errorf("decoded %+v", o)
	}
}

// TestShapeLimits: alias expansion ("billion laughs") and nesting are
// bounded, and the error names file:line:col.
func TestShapeLimits(t *testing.T) {
	t.Parallel()
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i, c := range "bcdefghij" {
		prev := string("abcdefghij"[i])
		laughs += string(c) + ": &" + string(c) + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
	}
	deep := strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n"
	deepAlias := "a: &a [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\nb: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[*a]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n"
	for _, tt := range []struct{ name, src, want string }{
		{"billion laughs", laughs, "f.yaml:5:44: more than 100000 values once aliases are written out"},
		{"deep", deep, "f.yaml:1:65: nested more than 64 levels deep"},
		{"deep through an alias", deepAlias, "nested more than 64 levels deep once aliases are written out"},
	} {
		var v any
		err := Decode("f.yaml", []byte(tt.src), &v)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
	var v any
	if err := Decode("f.yaml", []byte("a: &a {x: 1}\nb: *a\nc: *a\n"), &v); err != nil {
		t.Errorf("a few aliases: %v", err)
	}
}
