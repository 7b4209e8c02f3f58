// Package model is the agent model of the US–ROK alliance among its
// neighbours: five agents step through the years of a scenario in a fixed
// sequence of named phases, each year computed from a frozen copy of the
// previous year's state.
//
// The package is pure: it reads no files, flags or TOML and draws no charts.
// A Scenario (inputs) and Params (coefficients) go in; a Results table of
// indicators per year and subject comes out.
package model

// Actor identifies one of the five agents. Agents live in fixed-order arrays
// indexed by Actor, never in maps, so iteration order is always the same.
type Actor int

// The five agents, in the order the indicator contract lists them.
const (
	US Actor = iota
	ROK
	DPRK
	CHN
	JPN
	NumActors
)

var actorNames = [NumActors]string{"US", "ROK", "DPRK", "CHN", "JPN"}

// String returns the actor's code as used in scenario files and output.
func (a Actor) String() string {
	if a < 0 || a >= NumActors {
		return "?"
	}
	return actorNames[a]
}

// ParseActor returns the actor with the given code (US, ROK, DPRK, CHN, JPN).
func ParseActor(code string) (Actor, bool) {
	for a, n := range actorNames {
		if n == code {
			return Actor(a), true
		}
	}
	return 0, false
}

// ActorCodes returns the five actor codes in model order.
func ActorCodes() []string { return append([]string(nil), actorNames[:]...) }

// Subjects that are not single actors.
const (
	SubjectAlliance   = "US-ROK"
	SubjectTrilateral = "US-ROK-JPN"
	SubjectRegion     = "REGION"
)
