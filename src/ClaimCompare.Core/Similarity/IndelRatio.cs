using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// FuzzySharp's <c>Fuzz.Ratio</c> and <c>Fuzz.TokenSetRatio</c> (called with <c>PreprocessMode.None</c>), computed
/// exactly (the same integer for every input) but without their allocations and quadratic matrix.
/// </summary>
/// <remarks>
/// <para>
/// FuzzySharp's ratio is <c>round(100 · (|a| + |b| − d) / (|a| + |b|))</c> where <c>d</c> is the edit distance with
/// insertions and deletions of cost 1 and substitutions of cost 2 (the InDel distance), and
/// <c>|a| + |b| − d</c> is twice the length of the longest common subsequence (LCS); an empty text scores 0. The LCS is computed here
/// after stripping the common prefix and suffix, with Hyyrö's bit-parallel algorithm: one pass over the longer
/// text, ⌈m / 64⌉ machine words per character, instead of an m × n matrix.
/// </para>
/// <para>
/// The token-set ratio splits both texts at runs of white space (empty tokens dropped), takes the distinct
/// tokens of each, and scores the sorted intersection <c>I</c> against
/// <c>I + diff₁</c> and <c>I + diff₂</c>, and those two against each other, keeping the best. The sort is the one
/// FuzzySharp's <c>OrderBy</c> makes (the current culture's comparer, stable). Since <c>I</c> is a prefix of all
/// three strings, its own order changes no ratio and it is not sorted, and the prefix strip leaves only the two
/// differences for the LCS: on two copies of a sentence that differ in a word or two, that is a few characters.
/// </para>
/// <para>Thread-safe: every buffer is rented per call.</para>
/// </remarks>
internal static class IndelRatio
{
    private const int StackTokens = 128;
    private const int StackChars = 2048;

    /// <summary>FuzzySharp's <c>Fuzz.Ratio(a, b, PreprocessMode.None)</c>: 0 to 100.</summary>
    public static int Ratio(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        // FuzzySharp scores an empty text 0 against anything, itself included.
        if (a.IsEmpty || b.IsEmpty)
        {
            return 0;
        }

        var sum = a.Length + b.Length;

        var distance = sum - (2 * LongestCommonSubsequence(a, b));
        return (int)Math.Round(100 * ((double)(sum - distance) / sum));
    }

    /// <summary>FuzzySharp's <c>Fuzz.TokenSetRatio(a, b, PreprocessMode.None)</c>: 0 to 100.</summary>
    public static int TokenSet(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var maxA = MaxTokens(a);
        var maxB = MaxTokens(b);
        (int Start, int Length)[]? rentedA = null, rentedB = null;
        int[]? rentedOrder = null;
        char[]? rentedChars = null;
        var tokensA = maxA <= StackTokens ? stackalloc (int, int)[StackTokens] : (rentedA = ArrayPool<(int, int)>.Shared.Rent(maxA));
        var tokensB = maxB <= StackTokens ? stackalloc (int, int)[StackTokens] : (rentedB = ArrayPool<(int, int)>.Shared.Rent(maxB));
        var orderLength = maxA + maxA + maxB;
        var order = orderLength <= StackTokens * 3 ? stackalloc int[StackTokens * 3] : (rentedOrder = ArrayPool<int>.Shared.Rent(orderLength));

        // Each joined string holds at most every token of both texts and a space after each.
        var charLength = a.Length + b.Length + maxA + maxB + 2;
        var chars = 3 * charLength <= StackChars ? stackalloc char[StackChars] : (rentedChars = ArrayPool<char>.Shared.Rent(3 * charLength));
        try
        {
            var countA = DistinctTokens(a, tokensA);
            var countB = DistinctTokens(b, tokensB);

            // Intersection and differences, each in its own set's order (as Enumerable.Intersect and Except give them).
            var inter = order[..countA];
            var onlyA = order[countA..(countA + countA)];
            var onlyB = order[(countA + countA)..];
            int ni = 0, na = 0, nb = 0;
            for (var i = 0; i < countA; i++)
            {
                if (IndexOf(b, tokensB[..countB], a.Slice(tokensA[i].Item1, tokensA[i].Item2)) >= 0)
                {
                    inter[ni++] = i;
                }
                else
                {
                    onlyA[na++] = i;
                }
            }

            for (var j = 0; j < countB; j++)
            {
                if (IndexOf(a, tokensA[..countA], b.Slice(tokensB[j].Item1, tokensB[j].Item2)) < 0)
                {
                    onlyB[nb++] = j;
                }
            }

            // The intersection is left in first-occurrence order: it is a common prefix of all three strings, so
            // its order changes none of the three ratios (the LCS of P + x and P + y is |P| + LCS(x, y)).
            var compare = CultureInfo.CurrentCulture.CompareInfo;
            SortStable(a, tokensA, onlyA[..na], compare);
            SortStable(b, tokensB, onlyB[..nb], compare);

            var intersection = chars[..charLength];
            var diffA = chars.Slice(charLength, charLength);
            var diffB = chars.Slice(2 * charLength, charLength);

            // sorted_sect = join(" ", I).Trim(); diff = (sorted_sect + " " + join(" ", D)).Trim()
            var joined = Join(a, tokensA, inter[..ni], intersection, 0);
            var sect = Trim(intersection[..joined]);
            var d1 = Combine(sect, a, tokensA, onlyA[..na], diffA);
            var d2 = Combine(sect, b, tokensB, onlyB[..nb], diffB);

            var best = Ratio(sect, d1);
            best = Math.Max(best, Ratio(sect, d2));
            return Math.Max(best, Ratio(d1, d2));
        }
        finally
        {
            if (rentedA is not null)
            {
                ArrayPool<(int, int)>.Shared.Return(rentedA);
            }

            if (rentedB is not null)
            {
                ArrayPool<(int, int)>.Shared.Return(rentedB);
            }

            if (rentedOrder is not null)
            {
                ArrayPool<int>.Shared.Return(rentedOrder);
            }

            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
            }
        }
    }

    /// <summary>The length of the longest common subsequence of two texts (UTF-16 code units).</summary>
    public static int LongestCommonSubsequence(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var prefix = a.CommonPrefixLength(b);
        a = a[prefix..];
        b = b[prefix..];
        var suffix = 0;
        while (suffix < a.Length && suffix < b.Length && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        a = a[..^suffix];
        b = b[..^suffix];
        if (a.Length == 0 || b.Length == 0)
        {
            return prefix + suffix;
        }

        // The pattern is the shorter text: fewer words per step.
        if (a.Length > b.Length)
        {
            var t = a;
            a = b;
            b = t;
        }

        return prefix + suffix + BitParallelLcs(a, b);
    }

    /// <summary>Hyyrö's bit-parallel LCS: bit i of V is 0 where row i of the LCS matrix rises.</summary>
    private static int BitParallelLcs(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        var words = (pattern.Length + 63) >> 6;

        // One match mask per distinct pattern character; ASCII characters find their row directly.
        Span<short> asciiRow = stackalloc short[128];
        asciiRow.Fill(-1);
        char[] others = ArrayPool<char>.Shared.Rent(pattern.Length);
        var rows = ArrayPool<ulong>.Shared.Rent((pattern.Length + 1) * words);
        var state = ArrayPool<ulong>.Shared.Rent(words);
        try
        {
            var masks = rows.AsSpan(0, (pattern.Length + 1) * words);
            masks.Clear();
            var otherCount = 0;
            var rowCount = 1; // row 0 stays zero: characters the pattern does not have
            Span<int> rowOfOther = pattern.Length <= 256 ? stackalloc int[pattern.Length] : new int[pattern.Length];
            for (var i = 0; i < pattern.Length; i++)
            {
                var c = pattern[i];
                int row;
                if (c < 128)
                {
                    row = asciiRow[c];
                    if (row < 0)
                    {
                        row = rowCount++;
                        asciiRow[c] = (short)row;
                    }
                }
                else
                {
                    var k = others.AsSpan(0, otherCount).IndexOf(c);
                    if (k < 0)
                    {
                        k = otherCount;
                        others[otherCount] = c;
                        rowOfOther[otherCount++] = rowCount++;
                    }

                    row = rowOfOther[k];
                }

                masks[(row * words) + (i >> 6)] |= 1UL << (i & 63);
            }

            var v = state.AsSpan(0, words);
            v.Fill(ulong.MaxValue);
            foreach (var c in text)
            {
                int row;
                if (c < 128)
                {
                    row = Math.Max((int)asciiRow[c], 0);
                }
                else
                {
                    var k = others.AsSpan(0, otherCount).IndexOf(c);
                    row = k < 0 ? 0 : rowOfOther[k];
                }

                if (row == 0)
                {
                    continue; // no match: V is unchanged
                }

                var mask = masks.Slice(row * words, words);
                ulong carry = 0;
                for (var w = 0; w < words; w++)
                {
                    var x = v[w];
                    var u = x & mask[w];
                    var sum = AddWithCarry(x, u, ref carry);
                    v[w] = sum | (x - u);
                }
            }

            var zeros = 0;
            for (var w = 0; w < words; w++)
            {
                var bits = w == words - 1 && (pattern.Length & 63) != 0 ? (1UL << (pattern.Length & 63)) - 1 : ulong.MaxValue;
                zeros += BitOperations.PopCount(~v[w] & bits);
            }

            return zeros;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(others);
            ArrayPool<ulong>.Shared.Return(rows);
            ArrayPool<ulong>.Shared.Return(state);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddWithCarry(ulong x, ulong y, ref ulong carry)
    {
        var sum = x + y;
        var overflow = sum < x ? 1UL : 0UL;
        var total = sum + carry;
        overflow |= total < sum ? 1UL : 0UL;
        carry = overflow;
        return total;
    }

    /// <summary>An upper bound on the tokens <see cref="DistinctTokens"/> finds (white-space runs plus one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int MaxTokens(ReadOnlySpan<char> text)
    {
        var count = 1;
        var inSpace = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (space && !inSpace)
            {
                count++;
            }

            inSpace = space;
        }

        return count;
    }

    /// <summary>The distinct non-empty tokens between runs of white space, in order of first occurrence.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int DistinctTokens(ReadOnlySpan<char> text, Span<(int Start, int Length)> tokens)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > start && IndexOf(text, tokens[..count], text[start..i]) < 0)
            {
                tokens[count++] = (start, i - start);
            }
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int IndexOf(ReadOnlySpan<char> text, ReadOnlySpan<(int Start, int Length)> tokens, ReadOnlySpan<char> token)
    {
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Length == token.Length && text.Slice(tokens[i].Start, tokens[i].Length).SequenceEqual(token))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A stable insertion sort of token indexes by the culture's comparer (what <c>OrderBy(s =&gt; s)</c> does).</summary>
    private static void SortStable(ReadOnlySpan<char> text, ReadOnlySpan<(int Start, int Length)> tokens, Span<int> order, CompareInfo compare)
    {
        for (var i = 1; i < order.Length; i++)
        {
            var item = order[i];
            var key = text.Slice(tokens[item].Start, tokens[item].Length);
            var j = i - 1;
            while (j >= 0 && compare.Compare(text.Slice(tokens[order[j]].Start, tokens[order[j]].Length), key, CompareOptions.None) > 0)
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = item;
        }
    }

    private static int Join(ReadOnlySpan<char> text, ReadOnlySpan<(int Start, int Length)> tokens, ReadOnlySpan<int> order, Span<char> destination, int length)
    {
        for (var i = 0; i < order.Length; i++)
        {
            if (i > 0)
            {
                destination[length++] = ' ';
            }

            var token = text.Slice(tokens[order[i]].Start, tokens[order[i]].Length);
            token.CopyTo(destination[length..]);
            length += token.Length;
        }

        return length;
    }

    private static ReadOnlySpan<char> Combine(ReadOnlySpan<char> sect, ReadOnlySpan<char> text, ReadOnlySpan<(int Start, int Length)> tokens, ReadOnlySpan<int> order, Span<char> destination)
    {
        sect.CopyTo(destination);
        var length = sect.Length;
        destination[length++] = ' ';
        length = Join(text, tokens, order, destination, length);
        return Trim(destination[..length]);
    }

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> text) => text.Trim();
}
