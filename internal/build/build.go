package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/draw/pdf"
	"github.com/careprint/careprint/internal/draw/raster"
	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/publish"
	"github.com/careprint/careprint/internal/routine"
	"github.com/careprint/careprint/internal/yamlx"
)

// Options narrow and steer a build. Empty filters mean all.
type Options struct {
	Out     string
	Clinic  string
	Lang    string
	Routine string
	Format  string // pdf | png
	Jobs    int    // workers; 0 means one per core
	Large   bool   // large print for every clinic
	Force   bool   // rebuild even what is unchanged
	Shard   string // "i/n": build only the i-th of n stable shares of the jobs
	// Progress, if set, is called after each job (from one goroutine).
	Progress func(Event)
	// Note, if set, is told what a job made differs from what it was
	// asked for (a poster without its Remember box, for want of room),
	// from one goroutine.
	Note func(string)
}

// full reports a build of everything: only such a build removes files
// of jobs that no longer exist.
func (o Options) full() bool {
	return o.Clinic == "" && o.Lang == "" && o.Routine == "" && o.Format == "" && o.Shard == ""
}

// Job is one unit of work: one routine for one clinic in one language in
// one format.
type Job struct {
	Clinic *config.Clinic
	Lang   string // the language asked for: the folder and the PDF's language
	// Words is the language with content that Lang matched (es for es-MX).
	Words   string
	Routine *routine.Routine
	Format  string
	Large   bool // large print asked for on the command line
}

// Name is the job's output path without extension: clinic/lang/routine.
func (j Job) Name() string { return j.Clinic.ID + "/" + j.Lang + "/" + j.Routine.ID }

// key is the job's entry in the manifest: clinic/lang/routine.format.
func (j Job) key() string { return j.Name() + "." + j.Format }

// Plan expands the project into jobs, in a stable order.
func (p *Project) Plan(o Options) ([]Job, error) {
	var jobs []Job
	if o.Clinic != "" && !slices.ContainsFunc(p.Config.Clinics, func(cl config.Clinic) bool { return cl.ID == o.Clinic }) {
		var ids []string
		for _, cl := range p.Config.Clinics {
			ids = append(ids, cl.ID)
		}
		return nil, fmt.Errorf("--clinic %q: no such clinic in %s%s", o.Clinic, p.Config.File, yamlx.Suggest(o.Clinic, ids))
	}
	if o.Routine != "" && p.Routine(o.Routine) == nil {
		return nil, fmt.Errorf("--routine %q: no such routine%s", o.Routine, yamlx.Suggest(o.Routine, p.routineIDs()))
	}
	for i := range p.Config.Clinics {
		cl := &p.Config.Clinics[i]
		if o.Clinic != "" && cl.ID != o.Clinic {
			continue
		}
		langs := cl.Languages
		if o.Lang != "" {
			langs = []string{o.Lang}
		}
		ids := cl.Routines
		if len(ids) == 0 {
			for _, r := range p.Routines {
				ids = append(ids, r.ID)
			}
		}
		formats := cl.Formats
		if o.Format != "" {
			formats = []string{o.Format}
		}
		for _, lang := range langs {
			words, err := p.MatchLanguage(lang)
			if err != nil && o.Lang != "" {
				return nil, fmt.Errorf("--lang: %w", err)
			} else if err != nil {
				return nil, err
			}
			for _, id := range ids {
				if o.Routine != "" && id != o.Routine {
					continue
				}
				r := p.Routine(id)
				if r == nil {
					return nil, fmt.Errorf("unknown routine %q", id)
				}
				for _, f := range formats {
					jobs = append(jobs, Job{Clinic: cl, Lang: lang, Words: words, Routine: r, Format: f, Large: o.Large})
				}
			}
		}
	}
	if o.Shard != "" {
		var err error
		if jobs, err = shard(jobs, o.Shard); err != nil {
			return nil, err
		}
	}
	if len(jobs) == 0 && o.Shard == "" {
		return nil, fmt.Errorf("nothing to build: no job matches the filters")
	}
	return jobs, nil
}

// Summary counts what a build did.
type Summary struct {
	Jobs      int
	Written   int // files written
	Unchanged int // files whose job was skipped: inputs and files unchanged
	Removed   int // files no longer produced, removed
	Failed    int // jobs
	Elapsed   time.Duration
}

// Event reports one finished job to a progress display.
type Event struct {
	Job     Job
	Done    int // jobs finished so far
	Total   int
	Files   int  // files of this job
	Skipped bool // unchanged
	Err     error
}

// maxErrors caps how many job errors a build collects before it stops.
const maxErrors = 20

// result is a finished job: its files (name below out/ -> bytes) or error.
type result struct {
	job    Job
	key    string
	inputs string
	files  map[string][]byte
	notes  []string // what the files leave out
	skip   bool
	err    error
}

// Run renders the jobs in a bounded worker pool (one worker per core by
// default), skips jobs whose inputs and files are unchanged since the last
// build (unless o.Force), publishes each file atomically and records it in
// the manifest. A full build (no filters, no shard) also removes the files
// of jobs it no longer has. Errors of all jobs are collected, up to a cap,
// and returned together; the other jobs are still published.
func (p *Project) Run(ctx context.Context, jobs []Job, o Options) (Summary, error) {
	start := time.Now()
	sum := Summary{Jobs: len(jobs)}
	out := publish.Dir{Root: o.Out}
	release, err := out.Acquire()
	if err != nil {
		return sum, err
	}
	defer release()
	man, err := out.ReadManifest()
	var merr *publish.ManifestError
	if errors.As(err, &merr) && o.Force {
		// --force rebuilds every job: nothing the damaged manifest
		// lists is trusted, and a new one replaces it
		man, err = &publish.Manifest{Jobs: map[string]publish.ManifestJob{}}, nil
	}
	if err != nil {
		return sum, err
	}
	if merr == nil {
		if err := checkGallery(out, man); err != nil {
			return sum, err
		}
	}
	prog, err := programHash()
	if err != nil {
		return sum, err
	}
	digests, err := p.inputs(jobs, prog)
	if err != nil {
		return sum, err
	}
	// a full build checks every file its manifest will list: its check
	// stamp begins before it checks any (and is removed if the build ends
	// without putting it in place)
	var check *publish.Check
	if o.full() {
		if check, err = out.BeginCheck(); err != nil {
			return sum, err
		}
		defer check.Abort()
	}
	stamp := man.Stamp()
	// the jobs' new records wait on disk, not in memory, until the
	// manifest is written; man.Jobs keeps the last build's records, which
	// the workers read, until then
	records, err := out.NewRecords()
	if err != nil {
		return sum, err
	}
	defer records.Close()
	prev := man.Jobs
	workers := o.Jobs
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan Job)
	done := make(chan result)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range in {
				r := result{job: j, key: j.key()}
				r.inputs, r.err = digests.hash(p, j)
				if r.err == nil && !o.Force {
					r.skip = unchanged(out, prev, stamp, r.key, r.inputs)
				}
				if r.err == nil && !r.skip {
					r.files, r.notes, r.err = p.renderJob(j)
				}
				if r.err == nil && !r.skip {
					r.err = publishAll(out, r.files)
				}
				done <- r
			}
		}()
	}
	go func() {
		defer close(in)
		for _, j := range jobs {
			select {
			case in <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(done) }()

	var errs []error
	n := 0
	for r := range done {
		n++
		ev := Event{Job: r.job, Done: n, Total: len(jobs), Skipped: r.skip, Err: r.err}
		switch {
		case r.err != nil:
			sum.Failed++
			errs = append(errs, r.err)
			if len(errs) >= maxErrors {
				cancel()
			}
		case r.skip:
			ev.Files = len(man.Jobs[r.key].Files)
			sum.Unchanged += ev.Files
		default:
			mj := publish.ManifestJob{Inputs: r.inputs, Files: map[string]string{}}
			for name, data := range r.files {
				mj.Files[name] = publish.Sum(data)
			}
			// files the job made last time but not now (fewer steps)
			for name := range man.Jobs[r.key].Files {
				if _, ok := mj.Files[name]; !ok {
					if err := out.Remove(name); err == nil {
						sum.Removed++
					}
				}
			}
			if err := records.Add(r.key, mj); err != nil {
				sum.Failed++
				errs = append(errs, fmt.Errorf("%s: %w", r.key, err))
				cancel()
			}
			ev.Files = len(r.files)
			sum.Written += ev.Files
		}
		if o.Note != nil && r.err == nil {
			for _, n := range r.notes {
				o.Note(n)
			}
		}
		if o.Progress != nil {
			o.Progress(ev)
		}
	}
	if err := records.Each(func(key string, mj publish.ManifestJob) { man.Jobs[key] = mj }); err != nil {
		// the files are written but not recorded: the next build makes
		// them again; the manifest still gets what is known
		errs = append(errs, err)
	}
	interrupted := ctx.Err() != nil && len(errs) < maxErrors
	if o.full() && !interrupted && len(errs) == 0 {
		planned := map[string]bool{}
		for _, j := range jobs {
			planned[j.key()] = true
		}
		for key, mj := range man.Jobs {
			if planned[key] || key == galleryKey {
				continue
			}
			for name := range mj.Files {
				if err := out.Remove(name); err != nil {
					return sum, err
				}
				sum.Removed++
			}
			delete(man.Jobs, key)
		}
	}
	man.Version = Version
	var gerr error
	if o.Shard != "" {
		// a shard's manifest holds its own share only, even in a folder
		// other shards write to, so a merge can tell what each built
		i, n, _ := parseShard(o.Shard)
		for key := range man.Jobs {
			if shardOf(key, n) != i {
				delete(man.Jobs, key)
			}
		}
	} else {
		// the gallery links what the manifest lists, the skipped jobs'
		// files too; shards have a share of the files: careprint merge
		// writes the gallery of the whole. The manifest is written even
		// if the gallery fails.
		gerr = p.publishGallery(out, man)
	}
	if !o.full() || interrupted || len(errs) > 0 || gerr != nil {
		check = nil // not every file was checked: no stamp
	}
	if check, err = check.Finish(man); err != nil {
		check = nil // no stamp: the next build reads the files again
	}
	defer check.Abort()
	// always: a manifest or SHA256SUMS that a killed build left out of
	// step is set right even when no job had anything to do
	if err := out.WriteManifest(man, o.Shard, check); err != nil {
		return sum, err
	}
	if gerr != nil {
		return sum, fmt.Errorf("gallery: %w", gerr)
	}
	sum.Elapsed = time.Since(start)
	if len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Error()
		}
		return sum, fmt.Errorf("%d of %d jobs failed:\n%s", sum.Failed, len(jobs), strings.Join(msgs, "\n"))
	}
	if interrupted {
		return sum, fmt.Errorf("interrupted: %d of %d jobs done; the files written are complete, run again to finish", n, len(jobs))
	}
	return sum, nil
}

// Built lists, by key, the jobs of jobs that the last build into o.Out
// made with the inputs they have now: it laid them out, and it recorded
// them only because they succeeded. It reads the manifest without the
// build's lock, for Check; whether their files are intact is for Run to
// tell (a damaged file is made again from the same inputs). With
// o.Force, or a manifest that cannot be read, it lists none.
func (p *Project) Built(jobs []Job, o Options) map[string]bool {
	if o.Force || o.Out == "" {
		return nil
	}
	man, err := publish.Dir{Root: o.Out}.ReadManifest()
	if err != nil || len(man.Jobs) == 0 {
		return nil
	}
	prog, err := programHash()
	if err != nil {
		return nil
	}
	in, err := p.inputs(jobs, prog)
	if err != nil {
		return nil
	}
	built := map[string]bool{}
	for _, j := range jobs {
		if old, ok := man.Jobs[j.key()]; ok {
			if h, err := in.hash(p, j); err == nil && h == old.Inputs {
				built[j.key()] = true
			}
		}
	}
	return built
}

// unchanged reports whether the job key, with the inputs hash inputs, is
// as the last build (prev, with its check stamp) recorded it: the same
// inputs, its files intact.
func unchanged(out publish.Dir, prev map[string]publish.ManifestJob, stamp publish.Stamp, key, inputs string) bool {
	old, ok := prev[key]
	return ok && old.Inputs == inputs && out.Intact(old, stamp)
}

func publishAll(out publish.Dir, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := out.WriteFile(n, files[n]); err != nil {
			return err
		}
	}
	return nil
}

// renderJob renders j. A panic in any library becomes this job's error,
// naming it, and the other jobs go on; an error in the clinic's own
// words points at the config.
func (p *Project) renderJob(j Job) (files map[string][]byte, notes []string, err error) {
	defer func() {
		if v := recover(); v != nil {
			files, notes, err = nil, nil, fmt.Errorf("%s.%s: careprint failed on this job (%v): please report it, with the files that make it fail", j.Name(), j.Format, v)
		}
	}()
	files, notes, err = p.renderNotes(j)
	return files, notes, p.blame(j, err)
}

// render does one job and returns its files (path below out/ -> bytes).
func (p *Project) render(j Job) (map[string][]byte, error) {
	files, _, err := p.renderNotes(j)
	return files, err
}

// renderNotes does one job and returns its files (path below out/ ->
// bytes) and what they leave out, in words.
func (p *Project) renderNotes(j Job) (files map[string][]byte, notes []string, err error) {
	h, err := p.Handout(j)
	if err != nil {
		return nil, nil, err
	}
	date, _ := j.Clinic.ReviewDate()
	files = map[string][]byte{}
	switch j.Format {
	case "pdf":
		doc, err := h.Document()
		if err != nil {
			return nil, nil, err
		}
		doc.Creator = "careprint " + Version
		doc.Lang = j.Lang // the PDF says the language asked for; the words may be its match
		doc.Keywords = j.Routine.ID
		var buf bytes.Buffer
		if err := pdf.Render(&buf, doc, p.Fonts, pdf.Options{Date: date, Compress: true, Shared: p.PDFShared}); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", j.Name(), err)
		}
		files[j.Name()+".pdf"] = buf.Bytes()
		thumb, err := p.PagePNG(doc.Pages[0], ThumbWidth)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: thumbnail: %w", j.Name(), err)
		}
		files[ThumbName(j.Name())] = thumb
	case "png":
		// one canvas, one set of font faces and PNG buffers for the job's
		// cards; not kept from job to job, as a worker would then hold a
		// poster-sized canvas through its PDF jobs too. The poster first:
		// the cards then draw on its pixels, not on a canvas of their own
		rr := raster.NewRenderer(p.Fonts)
		poster := j.Clinic.PNG.Poster
		pg, left, err := h.Poster(poster.Width, poster.Height)
		if err != nil {
			return nil, nil, err
		}
		for _, l := range left {
			notes = append(notes, fmt.Sprintf("%s/poster.png leaves out %s", j.Name(), l))
		}
		data, err := p.encodePNG(rr, pg, poster)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", j.Name(), err)
		}
		files[j.Name()+"/poster.png"] = data
		card := j.Clinic.PNG.Card
		for i := range h.Routine.Steps {
			if h.Routine.Layout == "sheet" {
				break // a glossary sheet is one picture: the poster
			}
			pg, err := h.Card(i, card.Width, card.Height)
			if err != nil {
				return nil, nil, err
			}
			data, err := p.encodePNG(rr, pg, card)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", j.Name(), err)
			}
			files[fmt.Sprintf("%s/step-%02d.png", j.Name(), i+1)] = data
		}
	default:
		return nil, nil, fmt.Errorf("%s: unknown format %q", j.Name(), j.Format)
	}
	return files, notes, nil
}

func (p *Project) encodePNG(rr *raster.Renderer, pg *draw.Page, size config.Size) ([]byte, error) {
	img, err := rr.Render(pg, size.Width, size.Height)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := rr.EncodePNG(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// paperSize returns the paper's width and height in mm.
func paperSize(name string) (float64, float64) {
	switch name {
	case "letter":
		return 215.9, 279.4
	case "a5":
		return 148, 210
	}
	return 210, 297
}

// Labels turns a catalog into the layout's interface words.
func Labels(c *i18n.Catalog) layout.Labels {
	return layout.Labels{
		Step:       c.Get("step"),
		Tips:       c.Get("tips"),
		WhenToCall: c.Get("when_to_call"),
		Draft:      c.Get("draft"),
		References: c.Get("references"),
		Contact:    c.Get("contact"),
		Scan:       c.Get("scan_link"),
		PageOf: func(n, total int) string {
			return c.Get("page_of", "n", fmt.Sprint(n), "total", fmt.Sprint(total))
		},
		Reviewed: func(date, by string) string {
			if by == "" {
				return c.Get("reviewed_on", "date", date)
			}
			return c.Get("reviewed", "date", date, "by", by)
		},
		Version: func(v string) string { return c.Get("version", "v", v) },
		Duration: func(d *routine.Duration) string {
			if d.Max > d.Min {
				shown := c.Get("range", "a", c.Number(d.Min), "b", c.Number(d.Max))
				return c.CountAs(d.Unit, d.Max, shown)
			}
			return c.Count(d.Unit, d.Min)
		},
		Repeat: func(r *routine.Repeat) string {
			s := c.Count("times", float64(r.Count))
			if r.Per != "" {
				s = c.Get("repeat_per", "times", s, "per", c.Get("each_"+r.Per))
			}
			return s
		},
		Tools: layout.ToolLabels{
			Start: c.Get("legend_start"), Way: c.Get("legend_way"), Both: c.Get("legend_both"),
			Count: c.Get("legend_count"), Order: c.Get("legend_order"), Light: c.Get("legend_light"),
			Remember: c.Get("remember"), TicksTitle: c.Get("ticks_title"), SheetTicks: c.Get("sheet_ticks"),
			Day:      func(n int) string { return c.Get("day", "n", c.Number(float64(n))) },
			LogTitle: c.Get("log_title"), LogDone: c.Get("log_done"), LogEasing: c.Get("log_easing"),
			LogWarning: c.Get("log_warning"), LogCall: c.Get("log_call"), Yes: c.Get("yes"), No: c.Get("no"),
		},
	}
}
