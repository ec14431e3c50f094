using System.Runtime.CompilerServices;

namespace CareDesk.Knowledge.Search;

/// <summary>The k best documents so far, best first: higher score, then lower document number.</summary>
internal sealed class TopDocs
{
    private int[] _docs = new int[16];
    private float[] _scores = new float[16];

    /// <summary>How many documents are kept at most.</summary>
    public int Capacity { get; private set; }

    /// <summary>How many are kept now.</summary>
    public int Count { get; private set; }

    /// <summary>Whether a new document has to beat the last one kept (never when k is 0: nothing is kept).</summary>
    public bool Full => Count == Capacity && Capacity > 0;

    /// <summary>The score of the last one kept (when <see cref="Full"/>).</summary>
    public float Threshold => _scores[Capacity - 1];

    public int DocAt(int i) => _docs[i];

    public float ScoreAt(int i) => _scores[i];

    public void Reset(int capacity)
    {
        Capacity = Math.Max(0, capacity);
        Count = 0;
        if (_docs.Length < Capacity)
        {
            _docs = new int[Capacity];
            _scores = new float[Capacity];
        }
    }

    /// <summary>Keeps <paramref name="doc"/> when it is among the k best so far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Offer(int doc, float score)
    {
        if (Capacity == 0 || (Full && !Better(score, doc, _scores[Capacity - 1], _docs[Capacity - 1])))
        {
            return;
        }

        var j = Count < Capacity ? Count++ : Capacity - 1;
        while (j > 0 && Better(score, doc, _scores[j - 1], _docs[j - 1]))
        {
            _scores[j] = _scores[j - 1];
            _docs[j] = _docs[j - 1];
            j--;
        }

        _scores[j] = score;
        _docs[j] = doc;
    }

    private static bool Better(float score, int doc, float otherScore, int otherDoc) =>
        score > otherScore || (score == otherScore && doc < otherDoc);
}
