package gofs

import (
	"fmt"
	"strings"
)

// MaxDiffLines caps the lines of a diff returned by Diff; the rest is summarised as "... N more lines".
const MaxDiffLines = 60

// Diff returns a unified diff (3 lines of context) from old to new, headed "--- name (current)" and
// "+++ name (generated)", capped at MaxDiffLines. It returns "" when they are equal.
func Diff(name string, old, new []byte) string {
	a, b := splitLines(string(old)), splitLines(string(new))
	edits := lcsEdits(a, b)
	var out []string
	out = append(out, "--- "+name+" (current)", "+++ "+name+" (generated)")
	const ctx = 3
	// Group edits into hunks.
	i := 0
	changed := false
	for i < len(edits) {
		if edits[i].op == ' ' {
			i++
			continue
		}
		changed = true
		start := max(i-ctx, 0)
		end := i
		for end < len(edits) {
			if edits[end].op != ' ' {
				end++
				continue
			}
			// run of context: does another change follow within 2*ctx?
			j := end
			for j < len(edits) && edits[j].op == ' ' {
				j++
			}
			if j < len(edits) && j-end <= 2*ctx {
				end = j
				continue
			}
			end = min(end+ctx, len(edits))
			break
		}
		aStart, bStart, aLen, bLen := edits[start].ai, edits[start].bi, 0, 0
		var body []string
		for _, e := range edits[start:end] {
			switch e.op {
			case ' ':
				aLen++
				bLen++
			case '-':
				aLen++
			case '+':
				bLen++
			}
			body = append(body, string(e.op)+e.text)
		}
		out = append(out, fmt.Sprintf("@@ -%s +%s @@", hunkRange(aStart, aLen), hunkRange(bStart, bLen)))
		out = append(out, body...)
		i = end
	}
	if !changed {
		return ""
	}
	if len(out) > MaxDiffLines {
		more := len(out) - MaxDiffLines
		out = append(out[:MaxDiffLines], fmt.Sprintf("... %d more lines", more))
	}
	return strings.Join(out, "\n") + "\n"
}

func hunkRange(start, n int) string {
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	if n == 1 {
		return fmt.Sprint(start + 1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	for i, l := range lines {
		if strings.HasSuffix(l, "\n") {
			lines[i] = l[:len(l)-1]
		} else {
			lines[i] = l + "\n\\ No newline at end of file"
		}
	}
	return lines
}

type edit struct {
	op     byte // ' ', '-', '+'
	text   string
	ai, bi int // line index in a and b where this edit sits
}

// lcsEdits computes a line diff by longest common subsequence, after trimming the common prefix and suffix (so
// the quadratic table covers only the changed middle, which is small for regenerated code). Very large middles
// fall back to "remove all, add all".
func lcsEdits(a, b []string) []edit {
	var pre, suf int
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var edits []edit
	for k := 0; k < pre; k++ {
		edits = append(edits, edit{' ', a[k], k, k})
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma)*len(mb) > 4_000_000 {
		for k, l := range ma {
			edits = append(edits, edit{'-', l, pre + k, pre})
		}
		for k, l := range mb {
			edits = append(edits, edit{'+', l, pre + len(ma), pre + k})
		}
	} else {
		n, m := len(ma), len(mb)
		t := make([][]int32, n+1)
		for x := range t {
			t[x] = make([]int32, m+1)
		}
		for x := n - 1; x >= 0; x-- {
			for y := m - 1; y >= 0; y-- {
				if ma[x] == mb[y] {
					t[x][y] = t[x+1][y+1] + 1
				} else {
					t[x][y] = max(t[x+1][y], t[x][y+1])
				}
			}
		}
		x, y := 0, 0
		for x < n || y < m {
			switch {
			case x < n && y < m && ma[x] == mb[y]:
				edits = append(edits, edit{' ', ma[x], pre + x, pre + y})
				x++
				y++
			case x < n && (y == m || t[x+1][y] >= t[x][y+1]):
				edits = append(edits, edit{'-', ma[x], pre + x, pre + y})
				x++
			default:
				edits = append(edits, edit{'+', mb[y], pre + x, pre + y})
				y++
			}
		}
	}
	for k := 0; k < suf; k++ {
		ai, bi := len(a)-suf+k, len(b)-suf+k
		edits = append(edits, edit{' ', a[ai], ai, bi})
	}
	return edits
}
