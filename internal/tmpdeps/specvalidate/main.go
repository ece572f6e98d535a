// Command specvalidate is a scratch checker for spec authors: it loads a spec with kin-openapi, validates it
// (examples included) and lists operations. Temporary; replaced by `opgen check`/the lint test.
package main

import (
	"context"
	"fmt"
	"os"
	"sort"

	"github.com/getkin/kin-openapi/openapi3"
)

func main() {
	for _, p := range os.Args[1:] {
		l := openapi3.NewLoader()
		l.IsExternalRefsAllowed = true
		doc, err := l.LoadFromFile(p)
		if err != nil {
			fmt.Println(p, "LOAD:", err)
			continue
		}
		if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
			fmt.Println(p, "VALIDATE:", err)
		}
		n := 0
		var lines []string
		for path, item := range doc.Paths.Map() {
			for m, op := range item.Operations() {
				n++
				lines = append(lines, fmt.Sprintf("  %-7s %-60s %s %v %v", m, path, op.OperationID, op.Extensions["x-opgen-resource"], op.Extensions["x-opgen-method"]))
			}
		}
		sort.Strings(lines)
		fmt.Printf("%s: %d operations, %d schemas\n", p, n, len(doc.Components.Schemas))
		for _, s := range lines {
			fmt.Println(s)
		}
	}
}
