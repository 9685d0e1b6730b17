namespace ClaimCompare.Storage;

/// <summary>
/// The database cannot serve as the store: it cannot be reached or refuses the connection (server down, wrong host,
/// password or database name), or it is not usable (not a SQLite file, read-only, full, a newer schema).
/// </summary>
/// <remarks>The message is one line for people, naming the database without its password and the reason the server, file or network gave.</remarks>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">One line for people.</param>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">One line for people.</param>
    /// <param name="innerException">The driver's exception.</param>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
