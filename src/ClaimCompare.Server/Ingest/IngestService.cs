using System.Diagnostics;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Reporting;
using ClaimCompare.Core.Text;
using ClaimCompare.Server.Analysis;
using ClaimCompare.Server.Budgets;
using ClaimCompare.Server.Hosting;
using ClaimCompare.Storage;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Ingest;

/// <summary>A validated article to ingest.</summary>
/// <param name="Source">The outlet.</param>
/// <param name="Url">Article URL.</param>
/// <param name="Published">Publication time.</param>
/// <param name="Title">Headline.</param>
/// <param name="Text">The article text.</param>
/// <param name="StoryKey">The client's story key.</param>
public sealed record IngestCommand(string Source, string? Url, DateTimeOffset? Published, string? Title, string Text, string? StoryKey)
{
    /// <summary>The page the text was extracted from, stored beside the document.</summary>
    public DocumentOriginal? Original { get; init; }

    /// <summary>The feed item's identity (link or id), stored for idempotent feed ingest.</summary>
    public string? ItemKey { get; init; }
}

/// <summary>What an ingest produced.</summary>
/// <param name="Outcome">What the store did.</param>
/// <param name="Passages">The document's passages.</param>
/// <param name="NearDuplicates">Near-duplicates with stored documents.</param>
/// <param name="Findings">Findings raised.</param>
public sealed record IngestResult(
    IngestOutcome Outcome,
    IReadOnlyList<Passage> Passages,
    IReadOnlyList<NearDuplicateEdge> NearDuplicates,
    IReadOnlyList<Finding> Findings);

/// <summary>Ingests articles: analysis, story grouping, one store transaction, then the index.</summary>
/// <remarks>
/// Writes are serialised by one ingest lock, and a document enters the index only after its transaction
/// committed, so a failed ingest leaves neither rows nor index entries behind. The analysis (index queries,
/// verification, claim alignment) runs before the lock, in parallel with other ingests, when the analyzer is an
/// <see cref="IConcurrentDocumentAnalyzer"/>: under the lock it is then revised for the documents committed or
/// deleted meanwhile (the <see cref="IngestJournal"/>), so the result is the same as a fully serialised ingest's.
/// Other analyzers run under the lock.
/// </remarks>
public sealed partial class IngestService(
    IClaimStore store,
    IDocumentAnalyzer analyzer,
    IOptions<ServiceOptions> options,
    ILogger<IngestService> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IngestJournal _journal = new();
    private readonly SemaphoreSlim _analysisSlots = new(Environment.ProcessorCount, Environment.ProcessorCount);
    private readonly SemaphoreSlim _heavySlots = new(options.Value.HeavyLaneConcurrency, options.Value.HeavyLaneConcurrency);

    /// <summary>Ingests <paramref name="command"/> on behalf of <paramref name="actor"/>; a repeat returns the stored document.</summary>
    /// <remarks>
    /// Bounded and fair: the whole ingest runs within <see cref="ServiceOptions.IngestBudgetSeconds"/> and stops (nothing
    /// stored) when the budget runs out or <paramref name="cancellationToken"/> (the client's connection) is cancelled;
    /// a heavy article (over <see cref="ServiceOptions.HeavyDocumentChars"/>) is analysed in its own lane, so it never
    /// holds a slot a normal article waits for, and brought up to date outside the ingest lock, so it holds the lock
    /// only briefly.
    /// </remarks>
    /// <exception cref="BudgetExceededException">The budget ran out.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IngestResult> IngestAsync(IngestCommand command, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var heavy = command.Text.Length > options.Value.HeavyDocumentChars;
        using var budget = new WorkBudget(
            TimeSpan.FromSeconds(options.Value.IngestBudgetSeconds), cancellationToken, TimeSpan.FromSeconds(options.Value.IngestCpuBudgetSeconds));
        // The analysis counts its CPU time to the budget (the account flows with this call, not to other requests).
        using var cpu = CpuAccount.Use(budget.Cpu);
        try
        {
            return await IngestAsync(command, actor, heavy, budget, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            var translated = budget.Translate(e, limit => limit switch
            {
                BudgetLimit.Queue => $"Every {(heavy ? "heavy-article" : "analysis")} slot stayed busy for the whole ingest budget of {budget.Limit.TotalSeconds:0} s; nothing was stored. Retry later.",
                BudgetLimit.Cpu => $"The analysis of this {command.Text.Length:N0}-character article spent its CPU-time budget of {budget.CpuLimit?.TotalSeconds:0} s and was stopped; nothing was stored. Send a shorter text or raise ClaimCompare:IngestCpuBudgetSeconds.",
                _ => $"The analysis of this {command.Text.Length:N0}-character article did not finish within the ingest budget of {budget.Limit.TotalSeconds:0} s and was stopped; nothing was stored. Send a shorter text or raise ClaimCompare:IngestBudgetSeconds.",
            });
            if (translated is BudgetExceededException exceeded)
            {
                LogBudgetExceeded(logger, command.Source, command.Text.Length, heavy, exceeded.Limit, (long)budget.Elapsed.TotalMilliseconds);
                throw exceeded;
            }

            LogAbandoned(logger, command.Source, command.Text.Length, (long)budget.Elapsed.TotalMilliseconds);
            throw;
        }
    }

    private async Task<IngestResult> IngestAsync(IngestCommand command, string actor, bool heavy, WorkBudget budget, CancellationToken requestAborted)
    {
        var cancellationToken = budget.Token;
        var started = Stopwatch.GetTimestamp();
        var hash = ContentHash.Compute(command.Source, command.Url, command.Text);
        if (await store.FindByContentHashAsync(hash, cancellationToken).ConfigureAwait(false) is { } existingId)
        {
            return await DuplicateAsync(existingId, cancellationToken).ConfigureAwait(false);
        }

        var id = ContentHash.DocumentId(hash);
        var source = new SourceDocument(id, command.Text)
        {
            Path = command.Url,
            Outlet = command.Source,
            Date = command.Published is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : null,
        };
        var context = new AnalysisContext(store, command.StoryKey);
        IngestAnalysis? early = null;
        var version = 0L;
        // At most one analysis per core runs at a time: more would not ingest faster, and queued ingests would keep
        // every core busy, so reviewers' reads would wait behind them. Heavy articles have a lane of their own.
        var slots = heavy ? _heavySlots : _analysisSlots;
        await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        budget.Started = true;
        try
        {
            if (analyzer is IDocumentPreparer preparer)
            {
                // Document-local work runs in parallel; only what depends on the stored set waits for the lock.
                await preparer.PrepareAsync(source, cancellationToken).ConfigureAwait(false);
            }

            version = _journal.Version;
            if (analyzer is IConcurrentDocumentAnalyzer)
            {
                // Analysed against the stored set as it is now, outside the lock; revised under it below.
                early = await analyzer.AnalyzeAsync(source, context, cancellationToken).ConfigureAwait(false);
                if (heavy)
                {
                    // A long analysis sees many commits meanwhile: catch up here, so that under the lock little is left.
                    (early, version) = await CatchUpOutsideLockAsync(source, early, version, context, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            slots.Release();
        }

        var waiting = Stopwatch.GetTimestamp();
        // Several instances on one database: theirs too, and first what they committed meanwhile.
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var handOn = false;
        try
        {
            var locked = Stopwatch.GetTimestamp();
            var analysis = await CatchUpAsync(source, early, version, context, cancellationToken).ConfigureAwait(false);
            var analysed = Stopwatch.GetTimestamp();
            // The analysis is done: from here on only the client going away stops the write.
            cancellationToken = requestAborted;
            var story = await ChooseStoryAsync(command, id, analysis, cancellationToken).ConfigureAwait(false);
            var chosen = Stopwatch.GetTimestamp();
            // With the engine's state in the database, its rows are written in the document's own transaction.
            using var engineWrite = SharedAnalyzer?.StageInsert(analysis);
            var staged = Stopwatch.GetTimestamp();
            var outcome = await store.IngestAsync(new NewDocument(
                id, hash, command.Source, command.Url, command.Published, command.Title, command.Text,
                analysis.Document.Passages, analysis.Signatures, analysis.NearDuplicates, analysis.Findings, story, actor)
            {
                StoryKey = command.StoryKey,
                ClaimsJson = analysis.ClaimsJson,
                Removed = analysis.Document.Removed,
                Original = command.Original,
                ItemKey = command.ItemKey,
                EngineState = engineWrite,
            }, cancellationToken).ConfigureAwait(false);

            if (outcome.Duplicate)
            {
                var duplicate = await DuplicateAsync(outcome.DocumentId, cancellationToken).ConfigureAwait(false);
                handOn = true;
                return duplicate;
            }

            var written = Stopwatch.GetTimestamp();
            engineWrite?.Committed();
            await MarkOwnChangeAsync(outcome.ChangeSequence).ConfigureAwait(false);
            var passages = analysis.Document.Passages;
            if (engineWrite is null)
            {
                (analyzer as IStatefulAnalyzer)?.Committed(analysis);
            }

            _journal.Append(new CommittedChange(id, command.StoryKey, Deleted: false));

            var clusters = analysis.NearDuplicates.Select(e => e.Passage).Distinct().Count();
            var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogIngested(logger, id, command.Source, passages.Count, clusters, analysis.Findings.Count, elapsed);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                var unlockedMs = Stopwatch.GetElapsedTime(started, waiting).TotalMilliseconds;
                var waitMs = Stopwatch.GetElapsedTime(waiting, locked).TotalMilliseconds;
                var catchUpMs = Stopwatch.GetElapsedTime(locked, analysed).TotalMilliseconds;
                var writeMs = Stopwatch.GetElapsedTime(analysed).TotalMilliseconds;
                var storyMs = Stopwatch.GetElapsedTime(analysed, chosen).TotalMilliseconds;
                var stageMs = Stopwatch.GetElapsedTime(chosen, staged).TotalMilliseconds;
                var storeMs = Stopwatch.GetElapsedTime(staged, written).TotalMilliseconds;
                var afterMs = Stopwatch.GetElapsedTime(written).TotalMilliseconds;
                LogPhases(logger, id, unlockedMs, waitMs, catchUpMs, writeMs, storyMs, stageMs, storeMs, afterMs);
            }
            handOn = true;
            return new IngestResult(outcome, passages, analysis.NearDuplicates, analysis.Findings);
        }
        finally
        {
            await ExitWriteAsync(handOn).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes a document from the store and then from the index.</summary>
    public async Task<bool> DeleteAsync(string id, string actor, CancellationToken cancellationToken)
    {
        await EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        var handOn = false;
        try
        {
            if (SharedAnalyzer is { } sharedAnalyzer && Shared is { } coordination)
            {
                // The engine's rows go with the document, in its transaction.
                using var engineWrite = sharedAnalyzer.StageDelete(id);
                if (!await coordination.DeleteDocumentAsync(id, engineWrite, cancellationToken).ConfigureAwait(false))
                {
                    handOn = true;
                    return false;
                }

                engineWrite.Committed();
            }
            else
            {
                // What the analyzer counted of the document is taken back from the document as it was stored.
                var stored = analyzer is IStatefulAnalyzer ? await store.GetDocumentAsync(id, cancellationToken).ConfigureAwait(false) : null;
                if (!await store.DeleteDocumentAsync(id, cancellationToken).ConfigureAwait(false))
                {
                    handOn = true;
                    return false;
                }

                if (stored is not null)
                {
                    ((IStatefulAnalyzer)analyzer).Deleted(stored);
                }
            }

            await MarkOwnChangeAsync().ConfigureAwait(false);
            _journal.Append(new CommittedChange(id, null, Deleted: true));
            LogDeleted(logger, id, actor);
            handOn = true;
            return true;
        }
        finally
        {
            await ExitWriteAsync(handOn).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Under the lock: the analysis as if it had run under the lock. An analysis made outside it is revised for the
    /// documents committed or deleted since <paramref name="version"/>; without one (or when the journal no longer
    /// reaches back that far) the analysis runs here.
    /// </summary>
    private async Task<IngestAnalysis> CatchUpAsync(
        SourceDocument source, IngestAnalysis? early, long version, IAnalysisContext context, CancellationToken cancellationToken)
    {
        if (early is null || analyzer is not IConcurrentDocumentAnalyzer concurrent)
        {
            return await analyzer.AnalyzeAsync(source, context, cancellationToken).ConfigureAwait(false);
        }

        var changes = _journal.Since(version);
        if (changes is null)
        {
            return await analyzer.AnalyzeAsync(source, context, cancellationToken).ConfigureAwait(false);
        }

        return changes.Count == 0 ? early : await concurrent.ReviseAsync(source, early, changes, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Outside the lock: revises <paramref name="analysis"/> for what was committed since <paramref name="version"/>, a few
    /// rounds at most, and returns it with the journal version it is now up to date with (some changes of later versions
    /// may already be seen, which revisions tolerate as the unlocked analysis does).
    /// </summary>
    private async Task<(IngestAnalysis Analysis, long Version)> CatchUpOutsideLockAsync(
        SourceDocument source, IngestAnalysis analysis, long version, IAnalysisContext context, CancellationToken cancellationToken)
    {
        if (analyzer is not IConcurrentDocumentAnalyzer concurrent)
        {
            return (analysis, version);
        }

        for (var round = 0; round < 3; round++)
        {
            var now = _journal.Version;
            var changes = _journal.Since(version);
            if (changes is null || changes.Count == 0)
            {
                break;
            }

            analysis = await concurrent.ReviseAsync(source, analysis, changes, context, cancellationToken).ConfigureAwait(false);
            version = now;
        }

        return (analysis, version);
    }

    private async Task<IngestResult> DuplicateAsync(string id, CancellationToken cancellationToken)
    {
        var document = await store.GetDocumentAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"document {id} vanished while answering a duplicate submission");
        var edges = await store.GetEdgesForDocumentAsync(id, cancellationToken).ConfigureAwait(false);
        var findings = await store.GetStoryFindingsAsync(document.StoryId, cancellationToken).ConfigureAwait(false);
        LogDuplicate(logger, id, document.Source);
        return new IngestResult(
            new IngestOutcome(id, document.StoryId, Duplicate: true, [], []),
            document.Passages,
            edges,
            [.. findings.Where(f => f.Document == id).Select(f => f.Finding)]);
    }

    /// <summary>
    /// The client's story key wins; otherwise the story of the stored documents this one shares the most
    /// near-duplicate passages or aligned claims with, within the time window; otherwise a new story.
    /// </summary>
    private async Task<StoryTarget> ChooseStoryAsync(IngestCommand command, string id, IngestAnalysis analysis, CancellationToken cancellationToken)
    {
        if (command.StoryKey is not null)
        {
            return new StoryTarget(null, command.StoryKey, command.Title);
        }

        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        var shapeOnly = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edge in analysis.NearDuplicates)
        {
            if (!StoryEdge(edge))
            {
                shapeOnly.Add(edge.OtherDocument);
                continue;
            }

            weights[edge.OtherDocument] = weights.GetValueOrDefault(edge.OtherDocument) + 1;
        }

        // A document linked by table rows alone is another story (another company's results), and so are the figures
        // aligned with it.
        shapeOnly.ExceptWith(weights.Keys);
        foreach (var evidence in analysis.Findings.Where(f => f.Kind != FindingKind.SingleSource).SelectMany(f => f.Evidence))
        {
            if (!string.Equals(evidence.Document, id, StringComparison.Ordinal) && !shapeOnly.Contains(evidence.Document))
            {
                weights[evidence.Document] = weights.GetValueOrDefault(evidence.Document) + 1;
            }
        }

        if (weights.Count == 0)
        {
            return new StoryTarget(null, null, command.Title);
        }

        var window = TimeSpan.FromHours(options.Value.StoryWindowHours);
        var when = command.Published ?? DateTimeOffset.UtcNow;
        var related = await store.GetDocumentStoriesAsync(weights.Keys, cancellationToken).ConfigureAwait(false);
        var best = related
            .Where(r => (when - (r.Published ?? r.IngestedAt)).Duration() <= window)
            .GroupBy(r => r.StoryId)
            .Select(g => (Story: g.Key, Weight: g.Sum(r => weights[r.Document])))
            .OrderByDescending(s => s.Weight)
            .ThenBy(s => s.Story)
            .FirstOrDefault();
        return best.Weight > 0 ? new StoryTarget(best.Story, null, command.Title) : new StoryTarget(null, null, command.Title);
    }

    /// <summary>Words (of three letters or more) two passages with figures, none of them shared, must share for their link to join stories.</summary>
    internal const int MinimumStoryWords = 6;

    /// <summary>
    /// Whether a near-duplicate link joins two documents' stories. A verbatim copy always does, and so does a reworded or
    /// edited passage that shares a figure with the other or has none; two passages whose figures all differ do only when
    /// they share at least <see cref="MinimumStoryWords"/> words: the rows of two companies' results tables ("Net loss
    /// 53,412,000 vs profit 4,479,000", "Net loss 166,000 vs profit 580,000") link on their shape alone.
    /// </summary>
    internal static bool StoryEdge(NearDuplicateEdge edge)
    {
        if (edge.Kind == "verbatim")
        {
            return true;
        }

        var numbers = Tokens(edge.Span.Text, digits: true);
        var otherNumbers = Tokens(edge.OtherSpan.Text, digits: true);
        if (numbers.Count == 0 || otherNumbers.Count == 0 || numbers.Overlaps(otherNumbers))
        {
            return true;
        }

        var words = Tokens(edge.Span.Text, digits: false);
        words.IntersectWith(Tokens(edge.OtherSpan.Text, digits: false));
        return words.Count >= MinimumStoryWords;
    }

    /// <summary>The distinct numbers ("53,412,000", "1.93") or words of three letters or more (lower-cased) of a passage.</summary>
    private static HashSet<string> Tokens(string text, bool digits)
    {
        var tokens = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (digits ? char.IsDigit(c) : char.IsLetter(c))
            {
                var start = i;
                while (i < text.Length && (digits ? char.IsDigit(text[i]) || ((text[i] is ',' or '.') && i + 1 < text.Length && char.IsDigit(text[i + 1])) : char.IsLetter(text[i])))
                {
                    i++;
                }

                if (digits || i - start >= 3)
                {
                    tokens.Add(text[start..i]);
                }

                continue;
            }

            // A number inside a word ("Q4", "A380") is not a figure; letters after digits ("4th") are not a word here.
            i++;
        }

        return tokens;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // Kept for a waiter that never came (the host stopping): the session's lock goes with its connection.
        if (Interlocked.Exchange(ref _heldLock, null) is { } held)
        {
            held.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _gate.Dispose();
        _analysisSlots.Dispose();
        _heavySlots.Dispose();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Ingested {DocumentId} from {Source}: {Passages} passages, {Clusters} near-duplicate clusters, {Findings} findings in {ElapsedMs} ms")]
    private static partial void LogIngested(ILogger logger, string documentId, string source, int passages, int clusters, int findings, long elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug,
        Message = "Ingest phases of {DocumentId}: {UnlockedMs:0.0} ms before the ingest lock (preparation and analysis), waited {WaitMs:0.0} ms for it, then catch-up analysis {CatchUpMs:0.0} ms, story and write {WriteMs:0.0} ms (story {StoryMs:0.0} ms, engine rows staged {StageMs:0.0} ms, store transaction {StoreMs:0.0} ms, after the commit {AfterMs:0.0} ms)")]
    private static partial void LogPhases(
        ILogger logger, string documentId, double unlockedMs, double waitMs, double catchUpMs, double writeMs, double storyMs, double stageMs, double storeMs, double afterMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Duplicate submission of {DocumentId} from {Source}: nothing stored")]
    private static partial void LogDuplicate(ILogger logger, string documentId, string source);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning,
        Message = "Ingest from {Source} ({Chars} characters, heavy: {Heavy}) stopped by its budget ({Limit}) after {ElapsedMs} ms; nothing stored")]
    private static partial void LogBudgetExceeded(ILogger logger, string source, int chars, bool heavy, BudgetLimit limit, long elapsedMs);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information,
        Message = "Ingest from {Source} ({Chars} characters) stopped after {ElapsedMs} ms: the client went away; nothing stored")]
    private static partial void LogAbandoned(ILogger logger, string source, int chars, long elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Deleted {DocumentId} by {Actor}")]
    private static partial void LogDeleted(ILogger logger, string documentId, string actor);

    private sealed class AnalysisContext(IClaimStore store, string? storyKey) : IAnalysisContext
    {
        public string? StoryKey => storyKey;

        public async Task<IReadOnlyList<string>> GetStoryDocumentIdsAsync(CancellationToken cancellationToken)
        {
            if (storyKey is null || await store.FindStoryByKeyAsync(storyKey, cancellationToken).ConfigureAwait(false) is not { } story)
            {
                return [];
            }

            return await store.GetStoryDocumentIdsAsync(story, cancellationToken).ConfigureAwait(false);
        }

        public Task<StoredDocument?> GetDocumentAsync(string id, CancellationToken cancellationToken) =>
            store.GetDocumentAsync(id, cancellationToken);

        public Task<IReadOnlyList<StoredClaims>> GetClaimsAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken) =>
            store.GetClaimsAsync(documentIds, cancellationToken);
    }
}
