//go:build !linux

package norace

import "os/exec"

// killWithParent has no portable way to tie the child's life to this process elsewhere; the child has its own
// -test.timeout.
func killWithParent(*exec.Cmd) {}
