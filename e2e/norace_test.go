//go:build !race

package e2e

// raceDetector is set under -race, where rendering is ten times slower.
const raceDetector = false
