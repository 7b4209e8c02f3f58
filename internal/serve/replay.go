package serve

import (
	"fmt"

	"simulate/internal/output"
)

// Replay reads a session log and writes what the live server wrote under
// its state directory — the base's files and every revealed round's
// export — under outDir, computed again from the log alone. It returns
// the names of the files written. A torn last line is left out and
// reported through warn.
func Replay(logPath, outDir string, warn func(string)) ([]string, error) {
	recs, _, torn, err := ReadLog(logPath)
	if err != nil {
		return nil, err
	}
	if torn != "" && warn != nil {
		warn(torn)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: the log holds no record", logPath)
	}
	st, err := newState(&recs[0])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", logPath, err)
	}
	files := baseFiles(st.cfg)
	st.written = func(f []output.File) { files = append(files, f...) }
	if err := st.replay(recs[1:]); err != nil {
		return nil, fmt.Errorf("%s: %w", logPath, err)
	}
	if err := writeExport(outDir, files); err != nil {
		return nil, err
	}
	return output.Names(files), nil
}
