using System.Data;
using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;

namespace ClaimCompare.Storage.Postgres;

public sealed partial class PostgresClaimStore
{
    // Aborted by PostgreSQL so that another transaction could go on; running the whole transaction again is safe.
    private const string DeadlockDetected = "40P01";
    private const string SerializationFailure = "40001";

    /// <summary>Opens a pooled connection; a failure to reach or log in to the server becomes a <see cref="StoreUnavailableException"/>.</summary>
    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is NpgsqlException or SocketException or TimeoutException)
        {
            throw new StoreUnavailableException($"cannot connect to {Description}: {Reason(e)}", e);
        }
    }

    private static string Reason(Exception e)
    {
        if (e is PostgresException postgres)
        {
            return postgres.MessageText;
        }

        // Npgsql says "Failed to connect to host:port"; the socket or timeout error under it says why.
        var innermost = e;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost.Message;
    }

    /// <summary>
    /// Runs <paramref name="body"/> in one READ COMMITTED transaction on its own connection and commits it; runs it again
    /// (up to <see cref="PostgresStoreOptions.MaxAttempts"/> times) when PostgreSQL aborted it as a deadlock victim or a
    /// serialisation failure. Anything else thrown rolls the whole transaction back.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> body, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
                var result = await body(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (PostgresException e) when (e.SqlState is DeadlockDetected or SerializationFailure && attempt < _options.MaxAttempts)
            {
            }
        }
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(Parameter(name, value));
        }

        return command;
    }

    private static NpgsqlParameter Parameter(string name, object? value) => value switch
    {
        // Typed, so that a null is still a text or bigint to the server.
        null => new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value },
        DateTimeOffset time => new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = time.ToUniversalTime() },
        _ => new NpgsqlParameter(name, value),
    };

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };

    private static async Task<int> ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DateTimeOffset? ReadTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static string? ReadString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _dataSource.Dispose();
    }
}
