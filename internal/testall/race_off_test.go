//go:build !race

package main

// raceFlag is -race when this test binary was built with it.
var raceFlag []string
