using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace CareDesk.Data;

/// <summary>
/// A private PostgreSQL server run from the machine's installed binaries: data in one folder, listening
/// on loopback only, password authentication, stopped cleanly on <see cref="DisposeAsync"/>. A second
/// start reuses the data, and a server left running by a killed app is adopted rather than started twice.
/// PostgreSQL refuses to run as root, so as root the tools run as the <c>postgres</c> system user.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "caredesk";
    private const string DatabaseName = "caredesk";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);

    private readonly string _binDir;
    private readonly string _dataDir;
    private readonly bool _asPostgresUser;
    private readonly ILogger _logger;
    private bool _stopped;

    private EmbeddedPostgres(string binDir, string dataDir, bool asPostgresUser, ILogger logger)
    {
        _binDir = binDir;
        _dataDir = dataDir;
        _asPostgresUser = asPostgresUser;
        _logger = logger;
    }

    public string ConnectionString { get; private set; } = "";

    public int Port { get; private set; }

    public string DataDirectory => _dataDir;

    /// <summary>Initializes the data directory if needed, starts (or adopts) the server and creates the database.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(string dataDirectory, int port, string? binDirectory, ILogger logger, CancellationToken ct = default)
    {
        var binDir = FindBinDirectory(binDirectory);
        var asPostgres = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";
        var server = new EmbeddedPostgres(binDir, Path.GetFullPath(dataDirectory), asPostgres, logger);
        await server.StartAsync(port, ct);
        return server;
    }

    /// <summary>
    /// The folder with the server binaries: the configured one, else <c>pg_config --bindir</c>, else the
    /// newest <c>/usr/lib/postgresql/*/bin</c>.
    /// </summary>
    public static string FindBinDirectory(string? configured)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!HasServerTools(configured))
                throw new StartupException($"Setting {DatabaseOptions.Section}:BinDirectory='{configured}' has no initdb/pg_ctl/postgres. / المجلد المحدد لا يحتوي على أدوات PostgreSQL.");
            return configured;
        }
        try
        {
            var r = ProcessRunner.RunAsync("pg_config", ["--bindir"], TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            if (r.ExitCode == 0)
                candidates.Add(r.Output.Trim());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config is not installed; fall back to Debian's layout.
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }
        return candidates.FirstOrDefault(HasServerTools)
            ?? throw new StartupException("PostgreSQL server binaries not found: install the package 'postgresql' (apt-get install -y postgresql) or set ConnectionStrings:CareDesk. / لم يُعثر على خادم PostgreSQL: ثبّت الحزمة postgresql.");
    }

    private static void OwnerOnly(string path, bool directory = false)
    {
        if (OperatingSystem.IsWindows())
            return;
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | (directory ? UnixFileMode.UserExecute : 0);
        File.SetUnixFileMode(path, mode);
    }

    private static bool HasServerTools(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")) && File.Exists(Path.Combine(dir, "postgres"));

    private string PasswordFile => _dataDir.TrimEnd('/') + ".password";

    private async Task StartAsync(int port, CancellationToken ct)
    {
        PrepareDirectories();
        if (!File.Exists(Path.Combine(_dataDir, "PG_VERSION")))
            await InitDbAsync(ct);

        var password = (await File.ReadAllTextAsync(PasswordFile, ct)).Trim();
        var running = ReadRunningPort();
        if (running is { } adopted && await IsRunningAsync(ct))
        {
            _logger.LogInformation("Adopting the private PostgreSQL already running on port {Port} ({Dir})", adopted, _dataDir);
            Port = adopted;
        }
        else
        {
            EnsurePortFree(port);
            await StartServerAsync(port, ct);
            Port = port;
        }

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Username = SuperUser, Password = password, Database = "postgres",
            Pooling = false, Timeout = 15,
        };
        await using (var conn = new NpgsqlConnection(admin.ConnectionString))
        {
            await conn.OpenAsync(ct);
            await using var check = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn) { Parameters = { new() { Value = DatabaseName } } };
            if (await check.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName} ENCODING 'UTF8' TEMPLATE template0", conn);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
        admin.Database = DatabaseName;
        admin.Pooling = true;
        ConnectionString = admin.ConnectionString;
    }

    private void PrepareDirectories()
    {
        var parent = Path.GetDirectoryName(_dataDir) ?? throw new StartupException($"Invalid data directory '{_dataDir}'.");
        try
        {
            Directory.CreateDirectory(parent);
            if (!Directory.Exists(_dataDir))
            {
                Directory.CreateDirectory(_dataDir);
                OwnerOnly(_dataDir, directory: true);
            }
            var probe = Path.Combine(parent, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw NotWritable(ex.Message, ex);
        }
        if (_asPostgresUser)
        {
            RunChecked("chown", ["-R", "postgres:postgres", _dataDir]);
            // Ownership is not enough: a mode without write, or a read-only mount, would only show as a
            // failed pg_ctl start with a stale log. Ask as the user the server runs as.
            var r = RunAndCheck("runuser", ["-u", "postgres", "--", "test", "-w", _dataDir], CancellationToken.None, throwOnError: false, "runuser")
                .GetAwaiter().GetResult();
            if (r.ExitCode != 0)
                throw NotWritable("the 'postgres' user the private server runs as may not write in it");
        }
    }

    private StartupException NotWritable(string why, Exception? inner = null) => new(
        $"The data directory '{_dataDir}' ({DatabaseOptions.Section}:DataDirectory) is not writable: {why}. Check its permissions and that its disk is not read-only. "
        + $"/ لا يمكن الكتابة في مجلد البيانات '{_dataDir}': تحقق من صلاحياته ومن أن القرص ليس للقراءة فقط.", inner);

    private async Task InitDbAsync(CancellationToken ct)
    {
        _logger.LogInformation("Creating a private PostgreSQL data directory at {Dir}", _dataDir);
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(18)).ToLowerInvariant();
        await File.WriteAllTextAsync(PasswordFile, password, ct);
        OwnerOnly(PasswordFile);
        // initdb reads the password from a file the server user can read; it lives only while initdb runs.
        var pwFile = Path.Combine(Path.GetTempPath(), $"caredesk-pw-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(pwFile, password, ct);
        try
        {
            if (_asPostgresUser)
                RunChecked("chown", ["postgres:postgres", pwFile]);
            OwnerOnly(pwFile);
            await RunToolAsync("initdb", ["-D", _dataDir, "-U", SuperUser, $"--pwfile={pwFile}", "--auth=scram-sha-256",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"], ct);
        }
        finally
        {
            File.Delete(pwFile);
        }
    }

    private async Task StartServerAsync(int port, CancellationToken ct)
    {
        var log = Path.Combine(_dataDir, "postgres.log");
        var options = $"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200";
        _logger.LogInformation("Starting the private PostgreSQL on 127.0.0.1:{Port}", port);
        var result = await RunToolAsync("pg_ctl", ["-D", _dataDir, "-l", log, "-w", "-t", "60", "-o", options, "start"], ct, throwOnError: false);
        if (result.ExitCode != 0)
        {
            var tail = File.Exists(log) ? string.Join(" | ", File.ReadLines(log).TakeLast(3)) : result.Output;
            throw new StartupException($"The private PostgreSQL did not start ({_dataDir}): {tail}");
        }
    }

    private async Task<bool> IsRunningAsync(CancellationToken ct) =>
        (await RunToolAsync("pg_ctl", ["-D", _dataDir, "status"], ct, throwOnError: false)).ExitCode == 0;

    private int? ReadRunningPort()
    {
        var pidFile = Path.Combine(_dataDir, "postmaster.pid");
        try
        {
            var lines = File.Exists(pidFile) ? File.ReadAllLines(pidFile) : [];
            return lines.Length > 3 && int.TryParse(lines[3], out var p) ? p : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void EnsurePortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
        }
        catch (SocketException)
        {
            throw new StartupException($"Port {port} on 127.0.0.1 is in use: set {DatabaseOptions.Section}:Port to a free port. / المنفذ {port} مستخدم.");
        }
    }

    /// <summary>A free loopback port, for throwaway servers.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private Task<ProcessRunner.Result> RunToolAsync(string tool, string[] args, CancellationToken ct, bool throwOnError = true)
    {
        var exe = Path.Combine(_binDir, tool);
        // setsid keeps the server out of the terminal's process group, so Ctrl+C reaches the app,
        // which then stops the server in order instead of both dying at once.
        var (file, argv) = _asPostgresUser
            ? ("setsid", new[] { "runuser", "-u", "postgres", "--", exe }.Concat(args).ToArray())
            : ("setsid", new[] { exe }.Concat(args).ToArray());
        return RunAndCheck(file, argv, ct, throwOnError, tool);
    }

    private static async Task<ProcessRunner.Result> RunAndCheck(string file, string[] argv, CancellationToken ct, bool throwOnError, string name)
    {
        var r = await ProcessRunner.RunAsync(file, argv, ToolTimeout, ct);
        if (throwOnError && r.ExitCode != 0)
            throw new StartupException($"{name} failed (exit {r.ExitCode}): {r.Output}");
        return r;
    }

    private static void RunChecked(string file, string[] args) =>
        RunAndCheck(file, args, CancellationToken.None, throwOnError: true, file).GetAwaiter().GetResult();

    /// <summary>Stops the server with a fast shutdown (open transactions roll back; committed data is on disk).</summary>
    public async Task StopAsync()
    {
        if (_stopped)
            return;
        _stopped = true;
        NpgsqlConnection.ClearAllPools();
        var r = await RunToolAsync("pg_ctl", ["-D", _dataDir, "-m", "fast", "-w", "-t", "60", "stop"], CancellationToken.None, throwOnError: false);
        if (r.ExitCode == 0)
            _logger.LogInformation("Stopped the private PostgreSQL ({Dir})", _dataDir);
        else
            _logger.LogWarning("pg_ctl stop: {Output}", r.Output);
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
