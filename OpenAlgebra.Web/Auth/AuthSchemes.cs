namespace OpenAlgebra.Web.Auth;

internal static class AuthSchemes
{
    /// <summary>Picks <see cref="ApiToken"/> when a Bearer header is present, the cookie otherwise.</summary>
    public const string Default = "OpenAlgebra";
    public const string Cookie = "OpenAlgebra.Cookie";
    public const string ApiToken = "OpenAlgebra.ApiToken";

    public const string SessionClaim = "oa:sid";
    public const string TokenClaim = "oa:tid";
}
