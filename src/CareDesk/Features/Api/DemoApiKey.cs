using CareDesk.Data;
using CareDesk.Features.Accounts;
using CareDesk.Hosting;

namespace CareDesk.Features.Api;

/// <summary>
/// Where demo users are created (Development): a fresh key for the integration <c>demo</c> with every
/// scope, printed in the start-up banner. The previous start's demo key is revoked (its secret is gone).
/// </summary>
public sealed class DemoApiKey(AccountsOptions accounts, ApiKeyStore keys, ILogger<DemoApiKey> logger) : IStartupStep, IBannerLine
{
    public const string Integration = "demo";

    private string? _secret;

    public int Order => 40;

    public async Task RunAsync(CancellationToken ct)
    {
        if (!accounts.DemoUsers)
            return;
        await keys.RevokeIntegrationAsync(Integration, ct);
        (_, _secret) = await keys.CreateAsync(Integration, ApiScopes.All, ct);
        logger.LogInformation("Demo API key created");
    }

    public IEnumerable<string> Lines()
    {
        if (_secret is null)
            yield break;
        yield return "Demo API key (development only, all scopes) — مفتاح تجريبي لواجهة البرمجة:";
        yield return $"    {_secret}";
    }
}
