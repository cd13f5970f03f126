//go:build !race

package forms

// raceEnabled is whether the race detector, which slows everything down
// several times, is on: timing tests skip their limits then.
const raceEnabled = false
