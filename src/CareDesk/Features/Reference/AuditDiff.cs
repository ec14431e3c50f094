using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareDesk.Knowledge.Reference;

namespace CareDesk.Features.Reference;

/// <summary>
/// What an administrator's change did to one item, for the audit trail: each changed value as
/// <c>path: before → after</c> (short enough for the entry, readable without the documents).
/// </summary>
public static class AuditDiff
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Describe(object? before, object? after)
    {
        var lines = new List<string>();
        Walk("", Node(before), Node(after), lines);
        return lines.Count == 0 ? "(no change)" : string.Join("; ", lines);
    }

    private static JsonNode? Node(object? value) =>
        value is null ? null : JsonSerializer.SerializeToNode(value, ReferenceData.JsonOptions);

    private static void Walk(string path, JsonNode? before, JsonNode? after, List<string> lines)
    {
        if (before is JsonObject b && after is JsonObject a)
        {
            foreach (var key in b.Select(p => p.Key).Union(a.Select(p => p.Key)))
                Walk(path.Length == 0 ? key : $"{path}.{key}", b[key], a[key], lines);
            return;
        }
        if (before is JsonArray ba && after is JsonArray aa && ba.Count == aa.Count)
        {
            for (var i = 0; i < ba.Count; i++)
                Walk($"{path}[{i}]", ba[i], aa[i], lines);
            return;
        }
        var was = before?.ToJsonString(Readable) ?? "—";
        var now = after?.ToJsonString(Readable) ?? "—";
        if (was != now)
            lines.Add($"{(path.Length == 0 ? "value" : path)}: {was} → {now}");
    }
}
