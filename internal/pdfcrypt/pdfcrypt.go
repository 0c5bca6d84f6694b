// Package pdfcrypt locks a PDF with a password (AES-256, pdfcpu), in
// memory: nothing is written to disk, and pdfcpu is kept out of the
// user's configuration folder.
package pdfcrypt

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// DisableConfigDir keeps pdfcpu from creating its configuration folder
// in the user's home. pdfcpu keeps that switch in a package variable read
// by every configuration, so it is set once, before any use, for every
// caller in the process (tests that read PDFs in parallel included).
var DisableConfigDir = sync.OnceFunc(api.DisableConfigDir)

// MinPassword is the shortest password Encrypt accepts, in characters.
const MinPassword = 8

// Encrypt returns pdf locked with AES-256: the password opens it; the
// owner password is the same.
func Encrypt(pdf []byte, password string) ([]byte, error) {
	if len([]rune(password)) < MinPassword {
		return nil, fmt.Errorf("the PDF password is shorter than %d characters: choose a longer one", MinPassword)
	}
	DisableConfigDir()
	conf := model.NewAESConfiguration(password, password, 256)
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(pdf), &out, conf); err != nil {
		return nil, fmt.Errorf("encrypting the PDF: %w", err)
	}
	return out.Bytes(), nil
}
