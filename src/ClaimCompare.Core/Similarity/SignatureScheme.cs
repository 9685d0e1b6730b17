namespace ClaimCompare.Core.Similarity;

/// <summary>
/// Everything that determines a MinHash signature's values: hash family, seed, number of permutations,
/// shingling and normaliser version. Signatures of different schemes are never compared.
/// </summary>
/// <remarks>
/// The scheme is a value: two schemes built from the same parts are equal, in any process, so a stored
/// signature can be checked against the scheme of the code reading it.
/// </remarks>
public sealed record SignatureScheme
{
    /// <summary>
    /// The hash family of this implementation: XxHash3-64 of the UTF-8 shingle (seed <see cref="Shingler.HashSeed"/>),
    /// then 32-bit multiply-shift permutations with coefficients from SplitMix64.
    /// </summary>
    public const string MultiplyShiftFamily = "xxh3-64/ms32/splitmix64";

    private readonly int _permutations = SimilarityDefaults.Permutations;

    /// <summary>The default scheme: 128 permutations over word 3-grams with digits masked.</summary>
    public static SignatureScheme Default { get; } = new();

    /// <summary>The hash family; only <see cref="MultiplyShiftFamily"/> is implemented.</summary>
    public string HashFamily { get; init; } = MultiplyShiftFamily;

    /// <summary>The permutation seed.</summary>
    public ulong Seed { get; init; } = SimilarityDefaults.Seed;

    /// <summary>Number of permutations k, 1 to 1024; 128 by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1 to 1024.</exception>
    public int Permutations
    {
        get => _permutations;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1024);
            _permutations = value;
        }
    }

    /// <summary>The shingling the signatures are computed over.</summary>
    public ShingleOptions Shingles { get; init; } = ShingleOptions.Default;

    /// <summary>The version of the text normaliser whose output is shingled.</summary>
    public int NormalizerVersion { get; init; } = SimilarityDefaults.NormalizerVersion;

    /// <summary>Throws a <see cref="SchemeMismatchException"/> unless <paramref name="other"/> equals this scheme.</summary>
    /// <exception cref="SchemeMismatchException">The schemes differ.</exception>
    public void EnsureSame(SignatureScheme other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!Equals(other))
        {
            throw new SchemeMismatchException($"Signature schemes differ: [{this}] and [{other}].");
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{HashFamily} seed={Seed:x16} k={Permutations} shingles={Shingles} normaliser=v{NormalizerVersion}";
}
