// Wall and on-CPU time of every match loop in a Go execution trace of Nakama
// (/debug/pprof/trace), to the nanosecond: the match's JavaScript timing itself has only
// Date.now's millisecond, and Nakama's tick ticker keeps each tick's start at nearly the same point
// within the millisecond, so that timing's mean is off by up to half a millisecond in either
// direction, differently for every match.
//
// A match runs on one goroutine, which waits in a select between ticks (server/match_handler.go).
// Each time it wakes it runs one handler call: a tick's matchLoop, or a join or leave. This tool
// finds that goroutine by where it waits and measures each wake-up: from running to waiting in the
// select again (wall), and the part of it the goroutine was on a CPU (not runnable-but-waiting or
// blocked on the database).
//
// Usage: go run . <trace file>   (prints JSON: {"calls", "wall": {...}, "cpu": {...}} in ms)
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"golang.org/x/exp/trace"
)

// The function of the match goroutine, where it waits for the next tick or call.
const matchGoroutine = "server.NewMatchHandler.func"

type goroutine struct {
	awake     bool       // woken from the match select, not yet back in it
	since     trace.Time // when the current wake-up began
	runningAt trace.Time // when it last started running (while awake)
	running   bool
	cpu       trace.Time // time on a CPU in the current wake-up
}

func main() {
	if len(os.Args) != 2 {
		fail(fmt.Errorf("usage: looptrace <trace file>"))
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fail(err)
	}
	r, err := trace.NewReader(f)
	if err != nil {
		fail(err)
	}
	// Goroutines seen waiting in the match select; only they are measured.
	matches := map[trace.GoID]*goroutine{}
	var walls, cpus []float64
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			fail(err)
		}
		if ev.Kind() != trace.EventStateTransition {
			continue
		}
		st := ev.StateTransition()
		if st.Resource.Kind != trace.ResourceGoroutine {
			continue
		}
		id := st.Resource.Goroutine()
		from, to := st.Goroutine()
		now := ev.Time()
		g := matches[id]
		if g == nil {
			if to == trace.GoWaiting && waitsInMatchSelect(st.Stack) {
				matches[id] = &goroutine{}
			}
			continue
		}
		if from == trace.GoRunning && g.running {
			g.cpu += now - g.runningAt
			g.running = false
		}
		if to == trace.GoRunning {
			if !g.awake {
				g.awake, g.since, g.cpu = true, now, 0
			}
			g.running, g.runningAt = true, now
		}
		if to == trace.GoWaiting && g.awake && waitsInMatchSelect(st.Stack) {
			walls = append(walls, ms(now-g.since))
			cpus = append(cpus, ms(g.cpu))
			g.awake = false
		}
		if to == trace.GoNotExist {
			delete(matches, id)
		}
	}
	out, _ := json.Marshal(map[string]any{"calls": len(walls), "wall": summary(walls), "cpu": summary(cpus)})
	fmt.Println(string(out))
}

func waitsInMatchSelect(s trace.Stack) bool {
	select_, match := false, false
	for frame := range s.Frames() {
		select_ = select_ || frame.Func == "runtime.selectgo"
		match = match || strings.Contains(frame.Func, matchGoroutine)
	}
	return select_ && match
}

func ms(t trace.Time) float64 { return float64(t) / 1e6 }

func summary(v []float64) map[string]float64 {
	if len(v) == 0 {
		return map[string]float64{}
	}
	sorted := append([]float64(nil), v...)
	sort.Float64s(sorted)
	total := 0.0
	for _, x := range v {
		total += x
	}
	at := func(p float64) float64 { return sorted[min(len(sorted)-1, int(p*float64(len(sorted))))] }
	return map[string]float64{"mean": total / float64(len(v)), "median": at(0.5), "p95": at(0.95), "max": sorted[len(sorted)-1]}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
