namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>What to do with one attribute: a PS3.15 action code, with combined codes already resolved.</summary>
public enum DeidentificationAction
{
    /// <summary>K: keep; a sequence is kept and its items de-identified in turn.</summary>
    Keep,

    /// <summary>X: remove.</summary>
    Remove,

    /// <summary>Z: keep the attribute with an empty value (a sequence with no items).</summary>
    Empty,

    /// <summary>D: a non-empty dummy consistent with the VR; a UID gets a replacement UID, a sequence has its items de-identified.</summary>
    Dummy,

    /// <summary>C: clean; dates are shifted by the patient's offset, text loses the identifiers in it, a sequence has its items de-identified.</summary>
    Clean,

    /// <summary>U: replace each UID with its keyed replacement; for X/Z/U* sequences, keep them and replace the UIDs inside.</summary>
    ReplaceUid,

    /// <summary>Z with a dummy that is the keyed pseudonym: Patient ID gets the ID pseudonym, Patient's Name the name pattern.</summary>
    Pseudonym,
}
