// Package generated holds the SDKs opgen generates from specs/. Each subdirectory is entirely opgen output;
// regenerate them all with `go generate ./generated`.
package generated

//go:generate go run ../cmd/opgen generate -config ../specs/opgen.yaml
