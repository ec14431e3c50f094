using System.Text.Json;
using System.Text.Json.Serialization;
using CareDesk.Knowledge.Documents;

namespace CareDesk.Knowledge.Reference;

/// <summary>
/// All reference data from the <c>seeds/</c> directory: agencies, liaison directory, case types with
/// journeys, response templates, holidays, demo users, FAQ topics, channels and source documents.
/// Every file is a JSON object with snake_case keys (see the <c>*File</c> records for each shape).
/// </summary>
public sealed class ReferenceData
{
    /// <summary>The seed file names, in load order.</summary>
    public static readonly IReadOnlyList<string> FileNames =
    [
        AgenciesFileName, LiaisonsFileName, CaseTypesFileName, TemplatesFileName, HolidaysFileName,
        DemoUsersFileName, TopicsFileName, ChannelsFileName, SourceDocumentsFileName,
    ];

    /// <summary><c>agencies.json</c>.</summary>
    public const string AgenciesFileName = "agencies.json";

    /// <summary><c>liaisons.json</c>.</summary>
    public const string LiaisonsFileName = "liaisons.json";

    /// <summary><c>case-types.json</c>.</summary>
    public const string CaseTypesFileName = "case-types.json";

    /// <summary><c>templates.json</c>.</summary>
    public const string TemplatesFileName = "templates.json";

    /// <summary><c>holidays.json</c>.</summary>
    public const string HolidaysFileName = "holidays.json";

    /// <summary><c>demo-users.json</c>.</summary>
    public const string DemoUsersFileName = "demo-users.json";

    /// <summary><c>topics.json</c>.</summary>
    public const string TopicsFileName = "topics.json";

    /// <summary><c>channels.json</c>.</summary>
    public const string ChannelsFileName = "channels.json";

    /// <summary><c>source-documents.json</c>.</summary>
    public const string SourceDocumentsFileName = "source-documents.json";

    /// <summary>The serializer options every seed file is read with: snake_case, strict members.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
    };

    /// <summary>The directory the data was read from.</summary>
    public required string Directory { get; init; }

    /// <summary><c>agencies.json</c>.</summary>
    public required AgenciesFile Agencies { get; init; }

    /// <summary><c>liaisons.json</c>.</summary>
    public required LiaisonsFile Liaisons { get; init; }

    /// <summary><c>case-types.json</c>.</summary>
    public required CaseTypesFile CaseTypes { get; init; }

    /// <summary><c>templates.json</c>.</summary>
    public required TemplatesFile Templates { get; init; }

    /// <summary><c>holidays.json</c>.</summary>
    public required HolidaysFile Holidays { get; init; }

    /// <summary><c>demo-users.json</c>.</summary>
    public required DemoUsersFile DemoUsers { get; init; }

    /// <summary><c>topics.json</c>.</summary>
    public required TopicsFile Topics { get; init; }

    /// <summary><c>channels.json</c>.</summary>
    public required ChannelsFile Channels { get; init; }

    /// <summary><c>source-documents.json</c>.</summary>
    public required SourceDocumentsFile SourceDocuments { get; init; }

    /// <summary>The line map of each file, keyed by file name, for locating problems.</summary>
    public required IReadOnlyDictionary<string, JsonLineMap> Lines { get; init; }

    /// <summary>The agency with this code, or null.</summary>
    public Agency? FindAgency(string code) => Agencies.Agencies.FirstOrDefault(a => a.Code == code);

    /// <summary>The case type with this code, or null.</summary>
    public CaseType? FindCaseType(string code) => CaseTypes.CaseTypes.FirstOrDefault(c => c.Code == code);

    /// <summary>The template with this code, or null.</summary>
    public ResponseTemplate? FindTemplate(string code) => Templates.Templates.FirstOrDefault(t => t.Code == code);

    /// <summary>
    /// A stage's roles in the order of the agencies file (a stored copy may keep a map's keys in
    /// another order), agencies the file does not know last.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> RolesInAgencyOrder(JourneyStage stage)
    {
        int Position(string code)
        {
            var at = Agencies.Agencies.ToList().FindIndex(a => a.Code == code);
            return at < 0 ? int.MaxValue : at;
        }
        return stage.Roles.OrderBy(r => Position(r.Key)).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    /// <summary>The path of a seed file inside <see cref="Directory"/>.</summary>
    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    /// <summary>Loads every seed file; throws <see cref="InvalidDataException"/> listing the problems when any file is missing or malformed.</summary>
    public static ReferenceData Load(string seedsDir)
    {
        var (data, problems) = Read(seedsDir);
        if (data is null)
            throw new InvalidDataException("Reference data could not be loaded — تعذر تحميل البيانات المرجعية:\n" + string.Join('\n', problems));
        return data;
    }

    /// <summary>Loads every seed file, reporting missing or malformed files as problems instead of throwing.</summary>
    /// <returns>The data when every file was read, else null; and the problems found.</returns>
    public static (ReferenceData? Data, IReadOnlyList<ContentProblem> Problems) Read(string seedsDir)
    {
        var documents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in FileNames)
        {
            var path = Path.Combine(seedsDir, name);
            if (File.Exists(path))
                documents[name] = File.ReadAllBytes(path);
        }
        return Parse(documents, seedsDir);
    }

    /// <summary>
    /// Parses the seed documents held elsewhere (the database keeps each file whole), by file name,
    /// with exactly the rules of <see cref="Read"/>: a missing or malformed document is a problem.
    /// </summary>
    /// <param name="documents">UTF-8 JSON per file name of <see cref="FileNames"/>.</param>
    /// <param name="directory">What problems and <see cref="PathOf"/> name as the documents' folder.</param>
    /// <returns>The data when every document was read, else null; and the problems found.</returns>
    public static (ReferenceData? Data, IReadOnlyList<ContentProblem> Problems) Parse(IReadOnlyDictionary<string, byte[]> documents, string directory)
    {
        var problems = new List<ContentProblem>();
        var lines = new Dictionary<string, JsonLineMap>(StringComparer.Ordinal);
        T? ReadDocument<T>(string name) where T : class
        {
            var path = Path.Combine(directory, name);
            if (!documents.TryGetValue(name, out var bytes))
            {
                problems.Add(new ContentProblem(path, 0, "missing-seed", "seed file not found", "ملف البيانات المرجعية غير موجود"));
                return null;
            }
            try
            {
                lines[name] = JsonLineMap.Build(bytes);
                return JsonSerializer.Deserialize<T>(bytes, JsonOptions)
                    ?? throw new JsonException("the file holds null", null, 0, 0);
            }
            catch (JsonException ex)
            {
                var line = (int)(ex.LineNumber ?? 0) + 1;
                var reason = ex.Path is null ? ex.Message : $"{ex.Message} (at {ex.Path})";
                problems.Add(new ContentProblem(path, line, "bad-json", $"malformed seed file: {reason}",
                    $"ملف بيانات مرجعية غير صالح: {reason}"));
                return null;
            }
        }

        var agencies = ReadDocument<AgenciesFile>(AgenciesFileName);
        var liaisons = ReadDocument<LiaisonsFile>(LiaisonsFileName);
        var caseTypes = ReadDocument<CaseTypesFile>(CaseTypesFileName);
        var templates = ReadDocument<TemplatesFile>(TemplatesFileName);
        var holidays = ReadDocument<HolidaysFile>(HolidaysFileName);
        var demoUsers = ReadDocument<DemoUsersFile>(DemoUsersFileName);
        var topics = ReadDocument<TopicsFile>(TopicsFileName);
        var channels = ReadDocument<ChannelsFile>(ChannelsFileName);
        var sources = ReadDocument<SourceDocumentsFile>(SourceDocumentsFileName);
        if (problems.Count > 0)
            return (null, problems);
        var data = new ReferenceData
        {
            Directory = directory,
            Agencies = agencies!,
            Liaisons = liaisons!,
            CaseTypes = caseTypes!,
            Templates = templates!,
            Holidays = holidays!,
            DemoUsers = demoUsers!,
            Topics = topics!,
            Channels = channels!,
            SourceDocuments = sources!,
            Lines = lines,
        };
        return (data, problems);
    }

    /// <summary>
    /// One file's content as UTF-8 JSON in the seed format (snake_case, indented), so that
    /// <see cref="Parse"/> reads back what was written.
    /// </summary>
    public static byte[] ToDocument<T>(T file) where T : class => JsonSerializer.SerializeToUtf8Bytes(file, JsonOptions);
}
