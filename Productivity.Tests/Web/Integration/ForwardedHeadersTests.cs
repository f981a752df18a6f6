using System.Net;
using Microsoft.AspNetCore.Http;
using Productivity.Tests.TestSupport;

namespace Productivity.Tests.Web.Integration;

/// <summary>
/// Security review issue 11, finding 11: <c>X-Forwarded-Proto</c> used to be believed from any client. The scheme the
/// app believes shows in the absolute sign-in redirect that an anonymous request for the dashboard gets.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "203.0.113.7";

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("10.0.0.1")]
    public async Task PlainHttpClaimingHttps_FromAnUnknownAddress_StaysHttp(string remote)
    {
        using var factory = new ProductivityWebFactory();

        (await SchemeSeenAsync(factory, remote)).ShouldBe("http");
    }

    [Fact]
    public async Task PlainHttpClaimingHttps_FromLoopbackByDefault_IsHttps()
    {
        using var factory = new ProductivityWebFactory();

        (await SchemeSeenAsync(factory, "127.0.0.1")).ShouldBe("https");
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", Proxy)]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "203.0.113.0/24")]
    public async Task PlainHttpClaimingHttps_FromAConfiguredProxy_IsHttps(string key, string value)
    {
        using var factory = new ProductivityWebFactory(new Dictionary<string, string?> { [key] = value });

        (await SchemeSeenAsync(factory, Proxy)).ShouldBe("https");
        (await SchemeSeenAsync(factory, "198.51.100.9")).ShouldBe("http");
        // The configured list replaces the loopback default.
        (await SchemeSeenAsync(factory, "127.0.0.1")).ShouldBe("http");
    }

    private static async Task<string> SchemeSeenAsync(ProductivityWebFactory factory, string remoteAddress)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            c.Request.Method = HttpMethods.Get;
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("productivity.example.com");
            c.Request.Path = "/";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
        });
        context.Response.StatusCode.ShouldBe(StatusCodes.Status302Found);
        var location = new Uri(context.Response.Headers.Location.ToString());
        location.AbsolutePath.ShouldBe("/Account/Login");
        return location.Scheme;
    }
}
