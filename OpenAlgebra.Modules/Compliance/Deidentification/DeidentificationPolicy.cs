using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>
/// Table E.1-1 resolved once for one set of options into a dictionary keyed by tag value, so each attribute of each
/// file costs one lookup. Resolution rules, in order:
/// <list type="number">
/// <item>An offered option that is on and has a code for the attribute overrides the Basic Profile; when two such
/// options disagree (Retain Device Identity says K, Retain Modified Dates says C for a calibration date) the
/// cleaning one wins, as it reveals less.</item>
/// <item>A combined code (X/Z, X/D, Z/D, X/Z/D) takes the first of its codes that the attribute's type allows
/// (<see cref="IodAttributeTypes"/>): Type 3 → X, Type 2 → Z, Type 1 → D.</item>
/// <item>For an attribute whose type is not known, the last code of the combination (Z of X/Z, D otherwise): the
/// only choice that is valid whatever the IOD makes it, and no less safe than removal, as an empty or dummy value
/// discloses nothing.</item>
/// <item>X/Z/U* (Referenced Image Sequence, Source Image Sequence) keeps the sequence and replaces the UIDs in it:
/// valid for every type, and it keeps references between the de-identified instances intact.</item>
/// <item>Where the published table lists a tag twice with different codes, the more protective result is used.</item>
/// </list>
/// </summary>
internal sealed class DeidentificationPolicy : IDeidentificationPolicy
{
    private const string ProfileName = "PS3.15 2023b E.1-1 Basic Application Confidentiality Profile";
    private static readonly uint PatientIdTag = DicomTags.PatientId.Value;
    private static readonly uint PatientNameTag = DicomTags.PatientName.Value;

    private readonly Dictionary<uint, DeidentificationAction> _actions;
    private readonly (ProfileRow Row, DeidentificationAction Action)[] _repeatingGroups;
    private readonly HashSet<(string Creator, ushort Group, byte Element)> _safePrivate;
    private readonly HashSet<(string Creator, ushort Group)> _safeCreators;

    public DeidentificationPolicy(ProfileTable table, DeidentificationOptions options, IPseudonymizer pseudonymizer, string productVersion)
    {
        Options = options.With([]);
        Pseudonymizer = pseudonymizer;
        var enabled = Options.ProfileOptions;
        _actions = table.Exact.ToDictionary(p => p.Key, p => p.Value.Select(r => Resolve(r, enabled)).MinBy(Protection));
        _repeatingGroups = table.Masked.Select(r => (r, Resolve(r, enabled))).ToArray();
        _safePrivate = enabled.Contains(ProfileOption.RetainSafePrivate)
            ? Options.SafePrivate.Select(s => s.Parse()).OfType<(string, ushort, byte)>().ToHashSet()
            : [];
        _safeCreators = _safePrivate.Select(s => (s.Creator, s.Group)).ToHashSet();

        var chosen = Enum.GetValues<ProfileOption>().Where(enabled.Contains).ToArray();
        MethodDescription = [ProfileName, .. chosen.Select(o => ProfileCodes.CodeOf(o).Meaning), Truncate($"OpenAlgebra {productVersion}", 64)];
        MethodCodes = [ProfileCodes.BasicProfile, .. chosen.Select(ProfileCodes.CodeOf)];
        LongitudinalTemporalInformation = enabled.Contains(ProfileOption.RetainFullDates) ? "UNMODIFIED"
            : enabled.Contains(ProfileOption.RetainModifiedDates) ? "MODIFIED"
            : "REMOVED";
    }

    public DeidentificationOptions Options { get; }

    public IPseudonymizer Pseudonymizer { get; }

    public IReadOnlyList<string> MethodDescription { get; }

    public IReadOnlyList<DeidentificationCode> MethodCodes { get; }

    public string LongitudinalTemporalInformation { get; }

    public DeidentificationAction ActionFor(DicomTag tag)
    {
        if (tag.IsPrivate)
        {
            return DeidentificationAction.Remove;
        }

        if (_actions.TryGetValue(tag.Value, out var action))
        {
            return action;
        }

        foreach (var (row, repeating) in _repeatingGroups)
        {
            if (row.Matches(tag.Value))
            {
                return repeating;
            }
        }

        return DeidentificationAction.Keep;
    }

    public DeidentificationAction ActionForPrivate(DicomTag tag, string? creator)
    {
        if (_safePrivate.Count == 0 || creator is null || tag.IsGroupLength)
        {
            return DeidentificationAction.Remove;
        }

        var name = creator.Trim();
        var safe = tag.IsPrivateCreator
            ? _safeCreators.Contains((name, tag.Group))
            : tag.Element >= 0x1000 && _safePrivate.Contains((name, tag.Group, (byte)tag.Element));
        return safe ? DeidentificationAction.Keep : DeidentificationAction.Remove;
    }

    internal static DeidentificationAction Resolve(ProfileRow row, IReadOnlyCollection<ProfileOption> enabled)
    {
        var optionCodes = row.OptionCodes.Where(c => enabled.Contains(c.Key)).Select(c => c.Value).ToArray();
        if (optionCodes.Length > 0)
        {
            return optionCodes.Contains("C") ? DeidentificationAction.Clean
                : optionCodes.All(c => c == "K") ? DeidentificationAction.Keep
                : throw new InvalidDataException($"Table E.1-1 gives {row.Name} an option code other than K or C.");
        }

        var codes = row.Basic.Split('/');
        var code = codes.Length == 1 ? codes[0] : Combined(codes, IodAttributeTypes.Find(row.Value));
        var action = code switch
        {
            "X" => DeidentificationAction.Remove,
            "Z" => DeidentificationAction.Empty,
            "D" => DeidentificationAction.Dummy,
            "U" or "U*" => DeidentificationAction.ReplaceUid,
            "K" => DeidentificationAction.Keep,
            "C" => DeidentificationAction.Clean,
            _ => throw new InvalidDataException($"Table E.1-1 gives {row.Name} the unknown action '{row.Basic}'."),
        };
        return action == DeidentificationAction.Empty && (row.Value == PatientIdTag || row.Value == PatientNameTag)
            ? DeidentificationAction.Pseudonym
            : action;
    }

    private static string Combined(string[] codes, IodType? type)
    {
        if (codes.Contains("U*"))
        {
            return "U*";
        }

        string? Allowed(string code) => codes.Contains(code) ? code : null;
        return type switch
        {
            IodType.Type3 => codes[0],
            IodType.Type2 => Allowed("Z") ?? Allowed("D") ?? codes[^1],
            IodType.Type1 => Allowed("D") ?? codes[^1],
            _ => codes[^1],
        };
    }

    /// <summary>Lower is more protective: what the published duplicates are merged by.</summary>
    private static int Protection(DeidentificationAction action) => action switch
    {
        DeidentificationAction.Remove => 0,
        DeidentificationAction.Empty => 1,
        DeidentificationAction.Pseudonym => 2,
        DeidentificationAction.Dummy => 3,
        DeidentificationAction.ReplaceUid => 4,
        DeidentificationAction.Clean => 5,
        _ => 6,
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
