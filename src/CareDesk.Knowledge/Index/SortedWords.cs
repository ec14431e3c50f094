namespace CareDesk.Knowledge.Index;

/// <summary>
/// The index's words in ordinal order, for the typo search: their letters packed into one buffer
/// (reading through a run of words is then a sequential read, not a cache miss per string), and the
/// top of a trie over them, kept only where it pays: for every prefix shared by at least
/// <see cref="MinWords"/> words, the runs of its next letters (letter and where the run starts).
/// Walking the children of a crowded prefix is then a scan of a few entries, where searching the
/// words for each next letter cost ~0.5 µs a trie node.
/// </summary>
internal sealed class SortedWords
{
    /// <summary>Prefixes shared by fewer words get no node; their words are read through.</summary>
    internal const int MinWords = 32;

    public SortedWords(string[] sorted, Func<string, int> docFrequency, Func<string, string> stem)
    {
        Words = sorted;
        DocFrequencies = Array.ConvertAll(sorted, w => docFrequency(w));
        Stems = Array.ConvertAll(sorted, w => stem(w));
        Masks = Array.ConvertAll(sorted, LetterMask);
        Offsets = new int[sorted.Length + 1];
        for (var i = 0; i < sorted.Length; i++)
        {
            Offsets[i + 1] = Offsets[i] + sorted[i].Length;
        }

        Chars = new char[Offsets[^1]];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i].CopyTo(Chars.AsSpan(Offsets[i]));
        }

        var b = new Builder(this);
        if (sorted.Length >= MinWords)
        {
            b.Add(0, 0, sorted.Length);
        }

        Letters = [.. b.Letters];
        Starts = [.. b.Starts];
        Children = [.. b.Children];
        First = [.. b.First];
        Count = [.. b.Count];
        MinLength = [.. b.MinLength];
        MaxLength = [.. b.MaxLength];
    }

    /// <summary>The words, ordinal order.</summary>
    public string[] Words { get; }

    /// <summary>How many documents hold each word (type-ahead takes the most frequent words a prefix begins).</summary>
    public int[] DocFrequencies { get; }

    /// <summary>The indexed stem of each word (type-ahead leaves out the words of the typed word's own stem).</summary>
    public string[] Stems { get; }

    /// <summary>Which letters each word has (<see cref="LetterMask"/>), a quick test before an edit distance.</summary>
    public ulong[] Masks { get; }

    /// <summary>The letters of every word, one after the other.</summary>
    public char[] Chars { get; }

    /// <summary>Where word i starts in <see cref="Chars"/>; word i ends where word i + 1 starts.</summary>
    public int[] Offsets { get; }

    /// <summary>The node of the whole list (prefix of length 0), or −1 when the list is short.</summary>
    public int Root => First.Length > 0 ? 0 : -1;

    /// <summary>Per node: its first entry.</summary>
    public int[] First { get; }

    /// <summary>Per node: how many entries (next letters) it has.</summary>
    public int[] Count { get; }

    /// <summary>Per node: the length of its shortest word (a typo search skips a node whose words are all too short or too long).</summary>
    public int[] MinLength { get; }

    /// <summary>Per node: the length of its longest word.</summary>
    public int[] MaxLength { get; }

    /// <summary>Per entry: the next letter, ascending within a node.</summary>
    public char[] Letters { get; }

    /// <summary>Per entry: where its run starts in the word list; it ends where the node's next entry starts (or the node ends).</summary>
    public int[] Starts { get; }

    /// <summary>Per entry: the node of its run, or −1 when the run is too short for one.</summary>
    public int[] Children { get; }

    /// <summary>The length of word <paramref name="i"/>.</summary>
    public int LengthOf(int i) => Offsets[i + 1] - Offsets[i];

    /// <summary>
    /// Which letters (hashed to 64 bits) a word contains. One edit changes at most two bits, so two
    /// words whose masks differ in more than 2 × k bits are more than k edits apart.
    /// </summary>
    public static ulong LetterMask(string word)
    {
        var mask = 0UL;
        foreach (var c in word)
        {
            mask |= 1UL << (c % 64);
        }

        return mask;
    }

    /// <summary>Whether word <paramref name="i"/> starts with <paramref name="prefix"/>.</summary>
    public bool StartsWith(int i, string prefix) =>
        LengthOf(i) >= prefix.Length && Chars.AsSpan(Offsets[i], prefix.Length).SequenceEqual(prefix);

    private sealed class Builder(SortedWords words)
    {
        public List<int> First { get; } = [];

        public List<int> Count { get; } = [];

        public List<char> Letters { get; } = [];

        public List<int> Starts { get; } = [];

        public List<int> Children { get; } = [];

        public List<int> MinLength { get; } = [];

        public List<int> MaxLength { get; } = [];

        public int Add(int depth, int lo, int hi)
        {
            var node = First.Count;
            var first = Letters.Count;
            First.Add(first);
            Count.Add(0);
            var (min, max) = (int.MaxValue, 0);
            for (var w = lo; w < hi; w++)
            {
                (min, max) = (Math.Min(min, words.LengthOf(w)), Math.Max(max, words.LengthOf(w)));
            }

            MinLength.Add(min);
            MaxLength.Add(max);

            // The word that is the prefix itself sorts first and belongs to no run.
            var i = lo < hi && words.LengthOf(lo) == depth ? lo + 1 : lo;
            while (i < hi)
            {
                var c = words.Chars[words.Offsets[i] + depth];
                var j = i + 1;
                while (j < hi && words.Chars[words.Offsets[j] + depth] == c)
                {
                    j++;
                }

                Letters.Add(c);
                Starts.Add(i);
                Children.Add(-1);
                i = j;
            }

            var count = Letters.Count - first;
            Count[node] = count;
            for (var e = first; e < first + count; e++)
            {
                var end = e + 1 < first + count ? Starts[e + 1] : hi;
                if (end - Starts[e] >= MinWords)
                {
                    Children[e] = Add(depth + 1, Starts[e], end);
                }
            }

            return node;
        }
    }
}
