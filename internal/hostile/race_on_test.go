//go:build race

package hostile

// raceFactor stretches the time budgets: the race detector slows the generator several times over.
const raceFactor = 5
