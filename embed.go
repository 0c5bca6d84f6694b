// Package careprint holds the built-in content: the default clinic setup, the
// routine and translation templates, and the assets they name. It lets
// `careprint build` work from any folder, and `go install` users get the same
// result as a checkout.
package careprint

import "embed"

// Files is the built-in content, rooted like a checkout: config.yaml,
// templates/..., assets/..., schema/... (the JSON Schemas careprint init copies).
//
//go:embed config.yaml templates assets schema
var Files embed.FS
