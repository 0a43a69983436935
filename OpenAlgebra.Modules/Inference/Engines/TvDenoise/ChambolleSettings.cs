namespace OpenAlgebra.Modules.Inference.Engines.TvDenoise;

/// <summary>
/// scikit-image's <c>denoise_tv_chambolle</c> parameters: <paramref name="Weight"/> in the image's units (the larger,
/// the flatter), stop when the energy changes by less than <paramref name="Eps"/> times the first iteration's energy,
/// or after <paramref name="MaxIterations"/>.
/// </summary>
internal readonly record struct ChambolleSettings(float Weight, double Eps, int MaxIterations);
