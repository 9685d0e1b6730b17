using ClaimCompare.Core.Claims;
using ClaimCompare.Core.Comparison;
using ClaimCompare.Core.Similarity;
using ClaimCompare.Core.Text;

namespace ClaimCompare.Core.Reporting;

/// <summary>
/// The main job in one call: near-duplicate passages, claims of every source, their alignment into
/// findings, and the <see cref="ComparisonReport"/> that holds them all.
/// </summary>
/// <remarks>
/// <para>
/// Copies are folded before claims are aligned (<see cref="ComparisonOptions.FoldCopies"/>): the near-duplicate stage
/// links the passages that are copies of one another, and a claim printed in the same words in linked passages is
/// aligned once, with its copies as members of its evidence. A reprint that changed a figure keeps its own wording,
/// linked to the original, and so conflicts with it.
/// </para>
/// <para>
/// Every stage is bounded: near-duplicate grouping and alignment grow linearly with the passages and the distinct
/// wordings, pair comparisons within a block are capped (<see cref="ComparisonOptions.MaxComparisonsPerBlock"/>), the
/// findings about one document and in all are capped, and the whole report has a time and memory
/// <see cref="Budget"/>. What a bound leaves out is listed in <see cref="ComparisonReport.Omitted"/>.
/// </para>
/// </remarks>
public sealed class ComparisonReportBuilder(ComparisonOptions? comparison = null, DedupOptions? dedup = null)
{
    private readonly ComparisonOptions _comparison = comparison ?? new ComparisonOptions();
    private readonly DedupOptions _dedup = dedup ?? DedupOptions.Default;

    /// <summary>Time and memory the report may spend; <see cref="ReportBudget.Default"/> unless set.</summary>
    public ReportBudget Budget { get; init; } = ReportBudget.Default;

    /// <summary>Threads for near-duplicate detection and claim extraction; -1 (the default) for all cores. The report is the same whatever the value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Receives the name and duration of each stage as it ends (for progress and diagnostics); null by default.</summary>
    public Action<string, TimeSpan>? StageCompleted { get; init; }

    /// <summary>Compares <paramref name="documents"/>, which must have distinct ids.</summary>
    /// <param name="documents">Processed documents of one story.</param>
    /// <returns>The report; sources in id order.</returns>
    /// <exception cref="ArgumentException">Two documents share an id.</exception>
    public ComparisonReport Build(IReadOnlyList<ProcessedDocument> documents) => Build(documents, CancellationToken.None);

    /// <summary>Compares <paramref name="documents"/>, stopping when <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="documents">Processed documents of one story.</param>
    /// <param name="cancellationToken">Passed to every stage: near-duplicates, extraction, alignment.</param>
    /// <returns>The report; sources in id order. When the <see cref="Budget"/> runs out, the report holds what the stages
    /// before finished and <see cref="ComparisonReport.Omitted"/> says what was left out.</returns>
    /// <exception cref="ArgumentException">Two documents share an id.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public ComparisonReport Build(IReadOnlyList<ProcessedDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        Budget.Validate();
        var sources = new List<ReportSource>(documents.Count);
        foreach (var document in documents)
        {
            sources.Add(new ReportSource(document));
        }

        sources.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));

        var omitted = new List<Omission>();
        using var watch = new BudgetWatch(Budget, cancellationToken);
        // This thread's stages count to the report's CPU time; the parallel stages' workers count themselves.
        using var cpu = watch.Cpu.Enter();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        DedupResult? dedup = null;
        IReadOnlyList<Finding> findings = [];
        var stage = "near-duplicate detection";
        try
        {
            dedup = new NearDuplicateDetector(MaxDegreeOfParallelism).Detect(documents, _dedup, watch.Token);
            Completed(stage, clock);
            stage = "claim extraction";
            watch.ThrowIfExpired();
            var claims = ClaimExtractor.ExtractAll(documents, GroupsOf(dedup), MaxDegreeOfParallelism, watch.Token);
            Completed(stage, clock);
            stage = "claim alignment";
            watch.ThrowIfExpired();
            findings = new ClaimAligner(_comparison).Align(claims, LinksOf(dedup), null, omitted, watch.Token);
            Completed(stage, clock);
        }
        catch (OperationCanceledException) when (watch.Expired && !cancellationToken.IsCancellationRequested)
        {
            var left = stage switch
            {
                "near-duplicate detection" => "near-duplicate clusters, overlap and every finding",
                "claim extraction" => "every finding (claims were not all extracted)",
                _ => "every finding (claims were not all aligned)",
            };
            omitted.Add(new Omission(watch.Reason!, $"{watch.Describe()} after {watch.Elapsed.TotalSeconds:0.#} s ({watch.CpuUsed.TotalSeconds:0.#} CPU-s), during {stage}: left out {left}", documents.Count));
        }

        return new ComparisonReport(sources, findings, dedup?.Clusters ?? [], dedup?.Overlap ?? []) { Omitted = omitted };
    }

    private void Completed(string stage, System.Diagnostics.Stopwatch clock)
    {
        StageCompleted?.Invoke(stage, clock.Elapsed);
        clock.Restart();
    }

    /// <summary>The documents that share a near-duplicate passage belong together: people's names merge across them.</summary>
    public static DocumentGroups GroupsOf(DedupResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var groups = new DocumentGroups();
        foreach (var cluster in result.Clusters)
        {
            for (var i = 1; i < cluster.Members.Count; i++)
            {
                groups.Link(cluster.Members[0].Document, cluster.Members[i].Document);
            }
        }

        return groups;
    }

    /// <summary>Links the passages of every near-duplicate cluster.</summary>
    public static PassageLinks LinksOf(DedupResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var links = new PassageLinks();
        foreach (var cluster in result.Clusters)
        {
            var first = cluster.Members[0];
            for (var i = 1; i < cluster.Members.Count; i++)
            {
                links.Add(first.Document, first.Passage, cluster.Members[i].Document, cluster.Members[i].Passage);
            }
        }

        return links;
    }
}
