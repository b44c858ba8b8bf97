using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EduGov.Infrastructure.Common;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Infrastructure.Tests.Support;

/// <summary>
/// What the portal's meter (<see cref="EduGovMetrics"/>) records in one test's services: a listener on the instruments of that
/// service provider's meter factory only, so tests running side by side do not see each other's measurements.
/// </summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> _measurements = new();

    public MetricRecorder(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _ = services.GetRequiredService<EduGovMetrics>(); // its instruments exist from here on
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == EduGovMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var named = new Dictionary<string, string?>();
        foreach (var tag in tags) named[tag.Key] = tag.Value?.ToString();
        _measurements.Enqueue((instrument.Name, value, named));
    }

    /// <summary>The sum of what the instrument recorded with all the given tags.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) =>
        _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value)).Sum(m => m.Value);

    public int Count(string instrument, params (string Key, string Value)[] tags) =>
        _measurements.Count(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value));

    public void Dispose() => _listener.Dispose();
}
