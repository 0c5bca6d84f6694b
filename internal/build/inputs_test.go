package build

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	careprint "github.com/careprint/careprint"
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

// TestBuiltListsJobsMadeWithTheSameInputs: the jobs the last build made
// with the inputs they have now are listed (Check does not lay them out
// again); a changed clinic, --force or another folder lists none.
func TestBuiltListsJobsMadeWithTheSameInputs(t *testing.T) {
	t.Parallel()
	p, err := Load("", careprint.Files)
	if err != nil {
		t.Fatal(err)
	}
	o := Options{Out: t.TempDir(), Lang: "en", Routine: "tbml", Format: "pdf"}
	jobs, err := p.Plan(o)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Built(jobs, o); len(got) != 0 {
		t.Errorf("before any build: %v", got)
	}
	if _, err := p.Run(context.Background(), jobs, o); err != nil {
		t.Fatal(err)
	}
	if got := p.Built(jobs, o); !got[jobs[0].key()] || len(got) != 1 {
		t.Errorf("after the build: %v, want %s", got, jobs[0].key())
	}
	force := o
	force.Force = true
	if got := p.Built(jobs, force); len(got) != 0 {
		t.Errorf("with --force: %v", got)
	}
	if _, err := p.CheckBuild(jobs, o); err != nil {
		t.Fatal(err)
	}
	p.Config.Clinics[0].Contact.Phone = "555 0100"
	if got := p.Built(jobs, o); len(got) != 0 {
		t.Errorf("after the clinic's phone changed: %v", got)
	}
	// a changed clinic is laid out again before anything is built
	p.Config.Clinics[0].Name = "Riverside \U0001F600"
	if _, err := p.CheckBuild(jobs, o); err == nil || !strings.Contains(err.Error(), "no font can draw") {
		t.Errorf("CheckBuild with a name no font draws: %v", err)
	}
}
