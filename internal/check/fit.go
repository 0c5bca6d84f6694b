package check

import (
	"fmt"

	"github.com/careprint/careprint/internal/config"
	"github.com/careprint/careprint/internal/layout"
)

// maxPages is the most pages an English handout on A4 or Letter may take;
// translations run longer.
const maxPages = 2

// checkFit lays out the handout, every step card and the poster at the
// PNG sizes, as a build would, without rendering them. Text that does not
// fit its box is an error, and so is a handout that would not be a tagged
// PDF (see checkTagged). It returns the handout's page count (0 when it
// could not be laid out).
func checkFit(h *layout.Handout, png config.PNG) (pages int, errs []Issue) {
	doc, err := h.Document()
	if err != nil {
		errs = append(errs, Issue{Where: "handout", Message: err.Error()})
	} else {
		pages = len(doc.Pages)
		errs = append(errs, checkTagged(doc)...)
	}
	card := png.Card
	for i := range h.Routine.Steps {
		if _, err := h.Card(i, card.Width, card.Height); err != nil {
			errs = append(errs, Issue{Where: fmt.Sprintf("card %d (%dx%d px)", i+1, card.Width, card.Height), Message: err.Error()})
		}
	}
	if _, _, err := h.Poster(png.Poster.Width, png.Poster.Height); err != nil {
		errs = append(errs, Issue{Where: fmt.Sprintf("poster (%dx%d px)", png.Poster.Width, png.Poster.Height), Message: err.Error()})
	}
	return pages, errs
}

// checkPages warns when an English handout on A4 or Letter paper, in
// regular print, runs over maxPages.
func checkPages(lang, paper string, large bool, pages int) []Issue {
	if baseLang(lang) != "en" || (paper != "a4" && paper != "letter") || large || pages <= maxPages {
		return nil
	}
	return []Issue{{Where: "handout", Message: fmt.Sprintf("%d pages on %s, want %d or fewer: shorten the text", pages, paper, maxPages)}}
}
