using CareDesk.Data;
using CareDesk.Features.Health;

namespace CareDesk.Features.Reference;

public static class ReferenceRegistration
{
    /// <summary>
    /// The reference data: imported from <c>seeds/</c> into an empty database, then read from the
    /// database into each node's <see cref="ReferenceSnapshot"/>, reloaded when an admin changes it.
    /// </summary>
    public static WebApplicationBuilder AddReferenceData(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddSingleton<IStartupStep, ReferenceImport>();
        s.AddSingleton<ReferenceSnapshot>();
        s.AddSingleton<IStartupStep, LoadSnapshotStep>();
        s.AddSingleton<ReferenceChangeListener>();
        s.AddHostedService(sp => sp.GetRequiredService<ReferenceChangeListener>());
        s.AddSingleton<IHealthContributor, ReferenceHealth>();
        s.AddSingleton<ReferenceEditor>();
        return builder;
    }

    /// <summary>Loads the first snapshot after the import and before anything routes a ticket; bad data stops start-up.</summary>
    private sealed class LoadSnapshotStep(ReferenceSnapshot snapshot, DatabaseOptions database) : IStartupStep
    {
        public int Order => 15;

        public async Task RunAsync(CancellationToken ct)
        {
            var problems = await snapshot.ReloadAsync(ct);
            if (problems.Count == 0)
                return;
            var hint = problems.All(p => p.Code == "missing-seed") && !database.ImportOnEmpty
                ? $" Start once with {DatabaseOptions.Section}:ImportOnEmpty=true to import seeds/."
                : "";
            throw new StartupException($"The reference data in the database ({ReferenceDocuments.Origin}) has {problems.Count} problem(s); " +
                $"CareDesk cannot route tickets without it.{hint} / البيانات المرجعية في قاعدة البيانات غير صالحة:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", problems.Take(10)));
        }
    }

    private sealed class ReferenceHealth(ReferenceSnapshot snapshot, ReferenceChangeListener listener) : IHealthContributor
    {
        public string Name => "reference";

        public object Report() => new
        {
            loaded_at = snapshot.LastLoad.At,
            load_ms = Math.Round(snapshot.LastLoad.Took.TotalMilliseconds, 1),
            listening = listener.IsListening,
        };
    }
}
