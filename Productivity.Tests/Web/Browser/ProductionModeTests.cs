using System.Net;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Browser;

/// <summary>The real app in environment Production, where the exception handler page is in the pipeline.</summary>
public sealed class ProductionModeTests : IAsyncLifetime
{
    private readonly DirectoryInfo _dataFolder = Directory.CreateTempSubdirectory("productivity-production-");
    private AppProcess? _app;

    public async Task InitializeAsync() =>
        _app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Data__Folder"] = _dataFolder.FullName,
            ["Jobs__Enabled"] = "false",
            ["Seed__AdminEmail"] = TestHost.AdminEmail,
            ["Seed__AdminPassword"] = TestHost.AdminPassword,
        });

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_IsABadRequestNotAServerError()
    {
        using var http = ThroughTheProxy();

        var response = await http.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, _app!.Output);
    }

    // The app sits behind a TLS proxy on the same machine (trusted by default): outside Development it refuses to
    // issue anti-forgery tokens over plain HTTP.
    private HttpClient ThroughTheProxy()
    {
        var http = new HttpClient { BaseAddress = _app!.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return http;
    }

    public Task DisposeAsync()
    {
        _app?.Dispose();
        _dataFolder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
