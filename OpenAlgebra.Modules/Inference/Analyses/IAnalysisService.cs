using OpenAlgebra.Modules.Compliance.Audit;

namespace OpenAlgebra.Modules.Inference.Analyses;

/// <summary>
/// Analyses as jobs: submitted (validated, recorded Queued, queued on Hangfire's <c>gpu</c> queue for heavy engines and
/// <c>default</c> for light ones), run with progress and a time limit, cancelled on request, reviewed once succeeded.
/// </summary>
public interface IAnalysisService
{
    /// <exception cref="InferenceRequestException">Unknown engine or version, missing series, bad seeds or parameters; the field is named.</exception>
    /// <exception cref="InferenceConflictException">No version given and the engine has none active.</exception>
    Task<Analysis> SubmitAsync(AnalysisSubmission submission, CancellationToken cancellationToken = default);

    /// <exception cref="InferenceNotFoundException">No such analysis.</exception>
    Task<Analysis> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <exception cref="InferenceRequestException">An unknown state, or a limit out of range.</exception>
    Task<IReadOnlyList<Analysis>> ListAsync(AnalysisQuery query, CancellationToken cancellationToken = default);

    /// <summary>The analyses of each of these series counted by state (a study list's column); series without any are left out.</summary>
    Task<IReadOnlyDictionary<string, AnalysisTally>> TallyAsync(IReadOnlyCollection<string> seriesIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// A queued analysis is cancelled at once; a running one is asked to stop (its engine sees the cancellation within
    /// a second, on this instance or another) and ends Cancelled. Cancelling a cancelled analysis changes nothing.
    /// </summary>
    /// <exception cref="InferenceNotFoundException">No such analysis.</exception>
    /// <exception cref="InferenceConflictException">It has already succeeded or failed.</exception>
    Task<Analysis> CancelAsync(string id, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>Records the clinician's sign-off (<c>accept</c> or <c>reject</c>, with a comment), once, audited.</summary>
    /// <exception cref="InferenceRequestException">The decision is not accept or reject.</exception>
    /// <exception cref="InferenceConflictException">The analysis has not succeeded, or was reviewed already.</exception>
    Task<Analysis> ReviewAsync(string id, string? decision, string? comment, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>Opens a result file; each export is audited (110106 Export).</summary>
    /// <exception cref="InferenceNotFoundException">No such analysis, or it produced no such result.</exception>
    /// <exception cref="InferenceConflictException">The analysis has not succeeded.</exception>
    Task<AnalysisResultFile> OpenResultAsync(string id, string name, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>Removes the analyses of a series with their result objects (its study is being deleted); a running one stops.</summary>
    /// <returns>How many result objects were deleted.</returns>
    Task<int> DeleteForSeriesAsync(string seriesId, CancellationToken cancellationToken = default);
}
