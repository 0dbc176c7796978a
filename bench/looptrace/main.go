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
// The goroutine's thread can also be off a CPU while Go counts the goroutine as running: the kernel
// gave the CPU to another thread (this machine has two cores for Nakama, its sockets and the bench's
// 100 clients). Given the kernel's sched_switch events for the same time (ftrace text, clock mono,
// which Go's trace clock also uses), it reports that part of each wake-up as "offCpu".
//
// Usage: go run . <trace file> [sched_switch trace]
// (prints JSON: {"calls", "wall": {...}, "cpu": {...}, "offCpu": {...}} in ms; offCpu only with
// the sched trace, over the wake-ups inside it)
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
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
	thread    int64      // the thread it runs on (Go records the kernel's thread id)
	cpu       trace.Time // time on a CPU in the current wake-up
	off       trace.Time // of which its thread was off a CPU (from the sched trace)
}

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fail(fmt.Errorf("usage: looptrace <trace file> [sched_switch trace]"))
	}
	var sched *schedTrace
	if len(os.Args) == 3 {
		sched = readSchedTrace(os.Args[2])
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
	var walls, cpus, offs []float64
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
			if sched != nil {
				g.off += sched.offCpu(g.thread, g.runningAt, now)
			}
			g.running = false
		}
		if to == trace.GoRunning {
			if !g.awake {
				g.awake, g.since, g.cpu, g.off = true, now, 0, 0
			}
			g.running, g.runningAt, g.thread = true, now, int64(ev.Thread())
		}
		if to == trace.GoWaiting && g.awake && waitsInMatchSelect(st.Stack) {
			walls = append(walls, ms(now-g.since))
			cpus = append(cpus, ms(g.cpu))
			if sched != nil && g.since >= sched.first && now <= sched.last {
				offs = append(offs, ms(g.off))
			}
			g.awake = false
		}
		if to == trace.GoNotExist {
			delete(matches, id)
		}
	}
	result := map[string]any{"calls": len(walls), "wall": summary(walls), "cpu": summary(cpus)}
	if sched != nil {
		result["offCpu"] = summary(offs)
	}
	out, _ := json.Marshal(result)
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

// When each thread was off a CPU, from the kernel's sched_switch events (ftrace's text format).
type schedTrace struct {
	off         map[int64][]span // per thread: switched out at start, back in at end; in time order
	first, last trace.Time
}

type span struct{ start, end trace.Time }

// A line such as "<comm>-<pid> [000] d..2. 1234.567890123: sched_switch: prev_comm=a prev_pid=12
// prev_prio=120 prev_state=R ==> next_comm=b next_pid=34 next_prio=120".
func readSchedTrace(path string) *schedTrace {
	f, err := os.Open(path)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	t := &schedTrace{off: map[int64][]span{}}
	out := map[int64]trace.Time{}
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		line := lines.Text()
		at := strings.Index(line, ": sched_switch: ")
		if at < 0 {
			continue
		}
		fields := strings.Fields(line[:at])
		now := seconds(fields[len(fields)-1])
		prev, next := field(line, " prev_pid="), field(line, " next_pid=")
		if t.first == 0 {
			t.first = now
		}
		t.last = now
		out[prev] = now
		if since, ok := out[next]; ok {
			t.off[next] = append(t.off[next], span{since, now})
			delete(out, next)
		}
	}
	if err := lines.Err(); err != nil {
		fail(err)
	}
	return t
}

// The time thread was off a CPU between from and to.
func (t *schedTrace) offCpu(thread int64, from, to trace.Time) trace.Time {
	spans := t.off[thread]
	i := sort.Search(len(spans), func(i int) bool { return spans[i].end > from })
	var total trace.Time
	for ; i < len(spans) && spans[i].start < to; i++ {
		total += min(spans[i].end, to) - max(spans[i].start, from)
	}
	return total
}

// "1234.567890123" (seconds, up to 9 decimals) in nanoseconds.
func seconds(s string) trace.Time {
	whole, frac, _ := strings.Cut(s, ".")
	frac = (frac + "000000000")[:9]
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil {
		fail(fmt.Errorf("sched trace: bad timestamp %q", s))
	}
	return trace.Time(w*1e9 + f)
}

// The integer after key in line.
func field(line, key string) int64 {
	_, rest, _ := strings.Cut(line, key)
	end := strings.IndexByte(rest, ' ')
	if end < 0 {
		end = len(rest)
	}
	v, err := strconv.ParseInt(rest[:end], 10, 64)
	if err != nil {
		fail(fmt.Errorf("sched trace: no%s in %q", key, line))
	}
	return v
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
