using System.Buffers;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// Cuts normalised passage text into shingles (word n-grams, character n-grams or content-word n-grams over
/// case-folded tokens) and hashes each shingle once with XxHash3 of its UTF-8 bytes and a fixed seed.
/// </summary>
/// <remarks>
/// <para>
/// Tokens are case-folded invariantly (<c>ToLowerInvariant</c>), the typographic apostrophe becomes
/// <c>'</c>, and a word shingle is its tokens joined by single spaces, so punctuation and spacing never
/// change a hash. A passage with fewer tokens than the shingle size yields one shingle of all its tokens,
/// so headlines and short quotes still compare.
/// </para>
/// <para>
/// The hash is fixed (XxHash3, seed <see cref="HashSeed"/>) because shingle hashes are stored and compared
/// across processes; <see cref="string.GetHashCode()"/> is randomised per process and must never be used.
/// Instances are immutable and safe to share between threads.
/// </para>
/// </remarks>
public sealed class Shingler
{
    /// <summary>The XxHash3 seed of every shingle hash ("ClaimCmp" in ASCII).</summary>
    public const ulong HashSeed = 0x436C61696D436D70;

    private const int StackTokens = 256;
    private const int StackChars = 1024;

    /// <summary>Creates a shingler.</summary>
    /// <param name="options">How to cut shingles; <see cref="ShingleOptions.Default"/> when null.</param>
    /// <param name="normalizerVersion">The version of the text normaliser whose output will be shingled; recorded
    /// in every <see cref="ShingleSet"/> so sets from different normalisers are never compared.</param>
    public Shingler(ShingleOptions? options = null, int normalizerVersion = SimilarityDefaults.NormalizerVersion)
    {
        Options = options ?? ShingleOptions.Default;
        NormalizerVersion = normalizerVersion;
    }

    /// <summary>How shingles are cut.</summary>
    public ShingleOptions Options { get; }

    /// <summary>The normaliser version recorded in every set.</summary>
    public int NormalizerVersion { get; }

    /// <summary>Shingles a normalised passage.</summary>
    /// <param name="normalizedText">The passage after text normalisation (case is folded here).</param>
    /// <returns>The sorted distinct shingle hashes; empty when the text has no word characters.</returns>
    public ShingleSet Shingle(ReadOnlySpan<char> normalizedText) => Shingle(normalizedText, default, tokenized: false);

    /// <summary>Shingles a normalised passage already cut into <paramref name="tokens"/> (<see cref="WordTokenizer"/>).</summary>
    internal ShingleSet Shingle(ReadOnlySpan<char> normalizedText, ReadOnlySpan<WordToken> tokens) => Shingle(normalizedText, tokens, tokenized: true);

    private ShingleSet Shingle(ReadOnlySpan<char> normalizedText, ReadOnlySpan<WordToken> tokens, bool tokenized)
    {
        ulong[]? rented = null;
        var capacity = normalizedText.Length + 1;
        var buffer = capacity <= StackTokens ? stackalloc ulong[StackTokens] : (rented = ArrayPool<ulong>.Shared.Rent(capacity));
        try
        {
            var count = tokenized ? ShingleInto(normalizedText, tokens, buffer) : ShingleInto(normalizedText, buffer);
            var span = buffer[..count];
            span.Sort();
            var distinct = Deduplicate(span);
            return new ShingleSet(Options, NormalizerVersion, span[..distinct].ToArray());
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Hashes a UTF-16 string's UTF-8 bytes with the shingle hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong Hash(ReadOnlySpan<char> text)
    {
        byte[]? rented = null;
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var bytes = max <= StackChars ? stackalloc byte[StackChars] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var n = Encoding.UTF8.GetBytes(text, bytes);
            return XxHash3.HashToUInt64(bytes[..n], unchecked((long)HashSeed));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Writes the (unsorted, possibly repeated) shingle hashes of a text into <paramref name="destination"/>.</summary>
    /// <param name="normalizedText">The text.</param>
    /// <param name="destination">At least <c>normalizedText.Length + 1</c> elements.</param>
    /// <returns>The number of hashes written.</returns>
    internal int ShingleInto(ReadOnlySpan<char> normalizedText, Span<ulong> destination)
    {
        var maxTokens = WordTokenizer.MaxTokens(normalizedText.Length);
        WordToken[]? rentedTokens = null;
        var tokens = maxTokens <= StackTokens ? stackalloc WordToken[StackTokens] : (rentedTokens = ArrayPool<WordToken>.Shared.Rent(maxTokens));
        try
        {
            var tokenCount = WordTokenizer.Tokenize(normalizedText, tokens);
            return ShingleInto(normalizedText, tokens[..tokenCount], destination);
        }
        finally
        {
            if (rentedTokens is not null)
            {
                ArrayPool<WordToken>.Shared.Return(rentedTokens);
            }
        }
    }

    /// <summary>As <see cref="ShingleInto(ReadOnlySpan{char}, Span{ulong})"/>, for a text already cut into <paramref name="tokens"/>.</summary>
    internal int ShingleInto(ReadOnlySpan<char> normalizedText, ReadOnlySpan<WordToken> tokens, Span<ulong> destination)
    {
        if (Options.Kind == ShingleKind.Word)
        {
            // The hot path: fold straight into UTF-8, no intermediate folded string.
            return HashWordShinglesFast(normalizedText, tokens, Options.MaskDigits, Options.Size, destination);
        }

        int[]? rentedBounds = null;
        char[]? rentedChars = null;
        var bounds = tokens.Length <= StackTokens ? stackalloc int[StackTokens * 2] : (rentedBounds = ArrayPool<int>.Shared.Rent(tokens.Length * 2));
        var charCapacity = normalizedText.Length + tokens.Length + 1;
        var folded = charCapacity <= StackChars ? stackalloc char[StackChars] : (rentedChars = ArrayPool<char>.Shared.Rent(charCapacity));
        try
        {
            var foldedLength = Fold(normalizedText, tokens, Options.Kind == ShingleKind.ContentWord, Options.MaskDigits, folded, bounds, out var kept);
            return Options.Kind == ShingleKind.Character
                ? HashCharacterShingles(folded[..foldedLength], Options.Size, destination)
                : HashWordShingles(folded[..foldedLength], bounds[..(kept * 2)], Options.Size, destination);
        }
        finally
        {
            if (rentedBounds is not null)
            {
                ArrayPool<int>.Shared.Return(rentedBounds);
            }

            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
            }
        }
    }

    /// <summary>
    /// Lists the content words of a text in token order: the same hashes a <see cref="ShingleKind.ContentWord"/>
    /// shingler of size 1 produces, and for each whether it was written with a capital (2) or not (1) away from the
    /// start of the passage, or is the first token (0: no evidence), to tell names from other words.
    /// </summary>
    internal static int ContentTerms(ReadOnlySpan<char> normalizedText, bool maskDigits, Span<ulong> hashes, Span<byte> capitalization)
    {
        var tokens = ArrayPool<WordToken>.Shared.Rent(WordTokenizer.MaxTokens(normalizedText.Length));
        try
        {
            var tokenCount = WordTokenizer.Tokenize(normalizedText, tokens);
            return ContentTerms(normalizedText, tokens.AsSpan(0, tokenCount), maskDigits, hashes, capitalization);
        }
        finally
        {
            ArrayPool<WordToken>.Shared.Return(tokens);
        }
    }

    /// <summary>As <see cref="ContentTerms(ReadOnlySpan{char}, bool, Span{ulong}, Span{byte})"/>, for a text already cut into <paramref name="tokens"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int ContentTerms(ReadOnlySpan<char> normalizedText, ReadOnlySpan<WordToken> tokens, bool maskDigits, Span<ulong> hashes, Span<byte> capitalization)
    {
        var scratch = ArrayPool<char>.Shared.Rent(normalizedText.Length + 1);
        try
        {
            var n = 0;
            for (var t = 0; t < tokens.Length; t++)
            {
                var token = tokens[t];
                var length = FoldToken(normalizedText.Slice(token.Start, token.Length), token.HasDigit, maskDigits, scratch);
                length = ToContentWord(scratch.AsSpan(0, length));
                if (length == 0)
                {
                    continue;
                }

                hashes[n] = Hash(scratch.AsSpan(0, length));
                capitalization[n] = t == 0 ? (byte)0 : token.IsCapitalized ? (byte)2 : (byte)1;
                n++;
            }

            return n;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(scratch);
        }
    }

    /// <summary>Case-folds the tokens and joins them with single spaces; returns the folded length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Fold(ReadOnlySpan<char> text, ReadOnlySpan<WordToken> tokens, bool contentOnly, bool maskDigits, Span<char> folded, Span<int> bounds, out int kept)
    {
        var length = 0;
        kept = 0;
        foreach (var token in tokens)
        {
            var start = length;
            var n = FoldToken(text.Slice(token.Start, token.Length), token.HasDigit, maskDigits, folded[start..]);
            if (contentOnly)
            {
                n = ToContentWord(folded.Slice(start, n));
                if (n == 0)
                {
                    continue;
                }
            }

            bounds[kept * 2] = start;
            bounds[(kept * 2) + 1] = start + n;
            kept++;
            length = start + n;
            folded[length++] = ' ';
        }

        return length == 0 ? 0 : length - 1;
    }

    /// <summary>Folds one token: invariant lower case, straight apostrophe, digit runs masked if asked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int FoldToken(ReadOnlySpan<char> token, bool hasDigit, bool maskDigits, Span<char> destination)
    {
        if (!(maskDigits && hasDigit))
        {
            token.ToLowerInvariant(destination);
            destination[..token.Length].Replace('\u2019', '\'');
            return token.Length;
        }

        var n = 0;
        var i = 0;
        while (i < token.Length)
        {
            var c = token[i];
            if (!char.IsDigit(c))
            {
                destination[n++] = c == '\u2019' ? '\'' : char.ToLowerInvariant(c);
                i++;
                continue;
            }

            // One placeholder per digit run; separators between digits belong to the run.
            destination[n++] = '#';
            i++;
            while (i < token.Length && (char.IsDigit(token[i]) || ((token[i] is ',' or '.') && i + 1 < token.Length && char.IsDigit(token[i + 1]))))
            {
                i++;
            }
        }

        return n;
    }

    /// <summary>Returns the stemmed length of a folded token, or 0 when it is a function word or a single letter.</summary>
    internal static int ToContentWord(Span<char> folded)
    {
        if (ContentWords.IsStopword(folded))
        {
            return 0;
        }

        if (folded.Length == 1 && !char.IsDigit(folded[0]) && folded[0] != '#')
        {
            return 0;
        }

        return ContentWords.Stem(folded);
    }

    /// <summary>Folds tokens straight into UTF-8 bytes (ASCII fast path) and hashes the word n-grams.</summary>
    private static int HashWordShinglesFast(ReadOnlySpan<char> text, ReadOnlySpan<WordToken> tokens, bool maskDigits, int size, Span<ulong> destination)
    {
        if (tokens.IsEmpty)
        {
            return 0;
        }

        byte[]? rented = null;
        int[]? rentedBounds = null;
        var maxBytes = (text.Length * 3) + tokens.Length;
        var bytes = maxBytes <= StackChars * 3 ? stackalloc byte[StackChars * 3] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        var bounds = tokens.Length <= StackTokens ? stackalloc int[StackTokens * 2] : (rentedBounds = ArrayPool<int>.Shared.Rent(tokens.Length * 2));
        try
        {
            var n = 0;
            for (var t = 0; t < tokens.Length; t++)
            {
                if (t > 0)
                {
                    bytes[n++] = (byte)' ';
                }

                bounds[t * 2] = n;
                var token = text.Slice(tokens[t].Start, tokens[t].Length);
                var mask = maskDigits && tokens[t].HasDigit;
                for (var i = 0; i < token.Length; i++)
                {
                    var c = token[i];
                    if (mask && char.IsDigit(c))
                    {
                        bytes[n++] = (byte)'#';
                        while (i + 1 < token.Length && (char.IsDigit(token[i + 1]) || ((token[i + 1] is ',' or '.') && i + 2 < token.Length && char.IsDigit(token[i + 2]))))
                        {
                            i++;
                        }

                        continue;
                    }

                    if (c < 0x80)
                    {
                        bytes[n++] = (byte)(char.IsAsciiLetterUpper(c) ? c | 0x20 : c);
                        continue;
                    }

                    if (c == '\u2019')
                    {
                        bytes[n++] = (byte)'\'';
                        continue;
                    }

                    Rune rune;
                    if (char.IsHighSurrogate(c) && i + 1 < token.Length && char.IsLowSurrogate(token[i + 1]))
                    {
                        rune = Rune.ToLowerInvariant(new Rune(c, token[++i]));
                    }
                    else
                    {
                        rune = Rune.TryCreate(c, out var single) ? Rune.ToLowerInvariant(single) : Rune.ReplacementChar;
                    }

                    n += rune.EncodeToUtf8(bytes[n..]);
                }

                bounds[(t * 2) + 1] = n;
            }

            var seed = unchecked((long)HashSeed);
            if (tokens.Length <= size)
            {
                destination[0] = XxHash3.HashToUInt64(bytes[..n], seed);
                return 1;
            }

            var count = tokens.Length - size + 1;
            for (var i = 0; i < count; i++)
            {
                destination[i] = XxHash3.HashToUInt64(bytes[bounds[i * 2]..bounds[((i + size - 1) * 2) + 1]], seed);
            }

            return count;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            if (rentedBounds is not null)
            {
                ArrayPool<int>.Shared.Return(rentedBounds);
            }
        }
    }

    private static int HashWordShingles(ReadOnlySpan<char> folded, ReadOnlySpan<int> bounds, int size, Span<ulong> destination)
    {
        var tokenCount = bounds.Length / 2;
        if (tokenCount == 0)
        {
            return 0;
        }

        byte[]? rented = null;
        var max = Encoding.UTF8.GetMaxByteCount(folded.Length);
        var bytes = max <= StackChars * 3 ? stackalloc byte[StackChars * 3] : (rented = ArrayPool<byte>.Shared.Rent(max));
        int[]? rentedOffsets = null;
        var byteBounds = tokenCount <= StackTokens ? stackalloc int[StackTokens * 2] : (rentedOffsets = ArrayPool<int>.Shared.Rent(tokenCount * 2));
        try
        {
            // Encode once; the separators are ASCII spaces, so token boundaries map straight to byte offsets.
            var position = 0;
            var previousEnd = 0;
            for (var t = 0; t < tokenCount; t++)
            {
                var start = bounds[t * 2];
                var end = bounds[(t * 2) + 1];
                position += Encoding.UTF8.GetBytes(folded[previousEnd..start], bytes[position..]);
                byteBounds[t * 2] = position;
                position += Encoding.UTF8.GetBytes(folded[start..end], bytes[position..]);
                byteBounds[(t * 2) + 1] = position;
                previousEnd = end;
            }

            var seed = unchecked((long)HashSeed);
            if (tokenCount <= size)
            {
                destination[0] = XxHash3.HashToUInt64(bytes[..position], seed);
                return 1;
            }

            var count = tokenCount - size + 1;
            for (var i = 0; i < count; i++)
            {
                var from = byteBounds[i * 2];
                var to = byteBounds[((i + size - 1) * 2) + 1];
                destination[i] = XxHash3.HashToUInt64(bytes[from..to], seed);
            }

            return count;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }

            if (rentedOffsets is not null)
            {
                ArrayPool<int>.Shared.Return(rentedOffsets);
            }
        }
    }

    private static int HashCharacterShingles(ReadOnlySpan<char> folded, int size, Span<ulong> destination)
    {
        if (folded.IsEmpty)
        {
            return 0;
        }

        if (folded.Length <= size)
        {
            destination[0] = Hash(folded);
            return 1;
        }

        Span<byte> bytes = stackalloc byte[ShingleOptions.MaxSize * 3];
        var seed = unchecked((long)HashSeed);
        var count = folded.Length - size + 1;
        for (var i = 0; i < count; i++)
        {
            var n = Encoding.UTF8.GetBytes(folded.Slice(i, size), bytes);
            destination[i] = XxHash3.HashToUInt64(bytes[..n], seed);
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Deduplicate(Span<ulong> sorted)
    {
        if (sorted.IsEmpty)
        {
            return 0;
        }

        var n = 1;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] != sorted[n - 1])
            {
                sorted[n++] = sorted[i];
            }
        }

        return n;
    }
}
