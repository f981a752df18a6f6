using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Productivity.Benchmarks;

/// <summary>
/// Counts the in-process app's open Blazor circuits (opened and not yet closed), so the benchmark can see on the server
/// that every page it opened has a live circuit, whatever the page shows, and that closed pages' circuits are gone.
/// Registered as one singleton instance: the circuits resolve their handlers from their own scopes, so all share it.
/// </summary>
public sealed class CircuitCounter : CircuitHandler
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private int _open;

    public int Open => Volatile.Read(ref _open);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _open);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _open);
        return Task.CompletedTask;
    }

    /// <summary>Waits until exactly <paramref name="expected"/> circuits are open; returns the count then, or at the timeout.</summary>
    public async Task<int> WaitForAsync(int expected, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (Open != expected && Stopwatch.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(Poll);
        }
        return Open;
    }
}
