using Microsoft.Extensions.Options;

namespace OpenAlgebra.Modules.Compliance.Deidentification;

/// <summary>Refuses to start with unusable options, naming each problem.</summary>
internal sealed class DeidentificationOptionsValidator : IValidateOptions<DeidentificationOptions>
{
    public ValidateOptionsResult Validate(string? name, DeidentificationOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
