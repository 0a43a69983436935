namespace OpenAlgebra.Modules.Inference.Engines;

/// <summary>One validation phantom: a request with its known truth mask; the gate scores the engine's mask by Dice.</summary>
public sealed record ValidationCase(string Name, AnalysisRequest Request, LabelMask Truth);
