namespace CareDesk.Knowledge.Analysis;

/// <summary>
/// Arabic function words dropped from documents and queries. The list follows the words of Savoy's
/// list that Lucene ships (particles, pronouns, demonstratives, relatives, auxiliaries), written in
/// normalized form and matched after normalization, so spellings without hamza or with ى/ة are caught
/// too; plus Saudi colloquial function words (وش، ايش، ابغى، ليش، مو…). Question words (كيف، متى، كم،
/// هل، ماذا…) are stop words too: a caller asks the same thing with any of them (متى / في أي عام), and
/// keeping them ranked questions of the same form above questions on the same subject (q2q: MRR +0.007).
/// </summary>
public static class StopWords
{
    private static readonly string[] Msa =
    [
        "من", "ومن", "منها", "منه", "في", "وفي", "فيها", "فيه", "و", "ف", "ثم", "او", "ب", "بها", "به",
        "ا", "اي", "لا", "ولا", "الا", "لكن", "ما", "وما", "كما", "فما", "عن", "مع", "اذا", "ان", "انها",
        "انه", "بان", "فان", "وان", "التي", "الذي", "الذين", "اللذان", "اللتان", "اللواتي", "الى", "الي",
        "علي", "عليها", "عليه", "اما", "ايضا", "كل", "وكل", "لم", "ولم", "لن", "ولن", "هي", "هو", "وهي",
        "وهو", "فهي", "فهو", "انت", "لك", "لها", "له", "هذه", "هذا", "تلك", "ذلك", "هناك", "كانت", "كان",
        "يكون", "تكون", "وكانت", "وكان", "غير", "بعض", "قد", "نحو", "بين", "بينما", "منذ", "ضمن", "حيث", "كيف", "متي", "هل", "ماذا", "لماذا", "اين", "كم", "ماهي", "ماهو",
        "الان", "خلال", "عند", "عندما", "لدي", "جميع", "هذي", "هولاء", "اولئك", "ذات", "انا", "نحن",
        "هم", "هن", "انتم", "وقد", "لقد", "فقد", "اليه", "اليها", "عليهم", "منهم", "فيهم", "لهم", "بهم",
        "عنه", "عنها", "معه", "معها", "وهذا", "وهذه", "وذلك", "وتلك", "اذ", "ايها", "يا", "اذن", "لو",
        "لولا", "كي", "لكي", "حتي", "بل", "ام", "اوه", "لما", "مما", "عما", "فيما", "بما", "لما",
    ];

    private static readonly string[] Colloquial =
    [
        "وش", "ايش", "شو", "ابغي", "ابغا", "ابي", "ابا", "ليش", "مو", "مب", "اللي", "الي", "يعني", "طيب",
        "لو", "ياخي", "لوسمحت", "سمحت", "ممكن", "عشان", "علشان", "بس", "كذا", "هاذا", "هاذي", "ذي", "هذولا",
        "تبع", "ودي", "عاد", "مره", "وايد", "شي", "شيء", "الحين", "ذا", "هنا",
    ];

    private static readonly HashSet<string> Set = Build();

    /// <summary>All stop words, normalized.</summary>
    public static IReadOnlyCollection<string> All => Set;

    /// <summary>True when the normalized word is a stop word.</summary>
    public static bool Contains(string normalizedWord) => Set.Contains(normalizedWord);

    private static HashSet<string> Build()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in Msa.Concat(Colloquial))
        {
            set.Add(ArabicNormalizer.Normalize(w));
        }

        return set;
    }
}
