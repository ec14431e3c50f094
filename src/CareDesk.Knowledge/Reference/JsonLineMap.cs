using System.Text.Json;

namespace CareDesk.Knowledge.Reference;

/// <summary>
/// The 1-based line of every value in a JSON file, keyed by its path (<c>$.agencies[2].code</c>),
/// so problems found after deserializing can still point at a line.
/// </summary>
public sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines;

    private JsonLineMap(Dictionary<string, int> lines) => _lines = lines;

    /// <summary>An empty map: every lookup answers line 1.</summary>
    public static JsonLineMap Empty { get; } = new(new Dictionary<string, int>());

    /// <summary>
    /// The line of <paramref name="path"/>, or of its nearest ancestor present in the file
    /// (a missing property points at its object), or 1.
    /// </summary>
    public int LineOf(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (_lines.TryGetValue(p, out var line))
                return line;
        }
        return 1;
    }

    /// <summary>Maps a UTF-8 JSON document; comments are skipped. Throws <see cref="JsonException"/> when malformed.</summary>
    public static JsonLineMap Build(ReadOnlySpan<byte> utf8)
    {
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var stack = new Stack<Frame>();
        var counted = 0;
        var line = 1;
        while (reader.Read())
        {
            var at = (int)reader.TokenStartIndex;
            line += utf8[counted..at].Count((byte)'\n');
            counted = at;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var top = stack.Peek();
                    top.Property = reader.GetString();
                    lines.TryAdd($"{top.Path}.{top.Property}", line);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.Pop();
                    break;
                default:
                    var path = stack.Count == 0 ? "$"
                        : stack.Peek() is { IsArray: true } array ? $"{array.Path}[{array.NextIndex++}]"
                        : $"{stack.Peek().Path}.{stack.Peek().Property}";
                    lines.TryAdd(path, line);
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        stack.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                    break;
            }
        }
        return new JsonLineMap(lines);
    }

    private static string Parent(string path)
    {
        var cut = path.LastIndexOfAny(['.', '[']);
        return cut <= 0 ? "" : path[..cut];
    }

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int NextIndex { get; set; }

        public string? Property { get; set; }
    }
}
