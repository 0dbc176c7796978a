package main

// Per-tick cost of a recorded match replayed in goja, the engine Nakama 3.40 runs, with the calls a
// match makes into Nakama stubbed cheaply: quiet, repeatable figures for the match's own JavaScript,
// without sockets or a database. The tick script comes from bench/match-ticks.ts (harness part).
// Messages and presences are Go maps, as Nakama passes them (goja wraps them; broadcastMessage
// exports a wrapped presence as it is).
// Run: npm run bench:ticks (PROFILE=1 also writes a goja CPU profile of the JS to .run/goja-ticks.pprof;
// PACED=1 runs one replay at the match's tick rate, idle between ticks as on a server: on this VM a
// tick after an idle gap costs about three quarters more, 3.4 against 1.9 ms, cold caches at least
// in part).

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/dop251/goja"
)

type tickScript struct {
	Module  string                 `json:"module"`
	MatchID string                 `json:"match_id"`
	Params  map[string]interface{} `json:"params"`
	EndTick int64                  `json:"end_tick"`
	Log     []struct {
		Tick     int64    `json:"tick"`
		Join     []string `json:"join"`
		Leave    []string `json:"leave"`
		Messages [][3]any `json:"messages"`
	} `json:"log"`
}

// A presence as Nakama hands it to match handlers: a Go map, which goja wraps (and which
// broadcastMessage then exports as it is).
func presence(userID string) map[string]interface{} {
	return map[string]interface{}{"userId": userID, "sessionId": "s-" + userID, "username": userID[:8], "node": "bench"}
}

// Replays are repeated: this machine's timings vary run to run, the median of the means is stable.
var replays = 5

// A paced replay starts each tick one tick period (from matchInit's tickRate) after the last.
var paced bool

func runTicks(bundlePath, scriptPath string) {
	if os.Getenv("ONCE") != "" { // count.sh: one replay
		replays = 1
	}
	if os.Getenv("PACED") != "" {
		replays = 1
		paced = true
	}
	means := make([]float64, 0, replays)
	for i := 0; i < replays; i++ {
		means = append(means, replayOnce(bundlePath, scriptPath, i == 0))
	}
	sort.Float64s(means)
	fmt.Printf("  matchLoop mean over %d replays: median %.3f ms (min %.3f, max %.3f)\n", replays, means[replays/2], means[0], means[replays-1])
}

func replayOnce(bundlePath, scriptPath string, first bool) float64 {
	src := must(os.ReadFile(bundlePath))
	raw := must(os.ReadFile(scriptPath))
	var script tickScript
	if err := json.Unmarshal(raw, &script); err != nil {
		fail(err)
	}
	vm := goja.New()
	vm.SetFieldNameMapper(goja.TagFieldNameMapper("json", true))
	program := must(goja.Compile("index.js", string(src), true))
	if _, err := vm.RunProgram(program); err != nil {
		fail(err)
	}
	if _, err := vm.RunString(freeze); err != nil {
		fail(err)
	}

	// The Nakama calls a match makes, doing about what Nakama does with their arguments (exporting
	// them to Go values) and nothing else.
	noop := func(call goja.FunctionCall) goja.Value {
		for _, a := range call.Arguments {
			a.Export()
		}
		return goja.Undefined()
	}
	broadcasts, bytesOut := 0, 0
	logger := vm.NewObject()
	for _, name := range []string{"info", "warn", "error", "debug"} {
		_ = logger.Set(name, noop)
	}
	nk := vm.NewObject()
	_ = nk.Set("storageWrite", noop)
	_ = nk.Set("storageRead", func(call goja.FunctionCall) goja.Value { return vm.NewArray() })
	_ = nk.Set("multiUpdate", noop)
	_ = nk.Set("notificationSend", noop)
	_ = nk.Set("notificationsSend", noop)
	_ = nk.Set("base64Encode", func(call goja.FunctionCall) goja.Value {
		if ab, ok := call.Argument(0).Export().(goja.ArrayBuffer); ok {
			return vm.ToValue(base64.StdEncoding.EncodeToString(ab.Bytes()))
		}
		return vm.ToValue(base64.StdEncoding.EncodeToString([]byte(call.Argument(0).String())))
	})
	_ = nk.Set("sha256Hash", func(call goja.FunctionCall) goja.Value { return vm.ToValue("hash") })
	// Node-local cache and metrics, as the module's metrics use them every tick.
	cache := map[string]goja.Value{}
	_ = nk.Set("localcacheGet", func(call goja.FunctionCall) goja.Value {
		if v, ok := cache[call.Argument(0).String()]; ok {
			return v
		}
		return call.Argument(1)
	})
	_ = nk.Set("localcachePut", func(call goja.FunctionCall) goja.Value {
		cache[call.Argument(0).String()] = call.Argument(1)
		return goja.Undefined()
	})
	for _, name := range []string{"metricsCounterAdd", "metricsGaugeSet", "metricsTimerRecord"} {
		_ = nk.Set(name, noop)
	}
	dispatcher := vm.NewObject()
	_ = dispatcher.Set("broadcastMessage", func(call goja.FunctionCall) goja.Value {
		broadcasts++
		if ab, ok := call.Argument(1).Export().(goja.ArrayBuffer); ok {
			bytesOut += len(ab.Bytes())
		}
		call.Argument(2).Export()
		return goja.Undefined()
	})
	_ = dispatcher.Set("matchLabelUpdate", noop)
	ctx := vm.NewObject()
	_ = ctx.Set("matchId", script.MatchID)
	_ = ctx.Set("env", vm.NewObject())

	fn := func(name string) goja.Callable {
		f, ok := goja.AssertFunction(vm.Get(script.Module + name))
		if !ok {
			fail(fmt.Errorf("the bundle has no global %s%s", script.Module, name))
		}
		return f
	}
	init, join, leave, loop := fn("MatchInit"), fn("MatchJoin"), fn("MatchLeave"), fn("MatchLoop")
	res := must(init(goja.Undefined(), ctx, logger, nk, vm.ToValue(script.Params)))
	state := res.ToObject(vm).Get("state")
	var pace time.Duration
	if paced {
		pace = time.Second / time.Duration(res.ToObject(vm).Get("tickRate").ToInteger())
	}

	call := func(f goja.Callable, tick int64, arg goja.Value) bool {
		out := runHandler(f, vm.ToValue(tick), arg, []goja.Value{ctx, logger, nk, dispatcher}, state)
		if goja.IsNull(out) || goja.IsUndefined(out) {
			return false
		}
		state = out.ToObject(vm).Get("state")
		return true
	}
	presences := func(ids []string) goja.Value {
		list := make([]interface{}, len(ids))
		for i, id := range ids {
			list[i] = presence(id)
		}
		return vm.ToValue(list)
	}

	if first && os.Getenv("PROFILE") != "" {
		out := must(os.Create("../../.run/goja-ticks.pprof"))
		if err := goja.StartProfile(out); err != nil {
			fail(err)
		}
		defer func() {
			goja.StopProfile()
			out.Close()
			fmt.Println("  goja CPU profile of the JS: .run/goja-ticks.pprof (go tool pprof -top <file>)")
		}()
	}
	var loopTimes []time.Duration
	var lastStart time.Time
	var total time.Duration
	entry := 0
	running := true
	for tick := int64(0); tick <= script.EndTick && running; tick++ {
		messages := make([]interface{}, 0)
		for entry < len(script.Log) && script.Log[entry].Tick == tick {
			e := script.Log[entry]
			entry++
			switch {
			case e.Join != nil:
				running = call(join, tick, presences(e.Join))
			case e.Leave != nil:
				running = call(leave, tick, presences(e.Leave))
			default:
				// As Nakama's MatchLoop builds them: Go maps in a Go slice.
				for _, m := range e.Messages {
					data := must(base64.StdEncoding.DecodeString(m[2].(string)))
					messages = append(messages, map[string]interface{}{
						"sender": presence(m[0].(string)), "opCode": int64(m[1].(float64)), "data": vm.NewArrayBuffer(data),
						"reliable": true, "receiveTimeMs": int64(0),
					})
				}
			}
		}
		if !running {
			break
		}
		arg := vm.ToValue(messages)
		if pace > 0 && len(loopTimes) > 0 {
			time.Sleep(time.Until(lastStart.Add(pace)))
		}
		start := time.Now()
		lastStart = start
		running = call(loop, tick, arg)
		d := time.Since(start)
		loopTimes = append(loopTimes, d)
		total += d
	}
	sorted := append([]time.Duration(nil), loopTimes...)
	sort.Slice(sorted, func(a, b int) bool { return sorted[a] < sorted[b] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	n := len(sorted)
	mean := ms(total) / float64(n)
	if first {
		fmt.Printf("goja replay of %s (%s): %d matchLoop ticks, %d broadcasts, %d bytes out\n", scriptPath, script.Module, n, broadcasts, bytesOut)
	}
	fmt.Printf("  matchLoop: mean %.3f ms, median %.3f ms, p95 %.3f ms, max %.3f ms\n",
		mean, ms(sorted[n/2]), ms(sorted[n*95/100]), ms(sorted[n-1]))
	return mean
}

// One call of a match handler: (ctx, logger, nk, dispatcher, tick, state, arg). A named function, so
// that count.sh can count the instructions spent inside handlers only (valgrind --toggle-collect).
//
//go:noinline
func runHandler(f goja.Callable, tick, arg goja.Value, env []goja.Value, state goja.Value) goja.Value {
	return must(f(goja.Undefined(), env[0], env[1], env[2], env[3], tick, state, arg))
}

func must[T any](v T, err error) T {
	if err != nil {
		fail(err)
	}
	return v
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
