//go:build !unix

package output

// lockDir takes no lock where flock(2) is not to be had: runs that
// replace one output at once rely on swap's retries alone there.
func lockDir(dir string, exclusive bool) (unlock func(), err error) {
	return func() {}, nil
}
