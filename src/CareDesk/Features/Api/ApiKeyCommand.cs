namespace CareDesk.Features.Api;

/// <summary>
/// <c>api-key create --name NAME --scopes search,intake,status</c> prints a new key once (only its hash
/// is stored); <c>api-key revoke --id N</c> stops a key. The database is found as the app finds it.
/// </summary>
internal static class ApiKeyCommand
{
    private const string Usage = "usage: api-key create --name NAME --scopes search,intake,status | api-key revoke --id N  [--ConnectionStrings:CareDesk=…]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? verb = args.Length > 0 ? args[0] : null, name = null, scopes = null, id = null;
        var hostArgs = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--name" && i + 1 < args.Length)
                name = args[++i];
            else if (args[i] == "--scopes" && i + 1 < args.Length)
                scopes = args[++i];
            else if (args[i] == "--id" && i + 1 < args.Length)
                id = args[++i];
            else
                hostArgs.Add(args[i]);
        }
        var scopeList = (scopes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var valid = verb switch
        {
            "create" => !string.IsNullOrWhiteSpace(name) && name.Length <= 100 && scopeList.Length > 0 && scopeList.All(ApiScopes.All.Contains),
            "revoke" => long.TryParse(id, out _),
            _ => false,
        };
        if (!valid)
        {
            Console.Error.WriteLine(Usage);
            return verb is "-h" or "--help" ? 0 : 2;
        }

        return await Cli.CliDatabase.RunAsync("api-key", hostArgs,
            "the database has no api_keys table yet; start the app once to create it. / شغّل التطبيق مرة واحدة لإنشاء الجداول.",
            async data =>
            {
                var store = new ApiKeyStore(data);
                if (verb == "revoke")
                {
                    var revoked = await store.RevokeAsync(long.Parse(id!, System.Globalization.CultureInfo.InvariantCulture));
                    Console.WriteLine(revoked ? $"revoked key {id} — أُلغي المفتاح" : $"no live key {id} — لا يوجد مفتاح فعال بهذا الرقم");
                    return revoked ? 0 : 1;
                }
                var (key, secret) = await store.CreateAsync(name!, scopeList);
                Console.WriteLine($"key {key.Id} for {key.Integration} ({string.Join(",", key.Scopes)}) — shown once, store it now / يظهر مرة واحدة فقط:");
                Console.WriteLine(secret);
                return 0;
            });
    }
}
