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
    /// <remarks>Written as it goes, one finding or cluster at a time: the output is never held whole in memory.</remarks>
    public void Render(ComparisonReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var sink = new TextSink(output);
        using (var writer = new Utf8JsonWriter(sink, WriterOptions))
        {
            WriteReport(writer, report, () =>
            {
                writer.Flush();
                sink.Drain();
            });
        }

        sink.Drain();
        output.WriteLine();
    }

    /// <summary>Renders <paramref name="report"/> as a JSON string.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(ComparisonReport report)
    {
        using var writer = new StringWriter();
        new JsonReportRenderer().Render(report, writer);
        return writer.ToString().TrimEnd();
    }

    private static void WriteReport(Utf8JsonWriter writer, ComparisonReport report, Action flush)
    {
        var outlets = ReportSummary.Outlets(report);
        writer.WriteStartObject();
        writer.WriteStartArray("sources");
        foreach (var source in report.Sources)
        {
            writer.WriteStartObject();
            writer.WriteString("id", source.Id);
            writer.WriteString("label", source.Label);
            writer.WriteString("path", source.Document.Path);
            writer.WriteString("date", source.Document.Date is { } d ? ReportText.Date(d) : null);
            writer.WriteString("outlet", source.Document.Outlet);
            writer.WriteString("url", source.Document.Url);
            writer.WriteNumber("passages", source.Document.Passages.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteOmitted(writer, report.Omitted);
        flush();

        var lists = new MemberLists();
        writer.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            WriteFinding(writer, finding, lists, outlets);
            flush();
        }

        writer.WriteEndArray();
        WriteClusters(writer, report.Clusters, flush);
        WriteOverlap(writer, report.Overlap);
        WriteCopyGroups(writer, ReportSummary.CopyGroups(report.Overlap));
        flush();
        writer.WriteStartArray("member_lists");
        foreach (var (id, documents) in lists.All)
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WritePropertyName("documents");
            writer.WriteRawValue(documents);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes the <c>"omitted"</c> property: what budgets and bounds left out.</summary>
    public static void WriteOmitted(Utf8JsonWriter writer, IReadOnlyList<Omission> omitted)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(omitted);
        writer.WriteStartArray("omitted");
        foreach (var omission in omitted)
        {
            writer.WriteStartObject();
            writer.WriteString("reason", omission.Reason);
            writer.WriteString("what", omission.What);
            writer.WriteNumber("count", omission.Count);
            writer.WriteString("document", omission.Document);
            writer.WriteString("kind", omission.Kind?.ToWireName());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes the <c>"copy_groups"</c> property: documents that are mostly a copy of one origin.</summary>
    public static void WriteCopyGroups(Utf8JsonWriter writer, IReadOnlyList<CopyGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(groups);
        writer.WriteStartArray("copy_groups");
        foreach (var group in groups)
        {
            writer.WriteStartObject();
            writer.WriteString("origin", group.Origin);
            writer.WriteNumber("count", group.Copies.Count);
            writer.WritePropertyName("copies");
            writer.WriteRawValue(MemberLists.Array(group.Copies));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Document lists shared by reference: each distinct list is written once, under an id (<c>m1</c>, <c>m2</c>, ...).</summary>
    private sealed class MemberLists
    {
        private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

        public List<(string Id, string Documents)> All { get; } = [];

        /// <summary>The id of the list, registering it when new.</summary>
        public string IdOf(IReadOnlyList<string> documents)
        {
            var json = Array(documents);
            if (!_ids.TryGetValue(json, out var id))
            {
                id = "m" + (_ids.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _ids[json] = id;
                All.Add((id, json));
            }

            return id;
        }

        /// <summary>A JSON array of strings on one line.</summary>
        public static string Array(IReadOnlyList<string> values)
        {
            var builder = new StringBuilder(values.Count * 8 + 2).Append('[');
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(", ");
                }

                builder.Append('"').Append(JsonEncodedText.Encode(values[i], WriterOptions.Encoder).Value).Append('"');
            }

            return builder.Append(']').ToString();
        }
    }

    /// <summary>Buffers UTF-8 JSON and hands it to a <see cref="TextWriter"/> whenever drained.</summary>
    private sealed class TextSink(TextWriter output) : IBufferWriter<byte>
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);

        public void Advance(int count) => _buffer.Advance(count);

        public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.GetMemory(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => _buffer.GetSpan(sizeHint);

        public void Drain()
        {
            if (_buffer.WrittenCount == 0)
            {
                return;
            }

            output.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
            _buffer.ResetWrittenCount();
        }
    }

    /// <summary>
    /// Buffers UTF-8 JSON and writes it to a <see cref="Stream"/> as it is, in writes of at least
    /// <see cref="WriteSize"/> bytes (a drain with less pending only marks a point where it may write).
    /// </summary>
    private sealed class StreamSink(Stream output) : IBufferWriter<byte>
    {
        private const int WriteSize = 64 * 1024;

        private readonly ArrayBufferWriter<byte> _buffer = new(2 * WriteSize);

        public void Advance(int count) => _buffer.Advance(count);

        // What was advanced is final, so it can go out before more is asked for: a section written without a drain
        // (all pairs, all overlap) then reuses the buffer instead of doubling it to the section's size.
        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Drain();
            return _buffer.GetMemory(sizeHint);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Drain();
            return _buffer.GetSpan(sizeHint);
        }

        public void Drain(bool all = false)
        {
            if (_buffer.WrittenCount == 0 || (!all && _buffer.WrittenCount < WriteSize))
            {
                return;
            }

            output.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }

    /// <summary>Renders a near-duplicate result as <c>{"clusters", "pairs", "overlap", "copy_groups", "boilerplate"}</c>.</summary>
    /// <param name="result">The detector's result.</param>
    /// <returns>The JSON text.</returns>
    public static string DedupToJson(DedupResult result)
    {
        using var writer = new StringWriter();
        WriteDedup(result, writer);
        return writer.ToString().TrimEnd();
    }

    /// <summary>Writes a near-duplicate result as JSON to <paramref name="output"/>, one cluster at a time.</summary>
    /// <param name="result">The detector's result.</param>
    /// <param name="output">Where to write; a line break follows the JSON.</param>
    public static void WriteDedup(DedupResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var sink = new TextSink(output);
        WriteDedup(result, sink, sink.Drain);
        output.WriteLine();
    }

    /// <summary>
    /// Writes a near-duplicate result as UTF-8 JSON to <paramref name="output"/> (the bytes <see cref="WriteDedup(DedupResult, TextWriter)"/>
    /// writes through a UTF-8 writer, without their round trip through UTF-16), in writes of 64 KiB.
    /// </summary>
    /// <param name="result">The detector's result.</param>
    /// <param name="output">A writable stream, left open and not flushed; a line break (<see cref="Environment.NewLine"/>) follows the JSON.</param>
    public static void WriteDedup(DedupResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var sink = new StreamSink(output);
        WriteDedup(result, sink, () => sink.Drain());
        var newLine = sink.GetSpan(Encoding.UTF8.GetMaxByteCount(Environment.NewLine.Length));
        sink.Advance(Encoding.UTF8.GetBytes(Environment.NewLine, newLine));
        sink.Drain(all: true);
    }

    private static void WriteDedup(DedupResult result, IBufferWriter<byte> sink, Action drain)
    {
        using (var writer = new Utf8JsonWriter(sink, WriterOptions))
        {
            void Flush()
            {
                writer.Flush();
                drain();
            }

            writer.WriteStartObject();
            WriteClusters(writer, result.Clusters, Flush);
            WritePairs(writer, result.Pairs);
            Flush();
            WriteOverlap(writer, result.Overlap);
            WriteCopyGroups(writer, ReportSummary.CopyGroups(result.Overlap));
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
        }

        drain();
    }

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
                WriteFigureReading(writer, figure);
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

    /// <summary>Writes a figure's reading: <c>kind</c>, <c>value</c>, <c>low</c>, <c>high</c>, <c>low_inclusive</c>,
    /// <c>high_inclusive</c>, <c>unit</c> and <c>direction</c> (<c>up</c>, <c>down</c> or <c>none</c>).</summary>
    /// <param name="writer">The writer, inside an object.</param>
    /// <param name="figure">The figure.</param>
    public static void WriteFigureReading(Utf8JsonWriter writer, Figure figure)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(figure);
        writer.WriteString("kind", figure.Kind.ToString().ToLowerInvariant());
        WriteNumberOrNull(writer, "value", figure.Value);
        WriteNumberOrNull(writer, "low", figure.Low);
        WriteNumberOrNull(writer, "high", figure.High);
        writer.WriteBoolean("low_inclusive", figure.LowInclusive);
        writer.WriteBoolean("high_inclusive", figure.HighInclusive);
        writer.WriteString("unit", figure.Unit);
        writer.WriteString("direction", figure.Direction.ToString().ToLowerInvariant());
    }

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

    /// <summary>Writes one finding object (evidence without member lists).</summary>
    public static void WriteFinding(Utf8JsonWriter writer, Finding finding) => WriteFinding(writer, finding, null, null);

    private static void WriteFinding(Utf8JsonWriter writer, Finding finding, MemberLists? lists, Dictionary<string, string>? outlets)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(finding);
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

            if (evidence.Figure is { } figure)
            {
                writer.WriteStartObject("figure");
                WriteFigureReading(writer, figure);
                writer.WriteEndObject();
            }

            var documents = evidence.Documents();
            writer.WriteNumber("sources", documents.Count);
            if (outlets is not null)
            {
                writer.WriteNumber("outlets", ReportSummary.OutletCount(documents, outlets));
            }

            if (lists is not null)
            {
                writer.WriteString("members", lists.IdOf(documents));
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
    public static void WriteClusters(Utf8JsonWriter writer, IReadOnlyList<PassageCluster> clusters) => WriteClusters(writer, clusters, null);

    /// <summary>
    /// Writes the <c>"clusters"</c> property: each cluster with its distinct wordings (text, scores and diff against the
    /// representative, written once) and every member on one line, naming its wording.
    /// </summary>
    private static void WriteClusters(Utf8JsonWriter writer, IReadOnlyList<PassageCluster> clusters, Action? flush)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(clusters);
        writer.WriteStartArray("clusters");
        var line = new StringBuilder(128);
        foreach (var cluster in clusters)
        {
            var wordings = ReportSummary.Wordings(cluster);
            var wordingOf = new Dictionary<string, string>(StringComparer.Ordinal);
            writer.WriteStartObject();
            writer.WriteString("id", ClusterId(cluster));
            writer.WriteStartObject("representative");
            WriteSpan(writer, cluster.Representative);
            writer.WriteEndObject();
            writer.WriteNumber("size", cluster.Members.Count);
            writer.WriteNumber("documents", ReportSummary.DocumentCount(cluster));
            writer.WriteStartArray("wordings");
            for (var w = 0; w < wordings.Count; w++)
            {
                var wording = wordings[w];
                var id = "w" + (w + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                wordingOf[wording.Text] = id;
                var member = wording.Representative;
                writer.WriteStartObject();
                writer.WriteString("id", id);
                writer.WriteString("text", wording.Text);
                writer.WriteNumber("count", wording.Members.Count);
                writer.WriteNumber("jaccard", Math.Round(member.Jaccard, 4));
                writer.WriteNumber("containment", Math.Round(member.Containment, 4));
                writer.WriteNumber("fuzzy", Math.Round(member.Fuzzy, 4));
                writer.WriteString("kind", member.IsRepresentative ? "representative" : member.Kind.ToWireName());
                writer.WriteNumber("confidence", Math.Round(member.Confidence, 4));
                WriteDiff(writer, member.Diff);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("members");
            foreach (var member in cluster.Members)
            {
                line.Clear()
                    .Append("{\"document\": \"").Append(JsonEncodedText.Encode(member.Document, WriterOptions.Encoder).Value)
                    .Append("\", \"passage\": ").Append(member.Passage)
                    .Append(", \"start\": ").Append(member.Start)
                    .Append(", \"end\": ").Append(member.End)
                    .Append(", \"kind\": \"").Append(member.IsRepresentative ? "representative" : member.Kind.ToWireName())
                    .Append("\", \"wording\": \"").Append(wordingOf[member.Text]).Append("\"}");
                writer.WriteRawValue(line.ToString(), skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            flush?.Invoke();
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

    /// <summary>Writes the <c>"pairs"</c> property: one pair per cluster member in another document than its representative, to the representative.</summary>
    public static void WritePairs(Utf8JsonWriter writer, IReadOnlyList<PassagePair> pairs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(pairs);
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
            writer.WriteNumber("confidence", Math.Round(pair.Confidence, 4));
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
