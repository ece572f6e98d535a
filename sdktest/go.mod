// The SDKs' tests (contract, reliability, mock, examples): a module of its own because it needs both the
// generator's module (mock, internal/faults) and the SDK modules under generated/, and the SDK modules must require
// nothing. Never published; the replace directives point at this repository.
module github.com/opgen-sdk/opgen/sdktest

go 1.26

require (
	github.com/getkin/kin-openapi v0.153.0
	github.com/opgen-sdk/opgen v0.0.0
	github.com/opgen-sdk/opgen/generated/culqi v0.0.0
	github.com/opgen-sdk/opgen/generated/openpayco v0.0.0
	github.com/opgen-sdk/opgen/generated/openpaymx v0.0.0
	github.com/opgen-sdk/opgen/generated/openpaype v0.0.0
	github.com/opgen-sdk/opgen/generated/sky v0.0.0
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/dave/jennifer v1.7.1 // indirect
	github.com/dlclark/regexp2/v2 v2.13.0 // indirect
	github.com/go-openapi/jsonpointer v0.22.5 // indirect
	github.com/go-openapi/swag/jsonname v0.25.5 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3 // indirect
	github.com/theory/jsonpath v0.12.3 // indirect
	go.yaml.in/yaml/v4 v4.0.0 // indirect
	golang.org/x/text v0.14.0 // indirect
)

replace (
	github.com/opgen-sdk/opgen => ../
	github.com/opgen-sdk/opgen/generated/culqi => ../generated/culqi
	github.com/opgen-sdk/opgen/generated/openpayco => ../generated/openpayco
	github.com/opgen-sdk/opgen/generated/openpaymx => ../generated/openpaymx
	github.com/opgen-sdk/opgen/generated/openpaype => ../generated/openpaype
	github.com/opgen-sdk/opgen/generated/sky => ../generated/sky
)
