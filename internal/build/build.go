package build

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
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
	Log     io.Writer
}

// Job is one unit of work: one routine for one clinic in one language in
// one format.
type Job struct {
	Clinic  *config.Clinic
	Lang    string
	Routine *routine.Routine
	Format  string
	Large   bool // large print asked for on the command line
}

// Name is the job's output path without extension: clinic/lang/routine.
func (j Job) Name() string { return j.Clinic.ID + "/" + j.Lang + "/" + j.Routine.ID }

// Plan expands the project into jobs, in a stable order.
func (p *Project) Plan(o Options) ([]Job, error) {
	var jobs []Job
	found := false
	for i := range p.Config.Clinics {
		cl := &p.Config.Clinics[i]
		if o.Clinic != "" && cl.ID != o.Clinic {
			continue
		}
		found = true
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
			for _, id := range ids {
				if o.Routine != "" && id != o.Routine {
					continue
				}
				r := p.Routine(id)
				if r == nil {
					return nil, fmt.Errorf("unknown routine %q", id)
				}
				for _, f := range formats {
					jobs = append(jobs, Job{Clinic: cl, Lang: lang, Routine: r, Format: f, Large: o.Large})
				}
			}
		}
	}
	if o.Clinic != "" && !found {
		return nil, fmt.Errorf("unknown clinic %q", o.Clinic)
	}
	if o.Routine != "" && p.Routine(o.Routine) == nil {
		return nil, fmt.Errorf("unknown routine %q", o.Routine)
	}
	if len(jobs) == 0 {
		return nil, fmt.Errorf("nothing to build: no job matches the filters")
	}
	return jobs, nil
}

// Summary counts what a build did.
type Summary struct {
	Files   int
	Jobs    int
	Failed  int
	Elapsed time.Duration
}

// maxErrors caps how many job errors a build collects before it stops.
const maxErrors = 20

// Run renders the jobs in a bounded worker pool and publishes their files.
// Errors of all jobs are collected (up to a cap) and returned together.
func (p *Project) Run(ctx context.Context, jobs []Job, o Options) (Summary, error) {
	start := time.Now()
	workers := o.Jobs
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := publish.Dir{Root: o.Out}
	ch := make(chan Job)
	var (
		mu   sync.Mutex
		errs []error
		sum  = Summary{Jobs: len(jobs)}
		wg   sync.WaitGroup
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				n, err := p.render(j, out)
				mu.Lock()
				sum.Files += n
				if err != nil {
					sum.Failed++
					errs = append(errs, err)
					if len(errs) >= maxErrors {
						cancel()
					}
				}
				if o.Log != nil && err == nil {
					fmt.Fprintf(o.Log, "built %s (%s)\n", j.Name(), j.Format)
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for _, j := range jobs {
		select {
		case ch <- j:
		case <-ctx.Done():
			break feed
		}
	}
	close(ch)
	wg.Wait()
	sum.Elapsed = time.Since(start)
	if len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Error()
		}
		return sum, fmt.Errorf("%d of %d jobs failed:\n%s", sum.Failed, len(jobs), strings.Join(msgs, "\n"))
	}
	if err := ctx.Err(); err != nil && o.Log != nil {
		return sum, err
	}
	return sum, nil
}

// render does one job and returns how many files it published.
func (p *Project) render(j Job, out publish.Dir) (int, error) {
	h, err := p.Handout(j)
	if err != nil {
		return 0, err
	}
	date, _ := j.Clinic.ReviewDate()
	switch j.Format {
	case "pdf":
		doc, err := h.Document()
		if err != nil {
			return 0, err
		}
		doc.Creator = "careprint " + Version
		doc.Lang = j.Lang
		doc.Keywords = j.Routine.ID
		var buf bytes.Buffer
		if err := pdf.Render(&buf, doc, p.Fonts, pdf.Options{Date: date, Compress: true}); err != nil {
			return 0, fmt.Errorf("%s: %w", j.Name(), err)
		}
		return 1, out.WriteFile(j.Name()+".pdf", buf.Bytes())
	case "png":
		n := 0
		card := j.Clinic.PNG.Card
		for i := range h.Routine.Steps {
			pg, err := h.Card(i, card.Width, card.Height)
			if err != nil {
				return n, err
			}
			if err := p.writePNG(out, fmt.Sprintf("%s/step-%02d.png", j.Name(), i+1), pg, card); err != nil {
				return n, err
			}
			n++
		}
		poster := j.Clinic.PNG.Poster
		pg, err := h.Poster(poster.Width, poster.Height)
		if err != nil {
			return n, err
		}
		if err := p.writePNG(out, j.Name()+"/poster.png", pg, poster); err != nil {
			return n, err
		}
		return n + 1, nil
	}
	return 0, fmt.Errorf("%s: unknown format %q", j.Name(), j.Format)
}

func (p *Project) writePNG(out publish.Dir, name string, pg *draw.Page, size config.Size) error {
	img, err := raster.Render(pg, size.Width, size.Height, p.Fonts)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	var buf bytes.Buffer
	if err := raster.EncodePNG(&buf, img); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return out.WriteFile(name, buf.Bytes())
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
		References: c.Get("references"),
		Contact:    c.Get("contact"),
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
	}
}
