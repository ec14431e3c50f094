using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CareDesk.Testing;
using Dapper;
using Npgsql;

namespace CareDesk.Tests.Data;

/// <summary>The sign-in key ring encrypted with an operator's certificate, on the real executable and a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class KeyProtectionTests(PostgresServer postgres)
{
    [Fact]
    public async Task Start_WithCertificate_StoresKeysEncryptedAndReadsThemAfterRestart()
    {
        var cs = await postgres.CreateDatabaseAsync("keyring");
        var pfx = WriteCertificate("kr-" + Guid.NewGuid().ToString("N")[..8], "s3cret-pfx");
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__CareDesk"] = cs,
            ["CareDesk__DataProtection__Certificate"] = pfx,
            ["CareDesk__DataProtection__CertificatePassword"] = "s3cret-pfx",
        };

        await using (var first = await AppProcess.StartAsync(settings))
            await GetSignInPageAsync(first);
        var keys = await KeysAsync(cs);
        var key = Assert.Single(keys);
        Assert.Contains("<encryptedSecret", key);
        Assert.DoesNotContain("unencrypted form", key);

        // A node that could not decrypt the ring would make itself a new key (and sign everyone out).
        await using (var second = await AppProcess.StartAsync(settings))
            await GetSignInPageAsync(second);
        Assert.Equal(keys, await KeysAsync(cs));
    }

    [Fact]
    public async Task Start_WithoutCertificate_StoresKeysInTheClear()
    {
        var cs = await postgres.CreateDatabaseAsync("keyplain");
        await using (var app = await AppProcess.StartAsync(new Dictionary<string, string> { ["ConnectionStrings__CareDesk"] = cs }))
            await GetSignInPageAsync(app);

        var key = Assert.Single(await KeysAsync(cs));
        Assert.DoesNotContain("<encryptedSecret", key);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("wrong-password")]
    [InlineData("not-a-pfx")]
    public async Task Start_UnusableCertificate_ExitsNamingTheSetting(string problem)
    {
        var dir = Directory.CreateTempSubdirectory("caredesk-cert-").FullName;
        var path = problem switch
        {
            "missing" => Path.Combine(dir, "absent.pfx"),
            "wrong-password" => WriteCertificate("wp", "right"),
            _ => Path.Combine(dir, "garbage.pfx"),
        };
        if (problem == "not-a-pfx")
            await File.WriteAllTextAsync(path, "this is not a certificate");

        var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__CareDesk"] = await postgres.CreateDatabaseAsync("keybad"),
            ["CareDesk__DataProtection__Certificate"] = path,
            ["CareDesk__DataProtection__CertificatePassword"] = "wrong",
        }, waitHealthy: false);
        var code = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, code);
        Assert.Contains("CareDesk:DataProtection:Certificate", app.Output);
        Assert.DoesNotContain("   at ", app.Output);
    }

    private static async Task GetSignInPageAsync(AppProcess app)
    {
        // The sign-in form carries an antiforgery token: the first protected value makes the key ring.
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var page = await http.GetStringAsync("/account/signin");
        Assert.Contains("__RequestVerificationToken", page);
    }

    private static async Task<List<string>> KeysAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        return (await conn.QueryAsync<string>("SELECT xml FROM data_protection_keys ORDER BY name")).ToList();
    }

    private static string WriteCertificate(string name, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=CareDesk key ring test {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Directory.CreateTempSubdirectory("caredesk-cert-").FullName, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}
