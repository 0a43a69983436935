namespace OpenAlgebra.Modules.Compliance;

/// <summary><c>OpenAlgebra:Auth</c>: sign-in, lockout and session rules (HIPAA 164.312(a)(2)(iii), (d)).</summary>
public sealed class AuthOptions
{
    public const string Section = "OpenAlgebra:Auth";

    /// <summary>The floor is 12; configuration may raise it, never lower it.</summary>
    public int MinimumPasswordLength { get; set; } = 12;

    public int LockoutThreshold { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A session with no activity for this long is ended, in the browser tab as well as on the server.</summary>
    public int IdleTimeoutMinutes { get; set; } = 15;

    /// <summary>A session ends this long after sign-in however active it is.</summary>
    public int AbsoluteSessionHours { get; set; } = 12;

    public int TokenLifetimeDays { get; set; } = 90;

    /// <summary>Sign-in attempts per minute from one address, across the API and the sign-in page.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    internal TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    internal TimeSpan LockoutDuration => TimeSpan.FromMinutes(LockoutMinutes);
}
