using ILGPU;

namespace OpenAlgebra.Modules.LinearAlgebra.Backends.Ilgpu;

/// <summary>
/// A <see cref="Coefficient"/> as a kernel argument: the constant and the slot numbers travel, the scalars stay on the
/// device and every thread reads them there, so α and β never make a round trip to the host.
/// </summary>
internal readonly struct DeviceCoefficient
{
    public readonly double Constant;
    public readonly int Numerator;
    public readonly int Denominator;

    public DeviceCoefficient(double constant, int numerator, int denominator)
    {
        Constant = constant;
        Numerator = numerator;
        Denominator = denominator;
    }

    public double Evaluate(ArrayView<double> scalars)
    {
        var value = Constant;
        if (Numerator >= 0)
            value *= scalars[Numerator];
        if (Denominator >= 0)
            value /= scalars[Denominator];
        return value;
    }
}
