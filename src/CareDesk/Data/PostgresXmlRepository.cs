using System.Xml.Linq;
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

public static class DataProtectionRegistration
{
    /// <summary>One key ring for all nodes, read from PostgreSQL (migrations run before the first key is needed).</summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("CareDesk");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<NpgsqlDataSource>())));
        return services;
    }
}
