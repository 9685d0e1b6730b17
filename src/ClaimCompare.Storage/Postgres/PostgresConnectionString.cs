using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Npgsql;

namespace ClaimCompare.Storage.Postgres;

/// <summary>Reads PostgreSQL connection strings in URI form (as libpq and most tools write them) and in Npgsql's keyword form.</summary>
internal static class PostgresConnectionString
{
    // libpq's URI parameters that Npgsql spells otherwise; anything else is passed to Npgsql as a keyword.
    private static readonly Dictionary<string, string> UriParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host"] = "Host",
        ["hostaddr"] = "Host",
        ["port"] = "Port",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["keepalives_idle"] = "Keepalive",
    };

    private static readonly Dictionary<string, string> SslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = "Disable",
        ["allow"] = "Allow",
        ["prefer"] = "Prefer",
        ["require"] = "Require",
        ["verify-ca"] = "VerifyCA",
        ["verify-full"] = "VerifyFull",
    };

    /// <summary>Whether <paramref name="value"/> is a keyword connection string naming a host (<c>Host=…</c> or <c>Server=…</c>).</summary>
    public static bool LooksLikeKeywordForm(string value)
    {
        if (!value.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var part in value.Split(';'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = part[..equals].Trim();
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Validates a keyword connection string and completes it with ClaimCompare's defaults.</summary>
    public static bool TryFromKeywords(string value, out string connectionString, [NotNullWhen(false)] out string? error)
    {
        connectionString = "";
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(value);
        }
        catch (ArgumentException e)
        {
            error = "invalid PostgreSQL connection string: " + e.Message;
            return false;
        }

        return Complete(builder, out connectionString, out error);
    }

    /// <summary>Converts <c>postgres[ql]://[user[:password]@][host][:port][,host2[:port2]...][/database][?param=value&amp;...]</c> to keyword form.</summary>
    public static bool TryFromUri(string uri, out string connectionString, [NotNullWhen(false)] out string? error)
    {
        connectionString = "";
        error = null;
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var builder = new NpgsqlConnectionStringBuilder();

        var query = "";
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = rest[(question + 1)..];
            rest = rest[..question];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? rest[(slash + 1)..] : "";

        // The password may contain '@' only percent-encoded, so the last '@' ends the user info.
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Decode(colon >= 0 ? userInfo[..colon] : userInfo);
            if (user.Length > 0)
            {
                builder.Username = user;
            }

            if (colon >= 0)
            {
                builder.Password = Decode(userInfo[(colon + 1)..]);
            }
        }

        if (authority.Length > 0)
        {
            var hosts = new List<(string Name, int? Port)>();
            foreach (var spec in authority.Split(','))
            {
                if (!TryHostSpec(spec, out var host, out var port, out error))
                {
                    return false;
                }

                hosts.Add((host, port));
            }

            if (hosts.Count == 1)
            {
                builder.Host = hosts[0].Name;
                if (hosts[0].Port is { } port)
                {
                    builder.Port = port;
                }
            }
            else
            {
                // Npgsql reads "host:port" per entry of a list; an IPv6 address keeps its brackets there.
                builder.Host = string.Join(',', hosts.Select(h =>
                    (h.Name.Contains(':', StringComparison.Ordinal) ? "[" + h.Name + "]" : h.Name)
                    + (h.Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : "")));
            }
        }

        if (database.Length > 0)
        {
            builder.Database = Decode(database);
        }

        if (query.Length > 0)
        {
            foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Decode(equals >= 0 ? pair[..equals] : pair);
                var value = equals >= 0 ? Decode(pair[(equals + 1)..]) : "";
                if (!TrySet(builder, key, value, out error))
                {
                    return false;
                }
            }
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            builder.Host = "localhost";
        }

        return Complete(builder, out connectionString, out error);
    }

    /// <summary><c>user@host:port/database</c> for messages; never the password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var host = builder.Host ?? "localhost";
        var where = host.Contains(',', StringComparison.Ordinal)
            ? host
            : host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[')
                ? string.Create(CultureInfo.InvariantCulture, $"[{host}]:{builder.Port}")
                : string.Create(CultureInfo.InvariantCulture, $"{host}:{builder.Port}");
        var user = string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@";
        return $"PostgreSQL {user}{where}/{builder.Database ?? builder.Username ?? ""}";
    }

    private static bool TryHostSpec(string spec, out string host, out int? port, [NotNullWhen(false)] out string? error)
    {
        host = "";
        port = null;
        error = null;
        string name;
        string portText;
        if (spec.StartsWith('['))
        {
            var close = spec.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = "invalid PostgreSQL URI: an IPv6 host is missing its closing ']'";
                return false;
            }

            name = spec[1..close];
            var after = spec[(close + 1)..];
            if (after.Length > 0 && !after.StartsWith(':'))
            {
                error = "invalid PostgreSQL URI: unexpected text after the IPv6 host";
                return false;
            }

            portText = after.Length > 0 ? after[1..] : "";
        }
        else
        {
            var colon = spec.LastIndexOf(':');
            name = colon >= 0 ? spec[..colon] : spec;
            portText = colon >= 0 ? spec[(colon + 1)..] : "";
        }

        if (portText.Length > 0)
        {
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
            {
                error = $"invalid PostgreSQL URI: port '{portText}' is not a number from 1 to 65535";
                return false;
            }

            port = number;
        }

        name = Decode(name);
        host = name.Length == 0 ? "localhost" : name;
        return true;
    }

    private static bool TrySet(NpgsqlConnectionStringBuilder builder, string key, string value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        var keyword = UriParameters.TryGetValue(key, out var mapped) ? mapped : key;
        if (keyword == "SSL Mode" && SslModes.TryGetValue(value, out var mode))
        {
            value = mode;
        }

        try
        {
            builder[keyword] = value;
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            error = $"invalid PostgreSQL URI parameter '{key}': {e.Message}";
            return false;
        }
    }

    private static bool Complete(NpgsqlConnectionStringBuilder builder, out string connectionString, [NotNullWhen(false)] out string? error)
    {
        connectionString = "";
        error = null;
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            error = "invalid PostgreSQL connection string: no Host";
            return false;
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            // Names the service's sessions in pg_stat_activity.
            builder.ApplicationName = "claimcompare";
        }

        if (builder.MaxAutoPrepare == 0 && !HasKeyword(builder, "Max Auto Prepare"))
        {
            // The store runs a few dozen distinct statements over and over: prepared once per connection, they are
            // not parsed and planned again on every call.
            builder.MaxAutoPrepare = 64;
        }

        connectionString = builder.ConnectionString;
        return true;
    }

    private static bool HasKeyword(NpgsqlConnectionStringBuilder builder, string keyword) =>
        builder.ContainsKey(keyword) && builder.ShouldSerialize(keyword);

    // Percent-decoding as libpq does it: UTF-8 sequences, and '+' stays a plus.
    private static string Decode(string value) => Uri.UnescapeDataString(value);
}
