using CareDesk.Features.Health;
using Npgsql;

namespace CareDesk.Features.Reference;

/// <summary>
/// Keeps this node's reference data in step with the database: LISTENs on
/// <see cref="ReferenceDocuments.Channel"/> and reloads the <see cref="ReferenceSnapshot"/> when any
/// node commits an admin change (see <see cref="ReloadOnNotify"/>).
/// </summary>
public sealed class ReferenceChangeListener(
    NpgsqlDataSource dataSource,
    ReferenceSnapshot snapshot,
    ILogger<ReferenceChangeListener> logger) : ReloadOnNotify(dataSource, ReferenceDocuments.Channel, logger)
{
    protected override Task ReloadAsync(CancellationToken ct) => snapshot.ReloadAsync(ct);
}
