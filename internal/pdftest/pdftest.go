// Package pdftest reads back the PDFs careprint writes, for tests: it
// validates them with pdfcpu, extracts each page's text from the content
// streams (fpdf writes UTF-16BE strings shown with Tj) and reads the
// structure tree of a tagged PDF (Doc.Structure).
package pdftest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"

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
		d.Text = append(d.Text, showStrings(content))
	}
	return d, nil
}

// AllText is every page's text joined.
func (d *Doc) AllText() string { return strings.Join(d.Text, "\n") }

// showStrings returns the strings of every "(...) Tj" in a content stream,
// decoded from UTF-16BE, one per line.
func showStrings(content []byte) string {
	var out []string
	for i := 0; i < len(content); i++ {
		if content[i] != '(' {
			continue
		}
		var raw []byte
		j := i + 1
		for ; j < len(content) && content[j] != ')'; j++ {
			c := content[j]
			if c == '\\' && j+1 < len(content) {
				j++
				switch e := content[j]; e {
				case 'n':
					c = '\n'
				case 'r':
					c = '\r'
				case 't':
					c = '\t'
				case 'b':
					c = '\b'
				case 'f':
					c = '\f'
				default:
					if e >= '0' && e <= '7' {
						v := 0
						k := 0
						for ; k < 3 && j < len(content) && content[j] >= '0' && content[j] <= '7'; k++ {
							v = v*8 + int(content[j]-'0')
							j++
						}
						j--
						c = byte(v)
					} else {
						c = e
					}
				}
			}
			raw = append(raw, c)
		}
		i = j
		if !bytes.HasPrefix(bytes.TrimLeft(content[j+1:], " "), []byte("Tj")) {
			continue
		}
		u := make([]uint16, len(raw)/2)
		for k := range u {
			u[k] = uint16(raw[2*k])<<8 | uint16(raw[2*k+1])
		}
		out = append(out, string(utf16.Decode(u)))
	}
	return strings.Join(out, "\n")
}

// Content is page p's content stream (1-based), decompressed.
func (d *Doc) Content(p int) ([]byte, error) {
	r, err := pdfcpu.ExtractPageContent(d.ctx, p)
	if err != nil {
		return nil, fmt.Errorf("page %d: %w", p, err)
	}
	return io.ReadAll(r)
}
