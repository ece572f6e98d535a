// Package generated holds the SDKs opgen generates from specs/. Each subdirectory is entirely opgen output
// (regenerate them all, and their fuzz targets in sdktest/roundtrip, with `go generate ./generated`) except its
// go.mod and example_test.go: every SDK is a module of its own that requires nothing, so depending on one never
// brings in the generator's dependencies.
package generated

//go:generate go run ../cmd/opgen generate -config ../specs/opgen.yaml
//go:generate go -C ../sdktest test -count=1 -run TestUpToDate ./roundtrip -update
