// Package sdktest tests the generated SDKs (generated/*) against the mock of their own spec
// (github.com/opgen-sdk/opgen/mock): every operation of every SDK is called through its generated client, and
// invalid requests, error bodies and stateful create/get/list/update/delete cycles are checked. The package
// holds only tests.
package sdktest
