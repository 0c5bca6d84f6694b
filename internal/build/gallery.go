package build

import (
	"errors"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/draw"
	"github.com/careprint/careprint/internal/draw/raster"
	"github.com/careprint/careprint/internal/gallery"
	"github.com/careprint/careprint/internal/publish"
)

// ThumbWidth is the width, in px, of the picture of a handout's first
// page that the gallery shows; the height follows the paper.
const ThumbWidth = 240

// galleryKey is the gallery's entry in the manifest. Job keys always hold
// a slash (clinic/lang/routine.format), so it cannot clash with one.
const galleryKey = gallery.Name

// ThumbName is the file of the thumbnail of the handout name (a job's
// name, clinic/lang/routine).
func ThumbName(name string) string { return name + ".thumb.png" }

// PagePNG renders pg, a page of a handout, on white paper as a PNG w px
// wide; the height keeps the page's proportions. The gallery's thumbnails
// are handouts' first pages at ThumbWidth.
func (p *Project) PagePNG(pg *draw.Page, w int) ([]byte, error) {
	paper := draw.NewPage(pg.W, pg.H)
	white := draw.White()
	paper.Path(new(draw.Path).MoveTo(0, 0).LineTo(pg.W, 0).LineTo(pg.W, pg.H).LineTo(0, pg.H).Close(), draw.Style{Fill: &white})
	paper.Ops = append(paper.Ops, pg.Ops...)
	return p.encodePNG(raster.NewRenderer(p.Fonts), paper, config.Size{Width: w, Height: pxHeight(w, pg.W, pg.H)})
}

// pxHeight is the height in px of a w px wide picture of a pw×ph mm page.
func pxHeight(w int, pw, ph float64) int { return int(math.Round(float64(w) * ph / pw)) }

// checkGallery refuses an output folder holding an index.html that
// careprint did not write (its manifest does not list one): careprint
// does not replace files it did not write.
func checkGallery(out publish.Dir, man *publish.Manifest) error {
	if _, ok := man.Jobs[galleryKey]; ok {
		return nil
	}
	path := filepath.Join(out.Root, gallery.Name)
	if _, err := os.Lstat(path); err != nil {
		return nil
	}
	return &publish.ManifestError{Path: path, Err: errors.New("an index.html careprint did not write"), Foreign: true}
}

// publishGallery writes the gallery of the files man lists (and only
// those) when it changed, and records it in man.
func (p *Project) publishGallery(out publish.Dir, man *publish.Manifest) error {
	data, err := gallery.Render(p.GalleryPage(man))
	if err != nil {
		return err
	}
	// the page is its own input: what it shows is all it depends on
	sum := publish.Sum(data)
	mj := publish.ManifestJob{Inputs: sum, Files: map[string]string{gallery.Name: sum}}
	if old, ok := man.Jobs[galleryKey]; ok && old.Inputs == sum && old.Files[gallery.Name] == sum && out.Intact(old, man.Stamp()) {
		return nil
	}
	if err := out.WriteFile(gallery.Name, data); err != nil {
		return err
	}
	man.Jobs[galleryKey] = mj
	return nil
}

// GalleryPage describes the files man lists: per clinic (in config order)
// and language (in the clinic's order), each routine's handout, its
// thumbnail, cards and poster, labelled with the language's own name and
// the routine's title in that language.
func (p *Project) GalleryPage(man *publish.Manifest) gallery.Page {
	type key struct{ clinic, lang, routine string }
	entries := map[key]*gallery.Routine{}
	for k, mj := range man.Jobs {
		dot := strings.LastIndex(k, ".")
		if dot < 0 {
			continue
		}
		name, format := k[:dot], k[dot+1:]
		parts := strings.Split(name, "/")
		if len(parts) != 3 {
			continue // the gallery itself
		}
		kk := key{parts[0], parts[1], parts[2]}
		e := entries[kk]
		if e == nil {
			e = &gallery.Routine{ID: kk.routine, Title: kk.routine}
			entries[kk] = e
		}
		switch format {
		case "pdf":
			if _, ok := mj.Files[name+".pdf"]; ok {
				e.PDF = name + ".pdf"
			}
			if _, ok := mj.Files[ThumbName(name)]; ok {
				e.Thumb = ThumbName(name)
			}
		case "png":
			for f := range mj.Files {
				switch {
				case f == name+"/poster.png":
					e.Poster = f
				case path.Dir(f) == name && strings.HasPrefix(path.Base(f), "step-"):
					e.Cards = append(e.Cards, f)
				}
			}
			sort.Strings(e.Cards)
		}
	}
	// order: the config's clinics, languages and routines first, then
	// what only the manifest still knows, by id
	var clinicIDs []string
	for _, c := range p.Config.Clinics {
		clinicIDs = append(clinicIDs, c.ID)
	}
	rank := func(order []string, s string) int {
		if i := slices.Index(order, s); i >= 0 {
			return i
		}
		return len(order)
	}
	keys := make([]key, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	clinic := func(id string) *config.Clinic {
		for i := range p.Config.Clinics {
			if p.Config.Clinics[i].ID == id {
				return &p.Config.Clinics[i]
			}
		}
		return nil
	}
	var routineIDs []string
	for _, r := range p.Routines {
		routineIDs = append(routineIDs, r.ID)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.clinic != b.clinic {
			ra, rb := rank(clinicIDs, a.clinic), rank(clinicIDs, b.clinic)
			if ra != rb {
				return ra < rb
			}
			return a.clinic < b.clinic
		}
		var langs, ids []string
		if c := clinic(a.clinic); c != nil {
			langs, ids = c.Languages, c.Routines
		}
		if len(ids) == 0 {
			ids = routineIDs
		}
		if a.lang != b.lang {
			ra, rb := rank(langs, a.lang), rank(langs, b.lang)
			if ra != rb {
				return ra < rb
			}
			return a.lang < b.lang
		}
		ra, rb := rank(ids, a.routine), rank(ids, b.routine)
		if ra != rb {
			return ra < rb
		}
		return a.routine < b.routine
	})
	page := gallery.Page{Version: Version}
	for _, k := range keys {
		if n := len(page.Clinics); n == 0 || page.Clinics[n-1].ID != k.clinic {
			c := gallery.Clinic{ID: k.clinic, Name: k.clinic}
			if cl := clinic(k.clinic); cl != nil && cl.Name != "" {
				c.Name = cl.Name
			}
			page.Clinics = append(page.Clinics, c)
		}
		c := &page.Clinics[len(page.Clinics)-1]
		if n := len(c.Langs); n == 0 || c.Langs[n-1].Tag != k.lang {
			c.Langs = append(c.Langs, p.LangLabel(k.lang))
		}
		l := &c.Langs[len(c.Langs)-1]
		e := entries[k]
		cl, r := clinic(k.clinic), p.Routine(k.routine)
		if cl != nil && r != nil {
			if e.Thumb != "" {
				w, h := paperSize(cl.Paper)
				e.ThumbW, e.ThumbH = ThumbWidth, pxHeight(ThumbWidth, w, h)
			}
			words, err := p.MatchLanguage(k.lang)
			if err == nil {
				if loc, _, err := p.Localize(Job{Clinic: cl, Lang: k.lang, Words: words, Routine: r}); err == nil && loc.Title != "" {
					e.Title = loc.Title
				}
			}
		}
		l.Routines = append(l.Routines, *e)
	}
	return page
}

// LangLabel labels a language by its own name ("español"), its English
// name and its writing direction.
func (p *Project) LangLabel(tag string) gallery.Lang {
	l := gallery.Lang{Tag: tag, Name: tag, English: LanguageName(tag)}
	if t, err := language.Parse(tag); err == nil {
		if n := display.Self.Name(t); n != "" {
			l.Name = capitalize(n)
			// a regional tag named as its language alone (pt-BR:
			// "português") gets its region in that language
			base, _ := t.Base()
			if region, conf := t.Region(); conf == language.Exact && n == display.Self.Name(language.Make(base.String())) {
				if r := display.Regions(t).Name(region); r != "" {
					l.Name += " (" + r + ")"
				}
			}
		}
	}
	words, err := p.MatchLanguage(tag)
	if err != nil {
		words = tag
	}
	if cat, _ := p.Catalogs.Lookup(words); cat != nil {
		l.RTL = cat.RTL()
	}
	return l
}

// capitalize upper-cases a label's first letter ("español" -> "Español");
// scripts without case are unchanged.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
