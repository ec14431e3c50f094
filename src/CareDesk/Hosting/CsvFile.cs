using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace CareDesk.Hosting;

/// <summary>
/// CSV as the app exports it: UTF-8 with a BOM (so spreadsheet programs show Arabic), invariant
/// culture, and cells that start like a formula (=, +, -, @) escaped.
/// </summary>
public static class CsvFile
{
    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static CsvConfiguration Configuration => new(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };

    /// <summary>Writes the rows to <paramref name="stream"/> (BOM first), leaving the stream open.</summary>
    public static async Task WriteAsync<T>(Stream stream, IEnumerable<T> rows, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(stream, Encoding, bufferSize: 16 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, Configuration);
        await csv.WriteRecordsAsync(rows, ct);
    }

    public static byte[] ToBytes<T>(IEnumerable<T> rows)
    {
        using var buffer = new MemoryStream();
        WriteAsync(buffer, rows).GetAwaiter().GetResult();
        return buffer.ToArray();
    }

    /// <summary>Streams the rows to the response as a CSV download.</summary>
    public static IResult Download<T>(IEnumerable<T> rows, string fileName) => Results.Stream(
        async body => await WriteAsync(body, rows), "text/csv; charset=utf-8", fileName);
}
