// Package consumer checks that the SDKs under generated/, and what opgen generates in a user's module, build in a
// consumer module that requires nothing but them: no go.sum line, no third-party module. It holds only tests, which
// drive the go command and the generator one step at a time, and so run without the race detector even under
// -race (internal/norace).
package consumer
