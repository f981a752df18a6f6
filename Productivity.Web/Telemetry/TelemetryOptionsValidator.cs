using Microsoft.Extensions.Options;

namespace Productivity.Web.Telemetry;

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    private const string Section = TelemetryOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{Section}:Endpoint must be an absolute http or https address such as http://otel-collector:4317 (got '{endpoint}').");
        }
        var prometheus = options.Prometheus;
        if (prometheus.Token is { Length: > 0 and < PrometheusScrapeOptions.MinTokenLength })
        {
            failures.Add($"{Section}:Prometheus:Token must be at least {PrometheusScrapeOptions.MinTokenLength} characters.");
        }
        if (prometheus.Enabled && string.IsNullOrEmpty(prometheus.Token) && prometheus.Port is null)
        {
            failures.Add($"{Section}:Prometheus:Token (or {Section}:Prometheus:Port) must be set when {Section}:Prometheus:Enabled is true: /metrics is never served unprotected.");
        }
        if (prometheus.Port is < 1 or > 65535)
        {
            failures.Add($"{Section}:Prometheus:Port must be a port number from 1 to 65535 (got {prometheus.Port}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
