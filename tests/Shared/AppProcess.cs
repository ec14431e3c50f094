using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CareDesk.Testing;

/// <summary>
/// The real CareDesk executable (the one <c>dotnet run</c> builds) started as its own process on a
/// free loopback port, so tests see exactly what a user does — and can kill it with SIGKILL.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    public static string ExecutablePath => Path.Combine(TestPaths.RepoRoot, "src", "CareDesk", "bin", TestPaths.Configuration,
        "net9.0", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "CareDesk");

    /// <summary>Starts the app with the given settings (as environment variables, <c>Section__Key</c>) and waits for /health.</summary>
    public static async Task<AppProcess> StartAsync(IDictionary<string, string> settings, TimeSpan? timeout = null, bool waitHealthy = true)
    {
        var port = Data.EmbeddedPostgres.FreePort();
        var url = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = Path.Combine(TestPaths.RepoRoot, "src", "CareDesk"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["ASPNETCORE_URLS"] = url;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        // Development writes demo tickets into an empty database; a test that wants them sets this to true.
        psi.Environment["CareDesk__Demo__Tickets"] = "false";
        foreach (var (k, v) in settings)
            psi.Environment[k] = v;
        var app = new AppProcess(Process.Start(psi)!, url);
        if (waitHealthy)
            await app.WaitHealthyAsync(timeout ?? TimeSpan.FromSeconds(90));
        return app;
    }

    public async Task<JsonElement> WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"CareDesk exited with {_process.ExitCode}:\n{Output}");
            try
            {
                var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                    return await response.Content.ReadFromJsonAsync<JsonElement>();
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"CareDesk did not become healthy within {timeout}:\n{Output}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, like a power cut of the app process.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    /// <summary>SIGTERM, as a service manager stops the app; waits for the orderly shutdown.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
            return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]))
            await kill.WaitForExitAsync();
        try
        {
            await WaitForExitAsync(TimeSpan.FromSeconds(60));
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }
}
