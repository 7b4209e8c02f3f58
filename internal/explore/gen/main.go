// Command gen builds the explorer's generated assets (go generate in
// internal/explore runs it there): the model compiled to WebAssembly and
// gzipped, assets/model.wasm.gz; the Go runtime's loader for it,
// assets/wasm_exec.js, copied from the toolchain; the toolchain's
// version, assets/toolchain.txt; and a SHA-256 of every source file the
// model's build reads (this module's files, go.mod and go.sum),
// assets/sources.txt. The build is reproducible: the same sources and
// toolchain give the same bytes (-trimpath, no build id, no VCS stamp, gzip
// without a name or time). With -o DIR it writes there instead of assets/;
// with -sources it prints the sources' hash and writes nothing. The test
// that checks the committed assets uses both.
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	out := flag.String("o", "assets", "directory to write the assets to")
	hashOnly := flag.Bool("sources", false, "print the hash of the sources and write nothing")
	flag.Parse()
	if *hashOnly {
		h, err := sourcesHash()
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		fmt.Print(h)
		return
	}
	if err := generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func generate(dir string) error {
	tmp, err := os.MkdirTemp("", "explore-wasm-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	wasm := filepath.Join(tmp, "model.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid=", "-o", wasm, "./wasm")
	cmd.Env = wasmEnv()
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building the WebAssembly model: %w", err)
	}
	raw, err := os.ReadFile(wasm)
	if err != nil {
		return err
	}
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(raw); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	loader, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return err
	}
	version, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return fmt.Errorf("go env GOVERSION: %w", err)
	}
	sources, err := sourcesHash()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, data := range map[string][]byte{
		"model.wasm.gz": gz.Bytes(),
		"wasm_exec.js":  loader,
		"toolchain.txt": version,
		"sources.txt":   []byte(sources),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// wasmEnv is the environment of the WebAssembly build and of the listing
// of its sources.
func wasmEnv() []string {
	return append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=", "GOWASM=")
}

// sourcesHash returns "sha256 HEX" and then, a line each, the files it
// hashes (by path and content): every file of this module that the
// WebAssembly build compiles or embeds, and go.mod and go.sum (which fix
// the other modules' versions). It does not depend on the toolchain, so it
// tells a stale build on any.
func sourcesHash() (string, error) {
	root, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "", fmt.Errorf("go list -m: %w", err)
	}
	mod := strings.TrimSpace(string(root))
	cmd := exec.Command("go", "list", "-deps", "-f",
		`{{if .Module}}{{if .Module.Main}}{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .EmbedFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{end}}{{end}}`, "./wasm")
	cmd.Env = wasmEnv()
	list, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list -deps ./wasm: %w", err)
	}
	files := strings.Fields(string(list))
	files = append(files, filepath.Join(mod, "go.mod"), filepath.Join(mod, "go.sum"))
	var rel []string
	for _, f := range files {
		r, err := filepath.Rel(mod, f)
		if err != nil {
			return "", err
		}
		rel = append(rel, filepath.ToSlash(r))
	}
	sort.Strings(rel)
	h := sha256.New()
	for _, r := range rel {
		b, err := os.ReadFile(filepath.Join(mod, filepath.FromSlash(r)))
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", r, len(b))
		h.Write(b)
	}
	return fmt.Sprintf("sha256 %x\n%s\n", h.Sum(nil), strings.Join(rel, "\n")), nil
}
