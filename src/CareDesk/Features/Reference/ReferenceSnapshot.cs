using System.Diagnostics;
using CareDesk.Knowledge.Calendar;
using CareDesk.Knowledge.Reference;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CareDesk.Features.Reference;

/// <summary>One load of the reference data: the data and the working calendar over its holidays. Immutable.</summary>
public sealed record ReferenceState(ReferenceData Data, SaudiWorkingCalendar Calendar)
{
    public static ReferenceState Of(ReferenceData data) => new(data, SaudiWorkingCalendar.FromReferenceData(data));
}

/// <summary>
/// The node's reference data as the database holds it (<c>seed_documents</c>, edited on the admin
/// pages): <see cref="ReloadAsync"/> parses and validates the documents with the rules of the seed
/// files and swaps the result in; readers take <see cref="Current"/> once and keep to it. A reload
/// that fails (database away, documents that do not validate) keeps the last good state, so routing
/// and deadlines go on through an outage. Every node reloads when told (<see cref="ReferenceChangeListener"/>).
/// </summary>
public sealed class ReferenceSnapshot(NpgsqlDataSource? dataSource, ILogger<ReferenceSnapshot> logger)
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private ReferenceState? _current;

    /// <summary>A snapshot that holds <paramref name="data"/> and never reloads (tests, command-line tools).</summary>
    public static ReferenceSnapshot Fixed(ReferenceData data)
    {
        var snapshot = new ReferenceSnapshot(null, NullLogger<ReferenceSnapshot>.Instance);
        snapshot._current = ReferenceState.Of(data);
        return snapshot;
    }

    /// <summary>The current state; throws before the first load (start-up loads it before the app takes requests).</summary>
    public ReferenceState Current =>
        Volatile.Read(ref _current) ?? throw new InvalidOperationException("The reference data has not been loaded yet.");

    /// <summary>When the current state was loaded (UTC), and how long it took.</summary>
    public (DateTimeOffset At, TimeSpan Took) LastLoad { get; private set; }

    /// <summary>
    /// Loads the documents and swaps them in when they parse and validate; returns the problems
    /// otherwise (the current state stays). A database failure throws, also leaving the current state.
    /// </summary>
    public async Task<IReadOnlyList<CareDesk.Knowledge.Documents.ContentProblem>> ReloadAsync(CancellationToken ct = default)
    {
        if (dataSource is null)
            return [];
        await _reload.WaitAsync(ct);
        try
        {
            var sw = Stopwatch.StartNew();
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            var (data, problems) = ReferenceDocuments.Check(await ReferenceDocuments.LoadAsync(conn, null, ct));
            if (data is null)
            {
                logger.LogError("Reference data in the database has {Count} problem(s); keeping the last good load: {Problems}",
                    problems.Count, string.Join("; ", problems.Take(5)));
                return problems;
            }
            Volatile.Write(ref _current, ReferenceState.Of(data));
            LastLoad = (DateTimeOffset.UtcNow, sw.Elapsed);
            logger.LogInformation("Reference data loaded: {Agencies} agencies, {CaseTypes} case types in {Ms} ms",
                data.Agencies.Agencies.Count, data.CaseTypes.CaseTypes.Count, sw.ElapsedMilliseconds);
            return [];
        }
        finally
        {
            _reload.Release();
        }
    }
}
