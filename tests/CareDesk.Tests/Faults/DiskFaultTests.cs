using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareDesk.Data;
using CareDesk.Testing;
using Dapper;
using Npgsql;
using Xunit.Abstractions;

namespace CareDesk.Tests.Faults;

/// <summary>
/// The app's private PostgreSQL on a disk that is read-only, not writable by the server's user, or
/// full: a clear bilingual refusal at start, clean 503s while full, nothing acknowledged lost, and
/// service again once space is freed. Each test mounts a tmpfs of its own (root; see <see cref="TmpfsMount"/>).
/// </summary>
[Collection(FaultCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DiskFaultTests(ITestOutputHelper output)
{
    private static Dictionary<string, string> PrivateServer(string dataDir, int port) => new()
    {
        ["CareDesk__Database__DataDirectory"] = dataDir,
        ["CareDesk__Database__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CareDesk__Api__PermitsPerWindow"] = "100000",
    };

    [Theory]
    [InlineData("read-only mount")]
    [InlineData("mode 0500")]
    public async Task Start_DataDirectoryNotWritable_ExitsNonZeroNamingItAndChangesNothing(string how)
    {
        await using var disk = await TmpfsMount.CreateAsync(128);
        var dataDir = Path.Combine(disk.Path, "pgdata");
        var settings = PrivateServer(dataDir, EmbeddedPostgres.FreePort());
        var first = await AppProcess.StartAsync(settings);
        await first.DisposeAsync();
        var before = TmpfsMount.Snapshot(disk.Path);

        if (how == "read-only mount")
            await disk.RemountAsync(readOnly: true);
        else
            File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var app = await AppProcess.StartAsync(settings, waitHealthy: false);
            var code = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));
            output.WriteLine(app.Output);

            Assert.NotEqual(0, code);
            Assert.Contains("caredesk: The data directory '" + dataDir + "'", app.Output);
            Assert.Contains("not writable", app.Output);
            Assert.Matches("لا يمكن الكتابة في مجلد البيانات", app.Output);
            Assert.DoesNotContain("   at ", app.Output);
        }
        finally
        {
            if (how == "read-only mount")
                await disk.RemountAsync(readOnly: false);
            else
                File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Assert.Equal(before, TmpfsMount.Snapshot(disk.Path));
    }

    [Fact]
    public async Task DiskFull_UnderRunningApp_WritesRefusedCleanlyAcknowledgedKeptServiceBackWhenFreed()
    {
        await using var disk = await TmpfsMount.CreateAsync(160);
        var dataDir = Path.Combine(disk.Path, "pgdata");
        var port = EmbeddedPostgres.FreePort();
        var settings = PrivateServer(dataDir, port);
        var app = await AppProcess.StartAsync(settings);
        try
        {
            var cs = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = port, Username = "caredesk", Database = "caredesk", Pooling = false,
                Password = (await File.ReadAllTextAsync(dataDir + ".password")).Trim(),
            }.ConnectionString;
            var (integration, secret) = await FaultKit.NewKeyAsync(cs);
            using var api = FaultKit.Client(app.BaseUrl, secret, TimeSpan.FromSeconds(15));
            var acknowledged = new Dictionary<string, string>();
            async Task<HttpResponseMessage> IntakeAsync(string key)
            {
                var response = await api.SendAsync(FaultKit.Post(FaultKit.Body("05" + Math.Abs(key.GetHashCode() % 100_000_000).ToString("D8")), key));
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    acknowledged[key] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString()!;
                return response;
            }
            for (var i = 0; i < 5; i++)
                Assert.Equal(HttpStatusCode.Created, (await IntakeAsync($"before-{i}")).StatusCode);

            // Start a fresh WAL segment and flush, so the filled disk meets table growth, which PostgreSQL
            // refuses with an error, before it meets a WAL segment switch, which would stop the server.
            await using (var conn = new NpgsqlConnection(cs))
                await conn.ExecuteAsync("SELECT pg_switch_wal(); CREATE TEMP TABLE nudge AS SELECT 1; CHECKPOINT;");
            var filler = disk.Fill();
            output.WriteLine($"disk filled: {disk.FreeBytes} bytes free");

            var refusals = new List<JsonElement>();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 400 && refusals.Count < 3; i++)
            {
                using var response = await IntakeAsync($"full-{i}");
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                    continue;
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"full-{i}: {(int)response.StatusCode} {text[..Math.Min(400, text.Length)]}");
                Assert.DoesNotContain("   at ", text);
                refusals.Add(JsonDocument.Parse(text).RootElement.Clone());
            }
            output.WriteLine($"{acknowledged.Count} acknowledged in all; first refusals after {clock.Elapsed.TotalSeconds:F1} s: {string.Join(" | ", refusals.Select(r => r.GetProperty("title").GetString()))}");
            Assert.NotEmpty(refusals);
            Assert.Contains(refusals, r => r.GetProperty("code").GetString() == "db.storage-full");
            Assert.All(refusals, r => Assert.Matches("[\u0600-\u06FF]", r.GetProperty("title_ar").GetString()));
            Assert.False(app.HasExited);

            File.Delete(filler);
            var retried = await FaultKit.WaitUntilAsync(async () =>
            {
                using var response = await IntakeAsync("after-free");
                return response.StatusCode == HttpStatusCode.Created;
            }, TimeSpan.FromSeconds(30), "intake working again after the space was freed");
            output.WriteLine($"intake back {retried.TotalMilliseconds:F0} ms after freeing the space");

            await app.StopAsync();
            app = await AppProcess.StartAsync(settings);
            await using var conn2 = new NpgsqlConnection(cs);
            Assert.Empty(await FaultKit.HalfWrittenTicketsAsync(conn2, integration));
            var byKey = await FaultKit.TicketsByKeyAsync(conn2, integration);
            foreach (var (key, number) in acknowledged)
                Assert.True(byKey.TryGetValue(key, out var stored) && stored == number, $"acknowledged {key} ({number}) is missing after the disk-full episode");
            Assert.Equal(byKey.Count, byKey.Values.Distinct().Count());
            Assert.Equal(byKey.Count, acknowledged.Count);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
