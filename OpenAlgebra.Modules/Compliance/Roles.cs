namespace OpenAlgebra.Modules.Compliance;

/// <summary>The three roles; a user may hold several.</summary>
public static class Roles
{
    public const string Clinician = "Clinician";
    public const string Admin = "Admin";
    public const string Ops = "Ops";

    public static IReadOnlyList<string> All { get; } = [Clinician, Admin, Ops];

    /// <summary>Parses a comma-separated role list case-insensitively into canonical names.</summary>
    /// <exception cref="ArgumentException">A role is unknown, or the list is empty.</exception>
    public static IReadOnlyList<string> Parse(string commaSeparated)
    {
        ArgumentNullException.ThrowIfNull(commaSeparated);
        var roles = new List<string>();
        foreach (var part in commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var role = All.FirstOrDefault(r => string.Equals(r, part, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Unknown role '{part}'; roles are {string.Join(", ", All)}.", nameof(commaSeparated));
            if (!roles.Contains(role))
            {
                roles.Add(role);
            }
        }

        return roles.Count > 0 ? roles : throw new ArgumentException($"At least one role is required ({string.Join(", ", All)}).", nameof(commaSeparated));
    }
}
