namespace OpenAlgebra.Modules.Compliance.Accounts;

internal static class AccountRules
{
    private const int MaximumPasswordLength = 1024;

    public static string ValidUserName(string userName)
    {
        var name = userName?.Trim() ?? "";
        if (name.Length is < 1 or > 64)
        {
            throw new AccountValidationException("User name must be 1 to 64 characters.");
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@'))
            {
                throw new AccountValidationException($"User name '{name}' contains '{c}'; use letters, digits, '.', '_', '-' or '@'.");
            }
        }

        return name;
    }

    public static void ValidPassword(string password, string userName, int minimumLength)
    {
        var minimum = Math.Max(12, minimumLength);
        if (password is null || password.Length < minimum)
        {
            throw new AccountValidationException($"Password must be at least {minimum} characters.");
        }

        if (password.Length > MaximumPasswordLength)
        {
            throw new AccountValidationException($"Password must be at most {MaximumPasswordLength} characters.");
        }

        if (password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            throw new AccountValidationException("Password must not contain the user name.");
        }

        if (password.Distinct().Count() < 4)
        {
            throw new AccountValidationException("Password must use at least 4 different characters.");
        }
    }

    public static IReadOnlyList<string> ValidRoles(IReadOnlyList<string> roles)
    {
        try
        {
            return Compliance.Roles.Parse(string.Join(',', roles));
        }
        catch (ArgumentException e)
        {
            throw new AccountValidationException(e.Message);
        }
    }
}
