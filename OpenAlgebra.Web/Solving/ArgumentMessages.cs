namespace OpenAlgebra.Web.Solving;

internal static class ArgumentMessages
{
    /// <summary>
    /// The message of an <see cref="ArgumentException"/> without the " (Parameter 'options')" that .NET appends: the
    /// name of a C# parameter means nothing to someone at a command line or calling the API.
    /// </summary>
    public static string Of(ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.ParamName is { } name ? exception.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : exception.Message;
    }
}
