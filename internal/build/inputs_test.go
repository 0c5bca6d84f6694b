package build

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestProgramHashIsTheBuildID: the program is identified by the build ID
// go tool buildid reads from the executable (this test binary).
func TestProgramHashIsTheBuildID(t *testing.T) {
	t.Parallel()
	got, err := programHash()
	if err != nil {
		t.Fatal(err)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	if want := "go-build-id:" + strings.TrimSpace(string(out)); got != want {
		t.Errorf("programHash() = %q, want %q", got, want)
	}
}
