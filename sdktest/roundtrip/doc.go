// Package roundtrip fuzzes the JSON codecs of the SDKs in generated/: for every JSON type of an SDK, decode ->
// encode -> decode must be stable. fuzz_test.go is generated (TestUpToDate keeps it current); see docs/FUZZING.md.
package roundtrip
