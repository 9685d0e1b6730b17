using System.Globalization;
using ClaimCompare.Core.Comparison;
using Microsoft.Data.Sqlite;

namespace ClaimCompare.Storage.Sqlite;

public sealed partial class SqliteClaimStore
{
    private const string ItemColumns = """
        i.id, i.item_key, i.story_id, i.kind, i.topic, i.status, i.assignee, i.note, i.version, i.created_at, i.updated_at,
        (SELECT COUNT(*) FROM review_evidence e WHERE e.item_id = i.id)
        """;

    private static async Task<(IReadOnlyList<long> Created, IReadOnlyList<long> Updated)> UpsertReviewItemsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        long storyId,
        List<(long Id, Finding Finding)> findings,
        string actor,
        string now,
        CancellationToken cancellationToken)
    {
        var created = new List<long>();
        var updated = new List<long>();
        foreach (var (findingId, finding) in findings)
        {
            if (!ReviewItemKey.IsReviewable(finding.Kind))
            {
                continue;
            }

            var key = ReviewItemKey.Compute(storyId, finding);
            var existing = await ReadItemAsync(connection, transaction, "i.item_key = $k", [("$k", key)], cancellationToken).ConfigureAwait(false)
                ?? await FindItemByClaimAsync(connection, transaction, storyId, finding, cancellationToken).ConfigureAwait(false);
            long itemId;
            if (existing is null)
            {
                using var insert = Command(connection, transaction, """
                    INSERT INTO review_items (item_key, story_id, kind, topic, status, assignee, note, version, created_at, updated_at)
                    VALUES ($k, $s, $kind, $t, 'open', NULL, NULL, 1, $now, $now) RETURNING id
                    """, ("$k", key), ("$s", storyId), ("$kind", finding.Kind.ToWireName()), ("$t", finding.Topic), ("$now", now));
                itemId = (long)(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                await AttachEvidenceAsync(connection, transaction, itemId, findingId, finding, now, cancellationToken).ConfigureAwait(false);
                var after = await ReadItemAsync(connection, transaction, "i.id = $id", [("$id", itemId)], cancellationToken).ConfigureAwait(false);
                await AuditAsync(connection, transaction, itemId, actor, "created", null, after!, now, cancellationToken).ConfigureAwait(false);
                if (!created.Contains(itemId))
                {
                    created.Add(itemId);
                }

                continue;
            }

            itemId = existing.Id;
            var added = await AttachEvidenceAsync(connection, transaction, itemId, findingId, finding, now, cancellationToken).ConfigureAwait(false);
            if (added == 0)
            {
                continue;
            }

            // New evidence changes what a reviewer sees, so it bumps the version (and the ETag),
            // but it never changes the status: a dismissed conflict stays dismissed.
            using (var bump = Command(connection, transaction,
                "UPDATE review_items SET version = version + 1, updated_at = $now WHERE id = $id", ("$now", now), ("$id", itemId)))
            {
                await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var changed = await ReadItemAsync(connection, transaction, "i.id = $id", [("$id", itemId)], cancellationToken).ConfigureAwait(false);
            await AuditAsync(connection, transaction, itemId, actor, "evidence-added", existing, changed!, now, cancellationToken).ConfigureAwait(false);
            if (!created.Contains(itemId) && !updated.Contains(itemId))
            {
                updated.Add(itemId);
            }
        }

        return (created, updated);
    }

    private static async Task<int> AttachEvidenceAsync(
        SqliteConnection connection, SqliteTransaction transaction, long itemId, long findingId, Finding finding, string now, CancellationToken cancellationToken)
    {
        var added = 0;
        using var insert = Command(connection, transaction, """
            INSERT OR IGNORE INTO review_evidence (item_id, document_id, claim_start, claim_end, finding_id, confidence, explanation, json, added_at)
            VALUES ($i, $d, $s, $e, $f, $c, $x, $json, $now)
            """, ("$i", itemId), ("$d", ""), ("$s", 0), ("$e", 0), ("$f", findingId), ("$c", finding.Confidence),
            ("$x", finding.Explanation), ("$json", ""), ("$now", now));
        foreach (var evidence in finding.Evidence)
        {
            insert.Parameters["$d"].Value = evidence.Document;
            insert.Parameters["$s"].Value = evidence.Claim.Start;
            insert.Parameters["$e"].Value = evidence.Claim.End;
            insert.Parameters["$json"].Value = StoreJson.Serialize(evidence);
            added += await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return added;
    }

    /// <summary>
    /// The story's item of the finding's kind that already holds one of the finding's claims as evidence: the same
    /// disputed claim, reached again by a later article, whose topic may be worded differently (the topic is built
    /// from whichever sources the aligner saw, in their order). The oldest such item when there are several.
    /// </summary>
    private static async Task<ReviewItem?> FindItemByClaimAsync(
        SqliteConnection connection, SqliteTransaction transaction, long storyId, Finding finding, CancellationToken cancellationToken)
    {
        using var find = Command(connection, transaction, """
            SELECT MIN(e.item_id) FROM review_evidence e JOIN review_items i ON i.id = e.item_id
            WHERE e.document_id = $d AND e.claim_start = $s AND e.claim_end = $e AND i.story_id = $story AND i.kind = $kind
            """, ("$d", ""), ("$s", 0), ("$e", 0), ("$story", storyId), ("$kind", finding.Kind.ToWireName()));
        long? best = null;
        foreach (var evidence in finding.Evidence)
        {
            find.Parameters["$d"].Value = evidence.Document;
            find.Parameters["$s"].Value = evidence.Claim.Start;
            find.Parameters["$e"].Value = evidence.Claim.End;
            if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long id && (best is null || id < best))
            {
                best = id;
            }
        }

        return best is { } itemId
            ? await ReadItemAsync(connection, transaction, "i.id = $id", [("$id", itemId)], cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <inheritdoc />
    public async Task<PagedResult<ReviewItem>> ListReviewItemsAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (where, parameters) = ReviewFilter(query, withStatus: true);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var count = Command(connection, null, $"SELECT COUNT(*) FROM review_items i WHERE {where}", [.. parameters]);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);

        parameters.Add(("$limit", query.PageSize));
        parameters.Add(("$offset", (long)(query.Page - 1) * query.PageSize));
        // Items still to be worked first: open, then in progress, then waiting for information, then decided.
        var order = query.OpenFirst
            ? "CASE i.status WHEN 'open' THEN 0 WHEN 'in-progress' THEN 1 WHEN 'needs-info' THEN 2 ELSE 3 END, i.id"
            : "i.id";
        // The page is chosen over ids alone, so the evidence count (a correlated subquery) runs for its rows only,
        // not for every matching item before the sort.
        using var select = Command(connection, null,
            $"""
            SELECT {ItemColumns} FROM review_items i
            JOIN (SELECT i.id AS page_id FROM review_items i WHERE {where} ORDER BY {order} LIMIT $limit OFFSET $offset) p ON p.page_id = i.id
            ORDER BY {order}
            """, [.. parameters]);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<ReviewItem>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(ReadItem(reader));
        }

        return new PagedResult<ReviewItem>(items, query.Page, query.PageSize, total);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> CountReviewItemsByStatusAsync(ReviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (where, parameters) = ReviewFilter(query, withStatus: false);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, $"SELECT i.status, COUNT(*) FROM review_items i WHERE {where} GROUP BY i.status", [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var status in ReviewStatus.All)
        {
            counts[status] = 0;
        }

        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListSourcesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        // ix_documents_source is ordered by source: a scan of the index, not of the documents.
        using var command = Command(connection, null, "SELECT DISTINCT source FROM documents ORDER BY source");
        return await ReadStringsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListAssigneesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null, "SELECT DISTINCT assignee FROM review_items WHERE assignee IS NOT NULL ORDER BY assignee");
        return await ReadStringsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(SqliteCommand command, CancellationToken cancellationToken)
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
        ReviewFilterSql.Build(query, withStatus, '$', markedNames: true, static t => FormatTime(t)!);

    private const string EvidenceSelect = """
        SELECT e.document_id, e.finding_id, e.json, e.confidence, e.explanation, e.added_at, d.source, d.published, d.url, d.title, e.item_id
        FROM review_evidence e LEFT JOIN documents d ON d.id = e.document_id
        """;

    private static ReviewEvidence ReadEvidence(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetInt64(1), StoreJson.Deserialize<Evidence>(reader.GetString(2)),
            reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetString(4), ParseTime(reader, 5)!.Value)
        {
            // The evidence outlives a deleted document; then only its id is known.
            Outlet = reader.IsDBNull(6) ? null : reader.GetString(6),
            Published = ParseTime(reader, 7),
            Url = reader.IsDBNull(8) ? null : reader.GetString(8),
            Title = reader.IsDBNull(9) ? null : reader.GetString(9),
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

        var names = new List<string>(itemIds.Count);
        var parameters = new List<(string, object?)>(itemIds.Count);
        foreach (var itemId in itemIds)
        {
            var name = "$i" + names.Count.ToString(CultureInfo.InvariantCulture);
            names.Add(name);
            parameters.Add((name, itemId));
        }

        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        using var command = Command(connection, null,
            EvidenceSelect + $" WHERE e.item_id IN ({string.Join(", ", names)}) ORDER BY e.item_id, e.added_at, e.document_id, e.claim_start", [.. parameters]);
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
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        // One read transaction, so the item, its evidence and its audit trail are one snapshot.
        using var transaction = connection.BeginTransaction(deferred: true);
        var item = await ReadItemAsync(connection, transaction, "i.id = $id", [("$id", id)], cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        var evidence = new List<ReviewEvidence>();
        using (var command = Command(connection, transaction, EvidenceSelect + " WHERE e.item_id = $id ORDER BY e.added_at, e.document_id, e.claim_start", ("$id", id)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                evidence.Add(ReadEvidence(reader));
            }
        }

        var audit = new List<AuditEntry>();
        using (var command = Command(connection, transaction,
            "SELECT id, at, actor, action, before, after FROM review_audit WHERE item_id = $id ORDER BY id", ("$id", id)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                audit.Add(new AuditEntry(reader.GetInt64(0), ParseTime(reader, 1)!.Value, reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5)));
            }
        }

        transaction.Commit();
        return new ReviewItemDetail(item, evidence, audit);
    }

    /// <inheritdoc />
    public Task<ReviewUpdate> AssignAsync(long id, string? assignee, long expectedVersion, string actor, CancellationToken cancellationToken) =>
        UpdateItemAsync(id, expectedVersion, actor, "assigned", "assignee = $a", [("$a", assignee)], cancellationToken);

    /// <inheritdoc />
    public Task<ReviewUpdate> DecideAsync(long id, string status, string? note, long expectedVersion, string actor, CancellationToken cancellationToken)
    {
        if (!ReviewStatus.IsValid(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "unknown review status");
        }

        return UpdateItemAsync(id, expectedVersion, actor, "decided", "status = $s, note = $n", [("$s", status), ("$n", note)], cancellationToken);
    }

    private Task<ReviewUpdate> UpdateItemAsync(
        long id, long expectedVersion, string actor, string action, string set, (string, object?)[] values, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var before = await ReadItemAsync(connection, transaction, "i.id = $id", [("$id", id)], cancellationToken).ConfigureAwait(false);
            if (before is null)
            {
                return new ReviewUpdate(UpdateOutcome.NotFound, null);
            }

            var now = Now();
            using (var update = Command(connection, transaction,
                $"UPDATE review_items SET {set}, version = version + 1, updated_at = $now WHERE id = $id AND version = $v",
                [.. values, ("$now", now), ("$id", id), ("$v", expectedVersion)]))
            {
                if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
                {
                    return new ReviewUpdate(UpdateOutcome.VersionMismatch, before);
                }
            }

            var after = await ReadItemAsync(connection, transaction, "i.id = $id", [("$id", id)], cancellationToken).ConfigureAwait(false);
            await AuditAsync(connection, transaction, id, actor, action, before, after!, now, cancellationToken).ConfigureAwait(false);
            return new ReviewUpdate(UpdateOutcome.Updated, after);
        }, cancellationToken);

    private static async Task AuditAsync(
        SqliteConnection connection, SqliteTransaction transaction, long itemId, string actor, string action,
        ReviewItem? before, ReviewItem after, string now, CancellationToken cancellationToken)
    {
        using var insert = Command(connection, transaction,
            "INSERT INTO review_audit (item_id, at, actor, action, before, after) VALUES ($i, $at, $actor, $action, $b, $a)",
            ("$i", itemId), ("$at", now), ("$actor", actor), ("$action", action),
            ("$b", before is null ? null : Snapshot(before)), ("$a", Snapshot(after)));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Snapshot(ReviewItem item) =>
        StoreJson.Serialize(new { item.Status, item.Assignee, item.Note, item.Version, item.EvidenceCount });

    private static async Task<ReviewItem?> ReadItemAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string where, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, $"SELECT {ItemColumns} FROM review_items i WHERE {where}", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadItem(reader) : null;
    }

    private static ReviewItem ReadItem(SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
        reader.GetInt64(8), ParseTime(reader, 9)!.Value, ParseTime(reader, 10)!.Value, reader.GetInt32(11));
}
