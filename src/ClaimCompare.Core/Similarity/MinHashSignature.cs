namespace ClaimCompare.Core.Similarity;

/// <summary>A MinHash signature: k unsigned 32-bit minima, with the scheme that produced them.</summary>
public sealed class MinHashSignature
{
    private readonly uint[] _values;

    /// <summary>Wraps signature values computed under <paramref name="scheme"/>.</summary>
    /// <param name="scheme">The scheme.</param>
    /// <param name="values">Exactly <see cref="SignatureScheme.Permutations"/> values; the signature takes ownership.</param>
    /// <param name="isEmpty">The signature is of an empty shingle set.</param>
    /// <exception cref="ArgumentException">The number of values differs from the scheme's k.</exception>
    public MinHashSignature(SignatureScheme scheme, uint[] values, bool isEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != scheme.Permutations)
        {
            throw new ArgumentException($"Expected {scheme.Permutations} values, got {values.Length}.", nameof(values));
        }

        Scheme = scheme;
        _values = values;
        IsEmpty = isEmpty;
    }

    /// <summary>The scheme the values were computed under.</summary>
    public SignatureScheme Scheme { get; }

    /// <summary>The k minima.</summary>
    public ReadOnlySpan<uint> Values => _values;

    /// <summary>Whether the signature is of an empty shingle set (every value is <see cref="uint.MaxValue"/>).</summary>
    public bool IsEmpty { get; }

    /// <summary>Bytes used by the values (4 per permutation), for memory accounting.</summary>
    public long ValueBytes => _values.Length * sizeof(uint);

    /// <summary>
    /// Estimates the Jaccard similarity of the two shingle sets: the share of permutations whose minima agree,
    /// in [0, 1]; 0 when either set is empty. The standard error is sqrt(J(1 - J) / k).
    /// </summary>
    /// <exception cref="SchemeMismatchException">The signatures were computed under different schemes.</exception>
    public double EstimateJaccard(MinHashSignature other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Scheme.EnsureSame(other.Scheme);
        if (IsEmpty || other.IsEmpty)
        {
            return 0;
        }

        var a = Values;
        var b = other.Values;
        var equal = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
            {
                equal++;
            }
        }

        return (double)equal / a.Length;
    }
}
