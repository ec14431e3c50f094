namespace CareDesk.Knowledge.Index;

/// <summary>One named, searchable text of a document.</summary>
/// <param name="Name">Field name; its weight and length normalization come from <see cref="IndexOptions"/>.</param>
/// <param name="Text">Raw text (Markdown is fine).</param>
public readonly record struct IndexField(string Name, string Text);

/// <summary>
/// A document as the index sees it: an id, named text fields, and the tags search can filter on.
/// FAQ articles become these through <c>KnowledgeIndex.Build</c>;
/// any other corpus (e.g. <c>id, text</c> pairs) can be indexed directly.
/// </summary>
public sealed record IndexDocument
{
    /// <summary>Unique id returned in hits.</summary>
    public required string Id { get; init; }

    /// <summary>The searchable fields.</summary>
    public required IReadOnlyList<IndexField> Fields { get; init; }

    /// <summary>Topic slug (FAQ), empty otherwise.</summary>
    public string Topic { get; init; } = "";

    /// <summary>Display title.</summary>
    public string Title { get; init; } = "";

    /// <summary>Case type codes, for filtering.</summary>
    public IReadOnlyList<string> CaseTypes { get; init; } = [];

    /// <summary>Agency codes, for filtering.</summary>
    public IReadOnlyList<string> Agencies { get; init; } = [];

    /// <summary>Channels, for filtering.</summary>
    public IReadOnlyList<string> Channels { get; init; } = [];

    /// <summary>A document with one field named <c>text</c>.</summary>
    public static IndexDocument FromText(string id, string text) =>
        new() { Id = id, Title = text, Fields = [new IndexField(FieldNames.Text, text)] };
}

/// <summary>The field names the FAQ mapping uses.</summary>
public static class FieldNames
{
    /// <summary>Arabic and English titles.</summary>
    public const string Title = "title";

    /// <summary>Caller keywords.</summary>
    public const string Keywords = "keywords";

    /// <summary>Arabic and English summaries.</summary>
    public const string Summary = "summary";

    /// <summary>The article body.</summary>
    public const string Body = "body";

    /// <summary>The single field of plain-text documents.</summary>
    public const string Text = "text";
}
