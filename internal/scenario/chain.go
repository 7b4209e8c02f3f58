package scenario

import (
	"path/filepath"
	"strings"
)

// Chain returns the files of a scenario loaded by Load, its own file first,
// named by slash-separated paths relative to the deepest directory that
// holds them all, with their text as Load read it: laid out in an fs.FS
// under these names, each extends resolves to the same file as it did for
// Load (the explorer page and a classroom session load them so). A bundled
// file is laid out where its path names it, as Load read it.
func (l *Loaded) Chain() (names, texts []string, err error) {
	abs := make([]string, len(l.Files))
	for i, f := range l.Files {
		if abs[i], err = filepath.Abs(f.Path); err != nil {
			return nil, nil, err
		}
		texts = append(texts, f.Text)
	}
	root := filepath.Dir(abs[0])
	for _, a := range abs[1:] {
		for !strings.HasPrefix(a, root+string(filepath.Separator)) && filepath.Dir(root) != root {
			root = filepath.Dir(root)
		}
	}
	for _, a := range abs {
		rel, err := filepath.Rel(root, a)
		if err != nil {
			return nil, nil, err
		}
		names = append(names, filepath.ToSlash(rel))
	}
	return names, texts, nil
}
