using System.Xml.Linq;
using ClaimCompare.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace ClaimCompare.Server.Security;

/// <summary>
/// Keeps the DataProtection key ring (the keys behind the session and antiforgery cookies) in the database, so that
/// every service instance on one database signs and reads cookies with the same keys: a reviewer signed in through one
/// instance stays signed in when the load balancer sends the next request to another, and keys survive restarts.
/// </summary>
/// <remarks>
/// The keys are stored as DataProtection writes them, unencrypted, so whoever can read the database can forge a session
/// cookie; protect the database's credentials accordingly (or configure an <c>IXmlEncryptor</c> such as a certificate).
/// Sessions are still checked against the configured API keys on every request.
/// </remarks>
public static class StoreKeyRing
{
    /// <summary>The application name every instance shares (it isolates the keys' purposes from other applications').</summary>
    public const string ApplicationName = "ClaimCompare";

    /// <summary>Adds DataProtection with its key ring in the store (when the store keeps one).</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddStoreKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);

        // DataProtection preloads the key ring in a hosted service of its own, which starts before the store is migrated
        // and outside the database's lock: two instances starting at once on a new database each created a first key.
        // StoreInitializer loads the ring instead, after the migrations and under the lock (it runs before requests are
        // accepted, as the preload did).
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IHostedService)
                && services[i].ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService")
            {
                services.RemoveAt(i);
            }
        }

        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
        {
            if (provider.GetRequiredService<IClaimStore>() is IKeyRingStore keys)
            {
                options.XmlRepository = new Repository(keys);
            }
        }));
        return services;
    }

    private sealed class Repository(IKeyRingStore keys) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => [.. keys.ReadKeyElements().Select(x => XElement.Parse(x))];

        public void StoreElement(XElement element, string friendlyName) =>
            keys.StoreKeyElement(friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}
