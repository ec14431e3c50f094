using CareDesk.Features.Accounts;
using CareDesk.Features.Audit;
using CareDesk.Testing;
using CareDesk.Tests.Data;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static CareDesk.Tests.Accounts.AccountsTestServices;

namespace CareDesk.Tests.Accounts;

/// <summary>The Dapper user store under Identity's UserManager, and the admin actions, against real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class UserAdminTests(PostgresServer postgres)
{
    private const string Password = "Strong-Pass-2026!";

    private async Task<(ServiceProvider Services, NpgsqlDataSource Data)> SetUpAsync(AccountsOptions? options = null)
    {
        var data = await postgres.CreateMigratedDatabaseAsync("acct");
        return (Create(data, options), data);
    }

    /// <summary>A fresh database with one agent created by an admin.</summary>
    private sealed record WithAgent(AsyncServiceScope Scope, UserAdmin Admin, UserManager<CareDeskUser> Users, string Name, NpgsqlDataSource Data) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Scope.DisposeAsync();
    }

    private async Task<WithAgent> WithAgentAsync(AccountsOptions? options = null)
    {
        var (sp, data) = await SetUpAsync(options);
        var scope = sp.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        var name = NewName("agent");
        Assert.True((await admin.CreateAsync(Admin, new UserAdmin.NewUser(name, "و", "A", Roles.Agent, null, Password))).Succeeded);
        return new WithAgent(scope, admin, scope.ServiceProvider.GetRequiredService<UserManager<CareDeskUser>>(), name, data);
    }

    [Fact]
    public async Task CreateAsync_ValidUser_StoredWithHashedPasswordRoleAndAgency()
    {
        var (sp, data) = await SetUpAsync();
        await using var scope = sp.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CareDeskUser>>();
        var name = NewName("liaison");

        var result = await admin.CreateAsync(Admin, new UserAdmin.NewUser(name, "ضابط", "Officer", "liaison", "NIC", Password));

        Assert.True(result.Succeeded, result.Error);
        var user = await users.FindByNameAsync(name.ToUpperInvariant());
        Assert.NotNull(user);
        Assert.Equal((Roles.Liaison, "NIC"), (user.Role, user.Agency));
        Assert.True(await users.CheckPasswordAsync(user, Password));
        Assert.DoesNotContain(Password, user.PasswordHash);
        Assert.True(await users.IsInRoleAsync(user, Roles.Liaison));
        await using var conn = await data.OpenConnectionAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_log WHERE action = @a AND subject = @name", new { a = AuditActions.UserCreated, name }));
    }

    [Fact]
    public async Task CreateAsync_LiaisonWithoutAgency_RejectedByServiceAndByTable()
    {
        var (sp, data) = await SetUpAsync();
        await using var scope = sp.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();

        var result = await admin.CreateAsync(Admin, new UserAdmin.NewUser(NewName("l"), "ض", "L", Roles.Liaison, "", Password));

        Assert.Equal("admin.error.liaisonagency", result.Error);
        await using var conn = await data.OpenConnectionAsync();
        var ex = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("""
            INSERT INTO users (id, user_name, normalized_user_name, display_name_ar, display_name_en, role, security_stamp, concurrency_stamp)
            VALUES (gen_random_uuid(), 'x', 'X', 'x', 'x', 'Liaison', 's', 'c')
            """));
        Assert.Equal("users_liaison_has_agency", ex.ConstraintName);
    }

    [Fact]
    public async Task AccessFailedAsync_ConfiguredFailures_LocksOut()
    {
        await using var t = await WithAgentAsync(new AccountsOptions { LockoutMaxFailures = 3 });
        var users = t.Users;
        var name = t.Name;

        for (var i = 0; i < 2; i++)
            await users.AccessFailedAsync((await users.FindByNameAsync(name))!);
        Assert.False(await users.IsLockedOutAsync((await users.FindByNameAsync(name))!));
        await users.AccessFailedAsync((await users.FindByNameAsync(name))!);

        Assert.True(await users.IsLockedOutAsync((await users.FindByNameAsync(name))!));
    }

    [Fact]
    public async Task ChangeRoleAsync_RoleChanged_RenewsSecurityStampAndAudits()
    {
        await using var t = await WithAgentAsync();
        var admin = t.Admin;
        var users = t.Users;
        var name = t.Name;
        var data = t.Data;
        var before = (await users.FindByNameAsync(name))!.SecurityStamp;

        var result = await admin.ChangeRoleAsync(Admin, name, Roles.Editor, null);

        Assert.True(result.Succeeded, result.Error);
        var after = (await users.FindByNameAsync(name))!;
        Assert.Equal(Roles.Editor, after.Role);
        Assert.NotEqual(before, after.SecurityStamp);
        await using var conn = await data.OpenConnectionAsync();
        var details = await conn.ExecuteScalarAsync<string>("SELECT details FROM audit_log WHERE action = @a AND subject = @name", new { a = AuditActions.RoleChanged, name });
        Assert.Equal("Agent → Editor", details);
    }

    [Fact]
    public async Task SetLockedAsync_LockThenUnlock_LockoutEndSetAndClearedWithNewStamps()
    {
        await using var t = await WithAgentAsync();
        var admin = t.Admin;
        var users = t.Users;
        var name = t.Name;
        var stamp0 = (await users.FindByNameAsync(name))!.SecurityStamp;

        await admin.SetLockedAsync(Admin, name, locked: true);
        var locked = (await users.FindByNameAsync(name))!;
        await admin.SetLockedAsync(Admin, name, locked: false);
        var unlocked = (await users.FindByNameAsync(name))!;

        Assert.True(await users.IsLockedOutAsync(locked));
        Assert.False(await users.IsLockedOutAsync(unlocked));
        Assert.Equal(3, new[] { stamp0, locked.SecurityStamp, unlocked.SecurityStamp }.Distinct().Count());
    }

    [Fact]
    public async Task ResetPasswordAsync_NewPassword_OldFailsNewWorksStampRenewed()
    {
        await using var t = await WithAgentAsync();
        var admin = t.Admin;
        var users = t.Users;
        var name = t.Name;
        var stamp = (await users.FindByNameAsync(name))!.SecurityStamp;

        Assert.False((await admin.ResetPasswordAsync(Admin, name, "short")).Succeeded);
        var result = await admin.ResetPasswordAsync(Admin, name, "Another-Pass-2026?");

        Assert.True(result.Succeeded, result.Error + result.Detail);
        var user = (await users.FindByNameAsync(name))!;
        Assert.False(await users.CheckPasswordAsync(user, Password));
        Assert.True(await users.CheckPasswordAsync(user, "Another-Pass-2026?"));
        Assert.NotEqual(stamp, user.SecurityStamp);
    }

    [Theory]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Editor)]
    public async Task CreateAsync_ActorNotAdmin_Throws(string role)
    {
        var (sp, _) = await SetUpAsync();
        await using var scope = sp.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            admin.CreateAsync(Principal("x", role), new UserAdmin.NewUser(NewName("a"), "و", "A", Roles.Admin, null, Password)));
    }

    public static TheoryData<string, string, string> HostileUsers => new()
    {
        { "<script>alert(1)</script>", "و", "admin.error.username" },
        { "x' OR '1'='1'; DROP TABLE users;--", "و", "admin.error.username" },
        { new string('a', 1024 * 1024), "و", "admin.error.username" },
        { "ok.name", new string('ب', 1024 * 1024), "admin.error.displayname" },
        { "ok.name", "bad\uD800name", "admin.error.displayname" },
        { "ok.name", "bad\uDC00", "admin.error.displayname" },
        { "ok.name", "nul\0byte", "admin.error.displayname" },
        { "ok.name", "   ", "admin.error.displayname" },
    };

    [Theory]
    [MemberData(nameof(HostileUsers))]
    public async Task CreateAsync_HostileInput_RejectedWithMessageAndNothingStored(string userName, string displayName, string error)
    {
        var (sp, data) = await SetUpAsync();
        await using var scope = sp.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();

        var result = await admin.CreateAsync(Admin, new UserAdmin.NewUser(userName, displayName, "English", Roles.Agent, null, Password));

        Assert.Equal(error, result.Error);
        await using var conn = await data.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM users"));
    }

    [Fact]
    public async Task CreateAsync_ScriptAndSqlInDisplayName_StoredVerbatimAsText()
    {
        var (sp, data) = await SetUpAsync();
        await using var scope = sp.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        const string hostile = "<script>alert('x')</script>'); DROP TABLE users;--";

        var result = await admin.CreateAsync(Admin, new UserAdmin.NewUser(NewName("a"), hostile, hostile, Roles.Agent, null, Password));

        Assert.True(result.Succeeded);
        await using var conn = await data.OpenConnectionAsync();
        Assert.Equal(hostile, await conn.ExecuteScalarAsync<string>("SELECT display_name_en FROM users"));
    }

    [Fact]
    public async Task UpdateAsync_StaleCopy_ConcurrencyFailure()
    {
        await using var t = await WithAgentAsync();
        var users = t.Users;
        var name = t.Name;
        var first = (await users.FindByNameAsync(name))!;
        var stale = (await users.FindByNameAsync(name))!;
        await users.UpdateSecurityStampAsync(first);

        var result = await users.UpdateSecurityStampAsync(stale);

        Assert.Contains(result.Errors, e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure));
    }
}
