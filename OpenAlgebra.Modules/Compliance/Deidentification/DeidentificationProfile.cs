using Microsoft.Extensions.Options;
using OpenAlgebra.Modules.Platform;

namespace OpenAlgebra.Modules.Compliance.Deidentification;

internal sealed class DeidentificationProfile(IOptions<DeidentificationOptions> options, SiteSecrets secrets, ProductInfo product) : IDeidentificationProfile
{
    private readonly Lazy<IDeidentificationPolicy> _configured = new(() => Create(options.Value, secrets, product));

    public IDeidentificationPolicy Configured => _configured.Value;

    public IDeidentificationPolicy CreatePolicy(DeidentificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(options, secrets, product);
    }

    private static DeidentificationPolicy Create(DeidentificationOptions options, SiteSecrets secrets, ProductInfo product)
    {
        if (options.Problems() is [var first, ..])
        {
            throw new ArgumentException(first, nameof(options));
        }

        var pseudonymizer = new Pseudonymizer(secrets.Resolve(options), options.PatientNamePattern);
        return new DeidentificationPolicy(ProfileTable.Instance, options, pseudonymizer, product.Version);
    }
}
