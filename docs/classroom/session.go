package classroom

import "embed"

// Session holds the served session of exercise 7 and the roles file it
// names, embedded so that simulate serve runs it from any directory:
// negotiation-session.toml, negotiation-roles.toml.
//
//go:embed negotiation-session.toml negotiation-roles.toml
var Session embed.FS

// SessionFile is the session's name in Session.
const SessionFile = "negotiation-session.toml"
