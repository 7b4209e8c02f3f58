package serve

import (
	"simulate/internal/output"
	"simulate/internal/scenario"
)

// Replay reads a session log and writes what the live server wrote under
// its state directory — the base's files and every revealed round's
// export — under outDir, computed again from the log alone. It returns
// the names of the files written. A torn last line is left out and
// reported through warn.
func Replay(logPath, outDir string, warn func(string)) ([]string, error) {
	var exports []output.File
	st, _, torn, err := readState(logPath, func(f []output.File) { exports = append(exports, f...) })
	if err != nil {
		return nil, err
	}
	if torn != "" && warn != nil {
		warn(torn)
	}
	if st == nil {
		return nil, &scenario.Error{File: logPath, Msg: "the log holds no record"}
	}
	files := append(baseFiles(st.cfg), exports...)
	if err := writeExport(outDir, files); err != nil {
		return nil, err
	}
	return output.Names(files), nil
}
