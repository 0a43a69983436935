namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>The PS3.15 Table E.1-1 profile, embedded as data, turned into policies.</summary>
public interface IDeidentificationProfile
{
    /// <summary>The policy of the configured options (<c>OpenAlgebra:Deidentification</c>).</summary>
    IDeidentificationPolicy Configured { get; }

    /// <summary>A policy for other options, e.g. the configured ones plus a command's <c>--option</c>.</summary>
    /// <exception cref="ArgumentException">The options are not usable (both date options, a short secret, a malformed allow-list entry).</exception>
    IDeidentificationPolicy CreatePolicy(DeidentificationOptions options);
}
