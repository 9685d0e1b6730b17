using System.Security.Cryptography;
using System.Text;

namespace ClaimCompare.Server.Ingest;

/// <summary>The identity of a submitted article, for idempotent ingest.</summary>
internal static class ContentHash
{
    /// <summary>Hex SHA-256 of the lower-cased source, the URL and the text with Unicode (NFKC) and white space normalised.</summary>
    /// <remarks>Re-sending the same article with different line breaks or trailing spaces yields the same hash, so the same id.</remarks>
    public static string Compute(string source, string? url, string text)
    {
        var builder = new StringBuilder(text.Length + 256);
        builder.Append(source.Trim().ToLowerInvariant()).Append('\n').Append(url?.Trim() ?? "").Append('\n');
        var space = false;
        var any = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c))
            {
                space = any;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
            any = true;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    /// <summary>The document id for a content hash: stable, so a duplicate submission gets the same id back.</summary>
    public static string DocumentId(string hash) => "doc-" + hash[..20];
}
