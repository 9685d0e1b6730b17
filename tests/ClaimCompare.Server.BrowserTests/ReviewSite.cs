using System.Net.Http.Json;
using System.Text.Json;
using ClaimCompare.Core.Ingest;
using ClaimCompare.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace ClaimCompare.Server.BrowserTests;

/// <summary>
/// The service on a loopback port (real Kestrel, as users run it) with the five fixture articles ingested, and Debian's
/// chromium driven by Playwright. Shared by the tests of one class, which run one after another.
/// </summary>
public sealed class ReviewSite : IAsyncLifetime
{
    public const string ReviewerKey = "browser-reviewer-key-0000001";
    public const string SecondReviewerKey = "browser-reviewer-key-0000002";
    public const string IngestKey = "browser-ingest-key-000000001";

    /// <summary>Flags that work for a headless chromium as root on a machine with no network beyond loopback.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "claimcompare-browser", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Review items of the fixture story by kind (the first of each kind).</summary>
    public Dictionary<string, long> Items { get; } = new(StringComparer.Ordinal);

    public long StoryId { get; private set; }

    /// <summary>Review items in all.</summary>
    public int TotalItems { get; private set; }

    /// <summary>Where screenshots go: TestResults/screenshots at the repository root.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _app = ServerHost.Build(
            [
                $"--ClaimCompare:DatabasePath={Path.Combine(_directory, "store.db")}",
                $"--Auth:Keys:{ReviewerKey}=reviewer:alice",
                $"--Auth:Keys:{SecondReviewerKey}=reviewer:bob",
                $"--Auth:Keys:{IngestKey}=ingest",
                "--Serilog:MinimumLevel:Default=Warning",
            ],
            builder => builder.WebHost.UseUrls("http://127.0.0.1:0"));
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single();
        await IngestFixturesAsync();

        var chromium = Environment.GetEnvironmentVariable("CLAIMCOMPARE_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's chromium at {chromium} (apt-get install chromium), or its path in CLAIMCOMPARE_CHROMIUM; .ci/run installs it.");
        }

        // Poll for URLs and elements rather than wait on load events, and allow for a busy shared machine.
        Assertions.SetDefaultExpectTimeout(120_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>A fresh browser context (its own cookies) at the given width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        // The machine is shared with other builds: wait longer than Playwright's 30 s before calling a page stuck.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login form, typing the key as a person would.</summary>
    public static async Task SignInAsync(IPage page, string key = ReviewerKey)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/review$"));
    }

    /// <summary>Saves the whole page, and on a phone-sized window also what the first screen shows.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var width = page.ViewportSize!.Width;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}-{width}.png"), FullPage = true });
        if (width < 600)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{name}-{width}-first-screen.png") });
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task IngestFixturesAsync()
    {
        var folder = Path.Combine(RepositoryRoot(), "fixtures", "russia-nato-2022");
        var manifest = SourceManifest.Parse(await File.ReadAllTextAsync(Path.Combine(folder, SourceManifest.FileName)));
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", IngestKey);
        foreach (var entry in manifest.Documents)
        {
            var text = await File.ReadAllTextAsync(Path.Combine(folder, entry.File));
            using var response = await client.PostAsJsonAsync("/api/documents", new
            {
                source = entry.Outlet ?? entry.Id,
                published = entry.Date is { } date ? $"{date:yyyy-MM-dd}T00:00:00Z" : null,
                text,
                story = manifest.Story,
            });
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            StoryId = json.RootElement.GetProperty("storyId").GetInt64();
        }

        client.DefaultRequestHeaders.Remove("X-Api-Key");
        client.DefaultRequestHeaders.Add("X-Api-Key", ReviewerKey);
        using var queue = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/review?pageSize=100", UriKind.Relative)));
        TotalItems = queue.RootElement.GetProperty("total").GetInt32();
        foreach (var item in queue.RootElement.GetProperty("items").EnumerateArray())
        {
            Items.TryAdd(item.GetProperty("kind").GetString()!, item.GetProperty("id").GetInt64());
        }
    }

    private static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "ClaimCompare.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("cannot find the repository root (ClaimCompare.sln)");
    }
}
