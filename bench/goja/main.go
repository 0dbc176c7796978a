// Match creation cost in the engine Nakama 3.40 runs (goja, at the version Nakama pins): every
// authoritative match gets a new VM that evaluates the whole bundle and freezes its globals.
// Run: npm run bench:create (builds the bundle first). Prints figures; it is not a test.
package main

import (
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/dop251/goja"
)

// Nakama's freezeGlobalObject snippet (server/runtime_javascript.go), verbatim.
const freeze = `
for (const k of Reflect.ownKeys(globalThis)) {
    const v = globalThis[k];
    if (v) {
        Object.freeze(v);
        v.prototype && Object.freeze(v.prototype);
        v.__proto__ && Object.freeze(v.__proto__);
    }
}
`

func main() {
	path := "../../bundle/index.js"
	if len(os.Args) > 2 && os.Args[1] == "rpc" {
		runRPC(path, os.Args[2])
		return
	}
	if len(os.Args) > 2 && os.Args[1] == "ticks" {
		if len(os.Args) > 3 {
			path = os.Args[3]
		}
		runTicks(path, os.Args[2])
		return
	}
	if len(os.Args) > 1 {
		path = os.Args[1]
	}
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// Nakama compiles the bundle once (strict) and runs the cached program in each new VM.
	program, err := goja.Compile("index.js", string(src), true)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	const runs = 200
	durations := make([]time.Duration, 0, runs)
	for i := 0; i < runs; i++ {
		start := time.Now()
		vm := goja.New()
		if _, err := vm.RunProgram(program); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if _, err := vm.RunString(freeze); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		durations = append(durations, time.Since(start))
	}
	sort.Slice(durations, func(a, b int) bool { return durations[a] < durations[b] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	fmt.Printf("bundle %d bytes; new VM + evaluate + freeze over %d runs: median %.2f ms, p95 %.2f ms, max %.2f ms\n",
		len(src), runs, ms(durations[runs/2]), ms(durations[runs*95/100]), ms(durations[runs-1]))
}
