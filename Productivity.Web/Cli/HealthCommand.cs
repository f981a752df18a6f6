using System.CommandLine;
using System.Globalization;

namespace Productivity.Web.Cli;

/// <summary>
/// <c>health</c>: asks a running site whether it is up, for the container's HEALTHCHECK (the aspnet base image has no
/// curl or wget). A plain HTTP GET with a short timeout; no host, no configuration, no database: it checks the site
/// from outside as an orchestrator would. Exit 0 on a 2xx answer, 1 on anything else (Docker reserves 2).
/// </summary>
internal static class HealthCommand
{
    public const int DefaultTimeoutSeconds = 5;

    public static Command Create()
    {
        var url = new Option<Uri>("--url")
        {
            Description = "Address to GET. Default: http://127.0.0.1:PORT/health/live, PORT the first of ASPNETCORE_HTTP_PORTS (else 8080).",
            HelpName = "URL",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    return uri;
                }
                result.AddError($"--url must be an absolute http:// or https:// address (got '{text}').");
                return null;
            },
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for the answer.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => DefaultTimeoutSeconds,
        };
        timeout.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && (!int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 60))
            {
                result.AddError($"--timeout must be a whole number of seconds from 1 to 60 (got '{result.Tokens[0].Value}').");
            }
        });
        var command = new Command("health", "Check that a running site answers (exit 0) or not (exit 1); for a container HEALTHCHECK.") { url, timeout };
        command.SetAction((parse, cancellationToken) =>
            ProbeAsync(parse.GetValue(url) ?? DefaultUrl(), TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken));
        return command;
    }

    /// <summary>This container's own liveness endpoint: loopback, on the port Kestrel listens on (the image sets 8080).</summary>
    private static Uri DefaultUrl()
    {
        var ports = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS") ?? "";
        var port = ports.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : (int?)null)
            .FirstOrDefault(p => p is > 0 and < 65536) ?? 8080;
        return new Uri($"http://127.0.0.1:{port}/health/live");
    }

    private static async Task<int> ProbeAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Never through a proxy: the probe is for this machine's own site, whatever HTTP_PROXY the container has.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = timeout }) { Timeout = timeout };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var summary = $"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(body)}";
            if (response.IsSuccessStatusCode)
            {
                Console.WriteLine(summary);
                return CommandLine.Succeeded;
            }
            Console.Error.WriteLine($"Unhealthy: {summary}");
        }
        catch (HttpRequestException ex)
        {
            Console.Error.WriteLine($"Unhealthy: {url} is unreachable ({ex.Message}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"Unhealthy: {url} did not answer within {timeout.TotalSeconds:0} s.");
        }
        return CommandLine.Failed;
    }

    private static string Shorten(string body)
    {
        var line = body.ReplaceLineEndings(" ").Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}
