using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaimCompare.Cli.Output;

/// <summary>JSON settings shared by every command: snake_case keys, indented, non-ASCII kept readable.</summary>
internal static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // stdout JSON is never embedded in HTML; keeping quotes and accents literal keeps it diffable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = CliJsonContext.Default,
    };

    public static void Write<T>(TextWriter output, T value)
    {
        output.Write(JsonSerializer.Serialize(value, Options));
        output.WriteLine();
    }
}

[JsonSerializable(typeof(List<SplitDocumentJson>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
