using OpenAlgebra.Modules.Compliance.Deidentification;

namespace OpenAlgebra.Modules.Compliance.PhiScanning;

/// <summary>
/// What Table E.1-1 itself says an attribute may still hold under a set of options, read directly from the rows
/// (not from the de-identification policy): an attribute whose applicable codes are only X and Z must hold no value;
/// one that an enabled option keeps or cleans, or whose code allows a dummy (D) or a replacement UID (U), may.
/// </summary>
internal sealed class ProfileExpectations(ProfileTable table, IReadOnlyCollection<ProfileOption> options)
{
    /// <summary>Why the attribute must hold no value, or null when it may.</summary>
    public string? MustBeEmpty(uint tag)
    {
        var rows = table.Find(tag);
        if (rows.Count == 0)
        {
            return null;
        }

        string? reason = null;
        foreach (var row in rows)
        {
            if (row.OptionCodes.Keys.Any(options.Contains))
            {
                return null;
            }

            var codes = row.Basic.Split('/');
            if (codes.Any(c => c is not ("X" or "Z")))
            {
                return null;
            }

            reason = $"{row.Name}: the profile's action is {row.Basic}, yet it holds a value";
        }

        return reason;
    }
}
