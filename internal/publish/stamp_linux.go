package publish

import (
	"io/fs"
	"syscall"
	"time"
)

// fileTimes returns the device, modification and status change times of
// the file fi describes.
func fileTimes(fi fs.FileInfo) (dev uint64, mtime, ctime time.Time, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, time.Time{}, time.Time{}, false
	}
	return uint64(st.Dev), time.Unix(st.Mtim.Unix()), time.Unix(st.Ctim.Unix()), true
}
