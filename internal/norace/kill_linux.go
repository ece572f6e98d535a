//go:build linux

package norace

import (
	"os/exec"
	"syscall"
)

// killWithParent stops the child when this process dies: go test kills a test binary that runs past its timeout,
// and the child must not outlive it.
func killWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
