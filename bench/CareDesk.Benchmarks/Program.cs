using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CareDesk.Benchmarks;

// dotnet run -c Release --project bench/CareDesk.Benchmarks -- latency          (p50/p99/max, memory)
// dotnet run -c Release --project bench/CareDesk.Benchmarks -- --filter '*'    (BenchmarkDotNet, short job)
if (args.Length > 0 && args[0] == "latency")
{
    LatencyReport.Run(args.Length > 1 ? args[1..].Select(int.Parse).ToArray() : [1_000, 10_000, 100_000]);
    return;
}

// In-process: no generated project to restore and publish for our self-contained RID, and a few minutes in all.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithWarmupCount(2).WithIterationCount(5).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(QueryBenchmarks).Assembly).Run(args, config);
