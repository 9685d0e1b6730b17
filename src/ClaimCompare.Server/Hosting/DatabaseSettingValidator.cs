using ClaimCompare.Storage;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Hosting;

/// <summary>Refuses a <see cref="ServiceOptions.DatabasePath"/> that is neither a SQLite path nor a valid PostgreSQL connection string.</summary>
internal sealed class DatabaseSettingValidator : IValidateOptions<ServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, ServiceOptions options) =>
        StoreLocation.TryParse(options.DatabasePath, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{nameof(ServiceOptions.DatabasePath)}: {error}");
}
