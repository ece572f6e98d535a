// Package suggest finds the name a user most likely meant ("did you mean -spec?", "did you mean Charge?").
package suggest

import "strings"

// Closest returns the candidate nearest to s by edit distance (case differences count half), or "" when none is
// near enough to be a likely slip: at most a third of the longer name, and never more than 3 edits.
func Closest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if c == s {
			continue
		}
		d := 2 * distance(strings.ToLower(s), strings.ToLower(c))
		if strings.EqualFold(s, c) || d == 0 {
			d = 1
		} else if s != strings.ToLower(s) || c != strings.ToLower(c) {
			d = min(d, 2*distance(s, c))
		}
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	limit := 2 * min(3, max(1, max(len(s), len(best))/3))
	if best == "" || bestD > limit {
		return ""
	}
	return best
}

// distance is the Levenshtein distance between a and b, over bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
