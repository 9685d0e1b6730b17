using System.ComponentModel.DataAnnotations;

namespace ClaimCompare.Server.Hosting;

/// <summary>Service settings, section <c>ClaimCompare</c> (environment: <c>ClaimCompare__DatabasePath</c> and so on).</summary>
public sealed class ServiceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "ClaimCompare";

    /// <summary>
    /// The database, migrated on start: a PostgreSQL connection string (<c>postgres://user:password@host:port/database</c>
    /// or <c>Host=…;Database=…</c>), or else the path of a SQLite file, created when missing.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string DatabasePath { get; set; } = "claimcompare.db";

    /// <summary>Largest accepted request body, in bytes (default 1 MiB); larger bodies get 413.</summary>
    [Range(1024, 64L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Documents sharing near-duplicate passages or aligned claims join one story when published within this many hours of each other.</summary>
    [Range(1, 24 * 365)]
    public int StoryWindowHours { get; set; } = 72;

    /// <summary>Largest page size of list endpoints.</summary>
    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 200;

    /// <summary>
    /// Thread-pool worker threads kept ready (default 32). The pool starts with one per core and adds more slowly, so
    /// while ingests keep every core busy a reviewer's read waits in its queue; with threads ready, the read is
    /// scheduled at once and shares the cores (queue-read p99 during a saturating ingest: 59 ms at the default of
    /// one per core, 19 ms at 32).
    /// </summary>
    [Range(1, 1024)]
    public int MinWorkerThreads { get; set; } = 32;

    /// <summary>
    /// Whether a new document's claims are also aligned with stored documents on the same topic that share no passage
    /// with it (a sentence of one is a rewrite-index candidate of the other) within the story window. Off by default:
    /// it lets reports that share no paragraph raise conflicts and join one story (on the fixtures sent without story
    /// keys it raises the 3,000 against 10,000 troops conflict), but on the load driver's synthetic corpus it also
    /// raised 97 conflicts between unrelated articles and grouped one story of 595 documents.
    /// </summary>
    public bool AlignByTopic { get; set; }

    /// <summary>
    /// The rewrite probability, in (0, 1), at and above which a reworded passage links (Core's
    /// <c>DedupOptions.RewriteThreshold</c>: the same decision as <c>claimcompare dedup --rewrite-threshold</c>); unset
    /// (the default) keeps the model's default, chosen for precision. Rewrite edges carry their probability as
    /// <c>confidence</c>.
    /// </summary>
    [Range(0.0001, 0.9999)]
    public double? RewriteThreshold { get; set; }

    /// <summary>
    /// Wall-clock budget of one ingest, in seconds (default 30), from arrival to the store write: waiting for an
    /// analysis slot, the analysis and its catch-up. An analysis that runs out of it is stopped and answered 422;
    /// one that never got a slot, 503 with <c>Retry-After</c>. Nothing is stored either way.
    /// </summary>
    [Range(1, 3600)]
    public int IngestBudgetSeconds { get; set; } = 30;

    /// <summary>
    /// CPU-time budget of one ingest's analysis, in seconds (default 30), summed over the threads that work for it:
    /// an article that costs more is stopped and answered 422 whatever it waited for. Waiting costs none of it.
    /// </summary>
    [Range(1, 3600)]
    public int IngestCpuBudgetSeconds { get; set; } = 30;

    /// <summary>
    /// Wall-clock budget of one story report, in seconds (default 30); past it the report is stopped and answered 422
    /// (503 when it was still waiting for its turn).
    /// </summary>
    [Range(1, 3600)]
    public int ReportBudgetSeconds { get; set; } = 30;

    /// <summary>
    /// CPU-time budget of one story report, in seconds (default 30), summed over its threads (on two cores a report
    /// can spend it in half its wall-clock time); past it the report is stopped and answered 422.
    /// </summary>
    [Range(1, 3600)]
    public int ReportCpuBudgetSeconds { get; set; } = 30;

    /// <summary>
    /// Articles longer than this many characters (default 32,768: six times a long news article) are heavy: they are
    /// analysed in their own lane (<see cref="HeavyLaneConcurrency"/> at a time), so they never hold the slots that
    /// normal articles are analysed in.
    /// </summary>
    [Range(1024, 64L * 1024 * 1024)]
    public int HeavyDocumentChars { get; set; } = 32 * 1024;

    /// <summary>Heavy articles analysed at once (default 1), beside the one-per-core lane of normal articles.</summary>
    [Range(1, 64)]
    public int HeavyLaneConcurrency { get; set; } = 1;

    /// <summary>
    /// Largest story an on-demand report is computed for, in characters of stored text (default 1,048,576); a larger
    /// story is answered 422 at once rather than risking the service's memory.
    /// </summary>
    [Range(1024, 1L << 30)]
    public long MaxReportChars { get; set; } = 1024 * 1024;

    /// <summary>
    /// Managed-heap ceiling while a report is computed, in MiB (default 1024): past it the report is stopped, answered
    /// 422, and the memory returned to the system.
    /// </summary>
    [Range(64, 1024 * 1024)]
    public int ReportMemoryMiB { get; set; } = 1024;

    /// <summary>Reports computed at once (default 1); others wait for their turn within their budget.</summary>
    [Range(1, 64)]
    public int ReportConcurrency { get; set; } = 1;

    /// <summary>
    /// How often <c>/healthz</c> may really write to the database to prove it still can, in seconds (default 10; 0 on
    /// every call). Between probes the last result stands.
    /// </summary>
    [Range(0, 3600)]
    public int HealthWriteProbeSeconds { get; set; } = 10;
}

/// <summary>API keys, section <c>Auth</c>: <c>Auth:Keys:&lt;key&gt; = ingest | reviewer | admin</c>, optionally <c>role:name</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Auth";

    /// <summary>Each API key mapped to its role, optionally followed by <c>:name</c> to name the actor in the audit trail.</summary>
    [Required]
    public Dictionary<string, string> Keys { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>Per-key rate limits, section <c>RateLimit</c>: a fixed window per API key (per client address without a key).</summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "RateLimit";

    /// <summary>Requests each key may make per window.</summary>
    [Range(1, 10_000_000)]
    public int PermitLimit { get; set; } = 1200;

    /// <summary>Window length in seconds.</summary>
    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;
}
