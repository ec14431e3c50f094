using CareDesk.Data;
using Npgsql;

namespace CareDesk.Cli;

/// <summary>
/// The database of a command-line verb, found as the app finds it (<c>ConnectionStrings:CareDesk</c>,
/// else the private server under <c>CareDesk:Database:DataDirectory</c>), with the usual failures
/// turned into one bilingual line and exit code 1.
/// </summary>
internal static class CliDatabase
{
    public static async Task<int> RunAsync(string verb, IReadOnlyList<string> hostArgs, string missingTable, Func<NpgsqlDataSource, Task<int>> work)
    {
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs.ToArray(), ApplicationName = "CareDesk" });
            await using var database = await builder.AddCareDeskDatabaseAsync();
            return await work(database.DataSource);
        }
        catch (StartupException ex)
        {
            Console.Error.WriteLine($"{verb}: {ex.Message}");
            return 1;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            Console.Error.WriteLine($"{verb}: {missingTable}");
            return 1;
        }
        catch (NpgsqlException ex)
        {
            Console.Error.WriteLine($"{verb}: cannot reach the database: {ex.Message} / تعذر الوصول إلى قاعدة البيانات.");
            return 1;
        }
    }
}
