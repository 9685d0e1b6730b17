using ClaimCompare.Core.Comparison;
using Npgsql;

namespace ClaimCompare.Storage.Postgres;

public sealed partial class PostgresClaimStore
{
    private const string ItemColumns = """
        i.id, i.item_key, i.story_id, i.kind, i.topic, i.status, i.assignee, i.note, i.version, i.created_at, i.updated_at,
        (SELECT COUNT(*) FROM review_evidence e WHERE e.item_id = i.id)
        """;

    /// <summary>Opens or extends the story's review items for the findings, under the story's advisory lock (see the class remarks).</summary>
    /// <remarks>
    /// Three round trips per reviewable finding: the item's lookup (the first one with the story's lock), its insert or its
    /// row lock with the evidence, then the read of the new item or the version bump. The audit rows are not read back in
    /// the transaction, so they are returned in <paramref name="audits"/> for the caller's last batch, in the order made.
    /// </remarks>
    private static async Task<(IReadOnlyList<long> Created, IReadOnlyList<long> Updated)> UpsertReviewItemsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        long storyId,
        List<(long Id, Finding Finding)> findings,
        string actor,
        List<NpgsqlBatchCommand> audits,
        CancellationToken cancellationToken)
    {
        var created = new List<long>();
        var updated = new List<long>();
        var locked = false;
        foreach (var (findingId, finding) in findings)
        {
            if (!ReviewItemKey.IsReviewable(finding.Kind))
            {
                continue;
            }

            // The story's lock, held to the end of the transaction, goes with the first lookup (statements after it in the
            // batch run once it is granted, and see what earlier holders committed).
            var storyLock = locked ? null : BatchCommand("SELECT pg_advisory_xact_lock(@class, @story)",
                ("class", ReviewStoryLockClass), ("story", unchecked((int)storyId)));
            locked = true;
            var key = ReviewItemKey.Compute(storyId, finding);
            var existingId = await FindItemIdAsync(connection, transaction, key, storyId, finding, storyLock, cancellationToken).ConfigureAwait(false);
            if (existingId is null)
            {
                await using var insert = Command(connection, transaction, """
                    INSERT INTO review_items (item_key, story_id, kind, topic, status, assignee, note, version, created_at, updated_at)
                    VALUES (@k, @s, @kind, @t, 'open', NULL, NULL, 1, now(), now())
                    ON CONFLICT (item_key) DO NOTHING RETURNING id
                    """, ("k", key), ("s", storyId), ("kind", finding.Kind.ToWireName()), ("t", finding.Topic));
                if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long itemId)
                {
                    // The evidence, then the item as it now is (with its evidence count), in one round trip.
                    await using var batch = new NpgsqlBatch(connection, transaction);
                    if (AttachEvidenceCommand(itemId, findingId, finding) is { } attach)
                    {
                        batch.BatchCommands.Add(attach);
                    }

                    batch.BatchCommands.Add(ReadItemCommand(itemId, forUpdate: false));
                    ReviewItem? after;
                    await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                    {
                        after = await ReadLastItemAsync(reader, cancellationToken).ConfigureAwait(false);
                    }

                    audits.Add(AuditCommand(itemId, actor, "created", null, after!));
                    if (!created.Contains(itemId))
                    {
                        created.Add(itemId);
                    }

                    continue;
                }

                // The key is per story and the story is locked, so only a writer that ignores the lock gets here; the
                // item it committed is then extended like any existing one.
                existingId = await FindItemIdAsync(connection, transaction, key, storyId, finding, null, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"review item {key} conflicted on insert but cannot be read");
            }

            var id = existingId.Value;
            // The row lock orders this change against decisions on the item: the before-image is the current state. The
            // evidence goes in the same round trip, after the lock.
            ReviewItem? existing;
            int added;
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                batch.BatchCommands.Add(ReadItemCommand(id, forUpdate: true));
                var attach = AttachEvidenceCommand(id, findingId, finding);
                if (attach is not null)
                {
                    batch.BatchCommands.Add(attach);
                }

                await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    existing = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadItem(reader) : null;
                    while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
                    {
                    }
                }

                added = attach is null ? 0 : attach.RecordsAffected;
            }

            if (added == 0)
            {
                continue;
            }

            // New evidence changes what a reviewer sees, so it bumps the version (and the ETag),
            // but it never changes the status: a dismissed conflict stays dismissed.
            var changed = await UpdateReturningAsync(connection, transaction, id, "version = i.version + 1, updated_at = now()", "", [], cancellationToken)
                .ConfigureAwait(false);
            audits.Add(AuditCommand(id, actor, "evidence-added", existing, changed!));
            if (!created.Contains(id) && !updated.Contains(id))
            {
                updated.Add(id);
            }
        }

        return (created, updated);
    }

    private static async Task<ReviewItem?> ReadLastItemAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        ReviewItem? item = null;
        do
        {
            if (reader.FieldCount > 1 && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                item = ReadItem(reader);
            }
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
        return item;
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(Parameter(name, value));
        }

        return command;
    }

    private static NpgsqlBatchCommand ReadItemCommand(long id, bool forUpdate) =>
        BatchCommand($"SELECT {ItemColumns} FROM review_items i WHERE i.id = @id{(forUpdate ? " FOR UPDATE OF i" : "")}", ("id", id));

    private static NpgsqlBatchCommand AuditCommand(long itemId, string actor, string action, ReviewItem? before, ReviewItem after) =>
        BatchCommand("INSERT INTO review_audit (item_id, at, actor, action, before, after) VALUES (@i, now(), @actor, @action, @b, @a)",
            ("i", itemId), ("actor", actor), ("action", action), ("b", before is null ? null : Snapshot(before)), ("a", Snapshot(after)));

    /// <summary>
    /// The item with the finding's key; else the story's oldest item of the finding's kind that already holds one of the
    /// finding's claims as evidence: the same disputed claim reached again by a later article, whose topic may be worded
    /// differently (the topic is built from whichever sources the aligner saw, in their order).
    /// </summary>
    private static async Task<long?> FindItemIdAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string key, long storyId, Finding finding, NpgsqlBatchCommand? before,
        CancellationToken cancellationToken)
    {
        var documents = new string[finding.Evidence.Count];
        var starts = new int[finding.Evidence.Count];
        var ends = new int[finding.Evidence.Count];
        for (var i = 0; i < finding.Evidence.Count; i++)
        {
            (documents[i], starts[i], ends[i]) = (finding.Evidence[i].Document, finding.Evidence[i].Claim.Start, finding.Evidence[i].Claim.End);
        }

        var find = BatchCommand("""
            SELECT COALESCE(
                (SELECT id FROM review_items WHERE item_key = @k),
                (SELECT MIN(e.item_id)
                 FROM unnest(@d, @s, @e) AS c(document_id, claim_start, claim_end)
                 JOIN review_evidence e ON e.document_id = c.document_id AND e.claim_start = c.claim_start AND e.claim_end = c.claim_end
                 JOIN review_items i ON i.id = e.item_id
                 WHERE i.story_id = @story AND i.kind = @kind)) AS item
            """, ("k", key), ("d", documents), ("s", starts), ("e", ends), ("story", storyId), ("kind", finding.Kind.ToWireName()));
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (before is not null)
        {
            batch.BatchCommands.Add(before);
        }

        batch.BatchCommands.Add(find);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (before is not null)
        {
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }

        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0) ? reader.GetInt64(0) : null;
    }

    /// <summary>The evidence's insert (a claim the item already holds, or one listed twice, is skipped, as INSERT OR IGNORE does); null without evidence.</summary>
    private static NpgsqlBatchCommand? AttachEvidenceCommand(long itemId, long findingId, Finding finding)
    {
        if (finding.Evidence.Count == 0)
        {
            return null;
        }

        var n = finding.Evidence.Count;
        var documents = new string[n];
        var starts = new int[n];
        var ends = new int[n];
        var json = new string[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            var evidence = finding.Evidence[i];
            (documents[i], starts[i], ends[i], json[i], order[i]) = (evidence.Document, evidence.Claim.Start, evidence.Claim.End, StoreJson.Serialize(evidence), i);
        }

        return BatchCommand("""
            INSERT INTO review_evidence (item_id, document_id, claim_start, claim_end, finding_id, confidence, explanation, json, added_at)
            SELECT @i, u.document_id, u.claim_start, u.claim_end, @f, @c, @x, u.json, now()
            FROM unnest(@d, @s, @e, @json, @order) AS u(document_id, claim_start, claim_end, json, ord)
            ORDER BY u.ord
            ON CONFLICT DO NOTHING
            """, ("i", itemId), ("f", findingId), ("c", finding.Confidence), ("x", finding.Explanation),
            ("d", documents), ("s", starts), ("e", ends), ("json", json), ("order", order));
    }

    /// <inheritdoc />
    public async Task<PagedResult<ReviewItem>> ListReviewItemsAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (where, parameters) = ReviewFilter(query, withStatus: true);
        parameters.Add(("limit", query.PageSize));
        parameters.Add(("offset", (long)(query.Page - 1) * query.PageSize));
        // Items still to be worked first: open, then in progress, then waiting for information, then decided.
        var rank = query.OpenFirst
            ? "CASE i.status WHEN 'open' THEN 0 WHEN 'in-progress' THEN 1 WHEN 'needs-info' THEN 2 ELSE 3 END"
            : "0";
        // A bare 0 in ORDER BY would be read as a column position, so without the rank the order is the id alone.
        var order = query.OpenFirst ? rank + ", i.id" : "i.id";
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // One statement, so one snapshot for the total and the page (they agree while ingests add items) and one round
        // trip; a page past the end is the total's row with no item. The page is chosen over ids alone, so the evidence
        // count (a correlated subquery) runs for its rows only.
        await using var select = Command(connection, null, $"""
            SELECT t.total, p.*
            FROM (SELECT COUNT(*) AS total FROM review_items i WHERE {where}) t
            LEFT JOIN LATERAL (
                SELECT {ItemColumns}, {rank} AS sort_rank
                FROM review_items i
                JOIN (SELECT i.id AS page_id FROM review_items i WHERE {where} ORDER BY {order} LIMIT @limit OFFSET @offset) pg ON pg.page_id = i.id
            ) p ON TRUE
            ORDER BY p.sort_rank, p.id
            """, [.. parameters]);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<ReviewItem>();
        var total = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            total = (int)reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                items.Add(ReadItem(reader, 1));
            }
        }

        return new PagedResult<ReviewItem>(items, query.Page, query.PageSize, total);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> CountReviewItemsByStatusAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (where, parameters) = ReviewFilter(query, withStatus: false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT i.status, COUNT(*) FROM review_items i WHERE {where} GROUP BY i.status", [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var status in ReviewStatus.All)
        {
            counts[status] = 0;
        }

        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = (int)reader.GetInt64(1);
        }

        return counts;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListSourcesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // ix_documents_source leads with the source: a scan of the index, not of the documents.
        await using var command = Command(connection, null, "SELECT DISTINCT source FROM documents ORDER BY source");
        return await ReadStringsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAssigneesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, "SELECT DISTINCT assignee FROM review_items WHERE assignee IS NOT NULL ORDER BY assignee");
        return await ReadStringsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>The WHERE clause of a review query (status optional, for the counts by status).</summary>
    private static (string Where, List<(string, object?)> Parameters) ReviewFilter(ReviewQuery query, bool withStatus) =>
        ReviewFilterSql.Build(query, withStatus, '@', markedNames: false, static t => t);

    // The evidence outlives a deleted document: then the document's columns are null and only its id is known.
    private const string EvidenceSelect = """
        SELECT e.document_id, e.finding_id, e.json, e.confidence, e.explanation, e.added_at, d.source, d.published, d.url, d.title, e.item_id
        FROM review_evidence e LEFT JOIN documents d ON d.id = e.document_id
        """;

    private static ReviewEvidence ReadEvidence(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetInt64(1), StoreJson.Deserialize<Evidence>(reader.GetString(2)),
            reader.GetDouble(3), ReadString(reader, 4), ReadTime(reader, 5)!.Value)
        {
            Outlet = ReadString(reader, 6),
            Published = ReadTime(reader, 7),
            Url = ReadString(reader, 8),
            Title = ReadString(reader, 9),
        };

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<ReviewEvidence>>> GetReviewEvidenceAsync(IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        var result = new Dictionary<long, IReadOnlyList<ReviewEvidence>>();
        if (itemIds.Count == 0)
        {
            return result;
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            EvidenceSelect + " WHERE e.item_id = ANY(@ids) ORDER BY e.item_id, e.added_at, e.document_id, e.claim_start", ("ids", itemIds.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var itemId = reader.GetInt64(10);
            if (!result.TryGetValue(itemId, out var list))
            {
                list = new List<ReviewEvidence>();
                result[itemId] = list;
            }

            ((List<ReviewEvidence>)list).Add(ReadEvidence(reader));
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<ReviewItemDetail?> GetReviewItemAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // One round trip, one snapshot: the item, its evidence and its audit trail agree (the ETag matches what is shown).
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
                new NpgsqlBatchCommand($"SELECT {ItemColumns} FROM review_items i WHERE i.id = $1") { Parameters = { new() { Value = id } } },
                new NpgsqlBatchCommand(EvidenceSelect + " WHERE e.item_id = $1 ORDER BY e.added_at, e.document_id, e.claim_start")
                {
                    Parameters = { new() { Value = id } },
                },
                new NpgsqlBatchCommand("SELECT id, at, actor, action, before, after FROM review_audit WHERE item_id = $1 ORDER BY id")
                {
                    Parameters = { new() { Value = id } },
                },
                new NpgsqlBatchCommand("COMMIT"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        ReviewItem? item = null;
        var evidence = new List<ReviewEvidence>();
        var audit = new List<AuditEntry>();
        // Result sets in order; BEGIN and COMMIT have none of their own.
        var set = 0;
        do
        {
            if (reader.FieldCount == 0)
            {
                continue;
            }

            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                switch (set)
                {
                    case 0:
                        item = ReadItem(reader);
                        break;
                    case 1:
                        evidence.Add(ReadEvidence(reader));
                        break;
                    default:
                        audit.Add(new AuditEntry(reader.GetInt64(0), ReadTime(reader, 1)!.Value, reader.GetString(2), reader.GetString(3),
                            ReadString(reader, 4), reader.GetString(5)));
                        break;
                }
            }

            set++;
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

        return item is null ? null : new ReviewItemDetail(item, evidence, audit);
    }

    /// <inheritdoc />
    public Task<ReviewUpdate> AssignAsync(long id, string? assignee, long expectedVersion, string actor, CancellationToken cancellationToken) =>
        UpdateItemAsync(id, expectedVersion, actor, "assigned", "assignee = @a", [("a", assignee)], cancellationToken);

    /// <inheritdoc />
    public Task<ReviewUpdate> DecideAsync(long id, string status, string? note, long expectedVersion, string actor, CancellationToken cancellationToken)
    {
        if (!ReviewStatus.IsValid(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "unknown review status");
        }

        return UpdateItemAsync(id, expectedVersion, actor, "decided", "status = @s, note = @n", [("s", status), ("n", note)], cancellationToken);
    }

    private Task<ReviewUpdate> UpdateItemAsync(
        long id, long expectedVersion, string actor, string action, string set, (string, object?)[] values, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            // Locked first, so the before-image in the audit is the state this update replaces, never an older read.
            var before = await ReadItemAsync(connection, transaction, id, forUpdate: true, cancellationToken).ConfigureAwait(false);
            if (before is null)
            {
                return new ReviewUpdate(UpdateOutcome.NotFound, null);
            }

            var after = await UpdateReturningAsync(connection, transaction, id, set + ", version = i.version + 1, updated_at = now()", " AND i.version = @v",
                [.. values, ("v", expectedVersion)], cancellationToken).ConfigureAwait(false);
            if (after is null)
            {
                return new ReviewUpdate(UpdateOutcome.VersionMismatch, before);
            }

            await AuditAsync(connection, transaction, id, actor, action, before, after!, cancellationToken).ConfigureAwait(false);
            return new ReviewUpdate(UpdateOutcome.Updated, after);
        }, cancellationToken);

    private static async Task AuditAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long itemId, string actor, string action,
        ReviewItem? before, ReviewItem after, CancellationToken cancellationToken) =>
        await ExecuteAsync(Command(connection, transaction,
            "INSERT INTO review_audit (item_id, at, actor, action, before, after) VALUES (@i, now(), @actor, @action, @b, @a)",
            ("i", itemId), ("actor", actor), ("action", action), ("b", before is null ? null : Snapshot(before)), ("a", Snapshot(after))),
            cancellationToken).ConfigureAwait(false);

    private static string Snapshot(ReviewItem item) =>
        StoreJson.Serialize(new { item.Status, item.Assignee, item.Note, item.Version, item.EvidenceCount });

    /// <summary>Updates the item (its row already locked by this transaction) and returns it as it is now; null when <paramref name="condition"/> did not hold.</summary>
    private static async Task<ReviewItem?> UpdateReturningAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long id, string set, string condition, (string, object?)[] values, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            $"UPDATE review_items i SET {set} WHERE i.id = @id{condition} RETURNING {ItemColumns}", [.. values, ("id", id)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadItem(reader) : null;
    }

    private static async Task<ReviewItem?> ReadItemAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, long id, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            $"SELECT {ItemColumns} FROM review_items i WHERE i.id = @id{(forUpdate ? " FOR UPDATE OF i" : "")}", ("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadItem(reader) : null;
    }

    private static ReviewItem ReadItem(NpgsqlDataReader reader, int offset = 0) => new(
        reader.GetInt64(offset), reader.GetString(offset + 1), reader.GetInt64(offset + 2), reader.GetString(offset + 3), reader.GetString(offset + 4),
        reader.GetString(offset + 5), ReadString(reader, offset + 6), ReadString(reader, offset + 7), reader.GetInt64(offset + 8),
        ReadTime(reader, offset + 9)!.Value, ReadTime(reader, offset + 10)!.Value, (int)reader.GetInt64(offset + 11));
}
