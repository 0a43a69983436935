namespace OpenAlgebra.Modules.Compliance.Audit;

/// <summary>Event IDs of DICOM PS3.15 A.5 (DCM code values).</summary>
public static class AuditEventIds
{
    public const string ApplicationActivity = "110100";
    public const string AuditLogUsed = "110101";
    public const string DicomInstancesAccessed = "110103";
    public const string Export = "110106";
    public const string Import = "110107";
    public const string PatientRecord = "110110";
    public const string Query = "110112";
    public const string SecurityAlert = "110113";
    public const string UserAuthentication = "110114";

    public static string NameOf(string eventId) => eventId switch
    {
        ApplicationActivity => "Application Activity",
        AuditLogUsed => "Audit Log Used",
        DicomInstancesAccessed => "DICOM Instances Accessed",
        Export => "Export",
        Import => "Import",
        PatientRecord => "Patient Record",
        Query => "Query",
        SecurityAlert => "Security Alert",
        UserAuthentication => "User Authentication",
        _ => eventId,
    };
}

/// <summary>Event type codes of DICOM PS3.15 A.5 (DCM code values).</summary>
public static class AuditEventTypes
{
    public const string ApplicationStart = "110120";
    public const string Login = "110122";
    public const string Logout = "110123";
    public const string SecurityConfiguration = "110129";
    public const string UseOfRestrictedFunction = "110132";
    public const string UserSecurityAttributesChanged = "110137";
}

/// <summary>EventActionCode of PS3.15 A.5.</summary>
public static class AuditActions
{
    public const string Create = "C";
    public const string Read = "R";
    public const string Update = "U";
    public const string Delete = "D";
    public const string Execute = "E";
}

/// <summary>EventOutcomeIndicator of PS3.15 A.5.</summary>
public static class AuditOutcomes
{
    public const int Success = 0;
    public const int MinorFailure = 4;
    public const int SeriousFailure = 8;
    public const int MajorFailure = 12;
}
