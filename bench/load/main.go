// Command benchload is the load generator of bench/capacity.ts: seeded bots that log in, open a
// socket, look at menus (RPCs), matchmake, play QuizVerse duels or LastToLive matches over Nakama's
// realtime protocol with msgpack messages, and go again until the time is up. Far cheaper per
// player than nakama-js, so the server is what is measured. Loopback only; stops by itself.
//
//	go run . --game quiz --players 1000 --seconds 120 --port 7350 --out figures.json
package main

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"net"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// menus a bot opens between matches, two per visit, in turn.
var menus = []string{"player_overview", "achievements_get_all", "season_get_player_progress", "event_get_active_events", "matchmaking_get_status", "rewards_list_pending", "daily_missions_get"}

const (
	matchTimeout = 3 * time.Minute
	matchWait    = 90 * time.Second
	// After the deadline no bot queues again; those in a match finish it, for at most this long.
	finishGrace = 3 * time.Minute
)

// address: ports differ per connection; errors are counted without them.
var address = regexp.MustCompile(`127\.0\.0\.1:\d+`)

type stats struct {
	mu          sync.Mutex
	ticketToMs  []float64
	rpcMs       map[string][]float64
	errors      map[string]int
	matches     map[string]int // match id -> bots that saw its result
	active      map[string]int // match id -> bots in it now
	peakMatches int
	peakPlayers int
	inMatch     int
	sent, recvd atomic.Int64
}

func (s *stats) fail(what string, err error) {
	s.mu.Lock()
	msg := address.ReplaceAllString(err.Error(), "127.0.0.1")
	if len(msg) > 160 {
		msg = msg[:160]
	}
	s.errors[what+": "+msg]++
	s.mu.Unlock()
}

func (s *stats) enter(matchID string, delta int) {
	s.mu.Lock()
	s.active[matchID] += delta
	s.inMatch += delta
	if s.active[matchID] <= 0 {
		delete(s.active, matchID)
	}
	if len(s.active) > s.peakMatches {
		s.peakMatches = len(s.active)
	}
	if s.inMatch > s.peakPlayers {
		s.peakPlayers = s.inMatch
	}
	s.mu.Unlock()
}

type bot struct {
	index    int
	srv      *server
	spec     gameSpec
	rng      *rand.Rand
	st       *stats
	withMenu bool
	device   string
}

// login authenticates the bot's device and opens its socket; a nil socket when either failed (counted).
func (b *bot) login() (string, *socket) {
	token, err := b.srv.authenticate(b.device)
	if err != nil {
		b.st.fail("authenticate", err)
		return "", nil
	}
	sock, err := b.srv.connect(token)
	if err != nil {
		b.st.fail("socket", err)
		return "", nil
	}
	return token, sock
}

func (b *bot) run(deadline time.Time) {
	token, sock := b.login()
	if sock == nil {
		return
	}
	defer sock.close()
	userID := userIDOf(token)
	menu := b.rng.Intn(len(menus))
	for time.Now().Before(deadline) {
		if b.withMenu {
			for i := 0; i < 2; i++ {
				id := menus[menu%len(menus)]
				menu++
				t0 := time.Now()
				if err := b.srv.rpc(token, id, fmt.Sprintf(`{"game_id":"%s"}`, b.spec.gameID)); err != nil {
					b.st.fail("rpc "+id, err)
				} else {
					b.st.mu.Lock()
					b.st.rpcMs[id] = append(b.st.rpcMs[id], ms(time.Since(t0)))
					b.st.mu.Unlock()
				}
			}
		}
		if !b.playOne(sock, userID, deadline) {
			return
		}
		// A player between matches: a short look at the results.
		time.Sleep(time.Duration(200+b.rng.Intn(800)) * time.Millisecond)
	}
}

// floor joins an empty-loop match and sends a message of its game every `every` until the deadline.
func (b *bot) floor(matchID string, every time.Duration, deadline time.Time) {
	_, sock := b.login()
	if sock == nil {
		return
	}
	defer sock.close()
	if err := sock.send("match_join", map[string]string{"match_id": matchID}, true); err != nil {
		b.st.fail("match_join", err)
		return
	}
	for joined := false; !joined; { // others' presence events may come first
		e, err := sock.read(15 * time.Second)
		if err == nil && e.Error != nil {
			err = fmt.Errorf("%d %s", e.Error.Code, e.Error.Message)
		}
		if err != nil {
			b.st.fail("match_join", err)
			return
		}
		joined = e.Match != nil
	}
	b.st.enter(matchID, 1)
	defer b.st.enter(matchID, -1)
	go func() { // drain what the server sends (presence events)
		for {
			if _, err := sock.read(time.Until(deadline) + 10*time.Second); err != nil {
				return
			}
		}
	}()
	op, data := quizAnswer, quizAnswers[1][0]
	if b.spec.mode != "duel" {
		op, data = brMove, moveTo(0, 0, 0, 0, 0).data
	}
	time.Sleep(time.Duration(b.rng.Intn(int(every/time.Millisecond))) * time.Millisecond)
	for ticker := time.NewTicker(every); time.Now().Before(deadline); <-ticker.C {
		if sock.sendMatchData(matchID, op, data) == nil {
			b.st.sent.Add(1)
		}
	}
}

// playOne matchmakes and plays one match to its result; false when the socket is unusable.
func (b *bot) playOne(sock *socket, userID string, deadline time.Time) bool {
	t0 := time.Now()
	err := sock.send("matchmaker_add", map[string]interface{}{
		"min_count": b.spec.minCount, "max_count": b.spec.maxCount, "query": "*",
		"string_properties": map[string]string{"game_id": b.spec.gameID, "mode": b.spec.mode},
	}, true)
	if err != nil {
		b.st.fail("matchmaker_add", err)
		return false
	}
	var matchID string
	for matchID == "" {
		// Past the deadline a bot waits no longer for players who no longer come (not an error).
		wait, late := matchWait, time.Until(deadline.Add(10*time.Second))
		if late < wait {
			wait = late
		}
		e, err := sock.read(wait)
		if err != nil && time.Now().After(deadline) {
			return false
		}
		if err != nil {
			b.st.fail("matchmaking", err)
			return false
		}
		if e.Error != nil {
			b.st.fail("matchmaker_add", fmt.Errorf("%d %s", e.Error.Code, e.Error.Message))
			return false
		}
		if e.MatchmakerMatched != nil {
			matchID = e.MatchmakerMatched.MatchID
			if matchID == "" {
				b.st.fail("matchmaking", fmt.Errorf("matched without a match id (relayed fallback)"))
				return true
			}
		}
	}
	b.st.mu.Lock()
	b.st.ticketToMs = append(b.st.ticketToMs, ms(time.Since(t0)))
	b.st.mu.Unlock()
	if err := sock.send("match_join", map[string]string{"match_id": matchID}, true); err != nil {
		b.st.fail("match_join", err)
		return false
	}
	b.st.enter(matchID, 1)
	defer b.st.enter(matchID, -1)
	p := b.spec.newPlayer(userID, b.rng)
	until := time.Now().Add(matchTimeout)
	for {
		e, err := sock.read(time.Until(until))
		if err != nil {
			b.st.fail("match", err)
			return false
		}
		if e.Error != nil {
			b.st.fail("match", fmt.Errorf("%d %s", e.Error.Code, e.Error.Message))
			return false
		}
		if e.MatchData == nil || e.MatchData.MatchID != matchID {
			continue
		}
		b.st.recvd.Add(1)
		op, _ := strconv.Atoi(e.MatchData.OpCode)
		data, _ := base64.StdEncoding.DecodeString(e.MatchData.Data)
		out, over := p.receive(op, data)
		for _, m := range out {
			m := m
			send := func() {
				if sock.sendMatchData(matchID, m.opCode, m.data) == nil {
					b.st.sent.Add(1)
				}
			}
			if m.delayMs > 0 {
				time.AfterFunc(time.Duration(m.delayMs)*time.Millisecond, send)
			} else {
				send()
			}
		}
		if over {
			b.st.mu.Lock()
			b.st.matches[matchID]++
			b.st.mu.Unlock()
			sock.send("match_leave", map[string]string{"match_id": matchID}, false)
			return true
		}
	}
}

// userIDOf reads the user id from a session token (a JWT: its payload's "uid").
func userIDOf(token string) string {
	var claims struct{ Uid string }
	parts := strings.Split(token, ".")
	if len(parts) == 3 {
		data, _ := base64.RawURLEncoding.DecodeString(parts[1])
		json.Unmarshal(data, &claims)
	}
	return claims.Uid
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

type distribution struct {
	Count int     `json:"count"`
	P50   float64 `json:"p50"`
	P95   float64 `json:"p95"`
	P99   float64 `json:"p99"`
	Max   float64 `json:"max"`
}

func distributionOf(values []float64) distribution {
	if len(values) == 0 {
		return distribution{}
	}
	v := append([]float64(nil), values...)
	sort.Float64s(v)
	at := func(q float64) float64 { return v[int(q*float64(len(v)-1))] }
	return distribution{Count: len(v), P50: at(0.5), P95: at(0.95), P99: at(0.99), Max: v[len(v)-1]}
}

func main() {
	gameName := flag.String("game", "quiz", "quiz (QuizVerse duels) or br (LastToLive solo)")
	players := flag.Int("players", 100, "bots")
	seconds := flag.Int("seconds", 60, "how long bots queue for new matches (then they finish theirs)")
	rampSeconds := flag.Float64("ramp", 10, "seconds over which the bots log in")
	host := flag.String("host", "127.0.0.1", "Nakama's host (loopback only)")
	port := flag.Int("port", 7350, "Nakama's API port")
	serverKey := flag.String("server-key", "defaultkey", "Nakama's server key")
	seed := flag.Int64("seed", 1, "seed of the bots' choices and think times")
	withMenus := flag.Bool("menus", true, "open two menus (RPCs) before each match")
	label := flag.String("label", "", "device id prefix (default: the seed and the time)")
	out := flag.String("out", "", "write the figures as JSON here (default: stdout)")
	floor := flag.String("floor", "", "comma-separated empty-loop match ids (floor_matches_create): bots fill them in order, --size each, and send the game's inputs at its rate instead of playing")
	size := flag.Int("size", 2, "players per floor match")
	everyMs := flag.Int("every", 1000, "ms between a floor player's messages (bench/capacity.ts: the real run's rate)")
	flag.Parse()
	spec, ok := games[*gameName]
	if !ok {
		fail("unknown --game %q", *gameName)
	}
	if ip := net.ParseIP(*host); (ip == nil || !ip.IsLoopback()) && *host != "localhost" {
		fail("--host must be a loopback address: this generator only loads a local server")
	}
	if *players < 1 || *players > 5000 || *seconds < 1 || *seconds > 1800 {
		fail("--players 1..5000 and --seconds 1..1800")
	}
	if *label == "" {
		*label = fmt.Sprintf("load-%d-%d", *seed, time.Now().Unix())
	}
	transport := &http.Transport{MaxIdleConnsPerHost: *players, MaxConnsPerHost: 0, IdleConnTimeout: 30 * time.Second}
	srv := &server{host: *host, port: *port, serverKey: *serverKey, http: &http.Client{Transport: transport, Timeout: 30 * time.Second}}
	st := &stats{rpcMs: map[string][]float64{}, errors: map[string]int{}, matches: map[string]int{}, active: map[string]int{}}

	started := time.Now()
	deadline := started.Add(time.Duration(*seconds) * time.Second)
	var wg sync.WaitGroup
	for i := 0; i < *players; i++ {
		b := &bot{index: i, srv: srv, spec: spec, rng: rand.New(rand.NewSource(*seed*100003 + int64(i))), st: st, withMenu: *withMenus, device: fmt.Sprintf("%s-%s-%d", *label, *gameName, i)}
		wg.Add(1)
		if *floor != "" {
			ids := strings.Split(*floor, ",")
			matchID := ids[(i / *size)%len(ids)]
			go func() { defer wg.Done(); b.floor(matchID, time.Duration(*everyMs)*time.Millisecond, deadline) }()
		} else {
			go func() { defer wg.Done(); b.run(deadline) }()
		}
		time.Sleep(time.Duration(*rampSeconds * float64(time.Second) / float64(*players)))
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(time.Until(deadline) + finishGrace):
		st.fail("run", fmt.Errorf("bots still in a match %s after the deadline", finishGrace))
	}

	st.mu.Lock()
	rpcs := map[string]distribution{}
	for id, v := range st.rpcMs {
		rpcs[id] = distributionOf(v)
	}
	completed := 0
	for _, n := range st.matches {
		if n > 0 {
			completed++
		}
	}
	figures := map[string]interface{}{
		"game": *gameName, "players": *players, "seconds": time.Since(started).Seconds(),
		"matches_completed": completed, "peak_matches": st.peakMatches, "peak_players_in_matches": st.peakPlayers,
		"ticket_to_match_ms": distributionOf(st.ticketToMs), "rpc_ms": rpcs, "errors": st.errors,
		"messages_sent": st.sent.Load(), "messages_received": st.recvd.Load(), "cpu_ms": ownCPUms(),
	}
	st.mu.Unlock()
	data, _ := json.MarshalIndent(figures, "", "  ")
	if *out == "" {
		fmt.Println(string(data))
	} else if err := os.WriteFile(*out, data, 0o644); err != nil {
		fail("%v", err)
	}
}

// ownCPUms is the generator's own CPU time (user + system), to show it costs little beside the server.
func ownCPUms() float64 {
	var u syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return float64(u.Utime.Nano()+u.Stime.Nano()) / 1e6
}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "benchload: "+format+"\n", args...)
	os.Exit(2)
}
