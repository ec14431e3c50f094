using CareDesk.Features.Accounts;
using CareDesk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CareDesk.Tests.Accounts;

/// <summary>
/// One real CareDesk process (Development, so the demo users exist) on its own PostgreSQL database,
/// with the cookie checked against the security stamp on every request and a lockout after 3 failures,
/// shared by the HTTP security tests. Tests reach the same database to create their own users.
/// </summary>
public sealed class SecureAppFixture : IAsyncLifetime
{
    public const int LockoutFailures = 3;

    /// <summary>Requests one API key may make per minute in this app (low, so the rate-limit test is quick).</summary>
    public const int ApiPermits = 40;

    private readonly PostgresServer _postgres = new();

    public AppProcess App { get; private set; } = null!;

    public NpgsqlDataSource Data { get; private set; } = null!;

    public string ConnectionString { get; private set; } = "";

    public ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        var cs = await _postgres.CreateDatabaseAsync("secapp");
        ConnectionString = cs;
        App = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__CareDesk"] = cs,
            ["CareDesk__Accounts__StampValidationInterval"] = "00:00:00",
            ["CareDesk__Accounts__LockoutMaxFailures"] = LockoutFailures.ToString(),
            ["CareDesk__Accounts__SignInPermitsPerMinute"] = "100000",
            ["CareDesk__Api__PermitsPerWindow"] = ApiPermits.ToString(),
        });
        Data = NpgsqlDataSource.Create(cs);
        Services = AccountsTestServices.Create(Data, new AccountsOptions { LockoutMaxFailures = LockoutFailures });
    }

    /// <summary>Creates a user of its own for a test (so no test changes a demo user another test signs in with).</summary>
    public async Task<(string UserName, string Password)> NewUserAsync(string role, string? agency = null)
    {
        const string password = "Test-Pass-2026!x";
        var name = AccountsTestServices.NewName(role.ToLowerInvariant());
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<UserAdmin>()
            .CreateAsync(AccountsTestServices.Admin, new UserAdmin.NewUser(name, "مستخدم اختبار", "Test user", role, agency, password));
        Assert.True(result.Succeeded, result.Error + " " + result.Detail);
        return (name, password);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
            await App.DisposeAsync();
        if (Services is not null)
            await Services.DisposeAsync();
        if (Data is not null)
            await Data.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SecureAppCollection : ICollectionFixture<SecureAppFixture>
{
    public const string Name = "secure-app";
}
