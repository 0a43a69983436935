namespace OpenAlgebra.Modules.Imaging.DicomWeb;

/// <summary>Failure Reason (0008,1197) of an instance STOW-RS did not store (PS3.18 10.5.3, PS3.4 B.2.3).</summary>
public enum StowFailureReason : ushort
{
    /// <summary>0110: a general failure in processing the instance.</summary>
    ProcessingFailure = 0x0110,

    /// <summary>0122: the SOP Class is not supported.</summary>
    SopClassNotSupported = 0x0122,

    /// <summary>A700: out of resources.</summary>
    OutOfResources = 0xA700,

    /// <summary>A900: the data set does not match the SOP Class.</summary>
    DataSetDoesNotMatchSopClass = 0xA900,

    /// <summary>
    /// A901: the instance's Study Instance UID is not that of the study the request was sent to (/studies/{study}).
    /// PS3.18 I.2.2 gives the A9xx codes to data sets that do not match what they must; within that range this one is
    /// this server's own, as the standard allows (and as other servers answer the same case).
    /// </summary>
    StudyInstanceUidDoesNotMatch = 0xA901,

    /// <summary>C000: cannot understand (e.g. not DICOM, or a part that could not be parsed).</summary>
    CannotUnderstand = 0xC000,
}

/// <summary>Warning Reason (0008,1196) of an instance STOW-RS stored, but not exactly as sent (PS3.18 10.5.3, PS3.4 B.2.3).</summary>
public enum StowWarningReason : ushort
{
    /// <summary>B000: some attributes were coerced (de-identification replaces identifying values).</summary>
    CoercionOfDataElements = 0xB000,

    /// <summary>B006: some attributes were discarded.</summary>
    ElementsDiscarded = 0xB006,

    /// <summary>B007: the data set does not match the SOP Class; stored anyway.</summary>
    DataSetDoesNotMatchSopClass = 0xB007,
}
