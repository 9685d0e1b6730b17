namespace ClaimCompare.Storage;

/// <summary>The WHERE clause of a review query, shared by the stores (they differ only in how parameters are written).</summary>
internal static class ReviewFilterSql
{
    /// <summary>Builds the condition on <c>review_items i</c> and its parameters.</summary>
    /// <param name="query">The query.</param>
    /// <param name="withStatus">Whether the status filter applies (not for the counts by status).</param>
    /// <param name="marker">What marks a parameter in the SQL: <c>$</c> (SQLite) or <c>@</c> (PostgreSQL).</param>
    /// <param name="markedNames">Whether the parameters' names carry the marker too (SQLite's do).</param>
    /// <param name="time">How the store writes a point in time.</param>
    public static (string Where, List<(string, object?)> Parameters) Build(
        ReviewQuery query, bool withStatus, char marker, bool markedNames, Func<DateTimeOffset, object> time)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object?)>();
        string Add(string name, object? value)
        {
            parameters.Add((markedNames ? marker + name : name, value));
            return marker + name;
        }

        if (withStatus && query.Status is not null)
        {
            conditions.Add("i.status = " + Add("status", query.Status));
        }

        if (query.StoryId is not null)
        {
            conditions.Add("i.story_id = " + Add("story", query.StoryId));
        }

        if (query.Assignee is not null)
        {
            conditions.Add("i.assignee = " + Add("assignee", query.Assignee));
        }

        if (query.Kind is not null)
        {
            conditions.Add("i.kind = " + Add("kind", query.Kind));
        }

        if (query.Outlet is not null || query.From is not null || query.To is not null)
        {
            // Outlet and date are the sources': an item matches when one of its evidence documents does. Driven from
            // the documents (ix_documents_source, then the evidence by document), not by probing every item.
            var source = new List<string>();
            if (query.Outlet is not null)
            {
                source.Add("d.source = " + Add("outlet", query.Outlet));
            }

            if (query.From is { } from)
            {
                source.Add("d.published >= " + Add("from", time(from)));
            }

            if (query.To is { } to)
            {
                source.Add("d.published < " + Add("to", time(to)));
            }

            conditions.Add($"i.id IN (SELECT e.item_id FROM documents d JOIN review_evidence e ON e.document_id = d.id WHERE {string.Join(" AND ", source)})");
        }

        return (conditions.Count == 0 ? "1 = 1" : string.Join(" AND ", conditions), parameters);
    }
}
