package emit

import (
	"bytes"
	"go/ast"
	"go/scanner"
	"go/token"
)

// chunkSize is the size of source formatted at once in a large file. A file's syntax tree takes about ten times its
// source: formatting stripe's 8.8 MB of enums whole kept a tree of several hundred MB alive, most of the
// generation's peak memory and of its garbage collection. Tests lower it to cut every file at every boundary.
var chunkSize = 256 << 10

// chunkPrefix is the package clause each chunk after the first is formatted under.
const chunkPrefix = "package p\n\n"

// gofmtChunked is gofmt, for a file larger than chunkSize formatted a run of top-level declarations at a time:
// the file is cut only before a declaration (or its doc comment) at the top level that a blank line separates from
// what precedes it, the first piece (header, package clause, imports and the first declaration) is formatted as
// it is, every other one under a package clause that is then removed, and the pieces are joined by a blank line.
//
// That is what formatting the whole file prints: go/printer separates two top-level declarations by as many line
// breaks as the source has, at most two, so by exactly one blank line where the source has one; and text/tabwriter
// never aligns across a blank line. TestChunkedLikeWhole holds it to gofmt on every file of the golden cases cut at
// every boundary. A file whose pieces do not parse (the printed code is wrong) is formatted whole, which reports it.
// inspect is called once per piece, as soon as it is formatted, so that no tree outlives its piece. The pieces are
// cut where the scanner finds the top level, so each holds whole declarations of the file: what inspect is shown of
// a file is its declarations, whether or not a later piece turns out not to parse.
func gofmtChunked(name string, src []byte, inspect func(name string, f *ast.File)) ([]byte, error) {
	cuts := chunkCuts(src, chunkSize)
	if len(cuts) == 0 {
		return gofmt(name, src, inspect)
	}
	out := make([]byte, 0, len(src)+len(src)/8)
	first, err := gofmt(name, src[:cuts[0]], inspect)
	if err != nil {
		return gofmt(name, src, inspect)
	}
	out = append(out, first...)
	buf := make([]byte, 0, len(chunkPrefix)+chunkSize*2)
	for i, at := range cuts {
		end := len(src)
		if i+1 < len(cuts) {
			end = cuts[i+1]
		}
		buf = append(append(buf[:0], chunkPrefix...), src[at:end]...)
		piece, err := gofmt(name, buf, inspect)
		if err != nil || !bytes.HasPrefix(piece, []byte(chunkPrefix)) {
			return gofmt(name, src, inspect)
		}
		out = append(out, '\n')
		out = append(out, piece[len(chunkPrefix):]...)
	}
	return out, nil
}

// chunkCuts returns the offsets where src is cut into pieces of about size bytes (none when src is smaller, or
// does not scan): each is the start of a line that begins a top-level declaration or its doc comment, after a
// blank line, past the first declaration.
func chunkCuts(src []byte, size int) []int {
	if len(src) <= size {
		return nil
	}
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(src))
	bad := false
	s.Init(file, src, func(token.Position, string) { bad = true }, scanner.ScanComments)
	var cuts []int
	depth, last := 0, 0
	seenDecl := false
	for {
		pos, tok, _ := s.Scan()
		if tok == token.EOF {
			break
		}
		switch tok {
		case token.LPAREN, token.LBRACK, token.LBRACE:
			depth++
		case token.RPAREN, token.RBRACK, token.RBRACE:
			depth--
		case token.COMMENT, token.FUNC, token.TYPE, token.VAR, token.CONST:
			if depth != 0 {
				break
			}
			if off := file.Offset(pos); seenDecl && off-last >= size && off >= 2 && src[off-1] == '\n' && src[off-2] == '\n' {
				cuts = append(cuts, off)
				last = off
			}
			if tok != token.COMMENT {
				seenDecl = true
			}
		}
	}
	if bad || depth != 0 {
		return nil
	}
	return cuts
}
