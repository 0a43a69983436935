using OpenAlgebra.Modules.Imaging.Volumes;

namespace OpenAlgebra.Modules.Imaging.Nifti;

/// <summary>A NIfTI image read into a <see cref="Volumes.Volume"/>, with the header metadata that the volume cannot carry.</summary>
/// <param name="Volume">Voxels after scl_slope/scl_inter, geometry in LPS.</param>
/// <param name="DataType">How the voxels were stored in the file.</param>
/// <param name="IntentCode">nifti1.h intent code (0 none, 1002 label, 1007 vector, …).</param>
/// <param name="IntentName">The header's intent_name text.</param>
/// <param name="Description">The header's descrip text; free text that may identify the patient.</param>
public sealed record NiftiImage(Volume Volume, NiftiDataType DataType, int IntentCode, string IntentName, string Description);
