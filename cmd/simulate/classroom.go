package main

import (
	"errors"
	"io/fs"
	"os"

	"simulate/docs/classroom"
	"simulate/internal/serve"
	"simulate/internal/team"
)

// bundledClassroom returns the name in classroom.Session of the file path
// names (docs/classroom/negotiation-roles.toml) when no file exists at
// path: the copy inside the program stands for it, as a bundled
// scenario's does for its file.
func bundledClassroom(path string) (string, bool) {
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return "", false
	}
	return classroom.Bundled(path)
}

// loadRoles reads the roles file at path, or the bundled copy of the
// classroom's that it names (see bundledClassroom), named path in its
// errors and its scorecard.
func loadRoles(path string) (*team.Roles, error) {
	name, ok := bundledClassroom(path)
	if !ok {
		return team.Load(path)
	}
	data, err := fs.ReadFile(classroom.Session, name)
	if err != nil {
		return nil, err
	}
	return team.Parse(path, data)
}

// bundledSession reports whether path names the bundled session file
// (docs/classroom/negotiation-session.toml) and no file exists there.
func bundledSession(path string) bool {
	name, ok := bundledClassroom(path)
	return ok && name == classroom.SessionFile
}

// loadSession reads the session file at path, or the bundled session if
// path names it (see bundledSession).
func loadSession(path string) (*serve.Config, error) {
	if bundledSession(path) {
		return serve.LoadConfigFS(classroom.Session, classroom.SessionFile)
	}
	return serve.LoadConfig(path)
}
