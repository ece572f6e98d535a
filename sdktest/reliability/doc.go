// Package reliability tests the generated SDKs (generated/openpaymx, generated/culqi and the other webhook
// packages) the way production will hurt them: the fault-injection matrix of package faults, 1,000 concurrent
// calls against a failing server, secrets and card data kept out of every printed value, error and log line, and
// webhook verification. docs/RELIABILITY.md describes what the tests hold the SDKs to; TestDocMatrix keeps its
// fault table equal to faults.Matrix.
package reliability
