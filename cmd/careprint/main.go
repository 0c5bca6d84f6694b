// Command careprint renders care routines into printable PDF handouts and
// PNG step cards. See README.md, or run careprint --help.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/careprint/careprint/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
