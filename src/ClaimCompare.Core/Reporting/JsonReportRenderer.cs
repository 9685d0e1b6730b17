using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;

namespace ClaimCompare.Core.Reporting;

/// <summary>
/// Writes reports and their parts as JSON with the documented schema (snake_case keys, spans in the
/// original text). The <c>dedup</c> command and the service reuse the cluster and overlap writers.
/// </summary>
public sealed class JsonReportRenderer : IReportRenderer
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // The JSON may be pasted anywhere but is never inlined into HTML by us; keep text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <inheritdoc />
    public void Render(ComparisonReport report, TextWriter output)
    {
        output.Write(ToJson(report));
        output.WriteLine();
    }

    /// <summary>Renders <paramref name="report"/> as a JSON string.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(ComparisonReport report) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("sources");
        foreach (var source in report.Sources)
        {
            writer.WriteStartObject();
            writer.WriteString("id", source.Id);
            writer.WriteString("path", source.Document.Path);
            writer.WriteString("date", source.Document.Date is { } d ? ReportText.Date(d) : null);
            writer.WriteString("outlet", source.Document.Outlet);
            writer.WriteNumber("passages", source.Document.Passages.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            WriteFinding(writer, finding);
        }

        writer.WriteEndArray();
        WriteClusters(writer, report.Clusters);
        WriteOverlap(writer, report.Overlap);
        writer.WriteEndObject();
    });

    /// <summary>Renders a near-duplicate result as <c>{"clusters", "pairs", "overlap", "boilerplate"}</c>.</summary>
    /// <param name="result">The detector's result.</param>
    /// <returns>The JSON text.</returns>
    public static string DedupToJson(DedupResult result) => Write(writer =>
    {
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        WriteClusters(writer, result.Clusters);
        WritePairs(writer, result.Pairs);
        WriteOverlap(writer, result.Overlap);
        writer.WriteStartArray("boilerplate");
        foreach (var passage in result.Boilerplate)
        {
            writer.WriteStartObject();
            writer.WriteString("outlet", passage.Outlet);
            WriteSpan(writer, passage.Span);
            writer.WriteString("text", passage.Text);
            writer.WriteNumber("documents", passage.Documents);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>Renders extracted claims as <c>[{"document", "figures", "quotes", "people"}]</c>.</summary>
    /// <param name="documents">Claims per document.</param>
    /// <returns>The JSON text.</returns>
    public static string ClaimsToJson(IReadOnlyList<DocumentClaims> documents) => Write(writer =>
    {
        ArgumentNullException.ThrowIfNull(documents);
        writer.WriteStartArray();
        foreach (var document in documents)
        {
            writer.WriteStartObject();
            writer.WriteString("document", document.Document);
            writer.WriteStartArray("figures");
            foreach (var figure in document.Figures)
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", figure.Start);
                writer.WriteNumber("end", figure.End);
                writer.WriteString("text", figure.Text);
                writer.WriteString("kind", figure.Kind.ToString().ToLowerInvariant());
                WriteNumberOrNull(writer, "value", figure.Value);
                WriteNumberOrNull(writer, "low", figure.Low);
                WriteNumberOrNull(writer, "high", figure.High);
                writer.WriteBoolean("low_inclusive", figure.LowInclusive);
                writer.WriteBoolean("high_inclusive", figure.HighInclusive);
                writer.WriteString("noun", figure.Noun);
                writer.WriteString("hedge", figure.Hedge);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("quotes");
            foreach (var quote in document.Quotes)
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", quote.Start);
                writer.WriteNumber("end", quote.End);
                writer.WriteString("text", quote.Text);
                writer.WriteString("speaker", quote.Speaker);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("people");
            foreach (var person in document.People)
            {
                writer.WriteStartObject();
                writer.WriteString("name", person.Name);
                writer.WriteString("role", person.Role);
                writer.WriteNumber("start", person.Start);
                writer.WriteNumber("end", person.End);
                writer.WriteString("text", person.Surface);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Runs <paramref name="body"/> on a JSON writer with the report settings and returns the text.</summary>
    /// <param name="body">Writes one JSON value.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes one finding object.</summary>
    public static void WriteFinding(Utf8JsonWriter writer, Finding finding)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", finding.Kind.ToWireName());
        writer.WriteString("topic", finding.Topic);
        writer.WriteNumber("confidence", Math.Round(finding.Confidence, 3));
        writer.WriteString("explanation", finding.Explanation);
        writer.WriteStartArray("evidence");
        foreach (var evidence in finding.Evidence)
        {
            writer.WriteStartObject();
            writer.WriteString("document", evidence.Document);
            writer.WriteNumber("start", evidence.Sentence.Start);
            writer.WriteNumber("end", evidence.Sentence.End);
            writer.WriteString("text", evidence.Sentence.Text);
            writer.WriteString("value", evidence.Value);
            writer.WriteStartObject("claim");
            writer.WriteNumber("start", evidence.Claim.Start);
            writer.WriteNumber("end", evidence.Claim.End);
            writer.WriteString("text", evidence.Claim.Text);
            writer.WriteEndObject();
            writer.WriteString("context", evidence.Context);
            if (evidence.Frame is { } frame)
            {
                writer.WriteString("frame", frame);
            }

            if (evidence.Reported is { } reported)
            {
                writer.WriteString("reported", reported.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (finding.Diff.Count > 0)
        {
            WriteDiff(writer, finding.Diff);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes the <c>"clusters"</c> property.</summary>
    public static void WriteClusters(Utf8JsonWriter writer, IReadOnlyList<PassageCluster> clusters)
    {
        writer.WriteStartArray("clusters");
        foreach (var cluster in clusters)
        {
            writer.WriteStartObject();
            writer.WriteString("id", ClusterId(cluster));
            writer.WriteStartObject("representative");
            WriteSpan(writer, cluster.Representative);
            writer.WriteEndObject();
            writer.WriteStartArray("members");
            foreach (var member in cluster.Members)
            {
                writer.WriteStartObject();
                writer.WriteString("document", member.Document);
                writer.WriteNumber("passage", member.Passage);
                writer.WriteNumber("start", member.Start);
                writer.WriteNumber("end", member.End);
                writer.WriteString("text", member.Text);
                writer.WriteNumber("jaccard", Math.Round(member.Jaccard, 4));
                writer.WriteNumber("containment", Math.Round(member.Containment, 4));
                writer.WriteNumber("fuzzy", Math.Round(member.Fuzzy, 4));
                writer.WriteString("kind", member.IsRepresentative ? "representative" : member.Kind.ToWireName());
                WriteDiff(writer, member.Diff);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the <c>"overlap"</c> property.</summary>
    public static void WriteOverlap(Utf8JsonWriter writer, IReadOnlyList<DocumentOverlap> overlap)
    {
        writer.WriteStartArray("overlap");
        foreach (var pair in overlap)
        {
            writer.WriteStartObject();
            writer.WriteString("a", pair.A);
            writer.WriteString("b", pair.B);
            writer.WriteNumber("shared_passages", pair.SharedPassages);
            writer.WriteNumber("a_share", Math.Round(pair.AShare, 4));
            writer.WriteNumber("b_share", Math.Round(pair.BShare, 4));
            writer.WriteString("likely_origin", pair.LikelyOrigin);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the <c>"pairs"</c> property: every verified near-duplicate pair.</summary>
    public static void WritePairs(Utf8JsonWriter writer, IReadOnlyList<PassagePair> pairs)
    {
        writer.WriteStartArray("pairs");
        foreach (var pair in pairs)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("a");
            WriteSpan(writer, pair.A);
            writer.WriteEndObject();
            writer.WriteStartObject("b");
            WriteSpan(writer, pair.B);
            writer.WriteEndObject();
            writer.WriteNumber("jaccard", Math.Round(pair.Jaccard, 4));
            writer.WriteNumber("containment", Math.Round(pair.Containment, 4));
            writer.WriteNumber("fuzzy", Math.Round(pair.Fuzzy, 4));
            writer.WriteString("kind", pair.Kind.ToWireName());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>The cluster id as printed: <c>c1</c>, <c>c2</c>, ...</summary>
    public static string ClusterId(PassageCluster cluster) => "c" + cluster.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteSpan(Utf8JsonWriter writer, PassageSpan span)
    {
        writer.WriteString("document", span.Document);
        writer.WriteNumber("passage", span.Passage);
        writer.WriteNumber("start", span.Start);
        writer.WriteNumber("end", span.End);
    }

    private static void WriteDiff(Utf8JsonWriter writer, IReadOnlyList<DiffSegment> diff)
    {
        writer.WriteStartArray("diff");
        foreach (var segment in diff)
        {
            writer.WriteStartObject();
            writer.WriteString("op", segment.Kind switch
            {
                DiffKind.Inserted => "insert",
                DiffKind.Deleted => "delete",
                _ => "equal",
            });
            writer.WriteString("text", segment.Text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
