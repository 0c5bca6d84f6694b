package check

import (
	"strings"

	"github.com/careprint/careprint/internal/draw"
)

// checkTagged reports what keeps a laid-out handout from being a tagged
// PDF a screen reader can read: a picture without a description, text or
// an image outside the structure, tags that do not pair. Each is an error:
// clinics must publish accessible documents.
func checkTagged(doc *draw.Document) []Issue {
	var out []Issue
	for _, u := range doc.Untagged() {
		msg := "would not be tagged for screen readers: " + u
		if strings.Contains(u, "without a description") {
			msg = u + ": give the illustration a description (what the picture shows, in words)"
		}
		out = append(out, Issue{Where: "handout", Message: msg})
	}
	return out
}
