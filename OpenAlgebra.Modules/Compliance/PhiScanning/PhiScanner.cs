using OpenAlgebra.Modules.Compliance.Deidentification;
using OpenAlgebra.Modules.Imaging.Dicom;

namespace OpenAlgebra.Modules.Compliance.PhiScanning;

internal sealed class PhiScanner : IPhiScanner
{
    private static readonly DicomTag PatientIdentityRemoved = new(0x0012, 0x0062);
    private static readonly DicomTag BurnedInAnnotation = new(0x0028, 0x0301);

    /// <summary>
    /// Code Value, Coding Scheme Designator and Version, Code Meaning, Long and URN Code Value: words of controlled
    /// terminologies ("Recording Observer's Name", scheme "TEST"), not patient data. Searching them would reject files
    /// whenever a patient's name is an ordinary word, so they are left to the attribute rules.
    /// </summary>
    private static readonly HashSet<uint> CodedConcept = [0x0008_0100, 0x0008_0102, 0x0008_0103, 0x0008_0104, 0x0008_0119, 0x0008_0120];

    public IReadOnlyList<PhiFinding> Scan(DicomFile output, IDeidentificationPolicy policy, OriginalIdentity original)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(original);
        var scan = new Walk(policy, original);
        if (!string.Equals(output.Dataset.GetString(PatientIdentityRemoved), "YES", StringComparison.Ordinal))
        {
            scan.Findings.Add(new PhiFinding(PatientIdentityRemoved.ToString(), "Patient Identity Removed is not YES"));
        }

        // Text burned into the pixels is beyond the attribute rules: Clean Pixel Data is not offered, so such a file is refused.
        if (string.Equals(output.Dataset.GetString(BurnedInAnnotation), "YES", StringComparison.Ordinal))
        {
            scan.Findings.Add(new PhiFinding(BurnedInAnnotation.ToString(), "Burned In Annotation is YES: the pixels may show identifying text"));
        }

        scan.Visit(output.FileMetaInformation, "");
        scan.Visit(output.Dataset, "");
        return scan.Findings;
    }

    /// <summary>The state of one scan: what to look for, and what was found.</summary>
    private sealed class Walk
    {
        private readonly ProfileExpectations _expectations;
        private readonly IdentifierSearch _identifiers;
        private readonly bool _datesRetained;
        private readonly HashSet<(string Creator, ushort Group, byte Element)> _safePrivate;
        private readonly Dictionary<string, string> _originalUids = new(StringComparer.Ordinal);
        private readonly string _pseudonymId;
        private readonly string _pseudonymName;

        public Walk(IDeidentificationPolicy policy, OriginalIdentity original)
        {
            var options = policy.Options.ProfileOptions;
            _expectations = new ProfileExpectations(ProfileTable.Instance, options);
            _identifiers = new IdentifierSearch(original);
            _datesRetained = options.Contains(ProfileOption.RetainFullDates) || options.Contains(ProfileOption.RetainModifiedDates);
            _safePrivate = options.Contains(ProfileOption.RetainSafePrivate)
                ? policy.Options.SafePrivate.Select(s => s.Parse()).OfType<(string, ushort, byte)>().ToHashSet()
                : [];
            if (!options.Contains(ProfileOption.RetainUids))
            {
                AddUid(original.StudyInstanceUid, "Study Instance UID");
                AddUid(original.SeriesInstanceUid, "Series Instance UID");
                AddUid(original.SopInstanceUid, "SOP Instance UID");
            }

            // The one replacement the profile puts in place of Z for these two: the site's keyed pseudonym.
            _pseudonymId = policy.Pseudonymizer.PatientId(original.PatientId ?? "");
            _pseudonymName = policy.Pseudonymizer.PatientName(original.PatientId ?? "");
        }

        public List<PhiFinding> Findings { get; } = [];

        public void Visit(DicomDataset dataset, string prefix)
        {
            foreach (var element in dataset)
            {
                var path = prefix + element.Tag;
                if (element.Tag.IsPrivate)
                {
                    if (!IsSafePrivate(dataset, element.Tag))
                    {
                        Findings.Add(new PhiFinding(path, "private attribute not on the safe-private allow-list"));
                        continue;
                    }
                }
                else if (!IsPseudonym(dataset, element) && HoldsValue(dataset, element) && _expectations.MustBeEmpty(element.Tag.Value) is { } reason)
                {
                    Findings.Add(new PhiFinding(path, reason));
                }

                switch (element)
                {
                    case DicomSequence sequence:
                        for (var i = 0; i < sequence.Items.Count; i++)
                        {
                            Visit(sequence.Items[i], $"{path}[{i}].");
                        }

                        break;
                    case DicomValueElement value when value.VR == DicomVR.UI:
                        CheckUids(dataset, value, path);
                        break;
                    // Text only: numbers (DS, IS, binary) cannot spell a name, and UN holds bytes of unknown meaning.
                    case DicomValueElement value when value.VR.IsString() && value.VR is not (DicomVR.DS or DicomVR.IS)
                        && !CodedConcept.Contains(value.Tag.Value) && !IsPseudonym(dataset, value):
                        var isDate = value.VR is DicomVR.DA or DicomVR.DT or DicomVR.TM;
                        foreach (var kind in _identifiers.FindIn(dataset.GetString(value.Tag) ?? "", searchBirthDate: !(isDate && _datesRetained)))
                        {
                            Findings.Add(new PhiFinding(path, $"contains {kind}"));
                        }

                        break;
                }
            }
        }

        private bool IsSafePrivate(DicomDataset dataset, DicomTag tag)
        {
            if (_safePrivate.Count == 0 || tag.IsGroupLength)
            {
                return false;
            }

            if (tag.IsPrivateCreator)
            {
                var name = dataset.GetString(tag)?.Trim();
                return _safePrivate.Any(s => s.Creator == name && s.Group == tag.Group);
            }

            var creator = dataset.GetString(tag.PrivateCreatorTag)?.Trim();
            return creator is not null && tag.Element >= 0x1000 && _safePrivate.Contains((creator, tag.Group, (byte)tag.Element));
        }

        private bool IsPseudonym(DicomDataset dataset, DicomElement element) =>
            (element.Tag == DicomTags.PatientId && dataset.GetString(element.Tag) == _pseudonymId)
            || (element.Tag == DicomTags.PatientName && dataset.GetString(element.Tag) == _pseudonymName);

        private static bool HoldsValue(DicomDataset dataset, DicomElement element) => element switch
        {
            DicomSequence sequence => sequence.Items.Count > 0,
            DicomValueElement value when value.VR.IsString() => (dataset.GetString(value.Tag) ?? "").Trim().Length > 0,
            DicomValueElement value => value.Length > 0,
            _ => true,
        };

        private void CheckUids(DicomDataset dataset, DicomValueElement element, string path)
        {
            foreach (var uid in dataset.GetStrings(element.Tag))
            {
                if (_originalUids.TryGetValue(uid.TrimEnd('\0'), out var which))
                {
                    Findings.Add(new PhiFinding(path, $"holds the original {which}"));
                }
            }
        }

        private void AddUid(string? uid, string which)
        {
            if (uid is { Length: > 0 })
            {
                _originalUids.TryAdd(uid, which);
            }
        }
    }
}
