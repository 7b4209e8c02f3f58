// Package scenario loads scenario files: TOML decoded strictly into a
// model.Scenario, with `extends` resolved, unknown keys rejected with a
// suggestion, values checked against their ranges and the horizon, and every
// error naming the file, the line where known and the key path.
package scenario

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"simulate/internal/plaintext"
	"simulate/internal/smallfile"
	"simulate/model"
)

// Source is one file a scenario was read from.
type Source struct {
	Path   string `json:"path"`   // as named by the user, or relative to the child for parents
	SHA256 string `json:"sha256"` // of the file's bytes
	// Bundled is set for a file read from the copy of the bundled
	// scenarios inside the binary, because no file existed at Path.
	Bundled bool `json:"bundled,omitempty"`
	// Text is the file's content as the loader read it. Whatever needs
	// a loaded scenario's files afterwards (a page or a session that
	// ships them) takes them from here, never from Path again: a bundled
	// copy is not on disk, and a file on disk may have changed since.
	Text string `json:"-"`
}

// Loaded is a scenario read from disk.
type Loaded struct {
	Scenario *model.Scenario
	Files    []Source // the scenario's file first, then the files it extends
	Warnings []string // plausible but odd values, each naming file, line and key
	// Changed lists the key paths the scenario's own file sets over what it
	// extends (empty when it extends nothing), in file order.
	Changed []string
	// Claims are the claims the scenario and the files it extends declare
	// in [[claims]], parents' first.
	Claims []Claim

	parsed []*file // the decoded files, in the order of Files
}

// Load reads the scenario at path and every file it extends.
func Load(path string) (*Loaded, error) { return load(osFiles{}, path, false) }

// LoadAll is Load, except that an invalid file's errors are all reported:
// every key that cannot be read, in the scenario's own file and in the
// files it extends, is an error of the Errors it returns, parents first;
// an entry of an array of tables whose keys could all be read is checked
// as a whole, with its first error (the checks that need every file
// applied — required keys, the horizon — run once every key could be
// read).
func LoadAll(path string) (*Loaded, error) { return load(osFiles{}, path, true) }

// LoadFS reads the scenario named name in fsys and every file it extends,
// by the same rules as Load. The paths in extends are relative to the
// directory of the file that names them and must stay inside fsys. It
// reads the scenarios embedded in the program and, in the explorer page,
// scenarios held in memory.
func LoadFS(fsys fs.FS, name string) (*Loaded, error) { return load(fsFiles{fsys: fsys}, name, false) }

// Cache keeps the decoded files of the scenarios loaded through it, for a
// program that loads variations of the same scenarios many times (the
// explorer page, on every move of a slider, loads a small file of changes
// that extends a large one). A file is decoded again when its content
// changes. A Cache is safe for concurrent use.
type Cache struct {
	mu      sync.Mutex
	files   map[string]cachedFile
	parents map[string]cachedParents // by the parents' names
}

// cachedParents is a builder with a chain of parents applied, for the
// scenarios that extend the last of them.
type cachedParents struct {
	files []*file
	b     *builder
}

type cachedFile struct {
	data string
	f    *file
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{files: map[string]cachedFile{}, parents: map[string]cachedParents{}}
}

// LoadFS is LoadFS through the cache.
func (c *Cache) LoadFS(fsys fs.FS, name string) (*Loaded, error) {
	return load(fsFiles{fsys: fsys, cache: c}, name, false)
}

func load(src files, path string, all bool) (*Loaded, error) {
	data, bundle, err := src.read(path)
	if err != nil {
		msg := "cannot read the scenario: " + err.Error()
		if _, onDisk := src.(osFiles); onDisk && errors.Is(err, fs.ErrNotExist) {
			msg += suggestBundled(path)
		}
		return nil, &Error{File: path, Msg: msg}
	}
	chain, err := readChain(src, path, data, bundle, nil)
	if err != nil {
		return nil, err
	}
	own := chain[len(chain)-1]
	var b *builder
	if all {
		// Every file's errors, parents first: a fresh builder that keeps
		// going, not a cached one.
		b = newBuilder()
		b.all = true
		for _, pf := range chain[:len(chain)-1] {
			if err := b.apply(pf); err != nil {
				return nil, err
			}
		}
	} else if b, err = src.applied(chain[:len(chain)-1]); err != nil { // the parents, first to last
		return nil, err
	}
	if err := b.apply(own); err != nil {
		return nil, err
	}
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	if err := b.finish(own); err != nil {
		return nil, err
	}
	out := &Loaded{Scenario: &b.sc, Claims: b.clm.claims}
	for _, w := range b.warnings {
		out.Warnings = append(out.Warnings, w.Error())
	}
	for i := len(chain) - 1; i >= 0; i-- {
		out.Files = append(out.Files, Source{Path: chain[i].display, SHA256: chain[i].sha, Bundled: chain[i].bundle != "", Text: chain[i].text})
		out.parsed = append(out.parsed, chain[i])
	}
	if len(chain) > 1 {
		out.Changed = b.changedBy(own)
	}
	if w := inheritedTitle(out); w != "" {
		out.Warnings = append(out.Warnings, w)
	}
	return out, nil
}

// file is one decoded scenario file.
type file struct {
	display string
	abs     string
	sha     string
	text    string // the file's content, as read
	raw     map[string]any
	loc     *locator
	// bundle is the name inside the bundled scenarios of the copy the
	// file was read from, "" for a file read from where display names.
	bundle string
}

func (f *file) err(path keyPath, format string, args ...any) error {
	return &Error{File: f.display, Line: f.loc.line(path), Key: path.String(), Msg: fmt.Sprintf(format, args...)}
}

// files is where a scenario and the files it extends are read from.
type files interface {
	// read returns the bytes of the file name and, when they are the
	// bundled copy because no file exists at name, its name in the bundle.
	read(name string) (data []byte, bundle string, err error)
	// readParent is read for name, the file that ref, the extends of
	// child, resolves to.
	readParent(child *file, ref, name string) (data []byte, bundle string, err error)
	// id names a file uniquely, to detect cycles.
	id(name string) (string, error)
	// resolve returns the name of the file that ref, the extends of the
	// file named from, points to.
	resolve(from, ref string) string
	// parse decodes a file (parseFile, or a copy decoded before).
	parse(display, abs string, data []byte) (*file, error)
	// applied returns a new builder with the files applied, first to
	// last (applyAll, or a copy of one made before).
	applied(files []*file) (*builder, error)
}

// applyAll returns a new builder with the files applied, first to last.
func applyAll(files []*file) (*builder, error) {
	b := newBuilder()
	for _, f := range files {
		if err := b.apply(f); err != nil {
			return nil, err
		}
	}
	return b, nil
}

func (osFiles) applied(files []*file) (*builder, error) { return applyAll(files) }

// applied returns a copy of the builder the cache holds for these parents,
// if they are the same decoded files; applying them is most of the work
// of loading a small scenario that extends large ones.
func (f fsFiles) applied(files []*file) (*builder, error) {
	if f.cache == nil || len(files) == 0 {
		return applyAll(files)
	}
	names := make([]string, len(files))
	for i, pf := range files {
		names[i] = pf.display
	}
	key := strings.Join(names, "\x00")
	f.cache.mu.Lock()
	c, ok := f.cache.parents[key]
	f.cache.mu.Unlock()
	if ok && slices.Equal(c.files, files) {
		return c.b.clone(), nil
	}
	b, err := applyAll(files)
	if err != nil {
		return nil, err
	}
	f.cache.mu.Lock()
	f.cache.parents[key] = cachedParents{slices.Clone(files), b}
	f.cache.mu.Unlock()
	return b.clone(), nil
}

// osFiles are the operating system's files.
type osFiles struct{}

func (osFiles) read(name string) ([]byte, string, error) {
	n, _ := bundledName(name)
	return readSource(name, n)
}
func (osFiles) readParent(child *file, ref, name string) ([]byte, string, error) {
	return readSource(name, parentNames(child, ref, name)...)
}
func (osFiles) id(name string) (string, error) { return filepath.Abs(name) }
func (osFiles) parse(display, abs string, data []byte) (*file, error) {
	return parseFile(display, abs, data)
}
func (osFiles) resolve(from, ref string) string {
	p := filepath.FromSlash(ref)
	if !filepath.IsAbs(p) {
		p = filepath.Join(filepath.Dir(from), p)
	}
	return p
}

// fsFiles are the files of an fs.FS, named by slash-separated paths,
// decoded through cache if it is not nil.
type fsFiles struct {
	fsys  fs.FS
	cache *Cache
}

// parse returns the cached decoding of the file if its content is the
// same; a decoded file is never changed, so loads can share it.
func (f fsFiles) parse(display, abs string, data []byte) (*file, error) {
	if f.cache == nil {
		return parseFile(display, abs, data)
	}
	f.cache.mu.Lock()
	c, ok := f.cache.files[display]
	f.cache.mu.Unlock()
	if ok && c.data == string(data) {
		return c.f, nil
	}
	pf, err := parseFile(display, abs, data)
	if err != nil {
		return nil, err
	}
	f.cache.mu.Lock()
	f.cache.files[display] = cachedFile{string(data), pf}
	f.cache.mu.Unlock()
	return pf, nil
}

func (f fsFiles) readParent(_ *file, _, name string) ([]byte, string, error) { return f.read(name) }
func (f fsFiles) read(name string) ([]byte, string, error) {
	data, err := f.readFS(name)
	return data, "", err
}
func (f fsFiles) readFS(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, errors.New("the path leaves the directory the scenarios are read from")
	}
	data, err := smallfile.ReadFS(f.fsys, name, maxFileBytes)
	return data, readError(err)
}
func (fsFiles) id(name string) (string, error) { return name, nil }
func (fsFiles) resolve(from, ref string) string {
	return path.Join(path.Dir(from), ref)
}

// readBytes reads a scenario file, refusing anything but a regular file
// (a directory, a FIFO, a device such as /dev/stdin: reading one could
// block for ever or never end) and files too large to be scenarios (see
// smallfile). Its errors do not repeat the path (the caller names it).
func readBytes(path string) ([]byte, error) {
	data, err := smallfile.Read(path, maxFileBytes)
	return data, readError(err)
}

// readError words an error of smallfile for a scenario, without the path.
func readError(err error) error {
	var kind *smallfile.NotRegularError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &kind) && kind.Mode.IsDir():
		return kind
	case errors.As(err, &kind):
		return fmt.Errorf("%v; a scenario is read only from a regular file", kind)
	case errors.As(err, new(*smallfile.TooLargeError)):
		return fmt.Errorf("the file is larger than %d MB; a scenario is a few kilobytes of TOML", maxFileBytes>>20)
	}
	return unwrapPath(err)
}

// unwrapPath drops the operation and path from an *fs.PathError ("open
// x.toml: no such file or directory" becomes "no such file or directory").
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readChain decodes data, the scenario file at display, and recursively the
// file it extends; it returns the chain parents first. stack holds the
// files that extend this one, to detect cycles.
func readChain(src files, display string, data []byte, bundle string, stack []*file) ([]*file, error) {
	abs, err := src.id(display)
	if err != nil {
		return nil, &Error{File: display, Msg: err.Error()}
	}
	f, err := src.parse(display, abs, data)
	if err != nil {
		return nil, err
	}
	if bundle != "" {
		g := *f // a parsed file may be shared by a cache: mark a copy
		g.bundle = bundle
		f = &g
	}
	ext, ok := f.raw["extends"]
	if !ok {
		return []*file{f}, nil
	}
	at := keyPath{"extends"}
	parent, ok := ext.(string)
	if !ok || strings.TrimSpace(parent) == "" {
		return nil, f.err(at, "expected the path of another scenario file (a string), got %s", describe(ext))
	}
	if len(stack)+2 > maxChain { // this file, the files that extend it and its parent
		return nil, f.err(at, "a chain of more than %d files extending one another; is there a loop through a link?", maxChain)
	}
	parentDisplay := src.resolve(display, parent)
	parentAbs, err := src.id(parentDisplay)
	if err != nil {
		return nil, f.err(at, "cannot read %q: %v", parent, err)
	}
	stack = append(stack, f)
	for i, g := range stack {
		switch {
		case g.abs != parentAbs:
		case g == f:
			return nil, f.err(at, "%q is this file itself; a scenario cannot extend itself", parent)
		default:
			return nil, f.err(at, "%q leads back to %s, a cycle (%s); a scenario can extend only files that do not extend it", parent, g.display, cycle(stack[i:]))
		}
	}
	parentData, parentBundle, err := src.readParent(f, parent, parentDisplay)
	if err != nil {
		return nil, f.err(at, "cannot read %q: %v (the path is relative to the directory of %s)", parent, err, filepath.Base(display))
	}
	chain, err := readChain(src, parentDisplay, parentData, parentBundle, stack)
	if err != nil {
		return nil, err
	}
	return append(chain, f), nil
}

// cycle names the files of a cycle, ending with the first again.
func cycle(files []*file) string {
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f.display))
	}
	return strings.Join(append(names, names[0]), " → ")
}

// parseFile decodes one scenario file.
func parseFile(display, abs string, data []byte) (*file, error) {
	var err error
	sum := sha256.Sum256(data)
	text := string(data)
	if line, msg := checkText(text); msg != "" {
		return nil, &Error{File: display, Line: line, Key: rawKey(text, line), Msg: msg}
	}
	f := &file{display: display, abs: abs, sha: hex.EncodeToString(sum[:]), text: text, loc: newLocator(text)}
	if at := findForbidden(text); at >= 0 {
		line := strings.Count(text[:at], "\n") + 1
		return nil, &Error{File: display, Line: line, Key: f.loc.keyOnLine(line).String(),
			Msg: plaintext.Describe(text, at) + " in the text; a scenario is UTF-8 text without control characters"}
	}
	if f.raw, err = decodeTOML(text); err != nil {
		return nil, f.syntaxError(text, err)
	}
	if err := f.checkDecoded(nil, f.raw); err != nil {
		return nil, err
	}
	if len(f.raw) == 0 {
		return nil, &Error{File: display, Msg: "the file sets nothing: a scenario needs title, start_year and end_year, or extends naming a scenario to start from"}
	}
	return f, nil
}

// syntaxError turns an error from the TOML parser into an *Error with the
// line (and, where the locator knows it, the key) of the mistake. It never
// calls ParseError.ErrorWithPosition, which can panic on a position the
// parser got wrong; it takes the line from the byte offset where it can and
// trusts Position.Line only when it lies in the file.
func (f *file) syntaxError(text string, err error) error {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return &Error{File: f.display, Msg: "invalid TOML: " + err.Error()}
	}
	lines := strings.Count(text, "\n") + 1
	line := 0
	switch {
	case pe.Position.Start >= 0 && pe.Position.Start < len(text):
		line = strings.Count(text[:pe.Position.Start], "\n") + 1
	case pe.Position.Line > 0 && pe.Position.Line <= lines:
		line = pe.Position.Line
	}
	e := &Error{File: f.display, Line: line, Msg: "invalid TOML: " + syntaxMessage(pe.Message)}
	if line > 0 {
		e.Key = f.loc.keyOnLine(line).String()
	}
	if dup, ok := strings.CutPrefix(pe.Message, "Key '"); ok && strings.HasSuffix(dup, "' has already been defined.") {
		key := splitKey(strings.TrimSuffix(dup, "' has already been defined."))
		e.Key = key.String()
		e.Msg = "defined twice; a key or table can be set only once in a file"
		if first := f.loc.line(key); first > 0 && first != line {
			e.Msg = fmt.Sprintf("defined twice (first on line %d); a key or table can be set only once in a file", first)
		}
	}
	return e
}

// syntaxMessage rewords the TOML parser's messages that a newcomer would
// stumble over; others pass through with a lower-case first letter and no
// final period, like every other message here.
func syntaxMessage(msg string) string {
	if n, ok := strings.CutSuffix(msg, " is out of range for int64"); ok {
		return fmt.Sprintf("the integer %s is too large (TOML integers lie between %d and %d)", n, math.MinInt64, math.MaxInt64)
	}
	msg = strings.TrimSuffix(msg, ".")
	msg = strings.ReplaceAll(msg, `got '\n'`, "got the end of the line")
	msg = strings.ReplaceAll(msg, `found '\n'`, "found the end of the line")
	if msg != "" && msg[0] >= 'A' && msg[0] <= 'Z' && !strings.HasPrefix(msg, "TOML") {
		msg = strings.ToLower(msg[:1]) + msg[1:]
	}
	return msg
}

// decodeTOML decodes text into a generic map. The TOML library is guarded:
// a panic inside it (it has had some on malformed input) becomes an error.
func decodeTOML(text string) (raw map[string]any, err error) {
	defer func() {
		if r := recover(); r != nil {
			raw, err = nil, fmt.Errorf("malformed TOML (%v)", r)
		}
	}()
	raw = map[string]any{}
	_, err = toml.Decode(text, &raw)
	return raw, err
}

// describe names the TOML type and value of a decoded value, for error
// messages: "the string \"3.5\"", "the number 2040.0", "a table".
func describe(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", x)
	case int64:
		return fmt.Sprintf("the integer %d", x)
	case float64:
		return "the number " + FormatFloat(x)
	case bool:
		return fmt.Sprintf("the boolean %v", x)
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "an array of tables"
	case []any:
		return "an array"
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return "the date " + x.Format(time.DateOnly)
		}
		return "the date and time " + x.Format(time.DateTime)
	default:
		return fmt.Sprintf("a value of type %T", v)
	}
}

// FormatFloat writes a float as TOML spells it, so that the loader reads
// back the same value: the shortest decimal form ("2040.0", "0.5",
// "1e+300"), and "nan", "inf", "-inf" (which the loader refuses with its
// own message).
func FormatFloat(x float64) string {
	switch {
	case math.IsNaN(x):
		return "nan"
	case math.IsInf(x, 1):
		return "inf"
	case math.IsInf(x, -1):
		return "-inf"
	}
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eE") {
		s += ".0"
	}
	return s
}

// sortedKeys returns the keys of m in the order they appear in f, so the
// first error reported is the first in the file.
func sortedKeys(f *file, prefix keyPath, m map[string]any) []string {
	keys := make([]string, 0, len(m))
	line := make(map[string]int, len(m)) // looked up once, not in every comparison
	for k := range m {
		keys = append(keys, k)
		line[k] = f.loc.line(prefix.with(k))
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := line[keys[i]], line[keys[j]]
		if li != lj {
			return li < lj
		}
		return keys[i] < keys[j]
	})
	return keys
}

// number reads a finite number (TOML integer or float).
func number(f *file, path keyPath, v any) (float64, error) {
	var x float64
	switch n := v.(type) {
	case int64:
		x = float64(n)
	case float64:
		x = n
	case map[string]any:
		return 0, f.err(path, "expected a number, got a table: this key takes a single value, not a path of year = value")
	default:
		return 0, f.err(path, "expected a number, got %s", describe(v))
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, f.err(path, "expected a finite number, got %s", FormatFloat(x))
	}
	return x, nil
}

// numberIn reads a number in [lo, hi].
func numberIn(f *file, path keyPath, v any, lo, hi float64, unit string) (float64, error) {
	x, err := number(f, path, v)
	if err != nil {
		return 0, err
	}
	if x < lo || x > hi {
		return 0, f.err(path, "%s is out of range: expected %s", num(x), rangeText(lo, hi, unit))
	}
	return x, nil
}

// rangeText writes a range for a message: "0 to 60 (% of GDP)", "0 to 1",
// "more than 0 and at most 1000000 (USD bn)". A lower bound just above 0
// stands for "more than 0".
func rangeText(lo, hi float64, unit string) string {
	u := ""
	if unit != "" {
		u = " (" + unit + ")"
	}
	if lo > 0 && lo < 1e-3 {
		return fmt.Sprintf("more than 0 and at most %s%s", num(hi), u)
	}
	return fmt.Sprintf("%s to %s%s", num(lo), num(hi), u)
}

// num formats a number for a message: whole numbers in full (1000000, not
// 1e+06), others in the shortest form that reads back the same.
func num(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// integer reads a TOML integer in [lo, hi]. what names the value for the
// message: "a year".
func integer(f *file, path keyPath, v any, lo, hi int64, what string) (int64, error) {
	n, ok := v.(int64)
	if !ok {
		if x, isFloat := v.(float64); isFloat && x == math.Trunc(x) && !math.IsInf(x, 0) {
			return 0, f.err(path, "expected %s, a whole number written without a decimal point, got %s", what, describe(v))
		}
		return 0, f.err(path, "expected %s (a whole number), got %s", what, describe(v))
	}
	if n < lo || n > hi {
		return 0, f.err(path, "%d is out of range: expected %s from %d to %d", n, what, lo, hi)
	}
	return n, nil
}

// pathValue reads a value that varies over time: a number (constant) or an
// inline table of year = value (piecewise linear).
func pathValue(f *file, path keyPath, v any, lo, hi float64, unit string) (model.Path, error) {
	switch x := v.(type) {
	case int64, float64:
		n, err := numberIn(f, path, x, lo, hi, unit)
		return model.Const(n), err
	case map[string]any:
		if len(x) == 0 {
			return model.Path{}, f.err(path, "expected at least one year = value point, got an empty table")
		}
		points := map[int]float64{}
		for _, k := range sortedKeys(f, path, x) {
			y, err := strconv.Atoi(k)
			if err != nil || y < minYear || y > maxYear {
				return model.Path{}, f.err(path.with(k), "expected a year from %d to %d as the key of a year = value point, got %q", minYear, maxYear, k)
			}
			if _, dup := points[y]; dup {
				return model.Path{}, f.err(path.with(k), "year %d appears twice (as %q and as another spelling of the same year)", y, k)
			}
			n, err := numberIn(f, path.with(k), x[k], lo, hi, unit)
			if err != nil {
				return model.Path{}, err
			}
			points[y] = n
		}
		return model.PathOf(points), nil
	default:
		return model.Path{}, f.err(path, "expected a number or a table of year = value, got %s", describe(v))
	}
}

func stringValue(f *file, path keyPath, v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", f.err(path, "expected a string (in quotes), got %s", describe(v))
	}
	return s, nil
}

// table reads a table; header names the key's table header for the
// message ("[alliance]").
func table(f *file, path keyPath, v any) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, f.err(path, "expected a table ([%s]), got %s", path, describe(v))
	}
	return m, nil
}

// tables reads an array of tables ([[name]] or an inline array of tables).
func tables(f *file, path keyPath, v any) ([]map[string]any, error) {
	switch x := v.(type) {
	case []map[string]any:
		return x, nil
	case []any:
		out := make([]map[string]any, len(x))
		for i, e := range x {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, f.err(path.with(index(i)), "expected a table (each entry of %s is written [[%s]]), got %s", path, path, describe(e))
			}
			out[i] = m
		}
		return out, nil
	default:
		return nil, f.err(path, "expected an array of tables ([[%s]]), got %s", path, describe(v))
	}
}

// unknownKey reports key at path, which is not among known.
func unknownKey(f *file, path keyPath, key string, known []string) error {
	return f.err(path, "unknown key %q%s (known keys: %s)", key, Suggest(key, known), strings.Join(known, ", "))
}
