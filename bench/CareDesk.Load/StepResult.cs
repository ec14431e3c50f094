namespace CareDesk.Load;

/// <summary>One measured step of a scenario: a concurrency level (HTTP clients, pgbench clients or browser sessions) and what it achieved.</summary>
public sealed record StepResult(
    string Scenario,
    int Concurrency,
    double Seconds,
    int Ok,
    int Errors,
    LatencySummary Latency,
    double LoadAverage1,
    double AppCpuPercent,
    double PostgresCpuPercent,
    double ToolCpuPercent,
    string Note = "")
{
    /// <summary>Sessions only: click → ticket page painted.</summary>
    public LatencySummary? TicketOpen { get; init; }

    /// <summary>Sessions only: the app's memory after the step.</summary>
    public double AppRssMiB { get; init; } = double.NaN;

    public double AppAnonMiB { get; init; } = double.NaN;

    /// <summary>Sessions only: queries typed to the end (results painted).</summary>
    public int Searches { get; init; }

    /// <summary>Sessions only: Chromium's share of <see cref="ToolCpuPercent"/>, and its memory (PSS of all its processes) after the step.</summary>
    public double ChromiumCpuPercent { get; init; } = double.NaN;

    public double ChromiumMiB { get; init; } = double.NaN;

    /// <summary>Successful operations per second of wall-clock time.</summary>
    public double Throughput => Seconds > 0 ? Ok / Seconds : 0;
}
