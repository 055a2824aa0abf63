using Dashboard.Services;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Services;

/// <summary>A prerendered model is taken once, by its own scope, while fresh; untaken ones are bounded.</summary>
public sealed class PrerenderedModelsTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_model_is_taken_once_by_the_same_scope()
    {
        var models = new PrerenderedModels(_clock);
        var ticket = models.Hold("throughput|15m|acme|ops@example.com", _clock.GetUtcNow(), "model");

        Assert.True(models.TryTake<string>(ticket, "throughput|15m|acme|ops@example.com", TimeSpan.FromSeconds(5), out var model, out var builtAt));
        Assert.Equal("model", model);
        Assert.Equal(_clock.GetUtcNow(), builtAt);
        Assert.False(models.TryTake<string>(ticket, "throughput|15m|acme|ops@example.com", TimeSpan.FromSeconds(5), out _, out _));
    }

    [Fact]
    public void Another_scope_never_gets_it_and_the_model_is_dropped()
    {
        var models = new PrerenderedModels(_clock);
        var ticket = models.Hold("throughput|15m|acme|ops@example.com", _clock.GetUtcNow(), "model");

        Assert.False(models.TryTake<string>(ticket, "throughput|15m|globex|ops@example.com", TimeSpan.FromSeconds(5), out _, out _));
        Assert.False(models.TryTake<string>(ticket, "throughput|15m|acme|ops@example.com", TimeSpan.FromSeconds(5), out _, out _));
    }

    [Fact]
    public void A_model_older_than_the_refresh_period_is_not_used()
    {
        var models = new PrerenderedModels(_clock);
        var ticket = models.Hold("scope", _clock.GetUtcNow(), "model");
        _clock.Advance(TimeSpan.FromSeconds(6));

        Assert.False(models.TryTake<string>(ticket, "scope", TimeSpan.FromSeconds(5), out _, out _));
    }

    [Fact]
    public void Models_never_taken_are_bounded_in_count_and_age()
    {
        var models = new PrerenderedModels(_clock);
        for (var i = 0; i < PrerenderedModels.MaxHeld * 3; i++) models.Hold("scope", _clock.GetUtcNow(), new object());
        Assert.Equal(PrerenderedModels.MaxHeld, models.Count);

        _clock.Advance(PrerenderedModels.MaxAge + TimeSpan.FromSeconds(1));
        models.Hold("scope", _clock.GetUtcNow(), new object());
        Assert.Equal(1, models.Count);
    }
}
