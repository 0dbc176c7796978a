package main

import (
	"math"
	"math/rand"

	"github.com/vmihailenco/msgpack/v5"
)

// outbound is a message a bot sends to its match, after `delayMs` (a player's think time).
type outbound struct {
	opCode  int
	data    []byte
	delayMs int
}

// player is one bot's side of one match: what it sends on each message, and when the match is over for it.
type player interface {
	receive(opCode int, data []byte) (send []outbound, over bool)
}

// gameSpec is how a game is matchmade and played (ids and op codes: matches/*/protocol.ts).
type gameSpec struct {
	gameID, mode       string
	minCount, maxCount int
	newPlayer          func(userID string, rng *rand.Rand) player
}

var games = map[string]gameSpec{
	"quiz": {gameID: "126bf539-dae2-4bcf-964d-316c0fa1f92b", mode: "duel", minCount: 2, maxCount: 2, newPlayer: newQuizPlayer},
	"br":   {gameID: "5b4f2a9e-3c8d-4e71-a0f6-9d2c7b1e4a38", mode: "solo", minCount: 2, maxCount: 100, newPlayer: newBrPlayer},
}

// ---- QuizVerse: answer each question after a think time, with a seeded choice.

const (
	quizAnswer      = 1
	quizQuestion    = 10
	quizMatchResult = 13
)

// quizAnswers holds every answer a bot can send, encoded once: [round][choice].
var quizAnswers = func() [][][]byte {
	out := make([][][]byte, 21)
	for round := range out {
		for choice := 0; choice < 8; choice++ {
			data, _ := msgpack.Marshal(map[string]int{"round": round, "choice": choice})
			out[round] = append(out[round], data)
		}
	}
	return out
}()

type quizPlayer struct{ rng *rand.Rand }

func newQuizPlayer(_ string, rng *rand.Rand) player { return &quizPlayer{rng: rng} }

func (q *quizPlayer) receive(opCode int, data []byte) ([]outbound, bool) {
	switch opCode {
	case quizQuestion:
		var m struct {
			Round   int      `msgpack:"round"`
			Choices []string `msgpack:"choices"`
		}
		if msgpack.Unmarshal(data, &m) != nil || m.Round >= len(quizAnswers) || len(m.Choices) == 0 {
			return nil, false
		}
		choice := q.rng.Intn(len(m.Choices))
		return []outbound{{opCode: quizAnswer, data: quizAnswers[m.Round][choice%8], delayMs: 500 + q.rng.Intn(2500)}}, false
	case quizMatchResult:
		return nil, true
	}
	return nil, false
}

// ---- LastToLive: the fighting bot of test/support/br-client-bot.ts (walk to the zone's centre,
// fire the rifle at the nearest enemy in range when ready, hold position while it cools down).

const (
	brMove        = 1
	brShoot       = 2
	brMatchStart  = 10
	brSnapshot    = 11
	brShotResult  = 12
	brMatchResult = 15
	maxDirection  = 1000
	snapPlayers   = 11 // first player group in a snapshot (matches/br/protocol.ts SNAP)
)

type brPlayer struct {
	userID    string
	started   bool
	myTeam    int
	teams     map[int]int // slot -> team
	rifle     struct{ id, rangeCm int }
	ammo      map[int]int
	readyTick int
}

func newBrPlayer(userID string, _ *rand.Rand) player {
	return &brPlayer{userID: userID, teams: map[int]int{}, ammo: map[int]int{}}
}

func (b *brPlayer) receive(opCode int, data []byte) ([]outbound, bool) {
	switch opCode {
	case brMatchStart:
		var m struct {
			Players []struct {
				Slot   int    `msgpack:"slot"`
				UserID string `msgpack:"userId"`
				Team   int    `msgpack:"team"`
			} `msgpack:"players"`
			Weapons []struct {
				ID    int    `msgpack:"id"`
				Name  string `msgpack:"name"`
				Range int    `msgpack:"range"`
			} `msgpack:"weapons"`
			You struct {
				Ammo      []int `msgpack:"ammo"`
				ReadyTick int   `msgpack:"readyTick"`
			} `msgpack:"you"`
		}
		if msgpack.Unmarshal(data, &m) != nil {
			return nil, false
		}
		for _, p := range m.Players {
			b.teams[p.Slot] = p.Team
			if p.UserID == b.userID {
				b.myTeam = p.Team
			}
		}
		for _, w := range m.Weapons {
			if w.Name == "rifle" {
				b.rifle.id, b.rifle.rangeCm = w.ID, w.Range
			}
		}
		for id, n := range m.You.Ammo {
			b.ammo[id] = n
		}
		b.readyTick = m.You.ReadyTick
		b.started = true
	case brShotResult:
		var m struct {
			Weapon    int `msgpack:"weapon"`
			Ammo      int `msgpack:"ammo"`
			ReadyTick int `msgpack:"readyTick"`
		}
		if msgpack.Unmarshal(data, &m) == nil {
			b.ammo[m.Weapon], b.readyTick = m.Ammo, m.ReadyTick
		}
	case brSnapshot:
		var s []int
		if !b.started || msgpack.Unmarshal(data, &s) != nil || len(s) < snapPlayers {
			return nil, false
		}
		return b.onSnapshot(s), false
	case brMatchResult:
		return nil, true
	}
	return nil, false
}

func (b *brPlayer) onSnapshot(s []int) []outbound {
	tick, x, y, hp, move := s[0], s[2], s[3], s[4], s[5]
	if hp <= 0 {
		return nil
	}
	for i := snapPlayers; i+3 < len(s); i += 4 {
		slot, ex, ey, ehp := s[i], s[i+1], s[i+2], s[i+3]
		if ehp <= 0 || b.teams[slot] == b.myTeam {
			continue
		}
		dx, dy := ex-x, ey-y
		far := maxInt(absInt(dx), absInt(dy))
		if far > 0 && dx*dx+dy*dy <= b.rifle.rangeCm*b.rifle.rangeCm {
			if tick < b.readyTick || b.ammo[b.rifle.id] <= 0 {
				return []outbound{moveTo(x, y, move, x, y)}
			}
			scale := float64(maxDirection) / float64(far)
			shot, _ := msgpack.Marshal(map[string]int{"dx": int(math.Round(float64(dx) * scale)), "dy": int(math.Round(float64(dy) * scale)), "weapon": b.rifle.id})
			return []outbound{{opCode: brShoot, data: shot}, moveTo(x, y, move, x, y)}
		}
		return []outbound{moveTo(x, y, move, ex, ey)}
	}
	return []outbound{moveTo(x, y, move, s[6], s[7])}
}

// moveTo: a MOVE of at most `budget` cm from (x, y) toward (tx, ty).
func moveTo(x, y, budget, tx, ty int) outbound {
	dx, dy := float64(tx-x), float64(ty-y)
	distance := math.Sqrt(dx*dx + dy*dy)
	f := 0.0
	if distance > 0 {
		f = math.Min(float64(budget), distance) / distance
	}
	data, _ := msgpack.Marshal(map[string]int{"x": x + int(math.Trunc(dx*f)), "y": y + int(math.Trunc(dy*f))})
	return outbound{opCode: brMove, data: data}
}

func absInt(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}
