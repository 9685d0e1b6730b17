namespace ClaimCompare.Core.Similarity;

/// <summary>
/// The SplitMix64 generator (Steele, Lea and Flood, 2014): a fixed, documented sequence for every seed,
/// unlike <see cref="System.Random"/>, whose output may change between .NET versions.
/// </summary>
public struct SplitMix64
{
    private ulong _state;

    /// <summary>Creates a generator whose first output is derived from <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>Returns the next 64-bit value.</summary>
    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>Returns a value in [0, <paramref name="bound"/>) (Lemire's multiply-shift, negligible bias).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is not positive.</exception>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        return (int)(((Next() >> 32) * (ulong)bound) >> 32);
    }

    /// <summary>Returns a value in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
