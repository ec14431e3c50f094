using System.Runtime.CompilerServices;
using System.Numerics;
using CareDesk.Knowledge.Index;

namespace CareDesk.Knowledge.Search;

/// <summary>
/// Finds the indexed words closest to a misspelt one: optimal string alignment distance (Levenshtein
/// plus adjacent transpositions) at most <c>max</c>, same first letter, only the best distance found.
/// The result is the same as comparing the word with every indexed word of that first letter, which is
/// what this replaced: at 10k synthetic articles a first letter such as و holds over 100,000 words and
/// that scan took up to 10 ms a query.
/// </summary>
/// <remarks>
/// The sorted words are walked as a trie (words sharing a prefix are one run of them), one row of the
/// distance table per level, and a branch is left as soon as every cell of its row exceeds the bound.
/// Where a row sits on the bound, only the letters that match the term there can keep the next row
/// within it, so only their runs are entered. The walk runs at bound 1 first, and at bound 2 only
/// when nothing is one edit away.
/// </remarks>
internal static class TypoMatcher
{
    /// <summary>
    /// Fills <paramref name="output"/> with the numbers (in <see cref="SortedWords.Words"/>) of the words
    /// at the smallest distance in 1..<paramref name="max"/> from <paramref name="term"/> that start with
    /// its first letter, and returns that distance (max + 1 when there are none). The term is one the
    /// list does not hold.
    /// </summary>
    public static int Find(SortedWords words, string term, int max, List<int> output) => Find(words, term, max, output, ScanBelow);

    /// <summary>
    /// A first letter with fewer words than this is searched by comparing the term with each of them
    /// (after a length and letter-mask test): on q2q's 5,000 words a walk at distance 2 through the
    /// crowded «ال» cost ~130 µs, the comparisons ~20. Larger runs (100,000 words under و at 10k
    /// synthetic articles) are walked.
    /// </summary>
    internal const int ScanBelow = 8_192;

    /// <inheritdoc cref="Find(SortedWords, string, int, List{int})"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Find(SortedWords words, string term, int max, List<int> output, int scanBelow)
    {
        output.Clear();
        if (term.Length == 0 || max < 1 || words.Words.Length == 0)
        {
            return max + 1;
        }

        var (from, to) = FirstLetterRun(words, term[0]);
        if (to - from < scanBelow)
        {
            return Scan(words, from, to, term, max, output);
        }

        // Row k of the table is the distance from the k-letter prefix of a word to each prefix of the
        // term; words longer than term + max are out of reach, so rows stop there.
        var width = term.Length + 1;
        var size = (term.Length + max + 1) * width;
        Span<int> rows = size <= 1024 ? stackalloc int[size] : new int[size];
        for (var j = 0; j < width; j++)
        {
            rows[j] = j;
        }

        var walk = new Walk(words, term, output);
        for (var bound = 1; bound <= max; bound++)
        {
            var best = bound;
            walk.Children(rows, width, 0, 0, words.Words.Length, words.Root, term.AsSpan(0, 1), 1UL << term[0], ref best);
            if (output.Count > 0)
            {
                return best;
            }
        }

        return max + 1;
    }

    private static (int From, int To) FirstLetterRun(SortedWords words, char c)
    {
        int Bound(bool after)
        {
            var (lo, hi) = (0, words.Words.Length);
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                var first = words.Chars[words.Offsets[mid]];
                if (after ? first <= c : first < c)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }

        return (Bound(after: false), Bound(after: true));
    }

    /// <summary>Compares the term with every word of [from, to) within reach by length and letters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Scan(SortedWords words, int from, int to, string term, int max, List<int> output)
    {
        var best = max;
        var mask = SortedWords.LetterMask(term);
        for (var i = from; i < to; i++)
        {
            // One edit changes at most two bits of the letter mask, and the length by at most one.
            var length = words.LengthOf(i);
            if (Math.Abs(length - term.Length) > best || BitOperations.PopCount(words.Masks[i] ^ mask) > 2 * best)
            {
                continue;
            }

            var d = EditDistance.Bounded(term, words.Chars.AsSpan(words.Offsets[i], length), best);
            if (d > best)
            {
                continue;
            }

            if (d < best)
            {
                best = d;
                output.Clear();
            }

            output.Add(i);
        }

        return output.Count == 0 ? max + 1 : best;
    }

    private readonly ref struct Walk(SortedWords words, string term, List<int> output)
    {
        private readonly SortedWords _words = words;
        private readonly char[] _chars = words.Chars;
        private readonly int[] _offsets = words.Offsets;
        private readonly string _term = term;
        private readonly List<int> _output = output;

        /// <summary>
        /// Visits the runs of words [lo, hi) (which share a prefix of <paramref name="k"/> letters and
        /// are all longer) whose next letter is in <paramref name="wanted"/>, or all of them when it is
        /// empty; <paramref name="mask"/> has bit (letter mod 64) set for each of them, a quick first test.
        /// <paramref name="node"/> is the prefix's node in <see cref="SortedWords"/>, or −1.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Children(Span<int> rows, int width, int k, int lo, int hi, int node, ReadOnlySpan<char> wanted, ulong mask, ref int best)
        {
            var all = wanted.IsEmpty;
            if (node >= 0)
            {
                var first = _words.First[node];
                var end = first + _words.Count[node];
                for (var e = first; e < end; e++)
                {
                    var letter = _words.Letters[e];
                    var child = _words.Children[e];

                    // A word of length L is at least |L − term length| edits away.
                    if (((mask >> letter) & 1) != 0 && (all || wanted.Contains(letter))
                        && (child < 0 || (_words.MaxLength[child] >= _term.Length - best && _words.MinLength[child] <= _term.Length + best)))
                    {
                        var to = e + 1 < end ? _words.Starts[e + 1] : hi;
                        Visit(rows, width, k + 1, _words.Starts[e], to, child, letter, ref best);
                    }
                }

                return;
            }

            // A run this short is cheaper to read through than to binary-search letter by letter.
            while (lo < hi)
            {
                var letter = _chars[_offsets[lo] + k];
                var next = lo + 1;
                while (next < hi && _chars[_offsets[next] + k] == letter)
                {
                    next++;
                }

                if (((mask >> letter) & 1) != 0 && (all || wanted.Contains(letter)))
                {
                    Visit(rows, width, k + 1, lo, next, -1, letter, ref best);
                }

                lo = next;
            }
        }

        /// <summary>
        /// The words [lo, hi) share a prefix of <paramref name="k"/> letters, whose last letter is
        /// <paramref name="c"/>: fills row k, takes the word that ends there, then goes on to the runs
        /// of the next letters that can stay within the bound.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Visit(Span<int> rows, int width, int k, int lo, int hi, int node, char c, ref int best)
        {
            var prev = rows.Slice((k - 1) * width, width);
            var cur = rows.Slice(k * width, width);
            var before = k > 1 ? _chars[_offsets[lo] + k - 2] : '\0';

            // Cell j is at least |k − j|, so only the band k ± best can be within the bound; the cells
            // just outside it get best + 1 (never more than their true value) for the next row to read.
            var (first, last) = (Math.Max(1, k - best), Math.Min(width - 1, k + best));
            cur[0] = k;
            cur[first - 1] = first == 1 ? k : best + 1;
            if (last + 1 < width)
            {
                cur[last + 1] = best + 1;
            }

            var rowMin = k;
            for (var j = first; j <= last; j++)
            {
                var v = Math.Min(Math.Min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + (_term[j - 1] == c ? 0 : 1));
                if (k > 1 && j > 1 && c == _term[j - 2] && before == _term[j - 1])
                {
                    v = Math.Min(v, rows[((k - 2) * width) + j - 2] + 1);
                }

                cur[j] = v;
                rowMin = Math.Min(rowMin, v);
            }

            // No word that starts with this prefix can come closer than the row's smallest cell.
            if (rowMin > best)
            {
                return;
            }

            if (_words.LengthOf(lo) == k)
            {
                var d = last == width - 1 ? cur[width - 1] : best + 1;
                if (d <= best)
                {
                    if (d < best)
                    {
                        best = d;
                        _output.Clear();
                    }

                    _output.Add(lo);
                }

                lo++;
            }

            if ((k + 2) * width > rows.Length || lo == hi)
            {
                return;
            }

            if (rowMin < best)
            {
                // An insertion or a substitution keeps any next letter within the bound.
                Children(rows, width, k, lo, hi, node, default, ulong.MaxValue, ref best);
                return;
            }

            // On the bound, only a letter that matches the term where the row is on the bound (or
            // completes a transposition) keeps the next row within it.
            Span<char> wanted = stackalloc char[2 * width];
            var n = 0;
            var mask = 0UL;
            for (var j = first; j <= Math.Min(width - 1, last + 1); j++)
            {
                if (cur[j - 1] <= best)
                {
                    wanted[n++] = _term[j - 1];
                    mask |= 1UL << _term[j - 1];
                }

                if (j > 1 && c == _term[j - 1] && prev[j - 2] < best)
                {
                    wanted[n++] = _term[j - 2];
                    mask |= 1UL << _term[j - 2];
                }
            }

            if (n > 0)
            {
                Children(rows, width, k, lo, hi, node, wanted[..n], mask, ref best);
            }
        }
    }
}
