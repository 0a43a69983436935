namespace OpenAlgebra.Modules.Platform.Encryption;

/// <summary><c>OpenAlgebra:Encryption</c>: the master key that wraps every object's data key.</summary>
public sealed class EncryptionOptions
{
    public const string Section = "OpenAlgebra:Encryption";

    /// <summary>Base64 of 32 random bytes. When absent, the embedded profile generates <c>data/keys/master.key</c>.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Earlier master keys, still able to unwrap data keys until <c>rotate-master-key</c> has re-wrapped them.</summary>
    public List<string> PreviousMasterKeys { get; set; } = [];
}
