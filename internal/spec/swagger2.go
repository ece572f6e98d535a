package spec

import (
	"strings"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi3"
)

// CollectionFormatExt is the extension on a parameter (or on a form body's property) converted from Swagger 2.0
// that keeps its collectionFormat. The conversion to OpenAPI 3 drops tsv, which has no style, and leaves an
// array without collectionFormat with no style, though Swagger 2.0's default is csv, not OpenAPI 3's exploded
// form: the builder reads this extension instead.
const CollectionFormatExt = "x-opgen-collection-format"

// keepCollectionFormats records, for every array parameter of the Swagger 2.0 document, its collectionFormat
// (csv when unset) on the matching parameter of the converted document; for formData parameters, on the
// property of the request body schema.
func keepCollectionFormats(doc2 *openapi2.T, doc3 *openapi3.T) {
	resolve := func(p *openapi2.Parameter) *openapi2.Parameter {
		if p != nil && strings.HasPrefix(p.Ref, "#/parameters/") && doc2.Parameters != nil {
			if r := doc2.Parameters[strings.TrimPrefix(p.Ref, "#/parameters/")]; r != nil {
				return r
			}
		}
		return p
	}
	format := func(p *openapi2.Parameter) string {
		if p == nil || p.Type == nil || !p.Type.Is("array") {
			return ""
		}
		if p.CollectionFormat != "" {
			return p.CollectionFormat
		}
		return "csv"
	}
	mark := func(ext map[string]any, cf string) map[string]any {
		if ext == nil {
			ext = map[string]any{}
		}
		ext[CollectionFormatExt] = cf
		return ext
	}
	if doc3.Paths == nil {
		return
	}
	for path, item2 := range doc2.Paths {
		item3 := doc3.Paths.Value(path)
		if item2 == nil || item3 == nil {
			continue
		}
		for method, op2 := range item2.Operations() {
			op3 := item3.GetOperation(method)
			if op2 == nil || op3 == nil {
				continue
			}
			params := append(append(openapi2.Parameters(nil), item2.Parameters...), op2.Parameters...)
			for _, p := range params {
				p = resolve(p)
				cf := format(p)
				if cf == "" {
					continue
				}
				if p.In == "formData" {
					if op3.RequestBody == nil || op3.RequestBody.Value == nil {
						continue
					}
					for _, mt := range op3.RequestBody.Value.Content {
						if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
							continue
						}
						if prop := mt.Schema.Value.Properties[p.Name]; prop != nil && prop.Value != nil {
							prop.Value.Extensions = mark(prop.Value.Extensions, cf)
						}
					}
					continue
				}
				for _, list := range []openapi3.Parameters{item3.Parameters, op3.Parameters} {
					for _, p3 := range list {
						if p3 != nil && p3.Value != nil && p3.Value.Name == p.Name && p3.Value.In == p.In {
							p3.Value.Extensions = mark(p3.Value.Extensions, cf)
						}
					}
				}
			}
		}
	}
}
