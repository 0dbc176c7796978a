package main

// The cost of one RPC's own JavaScript in goja, the engine Nakama 3.40 runs: a call logged in the
// harness (bench/rpc-costs.ts: every nk call with its result) is replayed many times, nk answering
// each call with the logged result, and Date.now fixed at the logged time, so the replay takes the
// same path. No database, no HTTP and no Go side of the nk calls: just the module's work.
// Run: npm run bench -- bench/rpc-costs.ts (PROFILE=1: a goja CPU profile, .run/goja-rpc-<rpc>.pprof).

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/dop251/goja"
)

type rpcScript struct {
	Function string `json:"function"`
	UserID   string `json:"user_id"`
	Payload  string `json:"payload"`
	Now      int64  `json:"now"`
	Calls    []struct {
		Name   string      `json:"name"`
		Result interface{} `json:"result"`
	} `json:"calls"`
}

const rpcCalls = 2000

func runRPC(bundlePath, scriptPath string) {
	var script rpcScript
	if err := json.Unmarshal(must(os.ReadFile(scriptPath)), &script); err != nil {
		fail(err)
	}
	vm := goja.New()
	vm.SetFieldNameMapper(goja.TagFieldNameMapper("json", true))
	if _, err := vm.RunString(fmt.Sprintf("Date.now = function () { return %d; };", script.Now)); err != nil {
		fail(err)
	}
	if _, err := vm.RunProgram(must(goja.Compile("index.js", string(must(os.ReadFile(bundlePath))), true))); err != nil {
		fail(err)
	}
	if _, err := vm.RunString(freeze); err != nil {
		fail(err)
	}

	// nk answers each call with the next logged result of that function.
	next := map[string]int{}
	byName := map[string][]interface{}{}
	for _, c := range script.Calls {
		byName[c.Name] = append(byName[c.Name], c.Result)
	}
	nk := vm.NewObject()
	for name, results := range byName {
		name, results := name, results
		_ = nk.Set(name, func(call goja.FunctionCall) goja.Value {
			for _, a := range call.Arguments {
				a.Export()
			}
			i := next[name]
			if i >= len(results) {
				fail(fmt.Errorf("the replay left the logged path: call %d of nk.%s, %d logged", i+1, name, len(results)))
			}
			next[name] = i + 1
			r := results[i]
			if name == "localcacheGet" { // the harness logs {found, value}
				if m, ok := r.(map[string]interface{}); ok && m["found"] == true {
					return vm.ToValue(m["value"])
				}
				return call.Argument(1)
			}
			if r == nil {
				return goja.Undefined()
			}
			return vm.ToValue(r)
		})
	}
	logger := vm.NewObject()
	noop := func(call goja.FunctionCall) goja.Value { return goja.Undefined() }
	for _, name := range []string{"info", "warn", "error", "debug"} {
		_ = logger.Set(name, noop)
	}
	ctx := vm.NewObject()
	_ = ctx.Set("userId", script.UserID)
	_ = ctx.Set("username", "bench")
	_ = ctx.Set("executionMode", "rpc")
	_ = ctx.Set("env", vm.NewObject())
	f, ok := goja.AssertFunction(vm.Get(script.Function))
	if !ok {
		fail(fmt.Errorf("the bundle has no global %s", script.Function))
	}
	call := func() {
		for k := range next {
			next[k] = 0
		}
		must(f(goja.Undefined(), ctx, logger, nk, vm.ToValue(script.Payload)))
	}
	for i := 0; i < 200; i++ { // warm-up
		call()
	}
	if os.Getenv("PROFILE") != "" {
		name := strings.TrimSuffix(strings.TrimPrefix(scriptPath[strings.LastIndex(scriptPath, "/")+1:], "goja-rpc-"), ".json")
		out := must(os.Create("../../.run/goja-rpc-" + name + ".pprof"))
		if err := goja.StartProfile(out); err != nil {
			fail(err)
		}
		defer func() {
			goja.StopProfile()
			out.Close()
		}()
	}
	times := make([]time.Duration, rpcCalls)
	for i := range times {
		start := time.Now()
		call()
		times[i] = time.Since(start)
	}
	sort.Slice(times, func(a, b int) bool { return times[a] < times[b] })
	us := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1000 }
	fmt.Printf("median %6.1f us, p90 %6.1f us", us(times[rpcCalls/2]), us(times[rpcCalls*9/10]))
}
