// Package support is not API: nothing imports it. It is the runtime that opgen copies into every generated SDK
// package (retries, redaction, options, errors, parameter and body encoding, pagination, decimals, webhooks),
// kept here as a real package so that it is compiled, vetted and tested in place. The generator trims each copy
// to what the SDK's code uses and renames the package; see ../README.md for the rules these files follow. This
// file is the one not copied.
package support
