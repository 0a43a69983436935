using System.Text;
using System.Text.Json.Nodes;
using OpenAlgebra.Modules.Inference.Analyses;

namespace OpenAlgebra.Tests.Inference;

/// <summary>metrics.csv: every value of metrics.json on a row of its own, per-label values with their label, quoted where CSV needs it.</summary>
public sealed class MetricsCsvTests
{
    [Fact]
    public void Every_metric_becomes_a_row_with_its_label_and_dotted_name()
    {
        var document = JsonNode.Parse("""
            {
              "analysisId": "a1", "seriesId": "s1", "engine": "random-walker", "version": "1.0.0",
              "parameters": { "beta": 130 },
              "metrics": {
                "voxelVolumeMl": 0.027,
                "spacingMm": [3, 3, 2.5],
                "labels": [
                  { "label": 1, "voxelCount": 3448, "volumeMl": 93.1, "boundingBox": { "min": [1, 2, 3], "max": [4, 5, 6] } },
                  { "label": 2, "voxelCount": 10, "mean": null }
                ],
                "preconditioner": "Amg, with \"smoothing\"",
                "solves": [ { "label": 1, "converged": true } ]
              }
            }
            """)!;

        var lines = Encoding.UTF8.GetString(MetricsCsv.Write(document)).Split("\r\n");

        Assert.Equal(
        [
            "analysis_id,engine,version,label,metric,value",
            "a1,random-walker,1.0.0,,voxelVolumeMl,0.027",
            "a1,random-walker,1.0.0,,spacingMm,3 3 2.5",
            "a1,random-walker,1.0.0,1,labels.voxelCount,3448",
            "a1,random-walker,1.0.0,1,labels.volumeMl,93.1",
            "a1,random-walker,1.0.0,1,labels.boundingBox.min,1 2 3",
            "a1,random-walker,1.0.0,1,labels.boundingBox.max,4 5 6",
            "a1,random-walker,1.0.0,2,labels.voxelCount,10",
            "a1,random-walker,1.0.0,2,labels.mean,",
            "a1,random-walker,1.0.0,,preconditioner,\"Amg, with \"\"smoothing\"\"\"",
            "a1,random-walker,1.0.0,1,solves.converged,true",
            "",
        ], lines);
    }

    [Fact]
    public void A_document_without_metrics_is_the_header_alone()
    {
        var csv = Encoding.UTF8.GetString(MetricsCsv.Write(JsonNode.Parse("""{"analysisId": "a2", "engine": "tv-denoise", "version": "1.0.0"}""")!));

        Assert.Equal("analysis_id,engine,version,label,metric,value\r\n", csv);
    }
}
