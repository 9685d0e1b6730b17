using System.Net;
using System.Text.RegularExpressions;

namespace ClaimCompare.Server.Tests.Support;

/// <summary>A browser-like session against the review pages: cookies, antiforgery tokens read from the forms, no redirects followed.</summary>
public sealed partial class PageSession(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    /// <summary>Signs in at /login with <paramref name="key"/>; returns the POST's response.</summary>
    public static async Task<(PageSession Session, HttpResponseMessage Response)> SignInAsync(TestApp app, string key, string baseAddress = "http://localhost")
    {
        var session = new PageSession(app.Browser(baseAddress));
        var response = await session.SubmitAsync("/login", "/login", new() { ["apiKey"] = key });
        return (session, response);
    }

    /// <summary>Signs in and checks that it worked.</summary>
    public static async Task<PageSession> SignedInAsync(TestApp app, string key = TestApp.ReviewerKey)
    {
        var (session, response) = await SignInAsync(app, key);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<string> HtmlAsync(string path)
    {
        var (status, html) = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        return html;
    }

    /// <summary>Reads the form page at <paramref name="formPage"/> for its antiforgery token, then posts <paramref name="fields"/> with it to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPage, string action, Dictionary<string, string> fields, bool withToken = true)
    {
        var (_, html) = await GetAsync(formPage);
        if (withToken)
        {
            fields["__antiforgery"] = Token(html);
        }

        return await Client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    public static string Token(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token in the page");

    /// <summary>The hidden version field of the item page's forms.</summary>
    public static long Version(string html) => long.Parse(VersionField().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__antiforgery\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}
