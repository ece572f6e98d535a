// Command rusage runs a command and prints what it cost, for bench/run.sh (so that the benchmark does not depend
// on GNU time being installed):
//
//	rusage [-o FILE] [-dir DIR] -- COMMAND [ARG...]
//
// It appends one line to FILE (default: standard error): "wall_s user_s sys_s maxrss_kb exit_code", where wall is
// the elapsed time from start to exit, user and sys the CPU time of the process (and of the children it waited
// for), maxrss its peak resident set size (Linux getrusage ru_maxrss, in KiB, as /usr/bin/time's %M). The
// command's own output goes to rusage's standard output and error; rusage exits with the command's exit code.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	out := flag.String("o", "", "append the measurement to this file (default: standard error)")
	dir := flag.String("dir", "", "run the command in this directory")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: rusage [-o FILE] [-dir DIR] -- COMMAND [ARG...]")
		os.Exit(2)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = *dir
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	code := 0
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		code = exitErr.ExitCode()
	case err != nil:
		fmt.Fprintln(os.Stderr, "rusage:", err)
		os.Exit(127)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		fmt.Fprintln(os.Stderr, "rusage: no resource usage on this system")
		os.Exit(127)
	}
	line := fmt.Sprintf("%.3f %.3f %.3f %d %d\n", wall.Seconds(), tv(ru.Utime), tv(ru.Stime), ru.Maxrss, code)
	if *out == "" {
		fmt.Fprint(os.Stderr, line)
	} else if err := appendLine(*out, line); err != nil {
		fmt.Fprintln(os.Stderr, "rusage:", err)
		os.Exit(127)
	}
	os.Exit(code)
}

func appendLine(path, line string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(line); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func tv(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
