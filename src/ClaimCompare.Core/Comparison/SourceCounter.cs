using System.Text;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Comparison;

/// <summary>Knows a document's outlet, so that one outlet's copies of an article count as one source.</summary>
/// <remarks>
/// An outlet's article, its own feed item and a JSON-lines copy of it are three documents but one source (the aligners
/// join an outlet's documents that print one passage or one quote wording); two articles of one outlet stay two. An outlet is
/// known by its web address's site name (the label before the public suffix: "www.arkansasonline.com" and
/// "https://news.bbc.co.uk/..." give "arkansasonline" and "bbc"), else by its printed name with "The" and everything
/// but letters and digits dropped ("The Global Herald" and "globalherald.example" are one outlet). A document whose
/// outlet is unknown counts as a source of its own.
/// </remarks>
internal static class SourceCounter
{
    private static readonly HashSet<string> SecondLevel = new(StringComparer.Ordinal) { "co", "com", "org", "net", "gov", "ac", "edu", "ne", "or" };

    /// <summary>The outlet's key, or null when the document names no outlet and no address.</summary>
    public static string? OutletKey(ProcessedDocument? document)
    {
        if (document is null)
        {
            return null;
        }

        if (document.Url is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            && HostKey(uri.Host) is { Length: > 0 } fromUrl)
        {
            return fromUrl;
        }

        if (document.Outlet is not { Length: > 0 } outlet || string.IsNullOrWhiteSpace(outlet))
        {
            return null;
        }

        var first = outlet.Trim();
        var space = first.IndexOf(' ', StringComparison.Ordinal);
        var head = space < 0 ? first : first[..space];
        if (head.Contains('.', StringComparison.Ordinal) && Uri.CheckHostName(head) == UriHostNameType.Dns && HostKey(head) is { Length: > 0 } fromHost)
        {
            return fromHost;
        }

        return NameKey(first);
    }

    /// <summary>The site name of a host: the label before the public suffix ("www.example.co.uk" gives "example").</summary>
    internal static string HostKey(string host)
    {
        var labels = host.ToLowerInvariant().TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries);
        var last = labels.Length - 1;
        if (last <= 0)
        {
            return labels.Length == 1 ? labels[0] : "";
        }

        last--;
        if (last > 0 && SecondLevel.Contains(labels[last]) && labels[last + 1].Length == 2)
        {
            last--;
        }

        return labels[last];
    }

    /// <summary>A printed outlet name reduced to its letters and digits, without a leading "The".</summary>
    internal static string NameKey(string name)
    {
        var text = name.Trim();
        if (text.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
        {
            text = text[4..];
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
