using CareDesk.Knowledge.Documents;

namespace CareDesk.Knowledge.Tests.Documents;

public class LineDiffTests
{
    private static string Render(IEnumerable<DiffRow> rows) =>
        string.Join("|", rows.Select(r => r.Kind switch
        {
            DiffKind.Same => "=" + r.Left,
            DiffKind.Removed => "-" + r.Left,
            DiffKind.Added => "+" + r.Right,
            _ => $"~{r.Left}>{r.Right}",
        }));

    [Fact]
    public void SideBySide_SameText_AllSame()
    {
        var rows = LineDiff.SideBySide("أ\nب\nج\n", "أ\nب\nج\n");

        Assert.Equal("=أ|=ب|=ج", Render(rows));
        Assert.Equal([1, 2, 3], rows.Select(r => r.LeftNumber!.Value));
    }

    [Fact]
    public void SideBySide_LineReplaced_PairedAsChanged()
    {
        Assert.Equal("=a|~b>B|=c", Render(LineDiff.SideBySide("a\nb\nc", "a\nB\nc")));
    }

    [Fact]
    public void SideBySide_LinesAddedAndRemoved_KeepsCommonLinesAligned()
    {
        var rows = LineDiff.SideBySide("a\nb\nc\nd", "a\nc\nd\ne");

        Assert.Equal("=a|-b|=c|=d|+e", Render(rows));
        var added = rows[^1];
        Assert.Equal((null, 4), (added.LeftNumber, added.RightNumber));
    }

    [Fact]
    public void SideBySide_EmptyLeft_AllAdded()
    {
        Assert.Equal("+x|+y", Render(LineDiff.SideBySide("", "x\ny")));
    }

    [Fact]
    public void SideBySide_CrlfAndLf_CompareEqual()
    {
        Assert.All(LineDiff.SideBySide("a\r\nb\r\n", "a\nb\n"), r => Assert.Equal(DiffKind.Same, r.Kind));
    }
}
