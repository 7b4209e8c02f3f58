package serve

import (
	"maps"
	"testing/fstest"
)

// memFS are scenario files held in memory, by slash-separated name: the
// session's base chain and its rounds.
type memFS map[string]string

func newMemFS(files map[string]string) memFS { return maps.Clone(memFS(files)) }

// with returns a copy of the files with name holding text.
func (m memFS) with(name, text string) memFS {
	c := maps.Clone(m)
	c[name] = text
	return c
}

// fs returns the files as an fs.FS for the loader.
func (m memFS) fs() fstest.MapFS {
	out := make(fstest.MapFS, len(m))
	for name, text := range m {
		out[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o444}
	}
	return out
}
