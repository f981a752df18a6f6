using Microsoft.AspNetCore.Components.Server.Circuits;
using Productivity.Infrastructure.Telemetry;

namespace Productivity.Web.Telemetry;

/// <summary>Counts this node's open circuits (<c>productivity.circuits.open</c>).</summary>
internal sealed class CircuitTelemetry : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        ProductivityTelemetry.OpenCircuits.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        ProductivityTelemetry.OpenCircuits.Add(-1);
        return Task.CompletedTask;
    }
}
