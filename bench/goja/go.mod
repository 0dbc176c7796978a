module benchgoja

go 1.26

require github.com/dop251/goja v0.0.0-20260701091749-b07b74453ea9

require (
	github.com/dlclark/regexp2/v2 v2.5.0 // indirect
	github.com/go-sourcemap/sourcemap v2.1.4+incompatible // indirect
	github.com/google/pprof v0.0.0-20260709232956-b9395ee17fa0 // indirect
	golang.org/x/text v0.40.0 // indirect
)
