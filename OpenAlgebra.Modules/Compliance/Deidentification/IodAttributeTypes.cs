namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>Attribute types of PS3.3: 1 must hold a value, 2 must be present (may be empty), 3 may be left out.</summary>
internal enum IodType
{
    Type1 = 1,
    Type2 = 2,
    Type3 = 3,
}

/// <summary>
/// The type of attributes in the common image IODs (CT, MR, PET, NM, US, CR/DX/MG, XA, SC, the enhanced multi-frame
/// IODs, Segmentation, SR, RT Plan/Dose/Structure Set), used to resolve the combined action codes of Table E.1-1.
/// Where an attribute has different types in different IODs, the strictest is listed, so the choice keeps every one
/// of those IODs valid (Series Date is Type 1 in PET, Content Date Type 1 in SR and the enhanced IODs). Type 3 is
/// listed for combined-code attributes that are optional in all of them, so they can be removed outright.
/// Attributes not listed here are resolved by <see cref="DeidentificationPolicy"/>'s fallback. The identity
/// attributes at the top have single codes (Z, U); they are listed so that the types the profile relies on for them
/// (a Type 2 attribute may be emptied but not removed, a Type 1 one neither) are stated, and tested, here too.
/// </summary>
internal static class IodAttributeTypes
{
    private static readonly Dictionary<uint, IodType> Types = new()
    {
        // Identity of the objects: Type 1 everywhere (SOP Common, General Study, General Series, Frame of Reference).
        [0x0008_0018] = IodType.Type1, // SOP Instance UID
        [0x0020_000D] = IodType.Type1, // Study Instance UID
        [0x0020_000E] = IodType.Type1, // Series Instance UID
        [0x0020_0052] = IodType.Type1, // Frame of Reference UID

        // Type 1 in at least one common IOD.
        [0x0008_002A] = IodType.Type1, // Acquisition DateTime: 1C in Enhanced CT/MR Image for ORIGINAL images
        [0x0008_0023] = IodType.Type1, // Content Date: 1 in SR Document General, Multi-frame Functional Groups
        [0x0008_0033] = IodType.Type1, // Content Time: as Content Date
        [0x0008_0021] = IodType.Type1, // Series Date: 1 in PET Series
        [0x0008_0031] = IodType.Type1, // Series Time: 1 in PET Series
        [0x0018_1000] = IodType.Type1, // Device Serial Number: 1 in Enhanced General Equipment (enhanced IODs, SEG)

        // Type 2: present, possibly empty (Patient, General Study, General Series, General Image and friends).
        [0x0010_0010] = IodType.Type2, // Patient's Name
        [0x0010_0020] = IodType.Type2, // Patient ID
        [0x0010_0030] = IodType.Type2, // Patient's Birth Date
        [0x0010_0040] = IodType.Type2, // Patient's Sex
        [0x0010_2203] = IodType.Type2, // Patient's Sex Neutered: 2C, for animals
        [0x0008_0020] = IodType.Type2, // Study Date
        [0x0008_0030] = IodType.Type2, // Study Time
        [0x0008_0050] = IodType.Type2, // Accession Number
        [0x0008_0090] = IodType.Type2, // Referring Physician's Name
        [0x0020_0010] = IodType.Type2, // Study ID
        [0x0020_0011] = IodType.Type2, // Series Number
        [0x0020_0013] = IodType.Type2, // Instance Number
        [0x0008_0022] = IodType.Type2, // Acquisition Date: 2 in PET Image
        [0x0008_0032] = IodType.Type2, // Acquisition Time: 2 in PET Image
        [0x0040_0555] = IodType.Type2, // Acquisition Context Sequence: 2 in Acquisition Context (DX, MG, IO, XA)
        [0x0018_0010] = IodType.Type2, // Contrast/Bolus Agent: 2 in Contrast/Bolus
        [0x0070_0084] = IodType.Type2, // Content Creator's Name: 2 in Content Identification (SEG, presentation states)
        [0x0008_1111] = IodType.Type2, // Referenced Performed Procedure Step Sequence: 2 in SR Document General
        [0x0032_1060] = IodType.Type2, // Requested Procedure Description: 2 in SR's Referenced Request Sequence items
        [0x300E_0008] = IodType.Type2, // Reviewer Name: 2C in Approval (RT)
        [0x300A_00B2] = IodType.Type2, // Treatment Machine Name: 2 in RT Beams
        [0x300A_0006] = IodType.Type2, // RT Plan Date: 2 in RT General Plan
        [0x300A_0007] = IodType.Type2, // RT Plan Time

        // Type 3 in every IOD above: optional, so a combined code containing X removes them.
        [0x0008_0012] = IodType.Type3, // Instance Creation Date
        [0x0008_0013] = IodType.Type3, // Instance Creation Time
        [0x0008_0080] = IodType.Type3, // Institution Name
        [0x0008_0082] = IodType.Type3, // Institution Code Sequence
        [0x0008_1010] = IodType.Type3, // Station Name
        [0x0008_1070] = IodType.Type3, // Operators' Name
        [0x0008_1072] = IodType.Type3, // Operator Identification Sequence
        [0x0008_1110] = IodType.Type3, // Referenced Study Sequence
        [0x0018_1030] = IodType.Type3, // Protocol Name
        [0x0018_1400] = IodType.Type3, // Acquisition Device Processing Description
        [0x0018_700A] = IodType.Type3, // Detector ID
        [0x0018_700C] = IodType.Type3, // Date of Last Detector Calibration
        [0x0018_700E] = IodType.Type3, // Time of Last Detector Calibration
    };

    public static IReadOnlyDictionary<uint, IodType> All => Types;

    public static IodType? Find(uint tag) => Types.TryGetValue(tag, out var type) ? type : null;
}
