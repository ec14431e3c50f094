using System.Security.Claims;
using CareDesk.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareDesk.Tests.Accounts;

/// <summary>The accounts services as the app registers them, over a test database.</summary>
internal static class AccountsTestServices
{
    public static ServiceProvider Create(NpgsqlDataSource dataSource, AccountsOptions? options = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(dataSource);
        services.AddAccountsCore(options ?? new AccountsOptions());
        return services.BuildServiceProvider();
    }

    public static ClaimsPrincipal Principal(string name, string role, string? agency = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, role) };
        if (agency is not null)
            claims.Add(new Claim(CareDeskClaims.Agency, agency));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    public static readonly ClaimsPrincipal Admin = Principal("admin.test", Roles.Admin);

    public static string NewName(string prefix) => $"{prefix}.{Guid.NewGuid():N}"[..24];
}
