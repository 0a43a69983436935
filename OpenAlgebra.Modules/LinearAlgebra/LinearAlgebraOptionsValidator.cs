using Microsoft.Extensions.Options;

namespace OpenAlgebra.Modules.LinearAlgebra;

/// <summary>Refuses the start with every setting of <c>OpenAlgebra:LinearAlgebra</c> that is out of range, each named.</summary>
internal sealed class LinearAlgebraOptionsValidator : IValidateOptions<LinearAlgebraOptions>
{
    public ValidateOptionsResult Validate(string? name, LinearAlgebraOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
