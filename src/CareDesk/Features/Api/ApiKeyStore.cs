using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace CareDesk.Features.Api;

/// <summary>What an API key may do.</summary>
public static class ApiScopes
{
    public const string Search = "search";
    public const string Intake = "intake";
    public const string Status = "status";

    public static readonly IReadOnlyList<string> All = [Search, Intake, Status];
}

/// <summary>An integration's key as stored: never the secret, only its hash.</summary>
public sealed record ApiKey(long Id, string Integration, IReadOnlyList<string> Scopes);

/// <summary>
/// API keys per integration. A key is <c>cdk_</c> + 32 random bytes (base64url); the table holds its
/// SHA-256, so the secret is shown once, when it is created, and cannot be read back.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource)
{
    public async Task<(ApiKey Key, string Secret)> CreateAsync(string integration, IReadOnlyList<string> scopes, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(integration) || integration.Length > 100)
            throw new ArgumentException("the integration name must be 1–100 characters", nameof(integration));
        var unknown = scopes.Where(s => !ApiScopes.All.Contains(s)).ToList();
        if (scopes.Count == 0 || unknown.Count > 0)
            throw new ArgumentException($"scopes must be some of {string.Join(",", ApiScopes.All)}", nameof(scopes));
        var secret = "cdk_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO api_keys (integration, key_hash, scopes) VALUES (@Integration, @Hash, @Scopes) RETURNING id
            """, new { Integration = integration.Trim(), Hash = Hash(secret), Scopes = scopes.Distinct().ToArray() }, cancellationToken: ct));
        return (new ApiKey(id, integration.Trim(), scopes.Distinct().ToList()), secret);
    }

    /// <summary>The live (not revoked) key with this secret, or null.</summary>
    public async Task<ApiKey?> FindAsync(string secret, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(long Id, string Integration, string[] Scopes)>(new CommandDefinition("""
            SELECT id, integration, scopes FROM api_keys WHERE key_hash = @Hash AND revoked_at IS NULL
            """, new { Hash = Hash(secret) }, cancellationToken: ct));
        return row.Integration is null ? null : new ApiKey(row.Id, row.Integration, row.Scopes);
    }

    public async Task<bool> RevokeAsync(long id, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = now() WHERE id = @Id AND revoked_at IS NULL", new { Id = id }, cancellationToken: ct)) == 1;
    }

    /// <summary>Revokes every live key of an integration; returns how many.</summary>
    public async Task<int> RevokeIntegrationAsync(string integration, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = now() WHERE integration = @Integration AND revoked_at IS NULL", new { Integration = integration }, cancellationToken: ct));
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
