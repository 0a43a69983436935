namespace OpenAlgebra.Web.Components.Session;

/// <summary>When the person at this circuit last touched mouse, keyboard or screen (reported by the browser).</summary>
internal sealed class CircuitActivity(TimeProvider clock)
{
    public DateTimeOffset LastActivity { get; private set; } = clock.GetUtcNow();

    public void Touch() => LastActivity = clock.GetUtcNow();

    public TimeSpan IdleFor => clock.GetUtcNow() - LastActivity;
}
