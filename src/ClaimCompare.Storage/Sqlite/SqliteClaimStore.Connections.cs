using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ClaimCompare.Storage.Sqlite;

public sealed partial class SqliteClaimStore
{
    /// <summary>Runs <paramref name="body"/> in one IMMEDIATE transaction on the writer connection, under the write lock.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> body, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var writer = await GetWriterAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = writer.BeginTransaction(deferred: false);
            // Anything thrown before Commit (a fault, a cancellation, a constraint) disposes the
            // transaction uncommitted, which rolls every row of this call back.
            var result = await body(writer, transaction).ConfigureAwait(false);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<SqliteConnection> GetWriterAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_writer is not null)
        {
            return _writer;
        }

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_options.Path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Not pooled: the writer lives as long as the store, and WAL mode is a property of the file.
        var connection = new SqliteConnection(_options.ConnectionString + ";Pooling=False");
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        using (var pragma = Command(connection, null, string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds};")))
        {
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        _writer = connection;
        return connection;
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_options.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = Command(connection, null, string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA busy_timeout = {(int)_options.BusyTimeout.TotalMilliseconds};"));
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static async Task ExecuteAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        using (command)
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static (string List, (string, object?)[] Parameters) InList(string prefix, IReadOnlyCollection<string> values)
    {
        var names = new string[values.Count];
        var parameters = new (string, object?)[values.Count];
        var i = 0;
        foreach (var value in values)
        {
            names[i] = prefix + i.ToString(CultureInfo.InvariantCulture);
            parameters[i] = (names[i], value);
            i++;
        }

        return (values.Count == 0 ? "NULL" : string.Join(", ", names), parameters);
    }

    private static (string Where, (string, object?)[] Parameters) InClause(string column, string prefix, IReadOnlyCollection<string> values)
    {
        var (list, parameters) = InList(prefix, values);
        return ($"{column} IN ({list})", parameters);
    }

    private static string Now() => FormatTime(DateTimeOffset.UtcNow)!;

    private static string? FormatTime(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal)
            ? null
            : DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        SqliteConnection.ClearPool(new SqliteConnection(_options.ConnectionString));
        _writeGate.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writer?.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_options.ConnectionString));
        _writeGate.Dispose();
    }
}
