using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Productivity.Infrastructure.Telemetry;

namespace Productivity.Tests.TestSupport;

/// <summary>
/// Listens to the app's meter and span source (<see cref="ProductivityTelemetry"/>) as an exporter would, and keeps
/// what the creating test's own asynchronous flow recorded: the instruments are static and tests run in parallel, so
/// measurements of other tests are told apart by the execution context they were recorded on.
/// </summary>
public sealed class TelemetryRecorder : IDisposable
{
    private static readonly AsyncLocal<TelemetryRecorder?> Owner = new();

    private readonly MeterListener _meters = new();
    private readonly ActivityListener _spans;
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();
    private readonly ConcurrentQueue<Activity> _activities = new();

    /// <summary>Create it in the test method itself (not in a helper that is awaited): the flow it marks is the caller's.</summary>
    public TelemetryRecorder()
    {
        Owner.Value = this;
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ProductivityTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _meters.Start();
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ProductivityTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Owner.Value == this)
                {
                    _activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_spans);
    }

    /// <summary>Called with each kept measurement, on the thread that recorded it.</summary>
    public Action<RecordedMeasurement>? OnMeasurement { get; set; }

    public IReadOnlyList<Activity> Spans => [.. _activities];

    public IReadOnlyList<RecordedMeasurement> Of(string instrument, params (string Key, object Value)[] tags) =>
        [.. _measurements.Where(m => m.Instrument == instrument
            && tags.All(t => m.Tags.TryGetValue(t.Key, out var value) && Equals(value, t.Value)))];

    public double Sum(string instrument, params (string Key, object Value)[] tags) => Of(instrument, tags).Sum(m => m.Value);

    public void Dispose()
    {
        _meters.Dispose();
        _spans.Dispose();
    }

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (Owner.Value != this)
        {
            return;
        }
        var measurement = new RecordedMeasurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value));
        _measurements.Enqueue(measurement);
        OnMeasurement?.Invoke(measurement);
    }
}

public sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
