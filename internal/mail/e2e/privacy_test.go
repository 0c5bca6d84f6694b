package e2e

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestNothingLeftBehind runs make and send in every way they can be
// run, successful or not, with HOME, TMPDIR and the cache and config
// folders pointed at empty test folders, and then looks for the client
// in them, in out/ and in the working folder: only the files asked for
// (-o, --eml) may exist, and no output line names the client.
func TestNothingLeftBehind(t *testing.T) {
	srv := startServer(t)
	home, tmp, cache, conf, work := t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir(), t.TempDir()
	cfg := writeConfig(t, work, srv.addr, srv.caFile, "")
	t.Setenv("HOME", home)
	t.Setenv("TMPDIR", tmp)
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("XDG_CONFIG_HOME", conf)
	t.Setenv("CAREPRINT_SMTP_PASSWORD", password)
	t.Setenv("CAREPRINT_PDF_PASSWORD", "a-long-password")
	t.Chdir(work)
	note := "Qwertzuiop note"
	base := []string{"make", "--config", cfg, "--routine", "rps,tbml", "--lang", "es", "--client", client, "--note", note, "--consultant", "Mxyzptlk"}
	var output strings.Builder
	for _, tc := range []struct {
		args []string
		ok   bool
	}{
		{append(base, "-o", "asked.pdf", "--png"), true},
		{append(base, "--protect", "--email", "--to", "ana@example.com"), true},
		{append(base, "--email", "--to", "ana@example.com", "--eml", "draft.eml", "--remind", "08:00"), true},
		{append(base, "--email", "--to", refused), false},                           // fails after rendering
		{append(base, "--email", "--to", "ana@example.com", "--days", "40"), false}, // fails in validation
		{[]string{"send", "--config", cfg, "--to", "ana@example.com", "--lang", "es", "--client", client, "asked.pdf"}, true},
	} {
		code, stdout, stderr := run(t, tc.args...)
		output.WriteString(stdout + stderr)
		if (code == 0) != tc.ok {
			t.Fatalf("%v: exit %d: %s", tc.args, code, stderr)
		}
	}
	if got := len(srv.messages()); got != 2 {
		t.Errorf("%d messages arrived, want 2 (the draft is not sent)", got)
	}
	for _, secret := range []string{client, note, "Mxyzptlk"} {
		if strings.Contains(output.String(), secret) {
			t.Errorf("the output names %q:\n%s", secret, output.String())
		}
	}
	asked := map[string]bool{"asked.pdf": true, "asked.png": true, "draft.eml": true, "config.yaml": true}
	for _, dir := range []string{home, tmp, cache, conf, work} {
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(work, path)
			if dir == work && asked[rel] {
				return nil
			}
			t.Errorf("left behind: %s", path)
			data, _ := os.ReadFile(path)
			for _, secret := range []string{client, note} {
				if bytes.Contains(data, []byte(secret)) || bytes.Contains(data, utf16be(secret)) {
					t.Errorf("%s holds %q", path, secret)
				}
			}
			return nil
		})
	}
	if _, err := os.Stat(filepath.Join(work, "out")); !os.IsNotExist(err) {
		t.Errorf("make touched the output folder out/: %v", err)
	}
}

func utf16be(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}
