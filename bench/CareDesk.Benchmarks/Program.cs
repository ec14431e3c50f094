using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CareDesk.Benchmarks;

// dotnet run -c Release --project bench/CareDesk.Benchmarks -- latency [--min-of N] [sizes…]   (mean/p50/p99/max, memory)
// dotnet run -c Release --project bench/CareDesk.Benchmarks -- --filter '*'    (BenchmarkDotNet, short job)
if (args.Length > 0 && args[0] == "latency")
{
    var rest = args[1..];
    var repeats = 1;
    if (rest.Length > 1 && rest[0] == "--min-of")
    {
        repeats = int.Parse(rest[1]);
        rest = rest[2..];
    }

    LatencyReport.Run(rest.Length > 0 ? rest.Select(int.Parse).ToArray() : [1_000, 10_000, 100_000], repeats);
    return;
}

// In-process: no generated project to restore and publish for our self-contained RID, and a few minutes in all.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithWarmupCount(2).WithIterationCount(5).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(QueryBenchmarks).Assembly).Run(args, config);
