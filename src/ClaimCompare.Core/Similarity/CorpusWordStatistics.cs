using System.Buffers;
using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;

namespace ClaimCompare.Core.Similarity;

/// <summary>
/// The corpus statistics behind rewrite detection, kept passage by passage: which content words are names and
/// which are common. Passages can be added and removed in any order; the answers depend only on what is counted.
/// </summary>
/// <remarks>
/// <para>
/// The rules, shared with the batch <see cref="NearDuplicateDetector"/> (which feeds its passages through this
/// class): a content word is a <em>name</em> when it is written with a capital, away from the start of a sentence,
/// in at least <see cref="DedupOptions.NameCapitalizedShare"/> of its occurrences there (headings give no
/// evidence: headlines capitalise every word). It is <em>common</em> when more than
/// clamp(<see cref="DedupOptions.CommonWordShare"/> × <see cref="PassageCount"/>,
/// <see cref="DedupOptions.CommonWordMinPassages"/>, <see cref="DedupOptions.CommonWordMaxPassages"/>) counted
/// passages contain it. The rest are <em>informative</em>: only they count towards a rewrite
/// (<see cref="PassageVerifier"/> takes <see cref="IsName"/> and <see cref="IsCommon"/> as its predicates).
/// </para>
/// <para>
/// Concurrency: any number of threads may read while writers (<see cref="Add"/>, <see cref="Remove"/>) are
/// serialised by a lock. Reads take no lock, write nothing shared and allocate nothing: the counts live in one
/// open-addressing table guarded by a sequence lock. A writer makes the version odd, applies a whole passage and
/// makes it even again; a reader notes the version, reads, and retries if the version was odd or has changed. So
/// every read sees the statistics between two whole passages, never half of one, and
/// <see cref="InformativeWords(ReadOnlySpan{ulong})"/> sees one state for all the words of a passage. A
/// <see cref="ReaderWriterLockSlim"/> was the simpler choice, but the verifier asks about one word at a time,
/// millions of times, and every read lock is an interlocked operation on one shared cache line: readers on many
/// cores would contend on it for a lookup that costs less than the lock. Growing the table builds a new one and
/// publishes it (the old one is never written again), so growth makes no reader wait.
/// </para>
/// <para>
/// A reader spins (<see cref="SpinWait"/>, which soon yields) while a writer is inside one passage, so a writer
/// preempted there delays readers for its time slice; an <see cref="Add"/> touches a few dozen words.
/// <see cref="Remove"/> can only check that no count falls below zero, not that the same passage was added.
/// Counts are 32-bit. Words whose counts fall to zero stay in the table, harmlessly, until it is next rebuilt.
/// </para>
/// </remarks>
public sealed class CorpusWordStatistics : ICorpusWordStatistics
{
    private const int MinimumCapacity = 64;

    private readonly DedupOptions _options;
    private readonly Lock _writeLock = new();
    private Entry[] _entries = new Entry[MinimumCapacity];
    private int _occupied;
    private int _passageCount;
    private int _version;

    /// <summary>Creates empty statistics.</summary>
    /// <param name="options">The thresholds (<see cref="DedupOptions.NameCapitalizedShare"/> and the common-word cut-off); <see cref="DedupOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public CorpusWordStatistics(DedupOptions? options = null)
    {
        options ??= DedupOptions.Default;
        options.Validate();
        _options = options;
    }

    /// <summary>The number of passages counted towards common words (added with <c>countPassage</c> true, not removed).</summary>
    public int PassageCount => Volatile.Read(ref _passageCount);

    /// <summary>
    /// The current common-word cut-off: a word is common when more than this many counted passages contain it.
    /// </summary>
    public double CommonWordCutoff => Cutoff(PassageCount);

    /// <summary>Counts a passage.</summary>
    /// <param name="evidence">The passage's evidence.</param>
    /// <param name="countPassage">
    /// True (the default) to count the passage and its content words towards <see cref="IsCommon"/>; false to count
    /// only its capitalisation evidence, for a passage that stands for no distinct text of its own (the batch
    /// detector counts an identical copy of a passage, or one too short to index, this way).
    /// </param>
    /// <remarks>Every call must be undone by a <see cref="Remove"/> with the same arguments, if at all.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(PassageWordEvidence evidence, bool countPassage = true)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        lock (_writeLock)
        {
            EnsureRoom((countPassage ? evidence.ContentWords.Length : 0) + evidence.Capitalized.Length + evidence.Lower.Length);
            BeginWrite();
            try
            {
                var entries = _entries;
                if (countPassage)
                {
                    foreach (var word in evidence.ContentWords)
                    {
                        entries[FindOrInsert(entries, word)].Passages++;
                    }

                    _passageCount++;
                }

                foreach (var word in evidence.Capitalized)
                {
                    entries[FindOrInsert(entries, word)].Capitalized++;
                }

                foreach (var word in evidence.Lower)
                {
                    entries[FindOrInsert(entries, word)].Lower++;
                }
            }
            finally
            {
                EndWrite();
            }
        }
    }

    /// <summary>Uncounts a passage counted by <see cref="Add"/> with the same arguments.</summary>
    /// <param name="evidence">The passage's evidence, as it was added (recomputing it from the same text gives the same).</param>
    /// <param name="countPassage">The value given to <see cref="Add"/>.</param>
    /// <exception cref="InvalidOperationException">
    /// The evidence is not counted (a count would fall below zero); nothing is changed.
    /// </exception>
    public void Remove(PassageWordEvidence evidence, bool countPassage = true)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        bool removed;
        lock (_writeLock)
        {
            BeginWrite();
            try
            {
                removed = TryRemove(_entries, evidence, countPassage);
            }
            finally
            {
                EndWrite();
            }
        }

        if (!removed)
        {
            throw new InvalidOperationException("The passage's evidence is not counted: it was never added, or was removed already.");
        }
    }

    /// <summary>Whether a content word is a name: capitalised away from the sentence start in at least <see cref="DedupOptions.NameCapitalizedShare"/> of its occurrences there.</summary>
    /// <param name="word">A content-word hash.</param>
    /// <returns>False for a word never seen.</returns>
    public bool IsName(ulong word)
    {
        var counts = Read(word);
        return IsNameRule(counts.Capitalized, counts.Lower);
    }

    /// <summary>Whether a content word is common: contained in more than <see cref="CommonWordCutoff"/> counted passages.</summary>
    /// <param name="word">A content-word hash.</param>
    /// <returns>False for a word never seen.</returns>
    public bool IsCommon(ulong word)
    {
        var counts = Read(word);
        return counts.Passages > Cutoff(counts.PassageCount);
    }

    /// <summary>Whether a content word counts towards a rewrite: neither a name nor common.</summary>
    /// <param name="word">A content-word hash.</param>
    /// <returns>True for a word never seen.</returns>
    public bool IsInformative(ulong word)
    {
        var counts = Read(word);
        return counts.Passages <= Cutoff(counts.PassageCount) && !IsNameRule(counts.Capitalized, counts.Lower);
    }

    /// <summary>The informative words (neither names nor common) among <paramref name="contentWords"/>, in their order, all judged in one state of the statistics.</summary>
    /// <param name="contentWords">Content-word hashes, usually a fingerprint's sorted <see cref="PassageFingerprint.ContentWords"/>.</param>
    /// <returns>A new array; empty when none is informative.</returns>
    public ulong[] InformativeWords(ReadOnlySpan<ulong> contentWords)
    {
        ulong[]? rented = null;
        var kept = contentWords.Length <= 128 ? stackalloc ulong[128] : (rented = ArrayPool<ulong>.Shared.Rent(contentWords.Length));
        try
        {
            var n = Informative(contentWords, kept);
            return kept[..n].ToArray();
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ulong>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The informative words of a fingerprint's content words, sorted, all judged in one state of the statistics.</summary>
    /// <param name="fingerprint">The passage's fingerprint.</param>
    /// <returns>A new array; empty when none is informative.</returns>
    public ulong[] InformativeWords(PassageFingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return InformativeWords(fingerprint.ContentWords.Hashes);
    }

    /// <summary>Every word with a non-zero count and its counts, for tests and diagnostics.</summary>
    internal ReadOnlyDictionary<ulong, (int Capitalized, int Lower, int Passages)> Counts()
    {
        var counts = new Dictionary<ulong, (int, int, int)>();
        lock (_writeLock)
        {
            foreach (var entry in _entries)
            {
                if (entry.Occupied != 0 && (entry.Capitalized | entry.Lower | entry.Passages) != 0)
                {
                    counts.Add(entry.Word, (entry.Capitalized, entry.Lower, entry.Passages));
                }
            }
        }

        return counts.AsReadOnly();
    }

    /// <summary>One word's counts and the passage count, read in one state of the statistics.</summary>
    private WordCounts Read(ulong word)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var version = Volatile.Read(ref _version);
            if ((version & 1) == 0)
            {
                var entries = Volatile.Read(ref _entries);
                var slot = Find(entries, word);
                var counts = slot < 0
                    ? new WordCounts(0, 0, 0, Volatile.Read(ref _passageCount))
                    : new WordCounts(
                        Volatile.Read(ref entries[slot].Capitalized),
                        Volatile.Read(ref entries[slot].Lower),
                        Volatile.Read(ref entries[slot].Passages),
                        Volatile.Read(ref _passageCount));

                // Every read above is volatile (acquire), so none of them can move below this check.
                if (Volatile.Read(ref _version) == version)
                {
                    return counts;
                }
            }

            spinner.SpinOnce();
        }
    }

    /// <summary>Writes the informative words of <paramref name="words"/> to <paramref name="kept"/>; returns how many.</summary>
    private int Informative(ReadOnlySpan<ulong> words, Span<ulong> kept)
    {
        var spinner = default(SpinWait);
        while (true)
        {
            var version = Volatile.Read(ref _version);
            if ((version & 1) == 0)
            {
                var entries = Volatile.Read(ref _entries);
                var cutoff = Cutoff(Volatile.Read(ref _passageCount));
                var n = 0;
                foreach (var word in words)
                {
                    var slot = Find(entries, word);
                    if (slot < 0)
                    {
                        kept[n++] = word;
                        continue;
                    }

                    ref var entry = ref entries[slot];
                    if (Volatile.Read(ref entry.Passages) <= cutoff && !IsNameRule(Volatile.Read(ref entry.Capitalized), Volatile.Read(ref entry.Lower)))
                    {
                        kept[n++] = word;
                    }
                }

                if (Volatile.Read(ref _version) == version)
                {
                    return n;
                }
            }

            spinner.SpinOnce();
        }
    }

    private bool IsNameRule(int capitalized, int lower) => IsNameRule(_options, capitalized, lower);

    private double Cutoff(int passages) => Cutoff(_options, passages);

    /// <summary>The name rule on one word's counts (shared with a state that keeps the counts in a database).</summary>
    internal static bool IsNameRule(DedupOptions options, int capitalized, int lower) =>
        capitalized > 0 && capitalized >= options.NameCapitalizedShare * ((long)capitalized + lower);

    /// <summary>The common-word cut-off for <paramref name="passages"/> counted passages.</summary>
    internal static double Cutoff(DedupOptions options, int passages) =>
        Math.Clamp(options.CommonWordShare * passages, options.CommonWordMinPassages, options.CommonWordMaxPassages);

    private void BeginWrite()
    {
        // Odd: readers retry. The interlocked increment is a full fence, so no write below moves above it.
        Interlocked.Increment(ref _version);
    }

    private void EndWrite()
    {
        // Even again; the full fence publishes every write above before a reader can see the new version.
        Interlocked.Increment(ref _version);
    }

    /// <summary>Uncounts a passage, or changes nothing and returns false when a count would fall below zero.</summary>
    private bool TryRemove(Entry[] entries, PassageWordEvidence evidence, bool countPassage)
    {
        if (countPassage && _passageCount == 0)
        {
            return false;
        }

        var content = countPassage ? evidence.ContentWords : default;
        var capitalized = evidence.Capitalized;
        var lower = evidence.Lower;
        var passages = Decrement(entries, content, Field.Passages);
        var capitals = passages == content.Length ? Decrement(entries, capitalized, Field.Capitalized) : 0;
        var lowers = passages == content.Length && capitals == capitalized.Length ? Decrement(entries, lower, Field.Lower) : 0;
        if (passages == content.Length && capitals == capitalized.Length && lowers == lower.Length)
        {
            _passageCount -= countPassage ? 1 : 0;
            return true;
        }

        // Undo the part already done; readers saw none of it (the version is odd).
        Increment(entries, content[..passages], Field.Passages);
        Increment(entries, capitalized[..capitals], Field.Capitalized);
        Increment(entries, lower[..lowers], Field.Lower);
        return false;
    }

    /// <summary>Decrements a count of every word, stopping at the first that is not positive; returns how many were decremented.</summary>
    private static int Decrement(Entry[] entries, ReadOnlySpan<ulong> words, Field field)
    {
        for (var i = 0; i < words.Length; i++)
        {
            var slot = Find(entries, words[i]);
            if (slot < 0)
            {
                return i;
            }

            ref var count = ref Count(ref entries[slot], field);
            if (count <= 0)
            {
                return i;
            }

            count--;
        }

        return words.Length;
    }

    /// <summary>Increments a count of words that are in the table (undoing <see cref="Decrement"/>).</summary>
    private static void Increment(Entry[] entries, ReadOnlySpan<ulong> words, Field field)
    {
        foreach (var word in words)
        {
            Count(ref entries[Find(entries, word)], field)++;
        }
    }

    private static ref int Count(ref Entry entry, Field field)
    {
        if (field == Field.Passages)
        {
            return ref entry.Passages;
        }

        if (field == Field.Capitalized)
        {
            return ref entry.Capitalized;
        }

        return ref entry.Lower;
    }

    private static int Slot(ulong word, int mask) => (int)((word * 0x9E3779B97F4A7C15UL) >> 32) & mask;

    /// <summary>The slot holding <paramref name="word"/>, or -1; safe while a writer changes the table (then bounded and merely wrong).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Find(Entry[] entries, ulong word)
    {
        var mask = entries.Length - 1;
        var i = Slot(word, mask);
        for (var probes = 0; probes < entries.Length; probes++)
        {
            ref var entry = ref entries[i];
            if (Volatile.Read(ref entry.Occupied) == 0)
            {
                return -1;
            }

            if (Volatile.Read(ref entry.Word) == word)
            {
                return i;
            }

            i = (i + 1) & mask;
        }

        return -1;
    }

    /// <summary>The slot of <paramref name="word"/>, claiming an empty one if needed; the writer's only (room was made by <see cref="EnsureRoom"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FindOrInsert(Entry[] entries, ulong word)
    {
        var mask = entries.Length - 1;
        var i = Slot(word, mask);
        while (true)
        {
            ref var entry = ref entries[i];
            if (entry.Occupied == 0)
            {
                entry.Word = word;
                entry.Occupied = 1;
                _occupied++;
                return i;
            }

            if (entry.Word == word)
            {
                return i;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>Makes sure <paramref name="incoming"/> new words fit under the load factor of 0.7, rebuilding the table if not.</summary>
    private void EnsureRoom(int incoming)
    {
        var entries = _entries;
        if ((long)(_occupied + incoming) * 10 <= (long)entries.Length * 7)
        {
            return;
        }

        var live = 0;
        foreach (var entry in entries)
        {
            live += entry.Occupied != 0 && (entry.Capitalized | entry.Lower | entry.Passages) != 0 ? 1 : 0;
        }

        // Rebuilt at a load of at most 0.35, so the table doubles at most once per doubling of its words.
        var capacity = MinimumCapacity;
        while ((long)capacity * 7 < ((long)live + incoming) * 20)
        {
            capacity = checked(capacity * 2);
        }

        var rebuilt = new Entry[capacity];
        var mask = capacity - 1;
        foreach (var entry in entries)
        {
            if (entry.Occupied == 0 || (entry.Capitalized | entry.Lower | entry.Passages) == 0)
            {
                continue;
            }

            var i = Slot(entry.Word, mask);
            while (rebuilt[i].Occupied != 0)
            {
                i = (i + 1) & mask;
            }

            rebuilt[i] = entry;
        }

        // Readers of the old table keep a consistent copy: it is never written again.
        _occupied = live;
        Volatile.Write(ref _entries, rebuilt);
    }

    private enum Field
    {
        Passages,
        Capitalized,
        Lower,
    }

    private readonly record struct WordCounts(int Capitalized, int Lower, int Passages, int PassageCount);

    /// <summary>One word's counts. Word 0 is a valid hash, so occupancy is a field of its own.</summary>
    private struct Entry
    {
        public ulong Word;
        public int Capitalized;
        public int Lower;
        public int Passages;
        public int Occupied;
    }
}
