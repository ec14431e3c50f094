using Npgsql;

namespace CareDesk.Data;

public static class DataRegistration
{
    /// <summary>
    /// Resolves the database (the configured server, or a private one started here), registers one
    /// <see cref="NpgsqlDataSource"/> for the app, and returns a handle that stops the private server
    /// when the app ends.
    /// </summary>
    public static async Task<DatabaseHandle> AddCareDeskDatabaseAsync(this WebApplicationBuilder builder)
    {
        var options = DatabaseOptions.Read(builder.Configuration);
        using var loggerFactory = LoggerFactory.Create(l => l.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggerFactory.CreateLogger("CareDesk.Database");

        EmbeddedPostgres? embedded = null;
        var connectionString = builder.Configuration.GetConnectionString("CareDesk");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            embedded = await EmbeddedPostgres.StartAsync(RepositoryPaths.Resolve(options.DataDirectory), options.Port, options.BinDirectory, logger);
            connectionString = embedded.ConnectionString;
        }
        else
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException ex)
            {
                throw new StartupException($"ConnectionStrings:CareDesk is not a valid PostgreSQL connection string: {ex.Message} / نص الاتصال بقاعدة البيانات غير صالح.", ex);
            }
        }

        var dataSource = new NpgsqlDataSourceBuilder(connectionString) { Name = "CareDesk" }.Build();
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddSingleton<DatabaseInitializer>();
        return new DatabaseHandle(dataSource, embedded);
    }

    public static Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
}

/// <summary>Owns the data source and, when there is one, the private server; disposing stops both.</summary>
public sealed class DatabaseHandle(NpgsqlDataSource dataSource, EmbeddedPostgres? embedded) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource => dataSource;

    public EmbeddedPostgres? Embedded => embedded;

    public async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        if (embedded is not null)
            await embedded.DisposeAsync();
    }
}
