using System.Collections.Concurrent;
using ClaimCompare.Core.Similarity;
using Npgsql;
using NpgsqlTypes;

namespace ClaimCompare.Storage.Postgres;

/// <summary>
/// The corpus word statistics of <see cref="PostgresNearDuplicateState"/>: counts in <c>nd_words</c>, the counted
/// passages in <c>nd_meta</c>, the rules of <see cref="CorpusWordStatistics"/>. Reads come from a bounded cache or, for
/// the words missing from it, one statement; a staged write reads its own changes on top.
/// </summary>
internal sealed class PostgresWordStatistics(PostgresNearDuplicateState state) : ICorpusWordStatistics
{
    private readonly ConcurrentDictionary<ulong, WordCount> _cache = new();
    private long _passageCount = -1;
    private bool _committing;

    public int CachedCount => _cache.Count;

    /// <inheritdoc />
    public int PassageCount
    {
        get
        {
            Read([], out var count);
            return count;
        }
    }

    /// <inheritdoc />
    public void Add(PassageWordEvidence evidence, bool countPassage = true)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        Require().AddWords(evidence, countPassage, 1);
    }

    /// <inheritdoc />
    public void Remove(PassageWordEvidence evidence, bool countPassage = true)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var staging = Require();
        var words = new List<ulong>();
        if (countPassage)
        {
            words.AddRange(evidence.ContentWords.ToArray());
        }

        words.AddRange(evidence.Capitalized.ToArray());
        words.AddRange(evidence.Lower.ToArray());
        var counts = Read(words, out var passages);
        var removed = new Dictionary<ulong, WordCount>();
        if (countPassage)
        {
            foreach (var word in evidence.ContentWords)
            {
                removed[word] = removed.GetValueOrDefault(word) + new WordCount(0, 0, 1);
            }
        }

        foreach (var word in evidence.Capitalized)
        {
            removed[word] = removed.GetValueOrDefault(word) + new WordCount(1, 0, 0);
        }

        foreach (var word in evidence.Lower)
        {
            removed[word] = removed.GetValueOrDefault(word) + new WordCount(0, 1, 0);
        }

        foreach (var (word, count) in removed)
        {
            var held = counts.GetValueOrDefault(word);
            if (held.Capitalized < count.Capitalized || held.Lower < count.Lower || held.Passages < count.Passages)
            {
                throw new InvalidOperationException("The passage's evidence is not counted: it was never added, or was removed already.");
            }
        }

        if (countPassage && passages == 0)
        {
            throw new InvalidOperationException("The passage's evidence is not counted: it was never added, or was removed already.");
        }

        staging.AddWords(evidence, countPassage, -1);
    }

    /// <inheritdoc />
    public bool IsName(ulong word)
    {
        var counts = Read([word], out _).GetValueOrDefault(word);
        return CorpusWordStatistics.IsNameRule(state.Options, counts.Capitalized, counts.Lower);
    }

    /// <inheritdoc />
    public bool IsCommon(ulong word)
    {
        var counts = Read([word], out var passages).GetValueOrDefault(word);
        return counts.Passages > CorpusWordStatistics.Cutoff(state.Options, passages);
    }

    /// <inheritdoc />
    public ulong[] InformativeWords(ReadOnlySpan<ulong> contentWords)
    {
        var counts = Read(contentWords.ToArray(), out var passages);
        var cutoff = CorpusWordStatistics.Cutoff(state.Options, passages);
        var kept = new List<ulong>(contentWords.Length);
        foreach (var word in contentWords)
        {
            var count = counts.GetValueOrDefault(word);
            if (count.Passages <= cutoff && !CorpusWordStatistics.IsNameRule(state.Options, count.Capitalized, count.Lower))
            {
                kept.Add(word);
            }
        }

        return [.. kept];
    }

    /// <summary>Loads the counts of the passages' content words (those not cached) in one statement.</summary>
    public void Prefetch(IReadOnlyList<EnginePassage> passages)
    {
        var words = new HashSet<ulong>();
        foreach (var passage in passages)
        {
            foreach (var word in passage.Fingerprint.ContentWords.Hashes)
            {
                if (!_cache.ContainsKey(word))
                {
                    words.Add(word);
                }
            }
        }

        if (words.Count > 0)
        {
            Read(words, out _);
        }
    }

    /// <summary>The counts of <paramref name="words"/> (absent: all zero) and the counted passages, with the staged write's changes when on its flow.</summary>
    public Dictionary<ulong, WordCount> Read(IEnumerable<ulong> words, out int passageCount)
    {
        var staging = state.CurrentStaging;
        staging?.EnsureBases(missingWords =>
        {
            var counts = Fetch(missingWords, out var passages);
            return (counts, passages);
        });
        var result = new Dictionary<ulong, WordCount>();
        var missing = new List<ulong>();
        foreach (var word in words)
        {
            if (result.ContainsKey(word))
            {
                continue;
            }

            if (staging is not null && staging.TryGetBase(word, out var staged))
            {
                result[word] = staged;
            }
            else if (_cache.TryGetValue(word, out var cached))
            {
                result[word] = cached;
            }
            else
            {
                result[word] = default;
                missing.Add(word);
            }
        }

        var count = staging?.BasePassageCount ?? Volatile.Read(ref _passageCount);
        if (missing.Count > 0 || count < 0)
        {
            var generation = state.Generation;
            var read = Fetch(missing, out var fetchedCount);
            foreach (var (word, value) in read)
            {
                result[word] = value;
            }

            count = fetchedCount;
            Remember(read, missing, fetchedCount, generation);
        }

        if (staging is not null)
        {
            staging.SetBases(result, (int)count);
            foreach (var word in result.Keys.ToArray())
            {
                result[word] += staging.Delta(word);
            }

            count += staging.PassageDelta;
        }

        passageCount = (int)count;
        return result;
    }

    private Dictionary<ulong, WordCount> Fetch(List<ulong> words, out int passageCount)
    {
        using var connection = state.DataSource.OpenConnection();
        using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT passage_count FROM nd_meta"));
        var select = new NpgsqlBatchCommand("SELECT word, capitalized, lower, passages FROM nd_words WHERE word = ANY(@w)");
        select.Parameters.Add(new NpgsqlParameter("w", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = words.Select(w => unchecked((long)w)).ToArray() });
        batch.BatchCommands.Add(select);
        using var reader = batch.ExecuteReader();
        passageCount = reader.Read() ? reader.GetInt32(0) : 0;
        reader.NextResult();
        var counts = new Dictionary<ulong, WordCount>(words.Count);
        while (reader.Read())
        {
            counts[unchecked((ulong)reader.GetInt64(0))] = new WordCount(reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
        }

        return counts;
    }

    private void Remember(Dictionary<ulong, WordCount> read, List<ulong> asked, int passageCount, long generation)
    {
        lock (state.CacheLock)
        {
            if (state.Generation != generation || _committing)
            {
                return;
            }

            if (_cache.Count + asked.Count > PostgresNearDuplicateState.WordCacheSize)
            {
                _cache.Clear();
            }

            foreach (var word in asked)
            {
                _cache[word] = read.GetValueOrDefault(word);
            }

            _passageCount = passageCount;
        }
    }

    /// <summary>Under the cache lock: a staged write is being written; nothing read now may be cached until it committed or was abandoned.</summary>
    public void BeginCommit() => _committing = true;

    /// <summary>Under the cache lock: the committed write's changes go into the cached counts.</summary>
    public void Apply(NearDuplicateStateWrite write)
    {
        foreach (var (word, delta) in write.Deltas)
        {
            if (_cache.TryGetValue(word, out var cached))
            {
                _cache[word] = cached + delta;
            }
        }

        if (_passageCount >= 0)
        {
            _passageCount += write.PassageDelta;
        }

        _committing = false;
    }

    /// <summary>Under the cache lock: forgets everything.</summary>
    public void Clear()
    {
        _cache.Clear();
        _passageCount = -1;
        _committing = false;
    }

    private NearDuplicateStateWrite Require() =>
        state.CurrentStaging ?? throw new InvalidOperationException("Writes to the PostgreSQL engine state go through PostgresNearDuplicateState.Stage.");
}
