var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.Run();

/// <summary>The service entry point, public for WebApplicationFactory tests.</summary>
public partial class Program;
