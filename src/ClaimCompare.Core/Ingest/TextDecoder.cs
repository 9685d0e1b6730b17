using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ClaimCompare.Core.Ingest;

/// <summary>Why a byte sequence could not be read as article text.</summary>
public enum DecodeProblem
{
    /// <summary>The bytes were decoded.</summary>
    None,

    /// <summary>No bytes, or nothing but white space.</summary>
    Empty,

    /// <summary>The bytes look like a binary file (NUL bytes or many control characters).</summary>
    Binary,
}

/// <summary>The outcome of <see cref="TextDecoder.Decode"/>.</summary>
/// <param name="Text">The decoded text, or <see langword="null"/> when <paramref name="Problem"/> is not <see cref="DecodeProblem.None"/>.</param>
/// <param name="Encoding">The encoding used: <c>utf-8</c>, <c>utf-16le</c>, <c>utf-16be</c> or <c>windows-1252</c>.</param>
/// <param name="InvalidUtf8Offset">When the bytes were not valid UTF-8 and were read as Windows-1252: the byte offset of the first invalid sequence.</param>
/// <param name="Problem">Why the bytes could not be decoded, if they could not.</param>
public sealed record DecodedText(string? Text, string Encoding, long? InvalidUtf8Offset, DecodeProblem Problem)
{
    /// <summary>True when <see cref="Text"/> holds text.</summary>
    public bool Succeeded => Problem == DecodeProblem.None;
}

/// <summary>Turns the bytes of an article file into text, never losing or silently replacing any of it.</summary>
/// <remarks>
/// Byte-order marks select UTF-8 or UTF-16. Otherwise the bytes must be valid UTF-8; if they are not,
/// the whole input is read as Windows-1252, the most common legacy encoding of English news text
/// (a Latin-1 <c>£</c> or a curly quote from a Windows editor), and the offset of the first invalid
/// byte is reported so the caller can warn. Windows-1252 maps every byte to a character, so nothing is
/// dropped. Input with NUL bytes or a high share of control characters is refused as binary.
/// </remarks>
public static class TextDecoder
{
    /// <summary>Bytes examined for the binary check.</summary>
    private const int BinaryProbeLength = 8192;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    // Windows-1252 0x80-0x9F. The five undefined bytes map to the C1 control of the same value, as Windows does.
    private static readonly char[] Cp1252High =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    /// <summary>Decodes <paramref name="bytes"/> as described in the remarks.</summary>
    /// <param name="bytes">The file's contents; any length.</param>
    /// <returns>The text and the encoding used, or the problem that prevented decoding.</returns>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Utf8Bom))
        {
            return FromUtf8(bytes[3..]);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return Finish(Encoding.Unicode.GetString(bytes[2..]), "utf-16le", null);
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return Finish(Encoding.BigEndianUnicode.GetString(bytes[2..]), "utf-16be", null);
        }

        if (LooksBinary(bytes))
        {
            return new DecodedText(null, "binary", null, DecodeProblem.Binary);
        }

        return FromUtf8(bytes);
    }

    private static DecodedText FromUtf8(ReadOnlySpan<byte> bytes)
    {
        // Valid UTF-8 (nearly every file) is decoded straight into its string: no intermediate buffer, which for a
        // huge file would be a second (pooled, so kept) copy of its text.
        if (Utf8.IsValid(bytes))
        {
            return Finish(Encoding.UTF8.GetString(bytes), "utf-8", null);
        }

        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, buffer, out var read, out var written, replaceInvalidSequences: false);
            if (status == System.Buffers.OperationStatus.Done)
            {
                return Finish(new string(buffer, 0, written), "utf-8", null);
            }

            return Finish(DecodeWindows1252(bytes), "windows-1252", read);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static DecodedText Finish(string text, string encoding, long? invalidOffset) =>
        string.IsNullOrWhiteSpace(text)
            ? new DecodedText(null, encoding, invalidOffset, DecodeProblem.Empty)
            : new DecodedText(text, encoding, invalidOffset, DecodeProblem.None);

    /// <summary>Decodes bytes as Windows-1252; every byte becomes exactly one character.</summary>
    /// <param name="bytes">Any bytes.</param>
    /// <returns>The decoded string, of the same length as <paramref name="bytes"/>.</returns>
    public static string DecodeWindows1252(ReadOnlySpan<byte> bytes)
    {
        return string.Create(bytes.Length, bytes.ToArray(), static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var b = source[i];
                span[i] = b is >= 0x80 and <= 0x9F ? Cp1252High[b - 0x80] : (char)b;
            }
        });
    }

    private static bool LooksBinary(ReadOnlySpan<byte> bytes)
    {
        var probe = bytes[..Math.Min(bytes.Length, BinaryProbeLength)];
        if (probe.Contains((byte)0))
        {
            return true;
        }

        var controls = 0;
        var rest = probe;
        while (true)
        {
            // Jump from one C0 control to the next (vectorised); most of them are line breaks.
            var next = rest.IndexOfAnyInRange((byte)0x01, (byte)0x1F);
            if (next < 0)
            {
                break;
            }

            if (rest[next] is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
            {
                controls++;
            }

            rest = rest[(next + 1)..];
        }

        // Plain text has next to no C0 controls; a few can come from a copy-paste, a tenth cannot.
        return probe.Length > 0 && controls * 10 > probe.Length;
    }
}
