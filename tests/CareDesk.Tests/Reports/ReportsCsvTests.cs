using System.Globalization;
using System.Net;
using System.Text;
using CareDesk.Features.Accounts;
using CareDesk.Tests.Accounts;
using CareDesk.Testing;
using CsvHelper;
using static CareDesk.Tests.Reports.ReportDataSet;

namespace CareDesk.Tests.Reports;

/// <summary>The CSV exports over HTTP against the running app, signed in as a supervisor, parsed back with CsvHelper.</summary>
[Collection(SecureAppCollection.Name)]
public sealed class ReportsCsvTests(SecureAppFixture fixture)
{
    private async Task<(HttpClient Client, string Prefix)> SeededAsync()
    {
        // An Arabic case-type prefix of its own keeps this test's rows apart from the demo data and checks the encoding.
        var prefix = "تجربة-" + Guid.NewGuid().ToString("N")[..8] + "-";
        await using (var conn = await fixture.Data.OpenConnectionAsync())
            await InsertAsync(conn, prefix);
        var supervisor = DemoAccounts.For(Roles.Supervisor);
        return (await HttpSignIn.SignedInClientAsync(fixture.App.BaseUrl, supervisor.UserName, supervisor.Password), prefix);
    }

    private static string Url(string name, string caseType) =>
        $"/reports/{name}.csv?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&case_type={Uri.EscapeDataString(caseType)}";

    private static async Task<List<string[]>> ReadCsvAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        using var csv = new CsvReader(new StreamReader(new MemoryStream(bytes), Encoding.UTF8), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await csv.ReadAsync())
            rows.Add(csv.Parser.Record!);
        return rows;
    }

    [Fact]
    public async Task DailyTicketsCsv_Supervisor_ArabicRowsParseBack()
    {
        var (client, prefix) = await SeededAsync();
        using (client)
        {
            var rows = await ReadCsvAsync(await client.GetAsync(Url("daily-tickets", prefix + "visa")));

            Assert.Equal(["day", "case_type", "tickets"], rows[0]);
            Assert.Equal([["2026-11-10", prefix + "visa", "1"], ["2026-11-11", prefix + "visa", "1"]], rows.Skip(1));
        }
    }

    [Fact]
    public async Task StageCsvs_Supervisor_NumbersMatchTheDataSet()
    {
        var (client, prefix) = await SeededAsync();
        using (client)
        {
            var deadlines = await ReadCsvAsync(await client.GetAsync(Url("stage-deadlines", prefix + "refund")));
            var times = await ReadCsvAsync(await client.GetAsync(Url("stage-times", prefix + "refund") + "&agency=GOSI"));
            var open = await ReadCsvAsync(await client.GetAsync(Url("open-tickets", prefix + "visa")));

            Assert.Equal([["agency", "met", "missed"], ["GOSI", "0", "1"], ["MOF", "1", "1"]], deadlines);
            Assert.Equal([["stage", "count", "median_hours", "p90_hours"], ["review", "1", "30.00", "30.00"], ["end-to-end", "1", "50.00", "50.00"]], times);
            Assert.Equal([["agency", "stage", "tickets"], ["GOSI", "review", "1"], ["MOF", "intake", "1"]], open);
        }
    }

    [Fact]
    public async Task Csv_BadDates_BadRequest()
    {
        var (client, _) = await SeededAsync();
        using (client)
        {
            using var response = await client.GetAsync("/reports/escalations.csv?from=2026-11-12&to=2026-11-01");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task ReportsPage_Supervisor_ShowsTablesWithCsvLinks()
    {
        var (client, _) = await SeededAsync();
        using (client)
        {
            var html = await client.GetStringAsync("/reports");

            Assert.Contains("/reports/stage-deadlines.csv?from=", html, StringComparison.Ordinal);
            Assert.Contains("/reports/feedback.csv?from=", html, StringComparison.Ordinal);
        }
    }
}
