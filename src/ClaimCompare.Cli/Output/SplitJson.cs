using ClaimCompare.Core.Text;

namespace ClaimCompare.Cli.Output;

/// <summary>One document of <c>split --format json</c>.</summary>
internal sealed record SplitDocumentJson(
    string Id,
    string? Path,
    string? Date,
    IReadOnlyList<PassageJson> Passages,
    IReadOnlyList<RemovedJson> Removed)
{
    public static SplitDocumentJson From(ProcessedDocument document)
    {
        var passages = new List<PassageJson>(document.Passages.Count);
        foreach (var p in document.Passages)
        {
            passages.Add(new PassageJson(p.Index, p.Paragraph, KindName(p.Kind), p.Start, p.End, p.Text));
        }

        var removed = new List<RemovedJson>(document.Removed.Count);
        foreach (var r in document.Removed)
        {
            removed.Add(new RemovedJson(r.Start, r.End, r.Reason, r.Text));
        }

        return new SplitDocumentJson(document.Id, document.Path, FormatDate(document.Date), passages, removed);
    }

    public static string KindName(PassageKind kind) => kind == PassageKind.Heading ? "heading" : "sentence";

    public static string? FormatDate(DateOnly? date) =>
        date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed record PassageJson(int Index, int Paragraph, string Kind, int Start, int End, string Text);

internal sealed record RemovedJson(int Start, int End, string Reason, string Text);
