// Command careprint renders care routines into printable PDF handouts and
// PNG step cards. See README.md, or run careprint --help.
package main

import (
	"os"

	"github.com/careprint/careprint/internal/cli"
)

func main() {
	os.Exit(cli.Exec())
}
