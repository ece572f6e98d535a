module github.com/opgen-sdk/opgen/generated/openpaymx

// 1.24: encoding/json honours omitzero from 1.24 on (1.23 would send an unset Nullable as null and a nil slice as
// null); range-over-func iterators need 1.23. go vet's stdversion check holds the code to this version.
go 1.24
