using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClaimCompare.Storage;

/// <summary>JSON settings for the findings, evidence and audit snapshots the store keeps as text.</summary>
internal static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException("stored JSON is null");
}
