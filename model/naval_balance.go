package model

// NavalBalance returns the allied share of the regional naval balance, in
// percent: allied warship tonnage (the US's Pacific share, Japan and ROK)
// over allied plus Chinese tonnage. Tonnage shares are the naval-power
// measure of Crisher & Souva (2014).
//
// Extremes: 100 with no Chinese navy, 0 with no allied one, 50 at parity.
//
// References: Crisher & Souva (2014), Power at Sea; Panetta (2012) for the
// 60% Pacific share.
func NavalBalance(us, rok, jpn, chn, usPacificShare float64) float64 {
	allied := usPacificShare*us + rok + jpn
	return clamp(100*ratio(allied, allied+chn), 0, 100)
}
