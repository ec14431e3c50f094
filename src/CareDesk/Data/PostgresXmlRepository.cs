using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using CareDesk.Hosting;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CareDesk.Data;

/// <summary>Keeps the data-protection key ring in PostgreSQL, the one state all app nodes share.</summary>
public sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var conn = dataSource.OpenConnection();
        return conn.Query<string>("SELECT xml FROM data_protection_keys ORDER BY created_at")
            .Select(x => XElement.Parse(x))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var conn = dataSource.OpenConnection();
        conn.Execute("INSERT INTO data_protection_keys (name, xml) VALUES (@Name, @Xml) ON CONFLICT (name) DO NOTHING",
            new { Name = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}

/// <summary>
/// Where the key ring's secrets are encrypted: <c>CareDesk:DataProtection:Certificate</c> names a PKCS#12
/// (.pfx) file with an RSA private key (<c>CertificatePassword</c> opens it). Without it the keys sit in
/// PostgreSQL as plain XML, so anyone who can read the database can forge sign-in cookies: fine on a
/// developer's machine, and a warning everywhere else.
/// </summary>
public sealed record KeyProtectionOptions(string? CertificatePath, string? CertificatePassword)
{
    public const string Section = "CareDesk:DataProtection";

    public static KeyProtectionOptions Read(IConfiguration configuration)
    {
        var path = configuration[$"{Section}:Certificate"];
        return new KeyProtectionOptions(string.IsNullOrWhiteSpace(path) ? null : path.Trim(), configuration[$"{Section}:CertificatePassword"]);
    }

    /// <summary>The certificate, or null when none is configured; a file that is missing, unreadable or keyless stops start-up naming the setting.</summary>
    public X509Certificate2? LoadCertificate()
    {
        if (CertificatePath is null)
            return null;
        var setting = $"{Section}:Certificate";
        if (!File.Exists(CertificatePath))
            throw new StartupException($"Setting {setting} names {CertificatePath}, which does not exist. / الإعداد {setting} يشير إلى ملف غير موجود: {CertificatePath}");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new StartupException($"Setting {setting}: {CertificatePath} is not a PKCS#12 (.pfx) file that {Section}:CertificatePassword opens ({ex.Message}). / " +
                $"تعذرت قراءة الشهادة {CertificatePath} بكلمة المرور المعطاة في {Section}:CertificatePassword.", ex);
        }
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            throw new StartupException($"Setting {setting}: {CertificatePath} holds no RSA private key, so it cannot decrypt the key ring. / " +
                $"الشهادة {CertificatePath} لا تحوي مفتاح RSA خاصاً، فلا يمكن فك تشفير المفاتيح بها.");
        }
        return certificate;
    }
}

public static class DataProtectionRegistration
{
    /// <summary>
    /// One key ring for all nodes, read from PostgreSQL (migrations run before the first key is needed),
    /// its secrets encrypted with the configured certificate (<see cref="KeyProtectionOptions"/>).
    /// </summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services, IConfiguration configuration, bool development)
    {
        var protection = services.AddDataProtection().SetApplicationName("CareDesk");
        if (KeyProtectionOptions.Read(configuration).LoadCertificate() is { } certificate)
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        else if (!development)
            services.AddSingleton<IBannerLine>(new UnprotectedKeysWarning());
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>())));
        return services;
    }

    private sealed class UnprotectedKeysWarning : IBannerLine
    {
        public IEnumerable<string> Lines()
        {
            yield return $"WARNING: sign-in keys are stored unencrypted in PostgreSQL; set {KeyProtectionOptions.Section}:Certificate to a .pfx file. " +
                "/ تحذير: مفاتيح تسجيل الدخول محفوظة دون تشفير؛ عيّن شهادة في الإعداد.";
        }
    }
}
