namespace CareDesk.Knowledge.Documents;

/// <summary>How a row of a side-by-side diff differs.</summary>
public enum DiffKind
{
    /// <summary>The same line on both sides.</summary>
    Same,

    /// <summary>A line only on the left (removed).</summary>
    Removed,

    /// <summary>A line only on the right (added).</summary>
    Added,

    /// <summary>A left line replaced by a right line.</summary>
    Changed,
}

/// <summary>One row of a side-by-side diff; a missing side is null.</summary>
/// <param name="Kind">How the sides differ.</param>
/// <param name="LeftNumber">1-based line number on the left, or null.</param>
/// <param name="Left">The left line, or null.</param>
/// <param name="RightNumber">1-based line number on the right, or null.</param>
/// <param name="Right">The right line, or null.</param>
public sealed record DiffRow(DiffKind Kind, int? LeftNumber, string? Left, int? RightNumber, string? Right);

/// <summary>
/// A line diff of two texts laid out side by side (a longest common subsequence of lines; articles
/// are a few hundred lines at most). A run of removals followed by additions is paired into
/// <see cref="DiffKind.Changed"/> rows, as a reviewer reads it.
/// </summary>
public static class LineDiff
{
    /// <summary>The side-by-side rows turning <paramref name="left"/> into <paramref name="right"/>.</summary>
    public static IReadOnlyList<DiffRow> SideBySide(string left, string right)
    {
        var a = Lines(left);
        var b = Lines(right);
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }

        var rows = new List<DiffRow>();
        var removed = new List<int>();
        var added = new List<int>();
        void Flush()
        {
            var n = Math.Max(removed.Count, added.Count);
            for (var k = 0; k < n; k++)
            {
                int? l = k < removed.Count ? removed[k] : null;
                int? r = k < added.Count ? added[k] : null;
                var kind = l is null ? DiffKind.Added : r is null ? DiffKind.Removed : DiffKind.Changed;
                rows.Add(new DiffRow(kind, l + 1, l is { } li ? a[li] : null, r + 1, r is { } ri ? b[ri] : null));
            }
            removed.Clear();
            added.Clear();
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                Flush();
                rows.Add(new DiffRow(DiffKind.Same, x + 1, a[x], y + 1, b[y]));
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                added.Add(y++);
            }
            else
            {
                removed.Add(x++);
            }
        }
        Flush();
        return rows;
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
}
