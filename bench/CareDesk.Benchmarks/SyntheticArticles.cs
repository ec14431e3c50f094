using System.Text;
using CareDesk.Knowledge.Documents;

namespace CareDesk.Benchmarks;

/// <summary>
/// FAQ-shaped articles made of pseudo-Arabic words drawn with a Zipf distribution (a few very common
/// words, a long tail), with article and conjunction prefixes and plural/pronoun suffixes so the
/// analyzer does real work. A fixed seed makes every run index the same text.
/// </summary>
public sealed class SyntheticArticles
{
    private const string Letters = "ابتثجحخدذرسشصضطظعغفقكلمنهوي";
    private static readonly string[] Prefixes = ["", "", "", "ال", "وال", "بال", "و", "لل"];
    private static readonly string[] Suffixes = ["", "", "", "ات", "ة", "ها", "ين", "ي", "ون"];

    private readonly Random _random;
    private readonly string[] _vocabulary;
    private readonly double[] _cumulative;

    public SyntheticArticles(int seed = 19990, int vocabulary = 30_000)
    {
        _random = new Random(seed);
        _vocabulary = new string[vocabulary];
        var words = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < vocabulary; i++)
        {
            string w;
            do
            {
                var sb = new StringBuilder();
                for (var n = _random.Next(3, 8); n > 0; n--)
                {
                    sb.Append(Letters[_random.Next(Letters.Length)]);
                }

                w = sb.ToString();
            }
            while (!words.Add(w));
            _vocabulary[i] = w;
        }

        _cumulative = new double[vocabulary];
        var total = 0.0;
        for (var i = 0; i < vocabulary; i++)
        {
            total += 1.0 / (i + 1);
            _cumulative[i] = total;
        }
    }

    public List<FaqArticle> Articles(int count)
    {
        var list = new List<FaqArticle>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(new FaqArticle
            {
                Id = $"a{i:D6}",
                Topic = $"t{i % 28:D2}",
                TitleAr = Text(7),
                Keywords = [Text(2), Text(2), Text(2)],
                SummaryAr = Text(30),
                Body = Text(160),
                CaseTypes = [$"c{i % 5}"],
                Agencies = [$"g{i % 4}"],
            });
        }

        return list;
    }

    /// <summary>Queries of 2–5 words taken from random articles, one in five with a one-letter typo.</summary>
    public List<string> Queries(IReadOnlyList<FaqArticle> articles, int count)
    {
        var list = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var a = articles[_random.Next(articles.Count)];
            var words = (a.TitleAr + " " + a.SummaryAr).Split(' ');
            var n = _random.Next(2, 6);
            var start = _random.Next(Math.Max(1, words.Length - n));
            var q = words.Skip(start).Take(n).ToArray();
            if (_random.Next(5) == 0)
            {
                var k = _random.Next(q.Length);
                var chars = q[k].ToCharArray();
                chars[_random.Next(chars.Length)] = Letters[_random.Next(Letters.Length)];
                q[k] = new string(chars);
            }

            list.Add(string.Join(' ', q));
        }

        return list;
    }

    private string Text(int words)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            var r = _random.NextDouble() * _cumulative[^1];
            var idx = Array.BinarySearch(_cumulative, r);
            idx = idx < 0 ? Math.Min(~idx, _cumulative.Length - 1) : idx;
            sb.Append(Prefixes[_random.Next(Prefixes.Length)]).Append(_vocabulary[idx]).Append(Suffixes[_random.Next(Suffixes.Length)]);
        }

        return sb.ToString();
    }
}
