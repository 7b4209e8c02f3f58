package explore

// The WebAssembly model and its loader are generated assets, committed so
// that simulate explore works from an installed binary without a Go
// toolchain. Regenerate them after changing the model, the loader or
// internal/explore/api (TestAssetsCurrent fails until then):
//
//	go generate ./internal/explore

//go:generate go run ./gen
