using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CareDesk.Benchmarks;

// dotnet run -c Release --project bench/CareDesk.Benchmarks -- latency [--min-of N] [--full] [sizes…]   (mean/p50/p99/max, memory; --full adds the whole search: top 10 + snippets)
// dotnet run -c Release --project bench/CareDesk.Benchmarks -- --filter '*'    (BenchmarkDotNet, short job)
if (args.Length > 0 && args[0] == "latency")
{
    var rest = args[1..];
    var repeats = 1;
    var full = false;
    while (rest.Length > 0 && rest[0].StartsWith("--", StringComparison.Ordinal))
    {
        if (rest[0] == "--min-of" && rest.Length > 1)
        {
            repeats = int.Parse(rest[1]);
            rest = rest[2..];
        }
        else if (rest[0] == "--full")
        {
            full = true;
            rest = rest[1..];
        }
        else
        {
            Console.Error.WriteLine($"unknown option {rest[0]}; latency [--min-of N] [--full] [sizes…]");
            Environment.Exit(2);
        }
    }

    LatencyReport.Run(rest.Length > 0 ? rest.Select(int.Parse).ToArray() : [1_000, 10_000, 100_000], repeats, full);
    return;
}

// In-process: no generated project to restore and publish for our self-contained RID, and a few minutes in all.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithWarmupCount(2).WithIterationCount(5).WithLaunchCount(1).WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(QueryBenchmarks).Assembly).Run(args, config);
