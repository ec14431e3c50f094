using CareDesk.Knowledge.Analysis;

namespace CareDesk.Knowledge.Search;

/// <summary>Per-thread buffers of one search, reused so that a query allocates almost nothing.</summary>
internal sealed class SearchScratch
{
    [ThreadStatic]
    private static SearchScratch? _instance;

    public float[] Scores { get; private set; } = [];

    public int[] Touched { get; private set; } = [];

    public List<AnalyzedToken> Tokens { get; } = new(16);

    public List<Clause> Clauses { get; } = new(64);

    public TopDocs Top { get; } = new();

    public SnippetScratch Snippet { get; } = new();

    public float[] WindowScores { get; } = new float[Ranker.Window];

    public int[] Start { get; private set; } = new int[64];

    public static SearchScratch Get() => _instance ??= new SearchScratch();

    /// <summary>The whole-index accumulators of the exhaustive ranking, for <paramref name="documents"/> documents.</summary>
    public void EnsureDocuments(int documents)
    {
        if (Scores.Length < documents)
        {
            Scores = new float[documents];
            Touched = new int[documents];
        }
    }

    public void EnsureClauses(int clauses)
    {
        if (Start.Length < clauses)
        {
            Start = new int[Math.Max(clauses, 2 * Start.Length)];
        }
    }
}
