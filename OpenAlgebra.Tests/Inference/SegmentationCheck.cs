using System.Diagnostics;
using System.Text.Json;
using OpenAlgebra.Tests.Infrastructure;

namespace OpenAlgebra.Tests.Inference;

/// <summary>dcmdump and pydicom (Debian's) as independent readers of a segmentation this platform wrote.</summary>
internal static class SegmentationCheck
{
    // What pydicom makes of the SEG: its structure, per-frame geometry and references, and the decoded frames' sums.
    private const string Script = """
        import json, sys, warnings
        warnings.simplefilter("ignore")
        import pydicom
        ds = pydicom.dcmread(sys.argv[1])
        frames = ds.pixel_array.reshape((int(ds.NumberOfFrames), ds.Rows, ds.Columns))
        per_frame = []
        for n, item in enumerate(ds.PerFrameFunctionalGroupsSequence):
            source = item.DerivationImageSequence[0].SourceImageSequence[0] if "DerivationImageSequence" in item else None
            per_frame.append({
                "segment": int(item.SegmentIdentificationSequence[0].ReferencedSegmentNumber),
                "position": [float(v) for v in item.PlanePositionSequence[0].ImagePositionPatient],
                "index": [int(v) for v in item.FrameContentSequence[0].DimensionIndexValues],
                "source": None if source is None else str(source.ReferencedSOPInstanceUID),
                "pixels": int(frames[n].sum()),
            })
        shared = ds.SharedFunctionalGroupsSequence[0]
        print(json.dumps({
            "sopClass": str(ds.SOPClassUID),
            "modality": ds.Modality,
            "type": ds.SegmentationType,
            "frames": int(ds.NumberOfFrames),
            "shape": list(ds.pixel_array.shape),
            "segments": [{"number": int(s.SegmentNumber), "label": s.SegmentLabel, "algorithm": s.SegmentAlgorithmType} for s in ds.SegmentSequence],
            "frameOfReference": str(ds.FrameOfReferenceUID),
            "study": str(ds.StudyInstanceUID),
            "patient": str(ds.PatientID),
            "referencedSeries": [str(s.SeriesInstanceUID) for s in ds.get("ReferencedSeriesSequence", [])],
            "referencedInstances": sum(len(s.ReferencedInstanceSequence) for s in ds.get("ReferencedSeriesSequence", [])),
            "orientation": [float(v) for v in shared.PlaneOrientationSequence[0].ImageOrientationPatient],
            "spacing": [float(v) for v in shared.PixelMeasuresSequence[0].PixelSpacing],
            "perFrame": per_frame,
        }))
        """;

    public static JsonElement Pydicom(string path) => JsonDocument.Parse(Run(Services.Program(Services.DebianPython, "python3-pydicom"), "-c", Script, path)).RootElement;

    /// <summary>dcmdump's listing; the run fails when dcmdump cannot parse the file or complains on stderr.</summary>
    public static string Dcmdump(string path) => Run(Services.Program("/usr/bin/dcmdump", "dcmtk"), path);

    private static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0 && error.Length == 0, $"{Path.GetFileName(program)} failed ({process.ExitCode}): {error}");
        return output.Result;
    }
}
