using System.Net;
using System.Text.Json;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Integration;

public sealed class HealthEndpointTests : IDisposable
{
    private readonly ProductivityWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_Anonymous_ReturnsHealthyJson(string path)
    {
        var response = await _factory.CreateBrowserClient().GetAsync(path);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        json.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
    }

    [Fact]
    public async Task Ready_ChecksTheDatabase_WithoutLeakingConfiguration()
    {
        var body = await _factory.CreateBrowserClient().GetStringAsync("/health/ready");
        var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks").EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()).ToList();

        checks.ShouldContain("database");
        body.ShouldNotContain("Data Source", Case.Insensitive);
        body.ShouldNotContain("password", Case.Insensitive);
    }
}
