using Microsoft.Extensions.Options;

namespace OpenAlgebra.Modules.Imaging.Ingest;

/// <summary>Refuses to start with unusable upload limits, naming each key that is wrong.</summary>
internal sealed class UploadOptionsValidator : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions options) =>
        options.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
