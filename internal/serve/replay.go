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
	recs, _, torn, err := ReadLog(logPath)
	if err != nil {
		return nil, err
	}
	if torn != "" && warn != nil {
		warn(torn)
	}
	if len(recs) == 0 {
		return nil, &scenario.Error{File: logPath, Msg: "the log holds no record"}
	}
	st, err := newState(&recs[0])
	if err != nil {
		return nil, logError(logPath, 1, err)
	}
	files := baseFiles(st.cfg)
	st.written = func(f []output.File) { files = append(files, f...) }
	if err := st.replay(logPath, recs[1:]); err != nil {
		return nil, err
	}
	if err := writeExport(outDir, files); err != nil {
		return nil, err
	}
	return output.Names(files), nil
}
