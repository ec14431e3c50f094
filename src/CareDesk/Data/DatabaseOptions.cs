namespace CareDesk.Data;

/// <summary>
/// Where CareDesk's PostgreSQL is. With <c>ConnectionStrings:CareDesk</c> set, that server is used;
/// otherwise a private server is started from the machine's PostgreSQL binaries.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "CareDesk:Database";

    /// <summary>Data directory of the private server; relative paths are taken from the repository root.</summary>
    public string DataDirectory { get; set; } = ".caredesk/pgdata";

    /// <summary>Loopback port of the private server.</summary>
    public int Port { get; set; } = 55432;

    /// <summary>Folder holding initdb, pg_ctl and postgres; found automatically when empty.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>Import seeds/ and content/faq when the database has no articles yet.</summary>
    public bool ImportOnEmpty { get; set; } = true;

    public static DatabaseOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = new DatabaseOptions();
        if (section["DataDirectory"] is { } dir)
        {
            if (string.IsNullOrWhiteSpace(dir))
                throw new StartupException($"Setting {Section}:DataDirectory is empty. / الإعداد {Section}:DataDirectory فارغ.");
            options.DataDirectory = dir;
        }
        if (section["Port"] is { } port)
        {
            if (!int.TryParse(port, out var p) || p is < 1024 or > 65535)
                throw new StartupException($"Setting {Section}:Port must be a number between 1024 and 65535, not '{port}'. / الإعداد {Section}:Port يجب أن يكون رقمًا بين 1024 و65535.");
            options.Port = p;
        }
        options.BinDirectory = section["BinDirectory"];
        if (section["ImportOnEmpty"] is { } import)
        {
            if (!bool.TryParse(import, out var b))
                throw new StartupException($"Setting {Section}:ImportOnEmpty must be true or false, not '{import}'.");
            options.ImportOnEmpty = b;
        }
        return options;
    }
}
