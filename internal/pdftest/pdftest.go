// Package pdftest reads back the PDFs careprint writes, for tests: it
// validates them with pdfcpu, extracts each page's text from the content
// streams (each string shown with Tj, decoded through its font's
// ToUnicode CMap, as a reader copies text) and reads the
// structure tree of a tagged PDF (Doc.Structure).
package pdftest

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/careprint/careprint/internal/pdfcrypt"
)

// Doc is a validated PDF.
type Doc struct {
	Pages int
	Text  []string // per page, one line per Tj string
	// Title, Author, Subject and Creator are from the information dictionary.
	Title, Author, Subject, Creator string
	ctx                             *model.Context
}

// disableConfigDir keeps pdfcpu out of the user's config folder. pdfcpu
// keeps that setting in a package variable that every configuration
// reads, so it is set once, before any Read, and never again: tests in
// parallel read PDFs at the same time.
var disableConfigDir = pdfcrypt.DisableConfigDir

// Read validates data with pdfcpu (strict mode) and extracts its text.
// It is safe to call from tests running in parallel.
func Read(data []byte) (*Doc, error) {
	disableConfigDir()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	ctx, err := api.ReadAndValidate(bytes.NewReader(data), conf)
	if err != nil {
		return nil, fmt.Errorf("pdfcpu: %w", err)
	}
	d := &Doc{Pages: ctx.PageCount, ctx: ctx, Title: ctx.Title, Author: ctx.Author, Subject: ctx.Subject, Creator: ctx.Creator}
	for p := 1; p <= ctx.PageCount; p++ {
		r, err := pdfcpu.ExtractPageContent(ctx, p)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", p, err)
		}
		content, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		fonts, err := d.pageFonts(p)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", p, err)
		}
		lines, err := shown(content, fonts)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", p, err)
		}
		d.Text = append(d.Text, strings.Join(lines, "\n"))
	}
	return d, nil
}

// AllText is every page's text joined.
func (d *Doc) AllText() string { return strings.Join(d.Text, "\n") }

// Content is page p's content stream (1-based), decompressed.
func (d *Doc) Content(p int) ([]byte, error) {
	r, err := pdfcpu.ExtractPageContent(d.ctx, p)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", p, err)
	}
	return io.ReadAll(r)
}
