// Command engine-client sends Analyze calls to a running policy pack through the Pulumi engine's
// own Go code path, as `pulumi preview` does for each resource step, so the benchmark measures
// what the engine would see rather than what a Node client costs on the same CPUs.
//
// Per resource, as pkg/resource/deploy/analyze_snapshot.go (analyzeResource) does at v3.248.0:
// plugin.Analyzer.Analyze (MarshalProperties of the resource and its provider, the gRPC call,
// then convertDiagnostics and convertNotApplicable of the response), then
// analyzer.NewAnalyzePolicySummary (passed = every policy not failed and not listed as not
// applicable). The connection is dialled with the options the engine gives analyzer plugins
// (sdk/go/common/resource/plugin/analyzer_plugin.go, analyzerPluginDialOptions: tracing
// interceptors, insecure transport, rpcutil.GrpcChannelOptions), and grpc-go's default,
// BDP-sized HTTP/2 flow-control window, as the engine has.
//
// Usage: engine-client -addr 127.0.0.1:<port> -requests <file> [-inflight 32] [-cpuprofile <file>]
// <file> holds serialised pulumirpc.AnalyzeRequest messages, each preceded by its length as a
// 4-byte big-endian integer (bench/children/pack-driver.ts writes it). They are turned into the
// engine's AnalyzerResource before the clock starts. Prints one JSON line (see result).
package main

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	resourceanalyzer "github.com/pulumi/pulumi/pkg/v3/resource/analyzer"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/proto"
)

type result struct {
	Calls         int     `json:"calls"`
	InFlight      int     `json:"inFlight"`
	Ms            float64 `json:"ms"`
	ClientCPUMs   float64 `json:"clientCpuMs"`
	Diagnostics   int     `json:"diagnostics"`
	NotApplicable int     `json:"notApplicable"`
	Passed        int     `json:"passed"`
	Failed        int     `json:"failed"`
}

func readRequests(file string) ([]*pulumirpc.AnalyzeRequest, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var reqs []*pulumirpc.AnalyzeRequest
	for len(data) > 0 {
		if len(data) < 4 {
			return nil, fmt.Errorf("%s: truncated length prefix", file)
		}
		n := int(binary.BigEndian.Uint32(data))
		if len(data) < 4+n {
			return nil, fmt.Errorf("%s: truncated message", file)
		}
		req := &pulumirpc.AnalyzeRequest{}
		if err := proto.Unmarshal(data[4:4+n], req); err != nil {
			return nil, fmt.Errorf("%s: request %d: %w", file, len(reqs), err)
		}
		reqs = append(reqs, req)
		data = data[4+n:]
	}
	return reqs, nil
}

// asEngineResource turns a request back into the AnalyzerResource the engine would hold.
func asEngineResource(req *pulumirpc.AnalyzeRequest) (plugin.AnalyzerResource, error) {
	opts := plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true}
	props, err := plugin.UnmarshalProperties(req.GetProperties(), opts)
	if err != nil {
		return plugin.AnalyzerResource{}, err
	}
	r := plugin.AnalyzerResource{
		URN:        resource.URN(req.GetUrn()),
		Type:       tokens.Type(req.GetType()),
		Name:       req.GetName(),
		Properties: props,
	}
	if o := req.GetOptions(); o != nil {
		r.Options.Protect = o.GetProtect()
		r.Options.IgnoreChanges = o.GetIgnoreChanges()
		if o.GetDeleteBeforeReplaceDefined() {
			dbr := o.GetDeleteBeforeReplace()
			r.Options.DeleteBeforeReplace = &dbr
		}
		for _, s := range o.GetAdditionalSecretOutputs() {
			r.Options.AdditionalSecretOutputs = append(r.Options.AdditionalSecretOutputs, resource.PropertyKey(s))
		}
		for _, a := range o.GetAliases() {
			r.Options.AliasURNs = append(r.Options.AliasURNs, resource.URN(a))
		}
		if t := o.GetCustomTimeouts(); t != nil {
			r.Options.CustomTimeouts = resource.CustomTimeouts{
				Create: t.GetCreate(), Update: t.GetUpdate(), Delete: t.GetDelete(), Read: t.GetRead(),
			}
		}
		r.Options.Parent = resource.URN(o.GetParent())
	}
	if p := req.GetProvider(); p != nil {
		pprops, err := plugin.UnmarshalProperties(p.GetProperties(), opts)
		if err != nil {
			return plugin.AnalyzerResource{}, err
		}
		r.Provider = &plugin.AnalyzerProviderResource{
			URN: resource.URN(p.GetUrn()), Type: tokens.Type(p.GetType()), Name: p.GetName(), Properties: pprops,
		}
	}
	return r, nil
}

func cpuMs() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
}

func run() error {
	addr := flag.String("addr", "", "the pack's address, 127.0.0.1:<port>")
	file := flag.String("requests", "", "length-prefixed AnalyzeRequest messages")
	inFlight := flag.Int("inflight", 32, "Analyze calls in flight")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the timed phase to this file")
	flag.Parse()
	if *addr == "" || *file == "" {
		return fmt.Errorf("usage: engine-client -addr 127.0.0.1:<port> -requests <file> [-inflight 32]")
	}
	reqs, err := readRequests(*file)
	if err != nil {
		return err
	}
	resources := make([]plugin.AnalyzerResource, len(reqs))
	for i, req := range reqs {
		if resources[i], err = asEngineResource(req); err != nil {
			return fmt.Errorf("request %d (%s): %w", i, req.GetUrn(), err)
		}
	}

	dialOpts := append(rpcutil.TracingInterceptorDialOptions(),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		rpcutil.GrpcChannelOptions())
	conn, err := grpc.NewClient(*addr, dialOpts...)
	if err != nil {
		return err
	}
	defer conn.Close()
	a := plugin.NewAnalyzerWithClient("bench", pulumirpc.NewAnalyzerClient(conn))
	ctx := context.Background()
	// The engine asks once and caches it (analyzer.GetAnalyzerInfo); the summary needs it.
	info, err := a.GetAnalyzerInfo(ctx)
	if err != nil {
		return err
	}

	var out result
	var mu sync.Mutex
	var next atomic.Int64
	var firstErr error
	var wg sync.WaitGroup
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	cpuBefore := cpuMs()
	started := time.Now()
	for w := 0; w < *inFlight; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(resources) {
					return
				}
				r := resources[i]
				resp, err := a.Analyze(ctx, r)
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = fmt.Errorf("Analyze %s: %w", r.URN, err)
					}
					mu.Unlock()
					return
				}
				summary := resourceanalyzer.NewAnalyzePolicySummary(r.URN, resp, info)
				mu.Lock()
				out.Diagnostics += len(resp.Diagnostics)
				out.NotApplicable += len(resp.NotApplicable)
				out.Passed += len(summary.Passed)
				out.Failed += len(summary.Failed)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	out.Ms = float64(time.Since(started).Microseconds()) / 1000
	out.ClientCPUMs = cpuMs() - cpuBefore
	if firstErr != nil {
		return firstErr
	}
	out.Calls = len(resources)
	out.InFlight = *inFlight
	return json.NewEncoder(os.Stdout).Encode(out)
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "engine-client:", err)
		os.Exit(1)
	}
}
