package serve

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/careprint/careprint/internal/gallery"
	"github.com/careprint/careprint/internal/publish"
)

// galleryFiles serves the build's gallery and the files its manifest lists,
// nothing else of the output folder. The manifest is read on each
// request, so a new build shows at once.
func galleryFiles(out string) http.Handler {
	dir := publish.Dir{Root: out}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := r.URL.Path
		if name == "" {
			name = gallery.Name
		}
		man, err := dir.ReadManifest()
		if err != nil {
			http.Error(w, "careprint: "+err.Error(), http.StatusInternalServerError)
			return
		}
		listed := false
		for _, j := range man.Jobs {
			if _, ok := j.Files[name]; ok {
				listed = true
				break
			}
		}
		if !listed {
			if name == gallery.Name {
				http.Error(w, "No gallery in "+out+" yet: run careprint build, then reload this page.", http.StatusNotFound)
				return
			}
			http.NotFound(w, r)
			return
		}
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			http.Error(w, "careprint: "+name+" is listed but cannot be read: run careprint build", http.StatusNotFound)
			return
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	})
}
