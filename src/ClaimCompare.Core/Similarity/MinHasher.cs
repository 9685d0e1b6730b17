using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// Computes MinHash signatures: for each of k permutations <c>h_i(x) = (a_i * x + b_i) &gt;&gt; 32</c> (64-bit
/// wrap-around arithmetic, a_i odd, a_i and b_i the first two outputs of <see cref="SplitMix64"/> seeded with
/// <c>seed + i</c>), the minimum over a passage's shingle hashes, as an unsigned 32-bit value.
/// </summary>
/// <remarks>
/// Multiply-shift is a 2-independent family that costs one multiply-add per permutation, so k = 128 minima are
/// computed a vector of permutations at a time (8 lanes with AVX-512, otherwise <see cref="Vector{T}"/> lanes):
/// the outer loop walks blocks of permutations and the inner loop the shingles, keeping the running minima in a
/// register. Instances are immutable and safe to share between threads.
/// </remarks>
public sealed class MinHasher
{
    private readonly ulong[] _a;
    private readonly ulong[] _b;
    private readonly int _padded;

    /// <summary>Creates a hasher for <paramref name="scheme"/>.</summary>
    /// <exception cref="NotSupportedException">The scheme's hash family is not <see cref="SignatureScheme.MultiplyShiftFamily"/>.</exception>
    public MinHasher(SignatureScheme? scheme = null)
    {
        Scheme = scheme ?? SignatureScheme.Default;
        if (!string.Equals(Scheme.HashFamily, SignatureScheme.MultiplyShiftFamily, StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Hash family '{Scheme.HashFamily}' is not implemented.");
        }

        var k = Scheme.Permutations;
        _padded = (k + 7) & ~7;
        _a = new ulong[_padded];
        _b = new ulong[_padded];
        for (var i = 0; i < k; i++)
        {
            var generator = new SplitMix64(unchecked(Scheme.Seed + (ulong)i));
            _a[i] = generator.Next() | 1;
            _b[i] = generator.Next();
        }

        // Padding lanes compute throw-away minima; give them valid odd multipliers all the same.
        for (var i = k; i < _padded; i++)
        {
            _a[i] = 1;
        }
    }

    /// <summary>The scheme of every signature this hasher computes.</summary>
    public SignatureScheme Scheme { get; }

    /// <summary>The multiplier a_i of permutation <paramref name="index"/> (for tests and documentation).</summary>
    public ulong Multiplier(int index) => _a[index];

    /// <summary>The addend b_i of permutation <paramref name="index"/>.</summary>
    public ulong Addend(int index) => _b[index];

    /// <summary>Computes the signature of a shingle set.</summary>
    /// <exception cref="SchemeMismatchException">The set was shingled differently from the scheme.</exception>
    public MinHashSignature ComputeSignature(ShingleSet shingles)
    {
        ArgumentNullException.ThrowIfNull(shingles);
        if (!shingles.Options.Equals(Scheme.Shingles) || shingles.NormalizerVersion != Scheme.NormalizerVersion)
        {
            throw new SchemeMismatchException(
                $"Shingle set ({shingles.Options}, normaliser v{shingles.NormalizerVersion}) does not match the scheme [{Scheme}].");
        }

        var values = new uint[Scheme.Permutations];
        ComputeSignature(shingles.Hashes, values);
        return new MinHashSignature(Scheme, values, shingles.Count == 0);
    }

    /// <summary>Computes signature values of raw shingle hashes into <paramref name="destination"/>.</summary>
    /// <param name="hashes">Shingle hashes in any order; repeats do not change the result.</param>
    /// <param name="destination">At least k elements; all <see cref="uint.MaxValue"/> when <paramref name="hashes"/> is empty.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than k.</exception>
    public void ComputeSignature(ReadOnlySpan<ulong> hashes, Span<uint> destination)
    {
        var k = Scheme.Permutations;
        if (destination.Length < k)
        {
            throw new ArgumentException($"The destination needs {k} elements.", nameof(destination));
        }

        Span<ulong> minima = stackalloc ulong[_padded];
        if (Vector512.IsHardwareAccelerated)
        {
            Compute512(hashes, minima);
        }
        else if (Vector.IsHardwareAccelerated && _padded % Vector<ulong>.Count == 0)
        {
            ComputeVector(hashes, minima);
        }
        else
        {
            ComputeScalar(hashes, minima);
        }

        for (var i = 0; i < k; i++)
        {
            destination[i] = minima[i] > uint.MaxValue ? uint.MaxValue : (uint)minima[i];
        }
    }

    /// <summary>The reference scalar implementation, for tests.</summary>
    internal void ComputeSignatureScalar(ReadOnlySpan<ulong> hashes, Span<uint> destination)
    {
        Span<ulong> minima = stackalloc ulong[_padded];
        ComputeScalar(hashes, minima);
        for (var i = 0; i < Scheme.Permutations; i++)
        {
            destination[i] = minima[i] > uint.MaxValue ? uint.MaxValue : (uint)minima[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Compute512(ReadOnlySpan<ulong> hashes, Span<ulong> minima)
    {
        ref var a = ref MemoryMarshal.GetArrayDataReference(_a);
        ref var b = ref MemoryMarshal.GetArrayDataReference(_b);
        ref var m = ref MemoryMarshal.GetReference(minima);
        ref var x = ref MemoryMarshal.GetReference(hashes);
        var n = hashes.Length;
        for (var j = 0; j < _padded; j += Vector512<ulong>.Count)
        {
            var va = Vector512.LoadUnsafe(ref a, (nuint)j);
            var vb = Vector512.LoadUnsafe(ref b, (nuint)j);
            var min = Vector512<ulong>.AllBitsSet;
            for (var s = 0; s < n; s++)
            {
                var h = Vector512.ShiftRightLogical((va * Vector512.Create(Unsafe.Add(ref x, s))) + vb, 32);
                min = Vector512.Min(min, h);
            }

            min.StoreUnsafe(ref m, (nuint)j);
        }
    }

    private void ComputeVector(ReadOnlySpan<ulong> hashes, Span<ulong> minima)
    {
        var a = MemoryMarshal.Cast<ulong, Vector<ulong>>(_a.AsSpan());
        var b = MemoryMarshal.Cast<ulong, Vector<ulong>>(_b.AsSpan());
        var m = MemoryMarshal.Cast<ulong, Vector<ulong>>(minima);
        for (var j = 0; j < a.Length; j++)
        {
            var va = a[j];
            var vb = b[j];
            var min = new Vector<ulong>(ulong.MaxValue);
            foreach (var x in hashes)
            {
                var h = ((va * new Vector<ulong>(x)) + vb) >> 32;
                min = Vector.Min(min, h);
            }

            m[j] = min;
        }
    }

    private void ComputeScalar(ReadOnlySpan<ulong> hashes, Span<ulong> minima)
    {
        for (var j = 0; j < _padded; j++)
        {
            var a = _a[j];
            var b = _b[j];
            var min = ulong.MaxValue;
            foreach (var x in hashes)
            {
                var h = unchecked((a * x) + b) >> 32;
                if (h < min)
                {
                    min = h;
                }
            }

            minima[j] = min;
        }
    }
}
