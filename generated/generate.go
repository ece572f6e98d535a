// Package generated holds the SDKs opgen generates from specs/. Each subdirectory is entirely opgen output
// (regenerate them all with `go generate ./generated`) except its go.mod and example_test.go: every SDK is a
// module of its own that requires nothing, so depending on one never brings in the generator's dependencies.
package generated

//go:generate go run ../cmd/opgen generate -config ../specs/opgen.yaml
