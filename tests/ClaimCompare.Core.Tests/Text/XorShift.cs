namespace ClaimCompare.Core.Tests.Text;

/// <summary>A tiny deterministic PRNG (xorshift64*) so generated test inputs never change between runtimes.</summary>
internal sealed class XorShift(ulong seed)
{
    private ulong _state = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;

    public ulong NextUInt64()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 0x2545F4914F6CDD1DUL;
    }

    public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);
}
